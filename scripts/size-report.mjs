#!/usr/bin/env node
// Prints the sizes of what the web page ships (raw, gzip -9, brotli q11, all
// with node:zlib), writes them to dist/size-report.json, and exits 1 when the
// wasm's gzip size is over `budget.wasm-gzip` in wasm-pack.toml.
//
//     node scripts/size-report.mjs [--pkg www/pkg] [--single dist/msstd-check.html] [--out dist/size-report.json]

import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

function arg(name, fallback) {
  const i = process.argv.indexOf(name);
  return resolve(root, i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback);
}
const pkgDir = arg("--pkg", "www/pkg");
const singleFile = arg("--single", "dist/msstd-check.html");
const outFile = arg("--out", "dist/size-report.json");

function measure(buf) {
  return {
    raw: buf.length,
    gzip: gzipSync(buf, { level: 9 }).length,
    brotli: brotliCompressSync(buf, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: buf.length,
      },
    }).length,
  };
}

function entry(label, paths) {
  const files = paths.map((p) => resolve(root, p));
  const missing = files.filter((f) => !existsSync(f));
  if (missing.length) {
    return { label, files: files.map((f) => relative(root, f)), missing: missing.map((f) => relative(root, f)) };
  }
  const buf = Buffer.concat(files.map((f) => readFileSync(f)));
  return { label, files: files.map((f) => relative(root, f)), ...measure(buf) };
}

const rows = [
  entry("wasm", [join(pkgDir, "msstd_check_bg.wasm")]),
  entry("JS glue", [join(pkgDir, "msstd_check.js")]),
  entry("app.js + style.css", ["www/app.js", "www/style.css"]),
  entry("samples.js", ["www/samples.js"]),
  entry("index.html", ["www/index.html"]),
  entry("single HTML file", [singleFile]),
];

// The budget: one number in wasm-pack.toml's [budget] table (read with a regex;
// the file is TOML, and this is the only key needed).
let budget = null;
const tomlPath = join(root, "wasm-pack.toml");
if (existsSync(tomlPath)) {
  const toml = readFileSync(tomlPath, "utf8");
  const table = toml.match(/^\[budget\][ \t]*(?:#.*)?$([\s\S]*?)(?=^\[|(?![\s\S]))/m);
  const m = table && table[1].match(/^[ \t]*"?wasm-gzip"?[ \t]*=[ \t]*([0-9][0-9_]*)/m);
  if (m) budget = Number(m[1].replace(/_/g, ""));
}

const fmt = (n) => (typeof n === "number" ? n.toLocaleString("en-US") : "-");
const header = ["", "raw", "gzip -9", "brotli"];
const table = [header, ...rows.map((r) => (r.missing ? [r.label, "missing", "", ""] : [r.label, fmt(r.raw), fmt(r.gzip), fmt(r.brotli)]))];
const widths = header.map((_, c) => Math.max(...table.map((row) => row[c].length)));
const line = (row) => row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join("  ");
console.log("Sizes in bytes");
console.log(line(table[0]));
console.log(widths.map((w) => "-".repeat(w)).join("  "));
for (const row of table.slice(1)) console.log(line(row));

const wasm = rows[0];
let status = "ok";
let message;
if (wasm.missing) {
  status = "missing";
  message = `the wasm is missing (${wasm.missing.join(", ")}): run bash scripts/build-web.sh`;
} else if (budget === null) {
  status = "no-budget";
  message = "no budget.wasm-gzip in wasm-pack.toml; nothing checked";
} else if (wasm.gzip > budget) {
  status = "over";
  message = `wasm gzip ${fmt(wasm.gzip)} B is OVER the budget of ${fmt(budget)} B by ${fmt(wasm.gzip - budget)} B`;
} else {
  message = `wasm gzip ${fmt(wasm.gzip)} B is within the budget of ${fmt(budget)} B (${fmt(budget - wasm.gzip)} B to spare)`;
}
console.log(message);

const report = {
  budget: { "wasm-gzip": budget, status, message },
  sizes: Object.fromEntries(rows.map(({ label, ...rest }) => [label, rest])),
};
mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(outFile, `${JSON.stringify(report, null, 2)}\n`);
console.log(`wrote ${relative(root, outFile)}`);

if (status === "over" || status === "missing") process.exit(1);

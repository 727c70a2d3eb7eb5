#!/usr/bin/env node
// Prints the sizes of what the web page ships (raw, gzip -9, brotli q11, all
// with node:zlib), writes them to dist/size-report.json, and exits 1 when
// either engine's wasm is over its gzip budget in wasm-pack.toml (or missing):
// the core engine ([build.core], budget `wasm-gzip`) and the full engine
// ([build.full], budget `full-wasm-gzip`); each [build.<engine>] table names
// its budget key, and [build] engines lists the engines.
//
//     node scripts/size-report.mjs [--pkg www/pkg] [--single dist/msstd-check.html] [--out dist/size-report.json]

import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
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

// wasm-pack.toml, read with Python's tomllib (as scripts/toolchain.py does).
function readConfig() {
  try {
    const json = execFileSync(
      "python3",
      ["-c", "import json, sys, tomllib; print(json.dumps(tomllib.load(open(sys.argv[1], 'rb'))))", join(root, "wasm-pack.toml")],
      { encoding: "utf8" },
    );
    return JSON.parse(json);
  } catch (err) {
    console.error(`size-report: cannot read wasm-pack.toml: ${err.message}`);
    process.exit(1);
  }
}
const config = readConfig();
const build = config.build || {};
const budgets = config.budget || {};
const engines = (Array.isArray(build.engines) ? build.engines : ["core"]).map((name) => {
  const table = build[name] || {};
  const outName = table["out-name"] || "msstd_check";
  const budgetKey = table.budget || null;
  return {
    name,
    outName,
    budgetKey,
    budget: budgetKey && typeof budgets[budgetKey] === "number" ? budgets[budgetKey] : null,
  };
});

const rows = [];
for (const e of engines) {
  e.row = entry(`${e.name} engine wasm`, [join(pkgDir, `${e.outName}_bg.wasm`)]);
  rows.push(e.row, entry(`${e.name} engine JS glue`, [join(pkgDir, `${e.outName}.js`)]));
}
rows.push(
  // The page's modules: www/app.js and www/js/ (sorted, for a stable count).
  entry("app.js + js/ + style.css", [
    "www/app.js",
    ...readdirSync(join(root, "www", "js"), { recursive: true })
      .filter((f) => f.endsWith(".js"))
      .sort()
      .map((f) => join("www", "js", f)),
    "www/style.css",
  ]),
  entry("worker.js", ["www/worker.js"]),
  entry("samples.js", ["www/samples.js"]),
  entry("index.html", ["www/index.html"]),
  entry("single HTML file", [singleFile]),
);

const fmt = (n) => (typeof n === "number" ? n.toLocaleString("en-US") : "-");
const header = ["", "raw", "gzip -9", "brotli"];
const table = [header, ...rows.map((r) => (r.missing ? [r.label, "missing", "", ""] : [r.label, fmt(r.raw), fmt(r.gzip), fmt(r.brotli)]))];
const widths = header.map((_, c) => Math.max(...table.map((row) => row[c].length)));
const line = (row) => row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join("  ");
console.log("Sizes in bytes");
console.log(line(table[0]));
console.log(widths.map((w) => "-".repeat(w)).join("  "));
for (const row of table.slice(1)) console.log(line(row));

// Each engine's wasm against its budget.
const checks = engines.map((e) => {
  const wasm = e.row;
  const what = `${e.name} engine wasm (${e.outName}_bg.wasm)`;
  let status = "ok";
  let message;
  if (wasm.missing) {
    status = "missing";
    message = `the ${what} is missing (${wasm.missing.join(", ")}): run bash scripts/build-web.sh`;
  } else if (e.budget === null) {
    status = "no-budget";
    message = `no budget${e.budgetKey ? `.${e.budgetKey}` : ""} in wasm-pack.toml for the ${what}; nothing checked`;
  } else if (wasm.gzip > e.budget) {
    status = "over";
    message = `${what}: gzip ${fmt(wasm.gzip)} B is OVER the budget ${e.budgetKey} of ${fmt(e.budget)} B by ${fmt(wasm.gzip - e.budget)} B`;
  } else {
    message = `${what}: gzip ${fmt(wasm.gzip)} B is within the budget ${e.budgetKey} of ${fmt(e.budget)} B (${fmt(e.budget - wasm.gzip)} B to spare)`;
  }
  console.log(message);
  return { engine: e.name, file: wasm.files[0], key: e.budgetKey, budget: e.budget, gzip: wasm.gzip ?? null, status, message };
});
const failed = checks.filter((c) => c.status === "over" || c.status === "missing");
const status = failed.length ? failed[0].status : checks.every((c) => c.status === "ok") ? "ok" : "no-budget";

const report = {
  budget: {
    // one number per budget key ("wasm-gzip", "full-wasm-gzip"), as in wasm-pack.toml
    ...Object.fromEntries(checks.map((c) => [c.key || c.engine, c.budget])),
    status,
    message: checks.map((c) => c.message).join("; "),
    engines: checks,
  },
  sizes: Object.fromEntries(rows.map(({ label, ...rest }) => [label, rest])),
};
mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(outFile, `${JSON.stringify(report, null, 2)}\n`);
console.log(`wrote ${relative(root, outFile)}`);

if (failed.length) process.exit(1);

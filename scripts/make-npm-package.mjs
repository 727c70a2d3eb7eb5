#!/usr/bin/env node
// Lays out the npm package msstd-check in <stage-dir> from an engine's build
// (scripts/build-npm.sh gives it [build.npm]'s, in target/npm-engine: wasm-bindgen --target web glue, its types and the optimised
// wasm) and npm/ (the Node and browser entries, the package README), with the
// version and description of Cargo.toml. scripts/build-npm.sh packs it.
//
//     node scripts/make-npm-package.mjs <pkg-dir> <engine out-name> <stage-dir>
//     node scripts/make-npm-package.mjs target/npm-engine msstd_check_full target/npm-package
//
// The layout follows wasm-pack's and npm's conventions: ESM ("type": "module"),
// conditional "exports" (a "node" entry that loads its wasm itself, a
// "browser"/"default" entry that is the glue with its init()), "types", the
// wasm file exported for bundlers, no dependencies.

import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

function fail(message) {
  console.error(`make-npm-package: ${message}`);
  process.exit(1);
}

const [pkgArg, name, stageArg] = process.argv.slice(2);
if (!pkgArg || !name || !stageArg) fail("usage: node scripts/make-npm-package.mjs <pkg-dir> <engine out-name> <stage-dir>");
const pkgDir = resolve(pkgArg);
const stage = resolve(stageArg);

/** A key of Cargo.toml's [package] table (a one-line string value). */
function cargoPackage(key) {
  const toml = readFileSync(join(root, "Cargo.toml"), "utf8");
  const table = toml.split(/^\[/m).find((t) => t.startsWith("package]"));
  const found = table && table.match(new RegExp(`^${key}\\s*=\\s*"([^"]*)"`, "m"));
  if (!found) fail(`Cargo.toml has no [package] ${key}`);
  return found[1];
}

const version = cargoPackage("version");
const glue = `${name}.js`;
const wasm = `${name}_bg.wasm`;
const types = `${name}.d.ts`;

rmSync(stage, { recursive: true, force: true });
mkdirSync(stage, { recursive: true });
const copy = (from, to) => {
  try {
    copyFileSync(from, join(stage, to));
  } catch (err) {
    fail(`cannot copy ${from}: ${err.message}`);
  }
};
for (const file of [glue, wasm, types]) copy(join(pkgDir, file), file);
copy(join(root, "npm", "node.js"), "node.js");
copy(join(root, "npm", "web.js"), "web.js");
copy(join(root, "LICENSE-MIT"), "LICENSE-MIT");
copy(join(root, "LICENSE-APACHE"), "LICENSE-APACHE");

// The glue's layout, as the entries rely on it.
const glueText = readFileSync(join(stage, glue), "utf8");
for (const fn of ["analyze", "reportText", "compare", "compareText", "version"]) {
  if (!new RegExp(`^export function ${fn}\\(`, "m").test(glueText)) fail(`${glue} exports no function ${fn}()`);
}
if (!/^export \{ initSync, __wbg_init as default \};$/m.test(glueText)) fail(`${glue} has no default export (init)`);
// wasm-bindgen declares the options argument as required (`options:
// AnalyzeOptions | undefined`) though analyze(), reportText(), compare() and compareText() take it
// optional (undefined or null: the defaults); the package declares it so.
let typesText = readFileSync(join(stage, types), "utf8");
for (const fn of ["analyze", "reportText"]) {
  const declared = `export function ${fn}(input: AnalyzeInput, options: AnalyzeOptions | undefined)`;
  if (typesText.split(declared).length !== 2) fail(`${types}: expected one "${declared}"`);
  typesText = typesText.replace(declared, `export function ${fn}(input: AnalyzeInput, options?: AnalyzeOptions | null)`);
}
for (const fn of ["compare", "compareText"]) {
  const declared = `export function ${fn}(old: AnalyzeInput, renewal: AnalyzeInput, options: AnalyzeOptions | undefined)`;
  if (typesText.split(declared).length !== 2) fail(`${types}: expected one "${declared}"`);
  typesText = typesText.replace(declared, `export function ${fn}(old: AnalyzeInput, renewal: AnalyzeInput, options?: AnalyzeOptions | null)`);
}
writeFileSync(join(stage, types), typesText);
for (const type of ["export type Report =", "export type Comparison =", "export type AnalyzeOptions =", "export type AnalyzeInput ="]) {
  if (!typesText.includes(type)) fail(`${types} lacks "${type}"`);
}

// Types: the glue's declarations serve both entries (the Node entry has the
// same exports; its init() and initSync() only return the loaded engine).
const entry = (file) => ({ types: `./${types}`, default: `./${file}` });
const manifest = {
  name: "msstd-check",
  version,
  description: cargoPackage("description"),
  license: cargoPackage("license"),
  keywords: ["exchange", "outlook-anywhere", "rpc-over-http", "certificate", "x509", "msstd", "wasm"],
  type: "module",
  main: "./node.js",
  module: "./web.js",
  browser: "./web.js",
  types: `./${types}`,
  exports: {
    ".": { browser: entry("web.js"), node: entry("node.js"), default: entry("web.js") },
    [`./${wasm}`]: `./${wasm}`,
    "./package.json": "./package.json",
  },
  files: [glue, wasm, types, "node.js", "web.js", "LICENSE-MIT", "LICENSE-APACHE", "README.md"],
  sideEffects: ["./node.js"],
  engines: { node: ">=20" },
};
writeFileSync(join(stage, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);

// The README, with this build's version and sizes.
const size = (file) => {
  const bytes = readFileSync(join(stage, file));
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
};
const n = (x) => x.toLocaleString("en-US");
const kb = (x) => `${n(x)} (${Math.round(x / 1024)} KB)`;
const wasmSize = size(wasm);
const glueSize = size(glue);
const values = {
  VERSION: version,
  WASM_BYTES: kb(wasmSize.raw),
  WASM_GZIP: kb(wasmSize.gzip),
  GLUE_BYTES: kb(glueSize.raw),
  GLUE_GZIP: kb(glueSize.gzip),
};
let readme = readFileSync(join(root, "npm", "README.md"), "utf8");
readme = readme.replace(/\{\{([A-Z_]+)\}\}/g, (whole, key) => {
  if (!(key in values)) fail(`npm/README.md: unknown placeholder ${whole}`);
  return values[key];
});
writeFileSync(join(stage, "README.md"), readme);
console.log(`laid out msstd-check ${version} in ${stageArg}: ${wasm} ${n(wasmSize.raw)} bytes, ${n(wasmSize.gzip)} gzip`);

#!/usr/bin/env node
// The differential check of scripts/same-reports.sh for the wasm engines: two
// builds of an engine write the report's JSON text (analyzeParts: the report
// and its certificates, as the page's worker gets them) for the same inputs,
// and every pair must be byte for byte the same. The command line writes its
// JSON with serde_json; the engines with src/json_text.rs, which only this
// check and the library's serde_json comparison tests cover. Run by hand:
//
//     bash scripts/build-engine.sh core /tmp/before
//     ... change the code ...
//     bash scripts/build-engine.sh core /tmp/after
//     node scripts/same-reports-wasm.mjs /tmp/before /tmp/after
//
// A DIR holds msstd_check.js + msstd_check_bg.wasm (the core engine) or
// msstd_check_full.js + msstd_check_full_bg.wasm. Inputs: every file under
// tests/fixtures and ../shared/corpus/real, as bytes; each again as text when
// it is UTF-8; and every Exchange fixture joined with every PEM fixture, in
// both orders. Exits 1 when any report differs.
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const root = resolve(import.meta.dirname, "..");
const [oldDir, newDir] = process.argv.slice(2).map((d) => resolve(d));
if (!oldDir || !newDir) {
  console.error("usage: node scripts/same-reports-wasm.mjs OLD_DIR NEW_DIR");
  process.exit(2);
}
process.removeAllListeners("warning");

async function engine(dir) {
  const name = existsSync(join(dir, "msstd_check.js")) ? "msstd_check" : "msstd_check_full";
  const glue = await import(pathToFileURL(join(dir, `${name}.js`)).href + `?${dir}`);
  glue.initSync({ module: readFileSync(join(dir, `${name}_bg.wasm`)) });
  return glue;
}

function files(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .flatMap((f) => {
      const path = join(dir, f);
      return statSync(path).isDirectory() ? files(path) : [path];
    });
}

const [before, after] = [await engine(oldDir), await engine(newDir)];
const options = { msstd: "msstd:mail.contoso.com", host: "mail.contoso.com", at: "2026-11-25T00:00:00Z", password: "Contoso!2025" };
const inputs = [];
for (const path of [...files(join(root, "tests/fixtures")), ...files(join(root, "../shared/corpus/real"))]) {
  const bytes = new Uint8Array(readFileSync(path));
  inputs.push([path, { name: path, bytes }]);
  try {
    inputs.push([`${path} (text)`, new TextDecoder("utf-8", { fatal: true }).decode(bytes)]);
  } catch {}
}
const exchange = files(join(root, "tests/fixtures/exchange"));
const pems = files(join(root, "tests/fixtures/certs")).filter((f) => f.endsWith(".pem"));
for (const settings of exchange) {
  for (const pem of pems) {
    const [s, p] = [readFileSync(settings, "utf8"), readFileSync(pem, "utf8")];
    inputs.push([`${settings} + ${pem}`, s + p], [`${pem} + ${settings}`, p + s]);
  }
}

const text = (glue, input) => {
  try {
    const parts = glue.analyzeParts(input, options, false, 1000);
    return JSON.stringify([parts.report, parts.certificates, parts.needsFullEngine]);
  } catch (error) {
    return `error: ${error}`;
  }
};
let differ = 0;
for (const [name, input] of inputs) {
  if (text(before, input) !== text(after, input)) {
    differ += 1;
    console.log(`differs: ${name}`);
  }
}
console.log(`${inputs.length} inputs, ${differ} with different reports`);
process.exit(differ === 0 ? 0 : 1);

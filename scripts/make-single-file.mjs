#!/usr/bin/env node
// Builds the single self-contained page: one HTML file with the wasm-bindgen
// glue of both engines, the page script, the samples, the CSS and both wasm
// modules (base64) inlined. It works when opened from disk (file://), where
// the multi-file page cannot (browsers refuse module scripts from file://).
//
//     node scripts/make-single-file.mjs <pkg-dir> <out-file>
//     node scripts/make-single-file.mjs www/pkg dist/msstd-check.html
//
// The two engines (see wasm-pack.toml's [build.core] and [build.full]):
//   * the core engine's glue runs at load and its wasm is instantiated at once;
//   * the full engine's glue is inlined in the same module script, but inside a
//     function that is only called when an input needs the full engine; its
//     wasm stays base64 text in a non-executing <script type="application/octet-stream">
//     until then. So nothing of it runs, and no second script (no Blob URL,
//     no eval) is needed: the CSP stays hash-based.
//
// The page keeps a strict Content-Security-Policy: the inline script and style
// are allowed by their SHA-256 hashes (computed here over their exact text),
// WebAssembly by 'wasm-unsafe-eval', and nothing may be fetched
// (connect-src 'none').
//
// This depends on how wasm-bindgen (0.2.130, --target web) lays out its glue:
// `export function ...` declarations, a final `export { initSync, __wbg_init as default };`
// and an internal `__wbg_init`. The script checks that layout and fails loudly
// when it changes, instead of writing a broken page.

import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const www = join(root, "www");

function fail(message) {
  console.error(`make-single-file: ${message}`);
  process.exit(1);
}

const [pkgArg, outArg] = process.argv.slice(2);
if (!pkgArg || !outArg) fail("usage: node scripts/make-single-file.mjs <pkg-dir> <out-file>");
const pkgDir = resolve(pkgArg);
const outFile = resolve(outArg);

function read(path, encoding = "utf8") {
  try {
    const text = readFileSync(path, encoding);
    // One line-ending convention, so the hashes match what the browser parses.
    return encoding ? text.replace(/\r\n?/g, "\n") : text;
  } catch (err) {
    fail(`cannot read ${path}: ${err.message}`);
  }
}

/** Replaces `find` (a string or regex) exactly once, or fails. */
function replaceOnce(text, find, replacement, what) {
  const matches = typeof find === "string" ? text.split(find).length - 1 : (text.match(new RegExp(find.source, `${find.flags.replace("g", "")}g`)) || []).length;
  if (matches !== 1) fail(`${what}: expected exactly one match, found ${matches}`);
  return text.replace(find, () => replacement);
}

// ------------------------------------------------------------------ the glue
// The out-names of the two engines (wasm-pack.toml build.core / build.full
// out-name; www/app.js imports ./pkg/msstd_check_full.js by the same name).
const ENGINES = { core: "msstd_check", full: "msstd_check_full" };

/** The glue of `name` with its import/export statements removed (the body of a function). */
function glueBody(name) {
  let glue = read(join(pkgDir, `${name}.js`));
  glue = replaceOnce(glue, /^export \{ initSync, __wbg_init as default \};\n?/m, "", `${name}.js's final export list`);
  glue = glue.replace(/^export (?=(async )?function |const |let |class )/gm, "");
  if (/^\s*(export|import)\b/m.test(glue)) fail(`${name}.js still has import/export statements: wasm-bindgen changed its layout`);
  for (const fn of ["__wbg_init", "analyze", "reportText", "version"]) {
    if (!new RegExp(`^(async )?function ${fn}\\(`, "m").test(glue)) fail(`${name}.js has no function ${fn}()`);
  }
  return `${glue}\nreturn { __wbg_init, analyze, reportText, version };\n`;
}
const coreGlue = glueBody(ENGINES.core);
const fullGlue = glueBody(ENGINES.full);

// --------------------------------------------------------------- the samples
let samples = read(join(www, "samples.js"));
samples = replaceOnce(samples, /^export const SAMPLES = /m, "const SAMPLES = ", "samples.js export");

// ------------------------------------------------------------------- the app
let app = read(join(www, "app.js"));
app = replaceOnce(app, /^import \{ SAMPLES \} from "\.\/samples\.js";\n/m, "", "app.js import of samples.js");
const marker = app.indexOf("// @bootstrap-served");
if (marker < 0) fail("app.js has no // @bootstrap-served marker");
app = app.slice(0, marker);
app = replaceOnce(app, /^export async function start\(/m, "async function start(", "app.js export of start()");
if (/^\s*(export|import)\b/m.test(app)) fail("app.js has import/export statements the single file cannot keep");

const bootstrap = `// Single-file bootstrap: each engine's wasm is the base64 text of a
// non-executing script element; the full engine's is decoded, and its glue
// run, only when start() asks for it (an input that needs it).
function __msstdWasmBytes(id) {
  const text = document.getElementById(id).textContent.replace(/\\s+/g, "");
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
start(
  async () => {
    await __msstdGlue.__wbg_init({ module_or_path: __msstdWasmBytes("msstd-wasm") });
    return __msstdGlue;
  },
  async () => {
    const glue = __msstdFullGlue();
    await glue.__wbg_init({ module_or_path: __msstdWasmBytes("msstd-wasm-full") });
    return glue;
  },
);
`;

const script =
  `\n// wasm-bindgen glue of the core engine (www/pkg/${ENGINES.core}.js), exports removed, in its own scope.\n` +
  `const __msstdGlue = (() => {\n${coreGlue}})();\n\n` +
  `// wasm-bindgen glue of the full engine (www/pkg/${ENGINES.full}.js), exports removed: a function,\n` +
  `// called (once) only when an input needs the full engine.\n` +
  `const __msstdFullGlue = () => {\n${fullGlue}};\n\n` +
  `// www/samples.js\n${samples}\n` +
  `// www/app.js\n${app}\n${bootstrap}`;
for (const bad of [/<\/script/i, /<!--/, /<script/i]) {
  if (bad.test(script)) fail(`the inline script contains ${bad}, which would break the HTML`);
}

// ------------------------------------------------------------------- the CSS
const css = `\n${read(join(www, "style.css"))}`;
if (/<\/style/i.test(css)) fail("style.css contains </style");

// ------------------------------------------------------------------ the wasm
function wasmBase64(name) {
  const wasm = readFileSync(join(pkgDir, `${name}_bg.wasm`));
  if (wasm.length < 8 || wasm.readUInt32LE(0) !== 0x6d736100) fail(`${name}_bg.wasm is not a wasm module`);
  return { size: wasm.length, b64: wasm.toString("base64") };
}
const coreWasm = wasmBase64(ENGINES.core);
const fullWasm = wasmBase64(ENGINES.full);

// ------------------------------------------------------------------ the page
const sha256 = (text) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;
const csp = [
  "default-src 'none'",
  `script-src ${sha256(script)} 'wasm-unsafe-eval'`,
  `style-src ${sha256(css)}`,
  "img-src data:",
  "connect-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join("; ");

let html = read(join(www, "index.html"));
html = replaceOnce(
  html,
  /<meta http-equiv="Content-Security-Policy" content="[^"]*">/,
  `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
  "index.html CSP meta tag",
);
html = replaceOnce(html, '<link rel="stylesheet" href="style.css">', `<style>${css}</style>`, "index.html stylesheet link");
html = replaceOnce(html, '<script type="module" src="app.js"></script>', `<script type="module">${script}</script>`, "index.html app.js script");
html = replaceOnce(
  html,
  "</body>",
  `<script type="application/octet-stream" id="msstd-wasm">${coreWasm.b64}</script>\n` +
    `<script type="application/octet-stream" id="msstd-wasm-full">${fullWasm.b64}</script>\n</body>`,
  "index.html </body>",
);
html = replaceOnce(
  html,
  "<!doctype html>\n",
  "<!doctype html>\n<!-- msstd-check, single self-contained file: generated by scripts/make-single-file.mjs from www/; runs offline. -->\n",
  "index.html doctype",
);
if (/\b(src|href)="(?!data:|#)[^"]*"/.test(html)) fail("the page still refers to an outside file");

mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(outFile, html);
const n = (x) => x.toLocaleString("en-US");
console.log(`wrote ${outArg}: ${n(Buffer.byteLength(html))} bytes (wasm inlined: core ${n(coreWasm.size)} bytes, full ${n(fullWasm.size)} bytes)`);

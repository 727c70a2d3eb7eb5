#!/usr/bin/env node
// Builds the single self-contained page: one HTML file with the wasm-bindgen
// glue, the page script, the samples, the CSS and the wasm (base64) inlined.
// It works when opened from disk (file://), where the multi-file page cannot
// (browsers refuse module scripts from file://).
//
//     node scripts/make-single-file.mjs <pkg-dir> <out-file>
//     node scripts/make-single-file.mjs www/pkg dist/msstd-check.html
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
let glue = read(join(pkgDir, "msstd_check.js"));
glue = replaceOnce(glue, /^export \{ initSync, __wbg_init as default \};\n?/m, "", "glue's final export list");
glue = glue.replace(/^export (?=(async )?function |const |let |class )/gm, "");
if (/^\s*(export|import)\b/m.test(glue)) fail("the glue still has import/export statements: wasm-bindgen changed its layout");
for (const name of ["__wbg_init", "analyze", "reportText", "version"]) {
  if (!new RegExp(`^(async )?function ${name}\\(`, "m").test(glue)) fail(`the glue has no function ${name}()`);
}

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

const bootstrap = `// Single-file bootstrap: the wasm is the base64 text of #msstd-wasm.
start(async () => {
  const text = document.getElementById("msstd-wasm").textContent.replace(/\\s+/g, "");
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  await __msstdGlue.__wbg_init({ module_or_path: bytes });
  return __msstdGlue;
});
`;

const script =
  "\n// wasm-bindgen glue (www/pkg/msstd_check.js), exports removed, in its own scope.\n" +
  `const __msstdGlue = (() => {\n${glue}\nreturn { __wbg_init, analyze, reportText, version };\n})();\n\n` +
  `// www/samples.js\n${samples}\n` +
  `// www/app.js\n${app}\n${bootstrap}`;
for (const bad of [/<\/script/i, /<!--/, /<script/i]) {
  if (bad.test(script)) fail(`the inline script contains ${bad}, which would break the HTML`);
}

// ------------------------------------------------------------------- the CSS
const css = `\n${read(join(www, "style.css"))}`;
if (/<\/style/i.test(css)) fail("style.css contains </style");

// ------------------------------------------------------------------ the wasm
const wasm = readFileSync(join(pkgDir, "msstd_check_bg.wasm"));
if (wasm.length < 8 || wasm.readUInt32LE(0) !== 0x6d736100) fail("msstd_check_bg.wasm is not a wasm module");
const wasmB64 = wasm.toString("base64");

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
  `<script type="application/octet-stream" id="msstd-wasm">${wasmB64}</script>\n</body>`,
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
console.log(`wrote ${outArg}: ${Buffer.byteLength(html).toLocaleString("en-US")} bytes (wasm ${wasm.length.toLocaleString("en-US")} bytes inlined)`);

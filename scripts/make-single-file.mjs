#!/usr/bin/env node
// Builds the single self-contained page: one HTML file with the wasm-bindgen
// glue of both engines, the engine worker, the page's modules (www/app.js and
// what it imports, joined by scripts/join-modules.mjs), the CSS and both wasm
// modules (base64) inlined. It works when opened from disk
// (file://), where the multi-file page cannot (browsers refuse module scripts
// from file://).
//
//     node scripts/make-single-file.mjs <pkg-dir> <out-file>
//     node scripts/make-single-file.mjs www/pkg dist/msstd-check.html
//
// The engines run in a Web Worker, as in the served page (www/worker.js):
//   * the page's one module script defines __msstdEngine(), a function that
//     holds the glue of both engines and the engine host of www/worker.js
//     (everything before its "@bootstrap-served" marker); the page never calls
//     it itself (see the fallback below);
//   * the worker's script is made from that function's own source text
//     (Function.prototype.toString, which the language defines as the exact
//     source) as a Blob URL; the CSP allows worker-src blob:. It is a classic
//     worker: Chromium refuses module workers from Blob URLs on file:// pages
//     (their origin is opaque), and runs classic ones. The glue's only
//     `import.meta.url` (the default wasm path, never used here) is replaced.
//     A worker made from a Blob URL inherits the page's CSP (so its
//     WebAssembly is allowed by 'wasm-unsafe-eval', and it can fetch nothing);
//   * each engine's wasm is the base64 text of a non-executing
//     <script type="application/octet-stream">; the page decodes it and sends
//     the bytes with the worker's load request, the core engine's at start,
//     the full engine's only when an input needs it (its glue is inside a
//     function the worker calls only then);
//   * fallback: where no worker can start (a browser that refuses Blob URL
//     workers on file://, or does not know worker-src), the page calls
//     __msstdEngine() itself and runs the engines on its main thread: the same
//     results, but a big input then blocks the page while it is checked. The
//     page says which in <html data-thread="worker|page">.
// No second script element, no eval: the CSP stays hash-based.
//
// The page keeps a strict Content-Security-Policy: the inline script and style
// are allowed by their SHA-256 hashes (computed here over their exact text),
// WebAssembly by 'wasm-unsafe-eval', the worker by worker-src blob:, and
// nothing may be fetched (connect-src 'none').
//
// This depends on how wasm-bindgen (0.2.130, --target web) lays out its glue:
// `export function ...` declarations, a final `export { initSync, __wbg_init as default };`,
// an internal `__wbg_init` and one `import.meta.url`. The script checks that
// layout and fails loudly when it changes, instead of writing a broken page.

import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { JoinError, joinModules } from "./join-modules.mjs";

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
// out-name; www/worker.js imports ./pkg/msstd_check_full.js by the same name).
const ENGINES = { core: "msstd_check", full: "msstd_check_full" };

/** The glue of `name` with its import/export statements removed (the body of a function). */
function glueBody(name) {
  let glue = read(join(pkgDir, `${name}.js`));
  glue = replaceOnce(glue, /^export \{ initSync, __wbg_init as default \};\n?/m, "", `${name}.js's final export list`);
  glue = glue.replace(/^export (?=(async )?function |const |let |class )/gm, "");
  if (/^\s*(export|import)\b/m.test(glue)) fail(`${name}.js still has import/export statements: wasm-bindgen changed its layout`);
  // The default wasm path (unused: the bytes are always given); import.meta is
  // a syntax error in the classic worker.
  glue = replaceOnce(glue, "import.meta.url", "self.location.href", `${name}.js's import.meta.url`);
  if (/import\.meta/.test(glue)) fail(`${name}.js still uses import.meta`);
  // Every engine has these; the full engine also has the comparison (optional below).
  const required = ["__wbg_init", "analyze", "analyzeParts", "reportText", "certificatesDer", "version", "limits", "labels"];
  for (const fn of required) {
    if (!new RegExp(`^(async )?function ${fn}\\(`, "m").test(glue)) fail(`${name}.js has no function ${fn}()`);
  }
  const optional = ["compare", "compareText"].filter((fn) => new RegExp(`^(async )?function ${fn}\\(`, "m").test(glue));
  if (name === ENGINES.full && optional.length !== 2) fail(`${name}.js has no function compare() or compareText()`);
  const names = [...required, ...optional].join(", ");
  return `${glue}\nreturn { ${names} };\n`;
}
const coreGlue = glueBody(ENGINES.core);
const fullGlue = glueBody(ENGINES.full);

// ---------------------------------------------------------------- the worker
let worker = read(join(www, "worker.js"));
const workerMarker = worker.indexOf("// @bootstrap-served");
if (workerMarker < 0) fail("worker.js has no // @bootstrap-served marker");
worker = worker.slice(0, workerMarker);
if (/^\s*(export|import)\b/m.test(worker)) fail("worker.js has import/export statements the single file cannot keep");
for (const fn of ["createHost", "listen"]) {
  if (!new RegExp(`^function ${fn}\\(`, "m").test(worker)) fail(`worker.js has no function ${fn}()`);
}

// ------------------------------------------------------------------- the app
// www/app.js and the modules it imports (www/js/, www/samples.js), joined into
// one script (scripts/join-modules.mjs); the served bootstrap is left out.
let app;
try {
  ({ script: app } = joinModules(join(www, "app.js"), { cut: "// @bootstrap-served", read: (f) => read(f) }));
} catch (err) {
  if (!(err instanceof JoinError)) throw err;
  fail(err.message);
}
if (!/^async function start\(/m.test(app)) fail("app.js has no function start()");
if (!/^const \{[^}\n]*\bopenWorker\b[^}\n]*\} = /m.test(app)) fail("app.js does not import openWorker()");

// The engines and their host: run in the worker (its script is this
// function's source text), or on the page when no worker can start.
const engine = `function __msstdEngine() {
// wasm-bindgen glue of the core engine (www/pkg/${ENGINES.core}.js), exports removed, in its own scope.
const __msstdGlue = (() => {
${coreGlue}})();

// wasm-bindgen glue of the full engine (www/pkg/${ENGINES.full}.js), exports removed: a function,
// called (once) only when an input needs the full engine.
const __msstdFullGlue = () => {
${fullGlue}};

// www/worker.js (the engine host)
${worker}
return {
  createHost,
  listen,
  // Each engine from the wasm bytes the page sends with the load request.
  loaders: {
    core: async (wasm) => {
      await __msstdGlue.__wbg_init({ module_or_path: wasm });
      return __msstdGlue;
    },
    full: async (wasm) => {
      const glue = __msstdFullGlue();
      await glue.__wbg_init({ module_or_path: wasm });
      return glue;
    },
  },
};
}
`;

const bootstrap = `// Single-file bootstrap: the engines in a worker made from __msstdEngine's
// source (a Blob URL, classic worker), or on this page when no worker starts.
function __msstdWasmBytes(id) {
  const text = document.getElementById(id).textContent.replace(/\\s+/g, "");
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
// The engine host on this page, behind the worker's interface (postMessage,
// message events). Each request waits for the next frame first, so that what
// the page shows ("Checking…") is painted before the engine blocks it.
function __msstdPagePort() {
  const engine = __msstdEngine();
  const handle = engine.createHost(engine.loaders);
  const port = new EventTarget();
  const post = (data) => port.dispatchEvent(new MessageEvent("message", { data }));
  const nextFrame = () => new Promise((resolve) => {
    const timer = setTimeout(resolve, 50);
    requestAnimationFrame(() => setTimeout(() => { clearTimeout(timer); resolve(); }, 0));
  });
  port.thread = "page";
  port.postMessage = (message) => {
    nextFrame().then(() => handle(message, post));
  };
  port.terminate = () => {};
  return port;
}
start({
  connect: async () => {
    let url = null;
    try {
      const source = \`"use strict";\\nconst engine = (\${__msstdEngine.toString()})();\\nengine.listen(engine.createHost(engine.loaders));\\n\`;
      url = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
      return await openWorker(new Worker(url));
    } catch {
      // No worker here (see scripts/make-single-file.mjs): the engines run on this page.
      return __msstdPagePort();
    } finally {
      if (url) URL.revokeObjectURL(url);
    }
  },
  wasm: (name) => __msstdWasmBytes(name === "full" ? "msstd-wasm-full" : "msstd-wasm"),
});
`;

const script = `\n${engine}\n${app}\n${bootstrap}`;
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
  // the engine worker, made from a Blob URL by the page's own script
  "worker-src blob:",
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
// The served page's offline support (web app manifest, service worker) has no place in a file on disk.
html = replaceOnce(html, /<!-- @served-only[^]*?<!-- \/@served-only -->\n/, "", "index.html @served-only block");
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

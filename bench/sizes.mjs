#!/usr/bin/env node
// What a page that reads certificates has to download: msstd-check's (both
// engines, the glue, the page, the single file) against the alternatives.
// Run by hand after `bash scripts/build-web.sh` and `npm install`:
//
//     node bench/sizes.mjs
//
// Sizes in bytes: raw, gzip -9 and brotli (quality 11), with node:zlib, as
// scripts/size-report.mjs measures them (its dist/size-report.json is read
// for the budgets when present; the sizes are measured again here).
//   * msstd-check: the core and full engines' wasm and JS glue, the page's
//     own files (index.html, app.js, js/, worker.js, style.css, samples.js), the
//     single HTML file, and what a first visit downloads;
//   * @peculiar/x509 (npm): its unpacked size (the files of the installed
//     package, which is what npm's "unpacked size" counts) and with its npm
//     dependencies; its bundled browser build (build/x509.js, the "unpkg"
//     UMD bundle, minified, its ASN.1 dependencies inside) alone and with the
//     Reflect polyfill it requires (reflect-metadata);
//   * Node's crypto.X509Certificate: built into Node (OpenSSL); there is
//     nothing a web page could download.
// Writes bench/results/sizes.json.

import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { ROOT, fmt, machine, markdownTable, times, writeResults } from "./common.mjs";

function measure(buf) {
  return {
    raw: buf.length,
    gzip: gzipSync(buf, { level: 9 }).length,
    brotli: brotliCompressSync(buf, {
      params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: buf.length },
    }).length,
  };
}

function files(label, paths) {
  const abs = paths.map((p) => join(ROOT, p));
  const missing = abs.filter((f) => !existsSync(f)).map((f) => relative(ROOT, f));
  if (missing.length) return { label, files: paths, missing };
  return { label, files: paths, ...measure(Buffer.concat(abs.map((f) => readFileSync(f)))) };
}

/** Bytes of every file under `dir`. */
function treeBytes(dir) {
  let total = 0;
  let count = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      const sub = treeBytes(path);
      total += sub.bytes;
      count += sub.files;
    } else if (entry.isFile()) {
      total += statSync(path).size;
      count += 1;
    }
  }
  return { bytes: total, files: count };
}

/** An npm package and every package it depends on, from package-lock.json. */
function dependencyClosure(name) {
  const lock = JSON.parse(readFileSync(join(ROOT, "package-lock.json"), "utf8"));
  const seen = new Set();
  const visit = (path) => {
    if (seen.has(path) || !lock.packages[path]) return;
    seen.add(path);
    for (const dep of Object.keys(lock.packages[path].dependencies || {})) {
      // Node's resolution: nested node_modules first, then up the tree.
      let base = path;
      for (;;) {
        const candidate = `${base}/node_modules/${dep}`;
        if (lock.packages[candidate]) {
          visit(candidate);
          break;
        }
        const up = base.lastIndexOf("/node_modules/");
        if (up < 0) {
          visit(`node_modules/${dep}`);
          break;
        }
        base = base.slice(0, up);
      }
    }
  };
  visit(`node_modules/${name}`);
  return [...seen];
}

const pkg = "www/pkg";
// The page's own files: its HTML, modules (www/app.js, www/js/), worker, CSS and samples.
const page = [
  "www/index.html",
  "www/app.js",
  ...readdirSync(join(ROOT, "www", "js"), { recursive: true })
    .filter((f) => f.endsWith(".js"))
    .sort()
    .map((f) => `www/js/${f.split("\\").join("/")}`),
  "www/worker.js",
  "www/style.css",
  "www/samples.js",
];
const ours = [
  files("msstd-check core engine wasm", [`${pkg}/msstd_check_bg.wasm`]),
  files("msstd-check core engine JS glue", [`${pkg}/msstd_check.js`]),
  files("msstd-check full engine wasm (only when an input needs it)", [`${pkg}/msstd_check_full_bg.wasm`]),
  files("msstd-check full engine JS glue", [`${pkg}/msstd_check_full.js`]),
  files("the page: index.html, app.js, js/, worker.js, style.css, samples.js", page),
  files("first visit, served: the page + core engine (glue and wasm)", [
    ...page,
    `${pkg}/msstd_check.js`,
    `${pkg}/msstd_check_bg.wasm`,
  ]),
  files("the single HTML file (everything, both engines, base64)", ["dist/msstd-check.html"]),
];

const X509_DIR = "node_modules/@peculiar/x509";
const x509Version = JSON.parse(readFileSync(join(ROOT, X509_DIR, "package.json"), "utf8")).version;
const reflectVersion = JSON.parse(readFileSync(join(ROOT, "node_modules/reflect-metadata/package.json"), "utf8")).version;
const bundlePath = `${X509_DIR}/build/x509.js`; // the "unpkg" UMD bundle
const theirs = [
  files(`@peculiar/x509 ${x509Version} browser bundle (build/x509.js)`, [bundlePath]),
  files(`@peculiar/x509 browser bundle + reflect-metadata ${reflectVersion} (Reflect.js, required)`, [bundlePath, "node_modules/reflect-metadata/Reflect.js"]),
];
const unpacked = treeBytes(join(ROOT, X509_DIR));
const closure = dependencyClosure("@peculiar/x509");
const closureBytes = closure.map((p) => ({ path: p, ...treeBytes(join(ROOT, p)) }));
// The closure's directories may nest (tsyringe/node_modules/tslib): count each file once.
const topLevel = closureBytes.filter((c) => !closure.some((o) => o !== c.path && c.path.startsWith(`${o}/`)));
const installed = topLevel.reduce((n, c) => n + c.bytes, 0);

let budget = null;
try {
  budget = JSON.parse(readFileSync(join(ROOT, "dist", "size-report.json"), "utf8")).budget;
} catch {
  // no size report yet: the budgets are not shown
}

const m = machine();
const row = (r) => (r.missing ? [r.label, "missing", "", ""] : [r.label, fmt(r.raw), fmt(r.gzip), fmt(r.brotli)]);
console.log(`# Sizes (bytes)\n`);
console.log(markdownTable(["what", "raw", "gzip -9", "brotli"], [...ours.map(row), ...theirs.map(row)]));
console.log(
  `\n@peculiar/x509 ${x509Version} on npm: unpacked ${fmt(unpacked.bytes)} bytes (${unpacked.files} files); ` +
    `with its ${closure.length - 1} npm dependencies ${fmt(installed)} bytes installed.`,
);
console.log("Node's crypto.X509Certificate: built into Node (OpenSSL); a web page cannot download it (0 bytes here, but not available).");
const core = ours[0];
const x509 = theirs[0];
const x509r = theirs[1];
if (!core.missing && !x509.missing) {
  console.log(
    `\nCore engine wasm vs @peculiar/x509's bundle (+ polyfill), brotli: ${fmt(core.brotli)} vs ${fmt(x509.brotli)} (${fmt(x509r.brotli)}): ` +
      `${times(core.brotli / x509r.brotli)}; gzip: ${times(core.gzip / x509r.gzip)}.`,
  );
}
if (budget) console.log(`Budgets (scripts/size-report.mjs): ${budget.message}`);

writeResults("sizes.json", {
  benchmark: "sizes",
  machine: m,
  compression: "gzip level 9 and brotli quality 11, node:zlib",
  msstd_check: ours,
  alternatives: {
    "@peculiar/x509": {
      version: x509Version,
      browser_bundle: x509,
      browser_bundle_with_reflect_polyfill: x509r,
      npm_unpacked: { ...unpacked, note: "the installed package's files (what npm reports as unpacked size)" },
      npm_with_dependencies: { bytes: installed, packages: closure.map((p) => p.replace(/^node_modules\//, "")) },
    },
    "node:crypto X509Certificate": { note: "built into Node (OpenSSL); not downloadable in a web page" },
  },
  budget,
});

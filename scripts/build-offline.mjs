#!/usr/bin/env node
// Writes what the service worker (www/sw.js) needs from the build: the list
// of files to cache at install and the build's version, into
// www/pkg/sw-build.js (imported by sw.js; built, not kept in git).
//
//     node scripts/build-offline.mjs <www-dir> <on-demand file>...
//     node scripts/build-offline.mjs www pkg/msstd_check_full.js pkg/msstd_check_full_bg.wasm
//
// The files are every file under <www-dir> but the worker's own (sw.js,
// pkg/sw-build.js), TypeScript declarations and dot files; index.html is
// cached as the directory ("./", what a static host serves for it). The
// on-demand files (the full engine) are not cached at install: the worker
// keeps them the first time the page loads them. The version is a hash of the
// contents of all of them (and of sw.js), so any change of the page or an
// engine makes a new cache, and the browser sees a new worker.

import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";

function fail(message) {
  console.error(`build-offline: ${message}`);
  process.exit(1);
}

const [wwwArg, ...onDemand] = process.argv.slice(2);
if (!wwwArg) fail("usage: node scripts/build-offline.mjs <www-dir> <on-demand file>...");
const www = resolve(wwwArg);
const OUT = "pkg/sw-build.js";
const SKIP = new Set(["sw.js", OUT]);

/** Every file under `dir`, as paths relative to www with "/" separators. */
function walk(dir) {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith(".")) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...walk(path));
    else if (entry.isFile()) found.push(relative(www, path).split(sep).join("/"));
  }
  return found;
}

const all = walk(www).sort();
for (const file of onDemand) {
  if (!all.includes(file)) fail(`${file} (on demand) is not under ${wwwArg}: build the engines first`);
}
if (!all.includes("index.html")) fail(`${wwwArg}/index.html is missing`);
const precached = all.filter((f) => !SKIP.has(f) && !f.endsWith(".d.ts") && !onDemand.includes(f));

const hash = createHash("sha256");
for (const file of [...precached, ...onDemand, "sw.js"].sort()) {
  hash.update(`${file}\0`);
  hash.update(readFileSync(join(www, file)));
  hash.update("\0");
}
const version = hash.digest("hex").slice(0, 16);
const files = precached.map((f) => (f === "index.html" ? "./" : f));

const build = { version, files, onDemand };
const text =
  "// Written by scripts/build-offline.mjs (the build): what www/sw.js caches, and the build's version.\n" +
  `self.MSSTD_BUILD = ${JSON.stringify(build, null, 2)};\n`;
writeFileSync(join(www, OUT), text);
const bytes = precached.reduce((n, f) => n + statSync(join(www, f)).size, 0);
console.log(
  `wrote ${wwwArg}/${OUT}: version ${version}, ${files.length} files cached at install (${bytes.toLocaleString("en-US")} bytes), ${onDemand.length} on demand`,
);

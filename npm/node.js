// msstd-check's Node entry: the engine's wasm is read from this package and
// initialised on import, so analyze() works at once (no init call). init() and
// initSync() are there for code shared with browsers; here they do nothing
// more and return what the first initialisation returned (this module's own
// initSync takes precedence over the glue's in `export *`).
import { readFileSync } from "node:fs";
import { initSync as initWasm } from "./msstd_check_full.js";

const wasm = initWasm({ module: readFileSync(new URL("./msstd_check_full_bg.wasm", import.meta.url)) });

// Every function of the engine (analyze, reportText, version, and what joins them).
export * from "./msstd_check_full.js";

/** Already done in Node: resolves to the engine's exports. */
export default async function init() {
  return wasm;
}

/** Already done in Node: returns the engine's exports. */
export function initSync() {
  return wasm;
}

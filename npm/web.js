// msstd-check's browser and bundler entry: the wasm-bindgen glue of the engine
// (--target web). Call init() once before analyze(): it fetches
// msstd_check_full_bg.wasm next to this file (bundlers copy it through
// `new URL(..., import.meta.url)`), or takes the wasm you give it:
// init({ module_or_path: bytesOrUrlOrResponse }), initSync({ module: bytes }).
// Every function of the engine (analyze, reportText, version, and what joins them), initSync, and init.
export * from "./msstd_check_full.js";
export { default } from "./msstd_check_full.js";

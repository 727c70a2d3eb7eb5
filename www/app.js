// msstd-check web page: the wiring. No framework, no network: everything the
// user gives the page stays in this tab's memory (never in the URL, storage,
// cookies or the console).
//
// The modules under js/:
//   state.js         the page's state; state.phase decides what shows
//   view.js          the elements; setPhase() and renderReport()
//   render/*.js      each section of the report: report in, elements out
//   checks.js        the boxes to the engine, the report back (latest only)
//   files.js         dropped and picked files, the samples, Clear
//   compare.js       compare mode (renewal): the toggle and the new certificate's box
//   actions.js       Copy report, Download JSON
//   engine.js        the client of the engine worker (www/worker.js)
//   report.js        questions asked of a report; dom.js, format.js, clipboard.js, slices.js
//
// The same modules run in two builds:
//   * served (www/index.html): the bootstrap at the end starts www/worker.js;
//   * single file (dist/msstd-check.html): scripts/make-single-file.mjs joins
//     the modules into the page's one script, drops everything after the
//     "@bootstrap-served" marker here, and calls start() itself with a worker
//     made from the inlined engines (or, where no worker can start, the
//     engines on this page).
//
// The engines run in a Web Worker, off the main thread. Two engines, the same
// crate and API (see wasm-pack.toml): the core engine is loaded at start; the
// full engine (chain signatures, Mozilla roots, .pfx) once, only when a report
// says `needs_full_engine`. The input limits and the core's words shown as
// they are come from the engine (src/wasm.rs limits(), labels()).
//
// The password of a .pfx file lives only in its input box and in the options
// of the requests to the worker: never in the URL, storage, the console, the
// copied report or the JSON download (the report does not carry it).
//
// Certificate fields are untrusted text: they are only ever put in the page
// as text nodes (js/dom.js), never as HTML.

import { SAMPLES } from "./samples.js";
import { copyReport, downloadJson } from "./js/actions.js";
import { PASSWORD_DEBOUNCE_MS, loadEngineByName, run, schedule } from "./js/checks.js";
import { setText } from "./js/dom.js";
import { createClient, openWorker } from "./js/engine.js";
import { addFiles, addPastedText, clearAll, loadSample } from "./js/files.js";
import { bindCompare } from "./js/compare.js";
import { errorMessage, localToday } from "./js/format.js";
import { sampleButtons } from "./js/render/controls.js";
import { state } from "./js/state.js";
import { bindElements, els, setPhase } from "./js/view.js";

function hasFiles(e) {
  return !!e.dataTransfer && Array.from(e.dataTransfer.types || []).includes("Files");
}

function bindDrop() {
  const openPicker = () => {
    if (state.engine) els.files.click();
  };
  els.files.addEventListener("change", async () => {
    const files = Array.from(els.files.files || []);
    els.files.value = ""; // so picking the same file again works
    await addFiles(files);
  });
  els.drop.addEventListener("click", openPicker);
  els.drop.addEventListener("keydown", (e) => {
    if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      openPicker();
    }
  });
  els.drop.addEventListener("dragenter", (e) => {
    if (hasFiles(e)) els.drop.classList.add("over");
  });
  els.drop.addEventListener("dragleave", () => els.drop.classList.remove("over"));
  els.drop.addEventListener("drop", (e) => {
    e.preventDefault();
    e.stopPropagation();
    els.drop.classList.remove("over");
    if (e.dataTransfer) addFiles(e.dataTransfer.files);
  });
  // Files dropped anywhere on the page are checked too (instead of the
  // browser opening them); text dropped into a text box behaves as usual.
  window.addEventListener("dragover", (e) => {
    if (hasFiles(e)) {
      e.preventDefault();
      e.dataTransfer.dropEffect = state.engine ? "copy" : "none";
    }
  });
  window.addEventListener("drop", (e) => {
    if (hasFiles(e)) {
      e.preventDefault();
      els.drop.classList.remove("over");
      addFiles(e.dataTransfer.files);
    }
  });
}

// From this size on a paste is kept out of the paste box (js/files.js addPastedText()).
const PASTE_BOX_BYTES = 256 * 1024;

function bindPaste() {
  els.paste.addEventListener("paste", (e) => {
    state.reveal = true;
    const text = e.clipboardData ? e.clipboardData.getData("text/plain") : "";
    if (text.length < PASTE_BOX_BYTES) return; // the browser pastes it as usual
    e.preventDefault();
    addPastedText(text);
  });
}

/** Samples folded on a phone (style.css has the same width). */
function foldSamples() {
  if (window.matchMedia && window.matchMedia("(max-width: 599px)").matches) els.samples.open = false;
}

function bind() {
  bindElements();
  foldSamples();
  bindPaste();
  els.date.value = localToday();
  els.drop.setAttribute("aria-disabled", "true");
  els.sampleButtons.append(...sampleButtons(SAMPLES, loadSample));
  for (const el of [els.paste, els.msstd, els.host]) el.addEventListener("input", () => schedule());
  els.date.addEventListener("input", () => schedule());
  els.date.addEventListener("change", () => schedule());
  els.password.addEventListener("input", () => schedule(PASSWORD_DEBOUNCE_MS));
  // Enter in the password box checks at once; the form is never submitted.
  els.passwordField.addEventListener("submit", (e) => {
    e.preventDefault();
    run();
  });
  els.clear.addEventListener("click", clearAll);
  els.copyReport.addEventListener("click", copyReport);
  els.downloadJson.addEventListener("click", downloadJson);
  bindDrop();
  bindCompare();
}

/**
 * Starts the page. `connect` returns a promise of the port to the engine host:
 * a started worker (openWorker()), or an object that behaves like one (with
 * `thread: "page"` when it runs the engines on this page). `wasm`, when given,
 * returns an engine's wasm bytes by name ("core", "full"), sent to the worker
 * with its load request (the single file); without it the worker fetches them.
 */
export async function start({ connect, wasm = null }) {
  bind();
  state.wasmBytes = wasm;
  let core;
  try {
    if (typeof WebAssembly !== "object") throw new Error("this browser does not support WebAssembly");
    if (typeof Worker !== "function" && !wasm) throw new Error("this browser does not support Web Workers");
    const port = await connect();
    document.documentElement.dataset.thread = port.thread || "worker";
    state.client = createClient(port);
    core = await loadEngineByName("core");
  } catch (err) {
    setPhase("unavailable", errorMessage(err));
    document.documentElement.dataset.engine = "failed";
    return;
  }
  Object.assign(state, { engine: "core", limits: core.limits, labels: core.labels });
  setPhase("empty");
  setText(els.version, `msstd-check ${core.version}`);
  document.documentElement.dataset.engine = "ready";
  const sample = new URLSearchParams(window.location.search).get("sample");
  if (sample !== null && !loadSample(sample)) {
    setPhase("error", `There is no sample called “${sample}”. Choose one of the samples above.`);
  }
}

// @bootstrap-served (scripts/make-single-file.mjs removes everything from here on)
// The engines run in www/worker.js, a module worker (the CSP allows worker-src 'self').
start({
  connect: () => openWorker(new Worker(new URL("./worker.js", import.meta.url), { type: "module" })),
});

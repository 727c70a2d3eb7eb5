// The checks: what is in the boxes goes to the engine (debounced while typing),
// and the report that comes back goes on screen if it is still the latest.
//
// Only the latest request's reply is shown: at most one request is in flight,
// a newer one waits (replacing any older waiting one), and a reply that is no
// longer the latest is dropped. Inputs from LARGE_INPUT_BYTES on (or any check
// that takes longer than SLOW_CHECK_MS) show the progress bar (the reading
// phase). The full engine is loaded once, only when a report says
// `needs_full_engine`, and then used for every later check.

import { copyComparison } from "./actions.js";
import { compareRequest, inputBytes, loadEngine, postable } from "./engine.js";
import { errorMessage, localToday } from "./format.js";
import { full, state } from "./state.js";
import { els, renderComparison, renderReport, setPhase, showChecking } from "./view.js";

const LARGE_INPUT_BYTES = 200 * 1024;
const SLOW_CHECK_MS = 400;
const DEBOUNCE_MS = 150;
// Each password try derives keys (PBKDF2): wait a little longer for the typing to pause.
export const PASSWORD_DEBOUNCE_MS = 300;

/** The evaluation time: null (now) when the date is today or empty. */
function dateOption() {
  const value = els.date.value;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || value === localToday()) return null;
  return `${value}T00:00:00Z`;
}

/** What analyze() gets: the pasted text, or every input as a named list. */
function currentInput() {
  const text = els.paste.value;
  const hasText = text.trim() !== "";
  if (state.files.length === 0) return hasText ? text : null;
  const items = [];
  if (hasText) items.push({ name: "pasted text", data: text });
  for (const f of state.files) items.push({ name: f.name, data: f.data });
  return items;
}

/** Compare mode: the new certificate's input (the second box and its files), or null. */
function newInput() {
  if (!state.compare) return null;
  const text = els.pasteNew.value;
  const hasText = text.trim() !== "";
  if (state.newFiles.length === 0) return hasText ? text : null;
  const items = hasText ? [{ name: "pasted text (new)", data: text }] : [];
  for (const f of state.newFiles) items.push({ name: f.name, data: f.data });
  return items;
}

function currentOptions() {
  const msstd = els.msstd.value;
  const host = els.host.value.trim();
  const options = { msstd: msstd === "" ? null : msstd, host: host || null, at: dateOption() };
  // Only while the password box is shown (a .pfx asked for it).
  if (state.password !== "hidden" && els.password.value !== "") options.password = els.password.value;
  return options;
}

/** Checks again after `delay` ms without a newer call. */
export function schedule(delay = DEBOUNCE_MS) {
  clearTimeout(state.timer);
  state.timer = setTimeout(run, delay);
}

/** Checks what is in the boxes now (nothing there: the empty phase). */
export function run() {
  clearTimeout(state.timer);
  if (!state.engine) return;
  const input = currentInput();
  state.seq += 1;
  if (input === null) {
    state.pending = null;
    setPhase("empty");
    return;
  }
  const job = { seq: state.seq, input, options: currentOptions(), bytes: inputBytes(input), certificates: 0 };
  // Compare mode with both boxes filled: one compare request instead.
  const next = newInput();
  if (next !== null) Object.assign(job, { newInput: next, bytes: job.bytes + inputBytes(next) });
  // A big input shows the progress bar at once; a progress bar already shown
  // (for an older check) now follows this one.
  if (job.bytes >= LARGE_INPUT_BYTES || state.progress) showChecking(job);
  if (state.busy) {
    // One check at a time: this one waits for the one in flight (whose reply
    // will be stale), and replaces any older waiting one, which is never sent.
    state.pending = job;
    return;
  }
  check(job);
}

function analyzeRequest(job, used, ifFull) {
  const { input, transfer } = postable(job.input);
  return { message: { type: "analyze", engine: used, input, options: job.options, ifFull }, transfer };
}

/** Asks the engine for `job`'s report (or comparison): {reply} or {failure}. */
async function analyze(job, used) {
  try {
    // ifFull: when this input needs the full engine, the core engine's
    // report is not sent back, only that (the full engine then checks it).
    const ifFull = used === "core" && full.status !== "failed";
    const { message, transfer } = job.newInput ? compareRequest(used, job.input, job.newInput, job.options, ifFull) : analyzeRequest(job, used, ifFull);
    const reply = await state.client.call(message, {
      transfer,
      onProgress: (progress) => {
        job.certificates = progress.certificates;
        if (state.progress === job.seq) showChecking(job);
      },
    });
    return { reply };
  } catch (failure) {
    return { failure };
  }
}

/** Sends `job` to the engine, and shows its report if it is still the latest check. */
async function check(job) {
  state.busy = true;
  const used = state.engine;
  const slow = setTimeout(() => {
    const latest = state.pending || job;
    if (latest.seq === state.seq && state.progress !== latest.seq) showChecking(latest);
  }, SLOW_CHECK_MS);
  const { reply, failure } = await analyze(job, used);
  clearTimeout(slow);
  state.busy = false;
  if (state.pending) {
    // A newer check is waiting: this reply is stale, the newer one goes now.
    const next = state.pending;
    state.pending = null;
    check(next);
    return;
  }
  if (job.seq !== state.seq) return; // stale: the boxes were emptied meanwhile
  if (failure) {
    setPhase("error", `The check could not run: ${errorMessage(failure)}`);
    return;
  }
  if (reply.needsFull) {
    // This input needs what only the full engine has (a chain, a .pfx): load it
    // once, then check again with it (loadFullEngine() calls run() when done).
    setPhase("loading-engine");
    loadFullEngine();
    return;
  }
  let report;
  try {
    report = JSON.parse(reply.report);
  } catch (err) {
    setPhase("error", `The report could not be read: ${errorMessage(err)}`);
    return;
  }
  show(job, report, used, reply.certificates);
}

/**
 * Shows `report` (or a comparison). `certificates`: the JSON texts of the
 * report's certificates, when `report` holds only their index and origin
 * (www/worker.js reportParts()).
 */
function show(job, report, used, certificates) {
  if (job.newInput) {
    // Same instant for "Copy comparison" as for what is on screen.
    state.last = { input: job.input, newInput: job.newInput, options: { ...job.options, at: report.new.evaluated_at }, engine: used };
    try {
      renderComparison(report, copyComparison);
    } catch (err) {
      setPhase("error", `The comparison could not be shown: ${errorMessage(err)}`);
    }
    return;
  }
  // Same instant for "Copy report" as for what is on screen.
  state.last = { input: job.input, options: { ...job.options, at: report.evaluated_at }, engine: used };
  const note =
    report.needs_full_engine && full.status === "failed"
      ? `The chain and .pfx checks could not load (${full.error}), so chain signatures and .pfx files are not checked here; the msstd-check command line checks them.`
      : "";
  try {
    renderReport(report, note, certificates);
  } catch (err) {
    setPhase("error", `The report could not be shown: ${errorMessage(err)}`);
  }
}

/** Loads an engine in the worker (its wasm bytes sent along in the single file). */
export function loadEngineByName(name) {
  const wasm = state.wasmBytes ? state.wasmBytes(name) : undefined;
  return loadEngine(state.client, name, wasm);
}

/** Loads the full engine (once); every later check uses it. */
function loadFullEngine() {
  if (full.promise) return full.promise;
  full.status = "loading";
  document.documentElement.dataset.fullEngine = "loading";
  full.promise = (async () => {
    try {
      await loadEngineByName("full");
      state.engine = "full";
      full.status = "ready";
    } catch (err) {
      full.status = "failed";
      full.error = errorMessage(err);
    }
    document.documentElement.dataset.fullEngine = full.status;
    // The same analysis again, with whatever is in the boxes now.
    run();
  })();
  return full.promise;
}

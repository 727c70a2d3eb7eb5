// The page's state, in one place. `phase` alone decides which parts of the
// result show (see view.js):
//
//   starting        the engine is loading (the controls are disabled)
//   unavailable     the engine could not start (`problem` says why)
//   empty           nothing to check
//   reading         a big (or slow) input is being checked: the progress bar
//   loading-engine  the full engine is loading for this input
//   report          a report is on screen (`problem`: a note shown with it)
//   needs-password  a report is on screen, and a .pfx asks for its password
//   error           the check failed (`problem` says why)
//   compare         a comparison of two certificates is on screen (compare mode)

export const PHASES = ["starting", "unavailable", "empty", "reading", "loading-engine", "report", "needs-password", "error", "compare"];

export const state = {
  phase: "starting",
  problem: "", // the message of the unavailable and error phases, or a note shown with a report
  job: null, // the check the reading phase is about: {seq, bytes, certificates}
  password: "hidden", // the password box: hidden | needed | wrong | open
  engine: null, // the engine the checks use: "core", then "full" once loaded
  client: null, // talks to the engines (engine.js createClient)
  wasmBytes: null, // (engine name) => its wasm bytes, or undefined (the worker fetches it)
  limits: null, // the engine's input limits (src/limits.rs, through src/wasm.rs)
  labels: null, // the engine's words (src/wasm.rs labels())
  files: [], // {name, size, data: Uint8Array, or a big pasted text (pasted: true)}
  reveal: false, // the next report brings the verdict into view (after a paste, a drop, a pick, a sample)
  report: null,
  last: null, // {input, options, engine} of the report on screen ("Copy report" uses the same)
  timer: 0,
  verdictKey: "",
  seq: 0, // the latest check; a reply for an older one is dropped
  busy: false, // a check is in flight
  pending: null, // the check that waits for it (the latest one)
  progress: 0, // the check whose progress bar is shown (0: none)
  renderToken: 0, // the report being put on screen; a newer one stops the slices of an older one
  building: false, // the verdict is on screen, the report under it is being built (view.js renderReport())
  compare: false, // compare mode: the second box holds the new certificate (js/compare.js)
  newFiles: [], // the new certificate's files, {name, size, data: Uint8Array}
  comparison: null, // the comparison on screen (the compare phase)
};

// The full engine: loaded at most once.
export const full = {
  status: "none", // none | loading | ready | failed
  promise: null,
  error: "",
};

/** The phase a report on screen is in. */
export function reportPhase(password) {
  return password === "needed" || password === "wrong" ? "needs-password" : "report";
}

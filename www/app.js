// msstd-check web page. No framework, no network: everything the user gives
// the page stays in this tab's memory (never in the URL, storage, cookies or
// the console).
//
// The same file runs in two builds:
//   * served (www/index.html): the bootstrap at the end starts www/worker.js;
//   * single file (dist/msstd-check.html): scripts/make-single-file.mjs drops the
//     import line of samples.js and everything after the "@bootstrap-served"
//     marker, and calls start() itself with a worker made from the inlined
//     engines (or, where no worker can start, the engines on this page).
//
// The engines run in a Web Worker (www/worker.js), off the main thread: the
// page posts each input and its options there and renders the report that
// comes back, so it stays responsive while a big input is checked. Only the
// latest request's reply is shown: at most one request is in flight, a newer
// one waits (replacing any older waiting one), and a reply that is no longer
// the latest is dropped. Inputs from LARGE_INPUT_BYTES on (or any check that
// takes longer than SLOW_CHECK_MS) show a progress bar, and the result region
// is aria-busy until their report is on screen.
//
// Two engines, the same crate and API (see wasm-pack.toml): the core engine is
// loaded at start; the full engine (chain signatures, Mozilla roots, .pfx) is
// loaded once, only when a report says `needs_full_engine`, and then used for
// every later check. A single certificate never loads it.
//
// The password of a .pfx file lives only in its input box and in the options
// of the requests to the worker (analyze()/reportText()): never in the URL,
// storage, the console, the copied report or the JSON download (the report
// does not carry it).
//
// Certificate fields are untrusted text: they are only ever put in the page
// with textContent / text nodes (see h() below), never as HTML.

import { SAMPLES } from "./samples.js";

const CLIENTS = [
  ["modern_windows", "Windows Vista SP1 and later"],
  ["legacy_windows", "Windows XP, 2003, Vista RTM"],
  ["connectivity_analyzer", "Remote Connectivity Analyzer"],
];
const VERDICT_WORD = {
  pass: "Pass",
  warn: "Warning",
  fail: "Fail",
  not_applicable: "Not applicable",
  unknown: "Unknown",
};
const VERDICT_ICON = { pass: "✓", warn: "⚠", fail: "✗", not_applicable: "–", unknown: "?" };
const SEVERITY_WORD = { pass: "Pass", info: "Info", warn: "Warning", fail: "Fail", error: "Error" };
const SEVERITY_ICON = { pass: "✓", info: "i", warn: "⚠", fail: "✗", error: "✗" };
const GRADE_TITLE = {
  documented: "Documented by Microsoft or a standard",
  reported: "Reported by people who tested it",
  inferred: "Inferred by msstd-check",
  unknown: "Nobody knows for sure",
};
const OUTCOME_WORD = {
  certificate: "Certificate",
  duplicate: "Duplicate",
  skipped: "Skipped",
  error: "Error",
  settings: "Settings",
};
const SAN_KINDS = [
  ["dns", "DNS name"],
  ["ip", "IP address"],
  ["email", "E-mail"],
  ["uri", "URI"],
  ["upn", "UPN"],
  ["other", "Other"],
];
const FORM_LABEL = { der: "DER", pem: "PEM", base64: "base64", pkcs7: "PKCS#7", pkcs12: "PKCS#12", hex: "hex dump" };
// The core's limits (src/limits.rs MAX_INPUT_BYTES, MAX_TOTAL_BYTES): a file
// over them is refused here, before it is read.
const MAX_FILE_BYTES = 16 * 1024 * 1024;
const MAX_TOTAL_BYTES = 64 * 1024 * 1024;
// Inputs from this size on show a progress bar at once; smaller ones only when
// their check takes longer than SLOW_CHECK_MS.
const LARGE_INPUT_BYTES = 200 * 1024;
const SLOW_CHECK_MS = 400;
// A long report is put on screen a slice at a time (the first items at once),
// each slice taking about SLICE_MS, so that the page keeps responding.
const SLICE_MS = 12;
const FIRST = { findings: 200, certificates: 10, inputs: 100 };
// The chain section names at most this many of the certificates not on the chain.
const UNUSED_LISTED = 50;
const DEBOUNCE_MS = 150;
// Each password try derives keys (PBKDF2): wait a little longer for the typing to pause.
const PASSWORD_DEBOUNCE_MS = 300;
const PFX_ASKS = new Set(["INTAKE_PFX_PASSWORD_NEEDED", "INTAKE_PFX_WRONG_PASSWORD"]);
const LOADING_FULL = "Loading the full engine for chain checks / .pfx…";

let client = null; // talks to the engines (createClient)
let engine = null; // the name of the engine the checks use: "core", then "full" once loaded
let wasmBytes = null; // (engine name) => its wasm bytes, or undefined (the worker fetches it); given to start()
let els = null;
const state = {
  files: [], // {name, size, data: Uint8Array}
  report: null,
  lastInput: null,
  lastOptions: null,
  lastEngine: null, // the engine that made state.report (Copy report uses the same)
  timer: 0,
  verdictKey: "",
  seq: 0, // the latest check; a reply for an older one is dropped
  busy: false, // a check is in flight
  pending: null, // the check that waits for it (the latest one)
  progress: 0, // the check whose progress bar is shown (0: none)
  renderToken: 0, // the report being put on screen; a newer one stops the slices of an older one
};
// The full engine: loaded at most once.
const full = {
  status: "none", // none | loading | ready | failed
  promise: null,
  error: "",
};

// ---------------------------------------------------------------- DOM helpers

/** Builds an element. Strings among the children become text nodes. */
function h(tag, props, ...children) {
  const el = document.createElement(tag);
  if (props) {
    for (const [key, value] of Object.entries(props)) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "class") el.className = value;
      else if (key === "dataset") Object.assign(el.dataset, value);
      else if (key.startsWith("on")) el.addEventListener(key.slice(2), value);
      else el.setAttribute(key, value === true ? "" : String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

function setText(el, text) {
  el.textContent = text;
}

function icon(symbol) {
  return h("span", { class: "icon", "aria-hidden": "true" }, symbol);
}

function verdictCell(verdict) {
  return h(
    "span",
    { class: `vword v-${verdict}`, dataset: { verdict } },
    icon(VERDICT_ICON[verdict] || "?"),
    " ",
    VERDICT_WORD[verdict] || verdict,
  );
}

function badge(cls, text, title) {
  return h("span", { class: `badge ${cls}`, title }, text);
}

// ----------------------------------------------------------------- the input

function localToday() {
  const d = new Date();
  const p = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

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

function currentOptions() {
  const msstd = els.msstd.value;
  const host = els.host.value.trim();
  const options = { msstd: msstd === "" ? null : msstd, host: host || null, at: dateOption() };
  // Only while the password box is shown (a .pfx asked for it).
  if (!els.passwordField.hidden && els.password.value !== "") options.password = els.password.value;
  return options;
}

function schedule(delay = DEBOUNCE_MS) {
  clearTimeout(state.timer);
  state.timer = setTimeout(run, delay);
}

function run() {
  clearTimeout(state.timer);
  if (!engine) return;
  const input = currentInput();
  state.seq += 1;
  if (input === null) {
    state.pending = null;
    showIdle();
    return;
  }
  const job = { seq: state.seq, input, options: currentOptions(), bytes: inputBytes(input), certificates: 0 };
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

/** Sends `job` to the engine, and shows its report if it is still the latest check. */
async function check(job) {
  state.busy = true;
  const used = engine;
  const slow = setTimeout(() => {
    const latest = state.pending || job;
    if (latest.seq === state.seq && state.progress !== latest.seq) showChecking(latest);
  }, SLOW_CHECK_MS);
  let reply = null;
  let failure = null;
  try {
    const { input, transfer } = postable(job.input);
    reply = await client.call(
      // ifFull: when this input needs the full engine, the core engine's
      // report is not sent back, only that (the full engine then checks it).
      { type: "analyze", engine: used, input, options: job.options, ifFull: used === "core" && full.status !== "failed" },
      {
        transfer,
        onProgress: (progress) => {
          job.certificates = progress.certificates;
          if (state.progress === job.seq) showChecking(job);
        },
      },
    );
  } catch (err) {
    failure = err;
  }
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
    showError(`The check could not run: ${errorMessage(failure)}`);
    return;
  }
  if (reply.needsFull) {
    // This input needs what only the full engine has (a chain, a .pfx): load it
    // once, then check again with it (loadFullEngine() calls run() when done).
    showLoadingFull();
    loadFullEngine();
    return;
  }
  let report;
  try {
    report = JSON.parse(reply.report);
  } catch (err) {
    showError(`The report could not be read: ${errorMessage(err)}`);
    return;
  }
  show(job, report, used);
}

function show(job, report, used) {
  state.report = report;
  state.lastInput = job.input;
  state.lastEngine = used;
  // Same instant for "Copy report" as for what is on screen.
  state.lastOptions = { ...job.options, at: report.evaluated_at };
  try {
    render(report);
  } catch (err) {
    showError(`The report could not be shown: ${errorMessage(err)}`);
    return;
  }
  if (report.needs_full_engine && full.status === "failed") {
    showError(
      `The full engine could not load (${full.error}), so chain signatures and .pfx files are not checked here; the msstd-check command line checks them.`,
      true,
    );
  }
}

/** The size of an input, in bytes (characters for text): what decides the progress bar. */
function inputBytes(input) {
  if (typeof input === "string") return input.length;
  return input.reduce((n, item) => n + item.data.length, 0);
}

/**
 * The input as posted to the worker. File bytes are copied, and the copies
 * transferred (not cloned a second time): the page keeps its own bytes, to
 * check them again when an option changes.
 */
function postable(input) {
  if (!Array.isArray(input)) return { input, transfer: [] };
  const transfer = [];
  const items = input.map(({ name, data }) => {
    if (typeof data === "string") return { name, data };
    const copy = data.slice();
    transfer.push(copy.buffer);
    return { name, data: copy };
  });
  return { input: items, transfer };
}

/** Loads an engine in the worker (its wasm bytes sent along in the single file); resolves with its version. */
async function loadEngine(name) {
  const wasm = wasmBytes ? wasmBytes(name) : undefined;
  const reply = await client.call({ type: "load", engine: name, wasm }, { transfer: wasm ? [wasm.buffer] : [] });
  return reply.version;
}

/** Loads the full engine (once); every later check uses it. */
function loadFullEngine() {
  if (full.promise) return full.promise;
  full.status = "loading";
  document.documentElement.dataset.fullEngine = "loading";
  full.promise = (async () => {
    try {
      await loadEngine("full");
      engine = "full";
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

function showLoadingFull() {
  state.report = null;
  state.renderToken += 1;
  setVerdict("loading", LOADING_FULL, "");
  els.report.hidden = true;
  els.problems.hidden = true;
  els.keyWarning.hidden = true;
  els.error.hidden = true;
}

/** The progress state of a big (or slow) check: an indeterminate bar, and the result region busy. */
function showChecking(job) {
  state.progress = job.seq;
  state.renderToken += 1; // stops putting an older report on screen
  state.report = null;
  const what = job.certificates > 1 ? `${job.certificates.toLocaleString("en-US")} certificates` : formatSize(job.bytes);
  setVerdict("checking", `Checking ${what}…`, "The page stays usable meanwhile; the result appears here.");
  els.report.hidden = true;
  els.problems.hidden = true;
  els.keyWarning.hidden = true;
  els.error.hidden = true;
  els.progressBar.removeAttribute("value");
  els.progressBar.setAttribute("aria-label", `Checking ${what}`);
  els.progress.hidden = false;
  els.result.setAttribute("aria-busy", "true");
}

function hideProgress() {
  state.progress = 0;
  if (!els.progress.hidden) els.progress.hidden = true;
  if (els.result.hasAttribute("aria-busy")) els.result.removeAttribute("aria-busy");
}

// ---------------------------------------------------------------- the engines

/**
 * The page's side of the engine host (www/worker.js). `port` is the worker
 * or, in the single file where no worker can start, an object that runs the
 * host on this page and behaves like one. call() posts a request and returns
 * a promise of its reply; `onProgress` gets the request's progress messages.
 */
function createClient(port) {
  let next = 1;
  const calls = new Map();
  port.addEventListener("message", (e) => {
    const reply = e.data;
    const call = reply && calls.get(reply.id);
    if (!call) return;
    if (reply.progress) {
      if (call.onProgress) call.onProgress(reply.progress);
      return;
    }
    calls.delete(reply.id);
    if (reply.ok) call.resolve(reply);
    else call.reject(new Error(reply.error));
  });
  const failAll = (message) => {
    for (const call of calls.values()) call.reject(new Error(message));
    calls.clear();
  };
  port.addEventListener("error", (e) => {
    e.preventDefault();
    failAll(`the checker stopped${e.message ? ` (${e.message})` : ""}`);
  });
  port.addEventListener("messageerror", () => failAll("a reply of the checker could not be read"));
  return {
    call(message, { transfer = [], onProgress = null } = {}) {
      const id = next++;
      return new Promise((resolve, reject) => {
        calls.set(id, { resolve, reject, onProgress });
        try {
          port.postMessage({ ...message, id }, transfer);
        } catch (err) {
          calls.delete(id);
          reject(err);
        }
      });
    },
  };
}

/**
 * Resolves with `worker` once it runs (it says hello), or rejects when it
 * cannot start (its script not found, refused by the CSP or the browser).
 */
function openWorker(worker, timeoutMs = 15_000) {
  return new Promise((resolve, reject) => {
    const done = (fn, value) => {
      clearTimeout(timer);
      worker.removeEventListener("message", onMessage);
      worker.removeEventListener("error", onError);
      fn(value);
    };
    const onMessage = (e) => {
      if (e.data && e.data.hello) done(resolve, worker);
    };
    const onError = (e) => {
      e.preventDefault();
      worker.terminate();
      done(reject, new Error(`the checker's worker could not start${e.message ? ` (${e.message})` : ""}`));
    };
    const timer = setTimeout(() => {
      worker.terminate();
      done(reject, new Error("the checker's worker did not start"));
    }, timeoutMs);
    worker.addEventListener("message", onMessage);
    worker.addEventListener("error", onError);
  });
}

function errorMessage(err) {
  if (err && typeof err.message === "string") return err.message;
  return String(err);
}

// ----------------------------------------------------------------- the files

async function addFiles(fileList) {
  const files = Array.from(fileList || []);
  if (!engine || files.length === 0) return;
  const skipped = [];
  // Checked before any byte is read: a file over the core's limits is never
  // read (its size is known from the File object).
  let total = els.paste.value.length + state.files.reduce((n, f) => n + f.size, 0);
  for (const file of files) {
    const name = file.name || "file";
    if (file.size > MAX_FILE_BYTES) {
      skipped.push(`${name} (${formatSize(file.size)}) was not read: a file may be at most ${formatSize(MAX_FILE_BYTES)} (a certificate is a few KB)`);
      continue;
    }
    if (total + file.size > MAX_TOTAL_BYTES) {
      skipped.push(`${name} (${formatSize(file.size)}) was not read: all inputs together may be at most ${formatSize(MAX_TOTAL_BYTES)}`);
      continue;
    }
    let data;
    try {
      data = new Uint8Array(await file.arrayBuffer());
    } catch (err) {
      skipped.push(`${name} could not be read (${errorMessage(err)})`);
      continue;
    }
    const same = state.files.find((f) => f.name === name && sameBytes(f.data, data));
    if (!same) {
      state.files.push({ name, size: data.length, data });
      total += data.length;
    }
  }
  setFileNotice(skipped.length ? `Not checked: ${skipped.join("; ")}.` : "");
  renderFileList();
  run();
}

/** The message under the drop zone about files that were not read (empty: none). */
function setFileNotice(message) {
  els.fileNotice.replaceChildren(...(message ? [h("strong", null, "Problem: "), message] : []));
  els.fileNotice.hidden = !message;
}

function sameBytes(a, b) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function formatSize(n) {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

function renderFileList() {
  const list = els.fileList;
  list.replaceChildren();
  state.files.forEach((f, i) => {
    const remove = h(
      "button",
      {
        type: "button",
        class: "link-button",
        "aria-label": `Remove ${f.name}`,
        onclick: () => {
          state.files.splice(i, 1);
          setFileNotice("");
          renderFileList();
          run();
          els.drop.focus();
        },
      },
      "Remove",
    );
    list.append(h("li", null, h("span", { class: "file-name" }, f.name), " ", h("span", { class: "file-size" }, `(${formatSize(f.size)})`), " ", remove));
  });
  list.hidden = state.files.length === 0;
}

function base64ToBytes(b64) {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

// --------------------------------------------------------------- the samples

function loadSample(id) {
  const sample = SAMPLES.find((s) => s.id === id);
  if (!sample) return false;
  state.files = [];
  if (sample.binary) {
    const data = base64ToBytes(sample.text);
    state.files.push({ name: sample.name, size: data.length, data });
    els.paste.value = "";
  } else {
    els.paste.value = sample.text;
  }
  els.msstd.value = sample.msstd || "";
  els.host.value = sample.host || "";
  hidePassword(); // a sample never brings a password: a .pfx sample asks for it
  setFileNotice("");
  renderFileList();
  run();
  return true;
}

// ------------------------------------------------------------- the rendering

function verdictSentence(v) {
  switch (v.overall) {
    case "pass":
      return "Mutual authentication will work";
    case "warn":
      if (v.modern_windows === "pass" && v.legacy_windows !== "pass") return "Works only on modern Windows";
      return "Works, with warnings";
    case "fail":
      return "Will fail";
    case "not_applicable":
      return "No principal name to check";
    default:
      return "Cannot tell";
  }
}

function setVerdict(kind, sentence, headline) {
  els.verdict.dataset.verdict = kind;
  const key = `${kind}\u0000${sentence}\u0000${headline}`;
  if (key === state.verdictKey) return; // keep the live region quiet
  state.verdictKey = key;
  const symbol = VERDICT_ICON[kind];
  els.verdictSentence.replaceChildren(...(symbol ? [icon(symbol), " "] : []), sentence);
  setText(els.verdictHeadline, headline);
}

function showIdle() {
  state.report = null;
  state.renderToken += 1;
  hideProgress();
  setVerdict("idle", "Paste a certificate or drop a file to start.", "");
  els.report.hidden = true;
  els.problems.hidden = true;
  els.keyWarning.hidden = true;
  els.error.hidden = true;
  hidePassword();
}

function showError(message, keepReport = false) {
  els.error.replaceChildren(h("strong", null, "Problem: "), message);
  els.error.hidden = false;
  if (!keepReport) {
    state.report = null;
    state.renderToken += 1;
    hideProgress();
    els.report.hidden = true;
    els.problems.hidden = true;
    els.keyWarning.hidden = true;
    setVerdict("error", "Could not check", "See the problem below; the page keeps working.");
  }
}

function render(report) {
  const token = ++state.renderToken;
  const later = []; // what is put on screen after this task, a slice at a time
  const v = report.verdict;
  els.error.hidden = true;
  setVerdict(v.overall, verdictSentence(v), v.headline);
  els.verdict.dataset.modern = v.modern_windows;
  renderKeyWarning(report);
  updatePassword(report);

  const errors = report.findings.filter((f) => f.severity === "error");
  els.problemsList.replaceChildren(...errors.map((f) => h("li", null, f.message)));
  els.problems.hidden = errors.length === 0;

  renderMeta(report);
  els.clientsBody.replaceChildren(
    ...CLIENTS.map(([key, label]) => h("tr", null, h("th", { scope: "row" }, label), h("td", null, verdictCell(v[key])))),
  );
  renderAlternative(report.alternative);
  fill(els.findings, report.findings, renderFinding, FIRST.findings, later);
  renderFix(report);
  renderChainSection(report);
  renderCertificates(report, later);
  fill(els.inputItems, report.input, renderInputItem, FIRST.inputs, later);
  els.reportFallback.hidden = true;
  setText(els.reportStatus, "");
  // A long report: the browser renders only its parts near the screen (style.css).
  els.report.classList.toggle("long", later.length > 0);
  els.report.hidden = false;
  if (later.length) renderLater(token, later);
  else hideProgress();
}

/**
 * Puts `items` in `container`, replacing what it held: the first `first` now,
 * the others later (added to `later`, for renderLater()).
 */
function fill(container, items, make, first, later) {
  container.replaceChildren(...items.slice(0, first).map(make));
  if (items.length > first) later.push({ container, items, make, next: first });
}

/**
 * The rest of a long report (hundreds of certificates), a slice of about
 * SLICE_MS at a time with the browser free in between, so that the page keeps
 * responding; stops when another report (or state) replaces this one. A
 * progress bar that is shown follows it, and is hidden at the end.
 */
async function renderLater(token, lists) {
  const total = lists.reduce((n, list) => n + list.items.length - list.next, 0);
  let done = 0;
  if (state.progress) {
    els.progressBar.max = total;
    els.progressBar.value = 0;
    els.progressBar.setAttribute("aria-label", "Showing the report");
  }
  for (const list of lists) {
    while (list.next < list.items.length) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (token !== state.renderToken) return;
      const start = performance.now();
      const slice = document.createDocumentFragment();
      do {
        slice.append(list.make(list.items[list.next++]));
        done += 1;
      } while (list.next < list.items.length && performance.now() - start < SLICE_MS);
      list.container.append(slice);
      if (state.progress) els.progressBar.value = done;
    }
  }
  if (token === state.renderToken) hideProgress();
}

/** The private-key banner under the verdict, when the input held a key. */
function renderKeyWarning(report) {
  const keys = report.findings.filter((f) => f.code === "INTAKE_PRIVATE_KEY");
  if (keys.length === 0) {
    els.keyWarning.hidden = true;
    els.keyWarning.replaceChildren();
    return;
  }
  els.keyWarning.replaceChildren(
    h("p", { class: "key-warning-title" }, icon("⚠"), " This file contains a private key."),
    h(
      "p",
      null,
      "msstd-check ignored it and never shows it, but a private key should not travel by e-mail or ticket: ask for the certificate alone (.cer, .p7b), delete this copy, and tell the customer that the key may have to be replaced.",
    ),
    h("p", { class: "meta" }, keys.map((f) => f.message).join(" ")),
  );
  els.keyWarning.hidden = false;
}

/** Is a .pfx among the inputs (read, or asking for its password)? */
function hasPfx(report) {
  return (
    report.findings.some((f) => PFX_ASKS.has(f.code)) ||
    report.certificates.some((c) => c.origin && c.origin.form === "pkcs12") ||
    report.input.some((i) => /PKCS#12/.test(i.what))
  );
}

/**
 * The password box: shown when a .pfx asks for its password, kept while a
 * .pfx is in the input, hidden (and emptied) when none is left.
 */
function updatePassword(report) {
  const asks = report.findings.find((f) => PFX_ASKS.has(f.code));
  if (!asks && !(hasPfx(report) && !els.passwordField.hidden)) {
    hidePassword();
    return;
  }
  const wasHidden = els.passwordField.hidden;
  els.passwordField.hidden = false;
  let stateName;
  let message;
  if (asks && asks.code === "INTAKE_PFX_WRONG_PASSWORD") {
    stateName = "wrong";
    message = "Wrong password: it does not open this .pfx file. Check it with the customer.";
  } else if (asks) {
    stateName = "needed";
    message = "This .pfx file is protected by a password: type it to read its certificates.";
  } else {
    const n = report.certificates.filter((c) => c.origin && c.origin.form === "pkcs12").length;
    stateName = "open";
    message = `The password opens the file: ${n} certificate${n === 1 ? "" : "s"} read.`;
  }
  els.passwordStatus.dataset.state = stateName;
  if (els.passwordStatus.textContent !== message) setText(els.passwordStatus, message);
  // Straight to the box when a dropped or picked .pfx asks for it.
  if (wasHidden && (document.activeElement === document.body || document.activeElement === els.drop)) els.password.focus();
}

function hidePassword() {
  if (els.passwordField.hidden && els.password.value === "") return;
  els.passwordField.hidden = true;
  els.password.value = "";
  delete els.passwordStatus.dataset.state;
  setText(els.passwordStatus, "");
}

/** " (from the Autodiscover response in …)" when a value came from the input, not the boxes. */
function fromSource(source) {
  if (typeof source !== "string" || source === "" || source === "given" || source === "none") return null;
  return ` (from ${source})`;
}

function renderMeta(report) {
  const p = report.principal;
  const parts = [];
  if (p.kind === "not_set") parts.push("No principal name given. ");
  else {
    parts.push("Principal name checked: ", h("code", null, p.input));
    if (p.corrected && p.corrected !== p.input) parts.push(", read as ", h("code", null, p.corrected));
    if (p.kind === "malformed") parts.push(" (not a well-formed msstd: string)");
    if (p.kind === "fullsic") parts.push(" (fullsic: form)");
    parts.push(fromSource(report.principal_source), ". ");
  }
  parts.push("RPC proxy host: ", report.host ? [h("code", null, report.host), fromSource(report.host_source)] : "not given", ". ");
  parts.push(`Evaluated at ${report.evaluated_at}. ${report.tool}.`);
  els.evaluated.replaceChildren();
  append(els.evaluated, parts); // flattens, and skips the null parts
}

function renderAlternative(alt) {
  if (!alt) {
    els.alternative.hidden = true;
    els.alternative.replaceChildren();
    return;
  }
  const list = h(
    "ul",
    { class: "inline-list" },
    CLIENTS.map(([key, label]) => h("li", null, `${label}: `, verdictCell(alt.verdicts[key]))),
  );
  els.alternative.replaceChildren(
    h("p", null, "Also checked: ", h("code", null, alt.principal), ` (${alt.description}):`),
    list,
  );
  els.alternative.hidden = false;
}

function renderFinding(f) {
  const head = h(
    "p",
    { class: "finding-head" },
    badge(`sev sev-${f.severity}`, [icon(SEVERITY_ICON[f.severity] || "•"), " ", SEVERITY_WORD[f.severity] || f.severity]),
    " ",
    badge(`grade grade-${f.grade}`, f.grade, GRADE_TITLE[f.grade]),
    " ",
    h("code", { class: "code" }, f.code),
    typeof f.certificate === "number" ? h("span", { class: "finding-cert" }, ` certificate #${f.certificate + 1}`) : null,
  );
  const source = /^https:\/\/[^\s]+$/i.test(f.source)
    ? h("a", { href: f.source, rel: "noopener noreferrer", target: "_blank" }, f.source)
    : f.source;
  return h(
    "li",
    { class: `finding sev-${f.severity}`, dataset: { code: f.code, severity: f.severity } },
    head,
    h("p", { class: "finding-message" }, f.message),
    h("p", { class: "finding-source" }, "Source: ", source),
  );
}

function copyRow(label, value, copyLabel, id) {
  const code = h("code", { class: "copy-value", id }, value);
  const status = h("span", { class: "action-status", role: "status" });
  const button = h(
    "button",
    { type: "button", class: "small", "aria-label": copyLabel, onclick: () => copyText(value, status, code) },
    "Copy",
  );
  return h("div", { class: "copy-row" }, h("span", { class: "copy-label" }, label), h("div", { class: "copy-line" }, code, button, status));
}

function renderFix(report) {
  const fix = report.fix;
  const parts = [];
  const overall = report.verdict.overall;
  if (!fix.needed) parts.push(h("p", { class: "fix-state ok" }, icon("✓"), " Nothing needs to change."));
  else if (overall === "unknown") parts.push(h("p", { class: "fix-state" }, "First get a readable certificate."));
  else parts.push(h("p", { class: "fix-state todo" }, icon("!"), " Change needed."));

  if (fix.principal_name) parts.push(copyRow("Principal name", fix.principal_name, "Copy principal name", "fix-principal"));
  if (fix.powershell) {
    parts.push(copyRow("Exchange Management Shell", fix.powershell, "Copy the Set-OutlookProvider command", "fix-powershell"));
  }
  if (fix.outlook_setting) {
    parts.push(
      h(
        "div",
        { class: "copy-row" },
        h("span", { class: "copy-label" }, "Outlook: Exchange Proxy Settings, “Only connect to proxy servers that have this principal name in their certificate”"),
        h("div", { class: "copy-line" }, h("code", { class: "copy-value" }, fix.outlook_setting)),
      ),
    );
  }
  if (fix.principal_name_verdicts) {
    parts.push(
      h(
        "div",
        { class: "note" },
        h("p", null, "With this principal name:"),
        h(
          "ul",
          { class: "inline-list" },
          CLIENTS.map(([key, label]) => h("li", null, `${label}: `, verdictCell(fix.principal_name_verdicts[key]))),
        ),
      ),
    );
  }
  const others = fix.passing_everywhere.filter((n) => n !== fix.principal_name);
  if (others.length) {
    parts.push(h("p", null, "Other principal names that work on every client: ", others.map((n, i) => [i ? ", " : "", h("code", null, n)])));
  }
  if (fix.certificate_request) {
    parts.push(h("div", { class: "cert-request" }, h("p", { class: "copy-label" }, "Certificate to request"), h("p", null, fix.certificate_request)));
  }
  if (fix.steps.length) {
    parts.push(h("p", { class: "copy-label" }, "Steps"), h("ol", { class: "steps" }, fix.steps.map((s) => h("li", null, s))));
  }
  els.fix.replaceChildren(...parts);
}

function factRow(label, ...value) {
  return [h("dt", null, label), h("dd", null, ...value)];
}

function textList(items, cls) {
  return h("ul", { class: `plain-list ${cls || ""}` }, items.map((x) => h("li", null, x)));
}

function renderDN(dn) {
  const table = h(
    "table",
    { class: "attrs stack" },
    h("thead", null, h("tr", null, h("th", { scope: "col" }, "Attribute"), h("th", { scope: "col" }, "Value"), h("th", { scope: "col" }, "String type"))),
    h(
      "tbody",
      null,
      dn.attributes.map((a) =>
        h(
          "tr",
          null,
          h("td", null, a.type, a.type !== a.oid ? h("span", { class: "oid" }, ` (${a.oid})`) : null),
          h("td", { class: "value" }, a.value, a.decoded ? null : h("span", { class: "warn-text" }, " (not decodable as its string type)")),
          h("td", { class: "stype" }, a.string_type),
        ),
      ),
    ),
  );
  return h("div", { class: "table-wrap" }, table);
}

function renderSans(san) {
  if (!san) return ["none (no subject alternative name extension)"];
  const out = [];
  if (!san.readable) out.push(h("p", { class: "warn-text" }, "The extension could not be decoded; its names are unknown."));
  if (san.critical) out.push(h("p", null, "Marked critical."));
  const rows = SAN_KINDS.filter(([k]) => san.names[k] && san.names[k].length);
  if (rows.length === 0 && san.readable) out.push("present, but empty");
  for (const [k, label] of rows) {
    out.push(h("div", { class: "san-kind" }, h("span", { class: "san-label" }, `${label}:`), textList(san.names[k], "san-names")));
  }
  return out;
}

function renderCertificate(c, report) {
  const isLeaf = report.leaf === c.index;
  const role = isLeaf
    ? "server certificate (leaf)"
    : c.basic_constraints && c.basic_constraints.ca
      ? c.self_issued
        ? "root CA"
        : "CA certificate"
      : "other certificate";
  const id = `cert-${c.index}`;
  const dl = h("dl", { class: "facts" });
  const rows = [];
  rows.push(factRow("From", `${c.origin.source}, ${FORM_LABEL[c.origin.form] || c.origin.form}, ${c.origin.location}`));
  rows.push(factRow("Subject", h("span", { class: "value" }, c.subject.display || "(empty)")));
  rows.push(factRow("Subject attributes", c.subject.attributes.length ? renderDN(c.subject) : "none"));
  rows.push(factRow("Subject alternative names", ...renderSans(c.subject_alt_names)));
  rows.push(factRow("Issuer", h("span", { class: "value" }, c.issuer.display || "(empty)")));
  rows.push(factRow("Issuer attributes", c.issuer.attributes.length ? renderDN(c.issuer) : "none"));
  rows.push(factRow("Valid from", c.validity.not_before));
  rows.push(factRow("Valid to", c.validity.not_after));
  rows.push(
    factRow(
      "Enhanced key usage",
      c.extended_key_usage === null
        ? "not present (any purpose)"
        : c.extended_key_usage.length
          ? textList(c.extended_key_usage.map((k) => (k.name === k.oid ? k.oid : `${k.name} (${k.oid})`)))
          : "present, but empty",
    ),
  );
  rows.push(factRow("Key usage", c.key_usage === null ? "not present" : c.key_usage.join(", ") || "present, but empty"));
  if (c.basic_constraints) {
    const bc = c.basic_constraints;
    rows.push(factRow("Basic constraints", `CA: ${bc.ca ? "yes" : "no"}${bc.path_len !== null ? `, path length ${bc.path_len}` : ""}`));
  }
  const key = c.public_key;
  const keyText = [key.algorithm, key.curve, key.bits !== null ? `${key.bits} bits` : null].filter(Boolean).join(", ");
  rows.push(factRow("Public key", keyText, key.algorithm === key.algorithm_oid ? null : h("span", { class: "oid" }, ` (${key.algorithm_oid})`)));
  rows.push(factRow("Signature algorithm", c.signature_algorithm, c.signature_algorithm === c.signature_algorithm_oid ? null : h("span", { class: "oid" }, ` (${c.signature_algorithm_oid})`)));
  rows.push(factRow("Serial number", h("span", { class: "hex" }, c.serial)));
  rows.push(factRow("Thumbprint (SHA-1)", h("span", { class: "hex", dataset: { field: "sha1" } }, c.thumbprint_sha1)));
  rows.push(factRow("Fingerprint (SHA-256)", h("span", { class: "hex", dataset: { field: "sha256" } }, c.fingerprint_sha256)));
  if (c.subject_key_id) rows.push(factRow("Subject key identifier", h("span", { class: "hex" }, c.subject_key_id)));
  if (c.authority_key_id) rows.push(factRow("Authority key identifier", h("span", { class: "hex" }, c.authority_key_id)));
  // Addresses are shown as text, never as links: the page fetches nothing.
  if (c.ca_issuers.length) rows.push(factRow("CA issuers (not fetched)", textList(c.ca_issuers, "addr")));
  if (c.ocsp.length) rows.push(factRow("OCSP (not contacted)", textList(c.ocsp, "addr")));
  if (c.crl_distribution_points.length) rows.push(factRow("CRL (not fetched)", textList(c.crl_distribution_points, "addr")));
  rows.push(
    factRow(
      "Extensions",
      c.extensions.length
        ? textList(
            c.extensions.map(
              (e) => `${e.name || "unknown"} (${e.oid})${e.critical ? ", critical" : ""}${e.status !== "ok" ? `, ${e.status === "unknown" ? "not decoded" : e.status}` : ""}`,
            ),
          )
        : "none",
    ),
  );
  rows.push(factRow("Version, size", `X.509 v${c.version}, ${c.der_length} bytes DER${c.self_issued ? ", self-issued" : ""}`));
  append(dl, rows);
  return h(
    "article",
    { class: `cert${isLeaf ? " leaf" : ""}`, "aria-labelledby": id, dataset: { index: c.index } },
    h("h4", { id }, `Certificate #${c.index + 1}: ${role}`),
    dl,
  );
}

// ------------------------------------------------------- the chain, explained

/** "#2 (CN=…)": a certificate of the report, by number and subject (as text). */
function certLabel(report, index) {
  const c = certificateAt(report, index);
  const role = index === report.leaf ? "server certificate " : "";
  return c ? `${role}#${index + 1} (${c.subject.display || "empty subject"})` : `#${index + 1}`;
}

function chip(kind, text, title) {
  return h("span", { class: `chip ${kind}`, title }, text);
}

function signatureChip(link, report) {
  switch (link.signature) {
    case "valid":
      return chip("good", "✓ signature valid");
    case "invalid":
      return chip("bad", "✗ signature INVALID", "The issuer's key does not verify this certificate's signature: the certificate was altered, or it is not the issuer named.");
    case "unsupported":
      return chip("neutral", "signature not checked (algorithm not supported)");
    case "not_checked":
      return chip("neutral", "signature not checked (limit reached)", "This analysis checks a limited number of signatures (the input holds many certificates with the same issuer name); this one was not checked.");
    default:
      if (link.issuer === "missing") return chip("neutral", "signature not checked (issuer not in the input)");
      if (report.engine && !report.engine.signatures) return chip("neutral", "signature not checked (not in this engine)");
      return chip("neutral", "signature not checked");
  }
}

function keyIdChip(link) {
  if (link.key_id_matches === true) return chip("good", "✓ key identifiers match");
  if (link.key_id_matches === false) {
    return chip("bad", "✗ key identifiers differ", "The certificate's authority key identifier does not name the issuer's subject key identifier: the issuer here has the same name but another key.");
  }
  return null;
}

function issuerText(link, report) {
  switch (link.issuer) {
    case "it_self":
      return ["itself (self-signed)"];
    case "in_input":
      return typeof link.issuer_index === "number" ? [certLabel(report, link.issuer_index)] : [link.issuer_name];
    case "mozilla_root":
      return ["the Mozilla root ", h("span", { class: "value" }, link.issuer_name), " (not in the input, known to this engine)"];
    case "missing":
      return [h("span", { class: "value" }, link.issuer_name || "(empty name)"), ", which is not in the input"];
    default:
      return [link.issuer_name];
  }
}

function renderLink(link, report) {
  const bad = link.signature === "invalid" || link.key_id_matches === false;
  const good = link.signature === "valid" && link.key_id_matches !== false;
  return h(
    "li",
    {
      class: `chain-link${bad ? " bad" : good ? " good" : ""}`,
      dataset: { certificate: link.certificate, signature: link.signature || "none", issuer: link.issuer },
    },
    h("p", null, h("span", { class: "value" }, certLabel(report, link.certificate)), h("span", { class: "chain-arrow" }, " → issued by "), ...issuerText(link, report)),
    h("p", { class: "chain-checks" }, signatureChip(link, report), keyIdChip(link)),
  );
}

function chainEnd(chain, report) {
  switch (chain.ends) {
    case "mozilla_root":
      return [
        "The chain ends at the Mozilla root ",
        h("span", { class: "value" }, chain.mozilla_root || "(unnamed)"),
        ": a public root that browsers trust.",
      ];
    case "private_root": {
      const last = chain.path[chain.path.length - 1];
      return [
        "The chain ends at a private root: ",
        h("span", { class: "value" }, certLabel(report, last)),
        " is self-signed and not a Mozilla root (a company CA, or a self-signed certificate). Windows trusts it only where it is installed.",
      ];
    }
    case "incomplete": {
      const lastLink = chain.links[chain.links.length - 1];
      return [
        "The chain is incomplete: ",
        lastLink ? [h("span", { class: "value" }, lastLink.issuer_name || "an issuer"), " is not in the input"] : "an issuer is missing",
        ", so it cannot be followed to a root. Ask for the whole chain (a .p7b export, or the intermediate certificates).",
      ];
    }
    default:
      return [`The chain ends: ${chain.ends}.`];
  }
}

/** The chain section (between the fix and the certificates), when the report explains a chain. */
function renderChainSection(report) {
  const chain = report.chain;
  if (!chain || !Array.isArray(chain.links) || chain.links.length === 0) {
    els.chainSection.hidden = true;
    els.chain.replaceChildren();
    return;
  }
  const out = [h("p", { class: "meta" }, "From the server certificate up, as far as the input shows it.")];
  out.push(h("ol", { class: "chain-links" }, chain.links.map((link) => renderLink(link, report))));
  out.push(h("p", { class: "chain-end", dataset: { ends: chain.ends } }, ...chainEnd(chain, report)));
  if (chain.ends === "mozilla_root") {
    out.push(h("p", { class: "note" }, "Windows' own trust store may differ: it follows Microsoft's root program, and each company adds or removes roots of its own."));
  }
  if (Array.isArray(chain.unused) && chain.unused.length) {
    out.push(
      h(
        "div",
        { class: "chain-unused" },
        h("p", null, `Not on the chain (${chain.unused.length === 1 ? "this certificate is" : "these certificates are"} in the input, but not between the server certificate and its root):`),
        textList(chain.unused.slice(0, UNUSED_LISTED).map((i) => certLabel(report, i)), "value"),
        chain.unused.length > UNUSED_LISTED
          ? h("p", { class: "meta" }, `… and ${(chain.unused.length - UNUSED_LISTED).toLocaleString("en-US")} more, all under Certificates below.`)
          : null,
      ),
    );
  }
  const engine = report.engine || {};
  if (!engine.signatures || !engine.mozilla_roots) {
    const notes = [];
    if (!engine.signatures) notes.push("signatures are not checked");
    if (!engine.mozilla_roots) notes.push("the Mozilla roots are not known");
    out.push(h("p", { class: "meta" }, `This engine is the core one: ${notes.join(" and ")}. An input with more than one certificate loads the full engine.`));
  } else {
    out.push(h("p", { class: "meta" }, `Each signature is checked with its issuer's key; ${chain.mozilla_roots_known} Mozilla roots known to this engine.`));
  }
  els.chain.replaceChildren(...out);
  els.chainSection.hidden = false;
}

function renderCertificates(report, later) {
  // The chain order when the report gives it (leaf first), then the others.
  const order = [];
  const seen = new Set();
  const path = report.chain && Array.isArray(report.chain.path) ? report.chain.path : report.leaf !== null ? [report.leaf] : [];
  for (const i of path) {
    if (!seen.has(i)) order.push(i);
    seen.add(i);
  }
  for (const c of report.certificates) {
    if (!seen.has(c.index)) order.push(c.index);
    seen.add(c.index);
  }
  const certs = order.map((i) => certificateAt(report, i)).filter(Boolean);
  if (certs.length === 0) {
    els.certificates.replaceChildren(h("p", null, "No certificate could be read."));
    return;
  }
  fill(els.certificates, certs, (c) => renderCertificate(c, report), FIRST.certificates, later);
}

/** The certificate of `report` with this index (they are in index order). */
function certificateAt(report, index) {
  const c = report.certificates[index];
  return c && c.index === index ? c : report.certificates.find((x) => x.index === index);
}

function renderInputItem(item) {
  return h(
    "tr",
    { class: `outcome-${item.outcome}` },
    h("td", null, item.source, " ", h("span", { class: "meta" }, `(${item.location})`)),
    h("td", null, item.what),
    h(
      "td",
      null,
      badge(`outcome outcome-${item.outcome}`, OUTCOME_WORD[item.outcome] || item.outcome),
      " ",
      item.message,
    ),
  );
}

// ------------------------------------------------------- copy and download

function selectContents(el) {
  const sel = window.getSelection();
  if (!sel) return;
  const range = document.createRange();
  range.selectNodeContents(el);
  sel.removeAllRanges();
  sel.addRange(range);
}

async function writeClipboard(text) {
  if (!navigator.clipboard || typeof navigator.clipboard.writeText !== "function") {
    throw new Error("the clipboard is not available here");
  }
  await navigator.clipboard.writeText(text);
}

async function copyText(text, status, el) {
  try {
    await writeClipboard(text);
    setText(status, "Copied.");
  } catch {
    selectContents(el);
    setText(status, "Could not copy automatically: the text is selected, press Ctrl+C (⌘C on a Mac).");
  }
}

async function copyReport() {
  const used = state.lastEngine || engine;
  if (!state.report || !used) return;
  let text;
  try {
    // The same input, options and engine as the report on screen, as text (made in the worker).
    setText(els.reportStatus, "Making the report…");
    const { input, transfer } = postable(state.lastInput);
    ({ text } = await client.call({ type: "text", engine: used, input, options: state.lastOptions }, { transfer }));
  } catch (err) {
    setText(els.reportStatus, `Could not make the report: ${errorMessage(err)}`);
    return;
  }
  try {
    await writeClipboard(text);
    els.reportFallback.hidden = true;
    setText(els.reportStatus, "Report copied as plain text.");
  } catch {
    els.reportFallback.value = text;
    els.reportFallback.hidden = false;
    els.reportFallback.focus();
    els.reportFallback.select();
    setText(els.reportStatus, "Could not copy automatically: the report is selected below, press Ctrl+C (⌘C on a Mac).");
  }
}

function downloadJson() {
  if (!state.report) return;
  const blob = new Blob([`${JSON.stringify(state.report, null, 2)}\n`], { type: "application/json" });
  const url = URL.createObjectURL(blob);
  const a = h("a", { href: url, download: "msstd-check-report.json", class: "sr-only" });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  setText(els.reportStatus, "Saved msstd-check-report.json.");
}

// -------------------------------------------------------------- the wiring

function clearAll() {
  els.paste.value = "";
  els.msstd.value = "";
  els.host.value = "";
  els.date.value = localToday();
  state.files = [];
  state.lastInput = null;
  state.lastOptions = null;
  state.lastEngine = null;
  hidePassword();
  setFileNotice("");
  renderFileList();
  run(); // nothing to check: drops any check in flight, and shows the idle state
  els.paste.focus();
}

function hasFiles(e) {
  return !!e.dataTransfer && Array.from(e.dataTransfer.types || []).includes("Files");
}

function bind() {
  const $ = (id) => document.getElementById(id);
  els = {
    engineStatus: $("engine-status"),
    fileNotice: $("file-notice"),
    result: $("result"),
    progress: $("progress"),
    progressBar: $("progress-bar"),
    controls: $("controls"),
    sampleButtons: $("sample-buttons"),
    paste: $("paste"),
    drop: $("drop"),
    files: $("files"),
    fileList: $("file-list"),
    passwordField: $("password-field"),
    password: $("password"),
    passwordStatus: $("password-status"),
    msstd: $("msstd"),
    host: $("host"),
    date: $("date"),
    clear: $("clear"),
    verdict: $("verdict"),
    verdictSentence: $("verdict-sentence"),
    verdictHeadline: $("verdict-headline"),
    keyWarning: $("key-warning"),
    problems: $("problems"),
    problemsList: $("problems-list"),
    error: $("error"),
    report: $("report"),
    copyReport: $("copy-report"),
    downloadJson: $("download-json"),
    reportStatus: $("report-action-status"),
    reportFallback: $("report-fallback"),
    evaluated: $("evaluated"),
    clientsBody: $("clients-body"),
    alternative: $("alternative"),
    findings: $("findings"),
    fix: $("fix"),
    chainSection: $("chain-section"),
    chain: $("chain"),
    certificates: $("certificates"),
    inputItems: $("input-items-body"),
    version: $("tool-version"),
  };

  els.date.value = localToday();
  els.drop.setAttribute("aria-disabled", "true");
  for (const s of SAMPLES) {
    els.sampleButtons.append(
      h("button", { type: "button", class: "small secondary", dataset: { sample: s.id }, onclick: () => loadSample(s.id) }, s.label),
    );
  }

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

  els.files.addEventListener("change", async () => {
    const files = Array.from(els.files.files || []);
    els.files.value = ""; // so picking the same file again works
    await addFiles(files);
  });
  const openPicker = () => {
    if (engine) els.files.click();
  };
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
      e.dataTransfer.dropEffect = engine ? "copy" : "none";
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

/**
 * Starts the page. `connect` returns a promise of the port to the engine host:
 * a started worker (openWorker()), or an object that behaves like one (with
 * `thread: "page"` when it runs the engines on this page). `wasm`, when given,
 * returns an engine's wasm bytes by name ("core", "full"), sent to the worker
 * with its load request (the single file); without it the worker fetches them.
 * The full engine is only loaded when an input needs it.
 */
export async function start({ connect, wasm = null }) {
  bind();
  wasmBytes = wasm;
  let version = "";
  try {
    if (typeof WebAssembly !== "object") throw new Error("this browser does not support WebAssembly");
    if (typeof Worker !== "function" && !wasm) throw new Error("this browser does not support Web Workers");
    const port = await connect();
    document.documentElement.dataset.thread = port.thread || "worker";
    client = createClient(port);
    version = await loadEngine("core");
    engine = "core";
  } catch (err) {
    engine = null;
    els.engineStatus.className = "error-box";
    els.engineStatus.replaceChildren(
      h("strong", null, "The checker could not start. "),
      `${errorMessage(err)}. Reload the page; if it keeps failing, use the msstd-check command-line tool.`,
    );
    document.documentElement.dataset.engine = "failed";
    return;
  }
  els.controls.disabled = false;
  els.drop.removeAttribute("aria-disabled");
  els.engineStatus.hidden = true;
  setText(els.engineStatus, "");
  setText(els.version, `msstd-check ${version}`);
  document.documentElement.dataset.engine = "ready";
  const sample = new URLSearchParams(window.location.search).get("sample");
  if (sample !== null && !loadSample(sample)) {
    showError(`There is no sample called “${sample}”. Choose one of the samples above.`);
  }
}

// @bootstrap-served (scripts/make-single-file.mjs removes everything from here on)
// The engines run in www/worker.js, a module worker (the CSP allows worker-src 'self').
start({
  connect: () => openWorker(new Worker(new URL("./worker.js", import.meta.url), { type: "module" })),
});

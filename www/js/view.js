// The page's elements and what they show. setPhase() is the one place that
// decides which parts of the result show, from state.phase (see state.js);
// renderReport() puts a report's sections on screen (each made by its module
// under render/).

import { fillWith, h, setText } from "./dom.js";
import { errorMessage, formatCount, formatSize } from "./format.js";
import { certificateOrder, findingsWith, passwordState, pfxCertificates } from "./report.js";
import { fillFirst, fillLater } from "./slices.js";
import { PHASES, reportPhase, state } from "./state.js";
import { certificate, foldedCertificate, saveAll } from "./render/certificates.js";
import { saveCertificates } from "./save.js";
import { chain } from "./render/chain.js";
import { alternative, blockedNote, checkedLine, clientRows } from "./render/clients.js";
import { passwordMessage, problemBox, startFailure } from "./render/controls.js";
import { findingGroup, groupFindings, keyWarning, problems } from "./render/findings.js";
import { fix } from "./render/fix.js";
import { inputItem } from "./render/inputs.js";
import { verdictLine, verdictSentence } from "./render/verdict.js";
import { comparisonView } from "./render/compare.js";

const IDS = {
  engineStatus: "engine-status",
  fileNotice: "file-notice",
  result: "result",
  progress: "progress",
  progressBar: "progress-bar",
  controls: "controls",
  samples: "samples",
  sampleButtons: "sample-buttons",
  verdictFix: "verdict-fix",
  paste: "paste",
  drop: "drop",
  files: "files",
  fileList: "file-list",
  passwordField: "password-field",
  password: "password",
  passwordStatus: "password-status",
  msstd: "msstd",
  host: "host",
  date: "date",
  clear: "clear",
  verdict: "verdict",
  verdictSentence: "verdict-sentence",
  verdictHeadline: "verdict-headline",
  keyWarning: "key-warning",
  problems: "problems",
  problemsList: "problems-list",
  error: "error",
  report: "report",
  copyReport: "copy-report",
  downloadJson: "download-json",
  reportStatus: "report-action-status",
  reportFallback: "report-fallback",
  evaluated: "evaluated",
  clientsBody: "clients-body",
  blockedNote: "blocked-note",
  alternative: "alternative",
  findings: "findings",
  findingsFolded: "findings-folded",
  findingsFoldedSummary: "findings-folded-summary",
  findingsPassed: "findings-passed",
  fix: "fix",
  chainSection: "chain-section",
  chain: "chain",
  certificates: "certificates",
  certsNote: "certs-note",
  saveAll: "save-all",
  inputItems: "input-items-body",
  version: "tool-version",
  compareToggle: "compare-toggle",
  compareNew: "compare-new",
  pasteNew: "paste-new",
  dropNew: "drop-new",
  filesNew: "files-new",
  fileListNew: "file-list-new",
  comparison: "comparison",
};

/** The page's elements, by the names of IDS (filled by bindElements()). */
export const els = {};

const verdictKey = (kind, sentence, headline) => `${kind}\u0000${sentence}\u0000${headline}`;

export function bindElements() {
  for (const [name, id] of Object.entries(IDS)) els[name] = document.getElementById(id);
  // What the page's HTML shows at first: setting the same again stays quiet.
  state.verdictKey = verdictKey(els.verdict.dataset.verdict, els.verdictSentence.textContent, els.verdictHeadline.textContent);
}

// A long report shows its first items at once, the others a slice at a time.
const FIRST = { findings: 200, certificates: 10, inputs: 100 };
const REPORT_PHASES = new Set(["report", "needs-password"]);

function setVerdict(kind, sentence, headline) {
  els.verdict.dataset.verdict = kind;
  const key = verdictKey(kind, sentence, headline);
  if (key === state.verdictKey) return; // keep the live region quiet
  state.verdictKey = key;
  els.verdictSentence.replaceChildren(...verdictLine(kind, sentence));
  setText(els.verdictHeadline, headline);
}

/** "1,000 certificates" or "1.2 MB": what the reading phase says it checks. */
function checkingWhat(job) {
  return job.certificates > 1 ? `${formatCount(job.certificates)} certificates` : formatSize(job.bytes);
}

/** The verdict box of each phase (none: as it is). */
function showVerdict(phase) {
  if (phase === "empty") setVerdict("idle", "Paste a certificate or drop a file to start.", "");
  else if (phase === "reading") {
    const what = checkingWhat(state.job);
    setVerdict("checking", `Checking ${what}…`, "The page stays usable meanwhile; the result appears here.");
    els.progressBar.removeAttribute("value");
    els.progressBar.setAttribute("aria-label", `Checking ${what}`);
  } else if (phase === "loading-engine") setVerdict("loading", "Loading the chain and .pfx checks…", "");
  else if (phase === "error") setVerdict("error", "Could not check", "See the problem below; the page keeps working.");
  else if (phase === "compare") {
    const v = state.comparison.new.verdict;
    const readable = state.comparison.changes !== null;
    setVerdict(readable ? v.overall : "unknown", readable ? `New certificate: ${verdictSentence(v)}` : "Cannot compare", readable ? v.headline : "A side holds no readable certificate: see below.");
  } else if (REPORT_PHASES.has(phase)) {
    const v = state.report.verdict;
    setVerdict(v.overall, verdictSentence(v), v.headline);
    els.verdict.dataset.modern = v.modern_windows;
  }
}

function showEngineStatus(phase) {
  const ready = phase !== "starting" && phase !== "unavailable";
  if (els.controls.disabled === ready) els.controls.disabled = !ready;
  if (phase === "unavailable") {
    els.engineStatus.className = "error-box";
    els.engineStatus.replaceChildren(...startFailure(state.problem));
  } else if (ready && !els.engineStatus.hidden) {
    els.drop.removeAttribute("aria-disabled");
    els.engineStatus.hidden = true;
    setText(els.engineStatus, "");
  }
}

/** Shows what state.phase (and the progress bar's check, state.progress) says, and hides the rest. */
function applyView() {
  const phase = state.phase;
  const report = REPORT_PHASES.has(phase) ? state.report : null;
  const codes = state.labels && state.labels.codes;
  showEngineStatus(phase);
  showVerdict(phase);
  els.report.hidden = !report || state.building;
  els.comparison.hidden = phase !== "compare";
  els.problems.hidden = !(report && report.findings.some((f) => f.severity === "error"));
  if (report) {
    // Plain words: "completely" only when something was read.
    els.problems.querySelector(".problems-title").textContent = report.certificates.length
      ? "Part of the input could not be read:"
      : "Nothing in the input could be read as a certificate:";
  }
  els.keyWarning.hidden = !(report && findingsWith(report, codes.privateKey).length);
  const problem = phase === "error" || (report && state.problem) ? state.problem : "";
  if (problem && els.error.textContent !== `Problem: ${problem}`) fillWith(els.error, problemBox(problem));
  els.error.hidden = !problem;
  els.passwordField.hidden = state.password === "hidden";
  els.progress.hidden = !state.progress;
  if (state.progress || state.building) els.result.setAttribute("aria-busy", "true");
  else els.result.removeAttribute("aria-busy");
  // The verdict is on screen, the report under it not yet (renderReport()).
  els.result.toggleAttribute("data-building", state.building);
}

/**
 * Enters `phase` (state.js), with `problem`: the message of the unavailable
 * and error phases, or a note shown with a report.
 */
export function setPhase(phase, problem = "") {
  if (!PHASES.includes(phase)) throw new Error(`no phase ${phase}`);
  state.phase = phase;
  state.problem = problem;
  if (!REPORT_PHASES.has(phase)) {
    state.report = null;
    state.building = false;
    state.renderToken += 1; // stops putting an older report on screen
  }
  if (phase !== "compare") state.comparison = null;
  if (phase === "empty" || phase === "error" || phase === "compare") state.progress = 0;
  if (phase === "empty") setPassword("hidden");
  applyView();
}

/** The reading phase for `job`: the progress bar follows it. */
export function showChecking(job) {
  state.progress = job.seq;
  state.job = job;
  setPhase("reading");
}

/** Hides the progress bar (its check is on screen). */
function hideProgress() {
  state.progress = 0;
  applyView();
}

/**
 * Sets the password box's state (state.password; the box shows unless it is
 * hidden, which empties it). `opened`: the certificates read from the .pfx.
 * Returns true when the box was hidden and now asks for the password.
 */
function setPassword(next, opened = 0) {
  const wasHidden = state.password === "hidden";
  state.password = next;
  const message = next === "hidden" ? "" : passwordMessage(next, opened);
  if (next === "hidden") {
    if (els.password.value !== "") els.password.value = "";
    delete els.passwordStatus.dataset.state;
  } else els.passwordStatus.dataset.state = next;
  if (els.passwordStatus.textContent !== message) setText(els.passwordStatus, message);
  return wasHidden && next !== "hidden";
}

/** Hides (and empties) the password box. */
export function hidePassword() {
  setPassword("hidden");
  applyView();
}

/** Under the verdict: the fix in one line and a link to it (hidden when nothing needs to change). */
function showFixLink(report) {
  const fixNeeded = report.fix && report.fix.needed;
  const first = fixNeeded && report.fix.steps.length ? report.fix.steps[0] : "";
  const short = first.length <= 160 ? `${first} ` : "";
  fillWith(els.verdictFix, fixNeeded ? [h("strong", null, "Fix: "), short, h("a", { href: "#fix-heading" }, short ? "How, step by step" : "What to change")] : []);
  els.verdictFix.hidden = !fixNeeded;
}

/**
 * Brings the verdict into view once, after a paste, a drop, a pick or a
 * sample (state.reveal), when it is not on screen already; smoothly unless
 * the user asks for reduced motion.
 */
function revealVerdict(long) {
  state.reveal = false;
  const box = els.verdict.getBoundingClientRect();
  if (box.top >= 0 && box.bottom <= window.innerHeight) return;
  const reduce = long || (window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches);
  els.result.scrollIntoView({ block: "start", behavior: reduce ? "auto" : "smooth" });
}

/** Fills `container` with `content` (null: nothing), and hides it when there is none. */
function showSection(container, section, content) {
  fillWith(container, content || []);
  section.hidden = !content;
}

/**
 * Runs `fn` once the browser has painted what is on screen now: after the
 * next animation frame, or after FRAME_FALLBACK_MS where no frame comes (a
 * tab in the background).
 */
function afterPaint(fn) {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    fn();
  };
  requestAnimationFrame(() => setTimeout(once, 0));
  setTimeout(once, FRAME_FALLBACK_MS);
}

const FRAME_FALLBACK_MS = 100;

/** Whether `report` is shown a slice at a time (and its certificates after the first ones folded). */
function isLong(report) {
  return report.certificates.length > FIRST.certificates || report.input.length > FIRST.inputs || report.findings.length > FIRST.findings;
}

/**
 * What goes with the verdict, above the report: the private-key banner, the
 * password box, the parts that could not be read, the fix in one line.
 * Returns true when the password box now asks for the password.
 */
function showHead(report) {
  const labels = state.labels;
  fillWith(els.keyWarning, keyWarning(report, labels.codes.privateKey) || []);
  const asks = setPassword(passwordState(report, state.password !== "hidden", labels.codes.pfxWrongPassword), pfxCertificates(report).length);
  els.problemsList.replaceChildren(...problems(report));
  showFixLink(report);
  return asks;
}

/** The findings, open and folded; returns their lists still to fill (fillFirst()). */
function showFindings(report) {
  const groups = groupFindings(report.findings);
  const later = [fillFirst(els.findings, groups.open, findingGroup, FIRST.findings)];
  if (groups.open.length === 0) els.findings.replaceChildren(h("li", { class: "no-findings" }, "No failure and no warning."));
  later.push(fillFirst(els.findingsPassed, groups.folded, findingGroup, FIRST.findings));
  const passed = groups.folded.reduce((n, g) => n + g.count, 0);
  setText(els.findingsFoldedSummary, `${formatCount(passed)} passed ${passed === 1 ? "check or note" : "checks and notes"}`);
  els.findingsFolded.hidden = passed === 0;
  return later;
}

/**
 * The certificates: the first FIRST.certificates in full, the others (a long
 * report) folded, each opening to show all of it. Returns the list still to
 * fill (fillFirst()), or null.
 */
function showCertificates(report) {
  const labels = state.labels;
  const certs = certificateOrder(report);
  fillWith(els.saveAll, [saveAll(certs, saveCertificates)]);
  const folded = certs.length - FIRST.certificates;
  setText(els.certsNote, folded > 0 ? `The first ${formatCount(FIRST.certificates)} are shown in full; the other ${formatCount(folded)} are folded: open one to see all of it.` : "");
  els.certsNote.hidden = folded <= 0;
  if (certs.length === 0) {
    els.certificates.replaceChildren(h("p", null, "No certificate could be read."));
    return null;
  }
  const make = (c, i) => (i < FIRST.certificates ? certificate : foldedCertificate)(c, report, labels.forms, saveCertificates);
  return fillFirst(els.certificates, certs, make, FIRST.certificates);
}

/**
 * The report under the verdict: what was checked, the clients, the findings,
 * the fix, the chain, the certificates, the input; a long one a slice at a
 * time (the progress bar, when shown, following it). `token`: the report's
 * (state.renderToken).
 */
function showBody(report, token) {
  const labels = state.labels;
  fillWith(els.evaluated, checkedLine(report));
  els.clientsBody.replaceChildren(...clientRows(report.verdict, labels.clients));
  showSection(els.blockedNote, els.blockedNote, blockedNote(report.verdict));
  showSection(els.alternative, els.alternative, alternative(report.alternative, labels.clients));
  const later = showFindings(report);
  fillWith(els.fix, fix(report, labels));
  showSection(els.chain, els.chainSection, chain(report));
  later.push(showCertificates(report));
  later.push(fillFirst(els.inputItems, report.input, inputItem, FIRST.inputs));
  const rest = later.filter(Boolean);
  els.reportFallback.hidden = true;
  setText(els.reportStatus, "");
  // A long report: the browser renders only its parts near the screen (style.css).
  els.report.classList.toggle("long", rest.length > 0);
  state.building = false;
  if (rest.length === 0) {
    hideProgress();
    return;
  }
  applyView();
  fillLater(rest, {
    current: () => token === state.renderToken,
    onStart: (total) => {
      if (!state.progress) return;
      els.progressBar.max = total;
      els.progressBar.value = 0;
      els.progressBar.setAttribute("aria-label", "Showing the report");
    },
    onSlice: (done) => {
      if (state.progress) els.progressBar.value = done;
    },
  }).then((complete) => {
    if (complete) hideProgress();
  });
}

/**
 * Puts `report` on screen (the report or needs-password phase, with `note`
 * under the verdict when given). The verdict first: when no report is on
 * screen, the verdict (with what goes with it, showHead()) is shown at once,
 * and the report under it is built once the browser has painted the verdict
 * (#result has data-building and aria-busy meanwhile). A report already on
 * screen is replaced in one go, so that an old report never shows under a
 * new verdict.
 */
export function renderReport(report, note = "", certificates = null) {
  const token = ++state.renderToken;
  const replacing = REPORT_PHASES.has(state.phase) && !state.building;
  state.report = report;
  const asks = showHead(report);
  state.building = !replacing;
  setPhase(reportPhase(state.password), note);
  // A long report scrolls at once: no smooth scroll while its slices are laid out.
  if (state.reveal) revealVerdict(isLong(report));
  // Straight to the password box when a dropped or picked .pfx asks for it.
  if (asks && (document.activeElement === document.body || document.activeElement === els.drop)) els.password.focus();
  const current = () => token === state.renderToken;
  const body = () => {
    if (!current()) return;
    if (!Array.isArray(certificates)) showBody(report, token);
    else readCertificates(report, certificates, { now: replacing, current, done: () => showBody(report, token) });
  };
  if (replacing) body();
  else afterPaint(body);
}

const READ_SLICE_MS = 8;

/**
 * Puts the certificates (JSON texts of arrays of them: www/worker.js
 * reportParts()) in `report`, in place of their index and origin, then calls
 * `done()`: all at once when `now`, else READ_SLICE_MS of parsing a task,
 * `done()` in a task of its own when it took several. Stops when `current()`
 * turns false; shows the error phase when they cannot be read.
 */
function readCertificates(report, texts, { now, current, done }) {
  const all = [];
  let next = 0;
  let tasks = 0;
  const step = () => {
    if (!current()) return;
    tasks += 1;
    const start = performance.now();
    try {
      while (next < texts.length && (now || next === 0 || performance.now() - start < READ_SLICE_MS)) all.push(...JSON.parse(texts[next++]));
    } catch (err) {
      setPhase("error", `The report could not be read: ${errorMessage(err)}`);
      return;
    }
    if (next < texts.length) {
      setTimeout(step, 0);
      return;
    }
    report.certificates = all;
    if (now || tasks === 1) done();
    else setTimeout(() => current() && done(), 0);
  };
  step();
}

/**
 * Puts `comparison` (compare mode) on screen: the compare phase. The password
 * box shows when either side is a .pfx that needs (or got a wrong) password.
 * `onCopy`: the Copy comparison button's action.
 */
export function renderComparison(comparison, onCopy) {
  const labels = state.labels;
  state.renderToken += 1;
  state.comparison = comparison;
  const shown = state.password !== "hidden";
  const asks = ["old", "new"].map((side) => passwordState(comparison[side], shown, labels.codes.pfxWrongPassword));
  const pick = asks.find((p) => p === "wrong") || asks.find((p) => p === "needed") || asks.find((p) => p === "open") || "hidden";
  setPassword(pick, pfxCertificates(comparison.old).length + pfxCertificates(comparison.new).length);
  fillWith(els.comparison, comparisonView(comparison, labels.clients, onCopy));
  setPhase("compare");
}

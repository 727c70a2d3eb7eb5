// The inputs besides the text box: files dropped or picked (refused before
// they are read when over the engine's limits), the samples, and Clear.

import { SAMPLES } from "../samples.js";
import { run } from "./checks.js";
import { clearNew } from "./compare.js";
import { fillWith } from "./dom.js";
import { errorMessage, formatSize, localToday } from "./format.js";
import { fileItems, fileNotice } from "./render/controls.js";
import { state } from "./state.js";
import { els, hidePassword } from "./view.js";

function sameBytes(a, b) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function base64ToBytes(b64) {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** The message under the drop zone about files that were not read (empty: none). */
function setFileNotice(message) {
  fillWith(els.fileNotice, fileNotice(message));
  els.fileNotice.hidden = !message;
}

function removeFile(i) {
  state.files.splice(i, 1);
  setFileNotice("");
  renderFileList();
  run();
  els.drop.focus();
}

function renderFileList() {
  els.fileList.replaceChildren(...fileItems(state.files, removeFile));
  els.fileList.hidden = state.files.length === 0;
}

/** Why `file` is not read (over the engine's limits, with `total` bytes already in), or null. */
function refusal(file, name, total) {
  const { maxInputBytes, maxTotalBytes } = state.limits;
  if (file.size > maxInputBytes) {
    return `${name} (${formatSize(file.size)}) was not read: a file may be at most ${formatSize(maxInputBytes)} (a certificate is a few KB)`;
  }
  if (total + file.size > maxTotalBytes) {
    return `${name} (${formatSize(file.size)}) was not read: all inputs together may be at most ${formatSize(maxTotalBytes)}`;
  }
  return null;
}

/** Adds dropped or picked files to the inputs, and checks them. */
export async function addFiles(fileList) {
  const files = Array.from(fileList || []);
  if (!state.engine || files.length === 0) return;
  const skipped = [];
  // Checked before any byte is read: a file over the core's limits is never
  // read (its size is known from the File object).
  let total = els.paste.value.length + state.files.reduce((n, f) => n + f.size, 0);
  for (const file of files) {
    const name = file.name || "file";
    const refused = refusal(file, name, total);
    if (refused) {
      skipped.push(refused);
      continue;
    }
    let data;
    try {
      data = new Uint8Array(await file.arrayBuffer());
    } catch (err) {
      skipped.push(`${name} could not be read (${errorMessage(err)})`);
      continue;
    }
    if (!state.files.some((f) => f.name === name && sameBytes(f.data, data))) {
      state.files.push({ name, size: data.length, data });
      total += data.length;
    }
  }
  state.reveal = true;
  // The check first (it goes to the worker at once), the list of files while it runs.
  run();
  setFileNotice(skipped.length ? `Not checked: ${skipped.join("; ")}.` : "");
  renderFileList();
}

/**
 * A big pasted text (PASTE_BOX_BYTES and more): kept out of the paste box,
 * where the browser would lay it all out on the main thread, and checked as
 * an input of its own (listed with the files, with its Remove button).
 */
export function addPastedText(text) {
  if (!state.engine || text === "") return;
  state.files = state.files.filter((f) => !f.pasted);
  state.files.push({ name: "pasted text", size: text.length, data: text, pasted: true });
  setFileNotice("");
  renderFileList();
  state.reveal = true;
  run();
}

/** Puts sample `id` in the boxes and checks it; false when there is no such sample. */
export function loadSample(id) {
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
  state.reveal = true;
  run();
  return true;
}

/** Empties every box and the files. */
export function clearAll() {
  els.paste.value = "";
  els.msstd.value = "";
  els.host.value = "";
  els.date.value = localToday();
  state.files = [];
  clearNew();
  state.last = null;
  hidePassword();
  setFileNotice("");
  renderFileList();
  run(); // nothing to check: drops any check in flight, and shows the empty phase
  els.paste.focus();
}

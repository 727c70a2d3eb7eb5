// Compare mode (renewal): the toggle near the input, and the second box (pasted
// text, dropped or picked files) that holds the new certificate. The first box
// keeps the certificate in use; both are checked with the same principal name,
// host and date (checks.js sends one compare request when both are filled).

import { run, schedule } from "./checks.js";
import { errorMessage } from "./format.js";
import { fileItems } from "./render/controls.js";
import { state } from "./state.js";
import { els } from "./view.js";

function renderNewFiles() {
  els.fileListNew.replaceChildren(
    ...fileItems(state.newFiles, (i) => {
      state.newFiles.splice(i, 1);
      renderNewFiles();
      run();
      els.dropNew.focus();
    }),
  );
  els.fileListNew.hidden = state.newFiles.length === 0;
}

/** Adds files to the new certificate's side (within the engine's per-file limit), and checks. */
export async function addNewFiles(fileList) {
  const files = Array.from(fileList || []);
  if (!state.engine || files.length === 0) return;
  for (const file of files) {
    const name = file.name || "file";
    let data = null;
    let note = "";
    if (file.size > state.limits.maxInputBytes) note = " (not read: over the size limit)";
    else {
      try {
        data = new Uint8Array(await file.arrayBuffer());
      } catch (err) {
        note = ` (could not be read: ${errorMessage(err)})`;
      }
    }
    // A file that is not read is checked as empty, under a name that says why:
    // the comparison then says that side holds no readable certificate.
    state.newFiles.push({ name: name + note, size: file.size, data: data || new Uint8Array(0) });
  }
  renderNewFiles();
  run();
}

/** Empties the new certificate's box and files (Clear; compare mode off). */
export function clearNew() {
  els.pasteNew.value = "";
  state.newFiles = [];
  renderNewFiles();
}

/** Turns compare mode on or off (off: the second box is emptied). */
export function setCompareMode(on) {
  state.compare = on;
  els.compareNew.hidden = !on;
  els.compareToggle.setAttribute("aria-expanded", String(on));
  els.compareToggle.textContent = on ? "Stop comparing (check one certificate)" : "Compare with another certificate (a renewal)";
  if (!on) clearNew();
  run();
  if (on) els.pasteNew.focus();
}

/** Wires the toggle and the second box. */
export function bindCompare() {
  els.compareToggle.addEventListener("click", () => setCompareMode(!state.compare));
  els.pasteNew.addEventListener("input", () => schedule());
  const pick = () => {
    if (state.engine) els.filesNew.click();
  };
  els.filesNew.addEventListener("change", async () => {
    const files = Array.from(els.filesNew.files || []);
    els.filesNew.value = "";
    await addNewFiles(files);
  });
  els.dropNew.addEventListener("click", pick);
  els.dropNew.addEventListener("keydown", (e) => {
    if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      pick();
    }
  });
  els.dropNew.addEventListener("dragenter", () => els.dropNew.classList.add("over"));
  els.dropNew.addEventListener("dragleave", () => els.dropNew.classList.remove("over"));
  // Dropped here: the new certificate's (not the page's drop, which fills the first box).
  els.dropNew.addEventListener("drop", (e) => {
    e.preventDefault();
    e.stopPropagation();
    els.dropNew.classList.remove("over");
    if (e.dataTransfer) addNewFiles(e.dataTransfer.files);
  });
}

// The input side: the list of files being checked, the notice about files
// that were not read, the password box's status line and the sample buttons.

import { h } from "../dom.js";
import { formatSize } from "../format.js";

/** The files' list items; `onRemove(i)` is called by a file's Remove button. */
export function fileItems(files, onRemove) {
  return files.map((f, i) => {
    const remove = h("button", { type: "button", class: "link-button", "aria-label": `Remove ${f.name}`, onclick: () => onRemove(i) }, "Remove");
    if (f.pasted) {
      const clear = h("button", { type: "button", class: "link-button", "aria-label": "Clear the pasted text", onclick: () => onRemove(i) }, "Clear");
      return h("li", { class: "pasted-big" }, h("span", { class: "file-name" }, `${formatSize(f.size)} pasted`), " (kept out of the box, checked as it is) ", clear);
    }
    return h("li", null, h("span", { class: "file-name" }, f.name), " ", h("span", { class: "file-size" }, `(${formatSize(f.size)})`), " ", remove);
  });
}

/** The notice about files that were not read (empty message: none). */
export function fileNotice(message) {
  return message ? [h("strong", null, "Problem: "), message] : [];
}

/** The password box's status line for its state (needed, wrong, open); `opened`: the certificates read from the .pfx. */
export function passwordMessage(state, opened) {
  if (state === "wrong") return "Wrong password: it does not open this .pfx file. Check it with the customer.";
  if (state === "needed") return "This .pfx file is protected by a password: type it to read its certificates.";
  return `The password opens the file: ${opened} certificate${opened === 1 ? "" : "s"} read.`;
}

/** One button per sample; `onPick(id)` loads it. */
export function sampleButtons(samples, onPick) {
  return samples.map((s) => h("button", { type: "button", class: "small secondary", dataset: { sample: s.id }, onclick: () => onPick(s.id) }, s.label));
}

/** The box that says the checker could not start. */
export function startFailure(message) {
  return [h("strong", null, "The checker could not start. "), `${message}. Reload the page; if it keeps failing, use the msstd-check command-line tool.`];
}

/** The problem box's content. */
export function problemBox(message) {
  return [h("strong", null, "Problem: "), message];
}

// The clipboard, and selecting text for Ctrl+C where the page cannot write it.

import { setText } from "./dom.js";

function selectContents(el) {
  const sel = window.getSelection();
  if (!sel) return;
  const range = document.createRange();
  range.selectNodeContents(el);
  sel.removeAllRanges();
  sel.addRange(range);
}

export async function writeClipboard(text) {
  if (!navigator.clipboard || typeof navigator.clipboard.writeText !== "function") {
    throw new Error("the clipboard is not available here");
  }
  await navigator.clipboard.writeText(text);
}

/** Copies `text`, and says so in `status`; when it cannot, selects `el` (showing the text) for Ctrl+C. */
export async function copyText(text, status, el) {
  try {
    await writeClipboard(text);
    setText(status, "Copied.");
  } catch {
    selectContents(el);
    setText(status, "Could not copy automatically: the text is selected, press Ctrl+C (⌘C on a Mac).");
  }
}

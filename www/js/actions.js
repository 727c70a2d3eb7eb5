// The report's actions: Copy report (plain text, made by the engine) and
// Download JSON.

import { writeClipboard } from "./clipboard.js";
import { h, setText } from "./dom.js";
import { compareRequest, postable } from "./engine.js";
import { errorMessage } from "./format.js";
import { state } from "./state.js";
import { els } from "./view.js";

/** Copies the report on screen as plain text; where the page cannot, selects it in a text box for Ctrl+C. */
export async function copyReport() {
  const last = state.last;
  const used = (last && last.engine) || state.engine;
  if (!state.report || !used) return;
  let text;
  try {
    // The same input, options and engine as the report on screen, as text (made in the worker).
    setText(els.reportStatus, "Making the report…");
    const { input, transfer } = postable(last.input);
    ({ text } = await state.client.call({ type: "text", engine: used, input, options: last.options }, { transfer }));
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

/**
 * Copies the comparison on screen (compare mode) as plain text, the same as
 * `msstd-check --compare OLD NEW`; where the page cannot, selects it for Ctrl+C.
 */
export async function copyComparison() {
  const last = state.last;
  const status = document.getElementById("comparison-status");
  const fallback = document.getElementById("comparison-fallback");
  if (!state.comparison || !last || !last.newInput || !status) return;
  let text;
  try {
    setText(status, "Making the text…");
    const { message, transfer } = compareRequest(last.engine, last.input, last.newInput, last.options, false);
    ({ text } = await state.client.call({ ...message, type: "compareText" }, { transfer }));
  } catch (err) {
    setText(status, `Could not make the text: ${errorMessage(err)}`);
    return;
  }
  try {
    await writeClipboard(text);
    fallback.hidden = true;
    setText(status, "Comparison copied as plain text.");
  } catch {
    fallback.value = text;
    fallback.hidden = false;
    fallback.focus();
    fallback.select();
    setText(status, "Could not copy automatically: the text is selected below, press Ctrl+C (⌘C on a Mac).");
  }
}

/** Saves the report on screen as msstd-check-report.json. */
export function downloadJson() {
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

// The verdict: the sentence at the top of the result, and the verdict word
// that each client's row shows.

import { h, icon } from "../dom.js";
import { VERDICT_ICON, VERDICT_WORD } from "./words.js";

/** The sentence for a report's verdict. */
export function verdictSentence(v) {
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

/** The verdict box's first line: the verdict's symbol (when it has one) and `sentence`. */
export function verdictLine(kind, sentence) {
  const symbol = VERDICT_ICON[kind];
  return [...(symbol ? [icon(symbol), " "] : []), sentence];
}

/** "✓ Pass", for one client. */
export function verdictCell(verdict) {
  return h(
    "span",
    { class: `vword v-${verdict}`, dataset: { verdict } },
    icon(VERDICT_ICON[verdict] || "?"),
    " ",
    VERDICT_WORD[verdict] || verdict,
  );
}

// What the input held: one row per part of the input and what became of it.

import { badge, h } from "../dom.js";
import { OUTCOME_WORD } from "./words.js";

/** One row of the input table. */
export function inputItem(item) {
  return h(
    "tr",
    { class: `outcome-${item.outcome}` },
    h("td", null, item.source, " ", h("span", { class: "meta" }, `(${item.location})`)),
    h("td", null, item.what),
    h("td", null, badge(`outcome outcome-${item.outcome}`, OUTCOME_WORD[item.outcome] || item.outcome), " ", item.message),
  );
}

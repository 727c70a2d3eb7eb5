// Findings: each one with its severity, grade, code and source; the input
// errors listed under the verdict; the private-key banner.

import { badge, h, icon } from "../dom.js";
import { formatCount } from "../format.js";
import { findingsWith } from "../report.js";
import { GRADE_TITLE, SEVERITY_ICON, SEVERITY_WORD } from "./words.js";

/** The severities shown open, first; the others are folded under a count. */
const OPEN = new Set(["error", "fail", "warn"]);

/** A message's shape: its text with the numbers and quoted parts blanked. */
const shape = (message) => message.replace(/\d+/g, "#").replace(/“[^”]*”|"[^"]*"/g, "…");

/**
 * The findings in groups: each finding once, with `count` > 1 when more
 * findings have its code and the shape of its message (a bundle of 1,000
 * copies gives one line, not 999). Returns {open, folded}: the failures and
 * warnings, and the passes and notes.
 */
export function groupFindings(findings) {
  const groups = new Map();
  for (const f of findings) {
    const key = `${f.severity}\u0000${f.code}\u0000${shape(f.message)}`;
    const group = groups.get(key);
    if (group) group.count += 1;
    else groups.set(key, { finding: f, count: 1 });
  }
  const all = [...groups.values()];
  return { open: all.filter((g) => OPEN.has(g.finding.severity)), folded: all.filter((g) => !OPEN.has(g.finding.severity)) };
}

/** One group of findings (groupFindings()), as an item of the findings list. */
export function findingGroup({ finding: f, count }) {
  const item = finding(f);
  if (count > 1) {
    item.dataset.count = String(count);
    item.querySelector(".finding-head").append(" ", badge("count", `× ${formatCount(count)}`));
    item
      .querySelector(".finding-message")
      .append(h("span", { class: "meta" }, ` (and ${formatCount(count - 1)} more like it)`));
  }
  return item;
}

/** One finding, as an item of the findings list. */
export function finding(f) {
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

/** The parts of the input that could not be read (the error findings), as list items. */
export function problems(report) {
  return report.findings.filter((f) => f.severity === "error").map((f) => h("li", null, f.message));
}

/** The banner shown when the input held a private key, or null (`code`: the engine's code for it). */
export function keyWarning(report, code) {
  const keys = findingsWith(report, code);
  if (keys.length === 0) return null;
  return [
    h("p", { class: "key-warning-title" }, icon("⚠"), " This file contains a private key."),
    h(
      "p",
      null,
      "msstd-check ignored it and never shows it, but a private key should not travel by e-mail or ticket: ask for the certificate alone (.cer, .p7b), delete this copy, and tell the customer that the key may have to be replaced.",
    ),
    h("p", { class: "meta" }, keys.map((f) => f.message).join(" ")),
  ];
}

// Renewal compare: the comparison (src/compare, as compare() returns it) in,
// elements out. The advice first (what to do for the new certificate), then
// each client's verdict old → new, then what changed, most important first
// (in the core's order). A side that could not be read says so, and the other
// side is still shown. Every field is text (dom.js h()), never HTML.

import { h } from "../dom.js";
import { verdictCell } from "./verdict.js";

const SIDE = { old: "the certificate in use", new: "the new certificate" };

/** A readable name of a change's field (the core's snake_case name when unknown). */
const FIELD = {
  verdict_overall: "Overall verdict",
  verdict_modern_windows: "Verdict, Windows Vista SP1 and later",
  verdict_legacy_windows: "Verdict, Windows XP, 2003, Vista RTM",
  verdict_connectivity_analyzer: "Verdict, Remote Connectivity Analyzer",
  host_coverage: "RPC proxy host covered by",
  valid_at: "Valid at the evaluation time",
  subject_cn: "Subject CN",
  san_dns: "SAN DNS names",
  subject_email: "E-mail in the subject",
  san_email: "SAN e-mail names",
  eku: "Extended key usage",
  chain: "Chain ends at",
  not_after: "Valid until",
  issuer: "Issuer",
  chain_root: "Root",
  key: "Key",
  signature_algorithm: "Signature algorithm",
  san_ip: "SAN IP addresses",
  serial: "Serial number",
  not_before: "Valid from",
  subject_key_id: "Subject key identifier",
  subject_other: "Other subject attributes",
};

const IMPORTANCE = { headline: "Verdict", breaks: "Can break", matters: "Matters", cosmetic: "Cosmetic" };

/** The label of `key` among the engine's clients. */
function clientLabel(clients, key) {
  const found = clients.find((c) => c.key === key);
  return found ? found.label : key;
}

function code(text) {
  return h("code", null, text);
}

/** One advice item's content. */
function adviceItem(a, clients) {
  switch (a.kind) {
    case "read_certificate":
      return a.needs_password
        ? `No certificate could be read from ${SIDE[a.side] || a.side}: it is a .pfx file that needs its password. Type the password, or ask for the certificate without its key (.cer).`
        : `No certificate could be read from ${SIDE[a.side] || a.side}: see what that side held below, and compare again with a readable file.`;
    case "nothing_to_change":
      return "Nothing to change: the new certificate works with today’s principal name and host.";
    case "set_principal": {
      const when =
        a.when === "before_switch"
          ? " You can set it before the switch: the old certificate does no worse with it."
          : a.when === "at_switch"
            ? ` Set it when you switch, not before: with the old certificate it does worse on ${a.worse_on_old.map((k) => clientLabel(clients, k)).join("; ")}.`
            : " Whether it can be set before the switch cannot be told: the old certificate could not be read.";
      return [
        "Set the principal name to ",
        code(a.principal),
        ".",
        when,
        a.powershell ? [" On the Exchange server: ", h("code", { class: "command" }, a.powershell)] : null,
      ];
    }
    case "reissue":
      return ["The new certificate itself must change: ask the CA to reissue it. ", a.request];
    case "review":
      return `The new certificate does not pass (${a.new}; the old one: ${a.old}) and changing the name does not fix it: read its findings before the switch.`;
    case "switch_before":
      return `Switch before ${a.date}, when the old certificate expires.`;
    case "old_expired":
      return `The old certificate expired on ${a.date}: switch now.`;
    case "gap":
      return `The old certificate expires on ${a.old_not_after}, before the new one becomes valid on ${a.new_not_before}: neither works in between.`;
    case "new_not_yet_valid":
      return `The new certificate is valid only from ${a.date}: do not switch before then.`;
    default:
      return a.kind;
  }
}

/** The advice, in the core's order ("Before you switch"). */
export function compareAdvice(comparison, clients) {
  return h(
    "ol",
    { class: "compare-advice" },
    comparison.advice.map((a) => h("li", { dataset: { kind: a.kind } }, adviceItem(a, clients))),
  );
}

/** True when `report` holds no certificate (its input could not be read). */
function unreadable(report) {
  return report.certificates.length === 0;
}

/** A side's one-line state: its verdict sentence, or that it could not be read and why. */
function sideLine(side, report) {
  if (!unreadable(report)) return [h("strong", null, side === "old" ? "In use: " : "New: "), verdictCell(report.verdict.overall), " ", report.verdict.headline];
  const reasons = report.findings.filter((f) => f.severity === "error" || f.severity === "fail").map((f) => f.message);
  return [
    h("strong", null, side === "old" ? "In use: " : "New: "),
    `No certificate could be read from ${SIDE[side]}.`,
    reasons.length ? h("ul", { class: "plain-list" }, reasons.map((r) => h("li", null, r))) : null,
  ];
}

/** Both sides' state, each in its own box (a side that could not be read says why). */
export function compareSides(comparison) {
  return ["old", "new"].map((side) =>
    h(
      "p",
      { class: `compare-side${unreadable(comparison[side]) ? " unreadable" : ""}`, dataset: { side } },
      sideLine(side, comparison[side]),
    ),
  );
}

/** One row per client: the old verdict → the new one (an unreadable side: "–"). */
export function compareClientRows(comparison, clients) {
  const cell = (report, key) => (unreadable(report) ? "cannot tell" : verdictCell(report.verdict[key]));
  return clients.map(({ key, label }) =>
    h(
      "tr",
      { dataset: { client: key } },
      h("th", { scope: "row" }, label),
      h("td", { class: "side-old" }, cell(comparison.old, key)),
      h("td", { class: "compare-arrow", "aria-hidden": "true" }, "→"),
      h("td", { class: "side-new" }, cell(comparison.new, key)),
    ),
  );
}

function value(v, importance) {
  if (importance === "headline" && typeof v === "string") return verdictCell(v);
  if (v === null || v === undefined) return h("em", null, "none");
  if (Array.isArray(v)) return v.length ? v.join(", ") : h("em", null, "none");
  return String(v);
}

/** The names added and removed, each marked. */
function nameMarks(change) {
  const marks = [];
  for (const name of change.added || []) marks.push(h("li", { class: "added" }, h("span", { class: "mark" }, "+ added "), code(name)));
  for (const name of change.removed || []) marks.push(h("li", { class: "removed" }, h("span", { class: "mark" }, "− removed "), code(name)));
  return marks.length ? h("ul", { class: "name-marks" }, marks) : null;
}

/** What changed, most important first (as the core orders it); null when it cannot be compared. */
export function compareChanges(comparison) {
  if (comparison.changes === null) return h("p", null, "The changes cannot be listed: a side holds no readable certificate.");
  const shown = comparison.changes.filter((c) => c.importance !== "cosmetic");
  const cosmetic = comparison.changes.length - shown.length;
  if (comparison.changes.length === 0) return h("p", null, "Nothing that matters changed.");
  return [
    h(
      "ul",
      { class: "compare-changes" },
      shown.map((c) =>
        h(
          "li",
          { dataset: { field: c.field, importance: c.importance } },
          h("span", { class: `badge importance importance-${c.importance}` }, IMPORTANCE[c.importance] || c.importance),
          " ",
          h("strong", null, FIELD[c.field] || c.field),
          ": ",
          value(c.old, c.importance),
          " → ",
          value(c.new, c.importance),
          nameMarks(c),
        ),
      ),
    ),
    cosmetic ? h("p", { class: "hint" }, `And ${cosmetic} cosmetic change${cosmetic === 1 ? "" : "s"} (serial number, validity start, key identifier…): no effect on Outlook Anywhere.`) : null,
  ];
}

/** The whole comparison: advice, both sides, the clients old → new, the changes; `onCopy`: the Copy comparison button's action. */
export function comparisonView(comparison, clients, onCopy) {
  return [
    h(
      "div",
      { class: "report-actions" },
      h("button", { type: "button", id: "copy-comparison", onclick: onCopy }, "Copy comparison"),
      h("span", { id: "comparison-status", class: "action-status", role: "status" }),
    ),
    h("textarea", { id: "comparison-fallback", class: "report-fallback", readonly: true, rows: 10, "aria-label": "Comparison text, to copy by hand", hidden: true }),
    h("h3", { id: "compare-advice-heading" }, "Before you switch"),
    compareAdvice(comparison, clients),
    h("div", { class: "compare-sides" }, compareSides(comparison)),
    h("h3", { id: "compare-clients-heading" }, "By client, in use → new"),
    h(
      "div",
      { class: "table-wrap" },
      h(
        "table",
        { class: "clients compare-clients", "aria-labelledby": "compare-clients-heading" },
        h(
          "thead",
          null,
          h("tr", null, h("th", { scope: "col" }, "Client"), h("th", { scope: "col" }, "In use"), h("td", null), h("th", { scope: "col" }, "New")),
        ),
        h("tbody", null, compareClientRows(comparison, clients)),
      ),
    ),
    h("h3", null, "What changed"),
    compareChanges(comparison),
  ];
}

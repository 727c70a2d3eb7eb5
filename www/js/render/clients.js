// By client: one row per client, the alternative principal name's verdicts,
// and the line of what was checked (principal name, host, time).

import { h } from "../dom.js";
import { sourceDescription } from "../report.js";
import { verdictCell } from "./verdict.js";
import { BLOCKER_WORD } from "./words.js";

/** "the certificate has expired and …": the certificate-level failures, in words. */
export function blockerWords(blockers) {
  return blockers.map((b) => BLOCKER_WORD[b] || b).join(" and ");
}

/**
 * The clients' rows of the table (`clients`: the engine's labels.clients).
 * When the certificate itself fails (verdict.blocked_by), each row says that
 * its value is the name check alone: the connection fails before it.
 */
export function clientRows(verdicts, clients) {
  const blockers = verdicts.blocked_by || [];
  return clients.map(({ key, label }) =>
    h(
      "tr",
      null,
      h("th", { scope: "row" }, label),
      h(
        "td",
        null,
        blockers.length ? h("span", { class: "vword v-fail blocked" }, "✗ Connection fails; ") : null,
        blockers.length ? h("span", { class: "name-only" }, "name check alone: ") : null,
        verdictCell(verdicts[key]),
      ),
    ),
  );
}

/** The note above the clients' table when the certificate itself fails, or null. */
export function blockedNote(verdict) {
  const blockers = verdict.blocked_by || [];
  if (!blockers.length) return null;
  return [
    h("strong", null, "The TLS connection fails before the principal name is compared: "),
    `${blockerWords(blockers)}. The rows below are the name check alone; no client connects until the certificate is fixed.`,
  ];
}

/** "Windows …: ✓ Pass", one item per client, in one line. */
export function clientList(verdicts, clients) {
  return h(
    "ul",
    { class: "inline-list" },
    clients.map(({ key, label }) => h("li", null, `${label}: `, verdictCell(verdicts[key]))),
  );
}

/** The other principal name the report also checked, or null. */
export function alternative(alt, clients) {
  if (!alt) return null;
  return [h("p", null, "Also checked: ", h("code", null, alt.principal), ` (${alt.description}):`), clientList(alt.verdicts, clients)];
}

/** " (from the Autodiscover response in …)" when a value came from the input, not the boxes. */
function fromSource(source) {
  const description = sourceDescription(source);
  return description === null ? null : ` (from ${description})`;
}

/** What was checked: the principal name (and where it came from), the host, the time and the tool. */
export function checkedLine(report) {
  const p = report.principal;
  const parts = [];
  if (p.kind === "not_set") parts.push("No principal name given. ");
  else {
    parts.push("Principal name checked: ", h("code", null, p.input));
    if (p.corrected && p.corrected !== p.input) parts.push(", read as ", h("code", null, p.corrected));
    if (p.kind === "malformed") parts.push(" (not a well-formed msstd: string)");
    if (p.kind === "fullsic") parts.push(" (fullsic: form)");
    parts.push(fromSource(report.principal_source), ". ");
  }
  parts.push("RPC proxy host: ", report.host ? [h("code", null, report.host), fromSource(report.host_source)] : "not given", ". ");
  parts.push(`Evaluated at ${report.evaluated_at}. ${report.tool}.`);
  return parts;
}

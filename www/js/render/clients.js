// By client: one row per client, the alternative principal name's verdicts,
// and the line of what was checked (principal name, host, time).

import { h } from "../dom.js";
import { sourceDescription } from "../report.js";
import { verdictCell } from "./verdict.js";

/** The clients' rows of the table (`clients`: the engine's labels.clients). */
export function clientRows(verdicts, clients) {
  return clients.map(({ key, label }) => h("tr", null, h("th", { scope: "row" }, label), h("td", null, verdictCell(verdicts[key]))));
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

// Fix: what to change, with each value to copy (principal name, the
// Set-OutlookProvider line, Outlook's setting), or the certificate to request.

import { copyText } from "../clipboard.js";
import { badge, h, icon } from "../dom.js";
import { clientList } from "./clients.js";
import { GRADE_TITLE } from "./words.js";

/** A value with its Copy button and status (the button named `copyLabel`). */
export function copyLine(value, copyLabel, id, cls = "copy-value") {
  const code = h("code", { class: cls, id }, value);
  const status = h("span", { class: "action-status", role: "status" });
  const button = h(
    "button",
    { type: "button", class: "small", "aria-label": copyLabel, onclick: () => copyText(value, status, code) },
    "Copy",
  );
  return h("div", { class: "copy-line" }, code, button, status);
}

/** The server-side commands (fix.server_commands), each with its purpose and grade, or null. */
function serverCommands(commands) {
  if (!commands || !commands.length) return null;
  return h(
    "div",
    { class: "server-commands" },
    h("p", { class: "copy-label" }, "On the Exchange server"),
    commands.map((c, i) =>
      h(
        "div",
        { class: "copy-row server-command", dataset: { grade: c.grade } },
        h("span", { class: "copy-label" }, c.purpose, " ", badge(`grade grade-${c.grade}`, c.grade, GRADE_TITLE[c.grade])),
        copyLine(c.command, `Copy server command ${i + 1}`, `server-command-${i}`),
      ),
    ),
  );
}

/** The principal name the report checked, as msstd: text (null when none was given). */
function givenName(report) {
  const p = report.principal;
  if (!p || p.kind === "not_set") return null;
  return p.corrected || p.input;
}

function copyRow(label, value, copyLabel, id) {
  const code = h("code", { class: "copy-value", id }, value);
  const status = h("span", { class: "action-status", role: "status" });
  const button = h(
    "button",
    { type: "button", class: "small", "aria-label": copyLabel, onclick: () => copyText(value, status, code) },
    "Copy",
  );
  return h("div", { class: "copy-row" }, h("span", { class: "copy-label" }, label), h("div", { class: "copy-line" }, code, button, status));
}

function fixState(report) {
  if (!report.fix.needed) return h("p", { class: "fix-state ok" }, icon("✓"), " Nothing needs to change.");
  if (report.verdict.overall === "unknown") return h("p", { class: "fix-state" }, "First get a readable certificate.");
  return h("p", { class: "fix-state todo" }, icon("!"), " Change needed.");
}

/** The Fix section's content. `labels`: the engine's labels (Outlook's setting, the clients). */
export function fix(report, labels) {
  const fix = report.fix;
  const parts = [fixState(report)];
  if (fix.principal_name) parts.push(copyRow("Principal name", fix.principal_name, "Copy principal name", "fix-principal"));
  if (fix.powershell) {
    parts.push(copyRow("Exchange Management Shell", fix.powershell, "Copy the Set-OutlookProvider command", "fix-powershell"));
  }
  if (fix.outlook_setting) {
    parts.push(
      h(
        "div",
        { class: "copy-row" },
        h("span", { class: "copy-label" }, `Outlook: Exchange Proxy Settings, “${labels.outlookSetting}”`),
        h("div", { class: "copy-line" }, h("code", { class: "copy-value" }, fix.outlook_setting)),
      ),
    );
  }
  if (fix.principal_name && fix.principal_name_verdicts) {
    parts.push(h("div", { class: "note" }, h("p", null, "With this principal name:"), clientList(fix.principal_name_verdicts, labels.clients)));
  }
  const given = givenName(report);
  const lower = (n) => (n || "").toLowerCase();
  const givenPasses = given && fix.passing_everywhere.some((n) => lower(n) === lower(given));
  if (givenPasses && !fix.principal_name) {
    parts.push(h("p", { class: "kept-name" }, "The principal name set, ", h("code", null, given), ", matches the certificate for every client: keep it."));
  }
  const others = fix.passing_everywhere.filter((n) => n !== fix.principal_name && lower(n) !== lower(given));
  if (others.length) {
    parts.push(h("p", { class: "other-names" }, "Other principal names that would also match for every client: ", others.map((n, i) => [i ? ", " : "", h("code", null, n)])));
  }
  if (fix.certificate_request) {
    parts.push(h("div", { class: "cert-request" }, h("p", { class: "copy-label" }, "Certificate to request"), h("p", null, fix.certificate_request)));
  }
  if (fix.steps.length) {
    parts.push(h("p", { class: "copy-label" }, "Steps"), h("ol", { class: "steps" }, fix.steps.map((s) => h("li", null, s))));
  }
  parts.push(serverCommands(fix.server_commands));
  return parts;
}

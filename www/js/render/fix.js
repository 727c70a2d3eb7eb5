// Fix: what to change, with each value to copy (principal name, the
// Set-OutlookProvider line, Outlook's setting), or the certificate to request.

import { copyText } from "../clipboard.js";
import { h, icon } from "../dom.js";
import { clientList } from "./clients.js";

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
  if (fix.principal_name_verdicts) {
    parts.push(h("div", { class: "note" }, h("p", null, "With this principal name:"), clientList(fix.principal_name_verdicts, labels.clients)));
  }
  const others = fix.passing_everywhere.filter((n) => n !== fix.principal_name);
  if (others.length) {
    parts.push(h("p", null, "Other principal names that work on every client: ", others.map((n, i) => [i ? ", " : "", h("code", null, n)])));
  }
  if (fix.certificate_request) {
    parts.push(h("div", { class: "cert-request" }, h("p", { class: "copy-label" }, "Certificate to request"), h("p", null, fix.certificate_request)));
  }
  if (fix.steps.length) {
    parts.push(h("p", { class: "copy-label" }, "Steps"), h("ol", { class: "steps" }, fix.steps.map((s) => h("li", null, s))));
  }
  return parts;
}

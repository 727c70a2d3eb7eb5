// msstd-check web page. No framework, no network: everything the user gives
// the page stays in this tab's memory (never in the URL, storage, cookies or
// the console).
//
// The same file runs in two builds:
//   * served (www/index.html): the bootstrap at the end imports ./pkg/msstd_check.js;
//   * single file (dist/msstd-check.html): scripts/make-single-file.mjs drops the
//     import line of samples.js and everything after the "@bootstrap-served"
//     marker, and calls start() itself with the inlined glue and wasm bytes.
//
// Certificate fields are untrusted text: they are only ever put in the page
// with textContent / text nodes (see h() below), never as HTML.

import { SAMPLES } from "./samples.js";

const CLIENTS = [
  ["modern_windows", "Windows Vista SP1 and later"],
  ["legacy_windows", "Windows XP, 2003, Vista RTM"],
  ["connectivity_analyzer", "Remote Connectivity Analyzer"],
];
const VERDICT_WORD = {
  pass: "Pass",
  warn: "Warning",
  fail: "Fail",
  not_applicable: "Not applicable",
  unknown: "Unknown",
};
const VERDICT_ICON = { pass: "✓", warn: "⚠", fail: "✗", not_applicable: "–", unknown: "?" };
const SEVERITY_WORD = { pass: "Pass", info: "Info", warn: "Warning", fail: "Fail", error: "Error" };
const SEVERITY_ICON = { pass: "✓", info: "i", warn: "⚠", fail: "✗", error: "✗" };
const GRADE_TITLE = {
  documented: "Documented by Microsoft or a standard",
  reported: "Reported by people who tested it",
  inferred: "Inferred by msstd-check",
  unknown: "Nobody knows for sure",
};
const OUTCOME_WORD = {
  certificate: "Certificate",
  duplicate: "Duplicate",
  skipped: "Skipped",
  error: "Error",
};
const SAN_KINDS = [
  ["dns", "DNS name"],
  ["ip", "IP address"],
  ["email", "E-mail"],
  ["uri", "URI"],
  ["upn", "UPN"],
  ["other", "Other"],
];
const FORM_LABEL = { der: "DER", pem: "PEM", base64: "base64", pkcs7: "PKCS#7", pkcs12: "PKCS#12", hex: "hex dump" };
const MAX_FILE_BYTES = 5 * 1024 * 1024;
const DEBOUNCE_MS = 150;

let engine = null; // {analyze, reportText, version} once the wasm is initialised
let els = null;
const state = {
  files: [], // {name, size, data: Uint8Array}
  report: null,
  lastInput: null,
  lastOptions: null,
  timer: 0,
  verdictKey: "",
};

// ---------------------------------------------------------------- DOM helpers

/** Builds an element. Strings among the children become text nodes. */
function h(tag, props, ...children) {
  const el = document.createElement(tag);
  if (props) {
    for (const [key, value] of Object.entries(props)) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "class") el.className = value;
      else if (key === "dataset") Object.assign(el.dataset, value);
      else if (key.startsWith("on")) el.addEventListener(key.slice(2), value);
      else el.setAttribute(key, value === true ? "" : String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

function setText(el, text) {
  el.textContent = text;
}

function icon(symbol) {
  return h("span", { class: "icon", "aria-hidden": "true" }, symbol);
}

function verdictCell(verdict) {
  return h(
    "span",
    { class: `vword v-${verdict}`, dataset: { verdict } },
    icon(VERDICT_ICON[verdict] || "?"),
    " ",
    VERDICT_WORD[verdict] || verdict,
  );
}

function badge(cls, text, title) {
  return h("span", { class: `badge ${cls}`, title }, text);
}

// ----------------------------------------------------------------- the input

function localToday() {
  const d = new Date();
  const p = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** The evaluation time: null (now) when the date is today or empty. */
function dateOption() {
  const value = els.date.value;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || value === localToday()) return null;
  return `${value}T00:00:00Z`;
}

/** What analyze() gets: the pasted text, or every input as a named list. */
function currentInput() {
  const text = els.paste.value;
  const hasText = text.trim() !== "";
  if (state.files.length === 0) return hasText ? text : null;
  const items = [];
  if (hasText) items.push({ name: "pasted text", data: text });
  for (const f of state.files) items.push({ name: f.name, data: f.data });
  return items;
}

function currentOptions() {
  const msstd = els.msstd.value;
  const host = els.host.value.trim();
  return { msstd: msstd === "" ? null : msstd, host: host || null, at: dateOption() };
}

function schedule() {
  clearTimeout(state.timer);
  state.timer = setTimeout(run, DEBOUNCE_MS);
}

function run() {
  clearTimeout(state.timer);
  if (!engine) return;
  const input = currentInput();
  if (input === null) {
    showIdle();
    return;
  }
  const options = currentOptions();
  let report;
  try {
    report = engine.analyze(input, options);
  } catch (err) {
    showError(`The check could not run: ${errorMessage(err)}`);
    return;
  }
  state.report = report;
  state.lastInput = input;
  // Same instant for "Copy report" as for what is on screen.
  state.lastOptions = { ...options, at: report.evaluated_at };
  try {
    render(report);
  } catch (err) {
    showError(`The report could not be shown: ${errorMessage(err)}`);
  }
}

function errorMessage(err) {
  if (err && typeof err.message === "string") return err.message;
  return String(err);
}

// ----------------------------------------------------------------- the files

async function addFiles(fileList) {
  const files = Array.from(fileList || []);
  if (!engine || files.length === 0) return;
  const skipped = [];
  for (const file of files) {
    if (file.size > MAX_FILE_BYTES) {
      skipped.push(`${file.name}: larger than ${MAX_FILE_BYTES / 1024 / 1024} MB, not a certificate`);
      continue;
    }
    let data;
    try {
      data = new Uint8Array(await file.arrayBuffer());
    } catch (err) {
      skipped.push(`${file.name}: could not be read (${errorMessage(err)})`);
      continue;
    }
    const same = state.files.find((f) => f.name === file.name && sameBytes(f.data, data));
    if (!same) state.files.push({ name: file.name || "file", size: data.length, data });
  }
  renderFileList();
  run();
  if (skipped.length) showError(`Some files were not checked: ${skipped.join("; ")}.`, true);
}

function sameBytes(a, b) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function formatSize(n) {
  if (n < 1024) return `${n} bytes`;
  return `${(n / 1024).toFixed(1)} KB`;
}

function renderFileList() {
  const list = els.fileList;
  list.replaceChildren();
  state.files.forEach((f, i) => {
    const remove = h(
      "button",
      {
        type: "button",
        class: "link-button",
        "aria-label": `Remove ${f.name}`,
        onclick: () => {
          state.files.splice(i, 1);
          renderFileList();
          run();
          els.drop.focus();
        },
      },
      "Remove",
    );
    list.append(h("li", null, h("span", { class: "file-name" }, f.name), " ", h("span", { class: "file-size" }, `(${formatSize(f.size)})`), " ", remove));
  });
  list.hidden = state.files.length === 0;
}

function base64ToBytes(b64) {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

// --------------------------------------------------------------- the samples

function loadSample(id) {
  const sample = SAMPLES.find((s) => s.id === id);
  if (!sample) return false;
  state.files = [];
  if (sample.binary) {
    const data = base64ToBytes(sample.text);
    state.files.push({ name: sample.name, size: data.length, data });
    els.paste.value = "";
  } else {
    els.paste.value = sample.text;
  }
  els.msstd.value = sample.msstd || "";
  els.host.value = sample.host || "";
  renderFileList();
  run();
  return true;
}

// ------------------------------------------------------------- the rendering

function verdictSentence(v) {
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

function setVerdict(kind, sentence, headline) {
  els.verdict.dataset.verdict = kind;
  const key = `${kind}\u0000${sentence}\u0000${headline}`;
  if (key === state.verdictKey) return; // keep the live region quiet
  state.verdictKey = key;
  const symbol = VERDICT_ICON[kind];
  els.verdictSentence.replaceChildren(...(symbol ? [icon(symbol), " "] : []), sentence);
  setText(els.verdictHeadline, headline);
}

function showIdle() {
  state.report = null;
  setVerdict("idle", "Paste a certificate or drop a file to start.", "");
  els.report.hidden = true;
  els.problems.hidden = true;
  els.error.hidden = true;
}

function showError(message, keepReport = false) {
  els.error.replaceChildren(h("strong", null, "Problem: "), message);
  els.error.hidden = false;
  if (!keepReport) {
    state.report = null;
    els.report.hidden = true;
    els.problems.hidden = true;
    setVerdict("error", "Could not check", "See the problem below; the page keeps working.");
  }
}

function render(report) {
  const v = report.verdict;
  els.error.hidden = true;
  setVerdict(v.overall, verdictSentence(v), v.headline);
  els.verdict.dataset.modern = v.modern_windows;

  const errors = report.findings.filter((f) => f.severity === "error");
  els.problemsList.replaceChildren(...errors.map((f) => h("li", null, f.message)));
  els.problems.hidden = errors.length === 0;

  renderMeta(report);
  els.clientsBody.replaceChildren(
    ...CLIENTS.map(([key, label]) => h("tr", null, h("th", { scope: "row" }, label), h("td", null, verdictCell(v[key])))),
  );
  renderAlternative(report.alternative);
  els.findings.replaceChildren(...report.findings.map(renderFinding));
  renderFix(report);
  renderCertificates(report);
  els.inputItems.replaceChildren(...report.input.map(renderInputItem));
  els.reportFallback.hidden = true;
  setText(els.reportStatus, "");
  els.report.hidden = false;
}

function renderMeta(report) {
  const p = report.principal;
  const parts = [];
  if (p.kind === "not_set") parts.push("No principal name given. ");
  else {
    parts.push("Principal name checked: ", h("code", null, p.input));
    if (p.corrected && p.corrected !== p.input) parts.push(", read as ", h("code", null, p.corrected));
    if (p.kind === "malformed") parts.push(" (not a well-formed msstd: string)");
    if (p.kind === "fullsic") parts.push(" (fullsic: form)");
    parts.push(". ");
  }
  parts.push("RPC proxy host: ", report.host ? h("code", null, report.host) : "not given", ". ");
  parts.push(`Evaluated at ${report.evaluated_at}. ${report.tool}.`);
  els.evaluated.replaceChildren(...parts);
}

function renderAlternative(alt) {
  if (!alt) {
    els.alternative.hidden = true;
    els.alternative.replaceChildren();
    return;
  }
  const list = h(
    "ul",
    { class: "inline-list" },
    CLIENTS.map(([key, label]) => h("li", null, `${label}: `, verdictCell(alt.verdicts[key]))),
  );
  els.alternative.replaceChildren(
    h("p", null, "Also checked: ", h("code", null, alt.principal), ` (${alt.description}):`),
    list,
  );
  els.alternative.hidden = false;
}

function renderFinding(f) {
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

function renderFix(report) {
  const fix = report.fix;
  const parts = [];
  const overall = report.verdict.overall;
  if (!fix.needed) parts.push(h("p", { class: "fix-state ok" }, icon("✓"), " Nothing needs to change."));
  else if (overall === "unknown") parts.push(h("p", { class: "fix-state" }, "First get a readable certificate."));
  else parts.push(h("p", { class: "fix-state todo" }, icon("!"), " Change needed."));

  if (fix.principal_name) parts.push(copyRow("Principal name", fix.principal_name, "Copy principal name", "fix-principal"));
  if (fix.powershell) {
    parts.push(copyRow("Exchange Management Shell", fix.powershell, "Copy the Set-OutlookProvider command", "fix-powershell"));
  }
  if (fix.outlook_setting) {
    parts.push(
      h(
        "div",
        { class: "copy-row" },
        h("span", { class: "copy-label" }, "Outlook: Exchange Proxy Settings, “Only connect to proxy servers that have this principal name in their certificate”"),
        h("div", { class: "copy-line" }, h("code", { class: "copy-value" }, fix.outlook_setting)),
      ),
    );
  }
  if (fix.principal_name_verdicts) {
    parts.push(
      h(
        "div",
        { class: "note" },
        h("p", null, "With this principal name:"),
        h(
          "ul",
          { class: "inline-list" },
          CLIENTS.map(([key, label]) => h("li", null, `${label}: `, verdictCell(fix.principal_name_verdicts[key]))),
        ),
      ),
    );
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
  els.fix.replaceChildren(...parts);
}

function factRow(label, ...value) {
  return [h("dt", null, label), h("dd", null, ...value)];
}

function textList(items, cls) {
  return h("ul", { class: `plain-list ${cls || ""}` }, items.map((x) => h("li", null, x)));
}

function renderDN(dn) {
  const table = h(
    "table",
    { class: "attrs stack" },
    h("thead", null, h("tr", null, h("th", { scope: "col" }, "Attribute"), h("th", { scope: "col" }, "Value"), h("th", { scope: "col" }, "String type"))),
    h(
      "tbody",
      null,
      dn.attributes.map((a) =>
        h(
          "tr",
          null,
          h("td", null, a.type, a.type !== a.oid ? h("span", { class: "oid" }, ` (${a.oid})`) : null),
          h("td", { class: "value" }, a.value, a.decoded ? null : h("span", { class: "warn-text" }, " (not decodable as its string type)")),
          h("td", { class: "stype" }, a.string_type),
        ),
      ),
    ),
  );
  return h("div", { class: "table-wrap" }, table);
}

function renderSans(san) {
  if (!san) return ["none (no subject alternative name extension)"];
  const out = [];
  if (!san.readable) out.push(h("p", { class: "warn-text" }, "The extension could not be decoded; its names are unknown."));
  if (san.critical) out.push(h("p", null, "Marked critical."));
  const rows = SAN_KINDS.filter(([k]) => san.names[k] && san.names[k].length);
  if (rows.length === 0 && san.readable) out.push("present, but empty");
  for (const [k, label] of rows) {
    out.push(h("div", { class: "san-kind" }, h("span", { class: "san-label" }, `${label}:`), textList(san.names[k], "san-names")));
  }
  return out;
}

function renderCertificate(c, report) {
  const isLeaf = report.leaf === c.index;
  const role = isLeaf
    ? "server certificate (leaf)"
    : c.basic_constraints && c.basic_constraints.ca
      ? c.self_issued
        ? "root CA"
        : "CA certificate"
      : "other certificate";
  const id = `cert-${c.index}`;
  const dl = h("dl", { class: "facts" });
  const rows = [];
  rows.push(factRow("From", `${c.origin.source}, ${FORM_LABEL[c.origin.form] || c.origin.form}, ${c.origin.location}`));
  rows.push(factRow("Subject", h("span", { class: "value" }, c.subject.display || "(empty)")));
  rows.push(factRow("Subject attributes", c.subject.attributes.length ? renderDN(c.subject) : "none"));
  rows.push(factRow("Subject alternative names", ...renderSans(c.subject_alt_names)));
  rows.push(factRow("Issuer", h("span", { class: "value" }, c.issuer.display || "(empty)")));
  rows.push(factRow("Issuer attributes", c.issuer.attributes.length ? renderDN(c.issuer) : "none"));
  rows.push(factRow("Valid from", c.validity.not_before));
  rows.push(factRow("Valid to", c.validity.not_after));
  rows.push(
    factRow(
      "Enhanced key usage",
      c.extended_key_usage === null
        ? "not present (any purpose)"
        : c.extended_key_usage.length
          ? textList(c.extended_key_usage.map((k) => (k.name === k.oid ? k.oid : `${k.name} (${k.oid})`)))
          : "present, but empty",
    ),
  );
  rows.push(factRow("Key usage", c.key_usage === null ? "not present" : c.key_usage.join(", ") || "present, but empty"));
  if (c.basic_constraints) {
    const bc = c.basic_constraints;
    rows.push(factRow("Basic constraints", `CA: ${bc.ca ? "yes" : "no"}${bc.path_len !== null ? `, path length ${bc.path_len}` : ""}`));
  }
  const key = c.public_key;
  const keyText = [key.algorithm, key.curve, key.bits !== null ? `${key.bits} bits` : null].filter(Boolean).join(", ");
  rows.push(factRow("Public key", keyText, key.algorithm === key.algorithm_oid ? null : h("span", { class: "oid" }, ` (${key.algorithm_oid})`)));
  rows.push(factRow("Signature algorithm", c.signature_algorithm, c.signature_algorithm === c.signature_algorithm_oid ? null : h("span", { class: "oid" }, ` (${c.signature_algorithm_oid})`)));
  rows.push(factRow("Serial number", h("span", { class: "hex" }, c.serial)));
  rows.push(factRow("Thumbprint (SHA-1)", h("span", { class: "hex", dataset: { field: "sha1" } }, c.thumbprint_sha1)));
  rows.push(factRow("Fingerprint (SHA-256)", h("span", { class: "hex", dataset: { field: "sha256" } }, c.fingerprint_sha256)));
  if (c.subject_key_id) rows.push(factRow("Subject key identifier", h("span", { class: "hex" }, c.subject_key_id)));
  if (c.authority_key_id) rows.push(factRow("Authority key identifier", h("span", { class: "hex" }, c.authority_key_id)));
  // Addresses are shown as text, never as links: the page fetches nothing.
  if (c.ca_issuers.length) rows.push(factRow("CA issuers (not fetched)", textList(c.ca_issuers, "addr")));
  if (c.ocsp.length) rows.push(factRow("OCSP (not contacted)", textList(c.ocsp, "addr")));
  if (c.crl_distribution_points.length) rows.push(factRow("CRL (not fetched)", textList(c.crl_distribution_points, "addr")));
  rows.push(
    factRow(
      "Extensions",
      c.extensions.length
        ? textList(
            c.extensions.map(
              (e) => `${e.name || "unknown"} (${e.oid})${e.critical ? ", critical" : ""}${e.status !== "ok" ? `, ${e.status === "unknown" ? "not decoded" : e.status}` : ""}`,
            ),
          )
        : "none",
    ),
  );
  rows.push(factRow("Version, size", `X.509 v${c.version}, ${c.der_length} bytes DER${c.self_issued ? ", self-issued" : ""}`));
  append(dl, rows);
  return h(
    "article",
    { class: `cert${isLeaf ? " leaf" : ""}`, "aria-labelledby": id, dataset: { index: c.index } },
    h("h4", { id }, `Certificate #${c.index + 1}: ${role}`),
    dl,
  );
}

const CHAIN_END = {
  mozilla_root: "at a root of the Mozilla root program",
  private_root: "at a self-signed root that is not a Mozilla root (a private CA, or a self-signed certificate)",
  incomplete: "before any root: an issuer is missing from the input",
};
const SIGNATURE_WORD = {
  valid: "signature verified",
  invalid: "signature does NOT verify",
  unsupported: "signature not checked (algorithm not supported)",
};

function certName(report, index) {
  const c = report.certificates.find((x) => x.index === index);
  return c ? `certificate #${index + 1} (${c.subject.display || "empty subject"})` : `certificate #${index + 1}`;
}

/** The chain above the leaf, when the report explains it (report.chain). */
function renderChain(report) {
  const chain = report.chain;
  if (!chain || !Array.isArray(chain.links) || chain.links.length === 0) return null;
  const ends = CHAIN_END[chain.ends] || String(chain.ends);
  const links = chain.links.map((link) => {
    const parts = [`${certName(report, link.certificate)}: `];
    if (link.issuer === "it_self") parts.push("self-signed");
    else if (link.issuer === "in_input" && typeof link.issuer_index === "number") parts.push(`issued by ${certName(report, link.issuer_index)}`);
    else if (link.issuer === "missing") parts.push(`issued by ${link.issuer_name}, which is not in the input`);
    else parts.push(`issuer ${link.issuer_name} (${link.issuer})`);
    if (link.signature) parts.push(`; ${SIGNATURE_WORD[link.signature] || `signature: ${link.signature}`}`);
    if (link.key_id_matches === false) parts.push("; the key identifiers differ");
    return h("li", { class: link.signature === "invalid" ? "warn-text" : null }, parts.join(""));
  });
  const out = [h("p", null, h("strong", null, "Chain: "), `from the leaf up; it ends ${ends}`, chain.mozilla_root ? `: ${chain.mozilla_root}.` : ".")];
  out.push(h("ol", { class: "chain-links" }, links));
  if (Array.isArray(chain.unused) && chain.unused.length) {
    out.push(h("p", null, "Not on the chain: ", chain.unused.map((i) => certName(report, i)).join(", "), "."));
  }
  return h("div", { class: "note chain" }, out);
}

function renderCertificates(report) {
  // The chain order when the report gives it (leaf first), then the others.
  const order = [];
  const path = report.chain && Array.isArray(report.chain.path) ? report.chain.path : report.leaf !== null ? [report.leaf] : [];
  for (const i of path) if (!order.includes(i)) order.push(i);
  for (const c of report.certificates) if (!order.includes(c.index)) order.push(c.index);
  const certs = order.map((i) => report.certificates.find((c) => c.index === i)).filter(Boolean);
  let chain = null;
  try {
    chain = renderChain(report);
  } catch {
    chain = null; // an optional part; the certificates below still show
  }
  els.certificates.replaceChildren(
    ...(chain ? [chain] : []),
    ...(certs.length ? certs.map((c) => renderCertificate(c, report)) : [h("p", null, "No certificate could be read.")]),
  );
}

function renderInputItem(item) {
  return h(
    "tr",
    { class: `outcome-${item.outcome}` },
    h("td", null, item.source, " ", h("span", { class: "meta" }, `(${item.location})`)),
    h("td", null, item.what),
    h(
      "td",
      null,
      badge(`outcome outcome-${item.outcome}`, OUTCOME_WORD[item.outcome] || item.outcome),
      " ",
      item.message,
    ),
  );
}

// ------------------------------------------------------- copy and download

function selectContents(el) {
  const sel = window.getSelection();
  if (!sel) return;
  const range = document.createRange();
  range.selectNodeContents(el);
  sel.removeAllRanges();
  sel.addRange(range);
}

async function writeClipboard(text) {
  if (!navigator.clipboard || typeof navigator.clipboard.writeText !== "function") {
    throw new Error("the clipboard is not available here");
  }
  await navigator.clipboard.writeText(text);
}

async function copyText(text, status, el) {
  try {
    await writeClipboard(text);
    setText(status, "Copied.");
  } catch {
    selectContents(el);
    setText(status, "Could not copy automatically: the text is selected, press Ctrl+C (⌘C on a Mac).");
  }
}

async function copyReport() {
  if (!state.report || !engine) return;
  let text;
  try {
    text = engine.reportText(state.lastInput, state.lastOptions);
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

function downloadJson() {
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

// -------------------------------------------------------------- the wiring

function clearAll() {
  els.paste.value = "";
  els.msstd.value = "";
  els.host.value = "";
  els.date.value = localToday();
  state.files = [];
  state.lastInput = null;
  state.lastOptions = null;
  renderFileList();
  showIdle();
  els.paste.focus();
}

function hasFiles(e) {
  return !!e.dataTransfer && Array.from(e.dataTransfer.types || []).includes("Files");
}

function bind() {
  const $ = (id) => document.getElementById(id);
  els = {
    engineStatus: $("engine-status"),
    controls: $("controls"),
    sampleButtons: $("sample-buttons"),
    paste: $("paste"),
    drop: $("drop"),
    files: $("files"),
    fileList: $("file-list"),
    msstd: $("msstd"),
    host: $("host"),
    date: $("date"),
    clear: $("clear"),
    verdict: $("verdict"),
    verdictSentence: $("verdict-sentence"),
    verdictHeadline: $("verdict-headline"),
    problems: $("problems"),
    problemsList: $("problems-list"),
    error: $("error"),
    report: $("report"),
    copyReport: $("copy-report"),
    downloadJson: $("download-json"),
    reportStatus: $("report-action-status"),
    reportFallback: $("report-fallback"),
    evaluated: $("evaluated"),
    clientsBody: $("clients-body"),
    alternative: $("alternative"),
    findings: $("findings"),
    fix: $("fix"),
    certificates: $("certificates"),
    inputItems: $("input-items-body"),
    version: $("tool-version"),
  };

  els.date.value = localToday();
  els.drop.setAttribute("aria-disabled", "true");
  for (const s of SAMPLES) {
    els.sampleButtons.append(
      h("button", { type: "button", class: "small secondary", dataset: { sample: s.id }, onclick: () => loadSample(s.id) }, s.label),
    );
  }

  for (const el of [els.paste, els.msstd, els.host]) el.addEventListener("input", schedule);
  els.date.addEventListener("input", schedule);
  els.date.addEventListener("change", schedule);
  els.clear.addEventListener("click", clearAll);
  els.copyReport.addEventListener("click", copyReport);
  els.downloadJson.addEventListener("click", downloadJson);

  els.files.addEventListener("change", async () => {
    const files = Array.from(els.files.files || []);
    els.files.value = ""; // so picking the same file again works
    await addFiles(files);
  });
  const openPicker = () => {
    if (engine) els.files.click();
  };
  els.drop.addEventListener("click", openPicker);
  els.drop.addEventListener("keydown", (e) => {
    if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      openPicker();
    }
  });
  els.drop.addEventListener("dragenter", (e) => {
    if (hasFiles(e)) els.drop.classList.add("over");
  });
  els.drop.addEventListener("dragleave", () => els.drop.classList.remove("over"));
  els.drop.addEventListener("drop", (e) => {
    e.preventDefault();
    e.stopPropagation();
    els.drop.classList.remove("over");
    if (e.dataTransfer) addFiles(e.dataTransfer.files);
  });
  // Files dropped anywhere on the page are checked too (instead of the
  // browser opening them); text dropped into a text box behaves as usual.
  window.addEventListener("dragover", (e) => {
    if (hasFiles(e)) {
      e.preventDefault();
      e.dataTransfer.dropEffect = engine ? "copy" : "none";
    }
  });
  window.addEventListener("drop", (e) => {
    if (hasFiles(e)) {
      e.preventDefault();
      els.drop.classList.remove("over");
      addFiles(e.dataTransfer.files);
    }
  });
}

/**
 * Starts the page. `loadEngine` returns a promise of the initialised wasm API
 * ({analyze, reportText, version}).
 */
export async function start(loadEngine) {
  bind();
  try {
    if (typeof WebAssembly !== "object") throw new Error("this browser does not support WebAssembly");
    engine = await loadEngine();
  } catch (err) {
    engine = null;
    els.engineStatus.className = "error-box";
    els.engineStatus.replaceChildren(
      h("strong", null, "The checker could not start. "),
      `${errorMessage(err)}. Reload the page; if it keeps failing, use the msstd-check command-line tool.`,
    );
    document.documentElement.dataset.engine = "failed";
    return;
  }
  els.controls.disabled = false;
  els.drop.removeAttribute("aria-disabled");
  els.engineStatus.hidden = true;
  setText(els.engineStatus, "");
  try {
    setText(els.version, `msstd-check ${engine.version()}`);
  } catch {
    // the version is cosmetic
  }
  document.documentElement.dataset.engine = "ready";
  const sample = new URLSearchParams(window.location.search).get("sample");
  if (sample !== null && !loadSample(sample)) {
    showError(`There is no sample called “${sample}”. Choose one of the samples above.`);
  }
}

// @bootstrap-served (scripts/make-single-file.mjs removes everything from here on)
start(async () => {
  const glue = await import("./pkg/msstd_check.js");
  await glue.default();
  return glue;
});

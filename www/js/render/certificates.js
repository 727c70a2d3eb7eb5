// Certificates: every fact of one certificate, as a definition list.

import { copyText } from "../clipboard.js";
import { append, h, textList } from "../dom.js";
import { formatCount } from "../format.js";
import { SAN_KINDS } from "./words.js";

/** From this many names on, a filter box above the list. */
const FILTER_FROM = 20;
const DAY = 86400;

/** A Copy button for `value` (named `label`), with its status. */
function copyButton(value, label, el) {
  const status = h("span", { class: "action-status", role: "status" });
  return [" ", h("button", { type: "button", class: "small", "aria-label": label, onclick: () => copyText(value, status, el()) }, "Copy"), status];
}

/** "expires in 40 days" / "expired 3 days ago" for a date (Unix seconds) seen at `now`. */
export function dateDistance(unix, now, future, past) {
  if (!Number.isFinite(unix) || !Number.isFinite(now)) return null;
  const days = Math.floor(Math.abs(unix - now) / DAY);
  const n = `${formatCount(days)} day${days === 1 ? "" : "s"}`;
  const ahead = unix > now;
  const soon = ahead && future === "expires" && days < 30;
  const before = past ? `${past} ` : "";
  const text = ahead ? (days === 0 ? `${future} today` : `${future} in ${n}`) : days === 0 ? `${before}today` : `${before}${n} ago`;
  return h("span", { class: `date-distance${!ahead && past === "expired" ? " past" : ""}${soon ? " soon" : ""}` }, ` (${text})`);
}

/** The names of the leaf that matched the principal name or covered the host (lower case). */
export function matchedNames(report, c) {
  const names = new Set();
  if (report.leaf !== c.index) return names;
  const m = report.matches && report.matches.modern_windows;
  if (m && m.outcome === "name" && m.field === "san_dns") names.add(String(m.value).toLowerCase());
  if (m && m.outcome === "wildcard" && m.field === "san_dns") names.add(String(m.pattern).toLowerCase());
  const host = report.checks && report.checks.host;
  if (host && host.outcome === "covered" && host.by && host.by.field !== "cn") names.add(String(host.by.value).toLowerCase());
  return names;
}

/** One list of names (a SAN kind), each with a Copy button, the matched ones marked. */
function nameList(names, label, matched) {
  return h(
    "ul",
    { class: "plain-list san-names", "aria-label": label },
    names.map((name) => {
      const value = h("span", { class: "value" }, name);
      const hit = matched.has(String(name).toLowerCase());
      return h(
        "li",
        { class: hit ? "matched" : null, dataset: { name } },
        value,
        hit ? h("span", { class: "match-note" }, " (matched)") : null,
        copyButton(name, `Copy ${name}`, () => value),
      );
    }),
  );
}

/** A filter box over the name lists in `box`. */
function nameFilter(box, total) {
  const input = h("input", {
    type: "search",
    class: "san-filter",
    "aria-label": `Filter the ${total} names`,
    placeholder: `Filter the ${total} names`,
    oninput: () => {
      const needle = input.value.trim().toLowerCase();
      for (const li of box.querySelectorAll(".san-names li")) li.hidden = needle !== "" && !li.dataset.name.toLowerCase().includes(needle);
    },
  });
  return input;
}

function factRow(label, ...value) {
  return [h("dt", null, label), h("dd", null, ...value)];
}

/** " (1.2.3)" after a name that is not the OID itself. */
function oidNote(name, oid) {
  return name === oid ? null : h("span", { class: "oid" }, ` (${oid})`);
}

function distinguishedName(dn) {
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
          h("td", null, a.type, oidNote(a.type, a.oid)),
          h("td", { class: "value" }, a.value, a.decoded ? null : h("span", { class: "warn-text" }, " (not decodable as its string type)")),
          h("td", { class: "stype" }, a.string_type),
        ),
      ),
    ),
  );
  return h("div", { class: "table-wrap" }, table);
}

function subjectAltNames(san, matched = new Set()) {
  if (!san) return ["none (no subject alternative name extension)"];
  const out = [];
  if (!san.readable) out.push(h("p", { class: "warn-text" }, "The extension could not be decoded; its names are unknown."));
  if (san.critical) out.push(h("p", null, "Marked critical."));
  const rows = SAN_KINDS.filter(([k]) => san.names[k] && san.names[k].length);
  if (rows.length === 0 && san.readable) out.push("present, but empty");
  const box = h("div", { class: "san-box" });
  for (const [k, label] of rows) {
    box.append(h("div", { class: "san-kind" }, h("span", { class: "san-label" }, `${label}:`), nameList(san.names[k], label, matched)));
  }
  const total = rows.reduce((n, [k]) => n + san.names[k].length, 0);
  if (total >= FILTER_FROM) out.push(nameFilter(box, total));
  out.push(box);
  if (san.truncated) out.push(h("p", { class: "warn-text" }, "PowerShell cut this list short (…): more names exist that are not shown here."));
  return out;
}

function role(c, isLeaf) {
  if (isLeaf) return "server certificate (leaf)";
  if (c.basic_constraints && c.basic_constraints.ca) return c.self_issued ? "root CA" : "CA certificate";
  return "other certificate";
}

function nameRows(label, dn) {
  return [
    factRow(label, h("span", { class: "value" }, dn.display || "(empty)")),
    factRow(`${label} attributes`, dn.attributes.length ? distinguishedName(dn) : "none").map((el) => {
      el.classList.add("no-print");
      return el;
    }),
  ];
}

function usageRows(c) {
  const eku =
    c.extended_key_usage === null
      ? "not present (any purpose)"
      : c.extended_key_usage.length
        ? textList(c.extended_key_usage.map((k) => (k.name === k.oid ? k.oid : `${k.name} (${k.oid})`)))
        : "present, but empty";
  const rows = [factRow("Enhanced key usage", eku), factRow("Key usage", c.key_usage === null ? "not present" : c.key_usage.join(", ") || "present, but empty")];
  if (c.basic_constraints) {
    const bc = c.basic_constraints;
    rows.push(factRow("Basic constraints", `CA: ${bc.ca ? "yes" : "no"}${bc.path_len !== null ? `, path length ${bc.path_len}` : ""}`));
  }
  return rows;
}

function keyRows(c) {
  const key = c.public_key;
  // An algorithm this tool does not name: its OID.
  const algorithm = key.algorithm === "other" ? key.algorithm_oid : key.algorithm;
  const keyText = [algorithm, key.curve, key.bits !== null ? `${key.bits} bits` : null].filter(Boolean).join(", ");
  const hex = (value, field) => h("span", { class: "hex", dataset: field ? { field } : null }, value);
  const copied = (value, field, label) => {
    const el = hex(value, field);
    return [el, copyButton(value, label, () => el)];
  };
  const rows = [
    factRow("Public key", keyText, oidNote(algorithm, key.algorithm_oid)),
    factRow("Signature algorithm", c.signature_algorithm, oidNote(c.signature_algorithm, c.signature_algorithm_oid)),
    factRow("Serial number", copied(c.serial, "serial", `Copy the serial number of certificate #${c.index + 1}`)),
    factRow("Thumbprint (SHA-1)", copied(c.thumbprint_sha1, "sha1", `Copy the thumbprint of certificate #${c.index + 1}`)),
    factRow("Fingerprint (SHA-256)", hex(c.fingerprint_sha256, "sha256")),
  ];
  if (c.subject_key_id) rows.push(factRow("Subject key identifier", hex(c.subject_key_id)));
  if (c.authority_key_id) rows.push(factRow("Authority key identifier", hex(c.authority_key_id)));
  return rows;
}

function addressRows(c) {
  // Addresses are shown as text, never as links: the page fetches nothing.
  const rows = [];
  if (c.ca_issuers.length) rows.push(factRow("CA issuers (not fetched)", textList(c.ca_issuers, "addr")));
  if (c.ocsp.length) rows.push(factRow("OCSP (not contacted)", textList(c.ocsp, "addr")));
  if (c.crl_distribution_points.length) rows.push(factRow("CRL (not fetched)", textList(c.crl_distribution_points, "addr")));
  return rows;
}

function extensionText(e) {
  const status = e.status !== "ok" ? `, ${e.status === "unknown" ? "not decoded" : e.status}` : "";
  return `${e.name || "unknown"} (${e.oid})${e.critical ? ", critical" : ""}${status}`;
}

/** "Matched the principal name: SAN DNS name mail.contoso.com" for the leaf, or null. */
function matchRow(report, c) {
  const m = report.leaf === c.index && report.matches && report.matches.modern_windows;
  if (!m || (m.outcome !== "name" && m.outcome !== "wildcard")) return null;
  const field = m.field === "cn" ? "the subject CN" : "a SAN DNS name";
  return factRow("Principal name matched", `${field}, `, h("code", null, m.outcome === "name" ? m.value : m.pattern), m.outcome === "wildcard" ? " (wildcard)" : "");
}

/** The validity rows, each date with how far it is from the evaluation time. */
function dateRows(c, report) {
  const now = Date.parse(report.evaluated_at) / 1000;
  return [
    factRow("Valid from", c.validity.not_before, dateDistance(c.validity.not_before_unix, now, "valid", "")),
    factRow("Valid to", c.validity.not_after, dateDistance(c.validity.not_after_unix, now, "expires", "expired")),
  ];
}

/** What Get-ExchangeCertificate's summary gives of a certificate: no key, usage, signature or extension. */
function summaryRows(c, report, forms) {
  return [
    factRow("From", `${c.origin.source}, ${forms[c.origin.form] || c.origin.form}, ${c.origin.location}`),
    factRow("What this is", "Not the certificate itself: what Get-ExchangeCertificate printed of it (subject, names, dates and thumbprint). Its key usage, chain and signature are not known: export the certificate (.cer) to check them."),
    factRow("Subject", h("span", { class: "value" }, c.subject.display || "(empty)")),
    factRow("Subject alternative names", ...subjectAltNames(c.subject_alt_names, matchedNames(report, c))),
    matchRow(report, c),
    c.issuer.display ? factRow("Issuer", h("span", { class: "value" }, c.issuer.display)) : null,
    c.validity.not_before_unix || c.validity.not_after_unix ? dateRows(c, report) : null,
    factRow("Thumbprint (SHA-1)", h("span", { class: "hex", dataset: { field: "sha1" } }, c.thumbprint_sha1)),
  ];
}

/** The Save buttons of one certificate (`save(kind, certs, status)`), or null. */
function saveRow(c, save) {
  if (!save) return null;
  const status = h("span", { class: "action-status", role: "status" });
  const button = (kind, text, label) => h("button", { type: "button", class: "small secondary", "aria-label": label, onclick: () => save(kind, [c], status) }, text);
  const n = c.index + 1;
  return h("div", { class: "save-row" }, button("pem", "Save PEM", `Save certificate #${n} as PEM`), button("der", "Save DER (.cer)", `Save certificate #${n} as DER`), status);
}

/** Every fact of one certificate, as a definition list (`forms`: the engine's labels of the encodings). */
function facts(c, report, forms) {
  const dl = h("dl", { class: "facts" });
  if (c.origin.form === "exchange_summary") return append(dl, summaryRows(c, report, forms));
  return append(dl, [
    factRow("From", `${c.origin.source}, ${forms[c.origin.form] || c.origin.form}, ${c.origin.location}`),
    nameRows("Subject", c.subject),
    factRow("Subject alternative names", ...subjectAltNames(c.subject_alt_names, matchedNames(report, c))),
    matchRow(report, c),
    nameRows("Issuer", c.issuer),
    dateRows(c, report),
    usageRows(c),
    keyRows(c),
    addressRows(c),
    factRow("Extensions", c.extensions.length ? textList(c.extensions.map(extensionText)) : "none"),
    factRow("Version, size", `X.509 v${c.version}, ${c.der_length} bytes DER${c.self_issued ? ", self-issued" : ""}`),
  ]);
}

/** The article of one certificate, with its heading, holding `children`. */
function article(c, report, children, folded = false) {
  const isLeaf = report.leaf === c.index;
  const summary = c.origin.form === "exchange_summary";
  const id = `cert-${c.index}`;
  return h(
    "article",
    { class: `cert${isLeaf ? " leaf" : ""}${summary ? " summary" : ""}${folded ? " folded" : ""}`, "aria-labelledby": id, dataset: { index: c.index } },
    h("h4", { id }, `Certificate #${c.index + 1}: ${summary ? "Get-ExchangeCertificate summary" : role(c, isLeaf)}`),
    children,
  );
}

/**
 * One certificate, as an article. `forms`: the engine's labels of the
 * certificate encodings; `save`: saves certificates (js/save.js), or null.
 */
export function certificate(c, report, forms, save = null) {
  const summary = c.origin.form === "exchange_summary";
  return article(c, report, [summary ? null : saveRow(c, save), facts(c, report, forms)]);
}

/**
 * One certificate of a long report (after the first ones, which are shown in
 * full): its subject, end of validity and thumbprint, and everything else
 * folded, built when it is first opened (a thousand certificates in full
 * would cost the page seconds).
 */
export function foldedCertificate(c, report, forms, save = null) {
  const summary = c.origin.form === "exchange_summary";
  const n = c.index + 1;
  const now = Date.parse(report.evaluated_at) / 1000;
  const brief = h(
    "dl",
    { class: "facts brief" },
    factRow("Subject", h("span", { class: "value" }, c.subject.display || "(empty)")),
    c.validity.not_after ? factRow("Valid to", c.validity.not_after, dateDistance(c.validity.not_after_unix, now, "expires", "expired")) : null,
    factRow("Thumbprint (SHA-1)", h("span", { class: "hex" }, c.thumbprint_sha1)),
  );
  const more = h("details", { class: "cert-more" }, h("summary", null, `All of certificate #${n}: ${summary ? "names and dates" : "names, dates, key, extensions, Save"}`));
  more.addEventListener("toggle", () => {
    if (!more.open || more.childElementCount > 1) return;
    more.append(...[summary ? null : saveRow(c, save), facts(c, report, forms)].filter(Boolean));
  });
  return article(c, report, [brief, more], true);
}

/** The Save buttons for every certificate read (more than one), or null. */
export function saveAll(certs, save) {
  const files = certs.filter((c) => c.origin.form !== "exchange_summary");
  if (files.length < 2) return null;
  const status = h("span", { class: "action-status", role: "status" });
  const button = (kind, text) => h("button", { type: "button", class: "small secondary", onclick: () => save(kind, files, status) }, text);
  return h(
    "div",
    { class: "save-row save-all" },
    `All ${files.length} certificates: `,
    button("chain-pem", "Save as PEM"),
    button("p7b", "Save as PKCS#7 (.p7b)"),
    status,
  );
}

// Certificates: every fact of one certificate, as a definition list.

import { append, h, textList } from "../dom.js";
import { SAN_KINDS } from "./words.js";

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

function subjectAltNames(san) {
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

function role(c, isLeaf) {
  if (isLeaf) return "server certificate (leaf)";
  if (c.basic_constraints && c.basic_constraints.ca) return c.self_issued ? "root CA" : "CA certificate";
  return "other certificate";
}

function nameRows(label, dn) {
  return [
    factRow(label, h("span", { class: "value" }, dn.display || "(empty)")),
    factRow(`${label} attributes`, dn.attributes.length ? distinguishedName(dn) : "none"),
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
  const rows = [
    factRow("Public key", keyText, oidNote(algorithm, key.algorithm_oid)),
    factRow("Signature algorithm", c.signature_algorithm, oidNote(c.signature_algorithm, c.signature_algorithm_oid)),
    factRow("Serial number", hex(c.serial)),
    factRow("Thumbprint (SHA-1)", hex(c.thumbprint_sha1, "sha1")),
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

/** One certificate, as an article. `forms`: the engine's labels of the certificate encodings. */
export function certificate(c, report, forms) {
  const isLeaf = report.leaf === c.index;
  const id = `cert-${c.index}`;
  const dl = h("dl", { class: "facts" });
  append(dl, [
    factRow("From", `${c.origin.source}, ${forms[c.origin.form] || c.origin.form}, ${c.origin.location}`),
    nameRows("Subject", c.subject),
    factRow("Subject alternative names", ...subjectAltNames(c.subject_alt_names)),
    nameRows("Issuer", c.issuer),
    factRow("Valid from", c.validity.not_before),
    factRow("Valid to", c.validity.not_after),
    usageRows(c),
    keyRows(c),
    addressRows(c),
    factRow("Extensions", c.extensions.length ? textList(c.extensions.map(extensionText)) : "none"),
    factRow("Version, size", `X.509 v${c.version}, ${c.der_length} bytes DER${c.self_issued ? ", self-issued" : ""}`),
  ]);
  return h(
    "article",
    { class: `cert${isLeaf ? " leaf" : ""}`, "aria-labelledby": id, dataset: { index: c.index } },
    h("h4", { id }, `Certificate #${c.index + 1}: ${role(c, isLeaf)}`),
    dl,
  );
}

#!/usr/bin/env node
// Writes www/samples.js (the page's "Try a sample" certificates) from the test
// fixtures in tests/fixtures/certs/. Run from anywhere:
//
//     node scripts/make-samples.mjs            # rewrite www/samples.js
//     node scripts/make-samples.mjs --check    # exit 1 when www/samples.js is stale
//
// The output is deterministic (no dates, no absolute paths), so it can be
// committed and checked. Text samples are stored as text (and pasted); binary
// samples (DER, .p7b, .pfx) as base64 with `binary: true` and the file name
// they are loaded under (as a dropped file). No sample carries a password.
// Every "<" is written as \u003c so the file can be inlined in a <script>
// element (the single-file page) without ever closing it.

import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const certs = join(root, "tests", "fixtures", "certs");
const out = join(root, "www", "samples.js");

// id: used by ?sample=<id>; keep the ids stable (the start script opens ?sample=pass).
const SAMPLES = [
  {
    id: "pass",
    label: "Passing",
    file: "cn-and-san.pem",
    msstd: "msstd:mail.contoso.com",
    host: "mail.contoso.com",
  },
  {
    id: "wildcard",
    label: "Wildcard (modern Windows only)",
    file: "wildcard.pem",
    msstd: "msstd:mail.contoso.com",
    host: "mail.contoso.com",
  },
  {
    id: "expired",
    label: "Expired",
    file: "expired.pem",
    msstd: "msstd:mail.contoso.com",
    host: "mail.contoso.com",
  },
  {
    id: "wrong-name",
    label: "Wrong name",
    file: "cn-and-san.pem",
    msstd: "msstd:owa.contoso.com",
    host: "mail.contoso.com",
  },
  {
    id: "san-only",
    label: "Name only in the SAN",
    file: "san-extra-names.pem",
    msstd: "msstd:owa.contoso.com",
    host: null,
  },
  {
    id: "subject-email",
    label: "E-mail after the CN",
    file: "subject-email.pem",
    msstd: "msstd:mail.contoso.com",
    host: null,
  },
  {
    id: "s_client",
    label: "s_client output",
    file: "s_client.txt",
    msstd: "msstd:mail.contoso.com",
    host: "mail.contoso.com",
  },
  {
    id: "der",
    label: "DER .cer file",
    file: "cn-and-san.cer",
    binary: true,
    msstd: "msstd:mail.contoso.com",
    host: "mail.contoso.com",
  },
  {
    id: "xss",
    label: "Hostile text (XSS)",
    file: "xss.pem",
    msstd: "msstd:mail.contoso.com",
    host: null,
  },
  // The input forms that came with the full engine and the intake decoders.
  // A chain or a .pfx makes the page load its full engine.
  {
    id: "p7b",
    label: "PKCS#7 .p7b bundle (chain)",
    file: "bundle-der.p7b",
    binary: true,
    msstd: "msstd:mail.contoso.com",
    host: "mail.contoso.com",
  },
  {
    id: "p7b-ber",
    label: ".p7b as Windows writes it (BER)",
    file: "bundle-ber-indefinite.p7b",
    binary: true,
    msstd: "msstd:mail.contoso.com",
    host: "mail.contoso.com",
  },
  {
    // The password is in the label only: the sample does not fill it in, so
    // the page asks for it as it would for a customer's file.
    id: "pfx",
    label: ".pfx with key (password Contoso!2025)",
    file: "leaf-aes.pfx",
    binary: true,
    msstd: "msstd:mail.contoso.com",
    host: "mail.contoso.com",
  },
  {
    id: "chain-wrong-key",
    label: "Chain with a look-alike CA (wrong key)",
    file: "chain-wrong-key-intermediate.pem",
    msstd: "msstd:mail.contoso.com",
    host: "mail.contoso.com",
  },
  {
    id: "hex-certutil",
    label: "certutil hex dump",
    file: "hex-certutil.txt",
    msstd: "msstd:mail.contoso.com",
    host: "mail.contoso.com",
  },
  {
    id: "quoted-printable",
    label: "E-mail in quoted-printable",
    file: "email-quoted-printable.txt",
    msstd: "msstd:mail.contoso.com",
    host: "mail.contoso.com",
  },
  {
    id: "json-escaped",
    label: "PEM inside JSON",
    file: "json-escaped.json",
    msstd: "msstd:mail.contoso.com",
    host: "mail.contoso.com",
  },
  // No certificate inside: these set the principal name and the host (once the
  // core reads them); the principal box is left empty on purpose.
  {
    id: "autodiscover",
    label: "Autodiscover response (settings only)",
    file: "autodiscover-expr.xml",
    msstd: null,
    host: null,
  },
  {
    id: "get-outlookprovider",
    label: "Get-OutlookProvider output (settings only)",
    file: "get-outlookprovider.txt",
    msstd: null,
    host: null,
  },
];

function entry(s) {
  const bytes = readFileSync(join(certs, s.file));
  const e = { id: s.id, label: s.label };
  if (s.binary) {
    e.name = s.file;
    e.binary = true;
    e.text = bytes.toString("base64");
  } else {
    e.name = s.file;
    e.text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  }
  e.msstd = s.msstd;
  e.host = s.host;
  return e;
}

function literal(value) {
  // JSON is valid JavaScript; escape what could end or confuse an inline <script>.
  return JSON.stringify(value, null, 2)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

const body =
  "// Generated by scripts/make-samples.mjs from tests/fixtures/certs/; do not edit by hand.\n" +
  "// Each sample: {id, label, name, text, msstd, host}; binary samples have binary: true\n" +
  "// and text holds the file's bytes in base64.\n" +
  `export const SAMPLES = ${literal(SAMPLES.map(entry))};\n`;

if (process.argv.includes("--check")) {
  let current = "";
  try {
    current = readFileSync(out, "utf8");
  } catch {
    // missing counts as stale
  }
  if (current !== body) {
    console.error("www/samples.js is stale: run node scripts/make-samples.mjs");
    process.exit(1);
  }
  console.log("www/samples.js is up to date");
} else {
  writeFileSync(out, body);
  console.log(`wrote ${out} (${SAMPLES.length} samples, ${Buffer.byteLength(body)} bytes)`);
}

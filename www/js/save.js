// Saving what was read: each certificate as PEM or DER, and all of them as
// one PEM file or a PKCS#7 (.p7b) bundle. The report holds no certificate
// bytes: the engine gives them back (src/wasm.rs certificatesDer()), from
// the same input as the report on screen. Files are made here (Blob and a
// temporary <a download>): nothing is sent anywhere.

import { h, setText } from "./dom.js";
import { postable } from "./engine.js";
import { errorMessage } from "./format.js";
import { state } from "./state.js";

/** The bytes of each certificate of the report on screen, by thumbprint (asked of the engine once per report). */
let cached = { report: null, promise: null };

function certificateBytes() {
  if (cached.report === state.report && cached.promise) return cached.promise;
  const last = state.last;
  const used = (last && last.engine) || state.engine;
  if (!last || !used) return Promise.reject(new Error("there is no report"));
  const { input, transfer } = postable(last.input);
  const promise = state.client
    .call({ type: "der", engine: used, input, options: last.options }, { transfer })
    .then((reply) => new Map(reply.certificates.filter((c) => c.der).map((c) => [c.thumbprint, new Uint8Array(c.der)])));
  cached = { report: state.report, promise };
  promise.catch(() => {
    if (cached.promise === promise) cached = { report: null, promise: null };
  });
  return promise;
}

/** DER bytes as base64 (in chunks: no huge argument list). */
function base64(bytes) {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** One certificate as a PEM block. */
export function pemOf(der) {
  const lines = base64(der).match(/.{1,64}/g) || [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join("\n")}\n-----END CERTIFICATE-----\n`;
}

/** A DER length's encoding (definite form). */
function derLength(n) {
  if (n < 0x80) return [n];
  const digits = [];
  for (let rest = n; rest > 0; rest = Math.floor(rest / 256)) digits.unshift(rest & 0xff);
  return [0x80 | digits.length, ...digits];
}

/** A DER element: `tag`, its length, and `parts` (byte arrays) as its content. */
function tlv(tag, ...parts) {
  const length = parts.reduce((n, p) => n + p.length, 0);
  const head = [tag, ...derLength(length)];
  const out = new Uint8Array(head.length + length);
  out.set(head, 0);
  let at = head.length;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const OID_SIGNED_DATA = Uint8Array.of(0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02);
const OID_DATA = Uint8Array.of(0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01);

/**
 * A degenerate PKCS#7 SignedData (RFC 2315 / RFC 5652: no content, no
 * signer) holding `ders`: what a .p7b certificate bundle is.
 */
export function p7bOf(ders) {
  const signedData = tlv(
    0x30,
    Uint8Array.of(0x02, 0x01, 0x01), // version 1
    Uint8Array.of(0x31, 0x00), // digestAlgorithms: none
    tlv(0x30, OID_DATA), // encapContentInfo: data, no content
    tlv(0xa0, ...ders), // certificates [0] IMPLICIT SET OF Certificate
    Uint8Array.of(0x31, 0x00), // signerInfos: none
  );
  return tlv(0x30, OID_SIGNED_DATA, tlv(0xa0, signedData));
}

/** Saves `data` as `name` (a temporary link to a Blob). */
function download(name, data, type) {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = h("a", { href: url, download: name, class: "sr-only" });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * Saves certificates of the report on screen: `kind` is "pem" or "der" for
 * one certificate (`certs`: [it]), "chain-pem" or "p7b" for several. Says
 * what happened in `status`.
 */
export async function saveCertificates(kind, certs, status) {
  let bytes;
  try {
    bytes = await certificateBytes();
  } catch (err) {
    setText(status, `Could not save: ${errorMessage(err)}`);
    return;
  }
  const ders = certs.map((c) => bytes.get(c.thumbprint_sha1)).filter(Boolean);
  if (ders.length === 0 || ders.length < certs.length) {
    setText(status, "Could not save: the bytes of this certificate are not available.");
    return;
  }
  const n = certs.length === 1 ? certs[0].index + 1 : 0;
  const [name, data, type] =
    kind === "pem"
      ? [`certificate-${n}.pem`, pemOf(ders[0]), "application/x-pem-file"]
      : kind === "der"
        ? [`certificate-${n}.cer`, ders[0], "application/pkix-cert"]
        : kind === "chain-pem"
          ? ["certificates.pem", ders.map(pemOf).join(""), "application/x-pem-file"]
          : ["certificates.p7b", p7bOf(ders), "application/x-pkcs7-certificates"];
  download(name, data, type);
  setText(status, `Saved ${name}.`);
}

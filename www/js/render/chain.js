// Chain, explained: each link from the server certificate up (issuer,
// signature, key identifiers), where the chain ends, and what is not on it.

import { chip, h, textList } from "../dom.js";
import { formatCount } from "../format.js";
import { certLabel } from "../report.js";

// The section names at most this many of the certificates not on the chain.
const UNUSED_LISTED = 50;

function signatureChip(link, report) {
  switch (link.signature) {
    case "valid":
      return chip("good", "✓ signature valid");
    case "invalid":
      return chip("bad", "✗ signature INVALID", "The issuer's key does not verify this certificate's signature: the certificate was altered, or it is not the issuer named.");
    case "unsupported":
      return chip("neutral", "signature not checked (algorithm not supported)");
    case "not_checked":
      return chip("neutral", "signature not checked (limit reached)", "This analysis checks a limited number of signatures (the input holds many certificates with the same issuer name); this one was not checked.");
    default:
      if (link.issuer === "missing") return chip("neutral", "signature not checked (issuer not in the input)");
      if (report.engine && !report.engine.signatures) return chip("neutral", "signature not checked (not in this engine)");
      return chip("neutral", "signature not checked");
  }
}

function keyIdChip(link) {
  if (link.key_id_matches === true) return chip("good", "✓ key identifiers match");
  if (link.key_id_matches === false) {
    return chip("bad", "✗ key identifiers differ", "The certificate's authority key identifier does not name the issuer's subject key identifier: the issuer here has the same name but another key.");
  }
  return null;
}

function issuerText(link, report) {
  switch (link.issuer) {
    case "it_self":
      return ["itself (self-signed)"];
    case "in_input":
      return typeof link.issuer_index === "number" ? [certLabel(report, link.issuer_index)] : [link.issuer_name];
    case "mozilla_root":
      return ["the Mozilla root ", h("span", { class: "value" }, link.issuer_name), " (not in the input, known to this page)"];
    case "missing":
      return [h("span", { class: "value" }, link.issuer_name || "(empty name)"), ", which is not in the input"];
    default:
      return [link.issuer_name];
  }
}

function chainLink(link, report) {
  const bad = link.signature === "invalid" || link.key_id_matches === false;
  const good = link.signature === "valid" && link.key_id_matches !== false;
  return h(
    "li",
    {
      class: `chain-link${bad ? " bad" : good ? " good" : ""}`,
      dataset: { certificate: link.certificate, signature: link.signature || "none", issuer: link.issuer },
    },
    h("p", null, h("span", { class: "value" }, certLabel(report, link.certificate)), h("span", { class: "chain-arrow" }, " → issued by "), ...issuerText(link, report)),
    h("p", { class: "chain-checks" }, signatureChip(link, report), keyIdChip(link)),
  );
}

function chainEnd(chain, report) {
  switch (chain.ends) {
    case "mozilla_root":
      return [
        "The chain ends at the Mozilla root ",
        h("span", { class: "value" }, chain.mozilla_root || "(unnamed)"),
        ": a public root that browsers trust.",
      ];
    case "private_root": {
      const last = chain.path[chain.path.length - 1];
      return [
        "The chain ends at a private root: ",
        h("span", { class: "value" }, certLabel(report, last)),
        " is self-signed and not a Mozilla root (a company CA, or a self-signed certificate). Windows trusts it only where it is installed.",
      ];
    }
    case "incomplete": {
      const lastLink = chain.links[chain.links.length - 1];
      return [
        "The chain is incomplete: ",
        lastLink ? [h("span", { class: "value" }, lastLink.issuer_name || "an issuer"), " is not in the input"] : "an issuer is missing",
        ", so it cannot be followed to a root. Ask for the whole chain (a .p7b export, or the intermediate certificates).",
      ];
    }
    default:
      return [`The chain ends: ${chain.ends}.`];
  }
}

function unused(chain, report) {
  if (!Array.isArray(chain.unused) || chain.unused.length === 0) return null;
  const n = chain.unused.length;
  return h(
    "div",
    { class: "chain-unused" },
    h("p", null, `Not on the chain (${n === 1 ? "this certificate is" : "these certificates are"} in the input, but not between the server certificate and its root):`),
    textList(chain.unused.slice(0, UNUSED_LISTED).map((i) => certLabel(report, i)), "value"),
    n > UNUSED_LISTED ? h("p", { class: "meta" }, `… and ${formatCount(n - UNUSED_LISTED)} more, all under Certificates below.`) : null,
  );
}

function engineNote(chain, report) {
  const engine = report.engine || {};
  if (engine.signatures && engine.mozilla_roots) {
    return h("p", { class: "meta" }, `Each signature is checked with its issuer's key; ${chain.mozilla_roots_known} Mozilla roots known to this page.`);
  }
  const notes = [];
  if (!engine.signatures) notes.push("signatures are not checked");
  if (!engine.mozilla_roots) notes.push("the Mozilla roots are not known");
  return h("p", { class: "meta" }, `For a single certificate the page does a quick check: ${notes.join(" and ")} here. Give the whole chain (several certificates, or a .p7b) to have them checked.`);
}

/** The chain section's content, or null when the report explains no chain. */
export function chain(report) {
  const chain = report.chain;
  if (!chain || !Array.isArray(chain.links) || chain.links.length === 0) return null;
  return [
    h("p", { class: "meta" }, "From the server certificate up, as far as the input shows it."),
    h("ol", { class: "chain-links" }, chain.links.map((link) => chainLink(link, report))),
    h("p", { class: "chain-end", dataset: { ends: chain.ends } }, ...chainEnd(chain, report)),
    chain.ends === "mozilla_root"
      ? h("p", { class: "note" }, "Windows' own trust store may differ: it follows Microsoft's root program, and each company adds or removes roots of its own.")
      : null,
    unused(chain, report),
    engineNote(chain, report),
  ];
}

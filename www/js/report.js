// Questions the page asks of a report (no DOM): which certificate has an
// index, in which order they are shown, whether a .pfx is among the inputs,
// where a principal name or host came from. Each reads the report's typed
// fields (report schema 2) and, for a report of schema 1, the older fields.

/** The certificate of `report` with this index (they are in index order). */
export function certificateAt(report, index) {
  const c = report.certificates[index];
  return c && c.index === index ? c : report.certificates.find((x) => x.index === index);
}

/** "#2 (CN=…)": a certificate of the report, by number and subject (as text). */
export function certLabel(report, index) {
  const c = certificateAt(report, index);
  const role = index === report.leaf ? "server certificate " : "";
  return c ? `${role}#${index + 1} (${c.subject.display || "empty subject"})` : `#${index + 1}`;
}

/** The certificates in the order shown: the chain's (leaf first) when the report gives it, then the others. */
export function certificateOrder(report) {
  const order = [];
  const seen = new Set();
  const path = report.chain && Array.isArray(report.chain.path) ? report.chain.path : report.leaf !== null ? [report.leaf] : [];
  for (const i of path) {
    if (!seen.has(i)) order.push(i);
    seen.add(i);
  }
  for (const c of report.certificates) {
    if (!seen.has(c.index)) order.push(c.index);
    seen.add(c.index);
  }
  return order.map((i) => certificateAt(report, i)).filter(Boolean);
}

/** The findings with this code. */
export function findingsWith(report, code) {
  return report.findings.filter((f) => f.code === code);
}

/** Was this input item a PKCS#12 (.pfx) file? */
function isPkcs12Item(item) {
  if (typeof item.form === "string") return item.form === "pkcs12";
  return /PKCS#12/.test(item.what); // schema 1: only the display text tells
}

/** The certificates read from a .pfx. */
export function pfxCertificates(report) {
  return report.certificates.filter((c) => c.origin && c.origin.form === "pkcs12");
}

/**
 * What the password box shows after `report`: "wrong" or "needed" when a .pfx
 * asks for its password, "open" while a .pfx is in the input and the box was
 * shown (`shown`), else "hidden". `codes` are the engine's finding codes.
 */
export function passwordState(report, shown, codes) {
  if (report.findings.some((f) => f.code === codes.pfxWrongPassword)) return "wrong";
  if (report.needs_password === true || report.findings.some((f) => f.code === codes.pfxPasswordNeeded)) return "needed";
  const hasPfx = pfxCertificates(report).length > 0 || report.input.some(isPkcs12Item);
  return shown && hasPfx ? "open" : "hidden";
}

/**
 * Where a value came from, as a sentence ("the Autodiscover response in …"),
 * or null when it was given in the boxes (or not at all).
 */
export function sourceDescription(source) {
  if (source && typeof source === "object") {
    if (source.kind === "given" || source.kind === "none") return null;
    return typeof source.description === "string" && source.description !== "" ? source.description : null;
  }
  // schema 1: the description alone, "given" or "none"
  if (typeof source !== "string" || source === "" || source === "given" || source === "none") return null;
  return source;
}

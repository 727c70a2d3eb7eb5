// Questions the page asks of a report (no DOM): which certificate has an
// index, in which order they are shown, whether a .pfx is among the inputs,
// where a principal name or host came from. Each reads the report's typed
// fields (report schema 2: docs/report-json.md), never its display text.

/** The certificate of `report` with this index (they are in index order). */
function certificateAt(report, index) {
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

/** The certificates read from a .pfx. */
export function pfxCertificates(report) {
  return report.certificates.filter((c) => c.origin && c.origin.form === "pkcs12");
}

/**
 * What the password box shows after `report`: "wrong" when the password given
 * does not open a .pfx, "needed" when a .pfx needs one, "open" while a .pfx is
 * in the input and the box was shown (`shown`), else "hidden".
 * `wrongPasswordCode`: the engine's code of that finding.
 */
export function passwordState(report, shown, wrongPasswordCode) {
  if (report.findings.some((f) => f.code === wrongPasswordCode)) return "wrong";
  if (report.needs_password) return "needed";
  const hasPfx = pfxCertificates(report).length > 0 || report.input.some((item) => item.form === "pkcs12");
  return shown && hasPfx ? "open" : "hidden";
}

/**
 * Where a value came from, as a sentence ("the Autodiscover response in …"),
 * or null when it was given in the boxes (or not at all).
 */
export function sourceDescription(source) {
  if (!source || source.kind === "given" || source.kind === "none") return null;
  return source.description;
}

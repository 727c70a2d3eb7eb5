// The page's own words and symbols for the report's enum values (the core
// names them in snake_case; these are what a person reads). An unknown value
// is shown as it is.

export const VERDICT_WORD = {
  pass: "Pass",
  warn: "Warning",
  fail: "Fail",
  not_applicable: "Not applicable",
  unknown: "Unknown",
};
export const VERDICT_ICON = { pass: "✓", warn: "⚠", fail: "✗", not_applicable: "–", unknown: "?" };
export const SEVERITY_WORD = { pass: "Pass", info: "Info", warn: "Warning", fail: "Fail", error: "Error" };
export const SEVERITY_ICON = { pass: "✓", info: "i", warn: "⚠", fail: "✗", error: "✗" };
export const GRADE_TITLE = {
  documented: "Documented by Microsoft or a standard",
  reported: "Reported by people who tested it",
  inferred: "Inferred by msstd-check",
  unknown: "Nobody knows for sure",
};
export const OUTCOME_WORD = {
  certificate: "Certificate",
  duplicate: "Duplicate",
  skipped: "Skipped",
  error: "Error",
  settings: "Settings",
};
export const SAN_KINDS = [
  ["dns", "DNS name"],
  ["ip", "IP address"],
  ["email", "E-mail"],
  ["uri", "URI"],
  ["upn", "UPN"],
  ["other", "Other"],
];
/** What each certificate-level failure (verdict.blocked_by) means, in plain words. */
export const BLOCKER_WORD = {
  host_not_covered: "the certificate does not cover the RPC proxy host name",
  expired: "the certificate has expired",
  not_yet_valid: "the certificate is not valid yet",
  no_server_auth: "the certificate is not for server authentication (EKU)",
  bad_signature: "a signature in the chain is wrong",
};

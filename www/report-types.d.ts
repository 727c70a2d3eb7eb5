// The msstd-check report, as analyze() returns it and `msstd-check --json` prints it,
// and the comparison of two certificates (compare(), `msstd-check --compare --json`).
// Generated from the Rust types by tests/typescript.rs; do not edit by hand.

export type Report = { 
/**
 * Version of this format.
 */
schema_version: number, 
/**
 * The tool and its version.
 */
tool: string, 
/**
 * The evaluation time, RFC 3339.
 */
evaluated_at: string, 
/**
 * The evaluation time, seconds since the Unix epoch.
 */
evaluated_at_unix: number, 
/**
 * The verdicts.
 */
verdict: VerdictSummary, 
/**
 * The principal name, parsed.
 */
principal: Principal, 
/**
 * The principal evaluated another way, when the string needed clean-up.
 */
alternative: Alternative | null, 
/**
 * The RPC proxy host name checked, if any.
 */
host: string | null, 
/**
 * The reasons, most severe first.
 */
findings: Array<Finding>, 
/**
 * What to change.
 */
fix: Fix, 
/**
 * Index of the leaf (server) certificate in `certificates`.
 */
leaf: number | null, 
/**
 * How the principal name matched the leaf, per client (an `msstd:` name and a leaf only).
 */
matches: ClientMatches | null, 
/**
 * The TLS-level checks of the leaf (host, dates, EKU); null without a leaf.
 */
checks: TlsChecks | null, 
/**
 * Every certificate read, in input order.
 */
certificates: Array<CertificateFacts>, 
/**
 * The chain above the leaf, explained (null when no certificate was read).
 */
chain: ChainReport | null, 
/**
 * What the input held and what became of each part.
 */
input: Array<IntakeItem>, 
/**
 * What this build of the analyzer can do.
 */
engine: Engine, 
/**
 * Exchange settings found in the input (Autodiscover, Get-OutlookProvider).
 */
settings: Array<ExchangeSettings>, 
/**
 * Where the principal name came from.
 */
principal_source: Source, 
/**
 * Where the host name came from.
 */
host_source: Source, 
/**
 * True when this build lacks something the input needs (a chain to check,
 * a .pfx to open): the full engine would say more.
 */
needs_full_engine: boolean, 
/**
 * True when a .pfx needs a password that was not given.
 */
needs_password: boolean, };

export type Engine = { 
/**
 * Chain signatures are checked (RSA, ECDSA P-256/P-384, Ed25519).
 */
signatures: boolean, 
/**
 * The Mozilla root program is shipped.
 */
mozilla_roots: boolean, 
/**
 * PKCS#12 (.pfx) files are read.
 */
pkcs12: boolean, 
/**
 * Autodiscover responses (XML) are read.
 */
autodiscover: boolean, 
/**
 * Exchange Management Shell output (Get-ExchangeCertificate, Get-OutlookAnywhere) is read.
 */
exchange: boolean, };

export type VerdictSummary = { 
/**
 * `pass`, `warn`, `fail`, `not_applicable` or `unknown`.
 */
overall: Verdict, 
/**
 * Windows Vista SP1 and later.
 */
modern_windows: Verdict, 
/**
 * Windows XP, Server 2003, Vista RTM.
 */
legacy_windows: Verdict, 
/**
 * Microsoft's Remote Connectivity Analyzer.
 */
connectivity_analyzer: Verdict, 
/**
 * The verdict in one plain sentence.
 */
headline: string, 
/**
 * The certificate-level failures (host, dates, EKU, a signature): when any,
 * the TLS connection fails before the principal name is compared, and the
 * per-client verdicts are the name check alone.
 */
blocked_by: Array<Blocker>, };

export type Verdict = "not_applicable" | "pass" | "warn" | "fail" | "unknown";

export type ClientVerdicts = { 
/**
 * Windows Vista SP1 and later: every supported Windows.
 */
modern_windows: Verdict, 
/**
 * Windows XP, Server 2003, Vista RTM.
 */
legacy_windows: Verdict, 
/**
 * Microsoft's Remote Connectivity Analyzer.
 */
connectivity_analyzer: Verdict, };

export type Alternative = { 
/**
 * The principal string evaluated.
 */
principal: string, 
/**
 * What this alternative is.
 */
description: string, 
/**
 * How it fares on each client.
 */
verdicts: ClientVerdicts, };

export type Principal = { 
/**
 * The string as given.
 */
input: string, 
/**
 * What kind of string it is.
 */
kind: PrincipalKind, 
/**
 * The name compared with the certificate, after clean-up (no prefix).
 */
name: string | null, 
/**
 * The name exactly as typed after the prefix, when it differs from `name`.
 */
literal_name: string | null, 
/**
 * The string written the way Windows expects: `msstd:<name>`.
 */
corrected: string | null, 
/**
 * For `fullsic:`, the names of the chain, issuer first.
 */
fullsic_chain: Array<string> | null, 
/**
 * True when Windows may see the string differently from the cleaned-up
 * name (an unknown rule fired); the report then also evaluates it as typed.
 */
cleaned_up: boolean, };

export type PrincipalKind = "msstd" | "fullsic" | "not_set" | "malformed";

export type Finding = { 
/**
 * Stable code (see [`crate::rules`]).
 */
code: Code, 
/**
 * How much it matters.
 */
severity: Severity, 
/**
 * How sure we are of the rule behind it.
 */
grade: Grade, 
/**
 * What part of the analysis raised it.
 */
topic: Topic, 
/**
 * The message, naming the certificate field concerned.
 */
message: string, 
/**
 * Where the rule comes from.
 */
source: string, 
/**
 * The certificate it is about (index into the report's certificates), if any.
 */
certificate?: number, };

export type Topic = "intake" | "certificate" | "principal" | "modern_windows" | "legacy_windows" | "connectivity_analyzer" | "host" | "validity" | "eku" | "chain" | "revocation";

export type Severity = "pass" | "info" | "warn" | "fail" | "error";

export type Grade = "documented" | "reported" | "inferred" | "unknown";

export type Fix = { 
/**
 * True when something must change for Outlook Anywhere to work everywhere.
 */
needed: boolean, 
/**
 * The recommended principal name (`msstd:…`), when one can be given.
 */
principal_name: string | null, 
/**
 * How the recommended principal name fares on each client.
 */
principal_name_verdicts: ClientVerdicts | null, 
/**
 * Every candidate principal name that passes on every client.
 */
passing_everywhere: Array<string>, 
/**
 * The Exchange Management Shell line that sets the recommended name.
 */
powershell: string | null, 
/**
 * The value for Outlook's Exchange Proxy Settings box.
 */
outlook_setting: string | null, 
/**
 * The certificate to request, when the certificate itself must change.
 */
certificate_request: string | null, 
/**
 * The steps, in order, as plain sentences.
 */
steps: Array<string>, 
/**
 * Commands for the Exchange server (and a live check from a client), copy-ready.
 */
server_commands: Array<ServerCommand>, };

export type CertificateFacts = { 
/**
 * Position in the report's list of certificates (0-based).
 */
index: number, 
/**
 * Where it came from.
 */
origin: Origin, 
/**
 * X.509 version (1, 2 or 3).
 */
version: number, 
/**
 * The subject.
 */
subject: DistinguishedName, 
/**
 * The issuer.
 */
issuer: DistinguishedName, 
/**
 * Every subject CN, in encoding order.
 */
common_names: Array<string>, 
/**
 * Every subject e-mail attribute (`E=`), in encoding order.
 */
subject_emails: Array<string>, 
/**
 * The subject alternative names, if the extension is present.
 */
subject_alt_names: SanFacts | null, 
/**
 * Serial number, upper-case hex as Windows shows it.
 */
serial: string, 
/**
 * Validity period.
 */
validity: ValidityFacts, 
/**
 * Key usage names, if the extension is present.
 */
key_usage: Array<string> | null, 
/**
 * Extended key usages, if the extension is present.
 */
extended_key_usage: Array<KeyPurpose> | null, 
/**
 * Basic constraints, if the extension is present.
 */
basic_constraints: BasicConstraintsFacts | null, 
/**
 * The public key.
 */
public_key: PublicKeyFacts, 
/**
 * Signature algorithm: name as Windows shows it, or the OID.
 */
signature_algorithm: string, 
/**
 * Signature algorithm OID.
 */
signature_algorithm_oid: string, 
/**
 * SHA-1 thumbprint as Windows shows it (upper-case hex, no separators).
 */
thumbprint_sha1: string, 
/**
 * SHA-256 fingerprint, upper-case hex, no separators.
 */
fingerprint_sha256: string, 
/**
 * Subject key identifier, hex.
 */
subject_key_id: string | null, 
/**
 * Authority key identifier (key id), hex.
 */
authority_key_id: string | null, 
/**
 * AIA "CA Issuers" addresses (never fetched).
 */
ca_issuers: Array<string>, 
/**
 * AIA OCSP addresses (never contacted).
 */
ocsp: Array<string>, 
/**
 * CRL distribution point addresses (never fetched).
 */
crl_distribution_points: Array<string>, 
/**
 * Every extension, in order.
 */
extensions: Array<ExtensionFacts>, 
/**
 * True when subject and issuer are the same name.
 */
self_issued: boolean, 
/**
 * Size of the DER encoding.
 */
der_length: number, };

export type Origin = { 
/**
 * The input it was in (a file name, or `input` for pasted text).
 */
source: string, 
/**
 * How it was encoded.
 */
form: InputForm, 
/**
 * Where in the input: `bytes 0-1234`, `lines 3-25`.
 */
location: string, };

export type InputForm = "der" | "pem" | "base64" | "pkcs7" | "pkcs12" | "hex" | "exchange_summary";

export type DistinguishedName = { 
/**
 * The name as Windows shows it, most specific attribute first: `CN=…, O=…, C=…`.
 */
display: string, 
/**
 * The attributes in encoding (DER) order.
 */
attributes: Array<NameAttribute>, };

export type NameAttribute = { 
/**
 * Short name as Windows shows it (`CN`, `O`, `E`), or the dotted OID.
 */
type: string, 
/**
 * The dotted OID of the attribute type.
 */
oid: string, 
/**
 * The decoded value (undecodable values are shown as `#` and hex).
 */
value: string, 
/**
 * The ASN.1 string type (`PrintableString`, `UTF8String`, `BMPString`, …).
 */
string_type: string, 
/**
 * False when the value could not be decoded as text of its string type.
 */
decoded: boolean, };

export type SanFacts = { 
/**
 * The critical flag.
 */
critical: boolean, 
/**
 * False when the extension could not be decoded (its names are then unknown).
 */
readable: boolean, 
/**
 * True when the names are a list PowerShell cut short (`...`): more exist.
 */
truncated: boolean, 
/**
 * The names, by kind.
 */
names: SubjectAltNames, };

export type SubjectAltNames = { 
/**
 * dNSName entries, as written in the certificate.
 */
dns: Array<string>, 
/**
 * iPAddress entries (IPv4 dotted, IPv6 compressed).
 */
ip: Array<string>, 
/**
 * rfc822Name (e-mail) entries.
 */
email: Array<string>, 
/**
 * uniformResourceIdentifier entries.
 */
uri: Array<string>, 
/**
 * Microsoft user principal names (otherName UPN).
 */
upn: Array<string>, 
/**
 * Every other entry, described.
 */
other: Array<string>, };

export type ValidityFacts = { 
/**
 * Not before, RFC 3339 (UTC).
 */
not_before: string, 
/**
 * Not after, RFC 3339 (UTC).
 */
not_after: string, 
/**
 * Not before, seconds since the Unix epoch.
 */
not_before_unix: number, 
/**
 * Not after, seconds since the Unix epoch.
 */
not_after_unix: number, };

export type KeyPurpose = { 
/**
 * Dotted OID.
 */
oid: string, 
/**
 * Name as Windows shows it, or the OID when unknown.
 */
name: string, };

export type BasicConstraintsFacts = { 
/**
 * Whether the certificate is a CA.
 */
ca: boolean, 
/**
 * The path length constraint, if any.
 */
path_len: number | null, };

export type ExtensionFacts = { 
/**
 * Dotted OID.
 */
oid: string, 
/**
 * Name, when known.
 */
name: string | null, 
/**
 * The critical flag.
 */
critical: boolean, 
/**
 * Whether it was decoded.
 */
status: ExtensionStatus, };

export type PublicKeyFacts = { 
/**
 * The algorithm (`other` when this tool does not name it: see `algorithm_oid`).
 */
algorithm: KeyAlgorithm, 
/**
 * Algorithm OID.
 */
algorithm_oid: string, 
/**
 * Key size in bits, when known.
 */
bits: number | null, 
/**
 * Named curve for elliptic-curve keys.
 */
curve: string | null, };

export type ChainReport = { 
/**
 * The certificates from the leaf up (indices), leaf first.
 */
path: Array<number>, 
/**
 * One link per certificate on the path.
 */
links: Array<ChainLink>, 
/**
 * How the chain ends.
 */
ends: ChainEnd, 
/**
 * The Mozilla root it reaches, if any.
 */
mozilla_root: string | null, 
/**
 * Certificates of the input that are not on the path.
 */
unused: Array<number>, 
/**
 * How many Mozilla roots this build knows.
 */
mozilla_roots_known: number, };

export type ChainLink = { 
/**
 * The certificate (index into the report's certificates).
 */
certificate: number, 
/**
 * Where its issuer is.
 */
issuer: IssuerKind, 
/**
 * The issuer's index, when it is in the input.
 */
issuer_index: number | null, 
/**
 * The issuer's name.
 */
issuer_name: string, 
/**
 * The signature check with the issuer's key (null when the issuer is missing).
 */
signature: SignatureCheck | null, 
/**
 * True when the authority key identifier names the issuer's subject key identifier.
 */
key_id_matches: boolean | null, };

export type IssuerKind = "in_input" | "it_self" | "mozilla_root" | "missing";

export type ChainEnd = "mozilla_root" | "private_root" | "incomplete";

export type SignatureCheck = "valid" | "invalid" | "unsupported" | "not_checked";

export type IntakeItem = { 
/**
 * The input it was in.
 */
source: string, 
/**
 * Where in the input.
 */
location: string, 
/**
 * What it is (`PEM CERTIFICATE block`, `PRIVATE KEY block`, `text`).
 */
what: string, 
/**
 * What it is, for a renderer to branch on.
 */
form: ItemForm, 
/**
 * What became of it.
 */
outcome: Outcome, 
/**
 * The index of the certificate it gave, when it gave one.
 */
certificate?: number, 
/**
 * A plain sentence for the engineer.
 */
message: string, };

export type Outcome = "certificate" | "duplicate" | "skipped" | "error" | "settings";

export type Comparison = { 
/**
 * The old certificate's report.
 */
old: Report, 
/**
 * The new certificate's report.
 */
new: Report, 
/**
 * What differs, most important first (JSON `null`: a side has no certificate).
 */
changes: Array<Change> | null, 
/**
 * What to do before the switch, in order.
 */
advice: Array<Advice>, };

export type Change = Partial<NameDelta> & { 
/**
 * What changed.
 */
field: ChangeField, 
/**
 * How much it matters.
 */
importance: Importance, 
/**
 * The old certificate's value.
 */
old: ChangeValue, 
/**
 * The new certificate's value.
 */
new: ChangeValue, };

export type ChangeField = "verdict_overall" | "verdict_modern_windows" | "verdict_legacy_windows" | "verdict_connectivity_analyzer" | "host_coverage" | "valid_at" | "subject_cn" | "san_dns" | "subject_email" | "san_email" | "eku" | "chain" | "not_after" | "issuer" | "chain_root" | "key" | "signature_algorithm" | "san_ip" | "serial" | "not_before" | "subject_key_id" | "subject_other";

export type Importance = "headline" | "breaks" | "matters" | "cosmetic";

export type ChangeValue = null | Verdict | string | Array<string>;

export type NameDelta = { 
/**
 * In the new certificate only (as the new one spells them).
 */
added: Array<string>, 
/**
 * In the old certificate only (as the old one spells them).
 */
removed: Array<string>, };

export type Advice = { "kind": "read_certificate", 
/**
 * Which side.
 */
side: Side, 
/**
 * True when that side is a .pfx that needs its password.
 */
needs_password: boolean, } | { "kind": "nothing_to_change" } | { "kind": "set_principal", 
/**
 * The principal name (`msstd:…`), from the new report's fix.
 */
principal: string, 
/**
 * The Exchange Management Shell line that sets it, if any.
 */
powershell: string | null, } & ({ "when": "before_switch" } | { "when": "at_switch", 
/**
 * The clients on which the old certificate does worse with the new name.
 */
worse_on_old: Array<Client>, } | { "when": "unknown" }) | { "kind": "reissue", 
/**
 * The certificate to request, from the new report's fix.
 */
request: string, } | { "kind": "review", 
/**
 * The new certificate's overall verdict.
 */
new: Verdict, 
/**
 * The old certificate's overall verdict.
 */
old: Verdict, } | { "kind": "switch_before", 
/**
 * The old certificate's end of validity, RFC 3339.
 */
date: string, } | { "kind": "old_expired", 
/**
 * The old certificate's end of validity, RFC 3339.
 */
date: string, } | { "kind": "gap", 
/**
 * The old certificate's end of validity, RFC 3339.
 */
old_not_after: string, 
/**
 * The new certificate's start of validity, RFC 3339.
 */
new_not_before: string, } | { "kind": "new_not_yet_valid", 
/**
 * The new certificate's start of validity, RFC 3339.
 */
date: string, };

export type Timing = { "when": "before_switch" } | { "when": "at_switch", 
/**
 * The clients on which the old certificate does worse with the new name.
 */
worse_on_old: Array<Client>, } | { "when": "unknown" };

export type Client = "modern_windows" | "legacy_windows" | "connectivity_analyzer";

export type Side = "old" | "new";


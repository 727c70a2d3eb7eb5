//! The rule table: every finding the analyzer can raise, with its stable code,
//! its severity and how sure we are of the rule behind it (its grade).
//!
//! The grades and sources follow `msstd-rules.md` (the domain brief kept beside
//! the project); the report shows the grade of every rule that fired.

use serde::Serialize;

/// How sure we are of a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Grade {
    /// Microsoft documentation (or the governing standard) says so.
    Documented,
    /// Field reports and Microsoft engineers' blogs say so.
    Reported,
    /// Our own reasoning; no source says it.
    Inferred,
    /// Nobody knows; the analyzer warns.
    Unknown,
}

impl Grade {
    /// The grade as the report prints it.
    pub fn as_str(self) -> &'static str {
        match self {
            Grade::Documented => "documented",
            Grade::Reported => "reported",
            Grade::Inferred => "inferred",
            Grade::Unknown => "unknown",
        }
    }
}

/// How much a finding matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// A check that passed (a reason for a `pass`).
    Pass,
    /// Background the engineer should know; changes no verdict.
    Info,
    /// May break some clients, or rests on an unknown rule.
    Warn,
    /// Breaks Outlook Anywhere.
    Fail,
    /// The input could not be read (or part of it).
    Error,
}

impl Severity {
    /// The severity as the report prints it.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Pass => "pass",
            Severity::Info => "info",
            Severity::Warn => "warn",
            Severity::Fail => "fail",
            Severity::Error => "error",
        }
    }
}

/// One rule of the analyzer: the code of the findings it raises, their
/// severity, the grade of the rule and where it comes from.
#[derive(Debug, PartialEq, Eq)]
pub struct Rule {
    /// Stable code, part of the public JSON interface.
    pub code: Code,
    /// Severity of every finding with this code.
    pub severity: Severity,
    /// How sure we are of the rule.
    pub grade: Grade,
    /// Where the rule comes from (a URL, or a short note).
    pub source: &'static str,
}

const RPC_PRINCIPAL: &str = "https://learn.microsoft.com/en-us/windows/win32/rpc/principal-names";
const RPC_HTTP_CREDS: &str = "https://learn.microsoft.com/en-us/windows/win32/api/rpcdce/ns-rpcdce-rpc_http_transport_credentials_a";
const CERT_PRINCIPAL_POX: &str = "https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/certprincipalname-pox";
const SET_OUTLOOK_PROVIDER: &str =
    "https://learn.microsoft.com/en-us/powershell/module/exchange/set-outlookprovider";
const RCA: &str = "Remote Connectivity Analyzer, Outlook Anywhere test (2012 topic)";
const FIELD_REPORTS: &str = "field reports (Exchange support blogs and forums)";
const OUR_REASONING: &str = "msstd-check's own reasoning; no source says it";
const NO_SOURCE: &str = "no source; a lab test with rpcping -B would settle it";
const RFC5280: &str = "RFC 5280 (X.509 certificate profile)";
const MOZILLA: &str = "Mozilla root program (webpki-roots); Windows' own store may differ";
const SHA1_DEPRECATION: &str =
    "https://learn.microsoft.com/en-us/security-updates/securityadvisories/2015/3123479";
const BASELINE: &str = "CA/Browser Forum Baseline Requirements (RSA keys of 2048 bits or more)";
const MAPI_HTTP: &str =
    "https://learn.microsoft.com/en-us/exchange/clients/mapi-over-http/mapi-over-http";
const OUR_LIMITS: &str = "msstd-check's input limits (README, Limits)";
const PKCS12: &str = "RFC 7292 (PKCS #12)";
const RFC7468: &str = "RFC 7468 (textual encodings of PKIX structures)";

macro_rules! rules {
    ($($(#[$doc:meta])* $name:ident = ($sev:ident, $grade:ident, $source:expr);)*) => {
        /// The code of every finding, one per rule of the table: stable, part
        /// of the public JSON interface (serialized as its name).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
        #[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
        #[allow(non_camel_case_types)]
        pub enum Code {
            $($(#[$doc])* $name,)*
        }

        impl Code {
            /// The code as the report prints it (`MODERN_NO_MATCH`).
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Code::$name => stringify!($name),)*
                }
            }

            /// The rule behind the code.
            pub const fn rule(self) -> &'static Rule {
                match self {
                    $(Code::$name => &$name,)*
                }
            }
        }

        $(
            $(#[$doc])*
            pub const $name: Rule = Rule {
                code: Code::$name,
                severity: Severity::$sev,
                grade: Grade::$grade,
                source: $source,
            };
        )*
        /// Every rule, in the order of this table.
        pub const ALL: &[&Rule] = &[$(&$name),*];
    };
}

rules! {
    // --- intake ---------------------------------------------------------
    /// Nothing in the input was a readable certificate.
    INTAKE_NO_CERTIFICATE = (Error, Documented, RFC5280);
    /// The input was empty.
    INTAKE_EMPTY = (Error, Documented, RFC7468);
    /// A PEM block or DER blob could not be decoded.
    INTAKE_UNREADABLE = (Error, Documented, RFC7468);
    /// Bytes that look like a certificate but do not parse as X.509.
    INTAKE_BAD_CERTIFICATE = (Error, Documented, RFC5280);
    /// A private key was part of the input; it is ignored and never shown.
    INTAKE_PRIVATE_KEY = (Warn, Documented, RFC7468);
    /// A certificate request (CSR) was given; it is not the issued certificate.
    INTAKE_CSR = (Warn, Documented, RFC7468);
    /// A PEM block of another kind was skipped.
    INTAKE_SKIPPED_BLOCK = (Info, Documented, RFC7468);
    /// Text around the certificates was ignored.
    INTAKE_IGNORED_TEXT = (Info, Documented, RFC7468);
    /// A PEM block had no END line; it was read up to the last base64 line.
    INTAKE_PEM_NO_END = (Warn, Documented, RFC7468);
    /// A PKCS#7 / CMS bundle or a PKCS#12 file was opened.
    INTAKE_CONTAINER = (Info, Documented, RFC7468);
    /// A PKCS#12 file needs a password.
    INTAKE_PFX_PASSWORD_NEEDED = (Error, Documented, PKCS12);
    /// The password does not open the PKCS#12 file.
    INTAKE_PFX_WRONG_PASSWORD = (Error, Documented, PKCS12);
    /// This build does not read PKCS#12 files (the page then loads its full engine).
    INTAKE_PFX_UNSUPPORTED = (Error, Documented, PKCS12);
    /// This build does not read Autodiscover XML (the page then loads its full engine).
    SETTINGS_UNSUPPORTED = (Info, Documented, CERT_PRINCIPAL_POX);
    /// Text was decoded before reading (quoted-printable, JSON escapes, hex).
    INTAKE_DECODED = (Info, Documented, RFC7468);
    /// An input larger than the limit was not read.
    INTAKE_TOO_LARGE = (Error, Documented, OUR_LIMITS);
    /// More certificates than the limit: the rest were not read.
    INTAKE_TOO_MANY_CERTIFICATES = (Warn, Documented, OUR_LIMITS);
    /// More SAN entries than the limit: the rest were not read.
    CERT_TOO_MANY_SANS = (Warn, Documented, OUR_LIMITS);
    /// The same certificate appeared more than once.
    INTAKE_DUPLICATE = (Info, Documented, RFC5280);
    /// Bytes after the end of a DER certificate were ignored.
    INTAKE_TRAILING_DATA = (Info, Documented, RFC5280);
    /// How the leaf (the server certificate) was chosen.
    INTAKE_LEAF_CHOSEN = (Info, Inferred, OUR_REASONING);
    /// More than one certificate could be the leaf.
    INTAKE_SEVERAL_LEAVES = (Warn, Inferred, OUR_REASONING);
    /// Only CA certificates were given: the server certificate is missing.
    CERT_CA_AS_LEAF = (Error, Documented, RFC5280);

    // --- certificate content ----------------------------------------------
    /// An extension could not be decoded; the rest of the report stands.
    CERT_EXTENSION_MALFORMED = (Warn, Documented, RFC5280);
    /// A critical extension the analyzer does not know.
    CERT_UNKNOWN_CRITICAL_EXTENSION = (Warn, Documented, RFC5280);
    /// An extension appears twice.
    CERT_DUPLICATE_EXTENSION = (Warn, Documented, RFC5280);
    /// A subject attribute in a string type that could not be decoded.
    CERT_UNDECODABLE_ATTRIBUTE = (Warn, Documented, RFC5280);

    // --- Exchange settings (Autodiscover, Get-OutlookProvider) ---------------
    /// The principal name or host came from Exchange settings in the input.
    SETTINGS_USED = (Info, Documented, CERT_PRINCIPAL_POX);
    /// SSL on and no CertPrincipalName: the client uses msstd:<Server>.
    SETTINGS_PRINCIPAL_DERIVED = (Info, Documented, CERT_PRINCIPAL_POX);
    /// A value given explicitly overrides the one in the settings.
    SETTINGS_OVERRIDDEN = (Info, Documented, CERT_PRINCIPAL_POX);
    /// The principal name was taken from text that names it (an e-mail, a note).
    SETTINGS_FROM_TEXT = (Info, Inferred, OUR_REASONING);
    /// The Autodiscover response offers MAPI over HTTP: no principal check there.
    MAPI_OVER_HTTP = (Info, Documented, MAPI_HTTP);
    /// Exchange Online: RPC over HTTP ended on 2017-10-31.
    EXCHANGE_ONLINE = (Info, Documented, MAPI_HTTP);

    // --- the principal name string -------------------------------------------
    /// No principal name (empty or `None`): Outlook makes no principal check.
    PRINCIPAL_NOT_SET = (Info, Documented, CERT_PRINCIPAL_POX);
    /// The string has no `msstd:` prefix: Windows rejects a malformed principal name.
    PRINCIPAL_PREFIX_MISSING = (Fail, Documented, RPC_PRINCIPAL);
    /// A URL was given instead of a principal name.
    PRINCIPAL_WAS_URL = (Fail, Documented, RPC_PRINCIPAL);
    /// The prefix is not written `msstd:` in lower case.
    PRINCIPAL_PREFIX_CASE = (Warn, Unknown, NO_SOURCE);
    /// Spaces around the value.
    PRINCIPAL_WHITESPACE = (Warn, Unknown, NO_SOURCE);
    /// The name ends with a dot.
    PRINCIPAL_TRAILING_DOT = (Warn, Unknown, NO_SOURCE);
    /// The value was wrapped in quotes.
    PRINCIPAL_QUOTED = (Warn, Unknown, NO_SOURCE);
    /// `msstd:` with nothing after it.
    PRINCIPAL_EMPTY_NAME = (Fail, Documented, RPC_PRINCIPAL);
    /// A `*` in the configured name is not a pattern: it matches only a literal `*`.
    PRINCIPAL_WILDCARD_LITERAL = (Info, Documented, SET_OUTLOOK_PROVIDER);
    /// A single backslash in the name: Windows doubles backslashes in certificate names.
    PRINCIPAL_BACKSLASH = (Warn, Documented, RPC_PRINCIPAL);
    /// The value was pasted with its label (`CertPrincipalName : …`, an XML element): the label was taken off.
    PRINCIPAL_UNWRAPPED = (Info, Documented, CERT_PRINCIPAL_POX);
    /// A `fullsic:` principal: parsed and shown, not evaluated.
    PRINCIPAL_FULLSIC = (Warn, Documented, RPC_PRINCIPAL);

    // --- Windows Vista SP1 and later -----------------------------------------
    /// The name equals a subject CN.
    MODERN_MATCH_CN = (Pass, Documented, RPC_HTTP_CREDS);
    /// The name equals a SAN dNSName.
    MODERN_MATCH_SAN_DNS = (Pass, Documented, RPC_HTTP_CREDS);
    /// The name is covered by a wildcard CN or SAN, one label deep.
    MODERN_MATCH_WILDCARD = (Pass, Reported, FIELD_REPORTS);
    /// The name matched only when case is ignored.
    NAME_CASE_DIFFERS = (Info, Inferred, OUR_REASONING);
    /// No CN and no SAN dNSName equals the name.
    MODERN_NO_MATCH = (Fail, Documented, RPC_HTTP_CREDS);

    // --- Windows XP, Server 2003, Vista RTM -----------------------------------
    /// The name Windows derives (the CN) equals the name.
    LEGACY_MATCH_CN = (Pass, Documented, RPC_PRINCIPAL);
    /// The principal name equals the subject e-mail address legacy Windows derives.
    LEGACY_MATCH_EMAIL = (Pass, Inferred, RPC_PRINCIPAL);
    /// The subject holds an e-mail address, so legacy Windows derives that instead of the CN.
    LEGACY_EMAIL_NAME = (Fail, Inferred, RPC_PRINCIPAL);
    /// The name is only in the SAN, which legacy Windows does not read.
    LEGACY_SAN_IGNORED = (Fail, Documented, RPC_HTTP_CREDS);
    /// The name is only covered by a wildcard, which legacy Windows does not expand.
    LEGACY_WILDCARD_NOT_EXPANDED = (Fail, Documented, RPC_HTTP_CREDS);
    /// The derived name differs from the principal name.
    LEGACY_NO_MATCH = (Fail, Documented, RPC_PRINCIPAL);
    /// Several CN attributes: which one legacy Windows uses is unknown.
    LEGACY_SEVERAL_CNS = (Warn, Unknown, NO_SOURCE);
    /// An rfc822Name SAN: whether legacy Windows derives the e-mail name from it is unknown.
    LEGACY_SAN_EMAIL = (Warn, Unknown, NO_SOURCE);
    /// The certificate has no CN for legacy Windows to derive a name from.
    LEGACY_NO_CN = (Fail, Documented, RPC_PRINCIPAL);

    // --- Remote Connectivity Analyzer ---------------------------------------
    /// A CN equals the name.
    RCA_MATCH_CN = (Pass, Documented, RCA);
    /// Only a SAN equals the name: the analyzer warns.
    RCA_MATCH_SAN_ONLY = (Warn, Documented, RCA);
    /// Only a wildcard covers the name; the analyzer does not expand wildcards.
    RCA_WILDCARD_NOT_EXPANDED = (Fail, Reported, FIELD_REPORTS);
    /// Nothing equals the name: "Mutual Authentication could not be established".
    RCA_NO_MATCH = (Fail, Documented, RCA);

    // --- TLS-level checks -----------------------------------------------------
    /// The RPC proxy host name is covered by the certificate.
    HOST_COVERED = (Pass, Documented, RFC5280);
    /// The RPC proxy host name is not covered: TLS fails before any principal check.
    HOST_NOT_COVERED = (Fail, Documented, RFC5280);
    /// No host name was given; host coverage was not checked.
    HOST_NOT_GIVEN = (Info, Documented, RFC5280);
    /// The certificate is valid at the evaluation time.
    VALIDITY_OK = (Pass, Documented, RFC5280);
    /// The certificate had expired at the evaluation time.
    VALIDITY_EXPIRED = (Fail, Documented, RFC5280);
    /// The certificate was not yet valid at the evaluation time.
    VALIDITY_NOT_YET = (Fail, Documented, RFC5280);
    /// The certificate expires within 30 days of the evaluation time.
    VALIDITY_EXPIRES_SOON = (Warn, Inferred, OUR_REASONING);
    /// The EKU extension lacks serverAuth.
    EKU_NO_SERVER_AUTH = (Fail, Inferred, OUR_REASONING);
    /// The EKU extension allows server authentication.
    EKU_SERVER_AUTH = (Pass, Inferred, OUR_REASONING);
    /// The chain reaches a root of the Mozilla root program.
    CHAIN_MOZILLA_ROOT = (Pass, Documented, MOZILLA);
    /// The chain ends in a self-signed root that is not a Mozilla root.
    CHAIN_PRIVATE_ROOT = (Warn, Documented, "symptom documented by Microsoft; trust store not visible offline");
    /// The bundle holds certificates but the chain stops before a root: an intermediate is missing.
    CHAIN_MISSING_INTERMEDIATE = (Warn, Documented, RFC5280);
    /// A signature in the chain does not verify with its issuer's key.
    CHAIN_BAD_SIGNATURE = (Fail, Documented, RFC5280);
    /// A certificate named as issuer has another key than the one that signed.
    CHAIN_KEY_MISMATCH = (Warn, Documented, RFC5280);
    /// A certificate in the input is not on the leaf's chain.
    CHAIN_EXTRA_CERTIFICATE = (Info, Documented, RFC5280);
    /// The root is included; servers need not send it.
    CHAIN_ROOT_INCLUDED = (Info, Documented, RFC5280);
    /// A signature this tool does not check.
    CHAIN_SIGNATURE_UNCHECKED = (Info, Documented, RFC5280);
    /// SHA-1 or MD5 signature on the leaf or an intermediate.
    CHAIN_WEAK_HASH = (Warn, Documented, SHA1_DEPRECATION);
    /// An RSA key under 2048 bits on the leaf or an intermediate.
    CHAIN_WEAK_KEY = (Warn, Documented, BASELINE);
    /// The leaf is self-signed: clients trust it only if it is in their store.
    CHAIN_SELF_SIGNED = (Warn, Documented, "symptom documented by Microsoft; trust store not visible offline");
    /// The issuer certificate was not part of the input.
    CHAIN_ISSUER_NOT_GIVEN = (Info, Documented, RFC5280);
    /// Revocation is not checked offline.
    REVOCATION_NOT_CHECKED = (Info, Unknown, NO_SOURCE);
}

/// Look a rule up by its code.
pub fn by_code(code: &str) -> Option<&'static Rule> {
    ALL.iter().copied().find(|rule| rule.code.as_str() == code)
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique() {
        let mut codes: Vec<&str> = ALL.iter().map(|r| r.code.as_str()).collect();
        codes.sort_unstable();
        let before = codes.len();
        codes.dedup();
        assert_eq!(before, codes.len());
    }

    #[test]
    fn each_code_names_its_rule() {
        for rule in ALL {
            assert_eq!(rule.code.rule(), *rule);
            assert_eq!(by_code(rule.code.as_str()), Some(*rule));
        }
    }

    #[test]
    fn by_code_finds_each_rule() {
        assert_eq!(by_code("MODERN_NO_MATCH"), Some(&MODERN_NO_MATCH));
        assert_eq!(by_code("NOPE"), None);
    }
}

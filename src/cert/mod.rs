//! Certificate facts: everything a support engineer reads off a certificate,
//! decoded once into plain data. Unknown or malformed content becomes a finding;
//! the rest of the facts stand.

mod key;
mod name;
pub mod oids;
mod san;
pub mod summary;

use serde::Serialize;
use sha1::{Digest, Sha1};
use sha2::Sha256;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;
use x509_parser::certificate::X509Certificate;
use x509_parser::extensions::{DistributionPointName, GeneralName, ParsedExtension};
use x509_parser::prelude::FromDer;

pub use key::{KeyAlgorithm, PublicKeyFacts};
pub use name::{DistinguishedName, NameAttribute};
pub use san::SubjectAltNames;

pub(crate) use name::hex_upper;

/// A name as Windows shows it (`CN=…, O=…, C=…`).
pub(crate) fn read_name_display(name: &x509_parser::x509::X509Name<'_>) -> String {
    name::read_name(name).display
}

use crate::findings::{Finding, Topic};
use crate::intake::Origin;
use crate::rules;
use crate::signature::SignatureKind;
use oids::IdString as _;

/// An extended key usage: OID and name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct KeyPurpose {
    /// Dotted OID.
    pub oid: String,
    /// Name as Windows shows it, or the OID when unknown.
    pub name: String,
}

/// The basic constraints extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct BasicConstraintsFacts {
    /// Whether the certificate is a CA.
    pub ca: bool,
    /// The path length constraint, if any.
    pub path_len: Option<u32>,
}

/// One extension, as listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct ExtensionFacts {
    /// Dotted OID.
    pub oid: String,
    /// Name, when known.
    pub name: Option<String>,
    /// The critical flag.
    pub critical: bool,
    /// Whether it was decoded.
    pub status: ExtensionStatus,
}

/// Whether an extension was decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ExtensionStatus {
    /// Decoded.
    Ok,
    /// Not decoded by this tool.
    Unknown,
    /// Could not be decoded.
    Malformed,
}

/// The subject alternative name extension, when present.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct SanFacts {
    /// The critical flag.
    pub critical: bool,
    /// False when the extension could not be decoded (its names are then unknown).
    pub readable: bool,
    /// True when the names are a list PowerShell cut short (`...`): more exist.
    pub truncated: bool,
    /// The names, by kind.
    pub names: SubjectAltNames,
}

/// The validity period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct ValidityFacts {
    /// Not before, RFC 3339 (UTC).
    pub not_before: String,
    /// Not after, RFC 3339 (UTC).
    pub not_after: String,
    /// Not before, seconds since the Unix epoch.
    pub not_before_unix: i64,
    /// Not after, seconds since the Unix epoch.
    pub not_after_unix: i64,
}

/// Everything read from one certificate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct CertificateFacts {
    /// Position in the report's list of certificates (0-based).
    pub index: usize,
    /// Where it came from.
    pub origin: Origin,
    /// X.509 version (1, 2 or 3).
    pub version: u32,
    /// The subject.
    pub subject: DistinguishedName,
    /// The issuer.
    pub issuer: DistinguishedName,
    /// Every subject CN, in encoding order.
    pub common_names: Vec<String>,
    /// Every subject e-mail attribute (`E=`), in encoding order.
    pub subject_emails: Vec<String>,
    /// The subject alternative names, if the extension is present.
    pub subject_alt_names: Option<SanFacts>,
    /// Serial number, upper-case hex as Windows shows it.
    pub serial: String,
    /// Validity period.
    pub validity: ValidityFacts,
    /// Key usage names, if the extension is present.
    pub key_usage: Option<Vec<String>>,
    /// Extended key usages, if the extension is present.
    pub extended_key_usage: Option<Vec<KeyPurpose>>,
    /// Basic constraints, if the extension is present.
    pub basic_constraints: Option<BasicConstraintsFacts>,
    /// The public key.
    pub public_key: PublicKeyFacts,
    /// Signature algorithm: name as Windows shows it, or the OID.
    pub signature_algorithm: String,
    /// Signature algorithm OID.
    pub signature_algorithm_oid: String,
    /// SHA-1 thumbprint as Windows shows it (upper-case hex, no separators).
    pub thumbprint_sha1: String,
    /// SHA-256 fingerprint, upper-case hex, no separators.
    pub fingerprint_sha256: String,
    /// Subject key identifier, hex.
    pub subject_key_id: Option<String>,
    /// Authority key identifier (key id), hex.
    pub authority_key_id: Option<String>,
    /// AIA "CA Issuers" addresses (never fetched).
    pub ca_issuers: Vec<String>,
    /// AIA OCSP addresses (never contacted).
    pub ocsp: Vec<String>,
    /// CRL distribution point addresses (never fetched).
    pub crl_distribution_points: Vec<String>,
    /// Every extension, in order.
    pub extensions: Vec<ExtensionFacts>,
    /// True when subject and issuer are the same name.
    pub self_issued: bool,
    /// Size of the DER encoding.
    pub der_length: usize,
    /// The subject's DER, to link certificates by name.
    #[serde(skip)]
    pub subject_der: Vec<u8>,
    /// The issuer's DER, to link certificates by name.
    #[serde(skip)]
    pub issuer_der: Vec<u8>,
    /// How the certificate is signed, for the chain checks.
    #[serde(skip)]
    pub signature_kind: SignatureKind,
    /// The signed part (TBSCertificate), DER.
    #[serde(skip)]
    pub tbs_der: Vec<u8>,
    /// The signature bits.
    #[serde(skip)]
    pub signature_value: Vec<u8>,
    /// The subjectPublicKey bits (PKCS#1 RSAPublicKey, EC point, Ed25519 key).
    #[serde(skip)]
    pub public_key_bits: Vec<u8>,
    /// The whole SubjectPublicKeyInfo, DER.
    #[serde(skip)]
    pub spki_der: Vec<u8>,
}

impl CertificateFacts {
    /// The issuer key of this certificate, for checking what it signed.
    pub(crate) fn as_issuer_key(&self) -> crate::signature::IssuerKey<'_> {
        crate::signature::IssuerKey {
            algorithm_oid: &self.public_key.algorithm_oid,
            curve: self.public_key.curve.as_deref(),
            key: &self.public_key_bits,
        }
    }

    /// True when basic constraints say this is a CA.
    pub fn is_ca(&self) -> bool {
        self.basic_constraints.is_some_and(|bc| bc.ca)
    }

    /// The SAN dNSNames (empty when there is no SAN extension).
    pub fn dns_names(&self) -> &[String] {
        self.subject_alt_names
            .as_ref()
            .map_or(&[], |san| san.names.dns.as_slice())
    }

    /// A short label for messages: the first CN, or the subject, or `certificate #N`.
    pub fn label(&self) -> String {
        if let Some(cn) = self.common_names.first() {
            format!("certificate #{} (CN={cn})", self.index + 1)
        } else if !self.subject.display.is_empty() {
            format!("certificate #{} ({})", self.index + 1, self.subject.display)
        } else {
            format!("certificate #{}", self.index + 1)
        }
    }
}

/// Why a certificate could not be read at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UnreadableCertificate {
    /// The DER data ends too early.
    Truncated,
    /// The DER structure is not an X.509 certificate (x509-parser's reason).
    NotX509(String),
}

impl std::fmt::Display for UnreadableCertificate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            UnreadableCertificate::Truncated => {
                f.write_str("the DER data ends too early (truncated)")
            }
            UnreadableCertificate::NotX509(why) => {
                write!(
                    f,
                    "the DER structure is not a valid X.509 certificate ({why})"
                )
            }
        }
    }
}

/// Format a Unix time as RFC 3339 UTC, or the raw seconds when out of range.
pub(crate) fn rfc3339(unix: i64) -> String {
    OffsetDateTime::from_unix_timestamp(unix)
        .ok()
        .and_then(|t| t.format(&Rfc3339).ok())
        .unwrap_or_else(|| format!("{unix} seconds since 1970"))
}

fn general_name_uri(name: &GeneralName<'_>) -> Option<String> {
    match name {
        GeneralName::URI(uri) => Some((*uri).to_string()),
        _ => None,
    }
}

/// Read the facts of one DER certificate. Findings about its content are
/// appended to `findings`, tied to `index`.
pub fn read_certificate(
    index: usize,
    der: &[u8],
    origin: &Origin,
    findings: &mut Vec<Finding>,
) -> Result<CertificateFacts, UnreadableCertificate> {
    let (_, cert) = X509Certificate::from_der(der).map_err(|e| unreadable(&e))?;
    let tbs = &cert.tbs_certificate;
    let subject = name::read_name(tbs.subject());
    let issuer = name::read_name(tbs.issuer());
    for attribute in subject.attributes.iter().filter(|a| !a.decoded) {
        findings.push(
            Finding::new(
                &rules::CERT_UNDECODABLE_ATTRIBUTE,
                Topic::Certificate,
                format!(
                    "certificate #{}: the subject {} attribute is not valid {} text; it is shown as hex ({}).",
                    index + 1,
                    attribute.kind,
                    attribute.string_type,
                    attribute.value
                ),
            )
            .about(index),
        );
    }

    let mut facts = CertificateFacts {
        index,
        origin: origin.clone(),
        version: tbs.version().0 + 1,
        common_names: subject.values(oids::COMMON_NAME),
        subject_emails: subject.values(oids::EMAIL_ADDRESS),
        subject_der: tbs.subject().as_raw().to_vec(),
        issuer_der: tbs.issuer().as_raw().to_vec(),
        self_issued: tbs.subject().as_raw() == tbs.issuer().as_raw(),
        subject,
        issuer,
        subject_alt_names: None,
        serial: hex_upper(tbs.raw_serial()),
        validity: ValidityFacts {
            not_before: rfc3339(tbs.validity().not_before.timestamp()),
            not_after: rfc3339(tbs.validity().not_after.timestamp()),
            not_before_unix: tbs.validity().not_before.timestamp(),
            not_after_unix: tbs.validity().not_after.timestamp(),
        },
        key_usage: None,
        extended_key_usage: None,
        basic_constraints: None,
        public_key: key::read_public_key(tbs.public_key()),
        signature_algorithm_oid: cert.signature_algorithm.algorithm.id_string(),
        signature_algorithm: String::new(),
        thumbprint_sha1: hex_upper(&Sha1::digest(der)),
        fingerprint_sha256: hex_upper(&Sha256::digest(der)),
        subject_key_id: None,
        authority_key_id: None,
        ca_issuers: Vec::new(),
        ocsp: Vec::new(),
        crl_distribution_points: Vec::new(),
        extensions: Vec::new(),
        der_length: der.len(),
        signature_kind: crate::signature::kind_of(&cert.signature_algorithm),
        tbs_der: tbs.as_ref().to_vec(),
        signature_value: cert.signature_value.data.to_vec(),
        public_key_bits: tbs.public_key().subject_public_key.data.to_vec(),
        spki_der: tbs.public_key().raw.to_vec(),
    };
    facts.signature_algorithm = oids::signature_name(&facts.signature_algorithm_oid)
        .map_or_else(|| facts.signature_algorithm_oid.clone(), str::to_string);

    read_extensions(&mut facts, tbs.extensions(), findings);
    Ok(facts)
}

/// A finding about certificate `index`.
fn about(index: usize, rule: &'static rules::Rule, message: String) -> Finding {
    Finding::new(rule, Topic::Certificate, message).about(index)
}

/// Read every extension into `facts`, in order; the first of a repeated one counts.
fn read_extensions(
    facts: &mut CertificateFacts,
    extensions: &[x509_parser::extensions::X509Extension<'_>],
    findings: &mut Vec<Finding>,
) {
    let index = facts.index;
    let mut seen: Vec<String> = Vec::new();
    for extension in extensions {
        let oid = extension.oid.id_string();
        let name = oids::extension_name(&oid).map(str::to_string);
        let shown = name.clone().unwrap_or_else(|| oid.clone());
        let first = !seen.contains(&oid);
        if !first {
            findings.push(about(index, &rules::CERT_DUPLICATE_EXTENSION, format!(
                "certificate #{}: the {shown} extension appears more than once; Windows may reject the certificate. The first one is used here.",
                index + 1
            )));
        }
        seen.push(oid.clone());
        let status = match extension.parsed_extension() {
            ParsedExtension::ParseError { error } => {
                if oid == oids::SUBJECT_ALT_NAME && first {
                    facts.subject_alt_names = Some(SanFacts {
                        critical: extension.critical,
                        readable: false,
                        truncated: false,
                        names: SubjectAltNames::default(),
                    });
                }
                findings.push(malformed_extension(index, &shown, &error));
                ExtensionStatus::Malformed
            }
            ParsedExtension::UnsupportedExtension { .. } | ParsedExtension::Unparsed => {
                unknown_extension(index, &oid, &shown, extension.critical, findings);
                ExtensionStatus::Unknown
            }
            parsed if first => read_extension(facts, parsed, extension.critical, &shown, findings),
            _ => ExtensionStatus::Ok,
        };
        facts.extensions.push(ExtensionFacts {
            oid,
            name,
            critical: extension.critical,
            status,
        });
    }
}

/// An extension this tool does not decode: a finding when it is critical.
fn unknown_extension(
    index: usize,
    oid: &str,
    shown: &str,
    critical: bool,
    findings: &mut Vec<Finding>,
) {
    let message = if oid == oids::CT_POISON {
        format!("certificate #{} is a Certificate Transparency precertificate (critical poison extension), not the certificate the CA issued; no client accepts it. Ask for the issued certificate.", index + 1)
    } else if critical {
        format!("certificate #{}: the extension {shown} is marked critical and this tool does not decode it; a client that does not know it must reject the certificate.", index + 1)
    } else {
        return;
    };
    findings.push(about(
        index,
        &rules::CERT_UNKNOWN_CRITICAL_EXTENSION,
        message,
    ));
}

/// The finding for an extension that could not be decoded.
fn malformed_extension(index: usize, shown: &str, error: &dyn std::fmt::Display) -> Finding {
    about(index, &rules::CERT_EXTENSION_MALFORMED, format!(
        "certificate #{}: the {shown} extension could not be decoded ({error}); its content is not used, the rest of the report stands.",
        index + 1
    ))
}

/// One decoded extension into `facts`; a SAN that decodes wrongly is malformed.
fn read_extension(
    facts: &mut CertificateFacts,
    parsed: &ParsedExtension<'_>,
    critical: bool,
    shown: &str,
    findings: &mut Vec<Finding>,
) -> ExtensionStatus {
    match parsed {
        ParsedExtension::SubjectAlternativeName(san) => {
            let san = read_san(facts.index, san, critical, shown, findings);
            let status = if san.readable {
                ExtensionStatus::Ok
            } else {
                ExtensionStatus::Malformed
            };
            facts.subject_alt_names = Some(san);
            return status;
        }
        ParsedExtension::KeyUsage(usage) => facts.key_usage = Some(key::key_usage_names(usage)),
        ParsedExtension::ExtendedKeyUsage(eku) => {
            facts.extended_key_usage = Some(key::eku_list(eku));
        }
        ParsedExtension::BasicConstraints(bc) => {
            facts.basic_constraints = Some(BasicConstraintsFacts {
                ca: bc.ca,
                path_len: bc.path_len_constraint,
            });
        }
        ParsedExtension::SubjectKeyIdentifier(id) => facts.subject_key_id = Some(hex_upper(id.0)),
        ParsedExtension::AuthorityKeyIdentifier(aki) => {
            facts.authority_key_id = aki.key_identifier.as_ref().map(|id| hex_upper(id.0));
        }
        ParsedExtension::AuthorityInfoAccess(aia) => read_aia(facts, aia),
        ParsedExtension::CRLDistributionPoints(points) => {
            for point in points.iter() {
                if let Some(DistributionPointName::FullName(names)) = &point.distribution_point {
                    facts
                        .crl_distribution_points
                        .extend(names.iter().filter_map(general_name_uri));
                }
            }
        }
        _ => {}
    }
    ExtensionStatus::Ok
}

/// The subject alternative names, the first [`crate::limits::MAX_SANS`] of them.
fn read_san(
    index: usize,
    san: &x509_parser::extensions::SubjectAlternativeName<'_>,
    critical: bool,
    shown: &str,
    findings: &mut Vec<Finding>,
) -> SanFacts {
    if san.general_names.len() > crate::limits::MAX_SANS {
        findings.push(about(
            index,
            &rules::CERT_TOO_MANY_SANS,
            format!(
                "certificate #{} has {} subject alternative names; only the first {} were read.",
                index + 1,
                san.general_names.len(),
                crate::limits::MAX_SANS
            ),
        ));
    }
    let names = san::read_general_names(&san.general_names);
    if let Err(error) = &names {
        findings.push(malformed_extension(index, shown, error));
    }
    SanFacts {
        critical,
        readable: names.is_ok(),
        truncated: false,
        names: names.unwrap_or_default(),
    }
}

/// The AIA addresses: CA Issuers and OCSP.
fn read_aia(facts: &mut CertificateFacts, aia: &x509_parser::extensions::AuthorityInfoAccess<'_>) {
    for access in aia.iter() {
        let Some(uri) = general_name_uri(&access.access_location) else {
            continue;
        };
        match access.access_method.id_string().as_str() {
            "1.3.6.1.5.5.7.48.2" => facts.ca_issuers.push(uri),
            "1.3.6.1.5.5.7.48.1" => facts.ocsp.push(uri),
            _ => {}
        }
    }
}

/// Why x509-parser refused a certificate.
fn unreadable<E: std::fmt::Display>(error: &x509_parser::nom::Err<E>) -> UnreadableCertificate {
    match error {
        x509_parser::nom::Err::Incomplete(_) => UnreadableCertificate::Truncated,
        x509_parser::nom::Err::Error(e) | x509_parser::nom::Err::Failure(e) => {
            UnreadableCertificate::NotX509(e.to_string())
        }
    }
}

//! A certificate as `Get-ExchangeCertificate` summarised it, in the same
//! currency as a certificate read from a file: `Subject` gives the CN (and an
//! `E=` e-mail name), `CertificateDomains` the DNS names (CN and SAN together,
//! perhaps cut short by PowerShell), `NotBefore`/`NotAfter` the dates. What the
//! summary does not show (EKU, key identifiers, the signature) stays empty, and
//! [`CertificateFacts::is_summary`] says so.

use crate::exchange::{ExchangeCertificate, PsDate};
use crate::intake::{InputForm, Origin};
use crate::signature::SignatureKind;

use super::{
    oids, CertificateFacts, DistinguishedName, NameAttribute, PublicKeyFacts, SanFacts,
    SubjectAltNames, ValidityFacts,
};
use super::{rfc3339, KeyAlgorithm};

/// A distinguished name as PowerShell prints it (`CN=mail.contoso.com, O=Contoso, C=US`):
/// comma-separated `TYPE=value` pairs, most specific first.
pub fn parse_dn(text: &str) -> DistinguishedName {
    let attributes = text
        .split(", ")
        .filter_map(|part| {
            let (kind, value) = part.split_once('=')?;
            let kind = kind.trim().to_ascii_uppercase();
            let oid = oids::attribute_oid(&kind).map_or_else(|| kind.clone(), str::to_string);
            Some(NameAttribute {
                kind,
                oid,
                value: value.trim().trim_matches('"').to_string(),
                string_type: "text".into(),
                decoded: true,
            })
        })
        .collect();
    DistinguishedName {
        display: text.trim().to_string(),
        attributes,
    }
}

/// The Unix time that stands for a date the summary does not show (or that
/// cannot be read): the validity check then says "not shown".
pub const DATE_NOT_SHOWN: i64 = i64::MIN / 2;

/// The earliest reading of a date (ambiguous dates have two).
fn earliest(date: Option<&PsDate>) -> Option<i64> {
    date.and_then(PsDate::unix_range).map(|(low, _)| low)
}

/// The latest reading of a date.
fn latest(date: Option<&PsDate>) -> Option<i64> {
    date.and_then(PsDate::unix_range).map(|(_, high)| high)
}

/// The summary as certificate facts, numbered `index`. Ambiguous dates are read
/// the strict way (the latest start, the earliest end); the report says so.
pub fn from_exchange(index: usize, cert: &ExchangeCertificate, source: &str) -> CertificateFacts {
    let subject = parse_dn(cert.subject.as_deref().unwrap_or_default());
    let issuer = parse_dn(cert.issuer.as_deref().unwrap_or_default());
    let domains = cert.certificate_domains.as_ref();
    let not_before = latest(cert.not_before.as_ref()).unwrap_or(DATE_NOT_SHOWN);
    let not_after = earliest(cert.not_after.as_ref()).unwrap_or(DATE_NOT_SHOWN);
    let thumbprint = cert
        .thumbprint
        .as_ref()
        .map(|t| t.as_str().to_string())
        .unwrap_or_default();
    CertificateFacts {
        index,
        origin: Origin {
            source: source.to_string(),
            form: InputForm::ExchangeSummary,
            location: format!("line {}", cert.line),
        },
        version: 3,
        common_names: subject.values(oids::COMMON_NAME),
        subject_emails: subject.values(oids::EMAIL_ADDRESS),
        subject_alt_names: domains.map(|list| SanFacts {
            critical: false,
            readable: true,
            truncated: list.truncated,
            names: SubjectAltNames {
                dns: list.names.clone(),
                ..SubjectAltNames::default()
            },
        }),
        self_issued: cert.is_self_signed == Some(true),
        subject,
        issuer,
        serial: cert.serial_number.clone().unwrap_or_default(),
        validity: ValidityFacts {
            not_before: rfc3339(not_before),
            not_after: rfc3339(not_after),
            not_before_unix: not_before,
            not_after_unix: not_after,
        },
        key_usage: None,
        extended_key_usage: None,
        basic_constraints: None,
        public_key: PublicKeyFacts {
            algorithm: KeyAlgorithm::Other,
            algorithm_oid: String::new(),
            bits: cert.public_key_size,
            curve: None,
        },
        signature_algorithm: String::new(),
        signature_algorithm_oid: String::new(),
        thumbprint_sha1: thumbprint,
        fingerprint_sha256: String::new(),
        subject_key_id: None,
        authority_key_id: None,
        ca_issuers: Vec::new(),
        ocsp: Vec::new(),
        crl_distribution_points: Vec::new(),
        extensions: Vec::new(),
        der_length: 0,
        subject_der: Vec::new(),
        issuer_der: Vec::new(),
        signature_kind: SignatureKind::Unsupported("not shown by Get-ExchangeCertificate".into()),
        tbs_der: Vec::new(),
        signature_value: Vec::new(),
        public_key_bits: Vec::new(),
        spki_der: Vec::new(),
    }
}

impl CertificateFacts {
    /// True when these facts are a cmdlet's summary, not a certificate read from a file.
    pub fn is_summary(&self) -> bool {
        self.origin.form == InputForm::ExchangeSummary
    }

    /// True when a cmdlet's summary showed no readable dates.
    pub fn dates_not_shown(&self) -> bool {
        self.validity.not_after_unix == DATE_NOT_SHOWN
            || self.validity.not_before_unix == DATE_NOT_SHOWN
    }

    /// True when the SAN names are a list PowerShell cut short.
    pub fn names_truncated(&self) -> bool {
        self.subject_alt_names.as_ref().is_some_and(|s| s.truncated)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_powershell_subject_gives_its_cn_and_email() {
        let dn = parse_dn("CN=mail.contoso.com, E=admin@contoso.com, OU=IT, O=Contoso Ltd, C=US");
        assert_eq!(dn.values(oids::COMMON_NAME), ["mail.contoso.com"]);
        assert_eq!(dn.values(oids::EMAIL_ADDRESS), ["admin@contoso.com"]);
        assert_eq!(dn.attributes.len(), 5);
    }
}

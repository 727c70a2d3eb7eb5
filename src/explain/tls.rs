//! The TLS-level findings, worded from [`TlsChecks`].

use crate::cert::{rfc3339, CertificateFacts};
use crate::findings::{Finding, Topic};
use crate::rules;
use crate::tls::{Blocker, Coverage, EkuCheck, HostCheck, TlsChecks, ValidityCheck};

use super::name_list;

/// The findings of the three checks, in the report's order: dates, host, EKU.
pub fn findings(checks: &TlsChecks, leaf: &CertificateFacts, out: &mut Vec<Finding>) {
    validity(&checks.validity, leaf, out);
    out.push(host(&checks.host, leaf));
    if let Some(finding) = eku(&checks.eku, leaf) {
        out.push(finding);
    }
}

fn coverage(by: &Coverage) -> String {
    match by {
        Coverage::SanIp(ip) => format!("SAN IP address {ip}"),
        Coverage::SanDns(name) => format!("SAN DNS name \"{name}\""),
        Coverage::Cn(cn) => format!("subject CN \"{cn}\" (the certificate has no SAN DNS names)"),
    }
}

fn host(check: &HostCheck, leaf: &CertificateFacts) -> Finding {
    match check {
        HostCheck::NotGiven => Finding::new(
            &rules::HOST_NOT_GIVEN,
            Topic::Host,
            "no RPC proxy host name was given (the Outlook Anywhere external host name); host coverage was not checked.",
        ),
        HostCheck::Covered { host, by } => Finding::new(
            &rules::HOST_COVERED,
            Topic::Host,
            format!("the RPC proxy host {host} is covered by the {}.", coverage(by)),
        )
        .about(leaf.index),
        HostCheck::NotCovered { host } => Finding::new(
            &rules::HOST_NOT_COVERED,
            Topic::Host,
            host_not_covered(host, leaf),
        )
        .about(leaf.index),
    }
}

fn host_not_covered(host: &str, leaf: &CertificateFacts) -> String {
    let names = if leaf.dns_names().is_empty() {
        format!("no SAN DNS names; CN: {}", name_list(&leaf.common_names, 5))
    } else {
        format!("SAN DNS names: {}", name_list(leaf.dns_names(), 8))
    };
    format!("the RPC proxy host {host} is not covered by the certificate ({names}): the TLS connection fails before any principal check.")
}

fn validity(check: &ValidityCheck, leaf: &CertificateFacts, out: &mut Vec<Finding>) {
    let v = &leaf.validity;
    let finding = match *check {
        ValidityCheck::NotYetValid { at, .. } => Finding::new(
            &rules::VALIDITY_NOT_YET,
            Topic::Validity,
            format!(
                "the certificate is not valid before {} (evaluated at {}).",
                v.not_before,
                rfc3339(at)
            ),
        ),
        ValidityCheck::Expired { at, .. } => Finding::new(
            &rules::VALIDITY_EXPIRED,
            Topic::Validity,
            format!(
                "the certificate expired on {} (evaluated at {}).",
                v.not_after,
                rfc3339(at)
            ),
        ),
        ValidityCheck::Valid {
            at, expires_soon, ..
        } => {
            if expires_soon {
                out.push(
                    Finding::new(
                        &rules::VALIDITY_EXPIRES_SOON,
                        Topic::Validity,
                        format!(
                            "the certificate expires on {}, in {}; renew it and bind the new one before then.",
                            v.not_after,
                            days(check.days_left().unwrap_or(0))
                        ),
                    )
                    .about(leaf.index),
                );
            }
            Finding::new(
                &rules::VALIDITY_OK,
                Topic::Validity,
                format!(
                    "valid from {} to {} (evaluated at {}).",
                    v.not_before,
                    v.not_after,
                    rfc3339(at)
                ),
            )
        }
    };
    out.push(finding.about(leaf.index));
}

/// "1 day", "12 days".
pub fn days(n: i64) -> String {
    if n == 1 {
        "1 day".into()
    } else {
        format!("{n} days")
    }
}

fn eku(check: &EkuCheck, leaf: &CertificateFacts) -> Option<Finding> {
    let finding = match check {
        EkuCheck::Absent => return None,
        EkuCheck::ServerAuth { purpose } => Finding::new(
            &rules::EKU_SERVER_AUTH,
            Topic::Eku,
            format!("the Enhanced Key Usage allows server authentication ({purpose})."),
        ),
        EkuCheck::NoServerAuth => {
            let listed: Vec<String> = leaf
                .extended_key_usage
                .iter()
                .flatten()
                .map(|p| p.name.clone())
                .collect();
            Finding::new(
                &rules::EKU_NO_SERVER_AUTH,
                Topic::Eku,
                format!(
                    "the Enhanced Key Usage ({}) does not include Server Authentication (1.3.6.1.5.5.7.3.1): Windows will not accept it for a TLS server.",
                    name_list(&listed, 6)
                ),
            )
        }
    };
    Some(finding.about(leaf.index))
}

/// The sentence for a certificate-level failure (the same as its finding).
pub fn blocker_sentence(blocker: Blocker, checks: &TlsChecks, leaf: &CertificateFacts) -> String {
    let mut out = Vec::new();
    match blocker {
        Blocker::HostNotCovered => return host(&checks.host, leaf).message,
        Blocker::Expired | Blocker::NotYetValid => validity(&checks.validity, leaf, &mut out),
        Blocker::NoServerAuth => out.extend(eku(&checks.eku, leaf)),
        Blocker::BadSignature => {}
    }
    out.pop().map(|f| f.message).unwrap_or_default()
}

/// Revocation is information only.
pub fn revocation(leaf: &CertificateFacts) -> Finding {
    let mut places: Vec<String> = leaf.crl_distribution_points.clone();
    places.extend(leaf.ocsp.iter().cloned());
    let message = if places.is_empty() {
        "revocation is not checked offline; the certificate names no CRL or OCSP address."
            .to_string()
    } else {
        format!(
            "revocation is not checked offline; clients will check {}, and one that cannot reach it may refuse the connection.",
            name_list(&places, 3)
        )
    };
    Finding::new(&rules::REVOCATION_NOT_CHECKED, Topic::Revocation, message).about(leaf.index)
}

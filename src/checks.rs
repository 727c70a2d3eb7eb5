//! TLS-level checks that break Outlook Anywhere before any principal check:
//! host name coverage, dates, extended key usage; revocation as information.

use std::net::IpAddr;

use crate::cert::{rfc3339, CertificateFacts};
use crate::findings::{Finding, Topic};
use crate::matching::host_matches;
use crate::principal::host_from_url;
use crate::rules;
use crate::verdict::name_list;

/// Seconds in the "expires soon" window.
const EXPIRY_WARNING: i64 = 30 * 24 * 3600;

/// Clean a host name as typed: a URL gives its host; spaces and a trailing dot go.
pub fn clean_host(host: &str) -> String {
    let host = host.trim();
    let host = host_from_url(host).unwrap_or_else(|| host.to_string());
    let host = host.trim_end_matches('.');
    let host = host
        .strip_prefix('[')
        .and_then(|h| h.strip_suffix(']'))
        .unwrap_or(host);
    host.to_string()
}

/// Is `host` covered by the certificate for TLS? DNS SANs, or the CN when there
/// is no DNS SAN; an IP address by the iPAddress SANs. Returns the covering name.
pub fn host_coverage(host: &str, leaf: &CertificateFacts) -> Option<String> {
    if let Ok(ip) = host.parse::<IpAddr>() {
        let ips = leaf
            .subject_alt_names
            .as_ref()
            .map_or(&[][..], |s| s.names.ip.as_slice());
        return ips
            .iter()
            .find(|entry| entry.parse::<IpAddr>().ok() == Some(ip))
            .map(|entry| format!("SAN IP address {entry}"));
    }
    if !leaf.dns_names().is_empty() {
        return leaf
            .dns_names()
            .iter()
            .find(|name| host_matches(name, host))
            .map(|name| format!("SAN DNS name \"{name}\""));
    }
    leaf.common_names
        .iter()
        .find(|cn| host_matches(cn, host))
        .map(|cn| format!("subject CN \"{cn}\" (the certificate has no SAN DNS names)"))
}

/// The host name check.
pub fn check_host(host: Option<&str>, leaf: &CertificateFacts, findings: &mut Vec<Finding>) {
    let Some(host) = host.map(clean_host).filter(|h| !h.is_empty()) else {
        findings.push(Finding::new(
            &rules::HOST_NOT_GIVEN,
            Topic::Host,
            "no RPC proxy host name was given (the Outlook Anywhere external host name); host coverage was not checked.",
        ));
        return;
    };
    match host_coverage(&host, leaf) {
        Some(by) => findings.push(
            Finding::new(
                &rules::HOST_COVERED,
                Topic::Host,
                format!("the RPC proxy host {host} is covered by the {by}."),
            )
            .about(leaf.index),
        ),
        None => {
            let names = if leaf.dns_names().is_empty() {
                format!("no SAN DNS names; CN: {}", name_list(&leaf.common_names, 5))
            } else {
                format!("SAN DNS names: {}", name_list(leaf.dns_names(), 8))
            };
            findings.push(
                Finding::new(
                    &rules::HOST_NOT_COVERED,
                    Topic::Host,
                    format!("the RPC proxy host {host} is not covered by the certificate ({names}): the TLS connection fails before any principal check."),
                )
                .about(leaf.index),
            );
        }
    }
}

/// The validity check at `at` (Unix seconds).
pub fn check_validity(at: i64, leaf: &CertificateFacts, findings: &mut Vec<Finding>) {
    let v = &leaf.validity;
    let when = rfc3339(at);
    let finding = if at < v.not_before_unix {
        Finding::new(
            &rules::VALIDITY_NOT_YET,
            Topic::Validity,
            format!(
                "the certificate is not valid before {} (evaluated at {when}).",
                v.not_before
            ),
        )
    } else if at > v.not_after_unix {
        Finding::new(
            &rules::VALIDITY_EXPIRED,
            Topic::Validity,
            format!(
                "the certificate expired on {} (evaluated at {when}).",
                v.not_after
            ),
        )
    } else {
        if v.not_after_unix - at < EXPIRY_WARNING {
            findings.push(
                Finding::new(
                    &rules::VALIDITY_EXPIRES_SOON,
                    Topic::Validity,
                    format!(
                        "the certificate expires on {}, within 30 days; plan the renewal.",
                        v.not_after
                    ),
                )
                .about(leaf.index),
            );
        }
        Finding::new(
            &rules::VALIDITY_OK,
            Topic::Validity,
            format!(
                "valid from {} to {} (evaluated at {when}).",
                v.not_before, v.not_after
            ),
        )
    };
    findings.push(finding.about(leaf.index));
}

/// The extended key usage check.
pub fn check_eku(leaf: &CertificateFacts, findings: &mut Vec<Finding>) {
    let Some(ekus) = &leaf.extended_key_usage else {
        return;
    };
    let server = ekus
        .iter()
        .find(|p| p.oid == crate::cert::oids::SERVER_AUTH || p.oid == crate::cert::oids::ANY_EKU);
    let listed: Vec<String> = ekus.iter().map(|p| p.name.clone()).collect();
    let finding = match server {
        Some(purpose) => Finding::new(
            &rules::EKU_SERVER_AUTH,
            Topic::Eku,
            format!("the Enhanced Key Usage allows server authentication ({}).", purpose.name),
        ),
        None => Finding::new(
            &rules::EKU_NO_SERVER_AUTH,
            Topic::Eku,
            format!(
                "the Enhanced Key Usage ({}) does not include Server Authentication (1.3.6.1.5.5.7.3.1): Windows will not accept it for a TLS server.",
                name_list(&listed, 6)
            ),
        ),
    };
    findings.push(finding.about(leaf.index));
}

/// Revocation is information only.
pub fn note_revocation(leaf: &CertificateFacts, findings: &mut Vec<Finding>) {
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
    findings.push(
        Finding::new(&rules::REVOCATION_NOT_CHECKED, Topic::Revocation, message).about(leaf.index),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_is_cleaned() {
        assert_eq!(
            clean_host(" https://mail.contoso.com/rpc/rpcproxy.dll "),
            "mail.contoso.com"
        );
        assert_eq!(clean_host("mail.contoso.com."), "mail.contoso.com");
        assert_eq!(clean_host("[::1]"), "::1");
    }
}

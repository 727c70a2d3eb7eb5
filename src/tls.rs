//! TLS-level checks that break Outlook Anywhere before any principal check:
//! host name coverage, dates, extended key usage. Each check returns a typed
//! outcome; [`crate::explain`] words them.

use std::net::IpAddr;

use serde::Serialize;

use crate::cert::{oids, CertificateFacts};
use crate::matching::host_matches;
use crate::principal::host_from_url;

/// Seconds in the "expires soon" window.
pub const EXPIRY_WARNING_SECONDS: i64 = 30 * 24 * 3600;

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

/// The certificate name that covers a host.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
#[serde(tag = "field", content = "value", rename_all = "snake_case")]
pub enum Coverage {
    /// A SAN iPAddress entry.
    SanIp(String),
    /// A SAN dNSName (possibly a wildcard).
    SanDns(String),
    /// The subject CN, used because the certificate has no SAN dNSName.
    Cn(String),
}

/// The RPC proxy host name against the certificate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum HostCheck {
    /// No host name was given: not checked.
    NotGiven,
    /// The host is covered.
    Covered {
        /// The host checked.
        host: String,
        /// The name that covers it.
        by: Coverage,
    },
    /// The host is not covered: the TLS connection fails.
    NotCovered {
        /// The host checked.
        host: String,
    },
}

/// The validity period at the evaluation time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum ValidityCheck {
    /// Not valid yet.
    NotYetValid {
        /// The evaluation time (Unix seconds).
        at: i64,
        /// Not before (Unix seconds).
        not_before: i64,
    },
    /// Expired.
    Expired {
        /// The evaluation time (Unix seconds).
        at: i64,
        /// Not after (Unix seconds).
        not_after: i64,
    },
    /// Valid at the evaluation time.
    Valid {
        /// The evaluation time (Unix seconds).
        at: i64,
        /// Not after (Unix seconds).
        not_after: i64,
        /// True when it expires within [`EXPIRY_WARNING_SECONDS`].
        expires_soon: bool,
    },
}

impl ValidityCheck {
    /// Whole days from the evaluation time to not-after (negative once expired).
    pub fn days_left(&self) -> Option<i64> {
        match *self {
            ValidityCheck::Expired { at, not_after }
            | ValidityCheck::Valid { at, not_after, .. } => {
                Some((not_after - at).div_euclid(86_400))
            }
            ValidityCheck::NotYetValid { .. } => None,
        }
    }
}

/// The extended key usage against TLS server use.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum EkuCheck {
    /// No EKU extension: any purpose.
    Absent,
    /// Server authentication (or any purpose) is listed.
    ServerAuth {
        /// The purpose that allows it, as Windows names it.
        purpose: String,
    },
    /// Server authentication is not listed: Windows refuses it for TLS.
    NoServerAuth,
}

/// A certificate-level failure: the TLS connection fails before any name is compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Blocker {
    /// The RPC proxy host name is not covered.
    HostNotCovered,
    /// The certificate has expired.
    Expired,
    /// The certificate is not valid yet.
    NotYetValid,
    /// The EKU lacks server authentication.
    NoServerAuth,
    /// A signature on the chain does not verify.
    BadSignature,
}

/// The three TLS-level checks of the leaf.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct TlsChecks {
    /// Host name coverage.
    pub host: HostCheck,
    /// Dates.
    pub validity: ValidityCheck,
    /// Extended key usage.
    pub eku: EkuCheck,
}

impl TlsChecks {
    /// Run every check on `leaf` for `host` at `at` (Unix seconds).
    pub fn run(leaf: &CertificateFacts, host: Option<&str>, at: i64) -> TlsChecks {
        TlsChecks {
            host: check_host(host, leaf),
            validity: check_validity(at, leaf),
            eku: check_eku(leaf),
        }
    }

    /// The checks that fail, in the order the report names them.
    pub fn blockers(&self) -> impl Iterator<Item = Blocker> + '_ {
        let validity = match self.validity {
            ValidityCheck::Expired { .. } => Some(Blocker::Expired),
            ValidityCheck::NotYetValid { .. } => Some(Blocker::NotYetValid),
            ValidityCheck::Valid { .. } => None,
        };
        let host =
            matches!(self.host, HostCheck::NotCovered { .. }).then_some(Blocker::HostNotCovered);
        let eku = (self.eku == EkuCheck::NoServerAuth).then_some(Blocker::NoServerAuth);
        validity.into_iter().chain(host).chain(eku)
    }
}

/// Is `host` covered by the certificate for TLS? DNS SANs, or the CN when there
/// is no DNS SAN; an IP address by the iPAddress SANs.
pub fn host_coverage(host: &str, leaf: &CertificateFacts) -> Option<Coverage> {
    if let Ok(ip) = host.parse::<IpAddr>() {
        let ips = leaf
            .subject_alt_names
            .as_ref()
            .map_or(&[][..], |s| s.names.ip.as_slice());
        return ips
            .iter()
            .find(|entry| entry.parse::<IpAddr>().ok() == Some(ip))
            .map(|entry| Coverage::SanIp(entry.clone()));
    }
    if !leaf.dns_names().is_empty() {
        return leaf
            .dns_names()
            .iter()
            .find(|name| host_matches(name, host))
            .map(|name| Coverage::SanDns(name.clone()));
    }
    leaf.common_names
        .iter()
        .find(|cn| host_matches(cn, host))
        .map(|cn| Coverage::Cn(cn.clone()))
}

/// The host name check.
pub fn check_host(host: Option<&str>, leaf: &CertificateFacts) -> HostCheck {
    let Some(host) = host.map(clean_host).filter(|h| !h.is_empty()) else {
        return HostCheck::NotGiven;
    };
    match host_coverage(&host, leaf) {
        Some(by) => HostCheck::Covered { host, by },
        None => HostCheck::NotCovered { host },
    }
}

/// The validity check at `at` (Unix seconds).
pub fn check_validity(at: i64, leaf: &CertificateFacts) -> ValidityCheck {
    let v = &leaf.validity;
    if at < v.not_before_unix {
        ValidityCheck::NotYetValid {
            at,
            not_before: v.not_before_unix,
        }
    } else if at > v.not_after_unix {
        ValidityCheck::Expired {
            at,
            not_after: v.not_after_unix,
        }
    } else {
        ValidityCheck::Valid {
            at,
            not_after: v.not_after_unix,
            expires_soon: v.not_after_unix - at < EXPIRY_WARNING_SECONDS,
        }
    }
}

/// The extended key usage check.
pub fn check_eku(leaf: &CertificateFacts) -> EkuCheck {
    let Some(ekus) = &leaf.extended_key_usage else {
        return EkuCheck::Absent;
    };
    ekus.iter()
        .find(|p| p.oid == oids::SERVER_AUTH || p.oid == oids::ANY_EKU)
        .map_or(EkuCheck::NoServerAuth, |purpose| EkuCheck::ServerAuth {
            purpose: purpose.name.clone(),
        })
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

    #[test]
    fn days_left_round_down() {
        let valid = ValidityCheck::Valid {
            at: 0,
            not_after: 86_400 * 3 - 1,
            expires_soon: true,
        };
        assert_eq!(valid.days_left(), Some(2));
        let expired = ValidityCheck::Expired {
            at: 86_400 * 2,
            not_after: 0,
        };
        assert_eq!(expired.days_left(), Some(-2));
    }
}

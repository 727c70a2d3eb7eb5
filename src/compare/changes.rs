//! What changed between the old and the new certificate: typed changes, read
//! from the two reports' typed fields (verdicts, leaf facts, chain, host
//! coverage), most important first. Only what differs is listed; name lists
//! are compared as sets, ignoring ASCII case and order.

use serde::Serialize;

use crate::cert::oids::{ANY_EKU, COMMON_NAME, EMAIL_ADDRESS, SERVER_AUTH};
use crate::cert::CertificateFacts;
use crate::chain::ChainEnd;
use crate::report::Report;
use crate::tls::{Coverage, HostCheck};
use crate::verdict::Verdict;

/// The field that changed, by a stable snake_case name (the JSON `field`).
///
/// The declaration order is the display order among changes of equal
/// importance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ChangeField {
    /// The overall verdict.
    VerdictOverall,
    /// The verdict on Windows Vista SP1 and later.
    VerdictModernWindows,
    /// The verdict on Windows XP, Server 2003 and Vista RTM.
    VerdictLegacyWindows,
    /// The verdict of the Remote Connectivity Analyzer.
    VerdictConnectivityAnalyzer,
    /// Which certificate name covers the RPC proxy host (null: not covered).
    HostCoverage,
    /// Whether the certificate is valid at the evaluation time.
    ValidAt,
    /// The subject common names.
    SubjectCn,
    /// The SAN dNSNames.
    SanDns,
    /// E-mail addresses in the subject (legacy Windows derives the e-mail name from them).
    SubjectEmail,
    /// The SAN rfc822Names.
    SanEmail,
    /// The extended key usages (null: no EKU extension, any purpose).
    Eku,
    /// How the chain ends (`mozilla_root`, `private_root`, `incomplete`).
    Chain,
    /// The end of validity.
    NotAfter,
    /// The issuer's name.
    Issuer,
    /// The root the chain ends at (null: the chain is incomplete).
    ChainRoot,
    /// The public key type and size.
    Key,
    /// The signature algorithm.
    SignatureAlgorithm,
    /// The SAN IP addresses.
    SanIp,
    /// The serial number.
    Serial,
    /// The start of validity.
    NotBefore,
    /// The subject key identifier.
    SubjectKeyId,
    /// The subject attributes other than the CN and e-mail (C, O, OU…).
    SubjectOther,
}

impl ChangeField {
    /// The stable snake_case name, as in the JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeField::VerdictOverall => "verdict_overall",
            ChangeField::VerdictModernWindows => "verdict_modern_windows",
            ChangeField::VerdictLegacyWindows => "verdict_legacy_windows",
            ChangeField::VerdictConnectivityAnalyzer => "verdict_connectivity_analyzer",
            ChangeField::HostCoverage => "host_coverage",
            ChangeField::ValidAt => "valid_at",
            ChangeField::SubjectCn => "subject_cn",
            ChangeField::SanDns => "san_dns",
            ChangeField::SubjectEmail => "subject_email",
            ChangeField::SanEmail => "san_email",
            ChangeField::Eku => "eku",
            ChangeField::Chain => "chain",
            ChangeField::NotAfter => "not_after",
            ChangeField::Issuer => "issuer",
            ChangeField::ChainRoot => "chain_root",
            ChangeField::Key => "key",
            ChangeField::SignatureAlgorithm => "signature_algorithm",
            ChangeField::SanIp => "san_ip",
            ChangeField::Serial => "serial",
            ChangeField::NotBefore => "not_before",
            ChangeField::SubjectKeyId => "subject_key_id",
            ChangeField::SubjectOther => "subject_other",
        }
    }
}

/// How much a change matters for Outlook Anywhere, most first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Importance {
    /// A verdict changed: the headline.
    Headline,
    /// A change that can break Outlook Anywhere by itself (a name, the host, dates, EKU, chain).
    Breaks,
    /// Worth knowing before the switch (issuer, key, signature algorithm, validity end).
    Matters,
    /// No effect on Outlook Anywhere (serial number, validity start, key identifier).
    Cosmetic,
}

/// One side's value of a changed field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
#[serde(untagged)]
pub enum ChangeValue {
    /// Absent (no such extension, not covered, an incomplete chain): JSON `null`.
    Absent,
    /// A verdict.
    Verdict(Verdict),
    /// A single value.
    Text(String),
    /// A list of values (names, EKUs).
    List(Vec<String>),
}

/// Names added and removed, for list fields (compared ignoring ASCII case and order).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct NameDelta {
    /// In the new certificate only (as the new one spells them).
    pub added: Vec<String>,
    /// In the old certificate only (as the old one spells them).
    pub removed: Vec<String>,
}

/// One change between the old and the new certificate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct Change {
    /// What changed.
    pub field: ChangeField,
    /// How much it matters.
    pub importance: Importance,
    /// The old certificate's value.
    pub old: ChangeValue,
    /// The new certificate's value.
    pub new: ChangeValue,
    /// For list fields: what was added and removed (left out for other fields).
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    // TypeScript: tests/typescript.rs adds `Partial<NameDelta>` (ts-rs cannot flatten an Option).
    #[cfg_attr(feature = "typescript", ts(skip))]
    pub names: Option<NameDelta>,
}

/// Which side has no readable certificate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Unreadable {
    /// The old input held no readable certificate.
    Old,
    /// The new input held no readable certificate.
    New,
    /// Neither input held a readable certificate.
    Both,
}

/// The changes, or why there are none to tell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Changes {
    /// Both certificates were read: what differs, most important first (empty: nothing).
    Compared(Vec<Change>),
    /// A side has no readable certificate, so nothing can be compared; its report says why.
    CannotCompare(Unreadable),
}

impl Changes {
    /// The changes listed (none when they cannot be compared).
    pub fn list(&self) -> &[Change] {
        match self {
            Changes::Compared(list) => list,
            Changes::CannotCompare(_) => &[],
        }
    }
}

/// JSON: the array of changes, or `null` when they cannot be compared.
impl Serialize for Changes {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Changes::Compared(list) => list.serialize(serializer),
            Changes::CannotCompare(_) => serializer.serialize_none(),
        }
    }
}

/// Compare two reports: what differs, most important first.
pub fn diff(old: &Report, new: &Report, at: i64) -> Changes {
    let (a, b) = match (old.leaf_certificate(), new.leaf_certificate()) {
        (Some(a), Some(b)) => (a, b),
        (None, None) => return Changes::CannotCompare(Unreadable::Both),
        (None, Some(_)) => return Changes::CannotCompare(Unreadable::Old),
        (Some(_), None) => return Changes::CannotCompare(Unreadable::New),
    };
    let mut list = Vec::new();
    verdicts(old, new, &mut list);
    host(old, new, &mut list);
    validity(a, b, at, &mut list);
    names(a, b, &mut list);
    eku(a, b, &mut list);
    chain(old, new, &mut list);
    properties(a, b, &mut list);
    list.sort_by_key(|c| (c.importance, c.field));
    Changes::Compared(list)
}

fn push(
    list: &mut Vec<Change>,
    field: ChangeField,
    importance: Importance,
    old: ChangeValue,
    new: ChangeValue,
) {
    if old != new {
        list.push(Change {
            field,
            importance,
            old,
            new,
            names: None,
        });
    }
}

fn text(value: &str) -> ChangeValue {
    ChangeValue::Text(value.to_string())
}

fn optional(value: Option<&str>) -> ChangeValue {
    value.map_or(ChangeValue::Absent, text)
}

fn verdicts(old: &Report, new: &Report, list: &mut Vec<Change>) {
    let (a, b) = (&old.verdict, &new.verdict);
    for (field, x, y) in [
        (ChangeField::VerdictOverall, a.overall, b.overall),
        (
            ChangeField::VerdictModernWindows,
            a.modern_windows,
            b.modern_windows,
        ),
        (
            ChangeField::VerdictLegacyWindows,
            a.legacy_windows,
            b.legacy_windows,
        ),
        (
            ChangeField::VerdictConnectivityAnalyzer,
            a.connectivity_analyzer,
            b.connectivity_analyzer,
        ),
    ] {
        push(
            list,
            field,
            Importance::Headline,
            ChangeValue::Verdict(x),
            ChangeValue::Verdict(y),
        );
    }
}

/// The name covering the host, as a phrase.
fn coverage(by: &Coverage) -> String {
    match by {
        Coverage::SanIp(ip) => format!("SAN IP address {ip}"),
        Coverage::SanDns(name) => format!("SAN DNS name \"{name}\""),
        Coverage::Cn(cn) => format!("subject CN \"{cn}\" (no SAN DNS names)"),
    }
}

/// The report's host check: `None` when no host was checked, else the covering name (if any).
fn host_check(report: &Report) -> Option<Option<String>> {
    match &report.checks.as_ref()?.host {
        HostCheck::NotGiven | HostCheck::NotShown { .. } => None,
        HostCheck::Covered { by, .. } => Some(Some(coverage(by))),
        HostCheck::NotCovered { .. } => Some(None),
    }
}

fn host(old: &Report, new: &Report, list: &mut Vec<Change>) {
    // Both reports were made with the same options, so with the same host.
    let (Some(before), Some(after)) = (host_check(old), host_check(new)) else {
        return;
    };
    let lower = |v: &Option<String>| v.as_deref().map(str::to_ascii_lowercase);
    if lower(&before) == lower(&after) {
        return; // the same name, perhaps in another case
    }
    let importance = if after.is_none() {
        Importance::Breaks
    } else {
        Importance::Matters
    };
    push(
        list,
        ChangeField::HostCoverage,
        importance,
        optional(before.as_deref()),
        optional(after.as_deref()),
    );
}

/// The certificate's state at `at`: `valid`, `expired` or `not_yet_valid`.
pub(crate) fn state_at(cert: &CertificateFacts, at: i64) -> &'static str {
    if at > cert.validity.not_after_unix {
        "expired"
    } else if at < cert.validity.not_before_unix {
        "not_yet_valid"
    } else {
        "valid"
    }
}

fn validity(a: &CertificateFacts, b: &CertificateFacts, at: i64, list: &mut Vec<Change>) {
    let after = state_at(b, at);
    let importance = if after == "valid" {
        Importance::Matters
    } else {
        Importance::Breaks
    };
    push(
        list,
        ChangeField::ValidAt,
        importance,
        text(state_at(a, at)),
        text(after),
    );
    push(
        list,
        ChangeField::NotAfter,
        Importance::Matters,
        text(&a.validity.not_after),
        text(&b.validity.not_after),
    );
    push(
        list,
        ChangeField::NotBefore,
        Importance::Cosmetic,
        text(&a.validity.not_before),
        text(&b.validity.not_before),
    );
}

/// Values in `from` whose lower-case form is not in `other`, in `from`'s order, once each.
fn missing_from(from: &[String], other: &[String]) -> Vec<String> {
    let other: Vec<String> = other.iter().map(|n| n.to_ascii_lowercase()).collect();
    let mut seen: Vec<String> = Vec::new();
    let mut out = Vec::new();
    for name in from {
        let lower = name.to_ascii_lowercase();
        if !other.contains(&lower) && !seen.contains(&lower) {
            seen.push(lower);
            out.push(name.clone());
        }
    }
    out
}

/// A list change, when the two lists differ as sets (ignoring ASCII case).
fn push_names(
    list: &mut Vec<Change>,
    field: ChangeField,
    importance: impl Fn(&NameDelta) -> Importance,
    old: &[String],
    new: &[String],
) {
    let delta = NameDelta {
        added: missing_from(new, old),
        removed: missing_from(old, new),
    };
    if delta.added.is_empty() && delta.removed.is_empty() {
        return;
    }
    list.push(Change {
        field,
        importance: importance(&delta),
        old: ChangeValue::List(old.to_vec()),
        new: ChangeValue::List(new.to_vec()),
        names: Some(delta),
    });
}

fn san_list(
    cert: &CertificateFacts,
    pick: fn(&crate::cert::SubjectAltNames) -> &Vec<String>,
) -> Vec<String> {
    cert.subject_alt_names
        .as_ref()
        .map(|san| pick(&san.names).clone())
        .unwrap_or_default()
}

fn names(a: &CertificateFacts, b: &CertificateFacts, list: &mut Vec<Change>) {
    push_names(
        list,
        ChangeField::SubjectCn,
        |_| Importance::Breaks,
        &a.common_names,
        &b.common_names,
    );
    let dns = |d: &NameDelta| {
        if d.removed.is_empty() {
            Importance::Matters
        } else {
            Importance::Breaks
        }
    };
    push_names(list, ChangeField::SanDns, dns, a.dns_names(), b.dns_names());
    let email = |d: &NameDelta| {
        if d.added.is_empty() {
            Importance::Matters
        } else {
            Importance::Breaks
        }
    };
    push_names(
        list,
        ChangeField::SubjectEmail,
        email,
        &a.subject_emails,
        &b.subject_emails,
    );
    let (ea, eb) = (san_list(a, |s| &s.email), san_list(b, |s| &s.email));
    push_names(
        list,
        ChangeField::SanEmail,
        |_| Importance::Matters,
        &ea,
        &eb,
    );
    let (ia, ib) = (san_list(a, |s| &s.ip), san_list(b, |s| &s.ip));
    push_names(list, ChangeField::SanIp, |_| Importance::Matters, &ia, &ib);
    push_names(
        list,
        ChangeField::SubjectOther,
        |_| Importance::Cosmetic,
        &subject_other(a),
        &subject_other(b),
    );
}

fn subject_other(cert: &CertificateFacts) -> Vec<String> {
    cert.subject
        .attributes
        .iter()
        .filter(|attr| attr.oid != COMMON_NAME && attr.oid != EMAIL_ADDRESS)
        .map(|attr| format!("{}={}", attr.kind, attr.value))
        .collect()
}

/// The EKU names (null when there is no EKU extension).
fn eku_names(cert: &CertificateFacts) -> Option<Vec<String>> {
    cert.extended_key_usage
        .as_ref()
        .map(|ekus| ekus.iter().map(|p| p.name.clone()).collect())
}

fn allows_server_auth(cert: &CertificateFacts) -> bool {
    cert.extended_key_usage.as_ref().is_none_or(|ekus| {
        ekus.iter()
            .any(|p| p.oid == SERVER_AUTH || p.oid == ANY_EKU)
    })
}

fn eku(a: &CertificateFacts, b: &CertificateFacts, list: &mut Vec<Change>) {
    let importance = if allows_server_auth(b) || !allows_server_auth(a) {
        Importance::Matters
    } else {
        Importance::Breaks
    };
    match (eku_names(a), eku_names(b)) {
        (Some(x), Some(y)) => push_names(list, ChangeField::Eku, |_| importance, &x, &y),
        (x, y) => {
            let value = |v: Option<Vec<String>>| v.map_or(ChangeValue::Absent, ChangeValue::List);
            push(list, ChangeField::Eku, importance, value(x), value(y));
        }
    }
}

fn chain_end(end: ChainEnd) -> &'static str {
    match end {
        ChainEnd::MozillaRoot => "mozilla_root",
        ChainEnd::PrivateRoot => "private_root",
        ChainEnd::Incomplete => "incomplete",
    }
}

/// The chain's end and the root it reaches (a Mozilla root's name, or the top
/// certificate's subject for a private root).
fn chain_facts(report: &Report) -> (ChangeValue, ChangeValue) {
    let Some(chain) = &report.chain else {
        return (ChangeValue::Absent, ChangeValue::Absent);
    };
    let root = match chain.ends {
        ChainEnd::MozillaRoot => chain.mozilla_root.clone(),
        ChainEnd::PrivateRoot => chain
            .path
            .last()
            .and_then(|i| report.certificates.get(*i))
            .map(|c| c.subject.display.clone()),
        ChainEnd::Incomplete => None,
    };
    (
        text(chain_end(chain.ends)),
        root.map_or(ChangeValue::Absent, ChangeValue::Text),
    )
}

fn chain(old: &Report, new: &Report, list: &mut Vec<Change>) {
    let rank = |r: &Report| match r.chain.as_ref().map(|c| c.ends) {
        Some(ChainEnd::MozillaRoot) => 0,
        Some(ChainEnd::PrivateRoot) => 1,
        _ => 2,
    };
    let importance = if rank(new) > rank(old) {
        Importance::Breaks
    } else {
        Importance::Matters
    };
    let (end_a, root_a) = chain_facts(old);
    let (end_b, root_b) = chain_facts(new);
    push(list, ChangeField::Chain, importance, end_a, end_b);
    push(
        list,
        ChangeField::ChainRoot,
        Importance::Matters,
        root_a,
        root_b,
    );
}

/// The key as one phrase: `ECC secp256r1`, `RSA (2048 bits)`.
pub(crate) fn key_text(cert: &CertificateFacts) -> String {
    let key = &cert.public_key;
    let mut out = key
        .algorithm
        .name()
        .unwrap_or(&key.algorithm_oid)
        .to_string();
    if let Some(curve) = &key.curve {
        out.push(' ');
        out.push_str(curve);
    }
    if let Some(bits) = key.bits {
        out.push_str(&format!(" ({bits} bits)"));
    }
    out
}

fn properties(a: &CertificateFacts, b: &CertificateFacts, list: &mut Vec<Change>) {
    push(
        list,
        ChangeField::Issuer,
        Importance::Matters,
        text(&a.issuer.display),
        text(&b.issuer.display),
    );
    push(
        list,
        ChangeField::Key,
        Importance::Matters,
        text(&key_text(a)),
        text(&key_text(b)),
    );
    push(
        list,
        ChangeField::SignatureAlgorithm,
        Importance::Matters,
        text(&a.signature_algorithm),
        text(&b.signature_algorithm),
    );
    push(
        list,
        ChangeField::Serial,
        Importance::Cosmetic,
        text(&a.serial),
        text(&b.serial),
    );
    push(
        list,
        ChangeField::SubjectKeyId,
        Importance::Cosmetic,
        optional(a.subject_key_id.as_deref()),
        optional(b.subject_key_id.as_deref()),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_differing_only_in_case_and_order_are_no_change() {
        let old = vec![
            "mail.contoso.com".to_string(),
            "autodiscover.contoso.com".to_string(),
        ];
        let new = vec![
            "AUTODISCOVER.contoso.com".to_string(),
            "Mail.Contoso.com".to_string(),
        ];
        let mut list = Vec::new();
        push_names(
            &mut list,
            ChangeField::SanDns,
            |_| Importance::Breaks,
            &old,
            &new,
        );
        assert!(list.is_empty());
        let new = vec![
            "mail.contoso.com".to_string(),
            "owa.contoso.com".to_string(),
        ];
        push_names(
            &mut list,
            ChangeField::SanDns,
            |_| Importance::Breaks,
            &old,
            &new,
        );
        let delta = list[0].names.as_ref().expect("a name delta");
        assert_eq!(delta.added, ["owa.contoso.com"]);
        assert_eq!(delta.removed, ["autodiscover.contoso.com"]);
    }

    #[test]
    fn field_names_match_their_json() {
        for field in [
            ChangeField::SanDns,
            ChangeField::VerdictConnectivityAnalyzer,
            ChangeField::SubjectKeyId,
        ] {
            let json = serde_json::to_value(field).expect("json");
            assert_eq!(json, serde_json::Value::String(field.as_str().into()));
        }
    }
}

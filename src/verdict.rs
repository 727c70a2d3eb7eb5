//! The per-client comparison of the principal name with the certificate, as
//! `msstd-rules.md` describes each Windows client.

use serde::Serialize;

use crate::cert::CertificateFacts;
use crate::findings::{Finding, Topic};
use crate::matching::{compare, wildcard_covers, windows_form, NameMatch};
use crate::rules;

/// A verdict, for one client or overall.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// No principal check happens (no principal name set).
    NotApplicable,
    /// Works.
    Pass,
    /// Works with a caveat (the Connectivity Analyzer's SAN-only case; overall: works only on some clients, or an unknown rule fired).
    Warn,
    /// Fails.
    Fail,
    /// Cannot be told: no certificate was read, or a `fullsic:` name (not evaluated).
    Unknown,
}

impl Verdict {
    /// The verdict as the report prints it.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::NotApplicable => "not_applicable",
            Verdict::Pass => "pass",
            Verdict::Warn => "warn",
            Verdict::Fail => "fail",
            Verdict::Unknown => "unknown",
        }
    }
}

/// The verdict for each client.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct ClientVerdicts {
    /// Windows Vista SP1 and later: every supported Windows.
    pub modern_windows: Verdict,
    /// Windows XP, Server 2003, Vista RTM.
    pub legacy_windows: Verdict,
    /// Microsoft's Remote Connectivity Analyzer.
    pub connectivity_analyzer: Verdict,
}

impl ClientVerdicts {
    /// The same verdict for every client.
    pub fn all(verdict: Verdict) -> Self {
        ClientVerdicts {
            modern_windows: verdict,
            legacy_windows: verdict,
            connectivity_analyzer: verdict,
        }
    }

    /// True when every client passes.
    pub fn all_pass(&self) -> bool {
        *self == Self::all(Verdict::Pass)
    }
}

/// A list of names for a message, cut after `limit`.
pub(crate) fn name_list(names: &[String], limit: usize) -> String {
    if names.is_empty() {
        return "none".into();
    }
    let mut shown: Vec<String> = names.iter().take(limit).cloned().collect();
    if names.len() > limit {
        shown.push(format!("and {} more", names.len() - limit));
    }
    shown.join(", ")
}

/// Compare the principal name with the leaf for every client. Findings
/// explaining each result are appended to `findings`.
pub fn evaluate(
    name: &str,
    leaf: &CertificateFacts,
    findings: &mut Vec<Finding>,
) -> ClientVerdicts {
    ClientVerdicts {
        modern_windows: modern(name, leaf, findings),
        legacy_windows: legacy(name, leaf, findings),
        connectivity_analyzer: analyzer(name, leaf, findings),
    }
}

/// Compare silently (for alternatives and fix candidates).
pub fn evaluate_quietly(name: &str, leaf: &CertificateFacts) -> ClientVerdicts {
    evaluate(name, leaf, &mut Vec::new())
}

fn cns(leaf: &CertificateFacts) -> Vec<String> {
    leaf.common_names
        .iter()
        .map(|cn| windows_form(cn))
        .collect()
}

fn first_match<'a>(names: &'a [String], name: &str) -> Option<(&'a String, NameMatch)> {
    names.iter().find_map(|n| compare(n, name).map(|m| (n, m)))
}

fn wildcard_cover<'a>(
    leaf: &'a CertificateFacts,
    cns: &'a [String],
    name: &str,
) -> Option<(&'static str, &'a String)> {
    cns.iter()
        .map(|n| ("subject CN", n))
        .chain(leaf.dns_names().iter().map(|n| ("SAN DNS name", n)))
        .find(|(_, pattern)| wildcard_covers(pattern, name))
}

fn modern(name: &str, leaf: &CertificateFacts, findings: &mut Vec<Finding>) -> Verdict {
    let cns = cns(leaf);
    let topic = Topic::ModernWindows;
    let case_note = |findings: &mut Vec<Finding>, field: &str, value: &str| {
        findings.push(Finding::new(
            &rules::NAME_CASE_DIFFERS,
            topic,
            format!("\"{name}\" equals the {field} \"{value}\" only when case is ignored; Windows is taken to compare names case-insensitively."),
        ));
    };
    if let Some((cn, how)) = first_match(&cns, name) {
        findings.push(Finding::new(
            &rules::MODERN_MATCH_CN,
            topic,
            format!("Windows Vista SP1 and later: msstd:{name} matches the subject CN \"{cn}\"."),
        ));
        if how == NameMatch::IgnoringCase {
            case_note(findings, "subject CN", cn);
        }
        return Verdict::Pass;
    }
    if let Some((dns, how)) = first_match(leaf.dns_names(), name) {
        findings.push(Finding::new(
            &rules::MODERN_MATCH_SAN_DNS,
            topic,
            format!(
                "Windows Vista SP1 and later: msstd:{name} matches the SAN DNS name \"{dns}\"."
            ),
        ));
        if how == NameMatch::IgnoringCase {
            case_note(findings, "SAN DNS name", dns);
        }
        return Verdict::Pass;
    }
    if let Some((field, pattern)) = wildcard_cover(leaf, &cns, name) {
        findings.push(Finding::new(
            &rules::MODERN_MATCH_WILDCARD,
            topic,
            format!("Windows Vista SP1 and later: msstd:{name} is covered by the wildcard {field} \"{pattern}\" (one label deep)."),
        ));
        return Verdict::Pass;
    }
    let mut message = format!(
        "Windows Vista SP1 and later: msstd:{name} is neither a subject CN nor a SAN DNS name of the certificate (CN: {}; SAN DNS: {}).",
        name_list(&cns, 5),
        name_list(leaf.dns_names(), 8)
    );
    if let Some(pattern) = cns.iter().chain(leaf.dns_names()).find(|p| {
        p.starts_with("*.")
            && name
                .to_ascii_lowercase()
                .ends_with(&p[1..].to_ascii_lowercase())
    }) {
        message.push_str(&format!(
            " The wildcard \"{pattern}\" covers one label only, and \"{name}\" is deeper."
        ));
    }
    if leaf
        .subject_alt_names
        .as_ref()
        .is_some_and(|san| !san.readable)
    {
        message.push_str(" The SAN extension could not be decoded, so its names are unknown.");
    }
    findings.push(Finding::new(&rules::MODERN_NO_MATCH, topic, message));
    Verdict::Fail
}

fn legacy(name: &str, leaf: &CertificateFacts, findings: &mut Vec<Finding>) -> Verdict {
    let topic = Topic::LegacyWindows;
    let mut push = |rule: &'static rules::Rule, message: String| {
        findings.push(Finding::new(
            rule,
            topic,
            format!("Legacy Windows (XP, 2003, Vista RTM): {message}"),
        ));
    };
    let san_emails = leaf
        .subject_alt_names
        .as_ref()
        .map_or(&[][..], |san| san.names.email.as_slice());
    if let Some(email) = leaf.subject_emails.iter().find(|e| e.contains('@')) {
        if compare(&windows_form(email), name).is_some() {
            push(
                &rules::LEGACY_MATCH_EMAIL,
                format!("the subject e-mail address \"{email}\" is the name Windows derives, and it equals msstd:{name}."),
            );
            return Verdict::Pass;
        }
        push(
            &rules::LEGACY_EMAIL_NAME,
            format!("the subject holds the e-mail address E={email}, so Windows derives \"{email}\" instead of the CN, which is not msstd:{name}. Request a certificate without an e-mail address in the subject."),
        );
        return Verdict::Fail;
    }
    if let Some(email) = san_emails.first() {
        push(
            &rules::LEGACY_SAN_EMAIL,
            format!("the SAN holds the e-mail address \"{email}\"; whether Windows derives the name from it instead of the CN is unknown (if it does, msstd:{name} fails)."),
        );
    }
    let cns = cns(leaf);
    if cns.is_empty() {
        push(
            &rules::LEGACY_NO_CN,
            format!("the certificate has no subject CN, so Windows derives no name to compare with msstd:{name}."),
        );
        return Verdict::Fail;
    }
    let mut distinct: Vec<&String> = Vec::new();
    for cn in &cns {
        if !distinct.iter().any(|d| compare(d, cn).is_some()) {
            distinct.push(cn);
        }
    }
    if distinct.len() > 1 {
        let listed = name_list(&cns, 5);
        let matching: Vec<&&String> = distinct
            .iter()
            .filter(|cn| compare(cn, name).is_some())
            .collect();
        let detail = match matching.first() {
            Some(cn) => format!(
                "msstd:{name} equals only CN=\"{cn}\", so it passes only if Windows uses that one"
            ),
            None => format!("msstd:{name} equals none of them"),
        };
        push(
            &rules::LEGACY_SEVERAL_CNS,
            format!("the subject has {} different CN attributes ({listed}); which one Windows uses is unknown, and {detail}.", distinct.len()),
        );
        if matching.is_empty() {
            push(
                &rules::LEGACY_NO_MATCH,
                format!("no CN ({listed}) equals msstd:{name}."),
            );
        }
        return Verdict::Fail;
    }
    let cn = distinct[0];
    if compare(cn, name).is_some() {
        push(
            &rules::LEGACY_MATCH_CN,
            format!("Windows derives \"{cn}\" from the subject CN, and it equals msstd:{name}."),
        );
        return Verdict::Pass;
    }
    if let Some((dns, _)) = first_match(leaf.dns_names(), name) {
        push(
            &rules::LEGACY_SAN_IGNORED,
            format!("msstd:{name} is only in the SAN (DNS name \"{dns}\"); Windows compares only the name derived from the CN, \"{cn}\"."),
        );
    } else if let Some((field, pattern)) = wildcard_cover(leaf, &cns, name) {
        push(
            &rules::LEGACY_WILDCARD_NOT_EXPANDED,
            format!("msstd:{name} is covered only by the wildcard {field} \"{pattern}\", and Windows does not expand wildcards: it compares \"{cn}\" literally."),
        );
    } else {
        push(
            &rules::LEGACY_NO_MATCH,
            format!("Windows derives \"{cn}\" from the subject CN, which is not msstd:{name}."),
        );
    }
    Verdict::Fail
}

fn analyzer(name: &str, leaf: &CertificateFacts, findings: &mut Vec<Finding>) -> Verdict {
    let topic = Topic::ConnectivityAnalyzer;
    let cns = cns(leaf);
    let mut push = |rule: &'static rules::Rule, message: String| {
        findings.push(Finding::new(
            rule,
            topic,
            format!("Remote Connectivity Analyzer: {message}"),
        ));
    };
    if let Some((cn, _)) = first_match(&cns, name) {
        push(
            &rules::RCA_MATCH_CN,
            format!("the subject CN \"{cn}\" equals msstd:{name}: the test passes."),
        );
        return Verdict::Pass;
    }
    if let Some((dns, _)) = first_match(leaf.dns_names(), name) {
        push(
            &rules::RCA_MATCH_SAN_ONLY,
            format!("msstd:{name} equals only the SAN DNS name \"{dns}\", not the CN; the test shows a warning (\"...a match was found in the subject alternative name extension\")."),
        );
        return Verdict::Warn;
    }
    if let Some((field, pattern)) = wildcard_cover(leaf, &cns, name) {
        push(
            &rules::RCA_WILDCARD_NOT_EXPANDED,
            format!("msstd:{name} is covered only by the wildcard {field} \"{pattern}\", which the analyzer does not expand: \"Mutual Authentication could not be established.\""),
        );
        return Verdict::Fail;
    }
    push(
        &rules::RCA_NO_MATCH,
        format!(
            "no CN or SAN equals msstd:{name}: \"Mutual Authentication could not be established.\""
        ),
    );
    Verdict::Fail
}

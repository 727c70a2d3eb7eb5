//! The per-client findings, worded from [`ClientMatches`].

use crate::cert::CertificateFacts;
use crate::clients::{AnalyzerMatch, ClientMatches, Field, LegacyMatch, ModernMatch};
use crate::findings::{Finding, Topic};
use crate::matching::windows_form;
use crate::rules::{self, Rule};

use super::name_list;

/// The findings of every client, in the report's order: modern, legacy, analyzer.
pub fn findings(matches: &ClientMatches, leaf: &CertificateFacts, out: &mut Vec<Finding>) {
    modern(matches, leaf, out);
    legacy(matches, leaf, out);
    analyzer(matches, out);
}

fn cns(leaf: &CertificateFacts) -> Vec<String> {
    leaf.common_names
        .iter()
        .map(|cn| windows_form(cn))
        .collect()
}

fn modern(matches: &ClientMatches, leaf: &CertificateFacts, out: &mut Vec<Finding>) {
    let name = &matches.name;
    let topic = Topic::ModernWindows;
    let push = |out: &mut Vec<Finding>, rule: &'static Rule, message: String| {
        out.push(Finding::new(rule, topic, message));
    };
    match &matches.modern_windows {
        ModernMatch::Name {
            field,
            value,
            ignoring_case,
        } => {
            let rule = match field {
                Field::Cn => &rules::MODERN_MATCH_CN,
                Field::SanDns => &rules::MODERN_MATCH_SAN_DNS,
            };
            let field = field.label();
            push(out, rule, format!("Windows Vista SP1 and later: msstd:{name} matches the {field} \"{value}\"."));
            if *ignoring_case {
                push(out, &rules::NAME_CASE_DIFFERS, format!("\"{name}\" equals the {field} \"{value}\" only when case is ignored; Windows is taken to compare names case-insensitively."));
            }
        }
        ModernMatch::Wildcard { field, pattern } => push(
            out,
            &rules::MODERN_MATCH_WILDCARD,
            format!("Windows Vista SP1 and later: msstd:{name} is covered by the wildcard {} \"{pattern}\" (one label deep).", field.label()),
        ),
        ModernMatch::NoMatch {
            too_deep_for,
            san_unreadable,
        } => {
            let mut message = format!(
                "Windows Vista SP1 and later: msstd:{name} is neither a subject CN nor a SAN DNS name of the certificate (CN: {}; SAN DNS: {}).",
                name_list(&cns(leaf), 5),
                name_list(leaf.dns_names(), 8)
            );
            if let Some(pattern) = too_deep_for {
                message.push_str(&format!(
                    " The wildcard \"{pattern}\" covers one label only, and \"{name}\" is deeper."
                ));
            }
            if *san_unreadable {
                message.push_str(" The SAN extension could not be decoded, so its names are unknown.");
            }
            push(out, &rules::MODERN_NO_MATCH, message);
        }
    }
}

fn legacy(matches: &ClientMatches, leaf: &CertificateFacts, out: &mut Vec<Finding>) {
    let name = &matches.name;
    let mut push = |rule: &'static Rule, message: String| {
        out.push(Finding::new(
            rule,
            Topic::LegacyWindows,
            format!("Legacy Windows (XP, 2003, Vista RTM): {message}"),
        ));
    };
    if let Some(email) = &matches.legacy_san_email {
        push(&rules::LEGACY_SAN_EMAIL, format!("the SAN holds the e-mail address \"{email}\"; whether Windows derives the name from it instead of the CN is unknown (if it does, msstd:{name} fails)."));
    }
    match &matches.legacy_windows {
        LegacyMatch::Email { email } => push(&rules::LEGACY_MATCH_EMAIL, format!("the subject e-mail address \"{email}\" is the name Windows derives, and it equals msstd:{name}.")),
        LegacyMatch::EmailInstead { email } => push(&rules::LEGACY_EMAIL_NAME, format!("the subject holds the e-mail address E={email}, so Windows derives \"{email}\" instead of the CN, which is not msstd:{name}. Request a certificate without an e-mail address in the subject.")),
        LegacyMatch::NoCn => push(&rules::LEGACY_NO_CN, format!("the certificate has no subject CN, so Windows derives no name to compare with msstd:{name}.")),
        LegacyMatch::SeveralCns { distinct, matching } => {
            let listed = name_list(&cns(leaf), 5);
            let detail = match matching {
                Some(cn) => format!("msstd:{name} equals only CN=\"{cn}\", so it passes only if Windows uses that one"),
                None => format!("msstd:{name} equals none of them"),
            };
            push(&rules::LEGACY_SEVERAL_CNS, format!("the subject has {distinct} different CN attributes ({listed}); which one Windows uses is unknown, and {detail}."));
            if matching.is_none() {
                push(&rules::LEGACY_NO_MATCH, format!("no CN ({listed}) equals msstd:{name}."));
            }
        }
        LegacyMatch::Cn { cn } => push(&rules::LEGACY_MATCH_CN, format!("Windows derives \"{cn}\" from the subject CN, and it equals msstd:{name}.")),
        LegacyMatch::SanOnly { cn, dns } => push(&rules::LEGACY_SAN_IGNORED, format!("msstd:{name} is only in the SAN (DNS name \"{dns}\"); Windows compares only the name derived from the CN, \"{cn}\".")),
        LegacyMatch::WildcardOnly { cn, field, pattern } => push(&rules::LEGACY_WILDCARD_NOT_EXPANDED, format!("msstd:{name} is covered only by the wildcard {} \"{pattern}\", and Windows does not expand wildcards: it compares \"{cn}\" literally.", field.label())),
        LegacyMatch::NoMatch { cn } => push(&rules::LEGACY_NO_MATCH, format!("Windows derives \"{cn}\" from the subject CN, which is not msstd:{name}.")),
    }
}

fn analyzer(matches: &ClientMatches, out: &mut Vec<Finding>) {
    let name = &matches.name;
    let (rule, message) = match &matches.connectivity_analyzer {
        AnalyzerMatch::Cn { cn } => (&rules::RCA_MATCH_CN, format!("the subject CN \"{cn}\" equals msstd:{name}: the test passes.")),
        AnalyzerMatch::SanOnly { dns } => (&rules::RCA_MATCH_SAN_ONLY, format!("msstd:{name} equals only the SAN DNS name \"{dns}\", not the CN; the test shows a warning (\"...a match was found in the subject alternative name extension\").")),
        AnalyzerMatch::WildcardOnly { field, pattern } => (&rules::RCA_WILDCARD_NOT_EXPANDED, format!("msstd:{name} is covered only by the wildcard {} \"{pattern}\", which the analyzer does not expand: \"Mutual Authentication could not be established.\"", field.label())),
        AnalyzerMatch::NoMatch => (&rules::RCA_NO_MATCH, format!("no CN or SAN equals msstd:{name}: \"Mutual Authentication could not be established.\"")),
    };
    out.push(Finding::new(
        rule,
        Topic::ConnectivityAnalyzer,
        format!("Remote Connectivity Analyzer: {message}"),
    ));
}

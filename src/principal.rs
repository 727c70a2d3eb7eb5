//! The principal name string (`msstd:mail.contoso.com`): parsed, cleaned up,
//! and every clean-up explained.

use serde::Serialize;

use crate::findings::{Finding, Topic};
use crate::rules;

/// What kind of principal name the string is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum PrincipalKind {
    /// `msstd:<name>` (possibly after clean-up the engineer should know about).
    Msstd,
    /// `fullsic:<chain>`: parsed and shown, not evaluated.
    Fullsic,
    /// Empty or `None`: no principal check.
    NotSet,
    /// Not a principal name Windows accepts (no `msstd:` prefix, a URL, nothing after the prefix).
    Malformed,
}

/// The parsed principal name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct Principal {
    /// The string as given.
    pub input: String,
    /// What kind of string it is.
    pub kind: PrincipalKind,
    /// The name compared with the certificate, after clean-up (no prefix).
    pub name: Option<String>,
    /// The name exactly as typed after the prefix, when it differs from `name`.
    pub literal_name: Option<String>,
    /// The string written the way Windows expects: `msstd:<name>`.
    pub corrected: Option<String>,
    /// For `fullsic:`, the names of the chain, issuer first.
    pub fullsic_chain: Option<Vec<String>>,
    /// True when Windows may see the string differently from the cleaned-up
    /// name (an unknown rule fired); the report then also evaluates it as typed.
    pub cleaned_up: bool,
}

/// The host inside a URL (`https://mail.contoso.com/rpc/rpcproxy.dll` gives `mail.contoso.com`).
pub fn host_from_url(text: &str) -> Option<String> {
    let (_, rest) = text.split_once("://")?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let authority = authority.rsplit('@').next().unwrap_or(authority);
    let host = if let Some(bracketed) = authority.strip_prefix('[') {
        bracketed.split(']').next().unwrap_or("")
    } else {
        authority.split(':').next().unwrap_or("")
    };
    // A trailing dot (the DNS root) is not part of the name a certificate carries.
    let host = host.trim_end_matches('.');
    (!host.is_empty()).then(|| host.to_string())
}

fn parse_fullsic(chain: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = chain.trim();
    while let Some(start) = rest.find('<') {
        let Some(end) = rest[start..].find('>') else {
            names.push(rest[start + 1..].to_string());
            break;
        };
        names.push(rest[start + 1..start + end].to_string());
        rest = &rest[start + end + 1..];
    }
    if names.is_empty() && !chain.trim().is_empty() {
        names.push(chain.trim().to_string());
    }
    names
}

/// Parse a principal name string. Findings explain every clean-up.
pub fn parse(input: &str, findings: &mut Vec<Finding>) -> Principal {
    let mut principal = Principal {
        input: input.to_string(),
        kind: PrincipalKind::Msstd,
        name: None,
        literal_name: None,
        corrected: None,
        fullsic_chain: None,
        cleaned_up: false,
    };
    let mut note = |rule: &'static rules::Rule, message: String| {
        findings.push(Finding::new(rule, Topic::Principal, message));
    };

    let mut text = input.trim();
    let unquoted_owned: String;
    let mut quoted = false;
    if text.len() != input.len() && !text.is_empty() {
        principal.cleaned_up = true;
        note(
            &rules::PRINCIPAL_WHITESPACE,
            format!("the principal name \"{input}\" has spaces around it; they were removed before comparing. Whether Windows ignores them is unknown: enter it without spaces."),
        );
    }
    if text.is_empty() || text.eq_ignore_ascii_case("none") {
        principal.kind = PrincipalKind::NotSet;
        note(
            &rules::PRINCIPAL_NOT_SET,
            if text.is_empty() {
                "no principal name was given: Outlook makes no mutual-authentication (principal name) check.".to_string()
            } else {
                "the principal name is \"None\": Outlook makes no mutual-authentication (principal name) check.".to_string()
            },
        );
        return principal;
    }
    // Quotes around the value, in any mix with spaces and a trailing dot
    // (`"msstd:x"`, `" msstd:x ".`): they all go; a dot is kept for the rule below.
    let core_end = text.trim_end_matches(is_end_junk);
    let tail = &text[core_end.len()..];
    if text.len() > 1 && (text.starts_with(QUOTES) || tail.contains(QUOTES)) {
        let core = core_end.trim_start_matches(|c: char| QUOTES.contains(&c) || c.is_whitespace());
        principal.cleaned_up = true;
        quoted = true;
        note(
            &rules::PRINCIPAL_QUOTED,
            format!("the principal name was wrapped in quotes; compared without them as \"{core}\". In PowerShell the quotes are fine; in Outlook's box, leave them out."),
        );
        unquoted_owned = format!("{core}{}", if tail.contains('.') { "." } else { "" });
        text = &unquoted_owned;
    }

    // The prefix.
    let (prefix, rest) = match text.split_once(':') {
        Some((prefix, rest)) if !prefix.contains('/') && !prefix.contains('.') => {
            (Some(prefix), rest)
        }
        _ => (None, text),
    };
    let prefix_is = |p: &str| prefix.is_some_and(|x| x.trim().eq_ignore_ascii_case(p));
    let mut name_text = rest;
    if prefix_is("fullsic") {
        principal.kind = PrincipalKind::Fullsic;
        let chain = parse_fullsic(rest);
        note(
            &rules::PRINCIPAL_FULLSIC,
            format!(
                "a fullsic: principal name (a chain of {} name(s), issuer first). Outlook does not use this form in practice, and this version does not evaluate it: the per-client verdicts are \"unknown\".",
                chain.len()
            ),
        );
        principal.fullsic_chain = Some(chain);
        return principal;
    }
    let mut malformed = false;
    if prefix_is("msstd") {
        let prefix = prefix.unwrap_or_default();
        if prefix != "msstd" {
            principal.cleaned_up = true;
            note(
                &rules::PRINCIPAL_PREFIX_CASE,
                format!("the prefix is written \"{prefix}:\", not \"msstd:\". Whether Windows accepts it is unknown: write it in lower case."),
            );
        }
        if name_text.trim().len() != name_text.len() && !name_text.trim().is_empty() {
            principal.cleaned_up = true;
            note(
                &rules::PRINCIPAL_WHITESPACE,
                format!("there are spaces after \"msstd:\" in \"{text}\"; they were removed before comparing. Whether Windows ignores them is unknown."),
            );
        }
    } else if let Some(host) = host_from_url(text) {
        malformed = true;
        name_text = "";
        principal.name = Some(host.clone());
        note(
            &rules::PRINCIPAL_WAS_URL,
            format!("\"{text}\" is a URL, not a principal name; Windows rejects it. The host it contains is {host}, so the principal name would be msstd:{host}."),
        );
    } else if let Some(prefix) = prefix {
        malformed = true;
        note(
            &rules::PRINCIPAL_PREFIX_MISSING,
            format!("\"{text}\" starts with \"{prefix}:\", which is not \"msstd:\"; Windows rejects a malformed principal name, so mutual authentication fails."),
        );
        name_text = "";
    } else {
        malformed = true;
        note(
            &rules::PRINCIPAL_PREFIX_MISSING,
            format!("\"{text}\" has no \"msstd:\" prefix; Windows rejects a malformed principal name, so mutual authentication fails. Written correctly it is msstd:{}.", text.trim_end_matches('.')),
        );
    }

    if !name_text.is_empty() || principal.name.is_none() {
        let literal = name_text;
        let mut name = literal.trim();
        // A URL after the prefix: msstd:https://mail.contoso.com/...
        let from_url = host_from_url(name);
        if let Some(host) = &from_url {
            malformed = true;
            note(
                &rules::PRINCIPAL_WAS_URL,
                format!("the principal name holds a URL (\"{name}\"), not a host name; Windows compares the whole text and fails. The host it contains is {host}."),
            );
            name = host;
        }
        // Dots, spaces and quotes in any mix at the end (`mail.contoso.com. "`) all go,
        // so that the corrected string needs no clean-up again.
        let end = name.trim_end_matches(is_end_junk);
        let tail = &name[end.len()..];
        if name.len() > 1 && tail.contains('.') {
            principal.cleaned_up = true;
            note(
                &rules::PRINCIPAL_TRAILING_DOT,
                format!("the name \"{name}\" ends with a dot; it was compared without it. Whether Windows ignores the dot is unknown: leave it out."),
            );
        }
        let start = end.trim_start_matches(|c: char| QUOTES.contains(&c) || c.is_whitespace());
        if tail.contains(QUOTES) || start.len() != end.len() {
            principal.cleaned_up = true;
            if !quoted {
                note(
                    &rules::PRINCIPAL_QUOTED,
                    format!("the name \"{name}\" has quotes around it; compared without them."),
                );
            }
        }
        name = start;
        if name.is_empty() {
            principal.kind = PrincipalKind::Malformed;
            note(
                &rules::PRINCIPAL_EMPTY_NAME,
                "the principal name has nothing after \"msstd:\"; Windows rejects it.".to_string(),
            );
            return principal;
        }
        if name.contains('*') {
            note(
                &rules::PRINCIPAL_WILDCARD_LITERAL,
                format!("\"{name}\" contains \"*\": in a principal name it is not a pattern, so it matches only a certificate that literally carries \"{name}\" (as a CN or DNS name)."),
            );
        }
        if has_single_backslash(name) {
            note(
                &rules::PRINCIPAL_BACKSLASH,
                format!("\"{name}\" contains a single backslash; Windows doubles every backslash of the certificate name before comparing, so write each backslash twice."),
            );
        }
        if literal != name {
            principal.literal_name = Some(literal.to_string());
        }
        principal.name = Some(name.to_string());
    }
    if malformed {
        principal.kind = PrincipalKind::Malformed;
    }
    principal.corrected = principal.name.as_ref().map(|n| format!("msstd:{n}"));
    principal
}

/// Quote marks a pasted value may carry.
const QUOTES: [char; 4] = ['"', '\'', '\u{201C}', '\u{201D}'];

/// What may trail a value and is not part of the name: dots, spaces, quotes.
fn is_end_junk(c: char) -> bool {
    c == '.' || c.is_whitespace() || QUOTES.contains(&c)
}

/// True when the name holds a backslash that is not part of a doubled pair.
fn has_single_backslash(name: &str) -> bool {
    name.split(|c| c != '\\').any(|run| run.len() % 2 == 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(input: &str) -> (Principal, Vec<&'static str>) {
        let mut findings = Vec::new();
        let p = parse(input, &mut findings);
        (p, findings.iter().map(|f| f.code).collect())
    }

    #[test]
    fn plain_msstd_needs_no_cleanup() {
        let (p, codes) = codes("msstd:mail.contoso.com");
        assert_eq!(p.kind, PrincipalKind::Msstd);
        assert_eq!(p.name.as_deref(), Some("mail.contoso.com"));
        assert!(!p.cleaned_up);
        assert!(codes.is_empty());
    }

    #[test]
    fn none_and_empty_are_not_set() {
        assert_eq!(codes("None").0.kind, PrincipalKind::NotSet);
        assert_eq!(codes("  ").0.kind, PrincipalKind::NotSet);
        assert_eq!(codes("").1, ["PRINCIPAL_NOT_SET"]);
    }

    #[test]
    fn missing_prefix_is_malformed_with_a_correction() {
        let (p, codes) = codes("mail.contoso.com");
        assert_eq!(p.kind, PrincipalKind::Malformed);
        assert_eq!(p.corrected.as_deref(), Some("msstd:mail.contoso.com"));
        assert_eq!(codes, ["PRINCIPAL_PREFIX_MISSING"]);
    }

    #[test]
    fn url_gives_its_host() {
        let (p, codes) = codes("https://mail.contoso.com/rpc/rpcproxy.dll");
        assert_eq!(p.kind, PrincipalKind::Malformed);
        assert_eq!(p.corrected.as_deref(), Some("msstd:mail.contoso.com"));
        assert_eq!(codes, ["PRINCIPAL_WAS_URL"]);
    }

    #[test]
    fn unknown_cleanups_are_flagged() {
        let (p, codes) = codes(" MSSTD:mail.contoso.com. ");
        assert_eq!(p.kind, PrincipalKind::Msstd);
        assert!(p.cleaned_up);
        assert_eq!(p.name.as_deref(), Some("mail.contoso.com"));
        assert_eq!(
            codes,
            [
                "PRINCIPAL_WHITESPACE",
                "PRINCIPAL_PREFIX_CASE",
                "PRINCIPAL_TRAILING_DOT"
            ]
        );
    }

    #[test]
    fn fullsic_is_parsed() {
        let (p, codes) = codes(r"fullsic:<CN=Root>\<CN=mail.contoso.com>");
        assert_eq!(p.kind, PrincipalKind::Fullsic);
        assert_eq!(
            p.fullsic_chain,
            Some(vec![
                "CN=Root".to_string(),
                "CN=mail.contoso.com".to_string()
            ])
        );
        assert_eq!(codes, ["PRINCIPAL_FULLSIC"]);
    }

    #[test]
    fn a_dot_after_the_closing_quote_is_not_part_of_the_name() {
        // Found by the principal fuzzer: the name kept its closing quote.
        let (p, codes) = codes("\"msstd:mail.contoso.com\".");
        assert_eq!(p.name.as_deref(), Some("mail.contoso.com"));
        assert_eq!(codes, ["PRINCIPAL_QUOTED", "PRINCIPAL_TRAILING_DOT"]);
        let crashes: [&[u8]; 5] = [
            b"\"msstd:\x80\x9dd\x02\".",
            b"msstd:m\\il\t*\0\0\0\"d:m\\il\t*\0\0\0\"\"\"\"\" \"\"\"\" ",
            b"msstd:m\\\n.",
            b"msstd:\xe2\x82\x9dci\" .",
            b"Msstd:'\t\t+\t\x08",
        ];
        for crash in crashes {
            let first = parse(&String::from_utf8_lossy(crash), &mut Vec::new());
            let again = parse(first.corrected.as_deref().unwrap_or(""), &mut Vec::new());
            assert_eq!(again.name, first.name, "{crash:?}");
        }
    }

    #[test]
    fn backslash_runs() {
        assert!(has_single_backslash(r"a\b"));
        assert!(!has_single_backslash(r"a\\b"));
        assert!(has_single_backslash(r"a\\\b"));
    }
}

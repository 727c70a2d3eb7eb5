//! The principal name string (`msstd:mail.contoso.com`): parsed, cleaned up,
//! and every clean-up explained.

use serde::Serialize;

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
    /// Every clean-up and remark, in the order made (worded as findings).
    #[serde(skip)]
    #[cfg_attr(feature = "typescript", ts(skip))]
    pub notes: Vec<PrincipalNote>,
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

/// A clean-up or remark made while parsing the principal string; each names
/// its rule, and [`crate::explain`] words it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PrincipalNote {
    /// The value was pasted with its label, which was taken off.
    Unwrapped {
        /// The label as pasted (`CertPrincipalName :`, `<CertPrincipalName>`).
        label: String,
        /// The value inside.
        value: String,
    },
    /// Spaces around the whole string.
    OuterSpaces {
        /// The string as given.
        input: String,
    },
    /// Empty or `None`.
    NotSet {
        /// True for the literal `None`.
        literal_none: bool,
    },
    /// Quotes around the whole value.
    Quoted {
        /// The value inside the quotes.
        core: String,
    },
    /// A `fullsic:` name.
    Fullsic {
        /// How many names its chain has.
        names: usize,
    },
    /// The prefix in another case (`MSSTD:`).
    PrefixCase {
        /// The prefix as written.
        prefix: String,
    },
    /// Spaces after the prefix.
    SpacesAfterPrefix {
        /// The string.
        text: String,
    },
    /// A URL instead of a principal name.
    WasUrl {
        /// The string.
        text: String,
        /// The host inside it.
        host: String,
    },
    /// Another prefix than `msstd:`.
    OtherPrefix {
        /// The string.
        text: String,
        /// Its prefix.
        prefix: String,
    },
    /// No prefix at all.
    NoPrefix {
        /// The string.
        text: String,
    },
    /// A URL after the prefix.
    UrlAfterPrefix {
        /// The name as written.
        name: String,
        /// The host inside it.
        host: String,
    },
    /// A trailing dot.
    TrailingDot {
        /// The name as written.
        name: String,
    },
    /// Quotes around the name (after the prefix).
    NameQuoted {
        /// The name as written.
        name: String,
    },
    /// Nothing after `msstd:`.
    EmptyName,
    /// A `*` in the name: not a pattern.
    WildcardLiteral {
        /// The name.
        name: String,
    },
    /// A single backslash.
    SingleBackslash {
        /// The name.
        name: String,
    },
}

impl PrincipalNote {
    /// The rule this note raises.
    pub fn rule(&self) -> &'static rules::Rule {
        match self {
            PrincipalNote::OuterSpaces { .. } | PrincipalNote::SpacesAfterPrefix { .. } => {
                &rules::PRINCIPAL_WHITESPACE
            }
            PrincipalNote::NotSet { .. } => &rules::PRINCIPAL_NOT_SET,
            PrincipalNote::Unwrapped { .. } => &rules::PRINCIPAL_UNWRAPPED,
            PrincipalNote::Quoted { .. } | PrincipalNote::NameQuoted { .. } => {
                &rules::PRINCIPAL_QUOTED
            }
            PrincipalNote::Fullsic { .. } => &rules::PRINCIPAL_FULLSIC,
            PrincipalNote::PrefixCase { .. } => &rules::PRINCIPAL_PREFIX_CASE,
            PrincipalNote::WasUrl { .. } | PrincipalNote::UrlAfterPrefix { .. } => {
                &rules::PRINCIPAL_WAS_URL
            }
            PrincipalNote::OtherPrefix { .. } | PrincipalNote::NoPrefix { .. } => {
                &rules::PRINCIPAL_PREFIX_MISSING
            }
            PrincipalNote::TrailingDot { .. } => &rules::PRINCIPAL_TRAILING_DOT,
            PrincipalNote::EmptyName => &rules::PRINCIPAL_EMPTY_NAME,
            PrincipalNote::WildcardLiteral { .. } => &rules::PRINCIPAL_WILDCARD_LITERAL,
            PrincipalNote::SingleBackslash { .. } => &rules::PRINCIPAL_BACKSLASH,
        }
    }
}

/// The parser's state between steps.
struct Parsing {
    principal: Principal,
    quoted: bool,
    malformed: bool,
}

impl Parsing {
    fn note(&mut self, note: PrincipalNote) {
        self.principal.notes.push(note);
    }
}

/// Parse a principal name string. Its notes explain every clean-up.
pub fn parse(input: &str) -> Principal {
    let mut state = Parsing {
        principal: Principal {
            input: input.to_string(),
            kind: PrincipalKind::Msstd,
            name: None,
            literal_name: None,
            corrected: None,
            fullsic_chain: None,
            cleaned_up: false,
            notes: Vec::new(),
        },
        quoted: false,
        malformed: false,
    };
    let (label, unwrapped) = unwrap_label(input);
    let input = match label {
        // The spaces around a pasted label's value belong to the label's layout.
        Some(label) => {
            let value = unwrapped.trim();
            state.note(PrincipalNote::Unwrapped {
                label,
                value: value.to_string(),
            });
            value
        }
        None => unwrapped,
    };
    let trimmed = input.trim();
    if trimmed.len() != input.len() && !trimmed.is_empty() {
        state.principal.cleaned_up = true;
        state.note(PrincipalNote::OuterSpaces {
            input: input.to_string(),
        });
    }
    if trimmed.is_empty() || trimmed.eq_ignore_ascii_case("none") {
        state.principal.kind = PrincipalKind::NotSet;
        state.note(PrincipalNote::NotSet {
            literal_none: !trimmed.is_empty(),
        });
        return state.principal;
    }
    let text = strip_outer_quotes(&mut state, trimmed);
    let Some(name_text) = read_prefix(&mut state, &text) else {
        return state.principal;
    };
    if !name_text.is_empty() || state.principal.name.is_none() {
        read_name(&mut state, &name_text);
    }
    if state.malformed && state.principal.kind == PrincipalKind::Msstd {
        state.principal.kind = PrincipalKind::Malformed;
    }
    if state.principal.kind != PrincipalKind::Fullsic {
        state.principal.corrected = state.principal.name.as_ref().map(|n| format!("msstd:{n}"));
    }
    state.principal
}

/// A value pasted with its label: `CertPrincipalName : msstd:x` (Get-OutlookProvider),
/// `-CertPrincipalName:"msstd:x"` (the cmdlet's parameter), or
/// `<CertPrincipalName>msstd:x</CertPrincipalName>` (Autodiscover). Gives the label
/// taken off, if any, and the value.
fn unwrap_label(input: &str) -> (Option<String>, &str) {
    const NAME: &str = "certprincipalname";
    let text = input.trim();
    let lower = text.to_ascii_lowercase();
    if let Some(inner) = lower
        .strip_prefix("<certprincipalname>")
        .and_then(|rest| rest.strip_suffix("</certprincipalname>"))
    {
        let start = "<certprincipalname>".len();
        let value = &text[start..start + inner.len()];
        return (Some(text[..start].to_string()), value);
    }
    let dashed = lower.strip_prefix('-').unwrap_or(&lower);
    let Some(rest) = dashed.strip_prefix(NAME) else {
        return (None, input);
    };
    let after_name = text.len() - rest.len();
    let separator = rest.trim_start();
    let Some(value) = separator
        .strip_prefix(':')
        .or_else(|| separator.strip_prefix('='))
    else {
        return (None, input);
    };
    let value_start = text.len() - value.len();
    let label = text[..value_start].trim_end().to_string();
    debug_assert!(after_name <= value_start);
    (Some(label), &text[value_start..])
}

/// Quotes around the value, in any mix with spaces and a trailing dot
/// (`"msstd:x"`, `" msstd:x ".`): they all go; a dot is kept for the name step.
fn strip_outer_quotes(state: &mut Parsing, text: &str) -> String {
    let core_end = text.trim_end_matches(is_end_junk);
    let tail = &text[core_end.len()..];
    if text.len() > 1 && (text.starts_with(QUOTES) || tail.contains(QUOTES)) {
        let core = core_end.trim_start_matches(|c: char| QUOTES.contains(&c) || c.is_whitespace());
        state.principal.cleaned_up = true;
        state.quoted = true;
        state.note(PrincipalNote::Quoted {
            core: core.to_string(),
        });
        return format!("{core}{}", if tail.contains('.') { "." } else { "" });
    }
    text.to_string()
}

/// The prefix: `fullsic:` ends the parse (None); `msstd:` in any case, a URL,
/// another prefix or none give the text of the name (empty when there is none).
fn read_prefix(state: &mut Parsing, text: &str) -> Option<String> {
    let (prefix, rest) = match text.split_once(':') {
        Some((prefix, rest)) if !prefix.contains('/') && !prefix.contains('.') => {
            (Some(prefix), rest)
        }
        _ => (None, text),
    };
    let prefix_is = |p: &str| prefix.is_some_and(|x| x.trim().eq_ignore_ascii_case(p));
    if prefix_is("fullsic") {
        let chain = parse_fullsic(rest);
        state.principal.kind = PrincipalKind::Fullsic;
        state.note(PrincipalNote::Fullsic { names: chain.len() });
        state.principal.fullsic_chain = Some(chain);
        return None;
    }
    if let Some(prefix) = prefix.filter(|_| prefix_is("msstd")) {
        if prefix != "msstd" {
            state.principal.cleaned_up = true;
            state.note(PrincipalNote::PrefixCase {
                prefix: prefix.to_string(),
            });
        }
        if rest.trim().len() != rest.len() && !rest.trim().is_empty() {
            state.principal.cleaned_up = true;
            state.note(PrincipalNote::SpacesAfterPrefix {
                text: text.to_string(),
            });
        }
        return Some(rest.to_string());
    }
    state.malformed = true;
    if let Some(host) = host_from_url(text) {
        state.principal.name = Some(host.clone());
        state.note(PrincipalNote::WasUrl {
            text: text.to_string(),
            host,
        });
        return Some(String::new());
    }
    match prefix {
        Some(prefix) => {
            state.note(PrincipalNote::OtherPrefix {
                text: text.to_string(),
                prefix: prefix.to_string(),
            });
            Some(String::new())
        }
        None => {
            state.note(PrincipalNote::NoPrefix {
                text: text.to_string(),
            });
            Some(text.to_string())
        }
    }
}

/// The name after the prefix: a URL gives its host; dots, spaces and quotes in
/// any mix at the end go (so the corrected string needs no clean-up again).
fn read_name(state: &mut Parsing, literal: &str) {
    let mut name = literal.trim().to_string();
    if let Some(host) = host_from_url(&name) {
        state.malformed = true;
        state.note(PrincipalNote::UrlAfterPrefix {
            name: name.clone(),
            host: host.clone(),
        });
        name = host;
    }
    let end = name.trim_end_matches(is_end_junk);
    let tail = &name[end.len()..];
    if name.len() > 1 && tail.contains('.') {
        state.principal.cleaned_up = true;
        state.note(PrincipalNote::TrailingDot { name: name.clone() });
    }
    let start = end.trim_start_matches(|c: char| QUOTES.contains(&c) || c.is_whitespace());
    if tail.contains(QUOTES) || start.len() != end.len() {
        state.principal.cleaned_up = true;
        if !state.quoted {
            state.note(PrincipalNote::NameQuoted { name: name.clone() });
        }
    }
    let name = start.to_string();
    if name.is_empty() {
        state.principal.kind = PrincipalKind::Malformed;
        state.note(PrincipalNote::EmptyName);
        return;
    }
    if name.contains('*') {
        state.note(PrincipalNote::WildcardLiteral { name: name.clone() });
    }
    if has_single_backslash(&name) {
        state.note(PrincipalNote::SingleBackslash { name: name.clone() });
    }
    if literal != name {
        state.principal.literal_name = Some(literal.to_string());
    }
    state.principal.name = Some(name);
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
        let p = parse(input);
        let codes = p.notes.iter().map(|n| n.rule().code.as_str()).collect();
        (p, codes)
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
            let first = parse(&String::from_utf8_lossy(crash));
            let again = parse(first.corrected.as_deref().unwrap_or(""));
            assert_eq!(again.name, first.name, "{crash:?}");
        }
    }

    #[test]
    fn a_pasted_label_is_taken_off() {
        for pasted in [
            "CertPrincipalName : msstd:mail.contoso.com",
            "CertPrincipalName: msstd:mail.contoso.com",
            "-CertPrincipalName:\"msstd:mail.contoso.com\"",
            "<CertPrincipalName>msstd:mail.contoso.com</CertPrincipalName>",
        ] {
            let (p, codes) = codes(pasted);
            assert_eq!(p.kind, PrincipalKind::Msstd, "{pasted}");
            assert_eq!(p.name.as_deref(), Some("mail.contoso.com"), "{pasted}");
            assert_eq!(codes.first(), Some(&"PRINCIPAL_UNWRAPPED"), "{pasted}");
        }
        assert_eq!(
            codes("CertPrincipalName : None").0.kind,
            PrincipalKind::NotSet
        );
        assert_eq!(codes("CertPrincipalNameX").0.kind, PrincipalKind::Malformed);
    }

    #[test]
    fn backslash_runs() {
        assert!(has_single_backslash(r"a\b"));
        assert!(!has_single_backslash(r"a\\b"));
        assert!(has_single_backslash(r"a\\\b"));
    }
}

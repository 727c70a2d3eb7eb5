//! The per-client comparison of the principal name with the certificate, as
//! `msstd-rules.md` describes each Windows client. Each client's result is a
//! typed [`ModernMatch`], [`LegacyMatch`] or [`AnalyzerMatch`]: which field
//! matched, or why none did. [`crate::explain`] words them.

use serde::Serialize;

use crate::cert::CertificateFacts;
use crate::matching::{compare, ends_with_ignoring_case, wildcard_covers, windows_form, NameMatch};
use crate::verdict::{ClientVerdicts, Verdict};

/// The certificate field a name was found in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// A subject common name.
    Cn,
    /// A SAN dNSName.
    SanDns,
}

impl Field {
    /// The field as messages name it.
    pub fn label(self) -> &'static str {
        match self {
            Field::Cn => "subject CN",
            Field::SanDns => "SAN DNS name",
        }
    }
}

/// How Windows Vista SP1 and later compare: a CN, a SAN dNSName, or a wildcard one label deep.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum ModernMatch {
    /// The name equals a CN or a SAN dNSName.
    Name {
        /// Which field.
        field: Field,
        /// The value it equals (in the form Windows derives).
        value: String,
        /// True when it is equal only when case is ignored.
        ignoring_case: bool,
    },
    /// A wildcard CN or SAN covers the name.
    Wildcard {
        /// Which field.
        field: Field,
        /// The wildcard pattern.
        pattern: String,
    },
    /// Not among the names shown, but PowerShell cut the list short: unknown.
    NotShown,
    /// Nothing matches.
    NoMatch {
        /// A wildcard that would cover the name if it were one label less deep.
        too_deep_for: Option<String>,
        /// True when the SAN extension could not be decoded (its names are unknown).
        san_unreadable: bool,
    },
}

/// How legacy Windows (XP, 2003, Vista RTM) compare: only the one name it derives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum LegacyMatch {
    /// The subject e-mail address is the derived name, and it equals the principal.
    Email {
        /// The e-mail address.
        email: String,
    },
    /// The subject holds an e-mail address, so that is derived instead of the CN.
    EmailInstead {
        /// The e-mail address.
        email: String,
    },
    /// No subject CN: nothing to derive.
    NoCn,
    /// Several different CNs: which one is used is unknown.
    SeveralCns {
        /// How many different CNs.
        distinct: usize,
        /// The one that equals the principal, if any.
        matching: Option<String>,
    },
    /// The derived CN equals the principal.
    Cn {
        /// The CN.
        cn: String,
    },
    /// The principal is only a SAN dNSName.
    SanOnly {
        /// The derived CN.
        cn: String,
        /// The SAN that equals it.
        dns: String,
    },
    /// The principal is covered only by a wildcard, which is not expanded.
    WildcardOnly {
        /// The derived CN.
        cn: String,
        /// The wildcard's field.
        field: Field,
        /// The wildcard.
        pattern: String,
    },
    /// The derived CN is another name.
    NoMatch {
        /// The derived CN.
        cn: String,
    },
}

/// How the Remote Connectivity Analyzer compares: the CN passes, a SAN only warns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum AnalyzerMatch {
    /// A CN equals the principal.
    Cn {
        /// The CN.
        cn: String,
    },
    /// Only a SAN dNSName equals it: a warning.
    SanOnly {
        /// The SAN.
        dns: String,
    },
    /// Only a wildcard covers it, which the analyzer does not expand.
    WildcardOnly {
        /// The wildcard's field.
        field: Field,
        /// The wildcard.
        pattern: String,
    },
    /// Not the CN, and not among the SAN names shown of a list PowerShell cut short.
    NotShown,
    /// Nothing equals it.
    NoMatch,
}

/// The principal name against the leaf, for every client.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct ClientMatches {
    /// The name compared (after clean-up, no prefix).
    pub name: String,
    /// Windows Vista SP1 and later.
    pub modern_windows: ModernMatch,
    /// Windows XP, Server 2003, Vista RTM.
    pub legacy_windows: LegacyMatch,
    /// The first rfc822Name SAN, which legacy Windows may derive instead (unknown).
    pub legacy_san_email: Option<String>,
    /// The Remote Connectivity Analyzer.
    pub connectivity_analyzer: AnalyzerMatch,
}

impl ModernMatch {
    /// The verdict this outcome gives.
    pub fn verdict(&self) -> Verdict {
        match self {
            ModernMatch::NoMatch { .. } => Verdict::Fail,
            ModernMatch::NotShown => Verdict::Unknown,
            _ => Verdict::Pass,
        }
    }
}

impl LegacyMatch {
    /// The verdict this outcome gives.
    pub fn verdict(&self) -> Verdict {
        match self {
            LegacyMatch::Email { .. } | LegacyMatch::Cn { .. } => Verdict::Pass,
            _ => Verdict::Fail,
        }
    }
}

impl AnalyzerMatch {
    /// The verdict this outcome gives.
    pub fn verdict(&self) -> Verdict {
        match self {
            AnalyzerMatch::Cn { .. } => Verdict::Pass,
            AnalyzerMatch::SanOnly { .. } => Verdict::Warn,
            AnalyzerMatch::NotShown => Verdict::Unknown,
            _ => Verdict::Fail,
        }
    }
}

impl ClientMatches {
    /// Compare `name` (no prefix) with `leaf` for every client.
    pub fn of(name: &str, leaf: &CertificateFacts) -> ClientMatches {
        let names = Names::of(leaf);
        ClientMatches {
            name: name.to_string(),
            modern_windows: modern(name, leaf, &names),
            legacy_windows: legacy(name, leaf, &names),
            legacy_san_email: names.san_email_for_legacy(leaf),
            connectivity_analyzer: analyzer(name, leaf, &names),
        }
    }

    /// The verdict for each client.
    pub fn verdicts(&self) -> ClientVerdicts {
        ClientVerdicts {
            modern_windows: self.modern_windows.verdict(),
            legacy_windows: self.legacy_windows.verdict(),
            connectivity_analyzer: self.connectivity_analyzer.verdict(),
        }
    }
}

/// The verdicts of `name` against `leaf`, without keeping the details (fix candidates).
pub fn verdicts_for(name: &str, leaf: &CertificateFacts) -> ClientVerdicts {
    ClientMatches::of(name, leaf).verdicts()
}

/// The leaf's names in the form Windows compares them.
struct Names<'a> {
    cns: Vec<String>,
    dns: &'a [String],
}

impl<'a> Names<'a> {
    fn of(leaf: &'a CertificateFacts) -> Self {
        Names {
            cns: leaf
                .common_names
                .iter()
                .map(|cn| windows_form(cn))
                .collect(),
            dns: leaf.dns_names(),
        }
    }

    /// The first CN, then SAN, wildcard that covers `name`.
    fn wildcard(&self, name: &str) -> Option<(Field, &String)> {
        let cns = self.cns.iter().map(|n| (Field::Cn, n));
        let dns = self.dns.iter().map(|n| (Field::SanDns, n));
        cns.chain(dns).find(|(_, p)| wildcard_covers(p, name))
    }

    /// The e-mail SAN legacy Windows may derive, unless a subject e-mail comes first.
    fn san_email_for_legacy(&self, leaf: &CertificateFacts) -> Option<String> {
        if leaf.subject_emails.iter().any(|e| e.contains('@')) {
            return None;
        }
        leaf.subject_alt_names
            .as_ref()
            .and_then(|san| san.names.email.first().cloned())
    }
}

fn first_match<'n>(names: &'n [String], name: &str) -> Option<(&'n String, NameMatch)> {
    names.iter().find_map(|n| compare(n, name).map(|m| (n, m)))
}

fn modern(name: &str, leaf: &CertificateFacts, names: &Names<'_>) -> ModernMatch {
    let found = first_match(&names.cns, name)
        .map(|m| (Field::Cn, m))
        .or_else(|| first_match(names.dns, name).map(|m| (Field::SanDns, m)));
    if let Some((field, (value, how))) = found {
        return ModernMatch::Name {
            field,
            value: value.clone(),
            ignoring_case: how == NameMatch::IgnoringCase,
        };
    }
    if let Some((field, pattern)) = names.wildcard(name) {
        return ModernMatch::Wildcard {
            field,
            pattern: pattern.clone(),
        };
    }
    if leaf.names_truncated() {
        return ModernMatch::NotShown;
    }
    let too_deep_for = names
        .cns
        .iter()
        .chain(names.dns)
        .find(|p| {
            p.strip_prefix('*')
                .is_some_and(|tail| tail.starts_with('.') && ends_with_ignoring_case(name, tail))
        })
        .cloned();
    ModernMatch::NoMatch {
        too_deep_for,
        san_unreadable: leaf
            .subject_alt_names
            .as_ref()
            .is_some_and(|san| !san.readable),
    }
}

fn legacy(name: &str, leaf: &CertificateFacts, names: &Names<'_>) -> LegacyMatch {
    if let Some(email) = leaf.subject_emails.iter().find(|e| e.contains('@')) {
        let email = email.clone();
        return if compare(&windows_form(&email), name).is_some() {
            LegacyMatch::Email { email }
        } else {
            LegacyMatch::EmailInstead { email }
        };
    }
    let Some(first) = names.cns.first() else {
        return LegacyMatch::NoCn;
    };
    let mut distinct: Vec<&String> = Vec::new();
    for cn in &names.cns {
        if !distinct.iter().any(|d| compare(d, cn).is_some()) {
            distinct.push(cn);
        }
    }
    if distinct.len() > 1 {
        let matching = distinct.iter().find(|cn| compare(cn, name).is_some());
        return LegacyMatch::SeveralCns {
            distinct: distinct.len(),
            matching: matching.map(|cn| (*cn).clone()),
        };
    }
    let cn = first.clone();
    if compare(&cn, name).is_some() {
        LegacyMatch::Cn { cn }
    } else if let Some((dns, _)) = first_match(names.dns, name) {
        LegacyMatch::SanOnly {
            cn,
            dns: dns.clone(),
        }
    } else if let Some((field, pattern)) = names.wildcard(name) {
        // A wildcard SAN is not read at all: blame the SAN, not wildcard expansion.
        match field {
            Field::Cn => LegacyMatch::WildcardOnly {
                cn,
                field,
                pattern: pattern.clone(),
            },
            Field::SanDns => LegacyMatch::SanOnly {
                cn,
                dns: pattern.clone(),
            },
        }
    } else {
        LegacyMatch::NoMatch { cn }
    }
}

fn analyzer(name: &str, leaf: &CertificateFacts, names: &Names<'_>) -> AnalyzerMatch {
    if let Some((cn, _)) = first_match(&names.cns, name) {
        return AnalyzerMatch::Cn { cn: cn.clone() };
    }
    if let Some((dns, _)) = first_match(names.dns, name) {
        return AnalyzerMatch::SanOnly { dns: dns.clone() };
    }
    match names.wildcard(name) {
        Some((field, pattern)) => AnalyzerMatch::WildcardOnly {
            field,
            pattern: pattern.clone(),
        },
        None if leaf.names_truncated() => AnalyzerMatch::NotShown,
        None => AnalyzerMatch::NoMatch,
    }
}

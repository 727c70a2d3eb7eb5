//! Which principal name and host to check, and where each came from: given
//! values win; otherwise the Exchange settings found in the input.

use serde::Serialize;

use crate::autodiscover::{ExchangeSettings, SettingsKind};
use crate::report::Options;

/// Where a value came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    /// Given by the user (`--msstd`, `--host`, the page's boxes).
    Given,
    /// An Autodiscover response in the input.
    Autodiscover,
    /// `Get-OutlookProvider` output in the input.
    OutlookProvider,
    /// A principal name written in the pasted text.
    Text,
    /// Nowhere: no value.
    None,
}

/// Where a value came from, with a sentence for people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct Source {
    /// What kind of source.
    pub kind: SourceKind,
    /// The source in words (`given`, `none`, `the Autodiscover response in a.xml (EXPR block)`).
    pub description: String,
}

impl Source {
    fn given() -> Source {
        Source {
            kind: SourceKind::Given,
            description: "given".into(),
        }
    }

    fn none() -> Source {
        Source {
            kind: SourceKind::None,
            description: "none".into(),
        }
    }

    fn settings(settings: &ExchangeSettings) -> Source {
        Source {
            kind: match settings.kind {
                SettingsKind::Autodiscover => SourceKind::Autodiscover,
                SettingsKind::OutlookProvider => SourceKind::OutlookProvider,
                SettingsKind::Mention => SourceKind::Text,
            },
            description: describe(settings),
        }
    }
}

/// The settings in words.
pub fn describe(settings: &ExchangeSettings) -> String {
    let what = match settings.kind {
        SettingsKind::Autodiscover => "the Autodiscover response",
        SettingsKind::OutlookProvider => "the Get-OutlookProvider output",
        SettingsKind::Mention => "the text",
    };
    match &settings.protocol {
        Some(protocol) => format!("{what} in {} ({protocol} block)", settings.source),
        None => format!("{what} in {}", settings.source),
    }
}

/// Something said about the choice (worded by [`crate::explain`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SettingsNote {
    /// The given principal is checked, not the one in the settings.
    Overridden {
        /// The given value.
        given: String,
        /// The settings' value.
        value: String,
        /// Index of the settings.
        settings: usize,
    },
    /// The principal came from the settings.
    PrincipalFrom {
        /// Index of the settings.
        settings: usize,
    },
    /// The host came from the settings' `Server`.
    HostFrom {
        /// Index of the settings.
        settings: usize,
    },
    /// The settings offer MAPI over HTTP.
    MapiHttp {
        /// Index of the settings.
        settings: usize,
    },
    /// The host is Exchange Online.
    ExchangeOnline,
}

/// The values chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chosen {
    /// The principal string to parse (empty: none).
    pub principal: String,
    /// Where it came from.
    pub principal_source: Source,
    /// The host, as given or found.
    pub host: Option<String>,
    /// Where it came from.
    pub host_source: Source,
    /// What to say about the choice.
    pub notes: Vec<SettingsNote>,
}

fn non_empty(value: Option<&str>) -> Option<&str> {
    value.filter(|v| !v.trim().is_empty())
}

/// Explicit options win; otherwise the Exchange settings found in the input.
pub fn choose(options: &Options, settings: &[ExchangeSettings]) -> Chosen {
    let mut notes = Vec::new();
    let (principal, principal_source) = choose_principal(options, settings, &mut notes);
    let with_host = settings.iter().position(|s| s.server.is_some());
    let (host, host_source) = match (non_empty(options.host.as_deref()), with_host) {
        (Some(given), _) => (Some(given.to_string()), Source::given()),
        (None, Some(i)) => {
            notes.push(SettingsNote::HostFrom { settings: i });
            (settings[i].server.clone(), Source::settings(&settings[i]))
        }
        (None, None) => (None, Source::none()),
    };
    if let Some(i) = settings.iter().position(|s| s.mapi_http) {
        notes.push(SettingsNote::MapiHttp { settings: i });
    }
    if host.as_deref().is_some_and(is_exchange_online) {
        notes.push(SettingsNote::ExchangeOnline);
    }
    Chosen {
        principal,
        principal_source,
        host,
        host_source,
        notes,
    }
}

fn choose_principal(
    options: &Options,
    settings: &[ExchangeSettings],
    notes: &mut Vec<SettingsNote>,
) -> (String, Source) {
    let exchange = |s: &ExchangeSettings| s.kind != SettingsKind::Mention;
    let with_principal = settings
        .iter()
        .position(|s| exchange(s) && (s.principal.is_some() || s.cert_principal_name.is_some()))
        .or_else(|| {
            settings
                .iter()
                .position(|s| s.kind == SettingsKind::Autodiscover)
        })
        .or_else(|| {
            settings
                .iter()
                .position(|s| s.kind == SettingsKind::Mention)
        });
    match (non_empty(options.principal.as_deref()), with_principal) {
        (Some(given), found) => {
            let value = found.and_then(|i| settings[i].principal.as_ref().map(|v| (v, i)));
            if let Some((value, i)) = value.filter(|(v, _)| v.trim() != given.trim()) {
                notes.push(SettingsNote::Overridden {
                    given: given.to_string(),
                    value: value.clone(),
                    settings: i,
                });
            }
            (given.to_string(), Source::given())
        }
        (None, Some(i)) => {
            notes.push(SettingsNote::PrincipalFrom { settings: i });
            let value = settings[i].principal.clone().unwrap_or_default();
            (value, Source::settings(&settings[i]))
        }
        (None, None) => (String::new(), Source::none()),
    }
}

/// Is this host Exchange Online?
fn is_exchange_online(host: &str) -> bool {
    let h = host.to_ascii_lowercase();
    h.ends_with("outlook.office365.com") || h.ends_with(".outlook.com") || h == "outlook.com"
}

//! The findings about where the principal name and host came from.

use crate::autodiscover::ExchangeSettings;
use crate::findings::{Finding, Topic};
use crate::rules;
use crate::settings::{describe, SettingsNote};

/// One finding per note, in order.
pub fn findings(notes: &[SettingsNote], settings: &[ExchangeSettings], out: &mut Vec<Finding>) {
    for note in notes {
        out.push(finding(note, settings));
    }
}

fn finding(note: &SettingsNote, settings: &[ExchangeSettings]) -> Finding {
    match note {
        SettingsNote::Overridden { given, value, settings: i } => Finding::new(
            &rules::SETTINGS_OVERRIDDEN,
            Topic::Principal,
            format!("the principal name given ({given}) is checked, not the one in {} ({value}).", describe(&settings[*i])),
        ),
        SettingsNote::PrincipalFrom { settings: i } => principal_from(&settings[*i]),
        SettingsNote::HostFrom { settings: i } => Finding::new(
            &rules::SETTINGS_USED,
            Topic::Host,
            format!(
                "the RPC proxy host {} comes from {} (Server).",
                settings[*i].server.as_deref().unwrap_or_default(),
                describe(&settings[*i])
            ),
        ),
        SettingsNote::MapiHttp { settings: i } => Finding::new(
            &rules::MAPI_OVER_HTTP,
            Topic::Principal,
            format!(
                "{} offers MAPI over HTTP: an Outlook that uses it makes no principal-name (mutual authentication) check. This analysis applies when the client uses RPC over HTTP (Outlook Anywhere).",
                describe(&settings[*i])
            ),
        ),
        SettingsNote::ExchangeOnline => Finding::new(
            &rules::EXCHANGE_ONLINE,
            Topic::Host,
            "this is Exchange Online, which stopped supporting RPC over HTTP on 2017-10-31: Outlook connects with MAPI over HTTP, where no principal-name check happens.",
        ),
    }
}

fn principal_from(found: &ExchangeSettings) -> Finding {
    let source = describe(found);
    let value = found.principal.clone().unwrap_or_default();
    if found.kind == crate::autodiscover::SettingsKind::Mention {
        return Finding::new(
            &rules::SETTINGS_FROM_TEXT,
            Topic::Principal,
            format!("no principal name was given, so {value}, written in {source}, is the one checked; give the principal name to check another."),
        );
    }
    if found.principal_derived {
        return Finding::new(
            &rules::SETTINGS_PRINCIPAL_DERIVED,
            Topic::Principal,
            format!("{source} has SSL on and no CertPrincipalName, so Outlook uses msstd:<Server>, here {value}."),
        );
    }
    let message = if value.is_empty() {
        format!(
            "{source} sets no principal name{}, so Outlook makes no principal check.",
            if found.ssl == Some(false) {
                " and SSL is off"
            } else {
                ""
            }
        )
    } else {
        format!("the principal name {value} comes from {source} (CertPrincipalName).")
    };
    Finding::new(&rules::SETTINGS_USED, Topic::Principal, message)
}

//! The verdict in one plain sentence.

use crate::principal::{Principal, PrincipalKind};
use crate::verdict::{ClientVerdicts, Verdict};

/// What the headline is worded from.
pub struct HeadlineInputs<'a> {
    /// The overall verdict.
    pub overall: Verdict,
    /// Per client.
    pub clients: &'a ClientVerdicts,
    /// The principal.
    pub principal: &'a Principal,
    /// True when a leaf was read.
    pub has_leaf: bool,
    /// False when only CA certificates were read.
    pub has_server_certificate: bool,
    /// The sentence of the first certificate-level failure, if any.
    pub blocker: Option<&'a str>,
    /// The first warning that weighs on the verdict, if any.
    pub first_warning: Option<&'a str>,
    /// True when the settings offer MAPI over HTTP.
    pub mapi_http: bool,
}

/// The headline.
pub fn headline(inputs: &HeadlineInputs<'_>) -> String {
    let text = verdict_sentence(inputs);
    if inputs.mapi_http {
        format!("This client is offered MAPI over HTTP, where mutual authentication does not apply. Over RPC over HTTP: {text}")
    } else {
        text
    }
}

fn verdict_sentence(inputs: &HeadlineInputs<'_>) -> String {
    let principal = inputs.principal;
    let shown = principal
        .corrected
        .clone()
        .unwrap_or_else(|| principal.input.trim().to_string());
    match inputs.overall {
        Verdict::Unknown if !inputs.has_leaf => {
            "Cannot tell: no certificate could be read from the input.".into()
        }
        Verdict::Unknown if !inputs.has_server_certificate => {
            "Cannot tell: the input holds only CA certificates, not the Exchange server's own certificate. Ask for the server certificate (see the fix).".into()
        }
        Verdict::Unknown => format!(
            "Cannot tell: {} is a fullsic: principal name, which this version does not evaluate.",
            principal.input.trim()
        ),
        Verdict::NotApplicable => "No principal name is set, so Outlook makes no mutual-authentication check, and the certificate itself passes the Outlook Anywhere checks.".into(),
        Verdict::Fail => match inputs.blocker {
            Some(reason) => format!("Outlook Anywhere will fail, whatever the principal name: {reason}"),
            None if principal.kind == PrincipalKind::Malformed => format!(
                "Mutual authentication will fail on every Windows client: \"{}\" is not a valid principal name{}.",
                principal.input.trim(),
                principal.corrected.as_ref().map(|c| format!(" (write it as {c})")).unwrap_or_default()
            ),
            None => format!("Mutual authentication will fail on every Windows client: {shown} does not match the certificate."),
        },
        Verdict::Pass => format!(
            "Mutual authentication will succeed on every Windows client: {shown} matches the certificate."
        ),
        Verdict::Warn => format!(
            "Works on current Windows (Vista SP1 and later) with {shown}, but {}.",
            caveats(inputs).join(", and ")
        ),
    }
}

fn caveats(inputs: &HeadlineInputs<'_>) -> Vec<String> {
    let mut caveats = Vec::new();
    if inputs.clients.legacy_windows != Verdict::Pass {
        caveats.push("fails on Windows XP, Server 2003 and Vista RTM".to_string());
    }
    match inputs.clients.connectivity_analyzer {
        Verdict::Warn => caveats.push("the Remote Connectivity Analyzer shows a warning".into()),
        Verdict::Fail => caveats.push("the Remote Connectivity Analyzer reports \"Mutual Authentication could not be established\"".into()),
        _ => {}
    }
    if caveats.is_empty() {
        caveats.push(match inputs.first_warning {
            Some(message) => format!("mind this: {}", message.trim_end_matches('.')),
            None => "see the warnings below".into(),
        });
    }
    caveats
}

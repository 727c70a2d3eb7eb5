//! The fix: the principal name that passes on every client, the exact
//! PowerShell line and Outlook setting, or the certificate to request.

use serde::Serialize;

use crate::cert::CertificateFacts;
use crate::findings::Finding;
use crate::matching::{compare, is_wildcard, windows_form};
use crate::principal::{Principal, PrincipalKind};
use crate::verdict::{evaluate_quietly, ClientVerdicts, Verdict};

/// The label of Outlook's setting, as Outlook shows it.
pub const OUTLOOK_SETTING_LABEL: &str =
    "Only connect to proxy servers that have this principal name in their certificate";

/// What to change.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct Fix {
    /// True when something must change for Outlook Anywhere to work everywhere.
    pub needed: bool,
    /// The recommended principal name (`msstd:…`), when one can be given.
    pub principal_name: Option<String>,
    /// How the recommended principal name fares on each client.
    pub principal_name_verdicts: Option<ClientVerdicts>,
    /// Every candidate principal name that passes on every client.
    pub passing_everywhere: Vec<String>,
    /// The Exchange Management Shell line that sets the recommended name.
    pub powershell: Option<String>,
    /// The value for Outlook's Exchange Proxy Settings box.
    pub outlook_setting: Option<String>,
    /// The certificate to request, when the certificate itself must change.
    pub certificate_request: Option<String>,
    /// The steps, in order, as plain sentences.
    pub steps: Vec<String>,
}

fn candidates(leaf: &CertificateFacts, principal: &Principal, host: Option<&str>) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    let mut add = |name: String| {
        if !name.is_empty() && !names.iter().any(|n| compare(n, &name).is_some()) {
            names.push(name);
        }
    };
    if let Some(name) = &principal.name {
        add(name.clone());
    }
    if let Some(host) = host {
        add(host.to_string());
    }
    leaf.common_names
        .iter()
        .for_each(|cn| add(windows_form(cn)));
    leaf.subject_emails
        .iter()
        .filter(|e| e.contains('@'))
        .for_each(|e| add(windows_form(e)));
    leaf.dns_names()
        .iter()
        .take(20)
        .for_each(|d| add(d.clone()));
    names
}

fn has(findings: &[Finding], code: &str) -> bool {
    findings.iter().any(|f| f.code == code)
}

/// Propose the fix for a report.
pub fn propose(
    principal: &Principal,
    current: ClientVerdicts,
    leaf: Option<&CertificateFacts>,
    host: Option<&str>,
    findings: &[Finding],
) -> Fix {
    let mut fix = Fix {
        needed: false,
        principal_name: None,
        principal_name_verdicts: None,
        passing_everywhere: Vec::new(),
        powershell: None,
        outlook_setting: None,
        certificate_request: None,
        steps: Vec::new(),
    };
    let Some(leaf) = leaf else {
        fix.needed = true;
        fix.steps.push("Ask the customer for the Exchange server's certificate (export it from the Exchange admin center, or run `Get-ExchangeCertificate` and export the one with the IIS service) as a .cer, .crt or .pem file.".into());
        return fix;
    };

    let scored: Vec<(String, ClientVerdicts)> = candidates(leaf, principal, host)
        .into_iter()
        .map(|name| {
            let verdicts = evaluate_quietly(&name, leaf);
            (name, verdicts)
        })
        .collect();
    fix.passing_everywhere = scored
        .iter()
        .filter(|(_, v)| v.all_pass())
        .map(|(n, _)| format!("msstd:{n}"))
        .collect();
    // Best first: passes everywhere, then modern + analyzer, then modern only;
    // among equals, the candidate order (current name, host, CN, e-mail, SANs).
    let rank = |v: &ClientVerdicts| {
        let pass = |x: Verdict| u8::from(x == Verdict::Pass);
        8 * pass(v.modern_windows)
            + 2 * pass(v.legacy_windows)
            + 2 * pass(v.connectivity_analyzer)
            + u8::from(v.connectivity_analyzer == Verdict::Warn)
    };
    let best = scored
        .iter()
        .filter(|(_, v)| v.modern_windows == Verdict::Pass)
        .max_by(|a, b| {
            rank(&a.1)
                .cmp(&rank(&b.1))
                .then(std::cmp::Ordering::Greater)
        });

    let current_is_best =
        principal.kind == PrincipalKind::Msstd && !principal.cleaned_up && current.all_pass();
    let tls_broken = [
        "HOST_NOT_COVERED",
        "VALIDITY_EXPIRED",
        "VALIDITY_NOT_YET",
        "EKU_NO_SERVER_AUTH",
    ]
    .iter()
    .any(|code| has(findings, code));

    if let Some((name, verdicts)) = best {
        let value = format!("msstd:{name}");
        fix.principal_name = Some(value.clone());
        fix.principal_name_verdicts = Some(*verdicts);
        fix.powershell = Some(format!(
            "Set-OutlookProvider EXPR -CertPrincipalName:\"{value}\""
        ));
        fix.outlook_setting = Some(value.clone());
        match principal.kind {
            PrincipalKind::NotSet => fix.steps.push(format!(
                "No principal name is set, so no principal check happens. To turn mutual authentication on, use {value}: on the Exchange server run {} (Outlook gets it through Autodiscover), or enter it in Outlook's Exchange Proxy Settings box \"{OUTLOOK_SETTING_LABEL}\".",
                fix.powershell.as_deref().unwrap_or_default()
            )),
            _ if current_is_best => {}
            _ => {
                fix.needed = true;
                fix.steps.push(format!(
                    "Set the principal name to {value}: on the Exchange server run {} (Outlook picks it up through Autodiscover), or for a single Outlook profile enter {value} in Exchange Proxy Settings, \"{OUTLOOK_SETTING_LABEL}\".",
                    fix.powershell.as_deref().unwrap_or_default()
                ));
            }
        }
        if !verdicts.all_pass() {
            fix.steps.push(format!(
                "No principal name passes on every client with this certificate: {value} works on Windows Vista SP1 and later{}.",
                if verdicts.legacy_windows == Verdict::Pass { "" } else { ", not on Windows XP, Server 2003 or Vista RTM" }
            ));
        }
    } else if principal.kind != PrincipalKind::NotSet {
        fix.needed = true;
        fix.steps.push("No principal name can pass with this certificate: it carries no usable CN or SAN DNS name.".into());
    }

    let names_poor = best.is_none_or(|(_, v)| !v.all_pass());
    if tls_broken || names_poor || has(findings, "CHAIN_SELF_SIGNED") {
        let cn = host
            .map(str::to_string)
            .or_else(|| principal.name.clone().filter(|n| !n.contains('*')))
            .or_else(|| leaf.common_names.iter().find(|c| !is_wildcard(c)).cloned())
            .or_else(|| leaf.dns_names().iter().find(|d| !is_wildcard(d)).cloned())
            .unwrap_or_else(|| "mail.contoso.com".into());
        let mut why = Vec::new();
        if has(findings, "HOST_NOT_COVERED") {
            why.push("the RPC proxy host name is not covered");
        }
        if has(findings, "VALIDITY_EXPIRED") {
            why.push("the certificate has expired");
        }
        if has(findings, "VALIDITY_NOT_YET") {
            why.push("the certificate is not valid yet");
        }
        if has(findings, "EKU_NO_SERVER_AUTH") {
            why.push("the certificate lacks the Server Authentication EKU");
        }
        if has(findings, "CHAIN_SELF_SIGNED") {
            why.push("the certificate is self-signed");
        }
        if names_poor {
            why.push("no principal name passes on every client");
        }
        if has(findings, "LEGACY_EMAIL_NAME") {
            why.push("the subject holds an e-mail address");
        }
        let request = format!(
            "Request a certificate from a public CA with subject CN={cn} (and no e-mail address in the subject), SAN DNS names {cn} plus the Autodiscover name (for example autodiscover.{}), the Server Authentication EKU, and a 2048-bit or larger RSA key; then set the principal name to msstd:{cn}.",
            cn.split_once('.').map_or(cn.as_str(), |(_, domain)| domain)
        );
        fix.steps
            .push(format!("Certificate: {} — {request}", why.join("; ")));
        fix.certificate_request = Some(request);
        fix.needed = true;
    }
    fix
}

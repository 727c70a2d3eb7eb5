//! The fix, decided from typed values: the principal name that passes on the
//! most clients, whether it must change, and whether the certificate itself
//! must be replaced (and why). [`crate::explain`] words it as a [`Fix`].

use serde::Serialize;

use crate::cert::CertificateFacts;
use crate::clients::{verdicts_for, ClientMatches, LegacyMatch};
use crate::matching::{compare, is_wildcard, windows_form};
use crate::principal::{Principal, PrincipalKind};
use crate::tls::Blocker;
use crate::verdict::{ClientVerdicts, Verdict};

/// The label of Outlook's setting, as Outlook shows it.
pub const OUTLOOK_SETTING_LABEL: &str =
    "Only connect to proxy servers that have this principal name in their certificate";

/// How many SAN names are tried as candidate principal names.
const SAN_CANDIDATES: usize = 20;

/// What to change, as the report shows it.
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
    /// Commands for the Exchange server (and a live check from a client), copy-ready.
    pub server_commands: Vec<ServerCommand>,
}

/// One command for the Exchange Management Shell (or a client), with what it does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct ServerCommand {
    /// The command line.
    pub command: String,
    /// What it does, and when to run it.
    pub purpose: String,
    /// How sure we are that it is the right command here.
    pub grade: crate::rules::Grade,
}

/// What to do about the principal name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrincipalChange {
    /// None is set: turning the check on is optional.
    TurnOn,
    /// The current one is already the best: keep it.
    Keep,
    /// Set the recommended one.
    Set,
}

/// Why the certificate itself must be replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CertificateReason {
    /// A TLS-level check fails.
    Blocked(Blocker),
    /// The leaf is self-signed.
    SelfSigned,
    /// No principal name passes on every client.
    NoNamePassesEverywhere,
    /// The subject holds an e-mail address (legacy Windows derives it).
    EmailInSubject,
}

/// The certificate to request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertificateNeed {
    /// The subject CN (and first SAN) it should carry.
    pub cn: String,
    /// Why, in the order the report names them.
    pub reasons: Vec<CertificateReason>,
    /// True when the principal name already set is `msstd:<cn>`.
    pub principal_is_cn: bool,
}

impl CertificateNeed {
    /// True when the certificate itself fails (a TLS-level check, self-signed),
    /// not only the names: the fix then starts with it.
    pub fn is_blocking(&self) -> bool {
        self.reasons.iter().any(|r| {
            matches!(
                r,
                CertificateReason::Blocked(_) | CertificateReason::SelfSigned
            )
        })
    }
}

/// The best candidate principal name and how it fares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// The name (no prefix).
    pub name: String,
    /// Its verdicts.
    pub verdicts: ClientVerdicts,
}

/// The fix, decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FixPlan {
    /// No certificate was read: ask for it.
    NoCertificate,
    /// Only CA certificates were read: ask for the server's own.
    NoServerCertificate {
        /// The RPC proxy host, to fill in the command that fetches it.
        host: Option<String>,
    },
    /// A certificate was read.
    Certificate {
        /// The best principal name (passes on modern Windows), if any.
        best: Option<Candidate>,
        /// What to do about the principal name when there is a best one.
        change: PrincipalChange,
        /// Every candidate that passes on every client.
        passing_everywhere: Vec<String>,
        /// No name can pass (a principal is set, and no candidate passes on modern Windows).
        no_name_possible: bool,
        /// The certificate to request, when it must change.
        certificate: Option<CertificateNeed>,
    },
}

/// What the fix is decided from.
pub struct FixInputs<'a> {
    /// The parsed principal.
    pub principal: &'a Principal,
    /// Its verdicts as given.
    pub current: ClientVerdicts,
    /// How it matched (when it was compared).
    pub matches: Option<&'a ClientMatches>,
    /// The leaf.
    pub leaf: Option<&'a CertificateFacts>,
    /// False when the leaf is a CA certificate (the server's own is missing).
    pub has_server_certificate: bool,
    /// The RPC proxy host.
    pub host: Option<&'a str>,
    /// The certificate-level failures.
    pub blockers: &'a [Blocker],
    /// True when the leaf is self-signed.
    pub self_signed: bool,
}

fn candidates(leaf: &CertificateFacts, principal: &Principal, host: Option<&str>) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    let mut add = |name: String| {
        if is_host_name(&name) && !names.iter().any(|n| compare(n, &name).is_some()) {
            names.push(name);
        }
    };
    principal.name.iter().for_each(|n| add(n.clone()));
    host.iter().for_each(|h| add(h.to_string()));
    leaf.common_names
        .iter()
        .for_each(|cn| add(windows_form(cn)));
    leaf.dns_names()
        .iter()
        .take(SAN_CANDIDATES)
        .for_each(|d| add(d.clone()));
    names
}

/// Is `name` a DNS host name (letters, digits, hyphens and underscores in
/// dot-separated labels), or a wildcard one (`*.contoso.com`, which Microsoft
/// documents as the principal for a wildcard certificate)? Only such names are
/// proposed: never a CA's name, an e-mail address or a URL.
pub fn is_host_name(name: &str) -> bool {
    let host = name.strip_prefix("*.").unwrap_or(name);
    !host.is_empty()
        && host.len() <= 253
        && host.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        })
}

/// Best first: passes everywhere, then modern + analyzer, then modern only.
fn rank(v: &ClientVerdicts) -> u8 {
    let pass = |x: Verdict| u8::from(x == Verdict::Pass);
    8 * pass(v.modern_windows)
        + 2 * pass(v.legacy_windows)
        + 2 * pass(v.connectivity_analyzer)
        + u8::from(v.connectivity_analyzer == Verdict::Warn)
}

/// Decide the fix.
pub fn plan(inputs: &FixInputs<'_>) -> FixPlan {
    let Some(leaf) = inputs.leaf else {
        return FixPlan::NoCertificate;
    };
    if !inputs.has_server_certificate {
        return FixPlan::NoServerCertificate {
            host: inputs.host.map(str::to_string),
        };
    }
    let principal = inputs.principal;
    let scored: Vec<Candidate> = candidates(leaf, principal, inputs.host)
        .into_iter()
        .map(|name| Candidate {
            verdicts: verdicts_for(&name, leaf),
            name,
        })
        .collect();
    let passing_everywhere = scored
        .iter()
        .filter(|c| c.verdicts.all_pass())
        .map(|c| format!("msstd:{}", c.name))
        .collect();
    // Among equals, the candidate order (current name, host, CN, e-mail, SANs).
    let best = scored
        .iter()
        .filter(|c| c.verdicts.modern_windows == Verdict::Pass)
        .fold(None::<&Candidate>, |best, c| match best {
            Some(b) if rank(&b.verdicts) >= rank(&c.verdicts) => Some(b),
            _ => Some(c),
        })
        .cloned();
    // The name already set is kept when it passes, or when nothing does better.
    let is_current = |b: &Candidate| {
        principal
            .name
            .as_deref()
            .is_some_and(|n| compare(n, &b.name).is_some())
    };
    let change = match principal.kind {
        PrincipalKind::NotSet => PrincipalChange::TurnOn,
        PrincipalKind::Msstd
            if !principal.cleaned_up
                && (inputs.current.all_pass() || best.as_ref().is_some_and(is_current)) =>
        {
            PrincipalChange::Keep
        }
        _ => PrincipalChange::Set,
    };
    let names_poor = best.as_ref().is_none_or(|b| !b.verdicts.all_pass());
    let certificate = certificate_need(inputs, leaf, names_poor);
    FixPlan::Certificate {
        no_name_possible: best.is_none() && principal.kind != PrincipalKind::NotSet,
        best,
        change,
        passing_everywhere,
        certificate,
    }
}

fn certificate_need(
    inputs: &FixInputs<'_>,
    leaf: &CertificateFacts,
    names_poor: bool,
) -> Option<CertificateNeed> {
    let order = [
        Blocker::HostNotCovered,
        Blocker::Expired,
        Blocker::NotYetValid,
        Blocker::NoServerAuth,
    ];
    let mut reasons: Vec<CertificateReason> = order
        .into_iter()
        .filter(|b| inputs.blockers.contains(b))
        .map(CertificateReason::Blocked)
        .collect();
    if reasons.is_empty() && !names_poor && !inputs.self_signed {
        return None;
    }
    if inputs.self_signed {
        reasons.push(CertificateReason::SelfSigned);
    }
    if names_poor {
        reasons.push(CertificateReason::NoNamePassesEverywhere);
    }
    let email = inputs
        .matches
        .is_some_and(|m| matches!(m.legacy_windows, LegacyMatch::EmailInstead { .. }));
    if email {
        reasons.push(CertificateReason::EmailInSubject);
    }
    let cn = inputs
        .host
        .map(str::to_string)
        .or_else(|| inputs.principal.name.clone().filter(|n| !n.contains('*')))
        .or_else(|| leaf.common_names.iter().find(|c| !is_wildcard(c)).cloned())
        .or_else(|| leaf.dns_names().iter().find(|d| !is_wildcard(d)).cloned())
        .filter(|cn| is_host_name(cn))
        .unwrap_or_else(|| "mail.contoso.com".into());
    let principal_is_cn = inputs.principal.kind == PrincipalKind::Msstd
        && inputs
            .principal
            .name
            .as_deref()
            .is_some_and(|n| compare(n, &cn).is_some());
    Some(CertificateNeed {
        cn,
        reasons,
        principal_is_cn,
    })
}

/// A command to run on the Exchange server, or from a client to check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ServerFix {
    /// Bind a listed certificate to IIS.
    EnableIis {
        /// Its thumbprint.
        thumbprint: String,
        /// Its subject, to name it.
        subject: String,
    },
    /// Request a new certificate from the server, then import and bind it.
    NewRequest {
        /// The subject CN.
        cn: String,
        /// The DNS names (the CN first).
        domains: Vec<String>,
    },
    /// Publish another Outlook Anywhere host name, one the certificate covers.
    SetExternalHostname {
        /// The virtual directory (`EX01\Rpc (Default Web Site)`).
        identity: String,
        /// The host name to publish.
        hostname: String,
    },
    /// Set the principal for internal clients too (Exchange 2013 and later).
    SetProviderExch {
        /// The principal (`msstd:…`).
        principal: String,
    },
    /// Check mutual authentication live from a Windows client.
    RpcPing {
        /// The RPC proxy host.
        proxy: String,
        /// The principal (`msstd:…`).
        principal: String,
    },
}

/// What the server-side commands are decided from.
pub struct ServerInputs<'a> {
    /// The shell output.
    pub server: &'a crate::server::ServerSide,
    /// What IIS serves.
    pub binding: &'a crate::server::Binding,
    /// The principal name Outlook should use after the fix (no prefix), if any.
    pub principal: Option<&'a str>,
    /// True when the principal must be set or changed.
    pub principal_changes: bool,
    /// The RPC proxy host.
    pub host: Option<&'a str>,
    /// The certificate-level failures.
    pub blockers: &'a [Blocker],
    /// The certificate to request, when one is needed.
    pub certificate: Option<&'a CertificateNeed>,
    /// The leaf analysed.
    pub leaf: Option<&'a CertificateFacts>,
}

/// The server-side commands, in the order to run them.
pub fn server_fixes(inputs: &ServerInputs<'_>) -> Vec<ServerFix> {
    let mut fixes = Vec::new();
    let exchange = !inputs.server.listed.is_empty() || !inputs.server.outlook_anywhere.is_empty();
    if let Some(fix) = enable_iis(inputs) {
        fixes.push(fix);
    } else if let Some(need) = inputs.certificate.filter(|_| exchange) {
        let mut domains = vec![need.cn.clone()];
        domains.extend(crate::explain::autodiscover_name(&need.cn));
        fixes.push(ServerFix::NewRequest {
            cn: need.cn.clone(),
            domains,
        });
    }
    if let Some(fix) = external_hostname(inputs) {
        fixes.push(fix);
    }
    if let Some(name) = inputs.principal.filter(|_| inputs.principal_changes) {
        if inputs.server.has_internal_hostname() {
            fixes.push(ServerFix::SetProviderExch {
                principal: format!("msstd:{name}"),
            });
        }
    }
    // The live check settles what is predicted; with a certificate-level failure
    // it can only fail, so it waits for the new certificate.
    if let (Some(proxy), Some(name)) = (inputs.host, inputs.principal) {
        if (exchange || inputs.leaf.is_some()) && inputs.blockers.is_empty() {
            fixes.push(ServerFix::RpcPing {
                proxy: proxy.to_string(),
                principal: format!("msstd:{name}"),
            });
        }
    }
    fixes
}

/// A listed certificate, not the one IIS serves, that the principal (or the host)
/// passes on current Windows: bind it.
fn enable_iis(inputs: &ServerInputs<'_>) -> Option<ServerFix> {
    use crate::server::Binding;
    let served_fails = match inputs.binding {
        Binding::NoIis => true,
        Binding::FileNotIis { .. } | Binding::SummaryOfIis { .. } => {
            inputs.certificate.is_some() || inputs.principal.is_none()
        }
        _ => false,
    };
    let name = inputs.principal.or(inputs.host)?;
    if !served_fails {
        return None;
    }
    let server = inputs.server;
    (0..server.listed.len())
        .filter(|i| server.listed[*i].cert.has_iis() != Some(true))
        .find_map(|i| {
            let listed = &server.listed[i];
            let facts = crate::cert::summary::from_exchange(i, &listed.cert, &listed.source);
            let verdicts = verdicts_for(name, &facts);
            let thumbprint = listed.thumbprint()?;
            (verdicts.modern_windows == Verdict::Pass).then(|| ServerFix::EnableIis {
                thumbprint: thumbprint.to_string(),
                subject: listed.cert.subject.clone().unwrap_or_default(),
            })
        })
}

/// When the published host is not covered but the certificate's CN is a host name.
fn external_hostname(inputs: &ServerInputs<'_>) -> Option<ServerFix> {
    if !inputs.blockers.contains(&Blocker::HostNotCovered) {
        return None;
    }
    let oa = inputs.server.external()?;
    let identity = oa.identity.clone()?;
    let cn = inputs.leaf?.common_names.first()?;
    (is_host_name(cn) && !cn.starts_with('*')).then(|| ServerFix::SetExternalHostname {
        identity,
        hostname: cn.clone(),
    })
}

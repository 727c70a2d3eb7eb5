//! The report: the one typed result of an analysis, and [`analyze`], which
//! builds it from inputs and options. Its JSON form is a public interface
//! (see `docs/report-json.md`).

use serde::Serialize;

use crate::autodiscover::{ExchangeSettings, SettingsKind};
use crate::cert::{read_certificate, rfc3339, CertificateFacts};
use crate::chain::choose_leaf;
use crate::checks;
use crate::findings::{Finding, Topic};
use crate::fix::{propose, Fix};
use crate::intake::{Intake, IntakeItem, Outcome};
use crate::principal::{self, Principal, PrincipalKind};
use crate::rules::{self, Severity};
use crate::verdict::{evaluate, evaluate_quietly, ClientVerdicts, Verdict};

/// Version of the JSON report format.
pub const SCHEMA_VERSION: u32 = 1;

/// One input: a name (file name, or `input` for pasted text) and its bytes.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    /// Shown in the report as where things came from.
    pub name: &'a str,
    /// The bytes as received.
    pub bytes: &'a [u8],
}

/// What to check the certificate against.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// The principal name string (`msstd:mail.contoso.com`), if any.
    pub principal: Option<String>,
    /// The RPC proxy host name (Outlook Anywhere external host name), if any.
    pub host: Option<String>,
    /// Evaluation time, seconds since the Unix epoch (UTC).
    pub at: i64,
    /// The password of PKCS#12 (.pfx) inputs, if any.
    pub password: Option<String>,
}

/// The verdicts: overall and per client, with a one-sentence headline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct VerdictSummary {
    /// `pass`, `warn`, `fail`, `not_applicable` or `unknown`.
    pub overall: Verdict,
    /// Windows Vista SP1 and later.
    pub modern_windows: Verdict,
    /// Windows XP, Server 2003, Vista RTM.
    pub legacy_windows: Verdict,
    /// Microsoft's Remote Connectivity Analyzer.
    pub connectivity_analyzer: Verdict,
    /// The verdict in one plain sentence.
    pub headline: String,
}

/// What this build of the analyzer can do (the page's small engine leaves the
/// heavy parts out and loads the full one when an input needs them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct Engine {
    /// Chain signatures are checked (RSA, ECDSA P-256/P-384, Ed25519).
    pub signatures: bool,
    /// The Mozilla root program is shipped.
    pub mozilla_roots: bool,
    /// PKCS#12 (.pfx) files are read.
    pub pkcs12: bool,
    /// Autodiscover responses (XML) are read.
    pub autodiscover: bool,
}

impl Engine {
    /// The capabilities of this build.
    pub const fn this_build() -> Engine {
        Engine {
            signatures: cfg!(feature = "signatures"),
            mozilla_roots: cfg!(feature = "mozilla-roots"),
            pkcs12: cfg!(feature = "pkcs12"),
            autodiscover: cfg!(feature = "autodiscover"),
        }
    }

    /// True when every capability is present.
    pub const fn is_full(&self) -> bool {
        self.signatures && self.mozilla_roots && self.pkcs12 && self.autodiscover
    }
}

/// The same principal evaluated another way (as typed, or as corrected).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct Alternative {
    /// The principal string evaluated.
    pub principal: String,
    /// What this alternative is.
    pub description: String,
    /// How it fares on each client.
    pub verdicts: ClientVerdicts,
}

/// The whole report.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct Report {
    /// Version of this format.
    pub schema_version: u32,
    /// The tool and its version.
    pub tool: String,
    /// The evaluation time, RFC 3339.
    pub evaluated_at: String,
    /// The verdicts.
    pub verdict: VerdictSummary,
    /// The principal name, parsed.
    pub principal: Principal,
    /// The principal evaluated another way, when the string needed clean-up.
    pub alternative: Option<Alternative>,
    /// The RPC proxy host name checked, if any.
    pub host: Option<String>,
    /// The reasons, most severe first.
    pub findings: Vec<Finding>,
    /// What to change.
    pub fix: Fix,
    /// Index of the leaf (server) certificate in `certificates`.
    pub leaf: Option<usize>,
    /// Every certificate read, in input order.
    pub certificates: Vec<CertificateFacts>,
    /// The chain above the leaf, explained (null when no certificate was read).
    pub chain: Option<crate::chain::ChainReport>,
    /// What the input held and what became of each part.
    pub input: Vec<IntakeItem>,
    /// What this build of the analyzer can do.
    pub engine: Engine,
    /// Exchange settings found in the input (Autodiscover, Get-OutlookProvider).
    pub settings: Vec<ExchangeSettings>,
    /// Where the principal name came from (`given`, an Autodiscover response…, or `none`).
    pub principal_source: String,
    /// Where the host name came from (`given`, an Autodiscover response…, or `none`).
    pub host_source: String,
    /// True when this build lacks something the input needs (a chain to check,
    /// a .pfx to open): the full engine would say more.
    pub needs_full_engine: bool,
}

impl Report {
    /// The leaf certificate, if one was read.
    pub fn leaf_certificate(&self) -> Option<&CertificateFacts> {
        self.leaf.and_then(|i| self.certificates.get(i))
    }

    /// True when no certificate could be read from the input.
    pub fn input_unreadable(&self) -> bool {
        self.certificates.is_empty()
    }
}

/// The principal and host to check, and where each came from.
struct Chosen {
    principal: String,
    principal_source: String,
    host: Option<String>,
    host_source: String,
}

fn describe(settings: &ExchangeSettings) -> String {
    let what = match settings.kind {
        SettingsKind::Autodiscover => "the Autodiscover response",
        SettingsKind::OutlookProvider => "the Get-OutlookProvider output",
    };
    match &settings.protocol {
        Some(protocol) => format!("{what} in {} ({protocol} block)", settings.source),
        None => format!("{what} in {}", settings.source),
    }
}

/// Explicit options win; otherwise the Exchange settings found in the input.
fn choose_settings(
    options: &Options,
    settings: &[ExchangeSettings],
    findings: &mut Vec<Finding>,
) -> Chosen {
    let given_principal = options
        .principal
        .as_deref()
        .filter(|p| !p.trim().is_empty());
    let given_host = options.host.as_deref().filter(|h| !h.trim().is_empty());
    let with_principal = settings
        .iter()
        .find(|s| s.principal.is_some() || s.cert_principal_name.is_some())
        .or_else(|| {
            settings
                .iter()
                .find(|s| s.kind == SettingsKind::Autodiscover)
        });
    let with_host = settings.iter().find(|s| s.server.is_some());

    let (principal, principal_source) = match (given_principal, with_principal) {
        (Some(given), found) => {
            if let Some((value, settings)) =
                found.and_then(|s| s.principal.as_ref().map(|v| (v, s)))
            {
                if value.trim() != given.trim() {
                    findings.push(Finding::new(
                        &rules::SETTINGS_OVERRIDDEN,
                        Topic::Principal,
                        format!("the principal name given ({given}) is checked, not the one in {} ({value}).", describe(settings)),
                    ));
                }
            }
            (given.to_string(), "given".to_string())
        }
        (None, Some(found)) => {
            let value = found.principal.clone().unwrap_or_default();
            let source = describe(found);
            let message = if found.principal_derived {
                format!("{source} has SSL on and no CertPrincipalName, so Outlook uses msstd:<Server>, here {value}.")
            } else if value.is_empty() {
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
            let rule = if found.principal_derived {
                &rules::SETTINGS_PRINCIPAL_DERIVED
            } else {
                &rules::SETTINGS_USED
            };
            findings.push(Finding::new(rule, Topic::Principal, message));
            (value, source)
        }
        (None, None) => (String::new(), "none".to_string()),
    };
    let (host, host_source) = match (given_host, with_host) {
        (Some(given), _) => (Some(given.to_string()), "given".to_string()),
        (None, Some(found)) => {
            let server = found.server.clone().unwrap_or_default();
            findings.push(Finding::new(
                &rules::SETTINGS_USED,
                Topic::Host,
                format!(
                    "the RPC proxy host {server} comes from {} (Server).",
                    describe(found)
                ),
            ));
            (Some(server), describe(found))
        }
        (None, None) => (None, "none".to_string()),
    };
    if let Some(found) = settings.iter().find(|s| s.mapi_http) {
        findings.push(Finding::new(
            &rules::MAPI_OVER_HTTP,
            Topic::Principal,
            format!(
                "{} offers MAPI over HTTP: an Outlook that uses it makes no principal-name (mutual authentication) check. This analysis applies when the client uses RPC over HTTP (Outlook Anywhere).",
                describe(found)
            ),
        ));
    }
    let online = |h: &str| {
        let h = h.to_ascii_lowercase();
        h.ends_with("outlook.office365.com") || h.ends_with(".outlook.com") || h == "outlook.com"
    };
    if host.as_deref().is_some_and(online) {
        findings.push(Finding::new(
            &rules::EXCHANGE_ONLINE,
            Topic::Host,
            "this is Exchange Online, which stopped supporting RPC over HTTP on 2017-10-31: Outlook connects with MAPI over HTTP, where no principal-name check happens.",
        ));
    }
    Chosen {
        principal,
        principal_source,
        host,
        host_source,
    }
}

fn severity_rank(severity: Severity) -> u8 {
    match severity {
        Severity::Error => 0,
        Severity::Fail => 1,
        Severity::Warn => 2,
        Severity::Pass => 3,
        Severity::Info => 4,
    }
}

/// Does this finding weigh on the overall verdict?
fn weighs_on_verdict(finding: &Finding) -> bool {
    finding.topic != Topic::Intake || finding.code == rules::INTAKE_SEVERAL_LEAVES.code
}

/// Read the inputs, analyze the leaf against the options, and build the report.
pub fn analyze(inputs: &[Input<'_>], options: &Options) -> Report {
    let mut intake = Intake::new();
    intake.password = options.password.clone();
    for input in inputs {
        intake.add(input.name, input.bytes);
    }
    let mut findings = std::mem::take(&mut intake.findings);
    if intake.dropped_certificates > 0 {
        findings.push(Finding::new(
            &rules::INTAKE_TOO_MANY_CERTIFICATES,
            Topic::Intake,
            format!(
                "the input holds more than {} certificates; the first {} were read and {} more were not.",
                crate::limits::MAX_CERTIFICATES,
                crate::limits::MAX_CERTIFICATES,
                intake.dropped_certificates
            ),
        ));
    }

    // Parse every DER certificate; renumber what could be read.
    let mut certificates: Vec<CertificateFacts> = Vec::new();
    let mut renumber: Vec<Option<usize>> = Vec::new();
    let mut unreadable = Vec::new();
    for der in &intake.certificates {
        match read_certificate(certificates.len(), &der.der, &der.origin, &mut findings) {
            Ok(facts) => {
                renumber.push(Some(certificates.len()));
                certificates.push(facts);
            }
            Err(error) => {
                renumber.push(None);
                findings.push(Finding::new(
                    &rules::INTAKE_BAD_CERTIFICATE,
                    Topic::Intake,
                    format!(
                        "{}, {}: not a readable X.509 certificate: {error}.",
                        der.origin.source, der.origin.location
                    ),
                ));
                unreadable.push((renumber.len() - 1, error.0));
            }
        }
    }
    for (index, error) in &unreadable {
        intake.mark_unreadable(*index, error);
    }
    let mut items = std::mem::take(&mut intake.items);
    for item in &mut items {
        item.certificate = item
            .certificate
            .and_then(|i| renumber.get(i).copied().flatten());
        if item.outcome == Outcome::Error {
            item.certificate = None;
        }
    }
    if certificates.is_empty() {
        let had_candidates = !intake.certificates.is_empty();
        findings.push(Finding::new(
            &rules::INTAKE_NO_CERTIFICATE,
            Topic::Intake,
            if had_candidates {
                "no readable certificate: what looked like a certificate could not be parsed (see the input list)."
            } else {
                "no certificate was found in the input. Expected a .cer/.crt (DER or base64), a PEM block (-----BEGIN CERTIFICATE-----), or text containing one."
            },
        ));
    }

    let settings = std::mem::take(&mut intake.settings);
    let chosen = choose_settings(options, &settings, &mut findings);
    let principal = principal::parse(&chosen.principal, &mut findings);
    let host = chosen
        .host
        .as_deref()
        .map(checks::clean_host)
        .filter(|h| !h.is_empty());
    let leaf = choose_leaf(&certificates, &mut findings);
    let leaf_facts = leaf.map(|i| &certificates[i]);

    let mut clients = match (principal.kind, leaf_facts) {
        (PrincipalKind::NotSet, _) => ClientVerdicts::all(Verdict::NotApplicable),
        (_, None) | (PrincipalKind::Fullsic, _) => ClientVerdicts::all(Verdict::Unknown),
        (PrincipalKind::Malformed, Some(_)) => ClientVerdicts::all(Verdict::Fail),
        (PrincipalKind::Msstd, Some(leaf)) => evaluate(
            principal.name.as_deref().unwrap_or_default(),
            leaf,
            &mut findings,
        ),
    };
    let mut alternative = None;
    let mut chain = None;
    if let Some(leaf) = leaf_facts {
        checks::check_validity(options.at, leaf, &mut findings);
        checks::check_host(host.as_deref(), leaf, &mut findings);
        checks::check_eku(leaf, &mut findings);
        chain = Some(crate::chain::explain(
            &certificates,
            leaf.index,
            &mut findings,
        ));
        checks::note_revocation(leaf, &mut findings);
        alternative = alternative_for(&principal, leaf);
    }
    if principal.kind == PrincipalKind::Malformed && leaf.is_some() {
        // Windows rejects the string itself: every client fails.
        clients = ClientVerdicts::all(Verdict::Fail);
    }

    let tls_fail = findings.iter().any(|f| {
        f.severity == Severity::Fail
            && matches!(
                f.topic,
                Topic::Host | Topic::Validity | Topic::Eku | Topic::Chain
            )
    });
    let warned = findings
        .iter()
        .any(|f| f.severity == Severity::Warn && weighs_on_verdict(f));
    let overall = match (principal.kind, leaf) {
        (_, None) => Verdict::Unknown,
        _ if tls_fail => Verdict::Fail,
        (PrincipalKind::NotSet, _) => Verdict::NotApplicable,
        (PrincipalKind::Fullsic, _) => Verdict::Unknown,
        _ if clients.modern_windows == Verdict::Fail => Verdict::Fail,
        _ if !clients.all_pass() || warned => Verdict::Warn,
        _ => Verdict::Pass,
    };

    let engine = Engine::this_build();
    let saw_pfx = findings.iter().any(|f| {
        f.code == rules::INTAKE_PFX_UNSUPPORTED.code || f.code == rules::SETTINGS_UNSUPPORTED.code
    });
    let needs_full_engine = !engine.is_full() && (certificates.len() > 1 || saw_pfx);

    let fix = propose(&principal, clients, leaf_facts, host.as_deref(), &findings);
    findings.sort_by_key(|f| severity_rank(f.severity));
    let mut headline = headline(
        overall, &clients, &principal, leaf_facts, &findings, tls_fail,
    );
    if settings.iter().any(|s| s.mapi_http) {
        headline = format!(
            "This client is offered MAPI over HTTP, where mutual authentication does not apply. Over RPC over HTTP: {headline}"
        );
    }

    Report {
        schema_version: SCHEMA_VERSION,
        tool: format!("msstd-check {}", env!("CARGO_PKG_VERSION")),
        evaluated_at: rfc3339(options.at),
        verdict: VerdictSummary {
            overall,
            modern_windows: clients.modern_windows,
            legacy_windows: clients.legacy_windows,
            connectivity_analyzer: clients.connectivity_analyzer,
            headline,
        },
        principal,
        alternative,
        host,
        findings,
        fix,
        leaf,
        certificates,
        chain,
        input: items,
        engine,
        needs_full_engine,
        settings,
        principal_source: chosen.principal_source,
        host_source: chosen.host_source,
    }
}

/// The principal evaluated another way: as corrected (when Windows rejects it as
/// given) or as typed (when it was cleaned up by rules whose effect is unknown).
fn alternative_for(principal: &Principal, leaf: &CertificateFacts) -> Option<Alternative> {
    let name = principal.name.as_deref()?;
    match principal.kind {
        PrincipalKind::Malformed => Some(Alternative {
            principal: format!("msstd:{name}"),
            description: "written correctly, with the msstd: prefix".into(),
            verdicts: evaluate_quietly(name, leaf),
        }),
        PrincipalKind::Msstd if principal.cleaned_up => {
            let prefix_ok = principal
                .input
                .trim()
                .trim_matches(['"', '\''])
                .trim()
                .starts_with("msstd:");
            let literal = principal.literal_name.as_deref().unwrap_or(name);
            Some(Alternative {
                principal: principal.input.clone(),
                description: "exactly as typed, if Windows does not clean it up (unknown)".into(),
                verdicts: if prefix_ok && !principal.input.trim().starts_with(['"', '\'']) {
                    evaluate_quietly(literal, leaf)
                } else {
                    ClientVerdicts::all(Verdict::Fail)
                },
            })
        }
        _ => None,
    }
}

fn first_message(findings: &[Finding], pred: impl Fn(&Finding) -> bool) -> Option<&str> {
    findings
        .iter()
        .find(|f| pred(f))
        .map(|f| f.message.as_str())
}

fn headline(
    overall: Verdict,
    clients: &ClientVerdicts,
    principal: &Principal,
    leaf: Option<&CertificateFacts>,
    findings: &[Finding],
    tls_fail: bool,
) -> String {
    let shown = principal
        .corrected
        .clone()
        .unwrap_or_else(|| principal.input.trim().to_string());
    let tls_reason = || {
        first_message(findings, |f| {
            f.severity == Severity::Fail
                && matches!(
                    f.topic,
                    Topic::Host | Topic::Validity | Topic::Eku | Topic::Chain
                )
        })
        .unwrap_or("")
        .to_string()
    };
    match overall {
        Verdict::Unknown if leaf.is_none() => {
            "Cannot tell: no certificate could be read from the input.".into()
        }
        Verdict::Unknown => format!(
            "Cannot tell: {} is a fullsic: principal name, which this version does not evaluate.",
            principal.input.trim()
        ),
        Verdict::NotApplicable => "No principal name is set, so Outlook makes no mutual-authentication check, and the certificate itself passes the Outlook Anywhere checks.".into(),
        Verdict::Fail if tls_fail => {
            format!("Outlook Anywhere will fail, whatever the principal name: {}", tls_reason())
        }
        Verdict::Fail if principal.kind == PrincipalKind::Malformed => format!(
            "Mutual authentication will fail on every Windows client: \"{}\" is not a valid principal name{}.",
            principal.input.trim(),
            principal.corrected.as_ref().map(|c| format!(" (write it as {c})")).unwrap_or_default()
        ),
        Verdict::Fail => format!(
            "Mutual authentication will fail on every Windows client: {shown} does not match the certificate."
        ),
        Verdict::Pass => format!(
            "Mutual authentication will succeed on every Windows client: {shown} matches the certificate."
        ),
        Verdict::Warn => {
            let mut caveats = Vec::new();
            if clients.legacy_windows != Verdict::Pass {
                caveats.push("fails on Windows XP, Server 2003 and Vista RTM".to_string());
            }
            match clients.connectivity_analyzer {
                Verdict::Warn => caveats.push("the Remote Connectivity Analyzer shows a warning".into()),
                Verdict::Fail => caveats.push("the Remote Connectivity Analyzer reports \"Mutual Authentication could not be established\"".into()),
                _ => {}
            }
            if caveats.is_empty() {
                let first_warning = first_message(findings, |f| {
                    f.severity == Severity::Warn && weighs_on_verdict(f)
                });
                caveats.push(match first_warning {
                    Some(message) => format!("mind this: {}", message.trim_end_matches('.')),
                    None => "see the warnings below".into(),
                });
            }
            format!(
                "Works on current Windows (Vista SP1 and later) with {shown}, but {}.",
                caveats.join(", and ")
            )
        }
    }
}

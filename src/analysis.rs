//! The pipeline: inputs and options in, a [`Report`] out. Each step is a
//! function of its own; each returns typed values that later steps read.
//!
//! intake → settings choice → principal → leaf → (matches, TLS checks, chain)
//! → decision → fix → explain → report.

use crate::autodiscover::ExchangeSettings;
use crate::cert::{rfc3339, CertificateFacts};
use crate::chain::{self, ChainOutcome, LeafChoice};
use crate::clients::{verdicts_for, ClientMatches};
use crate::decision::{decide, DecisionInputs};
use crate::explain::{self, Sources};
use crate::findings::{Finding, Topic};
use crate::fix::{plan, FixInputs, FixPlan, PrincipalChange, ServerFix, ServerInputs};
use crate::intake::Intake;
use crate::principal::{self, Principal, PrincipalKind};
use crate::report::{Alternative, Engine, Input, Options, Report, VerdictSummary, SCHEMA_VERSION};
use crate::rules::{self, Severity};
use crate::server::{Binding, ServerSide};
use crate::settings::{self, Chosen};
use crate::tls::{clean_host, Blocker, TlsChecks};
use crate::verdict::{ClientVerdicts, Verdict};

/// What was found about the leaf.
#[derive(Debug, Clone)]
pub struct Evaluation {
    /// The leaf's index.
    pub leaf: usize,
    /// How the principal matched (only for an `msstd:` principal and a server certificate).
    pub matches: Option<ClientMatches>,
    /// The TLS-level checks (none when the input holds only CA certificates).
    pub tls: Option<TlsChecks>,
    /// The chain (none for a cmdlet's summary, which shows no chain).
    pub chain: Option<ChainOutcome>,
}

impl Evaluation {
    /// The certificate-level failures, in the order the report names them.
    pub fn blockers(&self) -> impl Iterator<Item = Blocker> + '_ {
        let bad = self
            .chain
            .as_ref()
            .is_some_and(ChainOutcome::has_bad_signature);
        let signature = bad.then_some(Blocker::BadSignature);
        self.tls
            .iter()
            .flat_map(TlsChecks::blockers)
            .chain(signature)
    }

    /// False when the input holds only CA certificates: the server's own is missing.
    pub fn has_server_certificate(&self) -> bool {
        self.tls.is_some()
    }
}

/// Read every input.
fn read_inputs(inputs: &[Input<'_>], options: &Options) -> Intake {
    let mut intake = Intake::new();
    intake.password = options.password.clone();
    for input in inputs {
        intake.add(input.name, input.bytes);
    }
    intake
}

/// Intake's findings, in order: the input, the limit, the certificates' content.
fn intake_findings(intake: &mut Intake, listed: bool) -> Vec<Finding> {
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
    findings.append(&mut intake.certificate_findings);
    if intake.certificates.is_empty() && !listed {
        findings.push(Finding::new(
            &rules::INTAKE_NO_CERTIFICATE,
            Topic::Intake,
            if intake.saw_certificate_data {
                "no readable certificate: what looked like a certificate could not be parsed (see the input list)."
            } else {
                "no certificate was found in the input. Expected a .cer/.crt (DER or base64), a PEM block (-----BEGIN CERTIFICATE-----), text containing one, or Get-ExchangeCertificate | Format-List output."
            },
        ));
    }
    findings
}

/// Compare, check and walk the chain of the leaf.
fn evaluate(
    principal: &Principal,
    certs: &[CertificateFacts],
    leaf: &LeafChoice,
    host: Option<&str>,
    at: i64,
) -> Evaluation {
    let facts = &certs[leaf.index];
    let server = !leaf.is_ca;
    let matches = match (principal.kind, &principal.name) {
        (PrincipalKind::Msstd, Some(name)) if server => Some(ClientMatches::of(name, facts)),
        _ => None,
    };
    Evaluation {
        leaf: leaf.index,
        matches,
        tls: server.then(|| TlsChecks::run(facts, host, at)),
        chain: (!facts.is_summary()).then(|| chain::build(certs, leaf.index)),
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
            verdicts: verdicts_for(name, leaf),
        }),
        PrincipalKind::Msstd if principal.cleaned_up => {
            let unquoted = principal.input.trim().trim_matches(['"', '\'']).trim();
            let literal = principal.literal_name.as_deref().unwrap_or(name);
            let as_typed =
                unquoted.starts_with("msstd:") && !principal.input.trim().starts_with(['"', '\'']);
            Some(Alternative {
                principal: principal.input.clone(),
                description: "exactly as typed, if Windows does not clean it up (unknown)".into(),
                verdicts: if as_typed {
                    verdicts_for(literal, leaf)
                } else {
                    ClientVerdicts::all(Verdict::Fail)
                },
            })
        }
        _ => None,
    }
}

/// Errors first, then failures, warnings, passes and notes; each kept in the
/// order it was found (a stable sort by five buckets: no sort code in the wasm).
fn order_by_severity(findings: &mut Vec<Finding>) {
    let mut buckets: [Vec<Finding>; 5] = Default::default();
    for finding in findings.drain(..) {
        buckets[severity_rank(finding.severity)].push(finding);
    }
    findings.extend(buckets.into_iter().flatten());
}

fn severity_rank(severity: Severity) -> usize {
    match severity {
        Severity::Error => 0,
        Severity::Fail => 1,
        Severity::Warn => 2,
        Severity::Pass => 3,
        Severity::Info => 4,
    }
}

/// A warning that weighs on the overall verdict (intake's own do not).
fn weighs_on_verdict(finding: &Finding) -> bool {
    finding.severity == Severity::Warn && finding.topic != Topic::Intake
}

/// What the stages found, before it is decided and worded.
struct Stages {
    intake: Intake,
    server: ServerSide,
    binding: Binding,
    findings: Vec<Finding>,
    chosen: Chosen,
    principal: Principal,
    host: Option<String>,
    leaf: Option<LeafChoice>,
    evaluation: Option<Evaluation>,
}

/// The leaf to analyse, given what IIS serves: the file's, or the summary of the
/// certificate enabled for IIS (appended to the certificates, numbered there).
fn leaf_served(
    intake: &mut Intake,
    server: &ServerSide,
    binding: &Binding,
    file_leaf: Option<LeafChoice>,
) -> Option<LeafChoice> {
    let iis = match binding {
        Binding::FileNotIis { iis, .. } | Binding::SummaryOfIis { iis } => *iis,
        _ => return file_leaf,
    };
    let index = intake.certificates.len();
    let listed = &server.listed[iis];
    let facts = crate::cert::summary::from_exchange(index, &listed.cert, &listed.source);
    intake.certificates.push(facts);
    Some(LeafChoice {
        index,
        reason: chain::LeafReason::EnabledForIis,
        total: intake.certificates.len(),
        others: Vec::new(),
        is_ca: false,
    })
}

fn run_stages(inputs: &[Input<'_>], options: &Options) -> Stages {
    let mut intake = read_inputs(inputs, options);
    let server = ServerSide::from_inputs(&intake.exchange);
    let findings = intake_findings(&mut intake, !server.listed.is_empty());
    let file_leaf = chain::choose_leaf(&intake.certificates);
    let binding = server.binding(file_leaf.as_ref().map(|l| &intake.certificates[l.index]));
    let leaf = leaf_served(&mut intake, &server, &binding, file_leaf);
    let chosen = settings::choose(options, &intake.settings, &server);
    let principal = principal::parse(&chosen.principal);
    let host = chosen
        .host
        .as_deref()
        .map(clean_host)
        .filter(|h| !h.is_empty());
    let evaluation = leaf.as_ref().map(|l| {
        evaluate(
            &principal,
            &intake.certificates,
            l,
            host.as_deref(),
            options.at,
        )
    });
    Stages {
        intake,
        server,
        binding,
        findings,
        chosen,
        principal,
        host,
        leaf,
        evaluation,
    }
}

/// What the stages' values decide and say.
struct Worded {
    decision: crate::decision::Decision,
    blockers: Vec<Blocker>,
    findings: Vec<Finding>,
    fix: crate::fix::Fix,
    headline: String,
    alternative: Option<Alternative>,
}

/// The server-side commands for the fix decided.
fn server_fixes(
    plan: &FixPlan,
    stages: &Stages,
    blockers: &[Blocker],
    leaf: Option<&CertificateFacts>,
) -> Vec<ServerFix> {
    let (recommended, certificate) = match plan {
        FixPlan::Certificate {
            best,
            change,
            certificate,
            ..
        } => (
            best.as_ref()
                .filter(|_| *change != PrincipalChange::Keep)
                .map(|b| b.name.as_str()),
            certificate.as_ref(),
        ),
        _ => (None, None),
    };
    let current = match stages.principal.kind {
        PrincipalKind::Msstd => stages.principal.name.as_deref(),
        _ => None,
    };
    crate::fix::server_fixes(&ServerInputs {
        server: &stages.server,
        binding: &stages.binding,
        principal: recommended.or(current),
        principal_changes: recommended.is_some(),
        host: stages.host.as_deref(),
        blockers,
        certificate,
        leaf,
    })
}

/// Decide the verdicts and the fix, and word everything, from the stages' values.
fn decide_and_word(stages: &mut Stages) -> Worded {
    let certs = &stages.intake.certificates;
    let settings: &[ExchangeSettings] = &stages.intake.settings;
    let mut findings = std::mem::take(&mut stages.findings);
    let sources = Sources {
        settings_notes: &stages.chosen.notes,
        settings,
        principal: &stages.principal,
        certificates: certs,
        leaf: stages.leaf.as_ref(),
        evaluation: stages.evaluation.as_ref(),
        server: &stages.server,
        binding: &stages.binding,
    };
    explain::findings(&sources, &mut findings);
    let evaluation = stages.evaluation.as_ref();
    let blockers: Vec<Blocker> = evaluation
        .map(|e| e.blockers().collect())
        .unwrap_or_default();
    let several_leaves = stages.leaf.as_ref().is_some_and(|l| !l.others.is_empty());
    let matches = evaluation.and_then(|e| e.matches.as_ref());
    let decision = decide(&DecisionInputs {
        principal: &stages.principal,
        has_leaf: evaluation.is_some(),
        has_server_certificate: evaluation.is_some_and(Evaluation::has_server_certificate),
        unbound: stages.binding == Binding::NoIis,
        matches,
        blocked: !blockers.is_empty(),
        warned: several_leaves || findings.iter().any(weighs_on_verdict),
    });
    let leaf = evaluation.map(|e| &certs[e.leaf]);
    let plan = plan(&FixInputs {
        principal: &stages.principal,
        current: decision.clients,
        matches,
        leaf,
        has_server_certificate: evaluation.is_some_and(Evaluation::has_server_certificate),
        host: stages.host.as_deref(),
        blockers: &blockers,
        self_signed: evaluation
            .is_some_and(|e| e.chain.as_ref().is_some_and(ChainOutcome::leaf_self_signed)),
    });
    let mut fix = explain::fix(&plan);
    fix.server_commands = explain::server_commands(&server_fixes(&plan, stages, &blockers, leaf));
    order_by_severity(&mut findings);
    let blocker_sentences = evaluation
        .map(|e| explain::blocker_sentences(e, certs))
        .unwrap_or_default();
    let headline = explain::headline(&explain::HeadlineInputs {
        overall: decision.overall,
        clients: &decision.clients,
        principal: &stages.principal,
        has_leaf: evaluation.is_some(),
        has_server_certificate: evaluation.is_some_and(Evaluation::has_server_certificate),
        unbound: stages.binding == Binding::NoIis,
        blocker: blocker_sentences.first().map(String::as_str),
        first_warning: findings
            .iter()
            .find(|f| weighs_on_verdict(f))
            .map(|f| f.message.as_str()),
        mapi_http: settings.iter().any(|s| s.mapi_http),
        summary: leaf.is_some_and(CertificateFacts::is_summary),
    });
    let alternative = leaf.and_then(|leaf| alternative_for(&stages.principal, leaf));
    Worded {
        decision,
        blockers,
        findings,
        fix,
        headline,
        alternative,
    }
}

/// Read the inputs, analyze the leaf against the options, and build the report.
pub fn analyze(inputs: &[Input<'_>], options: &Options) -> Report {
    let mut stages = run_stages(inputs, options);
    let worded = decide_and_word(&mut stages);
    let engine = Engine::this_build();
    let needs_full_engine = !engine.is_full()
        && (stages.intake.certificates.len() > 1 || stages.intake.needs_more_engine);
    let Stages {
        intake,
        chosen,
        principal,
        host,
        leaf,
        evaluation,
        ..
    } = stages;
    let (matches, checks, chain) = match evaluation {
        Some(e) => (e.matches, e.tls, e.chain.map(|c| c.report)),
        None => (None, None, None),
    };
    let Worded {
        decision,
        blockers,
        findings,
        fix,
        headline,
        alternative,
    } = worded;
    Report {
        schema_version: SCHEMA_VERSION,
        tool: format!("msstd-check {}", env!("CARGO_PKG_VERSION")),
        evaluated_at: rfc3339(options.at),
        evaluated_at_unix: options.at,
        verdict: VerdictSummary {
            overall: decision.overall,
            modern_windows: decision.clients.modern_windows,
            legacy_windows: decision.clients.legacy_windows,
            connectivity_analyzer: decision.clients.connectivity_analyzer,
            headline,
            blocked_by: blockers,
        },
        principal,
        alternative,
        host,
        findings,
        fix,
        leaf: leaf.map(|l| l.index),
        matches,
        checks,
        certificates: intake.certificates,
        chain,
        input: intake.items,
        engine,
        needs_full_engine,
        needs_password: intake.needs_password,
        settings: intake.settings,
        principal_source: chosen.principal_source,
        host_source: chosen.host_source,
    }
}

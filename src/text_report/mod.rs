//! The plain-text rendering of a report: verdict first, then the reasons, the
//! fix, the certificates in detail, and what the input held. Used by the
//! command line and by the page's "Copy report".
//!
//! Certificate fields and pasted text are attacker-controlled: everything is
//! written through one escaping [`writer::Writer`], so control and
//! bidirectional formatting characters are shown escaped, never passed to
//! the terminal.

mod certificate;
mod chain;
mod writer;

pub use writer::sanitize;

use crate::fix::OUTLOOK_SETTING_LABEL;
use crate::intake::Outcome;
use crate::report::Report;
use crate::settings::SourceKind;
use crate::tls::Blocker;

use writer::Writer;

/// A certificate-level failure in a few words.
fn blocker_words(blocker: Blocker) -> &'static str {
    match blocker {
        Blocker::HostNotCovered => "the host name is not covered",
        Blocker::Expired => "the certificate has expired",
        Blocker::NotYetValid => "the certificate is not valid yet",
        Blocker::NoServerAuth => "no Server Authentication EKU",
        Blocker::BadSignature => "a signature does not verify",
    }
}

fn verdict_section(out: &mut Writer, report: &Report) {
    let v = &report.verdict;
    out.line(format_args!(
        "{} — evaluated at {}",
        report.tool, report.evaluated_at
    ));
    out.blank();
    out.line(format_args!("VERDICT: {}", v.overall.word()));
    out.line(format_args!("{}", v.headline));
    out.blank();
    if !v.blocked_by.is_empty() {
        let why: Vec<&str> = v.blocked_by.iter().map(|b| blocker_words(*b)).collect();
        out.line(format_args!(
            "  The TLS connection fails before any name is compared ({}); below, the principal-name check alone:",
            why.join(", ")
        ));
    }
    for (client, verdict) in [
        ("Windows Vista SP1 and later", v.modern_windows),
        ("Windows XP, 2003, Vista RTM", v.legacy_windows),
        ("Remote Connectivity Analyzer", v.connectivity_analyzer),
    ] {
        out.line(format_args!("  {client:<30} {}", verdict.as_str()));
    }
    out.blank();
}

fn principal_section(out: &mut Writer, report: &Report) {
    let principal = if report.principal.input.trim().is_empty() {
        "(none)".to_string()
    } else {
        format!("\"{}\"", report.principal.input)
    };
    out.line(format_args!("Principal name: {principal}"));
    if !matches!(
        report.principal_source.kind,
        SourceKind::Given | SourceKind::None
    ) {
        out.line(format_args!(
            "  from {}",
            report.principal_source.description
        ));
    }
    if let Some(alt) = &report.alternative {
        out.line(format_args!(
            "  {} — {}: modern {}, legacy {}, analyzer {}",
            alt.principal,
            alt.description,
            alt.verdicts.modern_windows.as_str(),
            alt.verdicts.legacy_windows.as_str(),
            alt.verdicts.connectivity_analyzer.as_str()
        ));
    }
    if let Some(chain) = &report.principal.fullsic_chain {
        out.line(format_args!("  fullsic chain: {}", chain.join(" \\ ")));
    }
    let host = report.host.as_deref().unwrap_or("(not given)");
    out.line(format_args!("RPC proxy host: {host}"));
    out.blank();
}

fn reasons_section(out: &mut Writer, report: &Report) {
    out.line(format_args!("REASONS (severity, code, grade of the rule)"));
    for f in &report.findings {
        out.line(format_args!(
            "  [{}] {} ({}): {}",
            f.severity.as_str().to_ascii_uppercase(),
            f.code,
            f.grade.as_str(),
            f.message
        ));
    }
    out.blank();
}

fn fix_section(out: &mut Writer, report: &Report) {
    let fix = &report.fix;
    let nothing = if fix.needed {
        ""
    } else {
        " (nothing needs to change)"
    };
    out.line(format_args!("FIX{nothing}"));
    if let Some(name) = &fix.principal_name {
        out.field("Principal name:", name);
    }
    if let Some(ps) = &fix.powershell {
        out.field("Exchange (EMS):", ps);
    }
    if let Some(value) = &fix.outlook_setting {
        let setting = format!("Exchange Proxy Settings, \"{OUTLOOK_SETTING_LABEL}\": {value}");
        out.field("Outlook setting:", &setting);
    }
    if let Some(request) = &fix.certificate_request {
        out.field("Certificate:", request);
    }
    for (n, step) in fix.steps.iter().enumerate() {
        out.line(format_args!("  {}. {step}", n + 1));
    }
    if !fix.server_commands.is_empty() {
        out.line(format_args!(
            "  Commands, in order (Exchange Management Shell on the server; rpcping on a Windows client):"
        ));
        for command in &fix.server_commands {
            out.line(format_args!("    {}", command.command));
            out.line(format_args!(
                "      {} ({})",
                command.purpose,
                command.grade.as_str()
            ));
        }
    }
}

fn certificates_section(out: &mut Writer, report: &Report) {
    out.blank();
    out.line(format_args!(
        "CERTIFICATES ({}, leaf first)",
        report.certificates.len()
    ));
    let leaf = report.leaf;
    let ordered = leaf
        .and_then(|i| report.certificates.get(i))
        .into_iter()
        .chain(report.certificates.iter().filter(|c| Some(c.index) != leaf));
    let at = Some(report.evaluated_at_unix);
    for cert in ordered {
        certificate::certificate(out, cert, Some(cert.index) == leaf, at);
    }
}

fn outcome_word(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Certificate => "certificate",
        Outcome::Duplicate => "duplicate",
        Outcome::Skipped => "skipped",
        Outcome::Error => "error",
        Outcome::Settings => "settings",
    }
}

fn input_section(out: &mut Writer, report: &Report) {
    out.blank();
    out.line(format_args!("INPUT"));
    for item in &report.input {
        out.line(format_args!(
            "  {}, {}: {} — {}: {}",
            item.source,
            item.location,
            item.what,
            outcome_word(item.outcome),
            item.message
        ));
    }
}

/// Render the report as plain text.
pub fn render(report: &Report) -> String {
    let mut out = Writer::new();
    verdict_section(&mut out, report);
    principal_section(&mut out, report);
    reasons_section(&mut out, report);
    fix_section(&mut out, report);
    if let Some(chain) = &report.chain {
        chain::chain_section(&mut out, report, chain);
    }
    certificates_section(&mut out, report);
    input_section(&mut out, report);
    out.finish()
}

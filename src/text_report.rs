//! The plain-text rendering of a report: verdict first, then the reasons, the
//! fix, the certificates in detail, and what the input held. Used by the
//! command line and by the page's "Copy report".
//!
//! Certificate fields are attacker-controlled: control and bidirectional
//! formatting characters are shown escaped, never passed to the terminal.

use std::fmt::Write;

use crate::cert::{CertificateFacts, ExtensionStatus};
use crate::report::Report;
use crate::settings::SourceKind;
use crate::verdict::Verdict;

/// Escape characters that could act on a terminal or reorder text.
pub fn sanitize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let dangerous = c.is_control()
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}');
        if dangerous {
            let _ = write!(out, "\\u{{{:04X}}}", c as u32);
        } else {
            out.push(c);
        }
    }
    out
}

fn verdict_word(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Pass => "PASS",
        Verdict::Warn => "WARN",
        Verdict::Fail => "FAIL",
        Verdict::NotApplicable => "NOT APPLICABLE",
        Verdict::Unknown => "UNKNOWN",
    }
}

fn line(out: &mut String, label: &str, value: &str) {
    let _ = writeln!(out, "    {label:<20} {}", sanitize(value));
}

fn list_or_none(values: &[String]) -> String {
    if values.is_empty() {
        "(none)".into()
    } else {
        values.join(", ")
    }
}

fn certificate(out: &mut String, cert: &CertificateFacts, is_leaf: bool) {
    let role = if is_leaf {
        " — leaf (server certificate)"
    } else {
        ""
    };
    let _ = writeln!(
        out,
        "  #{}{role}, from {} ({}, {})",
        cert.index + 1,
        sanitize(&cert.origin.source),
        cert.origin.form.label(),
        cert.origin.location
    );
    line(out, "Subject:", &cert.subject.display);
    for attribute in &cert.subject.attributes {
        line(
            out,
            &format!("  {}:", attribute.kind),
            &format!("{} ({})", attribute.value, attribute.string_type),
        );
    }
    match &cert.subject_alt_names {
        None => line(out, "SAN:", "(no Subject Alternative Name extension)"),
        Some(san) if !san.readable => line(out, "SAN:", "(present but could not be decoded)"),
        Some(san) => {
            let critical = if san.critical { " (critical)" } else { "" };
            line(
                out,
                &format!("SAN DNS{critical}:"),
                &list_or_none(&san.names.dns),
            );
            for (label, values) in [
                ("SAN IP:", &san.names.ip),
                ("SAN e-mail:", &san.names.email),
                ("SAN URI:", &san.names.uri),
                ("SAN UPN:", &san.names.upn),
                ("SAN other:", &san.names.other),
            ] {
                if !values.is_empty() {
                    line(out, label, &values.join(", "));
                }
            }
        }
    }
    line(out, "Issuer:", &cert.issuer.display);
    line(
        out,
        "Valid:",
        &format!(
            "{} to {}",
            cert.validity.not_before, cert.validity.not_after
        ),
    );
    let eku = cert.extended_key_usage.as_ref().map_or_else(
        || "(no EKU extension: any purpose)".to_string(),
        |ekus| {
            ekus.iter()
                .map(|p| {
                    if p.name == p.oid {
                        p.oid.clone()
                    } else {
                        format!("{} ({})", p.name, p.oid)
                    }
                })
                .collect::<Vec<_>>()
                .join(", ")
        },
    );
    line(out, "Enhanced Key Usage:", &eku);
    if let Some(usage) = &cert.key_usage {
        line(out, "Key Usage:", &list_or_none(usage));
    }
    if let Some(bc) = &cert.basic_constraints {
        let path = bc
            .path_len
            .map(|p| format!(", path length {p}"))
            .unwrap_or_default();
        line(
            out,
            "Basic Constraints:",
            &format!("CA: {}{path}", if bc.ca { "yes" } else { "no" }),
        );
    }
    let key = &cert.public_key;
    let mut key_text = key
        .algorithm
        .name()
        .unwrap_or(&key.algorithm_oid)
        .to_string();
    if let Some(curve) = &key.curve {
        key_text.push(' ');
        key_text.push_str(curve);
    }
    if let Some(bits) = key.bits {
        key_text.push_str(&format!(" ({bits} bits)"));
    }
    line(out, "Public key:", &key_text);
    line(out, "Signature:", &cert.signature_algorithm);
    line(out, "Serial number:", &cert.serial);
    line(out, "Thumbprint (SHA-1):", &cert.thumbprint_sha1);
    line(out, "SHA-256:", &cert.fingerprint_sha256);
    if !cert.ca_issuers.is_empty() {
        line(out, "CA Issuers (AIA):", &cert.ca_issuers.join(", "));
    }
    let extensions: Vec<String> = cert
        .extensions
        .iter()
        .map(|e| {
            let mut text = e.name.clone().unwrap_or_else(|| e.oid.clone());
            if e.critical {
                text.push_str(" [critical]");
            }
            match e.status {
                ExtensionStatus::Ok => {}
                ExtensionStatus::Unknown => text.push_str(" [unknown]"),
                ExtensionStatus::Malformed => text.push_str(" [malformed]"),
            }
            text
        })
        .collect();
    line(out, "Extensions:", &list_or_none(&extensions));
}

fn chain_section(out: &mut String, report: &Report, chain: &crate::chain::ChainReport) {
    use crate::chain::{ChainEnd, IssuerKind};
    use crate::signature::SignatureCheck;
    let _ = writeln!(out);
    let ends = match (chain.ends, &chain.mozilla_root) {
        (ChainEnd::MozillaRoot, Some(root)) => {
            format!("reaches the Mozilla root \"{}\"", sanitize(root))
        }
        (ChainEnd::MozillaRoot, None) => "reaches a Mozilla root".into(),
        (ChainEnd::PrivateRoot, _) => {
            "ends at a root that is not in the Mozilla root program".into()
        }
        (ChainEnd::Incomplete, _) => "incomplete: an issuer is missing".into(),
    };
    let _ = writeln!(
        out,
        "CHAIN ({ends}; {} Mozilla roots known)",
        chain.mozilla_roots_known
    );
    let label = |i: usize| {
        report
            .certificates
            .get(i)
            .map_or_else(|| format!("#{}", i + 1), |c| sanitize(&c.label()))
    };
    for link in &chain.links {
        let signature = match &link.signature {
            Some(SignatureCheck::Valid) => "signature valid",
            Some(SignatureCheck::Invalid) => "SIGNATURE INVALID",
            Some(SignatureCheck::Unsupported) => "signature not checked",
            Some(SignatureCheck::NotChecked) => "signature not checked (limit reached)",
            None => "not checked",
        };
        let ids = match link.key_id_matches {
            Some(true) => ", key identifiers match",
            Some(false) => ", KEY IDENTIFIERS DIFFER",
            None => "",
        };
        let issuer = match link.issuer {
            IssuerKind::InInput => format!(
                "issued by {}",
                label(link.issuer_index.unwrap_or(link.certificate))
            ),
            IssuerKind::ItSelf => "self-signed".into(),
            IssuerKind::MozillaRoot => format!(
                "issued by the Mozilla root \"{}\" (not in the input)",
                sanitize(&link.issuer_name)
            ),
            IssuerKind::Missing => format!("issuer {} MISSING", sanitize(&link.issuer_name)),
        };
        let _ = writeln!(
            out,
            "  {} — {issuer} ({signature}{ids})",
            label(link.certificate)
        );
    }
    if !chain.unused.is_empty() {
        let unused: Vec<String> = chain.unused.iter().map(|i| label(*i)).collect();
        let _ = writeln!(out, "  Not on the chain: {}", unused.join(", "));
    }
}

/// Render the report as plain text.
pub fn render(report: &Report) -> String {
    let mut out = String::new();
    let v = &report.verdict;
    let _ = writeln!(
        out,
        "{} — evaluated at {}",
        report.tool, report.evaluated_at
    );
    let _ = writeln!(out);
    let _ = writeln!(out, "VERDICT: {}", verdict_word(v.overall));
    let _ = writeln!(out, "{}", sanitize(&v.headline));
    let _ = writeln!(out);
    for (client, verdict) in [
        ("Windows Vista SP1 and later", v.modern_windows),
        ("Windows XP, 2003, Vista RTM", v.legacy_windows),
        ("Remote Connectivity Analyzer", v.connectivity_analyzer),
    ] {
        let _ = writeln!(out, "  {client:<30} {}", verdict.as_str());
    }
    let _ = writeln!(out);
    let principal = if report.principal.input.trim().is_empty() {
        "(none)".to_string()
    } else {
        format!("\"{}\"", report.principal.input)
    };
    let _ = writeln!(out, "Principal name: {}", sanitize(&principal));
    if !matches!(
        report.principal_source.kind,
        SourceKind::Given | SourceKind::None
    ) {
        let _ = writeln!(
            out,
            "  from {}",
            sanitize(&report.principal_source.description)
        );
    }
    if let Some(alt) = &report.alternative {
        let _ = writeln!(
            out,
            "  {} — {}: modern {}, legacy {}, analyzer {}",
            sanitize(&alt.principal),
            alt.description,
            alt.verdicts.modern_windows.as_str(),
            alt.verdicts.legacy_windows.as_str(),
            alt.verdicts.connectivity_analyzer.as_str()
        );
    }
    if let Some(chain) = &report.principal.fullsic_chain {
        let _ = writeln!(out, "  fullsic chain: {}", sanitize(&chain.join(" \\ ")));
    }
    let _ = writeln!(
        out,
        "RPC proxy host: {}",
        report
            .host
            .as_deref()
            .map_or_else(|| "(not given)".to_string(), sanitize)
    );

    let _ = writeln!(out);
    let _ = writeln!(out, "REASONS (severity, code, grade of the rule)");
    for f in &report.findings {
        let _ = writeln!(
            out,
            "  [{}] {} ({}): {}",
            f.severity.as_str().to_ascii_uppercase(),
            f.code,
            f.grade.as_str(),
            sanitize(&f.message)
        );
    }

    let _ = writeln!(out);
    let fix = &report.fix;
    let _ = writeln!(
        out,
        "FIX{}",
        if fix.needed {
            ""
        } else {
            " (nothing needs to change)"
        }
    );
    if let Some(name) = &fix.principal_name {
        line(&mut out, "Principal name:", name);
    }
    if let Some(ps) = &fix.powershell {
        line(&mut out, "Exchange (EMS):", ps);
    }
    if let Some(value) = &fix.outlook_setting {
        line(
            &mut out,
            "Outlook setting:",
            &format!(
                "Exchange Proxy Settings, \"{}\": {value}",
                crate::fix::OUTLOOK_SETTING_LABEL
            ),
        );
    }
    if let Some(request) = &fix.certificate_request {
        line(&mut out, "Certificate:", request);
    }
    for (n, step) in fix.steps.iter().enumerate() {
        let _ = writeln!(out, "  {}. {}", n + 1, sanitize(step));
    }

    if let Some(chain) = &report.chain {
        chain_section(&mut out, report, chain);
    }

    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "CERTIFICATES ({}, leaf first)",
        report.certificates.len()
    );
    let leaf = report.leaf;
    let ordered = leaf
        .and_then(|i| report.certificates.get(i))
        .into_iter()
        .chain(report.certificates.iter().filter(|c| Some(c.index) != leaf));
    for cert in ordered {
        certificate(&mut out, cert, Some(cert.index) == leaf);
    }

    let _ = writeln!(out);
    let _ = writeln!(out, "INPUT");
    for item in &report.input {
        let _ = writeln!(
            out,
            "  {}, {}: {} — {}: {}",
            sanitize(&item.source),
            item.location,
            item.what,
            match item.outcome {
                crate::intake::Outcome::Certificate => "certificate",
                crate::intake::Outcome::Duplicate => "duplicate",
                crate::intake::Outcome::Skipped => "skipped",
                crate::intake::Outcome::Error => "error",
                crate::intake::Outcome::Settings => "settings",
            },
            sanitize(&item.message)
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitize_escapes_terminal_controls() {
        assert_eq!(sanitize("a\u{1b}[31mb"), "a\\u{001B}[31mb");
        assert_eq!(sanitize("x\u{202E}y"), "x\\u{202E}y");
        assert_eq!(sanitize("ordinary é"), "ordinary é");
    }
}

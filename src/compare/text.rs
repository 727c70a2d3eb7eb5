//! The plain-text rendering of a comparison: the verdicts first (each
//! certificate, then each client old -> new), what changed, what to do before
//! the switch, then both reports in short. Every string that comes from the
//! input is escaped with [`sanitize`].

use std::fmt::Write;

use super::advice::{badness, Advice, Client, Timing};
use super::changes::{key_text, Change, ChangeField, ChangeValue, Changes, Importance, Unreadable};
use super::{Comparison, Side};
use crate::chain::ChainEnd;
use crate::report::Report;
use crate::rules::Severity;
use crate::text_report::sanitize;

fn side_word(side: Side) -> &'static str {
    match side {
        Side::Old => "old",
        Side::New => "new",
    }
}

/// Where a report's input came from: its sources, once each.
fn sources(report: &Report) -> String {
    let mut names: Vec<&str> = Vec::new();
    for item in &report.input {
        if !names.contains(&item.source.as_str()) {
            names.push(&item.source);
        }
    }
    if names.is_empty() {
        "no input".into()
    } else {
        sanitize(&names.join(", "))
    }
}

/// The certificate in a few words: its CN (or subject) and where it came from.
fn identity(report: &Report) -> String {
    let what = match report.leaf_certificate() {
        None => "no certificate read".to_string(),
        Some(leaf) => match leaf.common_names.first() {
            Some(cn) => format!("CN={}", sanitize(cn)),
            None => sanitize(&leaf.subject.display),
        },
    };
    format!("{what} ({})", sources(report))
}

fn verdicts(out: &mut String, c: &Comparison) {
    let _ = writeln!(out, "VERDICT");
    for (label, report) in [("Old certificate", &c.old), ("New certificate", &c.new)] {
        let _ = writeln!(
            out,
            "  {label:<30} {:<7} {}",
            report.verdict.overall.word(),
            identity(report)
        );
    }
    for client in Client::ALL {
        let (a, b) = (
            client.verdict(&c.old.verdict),
            client.verdict(&c.new.verdict),
        );
        let note = match (a == b, badness(b) > badness(a)) {
            (true, _) => "",
            (false, true) => "  (worse)",
            (false, false) => "  (better)",
        };
        let _ = writeln!(
            out,
            "  {:<30} {} -> {}{note}",
            client.label(),
            a.as_str(),
            b.as_str()
        );
    }
    let _ = writeln!(out, "New: {}", sanitize(&c.new.verdict.headline));
}

fn absent(field: ChangeField) -> &'static str {
    match field {
        ChangeField::HostCoverage => "not covered",
        ChangeField::Eku => "no EKU extension (any purpose)",
        ChangeField::ChainRoot => "no root (incomplete)",
        _ => "(none)",
    }
}

fn value(field: ChangeField, value: &ChangeValue) -> String {
    match value {
        ChangeValue::Absent => absent(field).into(),
        ChangeValue::Verdict(v) => v.as_str().into(),
        ChangeValue::Text(t) => sanitize(t),
        ChangeValue::List(l) if l.is_empty() => "(none)".into(),
        ChangeValue::List(l) => sanitize(&l.join(", ")),
    }
}

fn importance_word(importance: Importance) -> &'static str {
    match importance {
        Importance::Headline => "headline",
        Importance::Breaks => "breaks",
        Importance::Matters => "matters",
        Importance::Cosmetic => "cosmetic",
    }
}

fn change_line(out: &mut String, change: &Change) {
    let mut line = format!(
        "  {:<10} {}: {} -> {}",
        format!("[{}]", importance_word(change.importance)),
        change.field.as_str(),
        value(change.field, &change.old),
        value(change.field, &change.new)
    );
    if let Some(delta) = &change.names {
        let mut parts = Vec::new();
        if !delta.added.is_empty() {
            parts.push(format!("added {}", sanitize(&delta.added.join(", "))));
        }
        if !delta.removed.is_empty() {
            parts.push(format!("removed {}", sanitize(&delta.removed.join(", "))));
        }
        line.push_str(&format!(" ({})", parts.join("; ")));
    }
    let _ = writeln!(out, "{line}");
}

fn changes(out: &mut String, changes: &Changes) {
    let _ = writeln!(out, "WHAT CHANGED (most important first)");
    match changes {
        Changes::CannotCompare(which) => {
            let which = match which {
                Unreadable::Old => "the old input",
                Unreadable::New => "the new input",
                Unreadable::Both => "either input",
            };
            let _ = writeln!(
                out,
                "  Cannot compare: no certificate could be read from {which} (its report below says what it held)."
            );
        }
        Changes::Compared(list) if list.is_empty() => {
            let _ = writeln!(
                out,
                "  Nothing: the two certificates agree on every field compared."
            );
        }
        Changes::Compared(list) => {
            if list.iter().all(|c| c.importance == Importance::Cosmetic) {
                let _ = writeln!(out, "  Only cosmetic fields differ:");
            }
            list.iter().for_each(|change| change_line(out, change));
        }
    }
}

fn clients(list: &[Client]) -> String {
    list.iter()
        .map(|c| c.label())
        .collect::<Vec<_>>()
        .join("; ")
}

fn set_principal(principal: &str, powershell: Option<&str>, timing: &Timing) -> String {
    let when = match timing {
        Timing::BeforeSwitch => format!(
            "Set the principal name to {principal} before you switch: it works at least as well with the old certificate."
        ),
        Timing::AtSwitch { worse_on_old } => format!(
            "Set the principal name to {principal} when you switch, not before: with the old certificate it does worse on {}.",
            clients(worse_on_old)
        ),
        Timing::Unknown => format!(
            "Set the principal name to {principal} for the new certificate (whether the old certificate accepts it could not be told)."
        ),
    };
    match powershell {
        Some(line) => format!("{when} On the Exchange server: {line}"),
        None => when,
    }
}

fn advice_text(advice: &Advice, c: &Comparison) -> String {
    match advice {
        Advice::ReadCertificate {
            side,
            needs_password,
        } => {
            let report = if *side == Side::Old { &c.old } else { &c.new };
            let what = if *needs_password {
                "it is a .pfx protected by a password: give it with --password"
            } else {
                "fix that input (its report below says what it held)"
            };
            format!(
                "No certificate could be read from the {} input ({}): {what}, and compare again.",
                side_word(*side),
                sources(report)
            )
        }
        Advice::NothingToChange => "Nothing to change: the new certificate works with today's principal name and host.".into(),
        Advice::SetPrincipal { principal, powershell, timing } => {
            sanitize(&set_principal(principal, powershell.as_deref(), timing))
        }
        Advice::Reissue { request } => format!("Ask the CA to reissue the new certificate: {}", sanitize(request)),
        Advice::Review { new, old } => format!(
            "The new certificate's verdict is {} (the old one's: {}): read its reasons below before you switch.",
            new.word(),
            old.word()
        ),
        Advice::SwitchBefore { date } => format!("Switch before {date}, when the old certificate expires."),
        Advice::OldExpired { date } => format!("The old certificate expired on {date}: switch now."),
        Advice::Gap { old_not_after, new_not_before } => format!(
            "The old certificate expires on {old_not_after}, before the new one becomes valid on {new_not_before}: neither works in between. Ask the CA for a certificate valid from before {old_not_after}."
        ),
        Advice::NewNotYetValid { date } => format!("The new certificate is valid only from {date}: do not switch before then."),
    }
}

fn advice(out: &mut String, c: &Comparison) {
    let _ = writeln!(out, "BEFORE YOU SWITCH");
    for (n, item) in c.advice.iter().enumerate() {
        let _ = writeln!(out, "  {}. {}", n + 1, sanitize(&advice_text(item, c)));
    }
}

fn field(out: &mut String, label: &str, value: &str) {
    let _ = writeln!(out, "  {label:<12} {}", sanitize(value));
}

fn leaf_lines(out: &mut String, report: &Report) {
    let Some(leaf) = report.leaf_certificate() else {
        return;
    };
    field(out, "Subject:", &leaf.subject.display);
    field(out, "SAN DNS:", &leaf.dns_names().join(", "));
    field(out, "Issuer:", &leaf.issuer.display);
    field(
        out,
        "Valid:",
        &format!(
            "{} to {}",
            leaf.validity.not_before, leaf.validity.not_after
        ),
    );
    field(out, "Key:", &key_text(leaf));
    field(out, "Signature:", &leaf.signature_algorithm);
    let eku = leaf.extended_key_usage.as_ref().map_or_else(
        || "(no EKU extension: any purpose)".to_string(),
        |ekus| {
            ekus.iter()
                .map(|p| p.name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        },
    );
    field(out, "EKU:", &eku);
    field(out, "Serial:", &leaf.serial);
    if let Some(chain) = &report.chain {
        let ends = match chain.ends {
            ChainEnd::MozillaRoot => "reaches a Mozilla root",
            ChainEnd::PrivateRoot => "ends at a root that is not in the Mozilla root program",
            ChainEnd::Incomplete => "incomplete: an issuer is missing",
        };
        field(out, "Chain:", ends);
    }
}

fn short(out: &mut String, title: &str, report: &Report) {
    let _ = writeln!(out, "{title}, IN SHORT ({})", sources(report));
    let _ = writeln!(
        out,
        "  {:<12} {} — {}",
        "Verdict:",
        report.verdict.overall.word(),
        sanitize(&report.verdict.headline)
    );
    leaf_lines(out, report);
    for f in &report.findings {
        if matches!(
            f.severity,
            Severity::Error | Severity::Fail | Severity::Warn
        ) {
            let _ = writeln!(
                out,
                "  [{}] {}",
                f.severity.as_str().to_ascii_uppercase(),
                sanitize(&f.message)
            );
        }
    }
}

/// Render the comparison as plain text.
pub fn render(c: &Comparison) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} — comparing two certificates, evaluated at {}",
        c.new.tool, c.new.evaluated_at
    );
    let principal = c.new.principal.input.trim();
    let principal = if principal.is_empty() {
        "(none)".to_string()
    } else {
        format!("\"{}\"", sanitize(principal))
    };
    let host = c
        .new
        .host
        .as_deref()
        .map_or_else(|| "(not given)".to_string(), sanitize);
    let _ = writeln!(out, "Principal name: {principal}; RPC proxy host: {host}");
    let _ = writeln!(out);
    verdicts(&mut out, c);
    let _ = writeln!(out);
    changes(&mut out, &c.changes);
    let _ = writeln!(out);
    advice(&mut out, c);
    let _ = writeln!(out);
    short(&mut out, "OLD CERTIFICATE", &c.old);
    let _ = writeln!(out);
    short(&mut out, "NEW CERTIFICATE", &c.new);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::compare;
    use crate::{Input, Options};

    #[test]
    fn input_derived_text_is_escaped() {
        let old = include_bytes!("../../tests/fixtures/certs/compare/renew-old.pem");
        let new = include_bytes!("../../tests/fixtures/certs/compare/cn-moved.pem");
        let options = Options {
            principal: Some("msstd:mail.contoso.com".into()),
            at: 1_795_000_000,
            ..Options::default()
        };
        let mut c = compare(
            &[Input {
                name: "old\u{1b}[2J.pem",
                bytes: old,
            }],
            &[Input {
                name: "new.pem",
                bytes: new,
            }],
            &options,
        );
        let leaf = c.new.leaf.expect("a leaf");
        c.new.certificates[leaf].common_names[0] = "evil\u{1b}[31m\u{202E}".into();
        c.new.verdict.headline = "bell\u{7}".into();
        let text = render(&c);
        assert!(
            !text.chars().any(|ch| ch.is_control() && ch != '\n'),
            "{text}"
        );
        assert!(text.contains("CN=evil\\u{001B}[31m\\u{202E}"), "{text}");
        assert!(text.contains("old\\u{001B}[2J.pem"), "{text}");
        assert!(text.contains("New: bell\\u{0007}"), "{text}");
    }
}

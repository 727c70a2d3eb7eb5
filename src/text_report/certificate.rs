//! One certificate in detail.

use crate::cert::{CertificateFacts, ExtensionStatus, SanFacts};

use super::writer::Writer;

fn list_or_none(values: &[String]) -> String {
    if values.is_empty() {
        "(none)".into()
    } else {
        values.join(", ")
    }
}

/// The certificate's section: where it came from, then every field.
pub fn certificate(out: &mut Writer, cert: &CertificateFacts, is_leaf: bool, at: Option<i64>) {
    let role = if is_leaf {
        " — leaf (server certificate)"
    } else {
        ""
    };
    out.line(format_args!(
        "  #{}{role}, from {} ({}, {})",
        cert.index + 1,
        cert.origin.source,
        cert.origin.form.label(),
        cert.origin.location
    ));
    out.field("Subject:", &cert.subject.display);
    for attribute in &cert.subject.attributes {
        out.field(
            &format!("  {}:", attribute.kind),
            &format!("{} ({})", attribute.value, attribute.string_type),
        );
    }
    names(out, cert.subject_alt_names.as_ref());
    out.field("Issuer:", &cert.issuer.display);
    let v = &cert.validity;
    let when = at.map(|at| relative(at, v.not_before_unix, v.not_after_unix));
    let when = when.map(|w| format!(" ({w})")).unwrap_or_default();
    out.field(
        "Valid:",
        &format!("{} to {}{when}", v.not_before, v.not_after),
    );
    usages(out, cert);
    key_and_ids(out, cert);
}

/// Where the evaluation time falls: "expires in 12 days", "expired 3 days ago", "valid in 2 days".
pub(crate) fn relative(at: i64, not_before: i64, not_after: i64) -> String {
    let days = |seconds: i64| crate::explain::days(seconds.div_euclid(86_400));
    if at < not_before {
        format!("valid in {}", days(not_before - at + 86_399))
    } else if at > not_after {
        format!("expired {} ago", days(at - not_after))
    } else {
        format!("expires in {}", days(not_after - at))
    }
}

fn names(out: &mut Writer, san: Option<&SanFacts>) {
    match san {
        None => out.field("SAN:", "(no Subject Alternative Name extension)"),
        Some(san) if !san.readable => out.field("SAN:", "(present but could not be decoded)"),
        Some(san) => {
            let critical = if san.critical { " (critical)" } else { "" };
            out.field(
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
                    out.field(label, &values.join(", "));
                }
            }
        }
    }
}

fn usages(out: &mut Writer, cert: &CertificateFacts) {
    let eku = cert.extended_key_usage.as_ref().map_or_else(
        || "(no EKU extension: any purpose)".to_string(),
        |ekus| {
            let named: Vec<String> = ekus
                .iter()
                .map(|p| {
                    if p.name == p.oid {
                        p.oid.clone()
                    } else {
                        format!("{} ({})", p.name, p.oid)
                    }
                })
                .collect();
            named.join(", ")
        },
    );
    out.field("Enhanced Key Usage:", &eku);
    if let Some(usage) = &cert.key_usage {
        out.field("Key Usage:", &list_or_none(usage));
    }
    if let Some(bc) = &cert.basic_constraints {
        let path = bc
            .path_len
            .map(|p| format!(", path length {p}"))
            .unwrap_or_default();
        let ca = if bc.ca { "yes" } else { "no" };
        out.field("Basic Constraints:", &format!("CA: {ca}{path}"));
    }
}

fn key_and_ids(out: &mut Writer, cert: &CertificateFacts) {
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
    out.field("Public key:", &key_text);
    out.field("Signature:", &cert.signature_algorithm);
    out.field("Serial number:", &cert.serial);
    out.field("Thumbprint (SHA-1):", &cert.thumbprint_sha1);
    out.field("SHA-256:", &cert.fingerprint_sha256);
    if !cert.ca_issuers.is_empty() {
        out.field("CA Issuers (AIA):", &cert.ca_issuers.join(", "));
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
    out.field("Extensions:", &list_or_none(&extensions));
}

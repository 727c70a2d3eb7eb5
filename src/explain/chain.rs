//! The chain findings (and the choice of the leaf), worded from typed values.

use crate::cert::CertificateFacts;
use crate::chain::{ChainEvent, ChainOutcome, LeafChoice, LeafReason};
use crate::findings::{Finding, Topic};
use crate::rules;
use crate::signature::Hash;

/// The findings about how the leaf was chosen.
pub fn leaf_findings(choice: &LeafChoice, certs: &[CertificateFacts], out: &mut Vec<Finding>) {
    let chosen = &certs[choice.index];
    if choice.reason == LeafReason::Only {
        if choice.is_ca {
            out.push(ca_as_leaf(chosen));
        }
        return;
    }
    let why = match choice.reason {
        LeafReason::Only | LeafReason::OnlyCandidate => "it issued no other certificate in the input and is not a CA",
        LeafReason::FirstOfSeveral => "it is the first of several certificates that issued no other certificate and are not CAs",
        LeafReason::CaAtTheBottom => "it issued no other certificate in the input, although it is a CA",
        LeafReason::Loop => "every certificate issued another one (a loop of names); the first was taken",
    };
    out.push(
        Finding::new(
            &rules::INTAKE_LEAF_CHOSEN,
            Topic::Intake,
            format!(
                "of {} certificates, {} was taken as the server certificate: {why}.",
                choice.total,
                chosen.label()
            ),
        )
        .about(chosen.index),
    );
    if !choice.others.is_empty() {
        let mut others: Vec<String> = choice
            .others
            .iter()
            .take(5)
            .map(|i| certs[*i].label())
            .collect();
        if choice.others.len() > 5 {
            others.push(format!("and {} more", choice.others.len() - 5));
        }
        out.push(
            Finding::new(
                &rules::INTAKE_SEVERAL_LEAVES,
                Topic::Intake,
                format!("the input holds more than one server certificate; the others ({}) were not evaluated. Check them one at a time.", others.join(", ")),
            )
            .about(chosen.index),
        );
    }
    if choice.is_ca {
        out.push(ca_as_leaf(chosen));
    }
}

fn ca_as_leaf(cert: &CertificateFacts) -> Finding {
    Finding::new(
        &rules::CERT_CA_AS_LEAF,
        Topic::Certificate,
        format!("the Exchange server's certificate is missing: the input holds only CA certificates ({} is one: basic constraints CA:TRUE), so nothing can be said about mutual authentication. Ask for the certificate the server presents (see the fix).", cert.label()),
    )
    .about(cert.index)
}

/// The findings of the chain, in the order its events were observed.
pub fn findings(outcome: &ChainOutcome, certs: &[CertificateFacts], out: &mut Vec<Finding>) {
    for event in &outcome.events {
        event_findings(event, outcome, certs, out);
    }
}

/// The sentence of a signature that does not verify (for the headline too).
pub fn bad_signature_sentence(
    outcome: &ChainOutcome,
    certs: &[CertificateFacts],
) -> Option<String> {
    outcome.events.iter().find_map(|event| match event {
        ChainEvent::SignatureInvalid { cert, issuer } => {
            Some(bad_signature(&certs[*cert], &certs[*issuer]))
        }
        _ => None,
    })
}

fn bad_signature(cert: &CertificateFacts, issuer: &CertificateFacts) -> String {
    if cert.index == issuer.index {
        format!("{}'s own signature does not verify with its key: the certificate was altered or damaged.", cert.label())
    } else {
        format!(
            "{}'s signature does not verify with the key of its issuer {}: the certificate was altered or damaged, and clients reject it.",
            cert.label(),
            issuer.label()
        )
    }
}

fn mozilla_note(text: &'static str) -> &'static str {
    if cfg!(feature = "mozilla-roots") {
        text
    } else {
        ""
    }
}

fn aia_hint(cert: &CertificateFacts) -> String {
    match cert.ca_issuers.first() {
        Some(url) => {
            format!(" The certificate names its issuer's certificate at {url} (not fetched).")
        }
        None => String::new(),
    }
}

fn chain(rule: &'static rules::Rule, message: String) -> Finding {
    Finding::new(rule, Topic::Chain, message)
}

fn event_findings(
    event: &ChainEvent,
    outcome: &ChainOutcome,
    certs: &[CertificateFacts],
    out: &mut Vec<Finding>,
) {
    if let ChainEvent::Unused { certs: unused } = event {
        return unused_findings(unused, certs, out);
    }
    let finding = link_finding(event, certs)
        .or_else(|| end_finding(event, outcome, certs))
        .or_else(|| weak_finding(event, certs));
    out.extend(finding);
}

/// A finding about one link: its signature or its issuer.
fn link_finding(event: &ChainEvent, certs: &[CertificateFacts]) -> Option<Finding> {
    let finding = match event {
        ChainEvent::RootIncluded { cert } => chain(
            &rules::CHAIN_ROOT_INCLUDED,
            format!("the root {} is included; servers need not send it (harmless).", certs[*cert].label()),
        )
        .about(*cert),
        ChainEvent::SignatureInvalid { cert, issuer } => {
            chain(&rules::CHAIN_BAD_SIGNATURE, bad_signature(&certs[*cert], &certs[*issuer])).about(*cert)
        }
        ChainEvent::SignatureUnsupported { cert } => chain(
            &rules::CHAIN_SIGNATURE_UNCHECKED,
            format!("{}'s signature ({}) was not checked: this algorithm or key type is not verified here.", certs[*cert].label(), certs[*cert].signature_algorithm),
        )
        .about(*cert),
        ChainEvent::SignatureNotChecked { cert } => chain(
            &rules::CHAIN_SIGNATURE_UNCHECKED,
            format!(
                "{}'s signature was not checked: the limit of {} signature checks per analysis was reached.",
                certs[*cert].label(),
                crate::limits::MAX_SIGNATURE_CHECKS
            ),
        )
        .about(*cert),
        ChainEvent::KeyMismatch { cert, issuer } => chain(
            &rules::CHAIN_KEY_MISMATCH,
            format!(
                "{} names {} as its issuer, but that certificate has another key (its key identifier differs, and its key does not verify the signature): it is a different CA certificate with the same name, e.g. from before a CA renewal. The right intermediate is missing.{}",
                certs[*cert].label(),
                certs[*issuer].label(),
                aia_hint(&certs[*cert])
            ),
        )
        .about(*cert),
        _ => return None,
    };
    Some(finding)
}

/// A finding about how the chain ends.
fn end_finding(
    event: &ChainEvent,
    outcome: &ChainOutcome,
    certs: &[CertificateFacts],
) -> Option<Finding> {
    let finding = match event {
        ChainEvent::IssuerNotGiven { cert } => {
            let c = &certs[*cert];
            chain(
                &rules::CHAIN_ISSUER_NOT_GIVEN,
                format!(
                    "the issuer's certificate ({}) was not in the input{}, so the chain was not checked; the server must send the intermediate, and the clients must trust its root.{}",
                    c.issuer.display,
                    mozilla_note(", and it is not a Mozilla root"),
                    aia_hint(c)
                ),
            )
            .about(*cert)
        }
        ChainEvent::MissingIntermediate { cert } => {
            let c = &certs[*cert];
            chain(
                &rules::CHAIN_MISSING_INTERMEDIATE,
                format!(
                    "the chain stops at {}: its issuer ({}) is not in the input{}. If it is an intermediate, the server must send it; if it is a private root, every client must trust it.{}",
                    c.label(),
                    c.issuer.display,
                    mozilla_note(" and is not a Mozilla root"),
                    aia_hint(c)
                ),
            )
            .about(*cert)
        }
        ChainEvent::ReachesMozillaRoot { root } => chain(
            &rules::CHAIN_MOZILLA_ROOT,
            format!(
                "the chain ({}) reaches the Mozilla root \"{root}\". Windows uses its own trust store, which may differ; a current Windows normally trusts the public roots Mozilla trusts.",
                outcome.report.path.iter().map(|i| format!("#{}", i + 1)).collect::<Vec<_>>().join(" → ")
            ),
        ),
        ChainEvent::PrivateRoot { root } => chain(
            &rules::CHAIN_PRIVATE_ROOT,
            format!(
                "the chain ends at the self-signed root {}, which is not in the Mozilla root program (a private or enterprise CA): clients trust it only if it is in their Trusted Root Certification Authorities store (for example pushed by Group Policy).",
                certs[*root].label()
            ),
        ),
        ChainEvent::SelfSigned { leaf } => chain(
            &rules::CHAIN_SELF_SIGNED,
            "the certificate is self-signed (its issuer is its own subject): Outlook trusts it only if every client has it in its Trusted Root store; use a certificate from a public CA.".into(),
        )
        .about(*leaf),
        _ => return None,
    };
    Some(finding)
}

/// A finding about weak cryptography.
fn weak_finding(event: &ChainEvent, certs: &[CertificateFacts]) -> Option<Finding> {
    let finding = match event {
        ChainEvent::WeakHash { cert, hash } => {
            let name = if *hash == Hash::Sha1 { "SHA-1" } else { "MD5" };
            chain(
                &rules::CHAIN_WEAK_HASH,
                format!(
                    "{} is signed with {name} ({}); Windows no longer accepts {name} for TLS server certificates: reissue it with SHA-256.",
                    certs[*cert].label(),
                    certs[*cert].signature_algorithm
                ),
            )
            .about(*cert)
        }
        ChainEvent::WeakKey { cert, bits } => chain(
            &rules::CHAIN_WEAK_KEY,
            format!(
                "{} has a {bits}-bit RSA key; public CAs require 2048 bits or more, and clients may refuse shorter keys.",
                certs[*cert].label()
            ),
        )
        .about(*cert),
        _ => return None,
    };
    Some(finding)
}

fn unused_findings(unused: &[usize], certs: &[CertificateFacts], out: &mut Vec<Finding>) {
    if unused.len() > 5 {
        let listed: Vec<String> = unused.iter().take(5).map(|i| certs[*i].label()).collect();
        out.push(Finding::new(
            &rules::CHAIN_EXTRA_CERTIFICATE,
            Topic::Chain,
            format!(
                "{} certificates are not on the server certificate's chain ({}, and {} more); they are not needed.",
                unused.len(),
                listed.join(", "),
                unused.len() - 5
            ),
        ));
        return;
    }
    for index in unused {
        out.push(
            Finding::new(
                &rules::CHAIN_EXTRA_CERTIFICATE,
                Topic::Chain,
                format!(
                    "{} is not on the server certificate's chain; it is not needed.",
                    certs[*index].label()
                ),
            )
            .about(*index),
        );
    }
}

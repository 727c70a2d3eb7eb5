//! Which certificate is the leaf (the server certificate), and why; and the
//! chain above it, explained link by link.

use crate::cert::CertificateFacts;
use crate::findings::{Finding, Topic};
use crate::rules;
use crate::signature::{verify, Hash, SignatureCheck};
use crate::trust::{is_mozilla_root, mozilla_issuer, mozilla_root_count};

/// Did `issuer` issue `child` (by name; a certificate does not issue itself)?
fn issued(issuer: &CertificateFacts, child: &CertificateFacts) -> bool {
    issuer.index != child.index && !child.self_issued && child.issuer_der == issuer.subject_der
}

/// Pick the leaf: the certificate that issued no other certificate in the
/// input and is not a CA. Findings say which was picked and why.
pub fn choose_leaf(certs: &[CertificateFacts], findings: &mut Vec<Finding>) -> Option<usize> {
    if certs.is_empty() {
        return None;
    }
    if certs.len() == 1 {
        let only = &certs[0];
        if only.is_ca() {
            findings.push(
                Finding::new(
                    &rules::CERT_CA_AS_LEAF,
                    Topic::Certificate,
                    format!("{} is a CA certificate (basic constraints CA:TRUE), not a server certificate; ask for the Exchange server's own certificate.", only.label()),
                )
                .about(only.index),
            );
        }
        return Some(only.index);
    }
    let bottom: Vec<&CertificateFacts> = certs
        .iter()
        .filter(|c| !certs.iter().any(|other| issued(c, other)))
        .collect();
    let leaves: Vec<&CertificateFacts> = bottom.iter().copied().filter(|c| !c.is_ca()).collect();
    let (chosen, why) = match (leaves.as_slice(), bottom.as_slice()) {
        ([one], _) => (*one, "it issued no other certificate in the input and is not a CA"),
        ([first, ..], _) => (*first, "it is the first of several certificates that issued no other certificate and are not CAs"),
        ([], [first, ..]) => (*first, "it issued no other certificate in the input, although it is a CA"),
        ([], []) => (&certs[0], "every certificate issued another one (a loop of names); the first was taken"),
    };
    findings.push(
        Finding::new(
            &rules::INTAKE_LEAF_CHOSEN,
            Topic::Intake,
            format!(
                "of {} certificates, {} was taken as the server certificate: {why}.",
                certs.len(),
                chosen.label()
            ),
        )
        .about(chosen.index),
    );
    if leaves.len() > 1 {
        let mut others: Vec<String> = leaves.iter().skip(1).take(5).map(|c| c.label()).collect();
        if leaves.len() > 6 {
            others.push(format!("and {} more", leaves.len() - 6));
        }
        findings.push(
            Finding::new(
                &rules::INTAKE_SEVERAL_LEAVES,
                Topic::Intake,
                format!("the input holds more than one server certificate; the others ({}) were not evaluated. Check them one at a time.", others.join(", ")),
            )
            .about(chosen.index),
        );
    }
    if chosen.is_ca() {
        findings.push(
            Finding::new(
                &rules::CERT_CA_AS_LEAF,
                Topic::Certificate,
                format!("{} is a CA certificate (basic constraints CA:TRUE), not a server certificate; the server certificate seems to be missing from the input.", chosen.label()),
            )
            .about(chosen.index),
        );
    }
    Some(chosen.index)
}

/// Who issued a certificate on the chain.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum IssuerKind {
    /// A certificate of the input (`issuer_index`).
    InInput,
    /// The certificate itself (a self-signed root or leaf).
    ItSelf,
    /// A root of the Mozilla root program, not in the input.
    MozillaRoot,
    /// Not in the input, and not a Mozilla root.
    Missing,
}

/// One step of the chain: a certificate and its issuer.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct ChainLink {
    /// The certificate (index into the report's certificates).
    pub certificate: usize,
    /// Where its issuer is.
    pub issuer: IssuerKind,
    /// The issuer's index, when it is in the input.
    pub issuer_index: Option<usize>,
    /// The issuer's name.
    pub issuer_name: String,
    /// The signature check with the issuer's key (null when the issuer is missing).
    pub signature: Option<SignatureCheck>,
    /// True when the authority key identifier names the issuer's subject key identifier.
    pub key_id_matches: Option<bool>,
}

/// How the chain ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ChainEnd {
    /// At a root of the Mozilla root program.
    MozillaRoot,
    /// At a self-signed root that is not a Mozilla root (a private CA), or a self-signed leaf.
    PrivateRoot,
    /// Before any root: an issuer is missing.
    Incomplete,
}

/// The chain explained: the path from the leaf up, each link checked.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct ChainReport {
    /// The certificates from the leaf up (indices), leaf first.
    pub path: Vec<usize>,
    /// One link per certificate on the path.
    pub links: Vec<ChainLink>,
    /// How the chain ends.
    pub ends: ChainEnd,
    /// The Mozilla root it reaches, if any.
    pub mozilla_root: Option<String>,
    /// Certificates of the input that are not on the path.
    pub unused: Vec<usize>,
    /// How many Mozilla roots this build knows.
    pub mozilla_roots_known: usize,
}

fn key_id_matches(child: &CertificateFacts, issuer: &CertificateFacts) -> Option<bool> {
    match (&child.authority_key_id, &issuer.subject_key_id) {
        (Some(aki), Some(ski)) => Some(aki == ski),
        _ => None,
    }
}

/// Signature checks left in this analysis (see [`crate::limits::MAX_SIGNATURE_CHECKS`]).
struct Budget(usize);

impl Budget {
    /// Check `child`'s signature with `issuer`'s key, or say it was not checked
    /// once the budget is spent.
    fn check(&mut self, child: &CertificateFacts, issuer: &CertificateFacts) -> SignatureCheck {
        if self.0 == 0 {
            return SignatureCheck::NotChecked;
        }
        self.0 -= 1;
        verify(
            &child.signature_kind,
            &child.tbs_der,
            &child.signature_value,
            &issuer.as_issuer_key(),
        )
    }
}

/// Explain the chain above `leaf`: order the certificates, link each to its
/// issuer by name and key identifier, check every signature, and say whether
/// it reaches a Mozilla root.
pub fn explain(
    certs: &[CertificateFacts],
    leaf: usize,
    findings: &mut Vec<Finding>,
) -> ChainReport {
    let mut path = vec![leaf];
    let mut links = Vec::new();
    let mut ends = ChainEnd::Incomplete;
    let mut mozilla_root = None;
    let mut current = leaf;
    let mut budget = Budget(crate::limits::MAX_SIGNATURE_CHECKS);
    loop {
        let cert = &certs[current];
        if cert.self_issued {
            let signature = budget.check(cert, cert);
            links.push(ChainLink {
                certificate: current,
                issuer: IssuerKind::ItSelf,
                issuer_index: Some(current),
                issuer_name: cert.issuer.display.clone(),
                signature: Some(signature.clone()),
                key_id_matches: key_id_matches(cert, cert),
            });
            report_signature(cert, cert, &signature, findings);
            if current != leaf {
                findings.push(
                    Finding::new(
                        &rules::CHAIN_ROOT_INCLUDED,
                        Topic::Chain,
                        format!(
                            "the root {} is included; servers need not send it (harmless).",
                            cert.label()
                        ),
                    )
                    .about(current),
                );
            }
            match is_mozilla_root(cert) {
                Some(root) => {
                    ends = ChainEnd::MozillaRoot;
                    mozilla_root = Some(root.name);
                }
                None => ends = ChainEnd::PrivateRoot,
            }
            break;
        }
        let candidates: Vec<usize> = certs
            .iter()
            .filter(|c| {
                c.index != current && !path.contains(&c.index) && c.subject_der == cert.issuer_der
            })
            .map(|c| c.index)
            .collect();
        // Each candidate's signature is checked at most once, in order, until one
        // verifies; else the first whose key identifier does not contradict; else the first.
        let mut checked: Vec<(usize, SignatureCheck)> = Vec::new();
        let mut chosen = None;
        for i in &candidates {
            let signature = budget.check(cert, &certs[*i]);
            let valid = signature == SignatureCheck::Valid;
            checked.push((*i, signature));
            if valid {
                chosen = checked.last().cloned();
                break;
            }
        }
        let chosen = chosen
            .or_else(|| {
                checked
                    .iter()
                    .find(|(i, _)| key_id_matches(cert, &certs[*i]) != Some(false))
                    .cloned()
            })
            .or_else(|| checked.first().cloned());
        if let Some((issuer_index, signature)) = chosen {
            let issuer = &certs[issuer_index];
            let ids = key_id_matches(cert, issuer);
            links.push(ChainLink {
                certificate: current,
                issuer: IssuerKind::InInput,
                issuer_index: Some(issuer_index),
                issuer_name: issuer.subject.display.clone(),
                signature: Some(signature.clone()),
                key_id_matches: ids,
            });
            if signature == SignatureCheck::Invalid && ids == Some(false) {
                findings.push(Finding::new(
                    &rules::CHAIN_KEY_MISMATCH,
                    Topic::Chain,
                    format!(
                        "{} names {} as its issuer, but that certificate has another key (its key identifier differs, and its key does not verify the signature): it is a different CA certificate with the same name, e.g. from before a CA renewal. The right intermediate is missing.{}",
                        cert.label(),
                        issuer.label(),
                        aia_hint(cert)
                    ),
                ).about(current));
            } else {
                report_signature(cert, issuer, &signature, findings);
            }
            path.push(issuer_index);
            current = issuer_index;
            continue;
        }
        // The issuer is not in the input: a Mozilla root?
        match mozilla_issuer(cert) {
            Ok(Some(root)) => {
                links.push(ChainLink {
                    certificate: current,
                    issuer: IssuerKind::MozillaRoot,
                    issuer_index: None,
                    issuer_name: root.name.clone(),
                    signature: Some(SignatureCheck::Valid),
                    key_id_matches: None,
                });
                ends = ChainEnd::MozillaRoot;
                mozilla_root = Some(root.name);
            }
            Ok(None) | Err(_) => {
                links.push(ChainLink {
                    certificate: current,
                    issuer: IssuerKind::Missing,
                    issuer_index: None,
                    issuer_name: cert.issuer.display.clone(),
                    signature: None,
                    key_id_matches: None,
                });
                if certs.len() == 1 {
                    findings.push(Finding::new(
                        &rules::CHAIN_ISSUER_NOT_GIVEN,
                        Topic::Chain,
                        format!(
                            "the issuer's certificate ({}) was not in the input{}, so the chain was not checked; the server must send the intermediate, and the clients must trust its root.{}",
                            cert.issuer.display,
                            if cfg!(feature = "mozilla-roots") { ", and it is not a Mozilla root" } else { "" },
                            aia_hint(cert)
                        ),
                    ).about(current));
                } else {
                    findings.push(Finding::new(
                        &rules::CHAIN_MISSING_INTERMEDIATE,
                        Topic::Chain,
                        format!(
                            "the chain stops at {}: its issuer ({}) is not in the input{}. If it is an intermediate, the server must send it; if it is a private root, every client must trust it.{}",
                            cert.label(),
                            cert.issuer.display,
                            if cfg!(feature = "mozilla-roots") { " and is not a Mozilla root" } else { "" },
                            aia_hint(cert)
                        ),
                    ).about(current));
                }
            }
        }
        break;
    }

    match (ends, &mozilla_root) {
        (ChainEnd::MozillaRoot, Some(root)) => findings.push(Finding::new(
            &rules::CHAIN_MOZILLA_ROOT,
            Topic::Chain,
            format!(
                "the chain ({}) reaches the Mozilla root \"{root}\". Windows uses its own trust store, which may differ; a current Windows normally trusts the public roots Mozilla trusts.",
                path.iter().map(|i| format!("#{}", i + 1)).collect::<Vec<_>>().join(" → ")
            ),
        )),
        (ChainEnd::PrivateRoot, _) if path.len() > 1 => findings.push(Finding::new(
            &rules::CHAIN_PRIVATE_ROOT,
            Topic::Chain,
            format!(
                "the chain ends at the self-signed root {}, which is not in the Mozilla root program (a private or enterprise CA): clients trust it only if it is in their Trusted Root Certification Authorities store (for example pushed by Group Policy).",
                certs[*path.last().unwrap_or(&leaf)].label()
            ),
        )),
        (ChainEnd::PrivateRoot, _) => findings.push(Finding::new(
            &rules::CHAIN_SELF_SIGNED,
            Topic::Chain,
            "the certificate is self-signed (its issuer is its own subject): Outlook trusts it only if every client has it in its Trusted Root store; use a certificate from a public CA.",
        ).about(leaf)),
        _ => {}
    }

    for index in &path {
        let cert = &certs[*index];
        if cert.self_issued && *index != leaf {
            continue; // a root's own signature does not matter
        }
        if let Some(hash @ (Hash::Sha1 | Hash::Md5)) = cert.signature_kind.hash() {
            findings.push(Finding::new(
                &rules::CHAIN_WEAK_HASH,
                Topic::Chain,
                format!(
                    "{} is signed with {} ({}); Windows no longer accepts {} for TLS server certificates: reissue it with SHA-256.",
                    cert.label(),
                    if hash == Hash::Sha1 { "SHA-1" } else { "MD5" },
                    cert.signature_algorithm,
                    if hash == Hash::Sha1 { "SHA-1" } else { "MD5" }
                ),
            ).about(*index));
        }
        if cert.public_key.algorithm == "RSA" && cert.public_key.bits.is_some_and(|b| b < 2048) {
            findings.push(Finding::new(
                &rules::CHAIN_WEAK_KEY,
                Topic::Chain,
                format!(
                    "{} has a {}-bit RSA key; public CAs require 2048 bits or more, and clients may refuse shorter keys.",
                    cert.label(),
                    cert.public_key.bits.unwrap_or(0)
                ),
            ).about(*index));
        }
    }

    let unused: Vec<usize> = certs
        .iter()
        .map(|c| c.index)
        .filter(|i| !path.contains(i))
        .collect();
    if unused.len() > 5 {
        let listed: Vec<String> = unused.iter().take(5).map(|i| certs[*i].label()).collect();
        findings.push(Finding::new(
            &rules::CHAIN_EXTRA_CERTIFICATE,
            Topic::Chain,
            format!(
                "{} certificates are not on the server certificate's chain ({}, and {} more); they are not needed.",
                unused.len(),
                listed.join(", "),
                unused.len() - 5
            ),
        ));
    } else {
        for index in &unused {
            findings.push(
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

    ChainReport {
        path,
        links,
        ends,
        mozilla_root,
        unused,
        mozilla_roots_known: mozilla_root_count(),
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

fn report_signature(
    cert: &CertificateFacts,
    issuer: &CertificateFacts,
    check: &SignatureCheck,
    findings: &mut Vec<Finding>,
) {
    match check {
        SignatureCheck::Valid => {}
        SignatureCheck::Invalid => findings.push(Finding::new(
            &rules::CHAIN_BAD_SIGNATURE,
            Topic::Chain,
            if cert.index == issuer.index {
                format!("{}'s own signature does not verify with its key: the certificate was altered or damaged.", cert.label())
            } else {
                format!(
                    "{}'s signature does not verify with the key of its issuer {}: the certificate was altered or damaged, and clients reject it.",
                    cert.label(),
                    issuer.label()
                )
            },
        ).about(cert.index)),
        SignatureCheck::Unsupported => findings.push(Finding::new(
            &rules::CHAIN_SIGNATURE_UNCHECKED,
            Topic::Chain,
            format!("{}'s signature ({}) was not checked: this algorithm or key type is not verified here.", cert.label(), cert.signature_algorithm),
        ).about(cert.index)),
        SignatureCheck::NotChecked => findings.push(Finding::new(
            &rules::CHAIN_SIGNATURE_UNCHECKED,
            Topic::Chain,
            format!("{}'s signature was not checked: the limit of {} signature checks per analysis was reached.", cert.label(), crate::limits::MAX_SIGNATURE_CHECKS),
        ).about(cert.index)),
    }
}

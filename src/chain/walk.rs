//! The chain walk: from the leaf up, each certificate linked to its issuer by
//! name, its signature checked within a budget, until a root or a gap.

use crate::cert::CertificateFacts;
use crate::signature::{verify, SignatureCheck};
use crate::trust::{is_mozilla_root, mozilla_issuer};

use super::{ChainEnd, ChainEvent, ChainLink, IssuerKind};

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

/// What the walk found.
pub(super) struct Walked {
    pub path: Vec<usize>,
    pub links: Vec<ChainLink>,
    pub ends: ChainEnd,
    pub mozilla_root: Option<String>,
    pub events: Vec<ChainEvent>,
}

fn key_id_matches(child: &CertificateFacts, issuer: &CertificateFacts) -> Option<bool> {
    match (&child.authority_key_id, &issuer.subject_key_id) {
        (Some(aki), Some(ski)) => Some(aki == ski),
        _ => None,
    }
}

/// The event a signature check gives, if any.
fn signature_event(cert: usize, issuer: usize, check: &SignatureCheck) -> Option<ChainEvent> {
    match check {
        SignatureCheck::Valid => None,
        SignatureCheck::Invalid => Some(ChainEvent::SignatureInvalid { cert, issuer }),
        SignatureCheck::Unsupported => Some(ChainEvent::SignatureUnsupported { cert }),
        SignatureCheck::NotChecked => Some(ChainEvent::SignatureNotChecked { cert }),
    }
}

/// Walk from `leaf` up.
pub(super) fn walk(certs: &[CertificateFacts], leaf: usize) -> Walked {
    let mut walked = Walked {
        path: vec![leaf],
        links: Vec::new(),
        ends: ChainEnd::Incomplete,
        mozilla_root: None,
        events: Vec::new(),
    };
    let mut budget = Budget(crate::limits::MAX_SIGNATURE_CHECKS);
    let mut current = leaf;
    loop {
        let cert = &certs[current];
        if cert.self_issued {
            self_signed_link(&mut walked, cert, leaf, &mut budget);
            return walked;
        }
        match issuer_in_input(certs, &walked.path, cert, &mut budget) {
            Some((issuer, signature)) => {
                in_input_link(&mut walked, cert, &certs[issuer], signature);
                walked.path.push(issuer);
                current = issuer;
            }
            None => {
                outside_link(&mut walked, cert, certs.len());
                return walked;
            }
        }
    }
}

/// A self-signed certificate ends the walk: a root, or a self-signed leaf.
fn self_signed_link(
    walked: &mut Walked,
    cert: &CertificateFacts,
    leaf: usize,
    budget: &mut Budget,
) {
    let signature = budget.check(cert, cert);
    walked
        .events
        .extend(signature_event(cert.index, cert.index, &signature));
    walked.links.push(ChainLink {
        certificate: cert.index,
        issuer: IssuerKind::ItSelf,
        issuer_index: Some(cert.index),
        issuer_name: cert.issuer.display.clone(),
        signature: Some(signature),
        key_id_matches: key_id_matches(cert, cert),
    });
    if cert.index != leaf {
        walked
            .events
            .push(ChainEvent::RootIncluded { cert: cert.index });
    }
    match is_mozilla_root(cert) {
        Some(root) => {
            walked.ends = ChainEnd::MozillaRoot;
            walked.mozilla_root = Some(root.name);
        }
        None => walked.ends = ChainEnd::PrivateRoot,
    }
}

/// The issuer of `cert` among the input: each same-name candidate's signature is
/// checked at most once, in order, until one verifies; else the first whose key
/// identifier does not contradict; else the first.
fn issuer_in_input(
    certs: &[CertificateFacts],
    path: &[usize],
    cert: &CertificateFacts,
    budget: &mut Budget,
) -> Option<(usize, SignatureCheck)> {
    let candidates = certs.iter().filter(|c| {
        c.index != cert.index && !path.contains(&c.index) && c.subject_der == cert.issuer_der
    });
    let mut checked: Vec<(usize, SignatureCheck)> = Vec::new();
    for candidate in candidates {
        let signature = budget.check(cert, candidate);
        if signature == SignatureCheck::Valid {
            return Some((candidate.index, signature));
        }
        checked.push((candidate.index, signature));
    }
    let consistent = checked
        .iter()
        .position(|(i, _)| key_id_matches(cert, &certs[*i]) != Some(false));
    let pick = consistent.unwrap_or(0);
    (pick < checked.len()).then(|| checked.swap_remove(pick))
}

/// A link to an issuer in the input.
fn in_input_link(
    walked: &mut Walked,
    cert: &CertificateFacts,
    issuer: &CertificateFacts,
    signature: SignatureCheck,
) {
    let ids = key_id_matches(cert, issuer);
    if signature == SignatureCheck::Invalid && ids == Some(false) {
        walked.events.push(ChainEvent::KeyMismatch {
            cert: cert.index,
            issuer: issuer.index,
        });
    } else {
        walked
            .events
            .extend(signature_event(cert.index, issuer.index, &signature));
    }
    walked.links.push(ChainLink {
        certificate: cert.index,
        issuer: IssuerKind::InInput,
        issuer_index: Some(issuer.index),
        issuer_name: issuer.subject.display.clone(),
        signature: Some(signature),
        key_id_matches: ids,
    });
}

/// The issuer is not in the input: a Mozilla root, or missing.
fn outside_link(walked: &mut Walked, cert: &CertificateFacts, total: usize) {
    if let Some(root) = mozilla_issuer(cert) {
        walked.links.push(ChainLink {
            certificate: cert.index,
            issuer: IssuerKind::MozillaRoot,
            issuer_index: None,
            issuer_name: root.name.clone(),
            signature: Some(SignatureCheck::Valid),
            key_id_matches: None,
        });
        walked.ends = ChainEnd::MozillaRoot;
        walked.mozilla_root = Some(root.name);
        return;
    }
    walked.links.push(ChainLink {
        certificate: cert.index,
        issuer: IssuerKind::Missing,
        issuer_index: None,
        issuer_name: cert.issuer.display.clone(),
        signature: None,
        key_id_matches: None,
    });
    walked.events.push(if total == 1 {
        ChainEvent::IssuerNotGiven { cert: cert.index }
    } else {
        ChainEvent::MissingIntermediate { cert: cert.index }
    });
}

/// How the chain ends, as an event.
pub(super) fn end_event(
    certs: &[CertificateFacts],
    leaf: usize,
    path: &[usize],
    ends: ChainEnd,
    mozilla_root: &Option<String>,
) -> Option<ChainEvent> {
    match (ends, mozilla_root) {
        (ChainEnd::MozillaRoot, Some(root)) => {
            Some(ChainEvent::ReachesMozillaRoot { root: root.clone() })
        }
        (ChainEnd::PrivateRoot, _) if path.len() > 1 => Some(ChainEvent::PrivateRoot {
            root: certs[*path.last().unwrap_or(&leaf)].index,
        }),
        (ChainEnd::PrivateRoot, _) => Some(ChainEvent::SelfSigned { leaf }),
        _ => None,
    }
}

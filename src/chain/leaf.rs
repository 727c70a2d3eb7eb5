//! Which certificate is the leaf: the one that issued no other certificate in
//! the input and is not a CA.

use std::collections::HashMap;

use crate::cert::CertificateFacts;

/// Why the leaf was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeafReason {
    /// It is the only certificate.
    Only,
    /// It issued no other certificate and is not a CA.
    OnlyCandidate,
    /// The first of several that issued nothing and are not CAs.
    FirstOfSeveral,
    /// It issued nothing, although it is a CA.
    CaAtTheBottom,
    /// Every certificate issued another (a loop of names): the first.
    Loop,
    /// The certificate Get-ExchangeCertificate lists as enabled for IIS (its summary).
    EnabledForIis,
}

/// The leaf chosen, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeafChoice {
    /// Its index.
    pub index: usize,
    /// Why it was chosen.
    pub reason: LeafReason,
    /// How many certificates there were.
    pub total: usize,
    /// Other certificates that could be the leaf (not evaluated).
    pub others: Vec<usize>,
    /// True when the chosen leaf is a CA certificate.
    pub is_ca: bool,
}

/// Pick the leaf, or none when there is no certificate.
pub fn choose_leaf(certs: &[CertificateFacts]) -> Option<LeafChoice> {
    let first = certs.first()?;
    if certs.len() == 1 {
        return Some(LeafChoice {
            index: first.index,
            reason: LeafReason::Only,
            total: 1,
            others: Vec::new(),
            is_ca: first.is_ca(),
        });
    }
    // Who issued something, by the issuer names of the others: one pass, not
    // every pair (a 1,000-certificate bundle made a million comparisons). A
    // certificate that is not self-issued has an issuer name other than its
    // own subject, so any certificate found under `c`'s subject is not `c`.
    // (The same map type as intake's duplicate check: no more code in the wasm.)
    let mut issuers: HashMap<Vec<u8>, usize> = HashMap::new();
    for child in certs.iter().filter(|c| !c.self_issued) {
        issuers.insert(child.issuer_der.clone(), child.index);
    }
    let issued_any = |c: &CertificateFacts| issuers.contains_key(&c.subject_der);
    let bottom: Vec<&CertificateFacts> = certs.iter().filter(|c| !issued_any(c)).collect();
    let leaves: Vec<&CertificateFacts> = bottom.iter().copied().filter(|c| !c.is_ca()).collect();
    let (chosen, reason) = match (leaves.as_slice(), bottom.as_slice()) {
        ([one], _) => (*one, LeafReason::OnlyCandidate),
        ([first, ..], _) => (*first, LeafReason::FirstOfSeveral),
        ([], [first, ..]) => (*first, LeafReason::CaAtTheBottom),
        ([], []) => (first, LeafReason::Loop),
    };
    Some(LeafChoice {
        index: chosen.index,
        reason,
        total: certs.len(),
        others: leaves.iter().skip(1).map(|c| c.index).collect(),
        is_ca: chosen.is_ca(),
    })
}

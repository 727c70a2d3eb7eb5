//! Which certificate is the leaf (the server certificate), and the chain above
//! it: ordered from the leaf up, each link checked. Every stage returns typed
//! values ([`LeafChoice`], [`ChainOutcome`]); [`crate::explain`] words them.

mod leaf;
mod walk;
mod weak;

use serde::Serialize;

use crate::cert::CertificateFacts;
use crate::signature::{Hash, SignatureCheck};

pub use leaf::{choose_leaf, LeafChoice, LeafReason};

/// Who issued a certificate on the chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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

/// Something the chain walk observed, in the order it was seen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChainEvent {
    /// A root (self-signed, above the leaf) is included.
    RootIncluded {
        /// The root.
        cert: usize,
    },
    /// A signature does not verify (`issuer == cert`: its own).
    SignatureInvalid {
        /// The signed certificate.
        cert: usize,
        /// The issuer whose key was used.
        issuer: usize,
    },
    /// A signature whose algorithm or key type this build does not verify.
    SignatureUnsupported {
        /// The signed certificate.
        cert: usize,
    },
    /// A signature not checked because the budget of checks was spent.
    SignatureNotChecked {
        /// The signed certificate.
        cert: usize,
    },
    /// The named issuer has another key: a same-name CA certificate.
    KeyMismatch {
        /// The signed certificate.
        cert: usize,
        /// The certificate named as its issuer.
        issuer: usize,
    },
    /// A single certificate was given without its issuer.
    IssuerNotGiven {
        /// The certificate.
        cert: usize,
    },
    /// The chain stops: the issuer is not in the input.
    MissingIntermediate {
        /// The last certificate reached.
        cert: usize,
    },
    /// The chain reaches a Mozilla root.
    ReachesMozillaRoot {
        /// The root's name.
        root: String,
    },
    /// The chain ends at a self-signed root that is not a Mozilla root.
    PrivateRoot {
        /// The root.
        root: usize,
    },
    /// The leaf is self-signed.
    SelfSigned {
        /// The leaf.
        leaf: usize,
    },
    /// A SHA-1 or MD5 signature on the path.
    WeakHash {
        /// The certificate.
        cert: usize,
        /// The hash.
        hash: Hash,
    },
    /// An RSA key under 2048 bits on the path.
    WeakKey {
        /// The certificate.
        cert: usize,
        /// Its size.
        bits: u32,
    },
    /// Certificates of the input not on the chain.
    Unused {
        /// Their indices.
        certs: Vec<usize>,
    },
}

/// The chain and what was observed on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainOutcome {
    /// The chain, as the report shows it.
    pub report: ChainReport,
    /// What was observed, in order.
    pub events: Vec<ChainEvent>,
}

impl ChainOutcome {
    /// True when a signature on the chain does not verify.
    pub fn has_bad_signature(&self) -> bool {
        self.events
            .iter()
            .any(|e| matches!(e, ChainEvent::SignatureInvalid { .. }))
    }

    /// True when the leaf is self-signed.
    pub fn leaf_self_signed(&self) -> bool {
        self.events
            .iter()
            .any(|e| matches!(e, ChainEvent::SelfSigned { .. }))
    }
}

/// Order the certificates above `leaf`, link each to its issuer by name and key
/// identifier, check every signature, and say whether it reaches a Mozilla root.
pub fn build(certs: &[CertificateFacts], leaf: usize) -> ChainOutcome {
    let walked = walk::walk(certs, leaf);
    let mut events = walked.events;
    events.extend(walk::end_event(
        certs,
        leaf,
        &walked.path,
        walked.ends,
        &walked.mozilla_root,
    ));
    events.extend(weak::weaknesses(certs, leaf, &walked.path));
    let unused: Vec<usize> = certs
        .iter()
        .map(|c| c.index)
        .filter(|i| !walked.path.contains(i))
        .collect();
    if !unused.is_empty() {
        events.push(ChainEvent::Unused {
            certs: unused.clone(),
        });
    }
    ChainOutcome {
        report: ChainReport {
            path: walked.path,
            links: walked.links,
            ends: walked.ends,
            mozilla_root: walked.mozilla_root,
            unused,
            mozilla_roots_known: crate::trust::mozilla_root_count(),
        },
        events,
    }
}

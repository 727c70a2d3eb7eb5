//! Weak cryptography on the path: SHA-1 or MD5 signatures, short RSA keys.

use crate::cert::{CertificateFacts, KeyAlgorithm};
use crate::signature::Hash;

use super::ChainEvent;

/// The weaknesses of the certificates on `path` (a root's own signature does not matter).
pub(super) fn weaknesses(
    certs: &[CertificateFacts],
    leaf: usize,
    path: &[usize],
) -> Vec<ChainEvent> {
    let mut events = Vec::new();
    for &index in path {
        let cert = &certs[index];
        if cert.self_issued && index != leaf {
            continue;
        }
        if let Some(hash @ (Hash::Sha1 | Hash::Md5)) = cert.signature_kind.hash() {
            events.push(ChainEvent::WeakHash { cert: index, hash });
        }
        if matches!(cert.public_key.algorithm, KeyAlgorithm::Rsa | KeyAlgorithm::RsaPss) {
            if let Some(bits) = cert.public_key.bits.filter(|b| *b < 2048) {
                events.push(ChainEvent::WeakKey { cert: index, bits });
            }
        }
    }
    events
}

//! Checking a certificate's signature with its issuer's public key, in pure
//! Rust (RustCrypto), so that it works in the browser too: RSA PKCS#1 v1.5 and
//! PSS, ECDSA P-256 and P-384, Ed25519; SHA-1, SHA-2.

#[cfg(feature = "signatures")]
use p256::ecdsa::signature::hazmat::PrehashVerifier;
#[cfg(feature = "signatures")]
use rsa::pkcs1::DecodeRsaPublicKey;
#[cfg(feature = "signatures")]
use rsa::{Pkcs1v15Sign, PublicKey as RsaPublicKey};
use serde::Serialize;
use sha1::{Digest, Sha1};

#[cfg(feature = "signatures")]
mod pkcs1;
use sha2::{Sha224, Sha256, Sha384, Sha512};
use x509_parser::signature_algorithm::SignatureAlgorithm;
use x509_parser::x509::AlgorithmIdentifier;

/// A hash function used in a signature.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hash {
    /// MD5: broken, never checked.
    Md5,
    /// SHA-1: weak.
    Sha1,
    /// SHA-224.
    Sha224,
    /// SHA-256.
    Sha256,
    /// SHA-384.
    Sha384,
    /// SHA-512.
    Sha512,
}

impl Hash {
    fn from_oid(oid: &str) -> Option<Hash> {
        Some(match oid {
            "1.2.840.113549.2.5" => Hash::Md5,
            "1.3.14.3.2.26" => Hash::Sha1,
            "2.16.840.1.101.3.4.2.4" => Hash::Sha224,
            "2.16.840.1.101.3.4.2.1" => Hash::Sha256,
            "2.16.840.1.101.3.4.2.2" => Hash::Sha384,
            "2.16.840.1.101.3.4.2.3" => Hash::Sha512,
            _ => return None,
        })
    }

    #[cfg_attr(not(feature = "signatures"), allow(dead_code))]
    fn digest(self, data: &[u8]) -> Option<Vec<u8>> {
        Some(match self {
            Hash::Md5 => return None,
            Hash::Sha1 => Sha1::digest(data).to_vec(),
            Hash::Sha224 => Sha224::digest(data).to_vec(),
            Hash::Sha256 => Sha256::digest(data).to_vec(),
            Hash::Sha384 => Sha384::digest(data).to_vec(),
            Hash::Sha512 => Sha512::digest(data).to_vec(),
        })
    }
}

/// How a certificate is signed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignatureKind {
    /// RSA PKCS#1 v1.5 with a hash.
    RsaPkcs1(Hash),
    /// RSA-PSS with a hash (MGF1 with the same hash) and a salt length.
    RsaPss(Hash, usize),
    /// ECDSA with a hash.
    Ecdsa(Hash),
    /// Ed25519.
    Ed25519,
    /// Anything else, named.
    Unsupported(String),
}

impl SignatureKind {
    /// The hash, when the algorithm has one.
    pub fn hash(&self) -> Option<Hash> {
        match self {
            SignatureKind::RsaPkcs1(h) | SignatureKind::RsaPss(h, _) | SignatureKind::Ecdsa(h) => {
                Some(*h)
            }
            _ => None,
        }
    }
}

/// Read the signature algorithm of a certificate.
pub(crate) fn kind_of(algorithm: &AlgorithmIdentifier<'_>) -> SignatureKind {
    let oid = algorithm.algorithm.to_id_string();
    let fixed = |h| match oid.as_str() {
        "1.2.840.113549.1.1.4" => Some(SignatureKind::RsaPkcs1(Hash::Md5)),
        "1.2.840.113549.1.1.5" => Some(SignatureKind::RsaPkcs1(Hash::Sha1)),
        "1.2.840.113549.1.1.14" => Some(SignatureKind::RsaPkcs1(Hash::Sha224)),
        "1.2.840.113549.1.1.11" => Some(SignatureKind::RsaPkcs1(Hash::Sha256)),
        "1.2.840.113549.1.1.12" => Some(SignatureKind::RsaPkcs1(Hash::Sha384)),
        "1.2.840.113549.1.1.13" => Some(SignatureKind::RsaPkcs1(Hash::Sha512)),
        "1.2.840.10045.4.1" => Some(SignatureKind::Ecdsa(Hash::Sha1)),
        "1.2.840.10045.4.3.1" => Some(SignatureKind::Ecdsa(Hash::Sha224)),
        "1.2.840.10045.4.3.2" => Some(SignatureKind::Ecdsa(Hash::Sha256)),
        "1.2.840.10045.4.3.3" => Some(SignatureKind::Ecdsa(Hash::Sha384)),
        "1.2.840.10045.4.3.4" => Some(SignatureKind::Ecdsa(Hash::Sha512)),
        "1.3.101.112" => Some(SignatureKind::Ed25519),
        _ => h,
    };
    if let Some(kind) = fixed(None) {
        return kind;
    }
    if let Ok(SignatureAlgorithm::RSASSA_PSS(params)) = SignatureAlgorithm::try_from(algorithm) {
        let hash = Hash::from_oid(&params.hash_algorithm_oid().to_id_string());
        let mgf_same = params
            .mask_gen_algorithm()
            .map(|m| Hash::from_oid(&m.hash.to_id_string()) == hash)
            .unwrap_or(false);
        return match hash {
            Some(hash) if mgf_same => SignatureKind::RsaPss(hash, params.salt_length() as usize),
            _ => SignatureKind::Unsupported("RSASSA-PSS with unusual parameters".into()),
        };
    }
    SignatureKind::Unsupported(
        crate::cert::oids::signature_name(&oid).map_or(oid.clone(), str::to_string),
    )
}

/// The outcome of a signature check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum SignatureCheck {
    /// The issuer's key verifies the signature.
    Valid,
    /// The issuer's key does not verify the signature.
    Invalid,
    /// This algorithm or key type is not checked here.
    Unsupported,
    /// Not checked: the analysis had already made its most signature checks
    /// ([`crate::limits::MAX_SIGNATURE_CHECKS`]).
    NotChecked,
}

/// The issuer's public key, as read from its certificate.
#[cfg_attr(not(feature = "signatures"), allow(dead_code))]
pub(crate) struct IssuerKey<'a> {
    /// Public key algorithm OID.
    pub algorithm_oid: &'a str,
    /// Named curve (P-256, P-384) for EC keys.
    pub curve: Option<&'a str>,
    /// The subjectPublicKey bits: PKCS#1 RSAPublicKey, an EC point, or an Ed25519 key.
    pub key: &'a [u8],
}

/// Check `signature` over `tbs` with the issuer's key: this build checks none.
#[cfg(not(feature = "signatures"))]
pub(crate) fn verify(
    _kind: &SignatureKind,
    _tbs: &[u8],
    _signature: &[u8],
    _issuer: &IssuerKey<'_>,
) -> SignatureCheck {
    SignatureCheck::Unsupported
}

#[cfg(feature = "signatures")]
/// Check `signature` over `tbs` with the issuer's key.
pub(crate) fn verify(
    kind: &SignatureKind,
    tbs: &[u8],
    signature: &[u8],
    issuer: &IssuerKey<'_>,
) -> SignatureCheck {
    match kind {
        SignatureKind::RsaPkcs1(hash) => verify_rsa(*hash, None, tbs, signature, issuer),
        SignatureKind::RsaPss(hash, salt) => verify_rsa(*hash, Some(*salt), tbs, signature, issuer),
        SignatureKind::Ecdsa(hash) => verify_ecdsa(*hash, tbs, signature, issuer),
        SignatureKind::Ed25519 => verify_ed25519(tbs, signature, issuer),
        SignatureKind::Unsupported(_) => SignatureCheck::Unsupported,
    }
}

/// `Valid` or `Invalid`.
#[cfg(feature = "signatures")]
fn outcome(valid: bool) -> SignatureCheck {
    if valid {
        SignatureCheck::Valid
    } else {
        SignatureCheck::Invalid
    }
}

/// RSA: PKCS#1 v1.5 when `pss_salt` is `None`, else PSS with that salt length.
#[cfg(feature = "signatures")]
fn verify_rsa(
    hash: Hash,
    pss_salt: Option<usize>,
    tbs: &[u8],
    signature: &[u8],
    issuer: &IssuerKey<'_>,
) -> SignatureCheck {
    if !matches!(
        issuer.algorithm_oid,
        "1.2.840.113549.1.1.1" | "1.2.840.113549.1.1.10"
    ) {
        return SignatureCheck::Invalid;
    }
    let result = match pss_salt {
        Some(salt) => {
            let Ok(key) = RsaPublicKey::from_pkcs1_der(issuer.key) else {
                return SignatureCheck::Invalid;
            };
            let Some(digest) = hash.digest(tbs) else {
                return SignatureCheck::Unsupported;
            };
            rsa_pss(&key, hash, salt, &digest, signature)
        }
        None => {
            let Some(key) = pkcs1::read_key(issuer.key) else {
                return SignatureCheck::Invalid;
            };
            let Some(digest) = hash.digest(tbs) else {
                return SignatureCheck::Unsupported;
            };
            rsa_pkcs1(&key, hash, &digest, signature)
        }
    };
    match result {
        Some(valid) => outcome(valid),
        None => SignatureCheck::Unsupported,
    }
}

/// The PKCS#1 v1.5 scheme of `hash` (its DigestInfo prefix): `None` for a
/// hash not checked here.
#[cfg(feature = "signatures")]
fn pkcs1v15_scheme(hash: Hash) -> Option<Pkcs1v15Sign> {
    Some(match hash {
        Hash::Sha1 => Pkcs1v15Sign::new::<Sha1>(),
        Hash::Sha224 => Pkcs1v15Sign::new::<Sha224>(),
        Hash::Sha256 => Pkcs1v15Sign::new::<Sha256>(),
        Hash::Sha384 => Pkcs1v15Sign::new::<Sha384>(),
        Hash::Sha512 => Pkcs1v15Sign::new::<Sha512>(),
        Hash::Md5 => return None,
    })
}

/// RSA PKCS#1 v1.5 over a digest: `None` for a hash not checked here.
#[cfg(feature = "signatures")]
fn rsa_pkcs1(key: &pkcs1::RsaKey<'_>, hash: Hash, digest: &[u8], signature: &[u8]) -> Option<bool> {
    let scheme = pkcs1v15_scheme(hash)?;
    Some(pkcs1::verify(key, &scheme.prefix, digest, signature))
}

/// RSA-PSS (MGF1 with the same hash) over a digest: `None` for a hash not checked here.
#[cfg(feature = "signatures")]
fn rsa_pss(
    key: &RsaPublicKey,
    hash: Hash,
    salt: usize,
    digest: &[u8],
    signature: &[u8],
) -> Option<bool> {
    use rsa::pss::Pss;
    let result = match hash {
        Hash::Sha1 => key.verify(Pss::<Sha1>::new_with_salt(salt), digest, signature),
        Hash::Sha224 => key.verify(Pss::<Sha224>::new_with_salt(salt), digest, signature),
        Hash::Sha256 => key.verify(Pss::<Sha256>::new_with_salt(salt), digest, signature),
        Hash::Sha384 => key.verify(Pss::<Sha384>::new_with_salt(salt), digest, signature),
        Hash::Sha512 => key.verify(Pss::<Sha512>::new_with_salt(salt), digest, signature),
        Hash::Md5 => return None,
    };
    Some(result.is_ok())
}

/// ECDSA on P-256 or P-384 over the prehashed `tbs`.
#[cfg(feature = "signatures")]
fn verify_ecdsa(
    hash: Hash,
    tbs: &[u8],
    signature: &[u8],
    issuer: &IssuerKey<'_>,
) -> SignatureCheck {
    if issuer.algorithm_oid != "1.2.840.10045.2.1" {
        return SignatureCheck::Invalid;
    }
    let Some(digest) = hash.digest(tbs) else {
        return SignatureCheck::Unsupported;
    };
    match issuer.curve {
        Some("P-256") => {
            let (Ok(key), Ok(sig)) = (
                p256::ecdsa::VerifyingKey::from_sec1_bytes(issuer.key),
                p256::ecdsa::Signature::from_der(signature),
            ) else {
                return SignatureCheck::Invalid;
            };
            outcome(key.verify_prehash(&digest, &sig).is_ok())
        }
        Some("P-384") => {
            let (Ok(key), Ok(sig)) = (
                p384::ecdsa::VerifyingKey::from_sec1_bytes(issuer.key),
                p384::ecdsa::Signature::from_der(signature),
            ) else {
                return SignatureCheck::Invalid;
            };
            outcome(key.verify_prehash(&digest, &sig).is_ok())
        }
        _ => SignatureCheck::Unsupported,
    }
}

/// Ed25519 (strict verification) over `tbs` itself.
#[cfg(feature = "signatures")]
fn verify_ed25519(tbs: &[u8], signature: &[u8], issuer: &IssuerKey<'_>) -> SignatureCheck {
    if issuer.algorithm_oid != "1.3.101.112" {
        return SignatureCheck::Invalid;
    }
    let (Ok(bytes), Ok(sig)) = (
        <[u8; 32]>::try_from(issuer.key),
        ed25519_dalek::Signature::from_slice(signature),
    ) else {
        return SignatureCheck::Invalid;
    };
    match ed25519_dalek::VerifyingKey::from_bytes(&bytes) {
        Ok(key) => outcome(key.verify_strict(tbs, &sig).is_ok()),
        Err(_) => SignatureCheck::Invalid,
    }
}

#[cfg(all(test, feature = "signatures"))]
mod tests {
    use super::*;
    use crate::{analyze, Input, Options};
    use std::path::Path;

    /// The `rsa` crate's own PKCS#1 v1.5 verification: what [`pkcs1`] replaced.
    fn rsa_crate(hash: Hash, tbs: &[u8], signature: &[u8], key: &[u8]) -> bool {
        let (Ok(key), Some(digest)) = (RsaPublicKey::from_pkcs1_der(key), hash.digest(tbs)) else {
            return false;
        };
        pkcs1v15_scheme(hash).is_some_and(|scheme| key.verify(scheme, &digest, signature).is_ok())
    }

    /// Every certificate of every fixture and corpus file, by file.
    fn certificates() -> Vec<Vec<crate::cert::CertificateFacts>> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let options = Options {
            principal: None,
            host: None,
            at: 1_764_028_800,
            password: Some("Contoso!2025".into()),
        };
        let mut out = Vec::new();
        for dir in [
            "tests/fixtures/certs",
            "tests/fixtures/real",
            "tests/fixtures/rsa-widths",
            "../shared/corpus/real",
        ] {
            let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
                continue;
            };
            for path in entries.flatten().map(|e| e.path()) {
                let Ok(bytes) = std::fs::read(&path) else {
                    continue;
                };
                let name = path.display().to_string();
                let input = [Input {
                    name: &name,
                    bytes: &bytes,
                }];
                out.push(analyze(&input, &options).certificates);
            }
        }
        out
    }

    /// The same answer as the `rsa` crate for every RSA PKCS#1 v1.5
    /// signature of a file checked with the key of every RSA certificate of
    /// that file (the right issuer, the wrong ones, itself), and for each
    /// signature with one bit changed.
    #[test]
    fn pkcs1_answers_as_the_rsa_crate_does() {
        let (mut checked, mut valid) = (0, 0);
        for certs in certificates() {
            for subject in &certs {
                let SignatureKind::RsaPkcs1(hash) = subject.signature_kind else {
                    continue;
                };
                for issuer in certs
                    .iter()
                    .filter(|c| c.public_key.algorithm_oid == "1.2.840.113549.1.1.1")
                {
                    let key = issuer.as_issuer_key();
                    let mut flipped = subject.signature_value.clone();
                    if let Some(last) = flipped.last_mut() {
                        *last ^= 1;
                    }
                    for signature in [&subject.signature_value, &flipped] {
                        let ours =
                            verify(&subject.signature_kind, &subject.tbs_der, signature, &key);
                        let theirs = rsa_crate(hash, &subject.tbs_der, signature, key.key);
                        let expected = match (hash, theirs) {
                            (Hash::Md5, _) => SignatureCheck::Unsupported,
                            (_, true) => SignatureCheck::Valid,
                            (_, false) => SignatureCheck::Invalid,
                        };
                        assert_eq!(
                            ours, expected,
                            "{:?} by {:?}",
                            subject.origin, issuer.origin
                        );
                        checked += 1;
                        valid += usize::from(ours == SignatureCheck::Valid);
                    }
                }
            }
        }
        assert!(
            checked > 100 && valid > 15,
            "{checked} checked, {valid} valid"
        );
    }

    /// Keys `rsa` refuses are refused: too small, even modulus, even or
    /// too large exponents, trailing bytes, negative numbers.
    #[test]
    fn pkcs1_refuses_the_keys_rsa_refuses() {
        let der = |modulus: &[u8], exponent: &[u8], tail: &[u8]| {
            let int = |v: &[u8]| match v.len() {
                n @ 0..=127 => [&[0x02, n as u8][..], v].concat(),
                n => [&[0x02, 0x81, n as u8][..], v].concat(),
            };
            let body = [int(modulus), int(exponent)].concat();
            let mut seq = vec![0x30, 0x81, body.len() as u8];
            seq.extend(body);
            seq.extend_from_slice(tail);
            seq
        };
        let odd_1024 = [&[0x00, 0xC1][..], &[0x55; 126], &[0x01]].concat();
        let mut even_1024 = odd_1024.clone();
        *even_1024.last_mut().expect("byte") = 2;
        let odd_1016 = [&[0x7F][..], &[0x55; 126]].concat();
        /// Modulus, exponent, bytes after the key, whether rsa accepts it.
        type Case<'a> = (&'a [u8], &'a [u8], &'a [u8], bool);
        let cases: [Case; 8] = [
            (&odd_1024, &[0x01, 0x00, 0x01], &[], true),
            (&odd_1024, &[0x03], &[], true),
            (&even_1024, &[0x01, 0x00, 0x01], &[], false),
            (&odd_1016, &[0x01, 0x00, 0x01], &[], false),
            (&odd_1024, &[0x01, 0x00, 0x00], &[], false),
            (&odd_1024, &[0x01], &[], false),
            (&odd_1024, &[0x02, 0x00, 0x00, 0x00, 0x01], &[], false),
            (&odd_1024, &[0x01, 0x00, 0x01], &[0x00], false),
        ];
        for (modulus, exponent, tail, accepted) in cases {
            let key = der(modulus, exponent, tail);
            let rsa = RsaPublicKey::from_pkcs1_der(&key).is_ok();
            assert_eq!(rsa, accepted, "rsa: {exponent:02x?} {tail:02x?}");
            assert_eq!(
                pkcs1::read_key(&key).is_some(),
                accepted,
                "{exponent:02x?} {tail:02x?}"
            );
        }
        // A length in more bytes than it needs (BER, not DER).
        let mut long = der(&odd_1024, &[0x01, 0x00, 0x01], &[]);
        long.splice(1..3, [0x82, 0x00, long[2]]);
        assert!(RsaPublicKey::from_pkcs1_der(&long).is_err());
        assert!(pkcs1::read_key(&long).is_none());
        // A negative modulus (no leading zero before a set top bit).
        assert!(pkcs1::read_key(&der(&odd_1024[1..], &[0x01, 0x00, 0x01], &[])).is_none());
    }
}

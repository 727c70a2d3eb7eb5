//! The public key and what it may be used for (key usage, extended key usage).

use serde::Serialize;
use x509_parser::asn1_rs::{Any, FromDer, Tag};
use x509_parser::extensions::{ExtendedKeyUsage, KeyUsage};
use x509_parser::public_key::{PublicKey, RSAPublicKey};
use x509_parser::x509::SubjectPublicKeyInfo;

use super::oids;
use crate::cert::oids::IdString as _;

/// The public key algorithm, named as Windows names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub enum KeyAlgorithm {
    /// RSA (rsaEncryption).
    #[serde(rename = "RSA")]
    Rsa,
    /// RSA restricted to PSS signatures (id-RSASSA-PSS).
    #[serde(rename = "RSASSA-PSS")]
    RsaPss,
    /// Elliptic curve (id-ecPublicKey); the curve is named beside it.
    #[serde(rename = "ECC")]
    Ecc,
    /// DSA.
    #[serde(rename = "DSA")]
    Dsa,
    /// X25519.
    X25519,
    /// X448.
    X448,
    /// Ed25519.
    Ed25519,
    /// Ed448.
    Ed448,
    /// Another algorithm: see `algorithm_oid`.
    #[serde(rename = "other")]
    Other,
}

impl KeyAlgorithm {
    /// The algorithm of an OID.
    pub fn from_oid(oid: &str) -> KeyAlgorithm {
        match oids::key_algorithm_name(oid) {
            Some("RSA") => KeyAlgorithm::Rsa,
            Some("RSASSA-PSS") => KeyAlgorithm::RsaPss,
            Some("ECC") => KeyAlgorithm::Ecc,
            Some("DSA") => KeyAlgorithm::Dsa,
            Some("X25519") => KeyAlgorithm::X25519,
            Some("X448") => KeyAlgorithm::X448,
            Some("Ed25519") => KeyAlgorithm::Ed25519,
            Some("Ed448") => KeyAlgorithm::Ed448,
            _ => KeyAlgorithm::Other,
        }
    }

    /// The name as Windows shows it (`RSA`, `ECC`, …); `None` for another algorithm.
    pub fn name(self) -> Option<&'static str> {
        Some(match self {
            KeyAlgorithm::Rsa => "RSA",
            KeyAlgorithm::RsaPss => "RSASSA-PSS",
            KeyAlgorithm::Ecc => "ECC",
            KeyAlgorithm::Dsa => "DSA",
            KeyAlgorithm::X25519 => "X25519",
            KeyAlgorithm::X448 => "X448",
            KeyAlgorithm::Ed25519 => "Ed25519",
            KeyAlgorithm::Ed448 => "Ed448",
            KeyAlgorithm::Other => return None,
        })
    }
}

/// The subject public key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct PublicKeyFacts {
    /// The algorithm (`other` when this tool does not name it: see `algorithm_oid`).
    pub algorithm: KeyAlgorithm,
    /// Algorithm OID.
    pub algorithm_oid: String,
    /// Key size in bits, when known.
    pub bits: Option<u32>,
    /// Named curve for elliptic-curve keys.
    pub curve: Option<String>,
}

/// Size in bits of a big-endian unsigned integer.
fn integer_bits(bytes: &[u8]) -> u32 {
    let trimmed: &[u8] = match bytes.iter().position(|b| *b != 0) {
        Some(first) => &bytes[first..],
        None => return 0,
    };
    (trimmed.len() as u32 - 1) * 8 + (8 - trimmed[0].leading_zeros())
}

/// The size of a DSA key: the size of its prime p, read from the
/// `Dss-Parms ::= SEQUENCE { p, q, g }` parameters (RFC 3279). The public
/// value y can be a few bits shorter than p, so its length is not the key
/// size. Unknown (`None`) when the parameters are absent (inherited from the
/// issuer) or unreadable.
fn dsa_bits(spki: &SubjectPublicKeyInfo<'_>) -> Option<u32> {
    let params = spki.algorithm.parameters.as_ref()?;
    if params.tag() != Tag::Sequence {
        return None;
    }
    let (_, p) = Any::from_der(params.data).ok()?;
    (p.tag() == Tag::Integer)
        .then(|| integer_bits(p.data))
        .filter(|b| *b > 0)
}

/// The size of an RSA key whose algorithm x509-parser does not decode
/// (id-RSASSA-PSS): its subjectPublicKey is the same PKCS#1 RSAPublicKey.
fn rsa_pss_bits(spki: &SubjectPublicKeyInfo<'_>) -> Option<u32> {
    let (_, key) = RSAPublicKey::from_der(&spki.subject_public_key.data).ok()?;
    Some(integer_bits(key.modulus)).filter(|b| *b > 0)
}

/// Read the subject public key info.
pub(crate) fn read_public_key(spki: &SubjectPublicKeyInfo<'_>) -> PublicKeyFacts {
    let algorithm_oid = spki.algorithm.algorithm.id_string();
    let algorithm = KeyAlgorithm::from_oid(&algorithm_oid);
    let curve = spki
        .algorithm
        .parameters
        .as_ref()
        .and_then(|p| p.as_oid().ok())
        .map(|oid| {
            let oid = oid.id_string();
            oids::curve_name(&oid).map_or(oid, str::to_string)
        })
        .filter(|_| algorithm == KeyAlgorithm::Ecc);
    let bits = match (algorithm, spki.parsed()) {
        (KeyAlgorithm::Ed25519 | KeyAlgorithm::X25519, _) => Some(256),
        (KeyAlgorithm::Ed448 | KeyAlgorithm::X448, _) => Some(448),
        (_, Ok(PublicKey::RSA(rsa))) => Some(integer_bits(rsa.modulus)),
        (_, Ok(PublicKey::EC(point))) => match curve.as_deref() {
            Some("P-256" | "secp256k1" | "brainpoolP256r1") => Some(256),
            Some("P-384" | "brainpoolP384r1") => Some(384),
            Some("P-521") => Some(521),
            Some("P-224") => Some(224),
            Some("P-192") => Some(192),
            Some("brainpoolP512r1") => Some(512),
            _ => Some(point.key_size() as u32).filter(|b| *b > 0),
        },
        (_, Ok(PublicKey::DSA(_))) => dsa_bits(spki),
        (KeyAlgorithm::RsaPss, _) => rsa_pss_bits(spki),
        _ => None,
    };
    PublicKeyFacts {
        algorithm,
        algorithm_oid,
        bits,
        curve,
    }
}

/// The key usage bits that are set, by name.
pub(crate) fn key_usage_names(usage: &KeyUsage) -> Vec<String> {
    [
        (usage.digital_signature(), "Digital Signature"),
        (usage.non_repudiation(), "Non-Repudiation"),
        (usage.key_encipherment(), "Key Encipherment"),
        (usage.data_encipherment(), "Data Encipherment"),
        (usage.key_agreement(), "Key Agreement"),
        (usage.key_cert_sign(), "Certificate Signing"),
        (usage.crl_sign(), "CRL Signing"),
        (usage.encipher_only(), "Encipher Only"),
        (usage.decipher_only(), "Decipher Only"),
    ]
    .into_iter()
    .filter(|(set, _)| *set)
    .map(|(_, name)| name.to_string())
    .collect()
}

/// The extended key usages, named.
pub(crate) fn eku_list(eku: &ExtendedKeyUsage<'_>) -> Vec<super::KeyPurpose> {
    let known = [
        (eku.server_auth, "1.3.6.1.5.5.7.3.1"),
        (eku.client_auth, "1.3.6.1.5.5.7.3.2"),
        (eku.code_signing, "1.3.6.1.5.5.7.3.3"),
        (eku.email_protection, "1.3.6.1.5.5.7.3.4"),
        (eku.time_stamping, "1.3.6.1.5.5.7.3.8"),
        (eku.ocsp_signing, "1.3.6.1.5.5.7.3.9"),
        (eku.any, oids::ANY_EKU),
    ];
    known
        .into_iter()
        .filter(|(set, _)| *set)
        .map(|(_, oid)| oid.to_string())
        .chain(eku.other.iter().map(|oid| oid.id_string()))
        .map(|oid| super::KeyPurpose {
            name: oids::eku_name(&oid).map_or_else(|| oid.clone(), str::to_string),
            oid,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The public key of a fixture certificate (PEM).
    fn fixture_key(name: &str) -> PublicKeyFacts {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/certs")
            .join(name);
        let bytes = std::fs::read(&path).expect("fixture");
        let (_, pem) = x509_parser::pem::parse_x509_pem(&bytes).expect("PEM");
        let cert = pem.parse_x509().expect("certificate");
        read_public_key(cert.public_key())
    }

    #[test]
    fn dsa_key_size_is_the_size_of_p_not_of_the_public_value() {
        // y is 1,022 and 2,047 bits long; OpenSSL says 1024 and 2048 bit.
        for (name, bits) in [("dsa-1024.pem", 1024), ("dsa-2048.pem", 2048)] {
            let key = fixture_key(name);
            assert_eq!(key.algorithm, KeyAlgorithm::Dsa, "{name}");
            assert_eq!(key.bits, Some(bits), "{name}");
        }
    }

    #[test]
    fn rsa_pss_key_size_is_the_modulus_size() {
        let key = fixture_key("rsa-pss-key.pem");
        assert_eq!(key.algorithm, KeyAlgorithm::RsaPss);
        assert_eq!(key.algorithm_oid, "1.2.840.113549.1.1.10");
        assert_eq!(key.bits, Some(2048));
        assert_eq!(fixture_key("rsa-2048.pem").bits, Some(2048));
    }

    #[test]
    fn integer_bits_ignores_leading_zeros() {
        assert_eq!(integer_bits(&[0x00, 0x80, 0x00]), 16);
        assert_eq!(integer_bits(&[0x01, 0x00]), 9);
        assert_eq!(integer_bits(&[0, 0]), 0);
    }
}

//! PKCS#12 files made with no password at all.
//!
//! The RFC 7292 key derivation (behind the MAC and the PBES1 ciphers) takes
//! the password as a BMPString with a two-byte terminator, so the empty
//! password is the bytes `00 00`. Some tools derive from no bytes at all
//! instead (OpenSSL's `PKCS12_create` and `PKCS12_set_mac` given a NULL
//! password, for one). p12-keystore takes a `&str`, so it
//! always derives from the first form; this module opens files made with the
//! second: it checks the MAC and decrypts the certificate bags with the
//! absent password, as OpenSSL's `PKCS12_parse` tries it when given none.
//! PBES2 (PBKDF2) takes the password as UTF-8 bytes, where empty and absent
//! are the same (no bytes). Private keys are counted, never decrypted.

use cbc::cipher::block_padding::Pkcs7;
use cbc::cipher::{BlockCipherDecrypt, BlockModeDecrypt, KeyInit, KeyIvInit};
use des::TdesEde3;
use hmac::Mac;
use pkcs12_kdf::kdf::{derive_key, Pkcs12KeyType};
use pkcs5::der::Decode;
use rc2::Rc2;
use sha1::Sha1;
use sha2::{Sha224, Sha256, Sha384, Sha512};
use x509_parser::asn1_rs::{Any, Class, FromDer, Tag};

use super::{PfxContents, MAX_ITERATIONS};

const DATA: &str = "1.2.840.113549.1.7.1";
const ENCRYPTED_DATA: &str = "1.2.840.113549.1.7.6";
const KEY_BAG: &str = "1.2.840.113549.1.12.10.1.1";
const SHROUDED_KEY_BAG: &str = "1.2.840.113549.1.12.10.1.2";
const CERT_BAG: &str = "1.2.840.113549.1.12.10.1.3";
const X509_CERTIFICATE: &str = "1.2.840.113549.1.9.22.1";
const PBE_SHA1_3DES: &str = "1.2.840.113549.1.12.1.3";
const PBE_SHA1_RC2_40: &str = "1.2.840.113549.1.12.1.6";
const PBES2: &str = "1.2.840.113549.1.5.13";

/// The absent password: no bytes, not even the BMPString terminator.
const ABSENT: &[u8] = &[];

/// The elements of a SEQUENCE, or `None` if it is not one (DER).
fn elements<'a>(any: &Any<'a>) -> Option<Vec<Any<'a>>> {
    if any.tag() != Tag::Sequence {
        return None;
    }
    let mut rest = any.data;
    let mut out = Vec::new();
    while !rest.is_empty() {
        let (next, element) = Any::from_der(rest).ok()?;
        out.push(element);
        rest = next;
    }
    Some(out)
}

/// The single element inside a context-specific `[0]` wrapper.
fn explicit_zero<'a>(any: &Any<'a>) -> Option<Any<'a>> {
    if any.class() != Class::ContextSpecific || any.tag() != Tag(0) {
        return None;
    }
    let (rest, inner) = Any::from_der(any.data).ok()?;
    rest.is_empty().then_some(inner)
}

fn oid_of(any: &Any<'_>) -> Option<String> {
    any.as_oid().ok().map(|oid| oid.to_id_string())
}

/// A primitive OCTET STRING's bytes.
fn octets<'a>(any: &Any<'a>) -> Option<&'a [u8]> {
    (any.tag() == Tag::OctetString && any.header.is_primitive()).then_some(any.data)
}

/// An iteration count within [`MAX_ITERATIONS`].
fn iterations(any: Option<&Any<'_>>) -> Option<i32> {
    let count = match any {
        Some(any) => any.as_u32().ok()?,
        None => 1,
    };
    (1..=MAX_ITERATIONS)
        .contains(&count)
        .then(|| i32::try_from(count).ok())
        .flatten()
}

/// Does the HMAC (with this digest) of `data`, keyed from the absent
/// password, equal `expected`?
macro_rules! mac_matches {
    ($digest:ty, $data:expr, $salt:expr, $rounds:expr, $expected:expr) => {{
        let key = derive_key::<$digest>(
            ABSENT,
            $salt,
            Pkcs12KeyType::Mac,
            $rounds,
            <$digest as sha2::Digest>::output_size(),
        );
        match <hmac::Hmac<$digest> as hmac::KeyInit>::new_from_slice(&key) {
            Ok(mut mac) => {
                mac.update($data);
                mac.verify_slice($expected).is_ok()
            }
            Err(_) => false,
        }
    }};
}

/// Does the MacData verify `auth_safe` with the absent password?
fn mac_verifies(mac_data: &Any<'_>, auth_safe: &[u8]) -> Option<bool> {
    let fields = elements(mac_data)?;
    let digest_info = elements(fields.first()?)?;
    let algorithm = oid_of(elements(digest_info.first()?)?.first()?)?;
    let expected = octets(digest_info.get(1)?)?;
    let salt = octets(fields.get(1)?)?;
    let rounds = iterations(fields.get(2))?;
    Some(match algorithm.as_str() {
        "1.3.14.3.2.26" => mac_matches!(Sha1, auth_safe, salt, rounds, expected),
        "2.16.840.1.101.3.4.2.4" => mac_matches!(Sha224, auth_safe, salt, rounds, expected),
        "2.16.840.1.101.3.4.2.1" => mac_matches!(Sha256, auth_safe, salt, rounds, expected),
        "2.16.840.1.101.3.4.2.2" => mac_matches!(Sha384, auth_safe, salt, rounds, expected),
        "2.16.840.1.101.3.4.2.3" => mac_matches!(Sha512, auth_safe, salt, rounds, expected),
        _ => return None,
    })
}

/// PKCS#12 PBES1 (SHA-1 key derivation, CBC) with the absent password.
fn pbes1_decrypt<C>(params: &Any<'_>, key_len: usize, data: &[u8]) -> Option<Vec<u8>>
where
    C: KeyInit + BlockCipherDecrypt,
{
    let fields = elements(params)?;
    let salt = octets(fields.first()?)?;
    let rounds = iterations(fields.get(1))?;
    let key = derive_key::<Sha1>(ABSENT, salt, Pkcs12KeyType::EncryptionKey, rounds, key_len);
    let iv = derive_key::<Sha1>(ABSENT, salt, Pkcs12KeyType::Iv, rounds, 8);
    cbc::Decryptor::<C>::new_from_slices(&key, &iv)
        .ok()?
        .decrypt_padded_vec::<Pkcs7>(data)
        .ok()
}

/// Decrypt `data` encrypted with `algorithm` (an AlgorithmIdentifier) and
/// the absent password.
fn decrypt(algorithm: &Any<'_>, data: &[u8]) -> Option<Vec<u8>> {
    if algorithm.tag() != Tag::Sequence {
        return None;
    }
    // The parameters' whole encoding, for pkcs5's decoder.
    let (params_der, oid) = Any::from_der(algorithm.data).ok()?;
    let (trailing, params) = Any::from_der(params_der).ok()?;
    if !trailing.is_empty() {
        return None;
    }
    match oid_of(&oid)?.as_str() {
        PBE_SHA1_3DES => pbes1_decrypt::<TdesEde3>(&params, 24, data),
        PBE_SHA1_RC2_40 => pbes1_decrypt::<Rc2>(&params, 5, data),
        PBES2 => {
            let params = pkcs5::pbes2::Parameters::from_der(params_der).ok()?;
            match &params.kdf {
                pkcs5::pbes2::Kdf::Pbkdf2(p) if p.iteration_count <= MAX_ITERATIONS => {}
                _ => return None,
            }
            params.decrypt(ABSENT, data).ok()
        }
        _ => None,
    }
}

/// The SafeContents of one ContentInfo of the AuthenticatedSafe.
fn safe_contents(info: &Any<'_>) -> Option<Vec<u8>> {
    let fields = elements(info)?;
    let content = explicit_zero(fields.get(1)?)?;
    match oid_of(fields.first()?)?.as_str() {
        DATA => octets(&content).map(<[u8]>::to_vec),
        ENCRYPTED_DATA => {
            // EncryptedData { version, EncryptedContentInfo { type, algorithm, [0] IMPLICIT content } }
            let encrypted = elements(&content)?;
            let info = elements(encrypted.get(1)?)?;
            let ciphertext = info.get(2)?;
            let primitive_zero = ciphertext.class() == Class::ContextSpecific
                && ciphertext.tag() == Tag(0)
                && ciphertext.header.is_primitive();
            primitive_zero.then_some(())?;
            decrypt(info.get(1)?, ciphertext.data)
        }
        _ => None,
    }
}

/// Collect the certificates and count the keys of one SafeContents.
fn read_bags(safe: &[u8], contents: &mut PfxContents) -> Option<()> {
    let (rest, bags) = Any::from_der(safe).ok()?;
    if !rest.is_empty() {
        return None;
    }
    for bag in elements(&bags)? {
        let fields = elements(&bag)?;
        match oid_of(fields.first()?)?.as_str() {
            KEY_BAG | SHROUDED_KEY_BAG => contents.private_keys += 1,
            CERT_BAG => {
                let cert_bag = elements(&explicit_zero(fields.get(1)?)?)?;
                if oid_of(cert_bag.first()?)?.as_str() == X509_CERTIFICATE {
                    let der = octets(&explicit_zero(cert_bag.get(1)?)?)?;
                    contents.certificates.push(der.to_vec());
                }
            }
            _ => {}
        }
    }
    Some(())
}

/// Open a PFX made with the absent password: its MAC (if any) must verify and
/// its encrypted parts must decrypt with it. `None` when it does not open.
pub(super) fn read(bytes: &[u8]) -> Option<PfxContents> {
    let (_, pfx) = Any::from_der(bytes).ok()?;
    let fields = elements(&pfx)?;
    let auth_safe_info = elements(fields.get(1)?)?;
    if oid_of(auth_safe_info.first()?)? != DATA {
        return None;
    }
    let auth_safe = octets(&explicit_zero(auth_safe_info.get(1)?)?)?;
    if let Some(mac_data) = fields.get(2) {
        if !mac_verifies(mac_data, auth_safe)? {
            return None;
        }
    }
    let (_, infos) = Any::from_der(auth_safe).ok()?;
    let mut contents = PfxContents {
        certificates: Vec::new(),
        private_keys: 0,
    };
    for info in elements(&infos)? {
        read_bags(&safe_contents(&info)?, &mut contents)?;
    }
    Some(contents)
}

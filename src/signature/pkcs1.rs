//! RSA PKCS#1 v1.5 signature verification (RFC 8017, 8.2.2), the public-key
//! operation in fixed-size Montgomery arithmetic.
//!
//! The `rsa` crate computes with heap integers of any size: one RSA-2048
//! check cost about 950,000 instructions (BENCHMARKS.md), so a self-signed
//! leaf cost more than the rest of its analysis. This computes the same
//! `s^e mod n` with crypto-bigint's fixed-size integers (the crate `rsa` is
//! built on), then compares the result with the encoding of the digest, as
//! RFC 8017 says. The key is accepted as `rsa` accepts it: a modulus of
//! 1,024 to 8,192 bits, odd; an odd exponent from 2 to 2^33 - 1. RSA-PSS
//! still goes through `rsa`.

use crypto_bigint::modular::{FixedMontyForm, FixedMontyParams};
use crypto_bigint::{Limb, Odd, Uint, U2048, U4096, U8192};
use rsa::pkcs1::der::Decode;
use rsa::pkcs1::RsaPublicKeyRef;

/// An RSA public key as this check reads it.
pub(crate) struct RsaKey<'a> {
    /// The modulus, big-endian, without leading zero bytes.
    modulus: &'a [u8],
    /// The public exponent.
    exponent: u64,
}

/// The key of a PKCS#1 `RSAPublicKey` (the subjectPublicKey of an RSA key),
/// decoded by the `pkcs1` crate as `rsa` decodes it: `None` when it is not
/// one, or one `rsa` refuses.
pub(crate) fn read_key(pkcs1: &[u8]) -> Option<RsaKey<'_>> {
    let key = RsaPublicKeyRef::from_der(pkcs1).ok()?;
    let modulus = key.modulus.as_bytes();
    let exponent = key.public_exponent.as_bytes();
    let top = *modulus.first()?;
    let bits = modulus.len() * 8 - top.leading_zeros() as usize;
    if exponent.len() > 8 {
        return None;
    }
    let exponent = exponent.iter().fold(0u64, |e, &b| e << 8 | u64::from(b));
    let odd = |n: u64| n & 1 == 1;
    let accepted = (1024..=8192).contains(&bits)
        && odd(u64::from(modulus[modulus.len() - 1]))
        && odd(exponent)
        && (2..(1 << 33)).contains(&exponent);
    accepted.then_some(RsaKey { modulus, exponent })
}

/// Does `signature` verify `digest` (a hash whose DigestInfo starts with
/// `prefix`) under `key`?
pub(crate) fn verify(key: &RsaKey<'_>, prefix: &[u8], digest: &[u8], signature: &[u8]) -> bool {
    let k = key.modulus.len();
    if signature.len() != k || k < prefix.len() + digest.len() + 11 {
        return false;
    }
    let bits = k * 8;
    // Three widths, each its own code in the wasm: a 3,072-bit key is
    // computed in 4,096 bits.
    let message = if bits <= 2048 {
        public_operation::<{ U2048::LIMBS }>(key, signature)
    } else if bits <= 4096 {
        public_operation::<{ U4096::LIMBS }>(key, signature)
    } else {
        public_operation::<{ U8192::LIMBS }>(key, signature)
    };
    message.is_some_and(|m| m == encoded(k, prefix, digest))
}

/// EMSA-PKCS1-v1_5 (RFC 8017, 9.2): `00 01 FF…FF 00 || prefix || digest`, `k` bytes.
fn encoded(k: usize, prefix: &[u8], digest: &[u8]) -> Vec<u8> {
    let mut em = vec![0xFF; k];
    em[0] = 0;
    em[1] = 1;
    let t = k - prefix.len() - digest.len();
    em[t - 1] = 0;
    em[t..t + prefix.len()].copy_from_slice(prefix);
    em[t + prefix.len()..].copy_from_slice(digest);
    em
}

/// `signature^e mod n` as `k` big-endian bytes, in integers of `LIMBS` limbs
/// (at least the modulus' size): `None` when the signature, as a number, is
/// not below the modulus (RFC 8017, 5.2.2).
fn public_operation<const LIMBS: usize>(key: &RsaKey<'_>, signature: &[u8]) -> Option<Vec<u8>> {
    let width = LIMBS * Limb::BYTES;
    let k = key.modulus.len();
    let number = |bytes: &[u8]| {
        let mut padded = vec![0u8; width];
        padded[width - bytes.len()..].copy_from_slice(bytes);
        Uint::<LIMBS>::from_be_slice(&padded)
    };
    let modulus = Odd::new(number(key.modulus)).into_option()?;
    let s = number(signature);
    if &s >= modulus.as_ref() {
        return None;
    }
    let params = FixedMontyParams::new_vartime(modulus);
    let base = FixedMontyForm::new(&s, &params);
    // Square and multiply, from the exponent's top bit down (the exponent is public).
    let mut power = base;
    for bit in (0..63 - key.exponent.leading_zeros()).rev() {
        power = power.square();
        if key.exponent >> bit & 1 == 1 {
            power *= base;
        }
    }
    let bytes = power.retrieve().to_be_bytes();
    Some(bytes.as_ref()[width - k..].to_vec())
}

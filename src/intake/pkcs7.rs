//! PKCS#7 / CMS certificate bundles (`.p7b`, `.p7c`): DER, or BER with
//! indefinite lengths as Windows exports them. Only the certificates are read.

use x509_parser::asn1_rs::{Any, Class, FromBer, Length, Tag};

/// Why a SignedData bundle could not be read.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Pkcs7Error {
    /// The BER structure is damaged.
    Ber(x509_parser::asn1_rs::Err<x509_parser::asn1_rs::Error>),
    /// The ContentInfo has no `[0]` content.
    NoContent,
    /// The `[0]` content holds no SignedData.
    EmptySignedData,
    /// A certificate is BER with indefinite lengths, which certificates may not use.
    IndefiniteCertificate,
}

impl std::fmt::Display for Pkcs7Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Pkcs7Error::Ber(e) => write!(f, "damaged BER structure ({e})"),
            Pkcs7Error::NoContent => f.write_str("the bundle has no content"),
            Pkcs7Error::EmptySignedData => f.write_str("the SignedData is empty"),
            Pkcs7Error::IndefiniteCertificate => f.write_str(
                "a certificate inside the bundle uses BER indefinite lengths, which certificates may not",
            ),
        }
    }
}

/// OID of CMS SignedData (1.2.840.113549.1.7.2), its DER content octets.
const SIGNED_DATA: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02];

/// The TLVs inside `data`, each with its raw encoding; End-of-Content markers are skipped.
fn children(mut data: &[u8]) -> Result<Vec<(Any<'_>, &[u8])>, Pkcs7Error> {
    let mut out = Vec::new();
    while !data.is_empty() {
        let (rest, any) = Any::from_ber(data).map_err(Pkcs7Error::Ber)?;
        let raw = &data[..data.len() - rest.len()];
        data = rest;
        if any.tag() == Tag::EndOfContent && any.data.is_empty() {
            continue;
        }
        out.push((any, raw));
    }
    Ok(out)
}

/// Is this a CMS ContentInfo holding SignedData?
pub(crate) fn is_signed_data(bytes: &[u8]) -> bool {
    let Ok((_, outer)) = Any::from_ber(bytes) else {
        return false;
    };
    if outer.tag() != Tag::Sequence {
        return false;
    }
    let Ok((_, first)) = Any::from_ber(outer.data) else {
        return false;
    };
    // Only an OBJECT IDENTIFIER can be SignedData's: a certificate's first
    // element (a SEQUENCE) is not decoded as one (that took half the time of
    // a whole analysis: BENCHMARKS.md).
    first.header.is_primitive() && first.tag() == Tag::Oid && first.data == SIGNED_DATA
}

/// The certificates of a SignedData bundle, as DER, in bundle order.
pub(crate) fn certificates(bytes: &[u8]) -> Result<Vec<Vec<u8>>, Pkcs7Error> {
    let (_, outer) = Any::from_ber(bytes).map_err(Pkcs7Error::Ber)?;
    let info = children(outer.data)?;
    let Some((wrapper, _)) = info
        .iter()
        .find(|(a, _)| a.class() == Class::ContextSpecific && a.tag() == Tag(0))
    else {
        return Err(Pkcs7Error::NoContent);
    };
    let signed = children(wrapper.data)?;
    let Some((signed_data, _)) = signed.first() else {
        return Err(Pkcs7Error::EmptySignedData);
    };
    let fields = children(signed_data.data)?;
    let Some((set, _)) = fields
        .iter()
        .find(|(a, _)| a.class() == Class::ContextSpecific && a.tag() == Tag(0))
    else {
        return Ok(Vec::new());
    };
    let mut certificates = Vec::new();
    for (cert, raw) in children(set.data)? {
        if cert.tag() != Tag::Sequence {
            continue; // other certificate formats (attribute certificates) are not read
        }
        if cert.header.length() == Length::Indefinite {
            return Err(Pkcs7Error::IndefiniteCertificate);
        }
        certificates.push(raw.to_vec());
    }
    Ok(certificates)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_what_is_not_signed_data() {
        assert!(!is_signed_data(&[0x30, 0x03, 0x02, 0x01, 0x03]));
        assert!(!is_signed_data(b"hello"));
        assert!(matches!(
            certificates(&[0x30, 0x80]),
            Err(Pkcs7Error::Ber(_))
        ));
    }

    #[test]
    fn error_messages_keep_their_wording() {
        assert_eq!(
            Pkcs7Error::NoContent.to_string(),
            "the bundle has no content"
        );
        assert_eq!(
            Pkcs7Error::EmptySignedData.to_string(),
            "the SignedData is empty"
        );
        assert_eq!(
            Pkcs7Error::IndefiniteCertificate.to_string(),
            "a certificate inside the bundle uses BER indefinite lengths, which certificates may not"
        );
        let damaged = certificates(&[0x30, 0x80]).unwrap_err().to_string();
        assert!(damaged.starts_with("damaged BER structure ("), "{damaged}");
    }
}

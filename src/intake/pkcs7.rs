//! PKCS#7 / CMS certificate bundles (`.p7b`, `.p7c`): DER, or BER with
//! indefinite lengths as Windows exports them. Only the certificates are read.

use x509_parser::asn1_rs::{Any, Class, FromBer, Length, Tag};

/// OID of CMS SignedData.
const SIGNED_DATA: &str = "1.2.840.113549.1.7.2";

/// The TLVs inside `data`, each with its raw encoding; End-of-Content markers are skipped.
fn children(mut data: &[u8]) -> Result<Vec<(Any<'_>, &[u8])>, String> {
    let mut out = Vec::new();
    while !data.is_empty() {
        let (rest, any) =
            Any::from_ber(data).map_err(|e| format!("damaged BER structure ({e})"))?;
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
    first
        .as_oid()
        .map(|oid| oid.to_id_string() == SIGNED_DATA)
        .unwrap_or(false)
}

/// The certificates of a SignedData bundle, as DER, in bundle order.
pub(crate) fn certificates(bytes: &[u8]) -> Result<Vec<Vec<u8>>, String> {
    let (_, outer) = Any::from_ber(bytes).map_err(|e| format!("damaged BER structure ({e})"))?;
    let info = children(outer.data)?;
    let Some((wrapper, _)) = info
        .iter()
        .find(|(a, _)| a.class() == Class::ContextSpecific && a.tag() == Tag(0))
    else {
        return Err("the bundle has no content".into());
    };
    let signed = children(wrapper.data)?;
    let Some((signed_data, _)) = signed.first() else {
        return Err("the SignedData is empty".into());
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
            return Err("a certificate inside the bundle uses BER indefinite lengths, which certificates may not".into());
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
        assert!(certificates(&[0x30, 0x80]).is_err());
    }
}

//! Distinguished names (subject and issuer): ordered attributes with their
//! ASN.1 string types, decoded whatever the string type.

use serde::Serialize;
use x509_parser::asn1_rs::Tag;
use x509_parser::x509::X509Name;

use super::oids;
use crate::cert::oids::IdString as _;

/// One attribute of a distinguished name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct NameAttribute {
    /// Short name as Windows shows it (`CN`, `O`, `E`), or the dotted OID.
    #[serde(rename = "type")]
    pub kind: String,
    /// The dotted OID of the attribute type.
    pub oid: String,
    /// The decoded value (undecodable values are shown as `#` and hex).
    pub value: String,
    /// The ASN.1 string type (`PrintableString`, `UTF8String`, `BMPString`, …).
    pub string_type: String,
    /// False when the value could not be decoded as text of its string type.
    pub decoded: bool,
}

/// A distinguished name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct DistinguishedName {
    /// The name as Windows shows it, most specific attribute first: `CN=…, O=…, C=…`.
    pub display: String,
    /// The attributes in encoding (DER) order.
    pub attributes: Vec<NameAttribute>,
}

impl DistinguishedName {
    /// The values of every attribute with this OID, in encoding order.
    pub fn values(&self, oid: &str) -> Vec<String> {
        self.attributes
            .iter()
            .filter(|a| a.oid == oid)
            .map(|a| a.value.clone())
            .collect()
    }
}

fn string_type_name(tag: Tag) -> String {
    match tag {
        Tag::Utf8String => "UTF8String".into(),
        Tag::PrintableString => "PrintableString".into(),
        Tag::Ia5String => "IA5String".into(),
        Tag::T61String => "TeletexString".into(),
        Tag::BmpString => "BMPString".into(),
        Tag::UniversalString => "UniversalString".into(),
        Tag::NumericString => "NumericString".into(),
        Tag::VisibleString => "VisibleString".into(),
        other => format!("tag {}", other.0),
    }
}

/// Decode a string value by its ASN.1 type. `None` when it is not valid text of that type.
pub(crate) fn decode_string(tag: Tag, data: &[u8]) -> Option<String> {
    match tag {
        Tag::Utf8String => std::str::from_utf8(data).ok().map(str::to_string),
        Tag::PrintableString | Tag::Ia5String | Tag::NumericString | Tag::VisibleString => data
            .is_ascii()
            .then(|| String::from_utf8_lossy(data).into_owned()),
        // TeletexString: in practice Latin-1.
        Tag::T61String => Some(data.iter().map(|b| char::from(*b)).collect()),
        Tag::BmpString => {
            if data.len() % 2 != 0 {
                return None;
            }
            let units = data
                .chunks_exact(2)
                .map(|p| u16::from_be_bytes([p[0], p[1]]));
            char::decode_utf16(units)
                .collect::<Result<String, _>>()
                .ok()
        }
        Tag::UniversalString => {
            if data.len() % 4 != 0 {
                return None;
            }
            data.chunks_exact(4)
                .map(|q| char::from_u32(u32::from_be_bytes([q[0], q[1], q[2], q[3]])))
                .collect()
        }
        _ => None,
    }
}

/// Upper-case hex, no separators.
pub(crate) fn hex_upper(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789ABCDEF";
    // Written into a buffer on the stack, 32 bytes at a time, then copied
    // once: a push per char is a call in the page's engines (opt-level
    // "z"), and a certificate has some 150 hex digits (the thumbprints, the
    // serial and the key identifiers).
    let mut out = String::with_capacity(bytes.len() * 2);
    for chunk in bytes.chunks(32) {
        let mut digits = [0u8; 64];
        for (pair, &b) in digits.chunks_exact_mut(2).zip(chunk) {
            pair[0] = DIGITS[usize::from(b >> 4)];
            pair[1] = DIGITS[usize::from(b & 15)];
        }
        // Only ASCII digits were written.
        out.push_str(std::str::from_utf8(&digits[..chunk.len() * 2]).unwrap_or_default());
    }
    out
}

/// Read a distinguished name.
pub(crate) fn read_name(name: &X509Name<'_>) -> DistinguishedName {
    let mut attributes = Vec::new();
    for attribute in name.iter_attributes() {
        let oid = attribute.attr_type().id_string();
        let value = attribute.attr_value();
        let tag = value.tag();
        let decoded = decode_string(tag, value.data);
        attributes.push(NameAttribute {
            kind: oids::attribute_name(&oid),
            oid,
            decoded: decoded.is_some(),
            value: decoded.unwrap_or_else(|| format!("#{}", hex_upper(value.data))),
            string_type: string_type_name(tag),
        });
    }
    let display = attributes
        .iter()
        .rev()
        .map(|a| format!("{}={}", a.kind, a.value))
        .collect::<Vec<_>>()
        .join(", ");
    DistinguishedName {
        display,
        attributes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_is_upper_case_two_digits_a_byte() {
        assert_eq!(hex_upper(&[]), "");
        assert_eq!(hex_upper(&[0x00, 0x0f, 0xa0, 0xff, 0x4f]), "000FA0FF4F");
        let all: Vec<u8> = (0..=255).collect();
        let expected: String = all.iter().map(|b| format!("{b:02X}")).collect();
        assert_eq!(hex_upper(&all), expected);
    }

    #[test]
    fn decodes_every_string_type() {
        assert_eq!(
            decode_string(Tag::BmpString, &[0, b'a', 0x04, 0x31]).as_deref(),
            Some("aб")
        );
        assert_eq!(
            decode_string(Tag::UniversalString, &[0, 0, 0, b'x']).as_deref(),
            Some("x")
        );
        assert_eq!(decode_string(Tag::T61String, &[0xE9]).as_deref(), Some("é"));
        assert_eq!(decode_string(Tag::Utf8String, &[0xFF]), None);
        assert_eq!(decode_string(Tag::PrintableString, &[0xC3, 0xA9]), None);
    }
}

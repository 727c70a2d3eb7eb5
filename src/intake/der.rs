//! Binary input: one or more DER certificates back to back.

use x509_parser::asn1_rs::{FromDer, Header, Length, Tag};

use super::{InputForm, Piece};
use crate::rules;

/// The length of the complete DER SEQUENCE at the start of `bytes`, if there is one.
pub(crate) fn sequence_len(bytes: &[u8]) -> Option<usize> {
    let (rest, header) = Header::from_der(bytes).ok()?;
    if header.tag() != Tag::Sequence || !header.is_constructed() {
        return None;
    }
    let Length::Definite(len) = header.length() else {
        return None;
    };
    let total = (bytes.len() - rest.len()).checked_add(len)?;
    (total <= bytes.len()).then_some(total)
}

/// Does this input look like binary DER rather than text?
fn looks_binary(bytes: &[u8]) -> bool {
    bytes.first() == Some(&0x30) && bytes.get(1).is_some_and(|b| *b >= 0x80 || *b < 0x20)
}

/// Read binary input as DER certificates, or `None` when the input is not binary DER.
pub(crate) fn split_binary(bytes: &[u8]) -> Option<Vec<Piece>> {
    if !looks_binary(bytes) {
        return None;
    }
    let mut pieces = Vec::new();
    let mut offset = 0;
    while offset < bytes.len() {
        let rest = &bytes[offset..];
        match sequence_len(rest) {
            Some(len) => {
                pieces.push(Piece::Certificate {
                    der: rest[..len].to_vec(),
                    form: InputForm::Der,
                    location: format!("bytes {}-{}", offset, offset + len),
                    what: "DER certificate".into(),
                    note: None,
                });
                offset += len;
            }
            None if pieces.is_empty() => {
                return Some(vec![Piece::Error {
                    location: format!("bytes 0-{}", bytes.len()),
                    what: "DER data".into(),
                    rule: &rules::INTAKE_UNREADABLE,
                    message: format!(
                        "binary data that starts like DER but is not a complete DER structure ({} bytes; truncated, or a wrong length).",
                        bytes.len()
                    ),
                }]);
            }
            None => {
                if rest.iter().all(|b| *b == 0 || b.is_ascii_whitespace()) {
                    break;
                }
                pieces.push(Piece::Skipped {
                    location: format!("bytes {}-{}", offset, bytes.len()),
                    what: "trailing bytes".into(),
                    rule: &rules::INTAKE_TRAILING_DATA,
                    message: format!(
                        "{} bytes after the last DER certificate were ignored.",
                        bytes.len() - offset
                    ),
                });
                break;
            }
        }
    }
    Some(pieces)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sequence_len_reads_long_form() {
        let mut der = vec![0x30, 0x82, 0x01, 0x00];
        der.extend(std::iter::repeat_n(0u8, 256));
        assert_eq!(sequence_len(&der), Some(260));
        assert_eq!(sequence_len(&der[..100]), None);
        assert_eq!(sequence_len(&[0x31, 0x00]), None);
    }
}

//! Binary input: one or more DER certificates back to back.

use x509_parser::asn1_rs::{FromDer, Header, Length, Tag};

use super::{pkcs12, pkcs7, Context, InputForm, IntakeFlag, ItemForm, Piece};
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

/// Read binary input: DER certificates, a PKCS#7 bundle or a PKCS#12 file.
/// `None` when the input is not binary DER.
pub(crate) fn split_binary(bytes: &[u8], context: &Context<'_>) -> Option<Vec<Piece>> {
    if !looks_binary(bytes) {
        return None;
    }
    Some(read_blob(bytes, InputForm::Der, "", context))
}

/// Is this blob worth reading as DER (a certificate, a bundle, a PFX)?
pub(crate) fn is_der_blob(bytes: &[u8]) -> bool {
    sequence_len(bytes).is_some() || pkcs7::is_signed_data(bytes) || pkcs12::is_pfx(bytes)
}

/// Read a DER/BER blob found in the input. `form` is how it was encoded
/// (DER, or base64/hex/PEM text), `place` where it was ("lines 3-25", or
/// empty for a whole binary input).
pub(crate) fn read_blob(
    bytes: &[u8],
    form: InputForm,
    place: &str,
    context: &Context<'_>,
) -> Vec<Piece> {
    if pkcs7::is_signed_data(bytes) {
        return read_pkcs7(bytes, place);
    }
    if pkcs12::is_pfx(bytes) {
        return read_pkcs12(bytes, place, context);
    }
    read_sequences(bytes, form, place)
}

/// `detail` ("bytes 0-812") within `place`, or alone for a whole input.
fn at(place: &str, detail: String) -> String {
    if place.is_empty() {
        detail
    } else {
        format!("{place}, {detail}")
    }
}

/// A PKCS#7 (.p7b) bundle: its certificates, or an error naming why it cannot be read.
fn read_pkcs7(bytes: &[u8], place: &str) -> Vec<Piece> {
    match pkcs7::certificates(bytes) {
        Ok(certs) => container_pieces(certs, InputForm::Pkcs7, "PKCS#7 bundle", place, 0),
        Err(error) => vec![Piece::Error {
            location: at(place, format!("bytes 0-{}", bytes.len())),
            what: "PKCS#7 bundle".into(),
            form: ItemForm::Pkcs7,
            rule: &rules::INTAKE_UNREADABLE,
            message: format!("a PKCS#7 (.p7b) bundle that could not be read: {error}."),
        }],
    }
}

/// A PKCS#12 (.pfx) file: its certificates (and a count of its keys), or
/// why it cannot be read, with a flag when a password is needed or the build lacks PKCS#12.
fn read_pkcs12(bytes: &[u8], place: &str, context: &Context<'_>) -> Vec<Piece> {
    let error = match pkcs12::read(bytes, context.password) {
        Ok(contents) => {
            return container_pieces(
                contents.certificates,
                InputForm::Pkcs12,
                "PKCS#12 (.pfx) file",
                place,
                contents.private_keys,
            )
        }
        Err(error) => error,
    };
    let (rule, message) = pfx_error_wording(&error);
    let flag = match error {
        pkcs12::PfxError::PasswordNeeded => Some(IntakeFlag::PasswordNeeded),
        pkcs12::PfxError::NotInThisBuild => Some(IntakeFlag::Pkcs12NotInThisBuild),
        _ => None,
    };
    let error = Piece::Error {
        location: at(place, format!("bytes 0-{}", bytes.len())),
        what: "PKCS#12 (.pfx) file".into(),
        form: ItemForm::Pkcs12,
        rule,
        message,
    };
    flag.map(Piece::Flag).into_iter().chain([error]).collect()
}

/// The rule and the message for a PKCS#12 file that could not be read.
fn pfx_error_wording(error: &pkcs12::PfxError) -> (&'static rules::Rule, String) {
    match error {
        pkcs12::PfxError::PasswordNeeded => (
            &rules::INTAKE_PFX_PASSWORD_NEEDED,
            "a PKCS#12 (.pfx) file protected by a password: give the password (--password, or the page's password box) to read its certificates.".to_string(),
        ),
        pkcs12::PfxError::WrongPassword => (
            &rules::INTAKE_PFX_WRONG_PASSWORD,
            "the password does not open this PKCS#12 (.pfx) file (its integrity check fails); check the password with the customer.".to_string(),
        ),
        pkcs12::PfxError::NotInThisBuild => (
            &rules::INTAKE_PFX_UNSUPPORTED,
            "a PKCS#12 (.pfx) file: this build of msstd-check does not read PKCS#12 (the page loads its full engine for it; the command line always has it).".to_string(),
        ),
        pkcs12::PfxError::Unreadable(why) => (
            &rules::INTAKE_UNREADABLE,
            format!("a PKCS#12 (.pfx) file that could not be read: {why}."),
        ),
    }
}

/// DER certificates back to back: one piece each, then trailing bytes
/// skipped (unless only zeros or whitespace); an error when even the first is not whole.
fn read_sequences(bytes: &[u8], form: InputForm, place: &str) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut offset = 0;
    while offset < bytes.len() {
        let rest = &bytes[offset..];
        let Some(len) = sequence_len(rest) else {
            if pieces.is_empty() {
                return vec![not_der(bytes, place)];
            }
            if !rest.iter().all(|b| *b == 0 || b.is_ascii_whitespace()) {
                pieces.push(Piece::Skipped {
                    location: at(place, format!("bytes {}-{}", offset, bytes.len())),
                    what: "trailing bytes".into(),
                    form: ItemForm::Binary,
                    rule: &rules::INTAKE_TRAILING_DATA,
                    message: format!(
                        "{} bytes after the last DER certificate were ignored.",
                        bytes.len() - offset
                    ),
                });
            }
            break;
        };
        pieces.push(Piece::Certificate {
            der: rest[..len].to_vec(),
            form,
            location: at(place, format!("bytes {}-{}", offset, offset + len)),
            what: format!("{} certificate", form.label()),
            note: None,
        });
        offset += len;
    }
    pieces
}

/// The error for data that starts like DER but holds no complete certificate.
fn not_der(bytes: &[u8], place: &str) -> Piece {
    Piece::Error {
        location: at(place, format!("bytes 0-{}", bytes.len())),
        what: "DER data".into(),
        form: ItemForm::Der,
        rule: &rules::INTAKE_UNREADABLE,
        message: format!(
            "data that starts like DER but is not a complete certificate, PKCS#7 bundle or PKCS#12 file ({} bytes; truncated, or a wrong length).",
            bytes.len()
        ),
    }
}

/// The pieces of a container: a note naming it, its certificates, and its private keys.
fn container_pieces(
    certs: Vec<Vec<u8>>,
    form: InputForm,
    what: &str,
    place: &str,
    private_keys: usize,
) -> Vec<Piece> {
    let here = if place.is_empty() {
        "whole input".to_string()
    } else {
        place.to_string()
    };
    let count = certs.len();
    let mut pieces = vec![Piece::Note {
        location: here.clone(),
        rule: &rules::INTAKE_CONTAINER,
        message: format!(
            "a {what} holding {count} certificate{}{}.",
            if count == 1 { "" } else { "s" },
            if private_keys > 0 {
                format!(" and {}", private_keys_words(private_keys))
            } else {
                String::new()
            }
        ),
    }];
    for (i, der) in certs.into_iter().enumerate() {
        pieces.push(Piece::Certificate {
            der,
            form,
            location: format!("{here}, certificate {} of {count} in the {what}", i + 1),
            what: format!("certificate in a {what}"),
            note: None,
        });
    }
    if private_keys > 0 {
        pieces.push(Piece::Skipped {
            location: here,
            what: "private key".into(),
            form: ItemForm::PrivateKey,
            rule: &rules::INTAKE_PRIVATE_KEY,
            message: format!(
                "this {what} holds {}. {} not shown or kept. Customers should export the certificate without the private key (a .cer); a key sent by e-mail should be treated as exposed.",
                private_keys_words(private_keys),
                if private_keys == 1 { "It was" } else { "They were" }
            ),
        });
    }
    if count == 0 {
        pieces.push(Piece::Error {
            location: "whole input".into(),
            what: what.into(),
            form: ItemForm::from(form),
            rule: &rules::INTAKE_NO_CERTIFICATE,
            message: format!("the {what} holds no certificate."),
        });
    }
    pieces
}

/// "1 private key", "2 private keys".
fn private_keys_words(count: usize) -> String {
    if count == 1 {
        "1 private key".into()
    } else {
        format!("{count} private keys")
    }
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

//! Certificate thumbprints as Exchange and Windows show them: 40 hexadecimal
//! digits (the SHA-1 of the certificate), upper case, no spaces
//! (`78E1BE82F683EE6D8CB9B9266FC1185AE0890C41`, the example of Microsoft's
//! Get-ExchangeCertificate page).
//!
//! Pasted thumbprints are often lower case and spaced (`5e 1f 6e ...`, as the
//! Windows certificate dialog and `certutil` show them), or carry the invisible
//! left-to-right mark (U+200E) that the certificate dialog puts in front when
//! copied. All of these are accepted and normalised.

use serde::Serialize;

/// A SHA-1 thumbprint, normalised to 40 upper-case hexadecimal digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct Thumbprint(String);

/// Why a value is not a thumbprint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ThumbprintError {
    /// Hexadecimal digits only, but not 40 of them.
    WrongLength {
        /// How many digits there were.
        digits: usize,
    },
    /// A character that is neither a hexadecimal digit nor a separator.
    NotHex,
}

impl Thumbprint {
    /// The normalised form: 40 upper-case hexadecimal digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Thumbprint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The number of hexadecimal digits of a SHA-1 thumbprint.
pub const THUMBPRINT_DIGITS: usize = 40;

/// Read a thumbprint: hexadecimal digits in either case, with optional spaces,
/// colons and invisible direction marks (U+200E, U+200F, U+FEFF) between or
/// around them.
pub fn parse_thumbprint(text: &str) -> Result<Thumbprint, ThumbprintError> {
    let mut digits = String::with_capacity(THUMBPRINT_DIGITS);
    let mut count = 0usize;
    for c in text.chars() {
        if c.is_ascii_hexdigit() {
            count += 1;
            if count <= THUMBPRINT_DIGITS {
                digits.push(c.to_ascii_uppercase());
            }
        } else if !matches!(
            c,
            ' ' | ':' | '\t' | '\u{a0}' | '\u{200e}' | '\u{200f}' | '\u{feff}'
        ) {
            return Err(ThumbprintError::NotHex);
        }
    }
    if count == THUMBPRINT_DIGITS {
        Ok(Thumbprint(digits))
    } else {
        Err(ThumbprintError::WrongLength { digits: count })
    }
}

/// True when `token` is exactly 40 hexadecimal digits (no separators): the
/// first cell of a table-view row.
pub(crate) fn is_compact_thumbprint(token: &str) -> bool {
    token.len() == THUMBPRINT_DIGITS && token.bytes().all(|b| b.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: &str = "5E1F6E4B3B1A2C9D8E7F6A5B4C3D2E1F0A9B8C7D";

    #[test]
    fn upper_case_is_kept() {
        assert_eq!(parse_thumbprint(T).map(|t| t.0), Ok(T.to_string()));
    }

    #[test]
    fn lower_case_spaced_and_marked_is_normalised() {
        let spaced = "\u{200e}5e 1f 6e 4b 3b 1a 2c 9d 8e 7f 6a 5b 4c 3d 2e 1f 0a 9b 8c 7d ";
        assert_eq!(parse_thumbprint(spaced).map(|t| t.0), Ok(T.to_string()));
        let colons = "5e:1f:6e:4b:3b:1a:2c:9d:8e:7f:6a:5b:4c:3d:2e:1f:0a:9b:8c:7d";
        assert_eq!(parse_thumbprint(colons).map(|t| t.0), Ok(T.to_string()));
    }

    #[test]
    fn wrong_length_and_non_hex_are_errors() {
        assert_eq!(
            parse_thumbprint(&T[..39]),
            Err(ThumbprintError::WrongLength { digits: 39 })
        );
        assert_eq!(
            parse_thumbprint(&format!("{T}AB")),
            Err(ThumbprintError::WrongLength { digits: 42 })
        );
        assert_eq!(
            parse_thumbprint(""),
            Err(ThumbprintError::WrongLength { digits: 0 })
        );
        assert_eq!(parse_thumbprint("5E1G"), Err(ThumbprintError::NotHex));
        assert_eq!(parse_thumbprint("é5E1"), Err(ThumbprintError::NotHex));
    }

    #[test]
    fn compact_form_is_recognised() {
        assert!(is_compact_thumbprint(T));
        assert!(!is_compact_thumbprint(&T[1..]));
        assert!(!is_compact_thumbprint("Thumbprint"));
    }
}

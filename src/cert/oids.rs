//! Names for the object identifiers a support engineer meets, as Windows shows them.
//!
//! A small table of our own rather than the full OID registry: it keeps the
//! wasm small and the names stable.

/// Subject and issuer attribute types: (OID, short name as Windows shows it).
const ATTRIBUTES: &[(&str, &str)] = &[
    ("2.5.4.3", "CN"),
    ("2.5.4.4", "SN"),
    ("2.5.4.5", "SERIALNUMBER"),
    ("2.5.4.6", "C"),
    ("2.5.4.7", "L"),
    ("2.5.4.8", "S"),
    ("2.5.4.9", "STREET"),
    ("2.5.4.10", "O"),
    ("2.5.4.11", "OU"),
    ("2.5.4.12", "T"),
    ("2.5.4.15", "businessCategory"),
    ("2.5.4.17", "PostalCode"),
    ("2.5.4.42", "G"),
    ("2.5.4.43", "I"),
    ("2.5.4.46", "dnQualifier"),
    ("2.5.4.65", "pseudonym"),
    ("2.5.4.97", "organizationIdentifier"),
    ("1.2.840.113549.1.9.1", "E"),
    ("1.2.840.113549.1.9.2", "unstructuredName"),
    ("0.9.2342.19200300.100.1.1", "UID"),
    ("0.9.2342.19200300.100.1.25", "DC"),
    ("1.3.6.1.4.1.311.60.2.1.1", "jurisdictionL"),
    ("1.3.6.1.4.1.311.60.2.1.2", "jurisdictionS"),
    ("1.3.6.1.4.1.311.60.2.1.3", "jurisdictionC"),
];

/// Extended key usages: (OID, name as Windows shows it).
const EKUS: &[(&str, &str)] = &[
    ("1.3.6.1.5.5.7.3.1", "Server Authentication"),
    ("1.3.6.1.5.5.7.3.2", "Client Authentication"),
    ("1.3.6.1.5.5.7.3.3", "Code Signing"),
    ("1.3.6.1.5.5.7.3.4", "Secure Email"),
    ("1.3.6.1.5.5.7.3.5", "IP security end system"),
    ("1.3.6.1.5.5.7.3.6", "IP security tunnel termination"),
    ("1.3.6.1.5.5.7.3.7", "IP security user"),
    ("1.3.6.1.5.5.7.3.8", "Time Stamping"),
    ("1.3.6.1.5.5.7.3.9", "OCSP Signing"),
    ("2.5.29.37.0", "Any Purpose"),
    ("1.3.6.1.4.1.311.10.3.3", "Microsoft Server Gated Crypto"),
    ("2.16.840.1.113730.4.1", "Netscape Server Gated Crypto"),
    ("1.3.6.1.4.1.311.20.2.2", "Smart Card Logon"),
    ("1.3.6.1.4.1.311.10.3.4", "Encrypting File System"),
    ("1.3.6.1.5.2.3.5", "KDC Authentication"),
    ("1.3.6.1.4.1.311.10.3.12", "Document Signing"),
];

/// Signature algorithms: (OID, name as Windows shows it).
const SIGNATURES: &[(&str, &str)] = &[
    ("1.2.840.113549.1.1.4", "md5RSA"),
    ("1.2.840.113549.1.1.5", "sha1RSA"),
    ("1.2.840.113549.1.1.10", "RSASSA-PSS"),
    ("1.2.840.113549.1.1.11", "sha256RSA"),
    ("1.2.840.113549.1.1.12", "sha384RSA"),
    ("1.2.840.113549.1.1.13", "sha512RSA"),
    ("1.2.840.113549.1.1.14", "sha224RSA"),
    ("1.2.840.10045.4.1", "sha1ECDSA"),
    ("1.2.840.10045.4.3.1", "sha224ECDSA"),
    ("1.2.840.10045.4.3.2", "sha256ECDSA"),
    ("1.2.840.10045.4.3.3", "sha384ECDSA"),
    ("1.2.840.10045.4.3.4", "sha512ECDSA"),
    ("1.2.840.10040.4.3", "sha1DSA"),
    ("2.16.840.1.101.3.4.3.2", "sha256DSA"),
    ("1.3.101.112", "Ed25519"),
    ("1.3.101.113", "Ed448"),
];

/// Public key algorithms: (OID, name).
const KEY_ALGORITHMS: &[(&str, &str)] = &[
    ("1.2.840.113549.1.1.1", "RSA"),
    ("1.2.840.113549.1.1.10", "RSASSA-PSS"),
    ("1.2.840.10045.2.1", "ECC"),
    ("1.2.840.10040.4.1", "DSA"),
    ("1.3.101.110", "X25519"),
    ("1.3.101.111", "X448"),
    ("1.3.101.112", "Ed25519"),
    ("1.3.101.113", "Ed448"),
];

/// Named elliptic curves: (OID, name).
const CURVES: &[(&str, &str)] = &[
    ("1.2.840.10045.3.1.7", "P-256"),
    ("1.3.132.0.34", "P-384"),
    ("1.3.132.0.35", "P-521"),
    ("1.3.132.0.10", "secp256k1"),
    ("1.2.840.10045.3.1.1", "P-192"),
    ("1.3.132.0.33", "P-224"),
    ("1.3.36.3.3.2.8.1.1.7", "brainpoolP256r1"),
    ("1.3.36.3.3.2.8.1.1.11", "brainpoolP384r1"),
    ("1.3.36.3.3.2.8.1.1.13", "brainpoolP512r1"),
];

/// Extensions: (OID, name as Windows shows it).
const EXTENSIONS: &[(&str, &str)] = &[
    ("2.5.29.14", "Subject Key Identifier"),
    ("2.5.29.15", "Key Usage"),
    ("2.5.29.17", "Subject Alternative Name"),
    ("2.5.29.18", "Issuer Alternative Name"),
    ("2.5.29.19", "Basic Constraints"),
    ("2.5.29.30", "Name Constraints"),
    ("2.5.29.31", "CRL Distribution Points"),
    ("2.5.29.32", "Certificate Policies"),
    ("2.5.29.33", "Policy Mappings"),
    ("2.5.29.35", "Authority Key Identifier"),
    ("2.5.29.36", "Policy Constraints"),
    ("2.5.29.37", "Enhanced Key Usage"),
    ("2.5.29.46", "Freshest CRL"),
    ("2.5.29.54", "Inhibit Any Policy"),
    ("1.3.6.1.5.5.7.1.1", "Authority Information Access"),
    ("1.3.6.1.5.5.7.1.11", "Subject Information Access"),
    ("1.3.6.1.5.5.7.1.3", "Qualified Certificate Statements"),
    ("1.3.6.1.5.5.7.1.24", "TLS Feature"),
    ("1.3.6.1.4.1.11129.2.4.2", "SCT List"),
    ("1.3.6.1.4.1.11129.2.4.3", "CT Precertificate Poison"),
    ("1.3.6.1.4.1.311.20.2", "Certificate Template Name"),
    ("1.3.6.1.4.1.311.21.7", "Certificate Template Information"),
    ("1.3.6.1.4.1.311.21.10", "Application Policies"),
    ("1.3.6.1.4.1.311.21.1", "CA Version"),
    ("1.3.6.1.4.1.311.21.2", "Previous CA Certificate Hash"),
    ("2.16.840.1.113730.1.1", "Netscape Cert Type"),
    ("2.16.840.1.113730.1.13", "Netscape Comment"),
];

/// The dotted text of an OID (`1.2.840.113549.1.1.11`), the same as asn1-rs's
/// `to_id_string`, which builds a big integer and a string per arc (a tenth of
/// a small certificate's analysis); that is kept for arcs beyond 64 bits.
pub(crate) trait IdString {
    /// The dotted decimal text.
    fn id_string(&self) -> String;
}

impl IdString for x509_parser::asn1_rs::Oid<'_> {
    fn id_string(&self) -> String {
        let Some(arcs) = self.iter() else {
            return self.to_id_string();
        };
        // The digits of each arc copied in one piece, and the whole checked
        // as UTF-8 once: a push per char is a call in the page's engines.
        let mut text = Vec::with_capacity(self.as_bytes().len() * 3);
        let mut digits = [0u8; 20];
        for (i, arc) in arcs.enumerate() {
            if i > 0 {
                text.push(b'.');
            }
            text.extend_from_slice(decimal_digits(arc, &mut digits));
        }
        // Only ASCII digits and dots were written.
        String::from_utf8(text).unwrap_or_default()
    }
}

/// The ASCII decimal digits of `n`, written at the end of `digits` (also
/// the report's JSON numbers, `crate::json_text`).
pub(crate) fn decimal_digits(mut n: u64, digits: &mut [u8; 20]) -> &[u8] {
    let mut start = digits.len();
    loop {
        start -= 1;
        digits[start] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    &digits[start..]
}

fn lookup(table: &[(&str, &'static str)], oid: &str) -> Option<&'static str> {
    table.iter().find(|(o, _)| *o == oid).map(|(_, name)| *name)
}

/// The OID of an attribute type's short name as Windows prints it (`CN`, `OU`,
/// `E`; `ST` too, which some tools write for `S`), ignoring case.
pub fn attribute_oid(short: &str) -> Option<&'static str> {
    let short = if short.eq_ignore_ascii_case("ST") {
        "S"
    } else {
        short
    };
    ATTRIBUTES
        .iter()
        .find(|(_, name)| name.eq_ignore_ascii_case(short))
        .map(|(oid, _)| *oid)
}

/// The short name of a name attribute type, or its dotted OID.
pub fn attribute_name(oid: &str) -> String {
    lookup(ATTRIBUTES, oid).map_or_else(|| oid.to_string(), str::to_string)
}

/// The name of an extended key usage, if known.
pub fn eku_name(oid: &str) -> Option<&'static str> {
    lookup(EKUS, oid)
}

/// The name of a signature algorithm, if known.
pub fn signature_name(oid: &str) -> Option<&'static str> {
    lookup(SIGNATURES, oid)
}

/// The name of a public key algorithm, if known.
pub fn key_algorithm_name(oid: &str) -> Option<&'static str> {
    lookup(KEY_ALGORITHMS, oid)
}

/// The name of a named curve, if known.
pub fn curve_name(oid: &str) -> Option<&'static str> {
    lookup(CURVES, oid)
}

/// The name of an extension, if known.
pub fn extension_name(oid: &str) -> Option<&'static str> {
    lookup(EXTENSIONS, oid)
}

/// OID of the subject common name attribute.
pub const COMMON_NAME: &str = "2.5.4.3";
/// OID of the PKCS#9 e-mail address attribute.
pub const EMAIL_ADDRESS: &str = "1.2.840.113549.1.9.1";
/// OID of the server authentication EKU.
pub const SERVER_AUTH: &str = "1.3.6.1.5.5.7.3.1";
/// OID of the any-purpose EKU.
pub const ANY_EKU: &str = "2.5.29.37.0";
/// OID of the Certificate Transparency precertificate poison extension.
pub const CT_POISON: &str = "1.3.6.1.4.1.11129.2.4.3";
/// OID of the Microsoft UPN otherName.
pub const UPN: &str = "1.3.6.1.4.1.311.20.2.3";
/// OID of the subject alternative name extension.
pub const SUBJECT_ALT_NAME: &str = "2.5.29.17";

#[cfg(test)]
mod tests {
    use super::IdString;
    use x509_parser::asn1_rs::Oid;

    #[test]
    fn id_string_is_asn1_rs_text() {
        let cases: &[&[u8]] = &[
            &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b],
            &[0x55, 0x1d, 0x11],
            &[0x00],
            &[0x88, 0x37, 0x03],
            &[
                0x2b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f,
            ],
            &[
                0x2b, 0x81, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f,
            ],
            &[
                0x2b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f,
            ],
            &[],
        ];
        for bytes in cases {
            let oid = Oid::new(std::borrow::Cow::Borrowed(bytes));
            assert_eq!(oid.id_string(), oid.to_id_string(), "{bytes:02x?}");
        }
    }
}

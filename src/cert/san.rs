//! The subject alternative name extension, sorted by kind of name.

use std::net::{Ipv4Addr, Ipv6Addr};

use serde::Serialize;
use x509_parser::asn1_rs::{Any, Class, FromDer, Tag};
use x509_parser::extensions::GeneralName;

use super::name::{decode_string, hex_upper, read_name};
use super::oids;
use crate::cert::oids::IdString as _;

/// The subject alternative names, by kind.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct SubjectAltNames {
    /// dNSName entries, as written in the certificate.
    pub dns: Vec<String>,
    /// iPAddress entries (IPv4 dotted, IPv6 compressed).
    pub ip: Vec<String>,
    /// rfc822Name (e-mail) entries.
    pub email: Vec<String>,
    /// uniformResourceIdentifier entries.
    pub uri: Vec<String>,
    /// Microsoft user principal names (otherName UPN).
    pub upn: Vec<String>,
    /// Every other entry, described.
    pub other: Vec<String>,
}

impl SubjectAltNames {
    /// True when the extension holds no name at all.
    pub fn is_empty(&self) -> bool {
        self.dns.is_empty()
            && self.ip.is_empty()
            && self.email.is_empty()
            && self.uri.is_empty()
            && self.upn.is_empty()
            && self.other.is_empty()
    }
}

/// Format the bytes of an iPAddress entry.
pub(crate) fn format_ip(bytes: &[u8]) -> String {
    match bytes.len() {
        4 => Ipv4Addr::new(bytes[0], bytes[1], bytes[2], bytes[3]).to_string(),
        16 => {
            let mut octets = [0u8; 16];
            octets.copy_from_slice(bytes);
            Ipv6Addr::from(octets).to_string()
        }
        _ => format!(
            "#{} ({} bytes: not an IP address)",
            hex_upper(bytes),
            bytes.len()
        ),
    }
}

/// Why the general names of a SAN extension cannot be used, though
/// x509-parser decoded them: OpenSSL (and so the tools engineers compare
/// with) rejects the whole extension.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum SanError {
    /// An otherName whose value is not wrapped in the `[0] EXPLICIT` tag
    /// RFC 5280 requires (`OtherName ::= SEQUENCE { type-id OID, value [0]
    /// EXPLICIT ANY }`), or has bytes after it.
    OtherNameNotExplicit {
        /// The otherName's type-id, dotted.
        oid: String,
    },
}

impl std::fmt::Display for SanError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SanError::OtherNameNotExplicit { oid } => write!(
                f,
                "an otherName entry ({oid}) does not wrap its value in the explicit [0] tag RFC 5280 requires"
            ),
        }
    }
}

/// The value inside an otherName's `[0] EXPLICIT` wrapper, or `None` when
/// the wrapper is missing, is not constructed, or anything follows it or
/// its single element. `rest` is what follows the type-id.
fn other_name_value(rest: &[u8]) -> Option<Any<'_>> {
    let (after, outer) = Any::from_der(rest).ok()?;
    let wrapped = outer.class() == Class::ContextSpecific
        && outer.tag() == Tag(0)
        && outer.header.is_constructed();
    if !after.is_empty() || !wrapped {
        return None;
    }
    let (trailing, inner) = Any::from_der(outer.data).ok()?;
    trailing.is_empty().then_some(inner)
}

/// Check every general name the way OpenSSL decodes them (all of them, also
/// past [`crate::limits::MAX_SANS`]).
fn check_general_names(names: &[GeneralName<'_>]) -> Result<(), SanError> {
    for name in names {
        if let GeneralName::OtherName(oid, rest) = name {
            if other_name_value(rest).is_none() {
                return Err(SanError::OtherNameNotExplicit {
                    oid: oid.id_string(),
                });
            }
        }
    }
    Ok(())
}

/// Sort the general names of a SAN extension by kind (at most
/// [`crate::limits::MAX_SANS`] of them), or say why the extension is
/// malformed although it decoded.
pub(crate) fn read_general_names(names: &[GeneralName<'_>]) -> Result<SubjectAltNames, SanError> {
    check_general_names(names)?;
    let mut sans = SubjectAltNames::default();
    for name in names.iter().take(crate::limits::MAX_SANS) {
        match name {
            GeneralName::DNSName(value) => sans.dns.push((*value).to_string()),
            GeneralName::IPAddress(bytes) => sans.ip.push(format_ip(bytes)),
            GeneralName::RFC822Name(value) => sans.email.push((*value).to_string()),
            GeneralName::URI(value) => sans.uri.push((*value).to_string()),
            GeneralName::OtherName(oid, value) => {
                let oid = oid.id_string();
                let text =
                    other_name_text(value).unwrap_or_else(|| format!("#{}", hex_upper(value)));
                if oid == oids::UPN {
                    sans.upn.push(text);
                } else {
                    sans.other.push(format!("otherName {oid}: {text}"));
                }
            }
            GeneralName::DirectoryName(name) => {
                sans.other
                    .push(format!("directoryName: {}", read_name(name).display));
            }
            GeneralName::RegisteredID(oid) => {
                sans.other
                    .push(format!("registeredID: {}", oid.id_string()));
            }
            GeneralName::X400Address(_) => sans.other.push("x400Address".into()),
            GeneralName::EDIPartyName(_) => sans.other.push("ediPartyName".into()),
            GeneralName::Invalid(tag, bytes) => {
                // Keep what can be kept: a dNSName that is not valid IA5 text is
                // still shown (lossily), as OpenSSL and Windows do.
                let lossy = String::from_utf8_lossy(bytes).into_owned();
                match tag.0 {
                    1 => sans.email.push(lossy),
                    2 => sans.dns.push(lossy),
                    6 => sans.uri.push(lossy),
                    other => sans.other.push(format!(
                        "undecodable entry [{other}]: #{}",
                        hex_upper(bytes)
                    )),
                }
            }
        }
    }
    Ok(sans)
}

/// The text inside an otherName value (`[0] EXPLICIT` wrapping a string), if any.
fn other_name_text(value: &[u8]) -> Option<String> {
    let inner = other_name_value(value)?;
    if inner.class() != Class::Universal {
        return None;
    }
    decode_string(inner.tag(), inner.data)
}

#[cfg(test)]
mod tests {
    use super::*;

    use x509_parser::asn1_rs::Oid;

    fn other_name(arcs: &[u64], rest: &'static [u8]) -> GeneralName<'static> {
        GeneralName::OtherName(Oid::from(arcs).expect("OID"), rest)
    }

    #[test]
    fn other_name_in_its_explicit_tag_is_read() {
        let names = [
            GeneralName::DNSName("mail.contoso.com"),
            other_name(&[1, 3, 6, 1, 4, 1, 311, 20, 2, 3], b"\xa0\x05\x0c\x03a@b"),
            other_name(&[2, 5, 4, 3], b"\xa0\x02\x0c\x00"),
        ];
        let sans = read_general_names(&names).expect("readable");
        assert_eq!(sans.dns, ["mail.contoso.com"]);
        assert_eq!(sans.upn, ["a@b"]);
        assert_eq!(sans.other, ["otherName 2.5.4.3: "]);
    }

    #[test]
    fn other_name_without_its_explicit_tag_makes_the_extension_malformed() {
        // The corpus's malformed-san-extension-value.pem: otherName 2.5.4.3 holding
        // a bare UTF8String (0C 00), which OpenSSL refuses.
        let cases: [&'static [u8]; 5] = [
            b"\x0c\x00",                 // no wrapper
            b"",                         // no value at all
            b"\xa0\x02\x0c\x00\x05\x00", // something after the wrapper
            b"\xa0\x04\x0c\x00\x05\x00", // two elements inside it
            b"\x80\x02\x0c\x00",         // [0] but primitive (implicit)
        ];
        for rest in cases {
            let names = [
                GeneralName::DNSName("mail.contoso.com"),
                other_name(&[2, 5, 4, 3], rest),
            ];
            let error = read_general_names(&names).expect_err("malformed");
            assert_eq!(
                error,
                SanError::OtherNameNotExplicit {
                    oid: "2.5.4.3".into()
                },
                "{rest:02X?}"
            );
            assert!(error.to_string().contains("explicit [0] tag"));
        }
    }

    #[test]
    fn certificate_with_such_a_san_reports_it_malformed_and_unreadable() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/certs/san-othername-no-explicit-tag.pem");
        let bytes = std::fs::read(path).expect("fixture");
        let options = crate::Options {
            principal: Some("msstd:mail.contoso.com".into()),
            host: None,
            at: 1_795_564_800,
            password: None,
        };
        let name = "san-othername-no-explicit-tag.pem";
        let report = crate::analyze(
            &[crate::Input {
                name,
                bytes: &bytes,
            }],
            &options,
        );
        let cert = &report.certificates[0];
        let san = cert.subject_alt_names.as_ref().expect("SAN present");
        assert!(!san.readable);
        assert!(san.names.is_empty(), "{:?}", san.names);
        let status: Vec<crate::cert::ExtensionStatus> = cert
            .extensions
            .iter()
            .filter(|e| e.oid == "2.5.29.17")
            .map(|e| e.status)
            .collect();
        assert_eq!(status, [crate::cert::ExtensionStatus::Malformed]);
        let finding = report
            .findings
            .iter()
            .find(|f| f.code == crate::rules::Code::CERT_EXTENSION_MALFORMED)
            .expect("CERT_EXTENSION_MALFORMED");
        assert!(
            finding.message.contains("1.3.6.1.4.1.311.20.2.3") && finding.message.contains("[0]"),
            "{}",
            finding.message
        );
    }

    #[test]
    fn formats_ip_addresses() {
        assert_eq!(format_ip(&[192, 0, 2, 10]), "192.0.2.10");
        let mut v6 = [0u8; 16];
        v6[0] = 0x20;
        v6[1] = 0x01;
        v6[15] = 1;
        assert_eq!(format_ip(&v6), "2001::1");
        assert!(format_ip(&[1, 2, 3]).contains("not an IP address"));
    }
}

//! The subject alternative name extension, sorted by kind of name.

use std::net::{Ipv4Addr, Ipv6Addr};

use serde::Serialize;
use x509_parser::asn1_rs::{Any, FromDer};
use x509_parser::extensions::GeneralName;

use super::name::{decode_string, hex_upper, read_name};
use super::oids;

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

/// Sort the general names of a SAN extension by kind (at most
/// [`crate::limits::MAX_SANS`] of them).
pub(crate) fn read_general_names(names: &[GeneralName<'_>]) -> SubjectAltNames {
    let mut sans = SubjectAltNames::default();
    for name in names.iter().take(crate::limits::MAX_SANS) {
        match name {
            GeneralName::DNSName(value) => sans.dns.push((*value).to_string()),
            GeneralName::IPAddress(bytes) => sans.ip.push(format_ip(bytes)),
            GeneralName::RFC822Name(value) => sans.email.push((*value).to_string()),
            GeneralName::URI(value) => sans.uri.push((*value).to_string()),
            GeneralName::OtherName(oid, value) => {
                let oid = oid.to_id_string();
                let text = other_name_text(value);
                if oid == oids::UPN {
                    sans.upn
                        .push(text.unwrap_or_else(|| format!("#{}", hex_upper(value))));
                } else {
                    sans.other.push(format!(
                        "otherName {oid}: {}",
                        text.unwrap_or_else(|| format!("#{}", hex_upper(value)))
                    ));
                }
            }
            GeneralName::DirectoryName(name) => {
                sans.other
                    .push(format!("directoryName: {}", read_name(name).display));
            }
            GeneralName::RegisteredID(oid) => {
                sans.other
                    .push(format!("registeredID: {}", oid.to_id_string()));
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
    sans
}

/// The text inside an otherName value (`[0] EXPLICIT` wrapping a string), if any.
fn other_name_text(value: &[u8]) -> Option<String> {
    let (_, outer) = Any::from_der(value).ok()?;
    let inner = if outer.header.is_contextspecific() {
        Any::from_der(outer.data).ok()?.1
    } else {
        outer
    };
    decode_string(inner.tag(), inner.data)
}

#[cfg(test)]
mod tests {
    use super::*;

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

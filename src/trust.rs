//! The Mozilla root program (the `webpki-roots` crate), shipped inside the
//! binary: does a chain reach one of its roots? The customer's Windows trust
//! store may differ; the report says so.

use x509_parser::asn1_rs::{FromDer, Header};
use x509_parser::x509::{SubjectPublicKeyInfo, X509Name};

use crate::cert::CertificateFacts;
use crate::signature::{verify, IssuerKey, SignatureCheck};

/// One Mozilla root: its subject and SubjectPublicKeyInfo, DER contents (no outer tag).
#[cfg_attr(not(feature = "mozilla-roots"), allow(dead_code))]
struct Root {
    subject: &'static [u8],
    spki: &'static [u8],
}

#[cfg(feature = "mozilla-roots")]
fn roots() -> impl Iterator<Item = Root> {
    webpki_roots::TLS_SERVER_ROOTS.iter().map(|r| Root {
        subject: r.subject.as_ref(),
        spki: r.subject_public_key_info.as_ref(),
    })
}

/// This build ships no roots.
#[cfg(not(feature = "mozilla-roots"))]
fn roots() -> impl Iterator<Item = Root> {
    std::iter::empty()
}

/// A Mozilla root that anchors a chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MozillaRoot {
    /// The root's name, as Windows shows it.
    pub name: String,
}

/// DER `SEQUENCE` around `content`.
fn sequence(content: &[u8]) -> Vec<u8> {
    let mut out = vec![0x30];
    let len = content.len();
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes: Vec<u8> = len
            .to_be_bytes()
            .into_iter()
            .skip_while(|b| *b == 0)
            .collect();
        out.push(0x80 | bytes.len() as u8);
        out.extend(bytes);
    }
    out.extend_from_slice(content);
    out
}

/// The content of a DER TLV (without its tag and length).
fn content(der: &[u8]) -> Option<&[u8]> {
    let (rest, header) = Header::from_der(der).ok()?;
    let len = header.length().definite().ok()?;
    rest.get(..len)
}

fn root_name(subject_content: &[u8]) -> String {
    let der = sequence(subject_content);
    X509Name::from_der(&der)
        .map(|(_, name)| crate::cert::read_name_display(&name))
        .unwrap_or_else(|_| "a Mozilla root".into())
}

/// Is this certificate itself one of the Mozilla roots (same name, same key)?
pub fn is_mozilla_root(cert: &CertificateFacts) -> Option<MozillaRoot> {
    let subject = content(&cert.subject_der)?;
    let spki = content(&cert.spki_der)?;
    roots()
        .find(|root| root.subject == subject && root.spki == spki)
        .map(|root| MozillaRoot {
            name: root_name(root.subject),
        })
}

/// A Mozilla root whose name is this certificate's issuer and whose key
/// verifies its signature.
pub fn mozilla_issuer(cert: &CertificateFacts) -> Option<MozillaRoot> {
    let issuer = content(&cert.issuer_der)?;
    for root in roots().filter(|r| r.subject == issuer) {
        let name = root_name(root.subject);
        let spki_der = sequence(root.spki);
        let Ok((_, spki)) = SubjectPublicKeyInfo::from_der(&spki_der) else {
            continue;
        };
        let algorithm_oid = spki.algorithm.algorithm.to_id_string();
        let curve = spki
            .algorithm
            .parameters
            .as_ref()
            .and_then(|p| p.as_oid().ok())
            .and_then(|oid| crate::cert::oids::curve_name(&oid.to_id_string()));
        let key = IssuerKey {
            algorithm_oid: &algorithm_oid,
            curve,
            key: &spki.subject_public_key.data,
        };
        match verify(
            &cert.signature_kind,
            &cert.tbs_der,
            &cert.signature_value,
            &key,
        ) {
            SignatureCheck::Valid => return Some(MozillaRoot { name }),
            _ => continue,
        }
    }
    None
}

/// How many roots are shipped.
pub fn mozilla_root_count() -> usize {
    roots().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sequence_round_trips() {
        let long = vec![7u8; 300];
        let der = sequence(&long);
        assert_eq!(&der[..4], &[0x30, 0x82, 0x01, 0x2C]);
        assert_eq!(content(&der), Some(&long[..]));
    }

    #[cfg(feature = "mozilla-roots")]
    #[test]
    fn roots_are_shipped() {
        assert!(mozilla_root_count() > 100);
        let first = roots().next().expect("a root");
        assert!(!root_name(first.subject).is_empty());
    }
}

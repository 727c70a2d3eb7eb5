//! PKCS#12 (`.pfx`, `.p12`) with a password: the certificate bags are read;
//! a private key is noted, never shown or kept.

#[cfg(feature = "pkcs12")]
use p12_keystore::error::Error as P12Error;
#[cfg(feature = "pkcs12")]
use p12_keystore::Pkcs12Archive;
use x509_parser::asn1_rs::{Any, FromBer, Tag};

/// The most key-derivation (and MAC) iterations accepted, as enforced by p12-keystore.
pub const MAX_ITERATIONS: u32 = 1_000_000;

/// Does this look like a PFX: SEQUENCE { INTEGER 3, ContentInfo, … }?
pub(crate) fn is_pfx(bytes: &[u8]) -> bool {
    let Ok((_, outer)) = Any::from_ber(bytes) else {
        return false;
    };
    if outer.tag() != Tag::Sequence {
        return false;
    }
    let Ok((rest, version)) = Any::from_ber(outer.data) else {
        return false;
    };
    if version.tag() != Tag::Integer || version.data != [3] {
        return false;
    }
    matches!(Any::from_ber(rest), Ok((_, info)) if info.tag() == Tag::Sequence)
}

/// What a PFX held.
pub(crate) struct PfxContents {
    /// The certificates, DER, in bag order.
    pub certificates: Vec<Vec<u8>>,
    /// How many private keys it held (their content is dropped at once).
    pub private_keys: usize,
}

/// Why a PFX could not be opened.
#[derive(Debug, PartialEq, Eq)]
#[cfg_attr(not(feature = "pkcs12"), allow(dead_code))]
pub(crate) enum PfxError {
    /// No password was given and the empty one does not open it.
    PasswordNeeded,
    /// The password given does not open it.
    WrongPassword,
    /// Anything else, described.
    Unreadable(String),
    /// This build does not read PKCS#12.
    #[cfg_attr(feature = "pkcs12", allow(dead_code))]
    NotInThisBuild,
}

/// Open a PFX with `password`: this build does not read PKCS#12.
#[cfg(not(feature = "pkcs12"))]
pub(crate) fn read(_bytes: &[u8], _password: Option<&str>) -> Result<PfxContents, PfxError> {
    Err(PfxError::NotInThisBuild)
}

#[cfg(feature = "pkcs12")]
fn open(bytes: &[u8], password: &str) -> Result<Pkcs12Archive, P12Error> {
    Pkcs12Archive::from_pkcs12(bytes, password)
}

/// Open a PFX with `password` (or, when none is given, the empty password).
#[cfg(feature = "pkcs12")]
pub(crate) fn read(bytes: &[u8], password: Option<&str>) -> Result<PfxContents, PfxError> {
    let result = open(bytes, password.unwrap_or(""));
    let archive = match result {
        Ok(archive) => archive,
        Err(P12Error::MacError(_)) | Err(P12Error::UnpadError) => {
            return Err(if password.is_some() {
                PfxError::WrongPassword
            } else {
                PfxError::PasswordNeeded
            })
        }
        Err(P12Error::InvalidParameters) => {
            return Err(PfxError::Unreadable(format!(
                "its parameters are invalid or ask for more than {MAX_ITERATIONS} key-derivation iterations, the most this tool computes"
            )))
        }
        Err(P12Error::UnsupportedEncryptionScheme) | Err(P12Error::UnsupportedMacAlgorithm) => {
            return Err(PfxError::Unreadable("it uses an encryption or integrity scheme this tool does not support".into()))
        }
        Err(other) => return Err(PfxError::Unreadable(format!("{other}"))),
    };
    Ok(PfxContents {
        certificates: archive
            .certs
            .iter()
            .map(|bag| bag.cert.as_der().to_vec())
            .collect(),
        private_keys: archive.keys.len(),
    })
}

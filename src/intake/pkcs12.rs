//! PKCS#12 (`.pfx`, `.p12`) with a password, or none: the certificate bags
//! are read; a private key is noted, never shown or kept.

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
    /// No password was given, and neither the empty nor the absent one opens it.
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
mod absent;

#[cfg(feature = "pkcs12")]
fn open(bytes: &[u8], password: &str) -> Result<PfxContents, P12Error> {
    let archive = Pkcs12Archive::from_pkcs12(bytes, password)?;
    Ok(PfxContents {
        certificates: archive
            .certs
            .iter()
            .map(|bag| bag.cert.as_der().to_vec())
            .collect(),
        private_keys: archive.keys.len(),
    })
}

/// Open a PFX with `password`. With none, or the empty one, both forms of
/// "no password" are tried, as OpenSSL does: the empty string (a BMPString
/// terminator, `00 00`) and the absent password (no bytes, see [`absent`]).
#[cfg(feature = "pkcs12")]
pub(crate) fn read(bytes: &[u8], password: Option<&str>) -> Result<PfxContents, PfxError> {
    let error = match open(bytes, password.unwrap_or("")) {
        Ok(contents) => return Ok(contents),
        Err(error) => error,
    };
    let no_password = password.is_none_or(str::is_empty);
    let limits = matches!(
        error,
        P12Error::InvalidParameters
            | P12Error::UnsupportedEncryptionScheme
            | P12Error::UnsupportedMacAlgorithm
    );
    if no_password && !limits {
        if let Some(contents) = absent::read(bytes) {
            return Ok(contents);
        }
    }
    Err(match error {
        P12Error::MacError(_) | P12Error::UnpadError => {
            if password.is_some() {
                PfxError::WrongPassword
            } else {
                PfxError::PasswordNeeded
            }
        }
        P12Error::InvalidParameters => PfxError::Unreadable(format!(
            "its parameters are invalid or ask for more than {MAX_ITERATIONS} key-derivation iterations, the most this tool computes"
        )),
        P12Error::UnsupportedEncryptionScheme | P12Error::UnsupportedMacAlgorithm => {
            PfxError::Unreadable(
                "it uses an encryption or integrity scheme this tool does not support".into(),
            )
        }
        other => PfxError::Unreadable(format!("{other}")),
    })
}

#[cfg(all(test, feature = "pkcs12"))]
mod tests {
    use super::*;

    fn fixture(name: &str) -> Vec<u8> {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/certs")
            .join(name);
        std::fs::read(path).expect("fixture")
    }

    /// Files made without a password, with (certificates, private keys).
    const PASSWORDLESS: &[(&str, usize, usize)] = &[
        ("no-password.pfx", 1, 1),
        ("empty-password-aes.pfx", 2, 1),
        ("empty-password-3des.pfx", 2, 1),
        ("no-password-absent.pfx", 1, 1),
        ("no-password-absent-3des.pfx", 2, 1),
        ("no-mac.pfx", 1, 1),
    ];

    #[test]
    fn files_without_a_password_open_without_asking_for_one() {
        for (name, certificates, keys) in PASSWORDLESS {
            let bytes = fixture(name);
            for password in [None, Some("")] {
                let contents = read(&bytes, password)
                    .unwrap_or_else(|e| panic!("{name} with {password:?}: {e:?}"));
                assert_eq!(contents.certificates.len(), *certificates, "{name}");
                assert_eq!(contents.private_keys, *keys, "{name}");
            }
        }
    }

    #[test]
    fn the_absent_password_is_not_the_empty_one() {
        // p12-keystore derives from "" as 00 00: these files need the absent form.
        for name in ["no-password-absent.pfx", "no-password-absent-3des.pfx"] {
            let bytes = fixture(name);
            assert!(
                matches!(open(&bytes, ""), Err(P12Error::MacError(_))),
                "{name}"
            );
            let contents = absent::read(&bytes).expect(name);
            let leaf = &contents.certificates[0];
            assert_eq!(leaf, &fixture("cn-and-san.cer"), "{name}: the leaf");
        }
        // ...and the files keyed with the empty password do not open with the absent one.
        for name in [
            "no-password.pfx",
            "empty-password-aes.pfx",
            "empty-password-3des.pfx",
        ] {
            assert!(absent::read(&fixture(name)).is_none(), "{name}");
        }
    }

    #[test]
    fn a_file_with_a_password_still_asks_for_it() {
        for name in ["leaf-aes.pfx", "leaf-3des.pfx", "leaf-rc2.pfx"] {
            let bytes = fixture(name);
            assert_eq!(
                read(&bytes, None).err(),
                Some(PfxError::PasswordNeeded),
                "{name}"
            );
            assert_eq!(
                read(&bytes, Some("")).err(),
                Some(PfxError::WrongPassword),
                "{name}"
            );
            assert_eq!(
                read(&bytes, Some("Contoso!2025")).map(|c| c.certificates.len()),
                Ok(2),
                "{name}"
            );
        }
        // A real password given for a password-less file is wrong, not ignored.
        assert_eq!(
            read(&fixture("no-password-absent.pfx"), Some("Contoso!2025")).err(),
            Some(PfxError::WrongPassword)
        );
    }

    #[test]
    fn the_iteration_limit_holds_without_a_password() {
        let bytes = fixture("huge-iterations.pfx");
        assert!(matches!(read(&bytes, None), Err(PfxError::Unreadable(_))));
        assert!(absent::read(&bytes).is_none());
    }
}

//! The server side, from Exchange Management Shell output: which certificate
//! IIS serves (the one Outlook Anywhere sees), whether a certificate file is
//! that one, and Outlook Anywhere's own settings. Typed values only; the
//! words are in [`crate::explain`].

use crate::cert::CertificateFacts;
use crate::exchange::{ExchangeCertificate, OutlookAnywhere};
use crate::intake::ExchangeInput;

/// One certificate of `Get-ExchangeCertificate`, and the input it was in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    /// The input's name.
    pub source: String,
    /// The record.
    pub cert: ExchangeCertificate,
}

impl Listed {
    /// Its thumbprint, upper-case hex, when shown.
    pub fn thumbprint(&self) -> Option<&str> {
        self.cert.thumbprint.as_ref().map(|t| t.as_str())
    }
}

/// Everything the shell output says about the server.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ServerSide {
    /// Every certificate listed, in input order.
    pub listed: Vec<Listed>,
    /// Every Outlook Anywhere virtual directory, in input order.
    pub outlook_anywhere: Vec<OutlookAnywhere>,
}

/// How the certificate analysed relates to what IIS serves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Binding {
    /// No `Get-ExchangeCertificate` output: the certificate given is taken as served.
    NotListed,
    /// The certificate file is the one enabled for IIS.
    FileIsIis {
        /// Its thumbprint.
        thumbprint: String,
    },
    /// The certificate file is not the one enabled for IIS: IIS's summary is analysed.
    FileNotIis {
        /// The file's thumbprint.
        file: String,
        /// The listed certificate enabled for IIS.
        iis: usize,
    },
    /// No file: the summary of the certificate enabled for IIS is analysed.
    SummaryOfIis {
        /// The listed certificate enabled for IIS.
        iis: usize,
    },
    /// Certificates are listed, none enabled for IIS: IIS serves another one.
    NoIis,
}

impl ServerSide {
    /// Gather the shell output of every input.
    pub fn from_inputs(inputs: &[ExchangeInput]) -> ServerSide {
        let mut side = ServerSide::default();
        for input in inputs {
            side.listed
                .extend(input.text.certificates.iter().map(|cert| Listed {
                    source: input.source.clone(),
                    cert: cert.clone(),
                }));
            side.outlook_anywhere
                .extend(input.text.outlook_anywhere.iter().cloned());
        }
        side
    }

    /// The listed certificates enabled for IIS.
    pub fn iis(&self) -> Vec<usize> {
        (0..self.listed.len())
            .filter(|i| self.listed[*i].cert.has_iis() == Some(true))
            .collect()
    }

    /// How `file` (the leaf read from a file, if any) relates to what IIS serves.
    pub fn binding(&self, file: Option<&CertificateFacts>) -> Binding {
        if self.listed.is_empty() {
            return Binding::NotListed;
        }
        let iis = self.iis();
        let Some(&first) = iis.first() else {
            return Binding::NoIis;
        };
        let Some(file) = file else {
            return Binding::SummaryOfIis { iis: first };
        };
        let same = |i: &usize| {
            self.listed[*i]
                .thumbprint()
                .is_some_and(|t| t.eq_ignore_ascii_case(&file.thumbprint_sha1))
        };
        match iis.iter().find(|i| same(i)) {
            Some(_) => Binding::FileIsIis {
                thumbprint: file.thumbprint_sha1.clone(),
            },
            None => Binding::FileNotIis {
                file: file.thumbprint_sha1.clone(),
                iis: first,
            },
        }
    }

    /// The first Outlook Anywhere record with an external host name.
    pub fn external(&self) -> Option<&OutlookAnywhere> {
        self.outlook_anywhere.iter().find(|oa| {
            oa.external_hostname
                .as_deref()
                .is_some_and(|h| !h.is_empty())
        })
    }

    /// `ExternalClientsRequireSsl` of the first record that says.
    pub fn external_ssl(&self) -> Option<bool> {
        self.outlook_anywhere
            .iter()
            .find_map(|oa| oa.external_clients_require_ssl)
    }

    /// True when a record says `SSLOffloading : True`.
    pub fn ssl_offloading(&self) -> bool {
        self.outlook_anywhere
            .iter()
            .any(|oa| oa.ssl_offloading == Some(true))
    }

    /// True when a record shows an internal host name (Exchange 2013 and later).
    pub fn has_internal_hostname(&self) -> bool {
        self.outlook_anywhere.iter().any(|oa| {
            oa.internal_hostname
                .as_deref()
                .is_some_and(|h| !h.is_empty())
        })
    }
}

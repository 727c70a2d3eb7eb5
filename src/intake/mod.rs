//! Intake: whatever the customer sent becomes one internal currency, a list of
//! DER certificates with where each came from, plus a list of everything that
//! was found and what was skipped.
//!
//! Intake never fails: unreadable parts become [`IntakeItem`]s with a message,
//! and the caller decides what an input without a certificate means.

mod der;
pub mod pkcs12;
mod pkcs7;
mod text;

use serde::Serialize;

use crate::findings::{Finding, Topic};
use crate::rules;

/// How a certificate was encoded in the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum InputForm {
    /// Binary DER (a `.cer` or `.der` file).
    Der,
    /// A PEM block (`-----BEGIN CERTIFICATE-----`), possibly inside other text.
    Pem,
    /// Base64 with no PEM armor.
    Base64,
    /// Inside a PKCS#7 / CMS bundle (`.p7b`, `.p7c`).
    Pkcs7,
    /// Inside a PKCS#12 file (`.pfx`, `.p12`).
    Pkcs12,
    /// A hex dump of DER.
    Hex,
}

impl InputForm {
    /// A short name for reports.
    pub fn label(self) -> &'static str {
        match self {
            InputForm::Der => "DER",
            InputForm::Pem => "PEM",
            InputForm::Base64 => "base64",
            InputForm::Pkcs7 => "PKCS#7",
            InputForm::Pkcs12 => "PKCS#12",
            InputForm::Hex => "hex",
        }
    }
}

/// What intake needs besides the bytes.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Context<'a> {
    /// The password for PKCS#12 files.
    pub password: Option<&'a str>,
}

/// Where a certificate came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct Origin {
    /// The input it was in (a file name, or `input` for pasted text).
    pub source: String,
    /// How it was encoded.
    pub form: InputForm,
    /// Where in the input: `bytes 0-1234`, `lines 3-25`.
    pub location: String,
}

/// One DER certificate read from the input: the internal currency of the analyzer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DerCertificate {
    /// The DER bytes of the certificate.
    pub der: Vec<u8>,
    /// Where it came from.
    pub origin: Origin,
}

/// What became of one part of the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Read as a certificate.
    Certificate,
    /// The same certificate was already read.
    Duplicate,
    /// Recognised and deliberately not used (a key, a CSR, prose).
    Skipped,
    /// Meant to be read, but could not be.
    Error,
    /// Exchange settings (Autodiscover, Get-OutlookProvider), used for the principal and host.
    Settings,
}

/// One part of the input and what became of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct IntakeItem {
    /// The input it was in.
    pub source: String,
    /// Where in the input.
    pub location: String,
    /// What it is (`PEM CERTIFICATE block`, `PRIVATE KEY block`, `text`).
    pub what: String,
    /// What became of it.
    pub outcome: Outcome,
    /// The index of the certificate it gave, when it gave one.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", ts(optional))]
    pub certificate: Option<usize>,
    /// A plain sentence for the engineer.
    pub message: String,
}

/// Everything intake read from all inputs.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Intake {
    /// The password for PKCS#12 files, if one was given.
    pub password: Option<String>,
    /// The certificates, in input order, without duplicates.
    pub certificates: Vec<DerCertificate>,
    /// What was found and what became of it, in input order.
    pub items: Vec<IntakeItem>,
    /// Findings raised while reading.
    pub findings: Vec<Finding>,
    /// Exchange settings found (Autodiscover responses, Get-OutlookProvider output).
    pub settings: Vec<crate::autodiscover::ExchangeSettings>,
    /// Bytes read so far from all inputs.
    total_bytes: usize,
    /// Certificates found beyond the limit, not read.
    pub dropped_certificates: usize,
}

/// A part of one input, before it is turned into an item.
pub(crate) enum Piece {
    /// DER bytes meant to be a certificate.
    Certificate {
        der: Vec<u8>,
        form: InputForm,
        location: String,
        what: String,
        note: Option<String>,
    },
    /// Something deliberately not used.
    Skipped {
        location: String,
        what: String,
        rule: &'static rules::Rule,
        message: String,
    },
    /// Exchange settings.
    Settings {
        location: String,
        what: String,
        settings: crate::autodiscover::ExchangeSettings,
    },
    /// A remark on a piece that is read anyway (a finding, no item of its own).
    Note {
        location: String,
        rule: &'static rules::Rule,
        message: String,
    },
    /// Something that could not be read.
    Error {
        location: String,
        what: String,
        rule: &'static rules::Rule,
        message: String,
    },
}

impl Intake {
    /// An empty intake, to which inputs are added with [`Intake::add`].
    pub fn new() -> Self {
        Self::default()
    }

    /// Read one input (a file's bytes, or pasted text) named `source`.
    pub fn add(&mut self, source: &str, bytes: &[u8]) {
        use crate::limits::{megabytes, MAX_INPUT_BYTES, MAX_TOTAL_BYTES};
        let over_total = self.total_bytes.saturating_add(bytes.len()) > MAX_TOTAL_BYTES;
        if bytes.len() > MAX_INPUT_BYTES || over_total {
            let message = if over_total {
                format!(
                    "the inputs together exceed {}, the most msstd-check reads in one analysis; this input ({}) was not read.",
                    megabytes(MAX_TOTAL_BYTES),
                    megabytes(bytes.len())
                )
            } else {
                format!(
                    "the input is {}; msstd-check reads at most {} per input (a certificate is a few KB). It was not read.",
                    megabytes(bytes.len()),
                    megabytes(MAX_INPUT_BYTES)
                )
            };
            self.add_piece(
                source,
                Piece::Error {
                    location: "whole input".into(),
                    what: "input".into(),
                    rule: &rules::INTAKE_TOO_LARGE,
                    message,
                },
            );
            return;
        }
        self.total_bytes += bytes.len();
        let password = self.password.clone();
        let context = Context {
            password: password.as_deref(),
        };
        for piece in split_input(bytes, &context) {
            self.add_piece(source, piece);
        }
    }

    fn add_piece(&mut self, source: &str, piece: Piece) {
        match piece {
            Piece::Certificate {
                der,
                form,
                location,
                what,
                note,
            } => {
                if self.certificates.len() >= crate::limits::MAX_CERTIFICATES {
                    self.dropped_certificates += 1;
                    return;
                }
                if let Some(first) = self.certificates.iter().position(|c| c.der == der) {
                    let message = format!(
                        "the same certificate as certificate #{} (already read from {}, {})",
                        first + 1,
                        self.certificates[first].origin.source,
                        self.certificates[first].origin.location
                    );
                    self.findings.push(Finding::new(
                        &rules::INTAKE_DUPLICATE,
                        Topic::Intake,
                        format!("{source}, {location}: {message}; it is listed once."),
                    ));
                    self.items.push(IntakeItem {
                        source: source.to_string(),
                        location,
                        what,
                        outcome: Outcome::Duplicate,
                        certificate: Some(first),
                        message,
                    });
                    return;
                }
                let index = self.certificates.len();
                let mut message = format!("read as certificate #{}", index + 1);
                if let Some(note) = note {
                    message.push_str("; ");
                    message.push_str(&note);
                    self.findings.push(Finding::new(
                        &rules::INTAKE_TRAILING_DATA,
                        Topic::Intake,
                        format!("{source}, {location}: {note}."),
                    ));
                }
                self.items.push(IntakeItem {
                    source: source.to_string(),
                    location: location.clone(),
                    what,
                    outcome: Outcome::Certificate,
                    certificate: Some(index),
                    message,
                });
                self.certificates.push(DerCertificate {
                    der,
                    origin: Origin {
                        source: source.to_string(),
                        form,
                        location,
                    },
                });
            }
            Piece::Skipped {
                location,
                what,
                rule,
                message,
            } => self.push_reported(source, location, what, rule, message, Outcome::Skipped),
            Piece::Settings {
                location,
                what,
                mut settings,
            } => {
                settings.source = source.to_string();
                let message = match (&settings.principal, &settings.server) {
                    (Some(p), Some(h)) => {
                        format!("Outlook Anywhere settings: principal name {p}, RPC proxy host {h}")
                    }
                    (Some(p), None) => format!("Outlook Anywhere settings: principal name {p}"),
                    (None, Some(h)) => {
                        format!("Outlook Anywhere settings: RPC proxy host {h}, no principal name")
                    }
                    (None, None) => {
                        "Exchange settings with no Outlook Anywhere principal name or host"
                            .to_string()
                    }
                };
                self.items.push(IntakeItem {
                    source: source.to_string(),
                    location,
                    what,
                    outcome: Outcome::Settings,
                    certificate: None,
                    message,
                });
                self.settings.push(settings);
            }
            Piece::Note {
                location,
                rule,
                message,
            } => {
                self.findings.push(Finding::new(
                    rule,
                    Topic::Intake,
                    format!("{source}, {location}: {message}"),
                ));
            }
            Piece::Error {
                location,
                what,
                rule,
                message,
            } => self.push_reported(source, location, what, rule, message, Outcome::Error),
        }
    }

    /// A skipped or unreadable part: a finding and an item.
    fn push_reported(
        &mut self,
        source: &str,
        location: String,
        what: String,
        rule: &'static rules::Rule,
        message: String,
        outcome: Outcome,
    ) {
        self.findings.push(Finding::new(
            rule,
            Topic::Intake,
            format!("{source}, {location}: {message}"),
        ));
        self.items.push(IntakeItem {
            source: source.to_string(),
            location,
            what,
            outcome,
            certificate: None,
            message,
        });
    }

    /// Mark certificate `index` as unreadable: its item becomes an error with `message`.
    pub(crate) fn mark_unreadable(&mut self, index: usize, message: &str) {
        for item in &mut self.items {
            if item.certificate == Some(index) && item.outcome == Outcome::Certificate {
                item.outcome = Outcome::Error;
                item.message = format!("not a readable X.509 certificate: {message}");
            }
        }
    }
}

/// Split one input into pieces: binary DER, or text holding PEM blocks or bare base64.
fn split_input(bytes: &[u8], context: &Context<'_>) -> Vec<Piece> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return vec![Piece::Error {
            location: "whole input".into(),
            what: "empty input".into(),
            rule: &rules::INTAKE_EMPTY,
            message: "the input is empty.".into(),
        }];
    }
    if let Some(pieces) = der::split_binary(bytes, context) {
        return pieces;
    }
    match text::decode_text(bytes) {
        Some(decoded) => {
            let pieces = text::split_text(&decoded, context);
            if pieces.is_empty() {
                return vec![Piece::Error {
                    location: "whole input".into(),
                    what: "text".into(),
                    rule: &rules::INTAKE_EMPTY,
                    message: "the text holds nothing once quoting marks and spaces are removed.".into(),
                }];
            }
            pieces
        }
        None => vec![Piece::Error {
            location: format!("bytes 0-{}", bytes.len()),
            what: "binary data".into(),
            rule: &rules::INTAKE_UNREADABLE,
            message: "binary data that is neither a DER certificate nor text; expected DER (.cer), PEM or base64.".into(),
        }],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_input_is_an_error_item() {
        let mut intake = Intake::new();
        intake.add("empty.pem", b"  \n");
        assert!(intake.certificates.is_empty());
        assert_eq!(intake.items[0].outcome, Outcome::Error);
        assert_eq!(intake.findings[0].code, "INTAKE_EMPTY");
    }

    #[test]
    fn random_binary_is_an_error_item() {
        let mut intake = Intake::new();
        intake.add("x.bin", &[0xff, 0x00, 0x13, 0x80, 0x81, 0x02]);
        assert!(intake.certificates.is_empty());
        assert_eq!(intake.items[0].outcome, Outcome::Error);
    }
}

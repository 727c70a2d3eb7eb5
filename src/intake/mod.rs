//! Intake: whatever the customer sent becomes one internal currency, a list of
//! DER certificates with where each came from, plus a list of everything that
//! was found and what was skipped.
//!
//! Intake never fails: unreadable parts become [`IntakeItem`]s with a message,
//! and the caller decides what an input without a certificate means.

mod der;
mod lines;
pub mod pkcs12;
mod pkcs7;
mod search;
mod text;

use serde::Serialize;

use crate::cert::{read_certificate, CertificateFacts};
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
    /// Not the certificate itself: the summary `Get-ExchangeCertificate` printed of it.
    ExchangeSummary,
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
            InputForm::ExchangeSummary => "Get-ExchangeCertificate summary",
        }
    }
}

/// What a part of the input is, for a renderer to branch on (the `what`
/// beside it says it in words).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ItemForm {
    /// Binary DER.
    Der,
    /// A PEM block.
    Pem,
    /// Bare base64.
    Base64,
    /// A PKCS#7 / CMS bundle, or a certificate in one.
    Pkcs7,
    /// A PKCS#12 (.pfx) file, or a certificate in one.
    Pkcs12,
    /// A hex dump.
    Hex,
    /// An Autodiscover response.
    Autodiscover,
    /// `Get-OutlookProvider` output.
    OutlookProvider,
    /// `Get-ExchangeCertificate` or `Get-OutlookAnywhere` output.
    ExchangeShell,
    /// A private key (never shown or kept).
    PrivateKey,
    /// A certificate request (CSR).
    Request,
    /// Text with no certificate.
    Text,
    /// Binary data that is no certificate.
    Binary,
    /// Anything else (another PEM block, an input too large to read).
    Other,
}

impl From<InputForm> for ItemForm {
    fn from(form: InputForm) -> Self {
        match form {
            InputForm::Der => ItemForm::Der,
            InputForm::Pem => ItemForm::Pem,
            InputForm::Base64 => ItemForm::Base64,
            InputForm::Pkcs7 => ItemForm::Pkcs7,
            InputForm::Pkcs12 => ItemForm::Pkcs12,
            InputForm::Hex => ItemForm::Hex,
            InputForm::ExchangeSummary => ItemForm::ExchangeShell,
        }
    }
}

/// Something intake learnt that changes what the caller does next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum IntakeFlag {
    /// A .pfx needs a password that was not given.
    PasswordNeeded,
    /// A .pfx that this build cannot open (the page's core engine).
    Pkcs12NotInThisBuild,
    /// An Autodiscover response that this build cannot read.
    AutodiscoverNotInThisBuild,
    /// Exchange Management Shell output that this build cannot read.
    ExchangeNotInThisBuild,
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
    /// What it is, for a renderer to branch on.
    pub form: ItemForm,
    /// What became of it.
    pub outcome: Outcome,
    /// The index of the certificate it gave, when it gave one.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", ts(optional))]
    pub certificate: Option<usize>,
    /// A plain sentence for the engineer.
    pub message: String,
}

/// Exchange Management Shell output, and the input it was in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExchangeInput {
    /// The input's name.
    pub source: String,
    /// What was read.
    pub text: crate::exchange::ExchangeText,
}

/// Everything intake read from all inputs.
#[derive(Debug, Clone, Default)]
pub struct Intake {
    /// The password for PKCS#12 files, if one was given.
    pub password: Option<String>,
    /// The certificates read, in input order, without duplicates; each is
    /// numbered here, once (`index`).
    pub certificates: Vec<CertificateFacts>,
    /// What was found and what became of it, in input order.
    pub items: Vec<IntakeItem>,
    /// Findings raised while reading the input.
    pub findings: Vec<Finding>,
    /// Findings raised while reading the certificates' content, in certificate order.
    pub certificate_findings: Vec<Finding>,
    /// True when something looked like a certificate (read or not).
    pub saw_certificate_data: bool,
    /// A .pfx needs a password that was not given.
    pub needs_password: bool,
    /// An input needs what this build leaves out (.pfx, Autodiscover XML).
    pub needs_more_engine: bool,
    /// Exchange Management Shell output found, with the input it was in.
    pub exchange: Vec<ExchangeInput>,
    /// The DER of each certificate read, to recognise duplicates.
    seen: std::collections::HashMap<Vec<u8>, usize>,
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
        form: ItemForm,
        rule: &'static rules::Rule,
        message: String,
    },
    /// A flag for the caller, no item of its own.
    Flag(IntakeFlag),
    /// Exchange Management Shell output (Get-ExchangeCertificate, Get-OutlookAnywhere).
    Exchange {
        location: String,
        text: Box<crate::exchange::ExchangeText>,
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
        form: ItemForm,
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
                    form: ItemForm::Other,
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
                let origin = Origin {
                    source: source.to_string(),
                    form,
                    location,
                };
                self.add_certificate(der, origin, what, note);
            }
            Piece::Skipped {
                location,
                what,
                form,
                rule,
                message,
            } => {
                let item = (location, what, form);
                self.push_reported(source, item, rule, message, Outcome::Skipped)
            }
            Piece::Settings {
                location,
                what,
                settings,
            } => self.add_settings(source, location, what, settings),
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
            Piece::Exchange { location, text } => self.add_exchange(source, location, *text),
            Piece::Flag(flag) => match flag {
                IntakeFlag::PasswordNeeded => self.needs_password = true,
                IntakeFlag::Pkcs12NotInThisBuild
                | IntakeFlag::AutodiscoverNotInThisBuild
                | IntakeFlag::ExchangeNotInThisBuild => self.needs_more_engine = true,
            },
            Piece::Error {
                location,
                what,
                form,
                rule,
                message,
            } => {
                let item = (location, what, form);
                self.push_reported(source, item, rule, message, Outcome::Error)
            }
        }
    }

    /// A certificate: read once, numbered once; a duplicate is listed, not read again.
    fn add_certificate(
        &mut self,
        der: Vec<u8>,
        origin: Origin,
        what: String,
        note: Option<String>,
    ) {
        self.saw_certificate_data = true;
        if self.certificates.len() >= crate::limits::MAX_CERTIFICATES {
            self.dropped_certificates += 1;
            return;
        }
        let form = ItemForm::from(origin.form);
        let item = |outcome, certificate, message| IntakeItem {
            source: origin.source.clone(),
            location: origin.location.clone(),
            what: what.clone(),
            form,
            outcome,
            certificate,
            message,
        };
        if let Some(&first) = self.seen.get(&der) {
            let earlier = &self.certificates[first].origin;
            let message = format!(
                "the same certificate as certificate #{} (already read from {}, {})",
                first + 1,
                earlier.source,
                earlier.location
            );
            self.findings.push(Finding::new(
                &rules::INTAKE_DUPLICATE,
                Topic::Intake,
                format!(
                    "{}, {}: {message}; it is listed once.",
                    origin.source, origin.location
                ),
            ));
            self.items
                .push(item(Outcome::Duplicate, Some(first), message));
            return;
        }
        let index = self.certificates.len();
        match read_certificate(index, &der, &origin, &mut self.certificate_findings) {
            Ok(facts) => {
                let mut message = format!("read as certificate #{}", index + 1);
                if let Some(note) = note {
                    message.push_str("; ");
                    message.push_str(&note);
                    self.findings.push(Finding::new(
                        &rules::INTAKE_TRAILING_DATA,
                        Topic::Intake,
                        format!("{}, {}: {note}.", origin.source, origin.location),
                    ));
                }
                self.items
                    .push(item(Outcome::Certificate, Some(index), message));
                self.certificates.push(facts);
                self.seen.insert(der, index);
            }
            Err(error) => {
                self.certificate_findings.push(Finding::new(
                    &rules::INTAKE_BAD_CERTIFICATE,
                    Topic::Intake,
                    format!(
                        "{}, {}: not a readable X.509 certificate: {error}.",
                        origin.source, origin.location
                    ),
                ));
                let message = format!("not a readable X.509 certificate: {error}");
                self.items.push(item(Outcome::Error, None, message));
            }
        }
    }

    /// Exchange Management Shell output: an item, a finding per problem, the records kept.
    fn add_exchange(
        &mut self,
        source: &str,
        location: String,
        text: crate::exchange::ExchangeText,
    ) {
        for problem in &text.problems {
            self.findings.push(Finding::new(
                &rules::EXCHANGE_TEXT_PROBLEM,
                Topic::Intake,
                format!(
                    "{source}, line {}: {}",
                    problem.line,
                    problem.kind.describe()
                ),
            ));
        }
        let count = |n: usize, one: &str, many: &str| match n {
            1 => format!("1 {one}"),
            n => format!("{n} {many}"),
        };
        let mut parts = Vec::new();
        if !text.certificates.is_empty() {
            parts.push(count(
                text.certificates.len(),
                "certificate of Get-ExchangeCertificate",
                "certificates of Get-ExchangeCertificate",
            ));
        }
        if !text.outlook_anywhere.is_empty() {
            parts.push(count(
                text.outlook_anywhere.len(),
                "Get-OutlookAnywhere record",
                "Get-OutlookAnywhere records",
            ));
        }
        if !text.problems.is_empty() {
            parts.push(count(
                text.problems.len(),
                "line not read (see the findings)",
                "lines not read (see the findings)",
            ));
        }
        self.items.push(IntakeItem {
            source: source.to_string(),
            location,
            what: "Exchange Management Shell output".into(),
            form: ItemForm::ExchangeShell,
            outcome: Outcome::Settings,
            certificate: None,
            message: parts.join(", "),
        });
        self.exchange.push(ExchangeInput {
            source: source.to_string(),
            text,
        });
    }

    /// Exchange settings: an item, and the settings kept.
    fn add_settings(
        &mut self,
        source: &str,
        location: String,
        what: String,
        mut settings: crate::autodiscover::ExchangeSettings,
    ) {
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
                "Exchange settings with no Outlook Anywhere principal name or host".to_string()
            }
        };
        let form = match settings.kind {
            crate::autodiscover::SettingsKind::Autodiscover => ItemForm::Autodiscover,
            crate::autodiscover::SettingsKind::OutlookProvider => ItemForm::OutlookProvider,
            crate::autodiscover::SettingsKind::Mention => ItemForm::Text,
        };
        self.items.push(IntakeItem {
            source: source.to_string(),
            location,
            what,
            form,
            outcome: Outcome::Settings,
            certificate: None,
            message,
        });
        self.settings.push(settings);
    }

    /// A skipped or unreadable part: a finding and an item.
    fn push_reported(
        &mut self,
        source: &str,
        (location, what, form): (String, String, ItemForm),
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
            form,
            outcome,
            certificate: None,
            message,
        });
    }
}

/// Split one input into pieces: binary DER, or text holding PEM blocks or bare base64.
fn split_input(bytes: &[u8], context: &Context<'_>) -> Vec<Piece> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return vec![Piece::Error {
            location: "whole input".into(),
            what: "empty input".into(),
            form: ItemForm::Text,
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
                    form: ItemForm::Text,
                    rule: &rules::INTAKE_EMPTY,
                    message: "the text holds nothing once quoting marks and spaces are removed.".into(),
                }];
            }
            pieces
        }
        None => vec![Piece::Error {
            location: format!("bytes 0-{}", bytes.len()),
            what: "binary data".into(),
            form: ItemForm::Binary,
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
        assert_eq!(intake.findings[0].code, rules::Code::INTAKE_EMPTY);
    }

    #[test]
    fn random_binary_is_an_error_item() {
        let mut intake = Intake::new();
        intake.add("x.bin", &[0xff, 0x00, 0x13, 0x80, 0x81, 0x02]);
        assert!(intake.certificates.is_empty());
        assert_eq!(intake.items[0].outcome, Outcome::Error);
    }
}

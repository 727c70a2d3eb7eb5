//! One certificate of `Get-ExchangeCertificate`, from a Format-List record or a
//! table row. The properties are those Microsoft documents for the summary view,
//! `| Format-List` and `| Format-List *`
//! (<https://learn.microsoft.com/en-us/powershell/module/exchange/get-exchangecertificate>);
//! the other properties of `Format-List *` are counted, not read.

use serde::Serialize;

use super::dates::{parse_ps_date, PsDate};
use super::format_list::{Property, RawRecord, View};
use super::lists::{parse_list, ListIssue, PsList, MAX_LIST_ITEMS};
use super::problems::{ProblemKind, Problems};
use super::services::{looks_like_letters, parse_service_letters, parse_service_names, Services};
use super::thumbprint::{parse_thumbprint, Thumbprint};
use super::values::{boolean, number, one_of, string};

/// How the certificate was printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum CertificateView {
    /// `| Format-List` (or `fl *`): a record of `Name : value` lines.
    List,
    /// The default table view (`Thumbprint  Services  Subject`) or another table.
    Table,
}

/// `Status`: the certificate's validity as the Exchange server saw it
/// (documented values).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum CertificateStatus {
    /// `Valid`.
    Valid,
    /// `Invalid`.
    Invalid,
    /// `DateInvalid`: expired or not yet valid.
    DateInvalid,
    /// `PendingRequest`: a certificate request, not a certificate.
    PendingRequest,
    /// `RevocationCheckFailure`.
    RevocationCheckFailure,
    /// `Revoked`.
    Revoked,
    /// `Unknown`.
    Unknown,
    /// `Untrusted`: the chain does not end at a root the server trusts.
    Untrusted,
}

/// `RootCAType`: where the root of the chain was found (documented values).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum RootCaType {
    /// `None`: the Exchange Server Auth certificate, new self-signed ones.
    None,
    /// `ThirdParty`: a public root.
    ThirdParty,
    /// `Enterprise`: an enterprise (Active Directory) CA.
    Enterprise,
    /// `Registry`: found on Exchange self-signed certificates.
    Registry,
    /// `GroupPolicy`.
    GroupPolicy,
    /// `Unknown`: found on pending requests.
    Unknown,
}

const STATUS: [(&str, CertificateStatus); 8] = [
    ("Valid", CertificateStatus::Valid),
    ("Invalid", CertificateStatus::Invalid),
    ("DateInvalid", CertificateStatus::DateInvalid),
    ("PendingRequest", CertificateStatus::PendingRequest),
    (
        "RevocationCheckFailure",
        CertificateStatus::RevocationCheckFailure,
    ),
    ("Revoked", CertificateStatus::Revoked),
    ("Unknown", CertificateStatus::Unknown),
    ("Untrusted", CertificateStatus::Untrusted),
];

const ROOT_CA_TYPE: [(&str, RootCaType); 6] = [
    ("None", RootCaType::None),
    ("ThirdParty", RootCaType::ThirdParty),
    ("Enterprise", RootCaType::Enterprise),
    ("Registry", RootCaType::Registry),
    ("GroupPolicy", RootCaType::GroupPolicy),
    ("Unknown", RootCaType::Unknown),
];

/// One certificate as `Get-ExchangeCertificate` printed it. Every property is
/// `None` when it was not in the output (or could not be read: see the problems).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct ExchangeCertificate {
    /// The 1-based line where the record starts.
    pub line: usize,
    /// How it was printed.
    pub view: CertificateView,
    /// `Thumbprint`, normalised.
    pub thumbprint: Option<Thumbprint>,
    /// `Subject` as printed (`CN=mail.contoso.com, O=...`).
    pub subject: Option<String>,
    /// True when the table view cut the subject (`...`): it is longer than shown.
    pub subject_truncated: bool,
    /// `Issuer` as printed.
    pub issuer: Option<String>,
    /// `CertificateDomains`: the DNS names (subject CN and SAN DNS names).
    pub certificate_domains: Option<PsList>,
    /// `Services` (or the table's compact letters).
    pub services: Option<Services>,
    /// `NotBefore`, in the server's local time.
    pub not_before: Option<PsDate>,
    /// `NotAfter`, in the server's local time.
    pub not_after: Option<PsDate>,
    /// `IsSelfSigned`.
    pub is_self_signed: Option<bool>,
    /// `HasPrivateKey`.
    pub has_private_key: Option<bool>,
    /// `Status`.
    pub status: Option<CertificateStatus>,
    /// `RootCAType`.
    pub root_ca_type: Option<RootCaType>,
    /// `PublicKeySize`, in bits.
    pub public_key_size: Option<u32>,
    /// `FriendlyName` (`Format-List *`).
    pub friendly_name: Option<String>,
    /// `SerialNumber`.
    pub serial_number: Option<String>,
    /// `Identity` (`Format-List *`): `SERVER\THUMBPRINT`.
    pub identity: Option<String>,
    /// The server, from `Identity` (the part before the backslash).
    pub server: Option<String>,
    /// How many properties the record had.
    pub properties: usize,
    /// How many of them are not read here (`Format-List *` has many).
    pub other_properties: usize,
}

impl ExchangeCertificate {
    fn empty(record: &RawRecord) -> Self {
        ExchangeCertificate {
            line: record.line,
            view: match record.view {
                View::List => CertificateView::List,
                View::Table => CertificateView::Table,
            },
            thumbprint: None,
            subject: None,
            subject_truncated: false,
            issuer: None,
            certificate_domains: None,
            services: None,
            not_before: None,
            not_after: None,
            is_self_signed: None,
            has_private_key: None,
            status: None,
            root_ca_type: None,
            public_key_size: None,
            friendly_name: None,
            serial_number: None,
            identity: None,
            server: None,
            properties: record.properties.len(),
            other_properties: 0,
        }
    }

    /// Is it enabled for IIS (the certificate Outlook Anywhere presents)?
    /// `None` when the output did not say.
    pub fn has_iis(&self) -> Option<bool> {
        self.services.as_ref().map(Services::has_iis)
    }
}

/// Read a certificate record.
pub(crate) fn certificate(record: &RawRecord, problems: &mut Problems) -> ExchangeCertificate {
    let mut cert = ExchangeCertificate::empty(record);
    let mut string_form: Option<Services> = None;
    for p in &record.properties {
        if !set_identity(&mut cert, p, problems) && !set_facts(&mut cert, p, problems) {
            if p.name.eq_ignore_ascii_case("ServicesStringForm") {
                string_form = services(p, problems);
            } else {
                cert.other_properties += 1;
            }
        }
    }
    if let (Some(a), Some(b)) = (&cert.services, &string_form) {
        if !a.same_set(b) {
            problems.push(record.line, ProblemKind::ServicesDisagree);
        }
    }
    if cert.services.is_none() {
        cert.services = string_form;
    }
    if record.view == View::Table {
        cut_subject(&mut cert);
    }
    cert
}

/// The naming properties; false when `p` is none of them.
fn set_identity(cert: &mut ExchangeCertificate, p: &Property, problems: &mut Problems) -> bool {
    match p.name.to_ascii_lowercase().as_str() {
        "thumbprint" => cert.thumbprint = thumbprint(p, problems),
        "subject" => cert.subject = string(p),
        "issuer" => cert.issuer = string(p),
        "certificatedomains" => cert.certificate_domains = Some(list(p, problems)),
        "friendlyname" => cert.friendly_name = string(p),
        "serialnumber" => cert.serial_number = string(p),
        "identity" => {
            cert.identity = string(p);
            cert.server = p
                .value
                .split_once('\\')
                .map(|(server, _)| server.trim().to_string())
                .filter(|s| !s.is_empty());
        }
        _ => return false,
    }
    true
}

/// The other properties read; false when `p` is none of them.
fn set_facts(cert: &mut ExchangeCertificate, p: &Property, problems: &mut Problems) -> bool {
    match p.name.to_ascii_lowercase().as_str() {
        "services" => cert.services = services(p, problems),
        "notbefore" => cert.not_before = date(p, problems),
        "notafter" => cert.not_after = date(p, problems),
        "isselfsigned" => cert.is_self_signed = boolean(p, problems),
        "hasprivatekey" => cert.has_private_key = boolean(p, problems),
        "status" => cert.status = one_of(p, &STATUS, problems),
        "rootcatype" => cert.root_ca_type = one_of(p, &ROOT_CA_TYPE, problems),
        "publickeysize" => cert.public_key_size = number(p, problems),
        _ => return false,
    }
    true
}

fn thumbprint(p: &Property, problems: &mut Problems) -> Option<Thumbprint> {
    if p.value.is_empty() {
        return None;
    }
    parse_thumbprint(&p.value)
        .map_err(|error| {
            let text = p.value.clone();
            problems.push(p.line, ProblemKind::BadThumbprint { text, error });
        })
        .ok()
}

/// `Services`: the names of Format-List, or the letters of the table view.
fn services(p: &Property, problems: &mut Problems) -> Option<Services> {
    if p.value.is_empty() {
        return None;
    }
    let bad = |error, problems: &mut Problems| {
        let text = p.value.clone();
        problems.push(p.line, ProblemKind::BadServices { text, error });
    };
    let letters_shaped = !p.value.chars().any(|c| c.is_ascii_lowercase()) && p.value.contains('.');
    if looks_like_letters(&p.value) || letters_shaped {
        return parse_service_letters(&p.value)
            .map_err(|e| bad(e, problems))
            .ok();
    }
    let (services, errors) = parse_service_names(&p.value);
    for error in errors {
        bad(error, problems);
    }
    Some(services)
}

pub(crate) fn date(p: &Property, problems: &mut Problems) -> Option<PsDate> {
    if p.value.is_empty() {
        return None;
    }
    let date = parse_ps_date(&p.value);
    if let PsDate::Unreadable { text } = &date {
        let (property, text) = (p.name.clone(), text.clone());
        problems.push(p.line, ProblemKind::UnreadableDate { property, text });
    }
    Some(date)
}

/// A list property, with its problems.
pub(crate) fn list(p: &Property, problems: &mut Problems) -> PsList {
    let (list, issues) = parse_list(&p.value);
    for issue in issues {
        let property = p.name.clone();
        let kind = match issue {
            ListIssue::Unclosed => ProblemKind::UnclosedList { property },
            ListIssue::TooMany => ProblemKind::TooManyNames {
                property,
                limit: MAX_LIST_ITEMS,
            },
        };
        problems.push(p.line, kind);
    }
    list
}

/// The table view cuts a long subject with `...`.
fn cut_subject(cert: &mut ExchangeCertificate) {
    let Some(subject) = cert.subject.as_mut() else {
        return;
    };
    for mark in ["...", "\u{2026}"] {
        if let Some(kept) = subject.strip_suffix(mark) {
            *subject = kept.trim_end().to_string();
            cert.subject_truncated = true;
            return;
        }
    }
}

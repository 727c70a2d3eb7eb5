//! Exchange's own words: the text of `Get-ExchangeCertificate` and
//! `Get-OutlookAnywhere` pasted from the Exchange Management Shell or an e-mail.
//!
//! [`parse`] reads, in one text and in any order:
//!
//! - `Get-ExchangeCertificate | Format-List` (one or several certificates),
//!   `| Format-List *` (the properties not read are counted), and the default
//!   table view (`Thumbprint  Services  Subject`, compact services `IP.WS..`);
//! - `Get-OutlookAnywhere | Format-List` (one record per server).
//!
//! It copes with the `[PS] C:\...>` prompt lines, CRLF, e-mail `> ` quoting,
//! colour codes, values wrapped over several lines, and lists cut by
//! `$FormatEnumerationLimit`. Records are told apart by their property sets;
//! `Get-OutlookProvider` records are recognised and left to
//! [`crate::autodiscover::parse_outlook_provider`] (only counted here). What
//! cannot be read becomes a typed [`Problem`] with its line, and reading goes on.
//!
//! Detection is cheap and conservative: [`parse`] returns `None` unless the text
//! holds a Format-List property or a table that only these cmdlets print, and
//! at least one certificate or Outlook Anywhere record is read. PEM, XML,
//! `openssl` output, Get-OutlookProvider alone and prose give `None`.
//!
//! The module is pure: text in, typed data out; no prose but
//! [`ProblemKind::describe`].

mod certificate;
mod dates;
mod format_list;
mod lists;
mod outlook_anywhere;
mod problems;
mod services;
mod table;
mod text;
mod thumbprint;
mod values;

#[cfg(test)]
mod tests;

use std::collections::HashSet;

use serde::Serialize;

pub use certificate::{CertificateStatus, CertificateView, ExchangeCertificate, RootCaType};
pub use dates::{parse_ps_date, PsDate};
pub use format_list::{MAX_PROPERTIES, MAX_RECORDS};
pub use lists::{parse_list, ListIssue, PsList, MAX_LIST_ITEMS};
pub use outlook_anywhere::{AuthMethod, AuthMethods, OutlookAnywhere};
pub use problems::{Problem, ProblemKind, MAX_PROBLEMS};
pub use services::{parse_service_letters, parse_service_names, Service, Services, ServicesError};
pub use thumbprint::{parse_thumbprint, Thumbprint, ThumbprintError};

use format_list::{RawRecord, View};
use problems::Problems;

/// Everything read from one text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct ExchangeText {
    /// The certificates (Format-List records and table rows), in text order.
    pub certificates: Vec<ExchangeCertificate>,
    /// The Outlook Anywhere virtual directories, in text order.
    pub outlook_anywhere: Vec<OutlookAnywhere>,
    /// How many `Get-OutlookProvider` records the text holds (read by
    /// [`crate::autodiscover::parse_outlook_provider`], not here).
    pub outlook_provider_records: usize,
    /// How many Format-List records of other cmdlets it holds (each also a problem).
    pub unknown_records: usize,
    /// The commands typed after PowerShell prompts, in text order.
    pub commands: Vec<Command>,
    /// What could not be read, or looked wrong.
    pub problems: Vec<Problem>,
}

/// A command typed after a PowerShell prompt (`[PS] C:\>Get-ExchangeCertificate | fl`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct Command {
    /// The 1-based line.
    pub line: usize,
    /// The command (`Get-ExchangeCertificate | fl`).
    pub text: String,
}

/// Properties only `Get-ExchangeCertificate` prints (lower case).
const CERTIFICATE_KEYS: [&str; 14] = [
    "thumbprint",
    "certificatedomains",
    "rootcatype",
    "hasprivatekey",
    "isselfsigned",
    "services",
    "servicesstringform",
    "notafter",
    "notbefore",
    "publickeysize",
    "iisservices",
    "accessrules",
    "certificaterequest",
    "privatekeyexportable",
];

/// Properties only `Get-OutlookAnywhere` prints (lower case). Not
/// `IISAuthenticationMethods`: other virtual directories (MAPI over HTTP) have it too.
const OUTLOOK_ANYWHERE_KEYS: [&str; 9] = [
    "externalhostname",
    "internalhostname",
    "externalclientsrequiressl",
    "internalclientsrequiressl",
    "ssloffloading",
    "externalclientauthenticationmethod",
    "internalclientauthenticationmethod",
    "clientauthenticationmethod",
    "xropurl",
];

/// Properties only `Get-OutlookProvider` prints (lower case).
const OUTLOOK_PROVIDER_KEYS: [&str; 3] = [
    "certprincipalname",
    "outlookproviderflags",
    "requiredclientversions",
];

fn is_key(keys: &[&str], name: &str) -> bool {
    keys.iter().any(|k| k.eq_ignore_ascii_case(name))
}

/// A cheap first look: does any line hold a Format-List property that only
/// Get-ExchangeCertificate or Get-OutlookAnywhere prints, or a certificate
/// table row? (`parse` decides for good.)
pub fn looks_like_exchange(text: &str) -> bool {
    let (text, _) = text::bounded(text);
    text.split('\n').any(|raw| {
        let lines = text::clean_lines(raw);
        let Some(line) = lines.first() else {
            return false;
        };
        if let Some((name, _, _)) = format_list::property_line(&line.text) {
            return is_key(&CERTIFICATE_KEYS, name) || is_key(&OUTLOOK_ANYWHERE_KEYS, name);
        }
        let mut words = line.text.split_whitespace();
        let first = words.next().unwrap_or("");
        let second = words.next().unwrap_or("");
        (first.eq_ignore_ascii_case("Thumbprint") && second.eq_ignore_ascii_case("Services"))
            || (thumbprint::is_compact_thumbprint(first) && services::looks_like_letters(second))
    })
}

/// Read the Exchange cmdlet output in `text`; `None` when it holds none.
pub fn parse(text: &str) -> Option<ExchangeText> {
    if !looks_like_exchange(text) {
        return None;
    }
    let mut problems = Problems::default();
    let (bounded, cut) = text::bounded(text);
    let lines = text::clean_lines(bounded);
    let scan = format_list::scan(&lines, &mut problems);
    let mut records = scan.records;
    let mut rows = table::read_tables(&scan.loose, &mut problems);
    let room = MAX_RECORDS.saturating_sub(records.len());
    if rows.len() > room {
        let line = rows[room].line;
        problems.push(line, ProblemKind::TooManyRecords { limit: MAX_RECORDS });
        rows.truncate(room);
    }
    records.append(&mut rows);
    records.sort_by_key(|r| r.line);
    if cut {
        let line = lines.len();
        let limit = crate::limits::MAX_INPUT_BYTES;
        problems.push(line, ProblemKind::InputTooLarge { limit });
    }
    let mut out = read_records(&records, &mut problems);
    if out.certificates.is_empty() && out.outlook_anywhere.is_empty() {
        return None;
    }
    out.commands = scan
        .prompts
        .into_iter()
        .map(|p| Command {
            line: p.line,
            text: p.command,
        })
        .collect();
    out.problems = problems.list;
    out.problems.sort_by_key(|p| p.line);
    Some(out)
}

/// What a record is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Certificate,
    OutlookAnywhere,
    OutlookProvider,
    Unknown,
}

/// Tell a record's cmdlet by its properties; and whether it mixes two.
fn classify(record: &RawRecord) -> (Kind, bool) {
    if record.view == View::Table {
        return (Kind::Certificate, false);
    }
    let score = |keys: &[&str]| {
        record
            .properties
            .iter()
            .filter(|p| is_key(keys, &p.name))
            .count()
    };
    let scores = [
        (Kind::Certificate, score(&CERTIFICATE_KEYS)),
        (Kind::OutlookAnywhere, score(&OUTLOOK_ANYWHERE_KEYS)),
        (Kind::OutlookProvider, score(&OUTLOOK_PROVIDER_KEYS)),
    ];
    let kinds = scores.iter().filter(|(_, s)| *s > 0).count();
    let best = scores.iter().fold(
        (Kind::Unknown, 0),
        |best, &(k, s)| if s > best.1 { (k, s) } else { best },
    );
    let kind = match best {
        (Kind::Certificate, s) if s < 2 && !has_thumbprint(record) => Kind::Unknown,
        (kind, _) => kind,
    };
    (kind, kinds > 1)
}

fn has_thumbprint(record: &RawRecord) -> bool {
    record
        .get("Thumbprint")
        .is_some_and(|p| parse_thumbprint(&p.value).is_ok())
}

fn read_records(records: &[RawRecord], problems: &mut Problems) -> ExchangeText {
    let mut out = ExchangeText {
        certificates: Vec::new(),
        outlook_anywhere: Vec::new(),
        outlook_provider_records: 0,
        unknown_records: 0,
        commands: Vec::new(),
        problems: Vec::new(),
    };
    let mut certificate_records = Vec::new();
    let mut outlook_anywhere_records = Vec::new();
    for record in records {
        let (kind, mixed) = classify(record);
        if mixed {
            problems.push(record.line, ProblemKind::MixedRecord);
        }
        match kind {
            Kind::Certificate => {
                out.certificates
                    .push(certificate::certificate(record, problems));
                if record.view == View::List {
                    certificate_records.push(record);
                }
            }
            Kind::OutlookAnywhere => {
                let oa = outlook_anywhere::outlook_anywhere(record, problems);
                out.outlook_anywhere.push(oa);
                outlook_anywhere_records.push(record);
            }
            Kind::OutlookProvider => out.outlook_provider_records += 1,
            Kind::Unknown => {
                out.unknown_records += 1;
                let properties = record.properties.len();
                problems.push(record.line, ProblemKind::UnknownRecord { properties });
            }
        }
    }
    let truncated = truncated_last(&certificate_records, problems);
    for record in certificate_records {
        if record.get("Thumbprint").is_none() && Some(record.line) != truncated {
            let property = "Thumbprint".to_string();
            problems.push(record.line, ProblemKind::MissingProperty { property });
        }
    }
    truncated_last(&outlook_anywhere_records, problems);
    out
}

/// When the last record of a kind lacks properties that every earlier one has,
/// report them; the last record's line when it does.
fn truncated_last(records: &[&RawRecord], problems: &mut Problems) -> Option<usize> {
    let (last, earlier) = records.split_last()?;
    let first = earlier.first()?;
    let names = |r: &RawRecord| -> HashSet<String> {
        r.properties
            .iter()
            .map(|p| p.name.to_ascii_lowercase())
            .collect()
    };
    let earlier_names: Vec<HashSet<String>> = earlier.iter().map(|r| names(r)).collect();
    let last_names = names(last);
    let missing: Vec<String> = first
        .properties
        .iter()
        .filter(|p| {
            let key = p.name.to_ascii_lowercase();
            !last_names.contains(&key) && earlier_names.iter().all(|n| n.contains(&key))
        })
        .map(|p| p.name.clone())
        .collect();
    if missing.is_empty() {
        return None;
    }
    problems.push(last.line, ProblemKind::TruncatedRecord { missing });
    Some(last.line)
}

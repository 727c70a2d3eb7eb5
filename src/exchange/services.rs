//! The Exchange services a certificate is enabled for (`Services`).
//!
//! Format-List prints the flags by name, comma-separated, in the order of their
//! values: `IMAP, POP, IIS, SMTP`; `None` when the certificate is used by no
//! Exchange service. The values are documented: None, Federation, IIS, IMAP,
//! POP, SMTP, UM, UMCallRouter
//! (<https://learn.microsoft.com/en-us/powershell/module/exchange/get-exchangecertificate>,
//! and the `AllowedServices` enumeration,
//! <https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-api/ff319670(v=exchg.150)>).
//!
//! The default table view prints the compact form (the `ServicesStringForm`
//! property): one position per service, its letter when enabled and `.` when not,
//! in this order: `I` IMAP, `P` POP, `U` UM, `W` IIS (web), `S` SMTP,
//! `F` Federation, `C` UMCallRouter; so `IP.WS..` is IMAP, POP, IIS and SMTP.
//! Microsoft's pages name `ServicesStringForm` but not its letters: the order
//! and letters are taken from the `ExchangeCertificate.ServicesStringForm`
//! getter of Microsoft.Exchange.Management as decompiled in public code, and agree
//! with community scripts that test `W` for IIS, `S` for SMTP, `P`, `I` and `U`
//! (grade: reported). Exchange 2010 printed only the first five positions
//! (`IP.WS`); both lengths are read.

use serde::Serialize;

/// One Exchange service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Service {
    /// `IMAP` (letter `I`).
    Imap,
    /// `POP` (letter `P`).
    Pop,
    /// `UM`, Unified Messaging (letter `U`).
    Um,
    /// `IIS`: the web services, Outlook Anywhere among them (letter `W`).
    Iis,
    /// `SMTP` (letter `S`).
    Smtp,
    /// `Federation` (letter `F`).
    Federation,
    /// `UMCallRouter` (letter `C`).
    UmCallRouter,
}

/// The services in the order of their flag values, with their names and letters.
const ORDER: [(Service, &str, char); 7] = [
    (Service::Imap, "IMAP", 'I'),
    (Service::Pop, "POP", 'P'),
    (Service::Um, "UM", 'U'),
    (Service::Iis, "IIS", 'W'),
    (Service::Smtp, "SMTP", 'S'),
    (Service::Federation, "Federation", 'F'),
    (Service::UmCallRouter, "UMCallRouter", 'C'),
];

/// The services a certificate is enabled for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct Services {
    /// The services, in Exchange's order (empty for `None`).
    pub names: Vec<Service>,
    /// The text as printed (`IMAP, POP, IIS, SMTP` or `IP.WS..`).
    pub text: String,
}

impl Services {
    /// Is the certificate enabled for IIS (the one Outlook Anywhere presents)?
    pub fn has_iis(&self) -> bool {
        self.names.contains(&Service::Iis)
    }

    /// Is the certificate enabled for no Exchange service (`None`, `.......`)?
    pub fn is_none(&self) -> bool {
        self.names.is_empty()
    }

    /// The same set of services (the text aside)?
    pub fn same_set(&self, other: &Services) -> bool {
        ORDER
            .iter()
            .all(|(s, _, _)| self.names.contains(s) == other.names.contains(s))
    }
}

/// Why a `Services` value could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ServicesError {
    /// A name that is not an Exchange service (the others were read).
    UnknownName {
        /// The name as written.
        name: String,
    },
    /// Not the compact form: a wrong length or a letter out of place.
    BadLetters,
}

fn ordered(mut names: Vec<Service>) -> Vec<Service> {
    names.sort_by_key(|s| ORDER.iter().position(|(o, _, _)| o == s));
    names.dedup();
    names
}

/// Read the Format-List form, `IMAP, POP, IIS, SMTP` or `None` (names in any
/// case and order). Unknown names are returned apart; the known ones are kept.
pub fn parse_service_names(text: &str) -> (Services, Vec<ServicesError>) {
    let mut names = Vec::new();
    let mut errors = Vec::new();
    let inner = text.trim().trim_start_matches('{').trim_end_matches('}');
    for name in inner.split(',').map(str::trim).filter(|n| !n.is_empty()) {
        if name.eq_ignore_ascii_case("None") {
            continue;
        }
        match ORDER.iter().find(|(_, n, _)| n.eq_ignore_ascii_case(name)) {
            Some((service, _, _)) => names.push(*service),
            None => errors.push(ServicesError::UnknownName {
                name: name.to_string(),
            }),
        }
    }
    let services = Services {
        names: ordered(names),
        text: text.trim().to_string(),
    };
    (services, errors)
}

/// Read the compact form of the table view (`IP.WS..`, or the five positions of
/// Exchange 2010, `IP.WS`). Letters are accepted in either case.
pub fn parse_service_letters(text: &str) -> Result<Services, ServicesError> {
    let text = text.trim();
    let count = text.chars().count();
    if !(5..=ORDER.len()).contains(&count) {
        return Err(ServicesError::BadLetters);
    }
    let mut names = Vec::new();
    for (c, (service, _, letter)) in text.chars().zip(ORDER.iter()) {
        if c.eq_ignore_ascii_case(letter) {
            names.push(*service);
        } else if c != '.' {
            return Err(ServicesError::BadLetters);
        }
    }
    Ok(Services {
        names,
        text: text.to_string(),
    })
}

/// Could `token` be the compact form (5 to 7 of `IPUWSFC.`)? A cheap test for
/// table rows.
pub(crate) fn looks_like_letters(token: &str) -> bool {
    parse_service_letters(token).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_read_in_any_case_and_order() {
        let (s, errors) = parse_service_names("SMTP, iis, IMAP, POP");
        assert!(errors.is_empty());
        assert_eq!(
            s.names,
            vec![Service::Imap, Service::Pop, Service::Iis, Service::Smtp]
        );
        assert!(s.has_iis());
        assert_eq!(s.text, "SMTP, iis, IMAP, POP");
    }

    #[test]
    fn none_is_the_empty_set() {
        let (s, errors) = parse_service_names("None");
        assert!(errors.is_empty() && s.is_none() && !s.has_iis());
    }

    #[test]
    fn unknown_names_are_reported_and_the_rest_kept() {
        let (s, errors) = parse_service_names("IIS, Web");
        assert_eq!(s.names, vec![Service::Iis]);
        assert_eq!(
            errors,
            vec![ServicesError::UnknownName { name: "Web".into() }]
        );
    }

    #[test]
    fn letters_follow_the_exchange_order() {
        let s = parse_service_letters("IP.WS..").expect("letters");
        assert_eq!(
            s.names,
            vec![Service::Imap, Service::Pop, Service::Iis, Service::Smtp]
        );
        let all = parse_service_letters("IPUWSFC").expect("letters");
        assert_eq!(all.names.len(), 7);
        assert!(parse_service_letters(".......").expect("none").is_none());
        assert!(parse_service_letters("....S..").expect("smtp").names == vec![Service::Smtp]);
        assert!(parse_service_letters("IP.WS").expect("2010").has_iis());
    }

    #[test]
    fn letters_out_of_place_are_refused() {
        assert_eq!(
            parse_service_letters("W......"),
            Err(ServicesError::BadLetters)
        );
        assert_eq!(
            parse_service_letters("IP.WS..."),
            Err(ServicesError::BadLetters)
        );
        assert_eq!(parse_service_letters("IP"), Err(ServicesError::BadLetters));
        assert_eq!(
            parse_service_letters("IP.WSéé"),
            Err(ServicesError::BadLetters)
        );
    }

    #[test]
    fn both_forms_compare_as_sets() {
        let (names, _) = parse_service_names("IMAP, POP, IIS, SMTP");
        let letters = parse_service_letters("IP.WS..").expect("letters");
        assert!(names.same_set(&letters));
        let (other, _) = parse_service_names("SMTP");
        assert!(!other.same_set(&letters));
    }
}

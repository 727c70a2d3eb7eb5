//! PowerShell lists as Format-List prints them: `{a, b, c}`.
//!
//! A collection longer than `$FormatEnumerationLimit` (4 by default) is cut
//! after that many items and ends with `...` (`…` from PowerShell 6.2 on):
//! `{mail.contoso.com, autodiscover.contoso.com, owa.contoso.com, legacy.contoso.com...}`.
//! The items shown are whole; the ones past the cut are not known.
//! <https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.core/about/about_preference_variables#formatenumerationlimit>

use serde::Serialize;

use crate::limits::MAX_SANS;

/// A list of names as PowerShell printed it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct PsList {
    /// The names shown, in order (at most [`MAX_LIST_ITEMS`]).
    pub names: Vec<String>,
    /// True when PowerShell cut the list (`...` before the closing brace): more
    /// names exist than are shown.
    pub truncated: bool,
}

/// The most items kept from one list (the limit on subject alternative names).
pub const MAX_LIST_ITEMS: usize = MAX_SANS;

/// What went wrong reading a list (the names read are still returned).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListIssue {
    /// `{` without its closing `}`: the paste ends inside the list.
    Unclosed,
    /// More than [`MAX_LIST_ITEMS`] items: the rest were not kept.
    TooMany,
}

/// Read a list value: `{a, b}`, `{a...}`, `{}`, or a bare `a, b` (a list
/// printed without braces, as `Select-Object` with a joined string gives).
pub fn parse_list(text: &str) -> (PsList, Vec<ListIssue>) {
    let mut issues = Vec::new();
    let mut inner = text.trim();
    if let Some(rest) = inner.strip_prefix('{') {
        inner = match rest.strip_suffix('}') {
            Some(body) => body,
            None => {
                issues.push(ListIssue::Unclosed);
                rest
            }
        };
    }
    let mut inner = inner.trim_end();
    let mut truncated = false;
    for mark in ["...", "\u{2026}"] {
        if let Some(body) = inner.strip_suffix(mark) {
            inner = body;
            truncated = true;
            break;
        }
    }
    let mut names = Vec::new();
    for name in inner.split(',').map(str::trim).filter(|n| !n.is_empty()) {
        if names.len() == MAX_LIST_ITEMS {
            issues.push(ListIssue::TooMany);
            break;
        }
        names.push(name.to_string());
    }
    (PsList { names, truncated }, issues)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_whole_list() {
        let (list, issues) = parse_list("{mail.contoso.com, autodiscover.contoso.com}");
        assert!(issues.is_empty() && !list.truncated);
        assert_eq!(list.names, ["mail.contoso.com", "autodiscover.contoso.com"]);
    }

    #[test]
    fn a_list_cut_by_the_enumeration_limit() {
        let text =
            "{mail.contoso.com, autodiscover.contoso.com, owa.contoso.com, legacy.contoso.com...}";
        let (list, issues) = parse_list(text);
        assert!(issues.is_empty() && list.truncated);
        assert_eq!(list.names.len(), 4);
        assert_eq!(list.names[3], "legacy.contoso.com");
        let (list, _) = parse_list("{a.contoso.com, b.contoso.com\u{2026}}");
        assert!(list.truncated && list.names == ["a.contoso.com", "b.contoso.com"]);
    }

    #[test]
    fn empty_single_and_bare_lists() {
        assert!(parse_list("{}").0.names.is_empty());
        assert_eq!(
            parse_list("{mail.contoso.com}").0.names,
            ["mail.contoso.com"]
        );
        assert_eq!(parse_list("Basic, Ntlm").0.names, ["Basic", "Ntlm"]);
    }

    #[test]
    fn an_unclosed_list_keeps_what_it_has() {
        let (list, issues) = parse_list("{mail.contoso.com, autodisc");
        assert_eq!(issues, [ListIssue::Unclosed]);
        assert_eq!(list.names, ["mail.contoso.com", "autodisc"]);
    }

    #[test]
    fn a_huge_list_is_capped() {
        let text = format!("{{{}}}", vec!["a"; MAX_LIST_ITEMS + 5].join(", "));
        let (list, issues) = parse_list(&text);
        assert_eq!(list.names.len(), MAX_LIST_ITEMS);
        assert_eq!(issues, [ListIssue::TooMany]);
    }
}

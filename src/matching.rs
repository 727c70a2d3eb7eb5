//! Name comparison as Windows does it: case-insensitive equality, and wildcard
//! certificate names (`*.contoso.com`) that cover exactly one label.

/// How two names matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameMatch {
    /// Identical, character for character.
    Exact,
    /// Equal when case is ignored.
    IgnoringCase,
}

/// Compare two names, ignoring ASCII case (as DNS does; RFC 4343).
pub fn compare(a: &str, b: &str) -> Option<NameMatch> {
    if a == b {
        Some(NameMatch::Exact)
    } else if a.eq_ignore_ascii_case(b) {
        Some(NameMatch::IgnoringCase)
    } else {
        None
    }
}

/// The name Windows derives from a certificate field: backslashes are doubled.
pub fn windows_form(name: &str) -> String {
    name.replace('\\', "\\\\")
}

/// Is `pattern` a wildcard name: `*` as the whole left-most label, followed
/// by at least two more labels (`*.contoso.com`; never `*.com` or `*`)?
pub fn is_wildcard(pattern: &str) -> bool {
    pattern.strip_prefix("*.").is_some_and(|rest| {
        rest.split('.').filter(|l| !l.is_empty()).count() >= 2 && !rest.contains('*')
    })
}

/// Does the wildcard `pattern` cover `name`, one label deep, ignoring case?
/// `*.contoso.com` covers `mail.contoso.com`, not `a.b.contoso.com` nor `contoso.com`.
pub fn wildcard_covers(pattern: &str, name: &str) -> bool {
    // Bytes, without lower-case copies, and the cheap tests first: this runs
    // for every name of the certificate against every fix candidate, and
    // most pairs differ in their suffix.
    if !pattern.starts_with("*.") {
        return false;
    }
    let suffix = &pattern[1..]; // ".contoso.com"
    let label = &name.as_bytes()[..name.len().saturating_sub(suffix.len())];
    ends_with_ignoring_case(name, suffix)
        && !label.is_empty()
        && !label.contains(&b'.')
        && !name.contains('*')
        && is_wildcard(pattern)
}

/// Does `text` end with `suffix`, ignoring ASCII case? (No lower-case copies:
/// this runs for every wildcard name of the certificate against every fix
/// candidate.)
pub fn ends_with_ignoring_case(text: &str, suffix: &str) -> bool {
    let (text, suffix) = (text.as_bytes(), suffix.as_bytes());
    text.len() >= suffix.len() && text[text.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
}

/// Does a certificate name (`cert_name`) cover `host` for TLS: equal ignoring
/// case, or a wildcard one label deep? A trailing dot on either is ignored.
pub fn host_matches(cert_name: &str, host: &str) -> bool {
    let cert_name = cert_name.strip_suffix('.').unwrap_or(cert_name);
    let host = host.strip_suffix('.').unwrap_or(host);
    compare(cert_name, host).is_some() || wildcard_covers(cert_name, host)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcard_is_one_label_deep() {
        assert!(wildcard_covers("*.contoso.com", "mail.contoso.com"));
        assert!(wildcard_covers("*.Contoso.com", "MAIL.contoso.COM"));
        assert!(!wildcard_covers("*.contoso.com", "a.b.contoso.com"));
        assert!(!wildcard_covers("*.contoso.com", "contoso.com"));
        assert!(!wildcard_covers("*.contoso.com", ".contoso.com"));
        assert!(!wildcard_covers("*.com", "contoso.com"));
        assert!(!wildcard_covers("m*.contoso.com", "mail.contoso.com"));
        assert!(!wildcard_covers("*.contoso.com", "*.contoso.com"));
        assert!(!wildcard_covers("*.contoso.com", ".Contoso.COM"));
        assert!(wildcard_covers("*.contoso.com", "é.CONTOSO.com"));
        assert!(!wildcard_covers("*.contosé.com", "a.contosÉ.com"));
        assert!(!wildcard_covers("*.contoso.com", "oso.com"));
    }

    #[test]
    fn comparison_reports_case() {
        assert_eq!(compare("a.b", "a.b"), Some(NameMatch::Exact));
        assert_eq!(compare("A.b", "a.B"), Some(NameMatch::IgnoringCase));
        assert_eq!(compare("a.b", "a.c"), None);
    }

    #[test]
    fn backslashes_are_doubled() {
        assert_eq!(windows_form(r"contoso\mail"), r"contoso\\mail");
    }
}

//! Property tests (proptest) for principal-name normalisation and name matching.
#![cfg(not(target_arch = "wasm32"))]

use msstd_check::matching::{compare, host_matches, is_wildcard, wildcard_covers};
use msstd_check::principal::{parse, PrincipalKind};
use proptest::prelude::*;

/// A DNS label: letters, digits and inner hyphens.
fn label() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9]([a-zA-Z0-9-]{0,10}[a-zA-Z0-9])?"
}

/// A domain of two to four labels.
fn domain() -> impl Strategy<Value = String> {
    prop::collection::vec(label(), 2..5).prop_map(|labels| labels.join("."))
}

proptest! {
    #[test]
    fn matching_ignores_ascii_case(name in domain()) {
        prop_assert!(compare(&name, &name.to_ascii_uppercase()).is_some());
        prop_assert!(compare(&name.to_ascii_lowercase(), &name).is_some());
        prop_assert!(host_matches(&name.to_ascii_uppercase(), &name.to_ascii_lowercase()));
    }

    #[test]
    fn a_wildcard_covers_exactly_one_label(first in label(), second in label(), base in domain()) {
        let pattern = format!("*.{base}");
        let one_deep = format!("{first}.{base}");
        let two_deep = format!("{second}.{first}.{base}");
        let shouting = pattern.to_ascii_uppercase();
        prop_assert!(is_wildcard(&pattern));
        prop_assert!(wildcard_covers(&pattern, &one_deep));
        prop_assert!(!wildcard_covers(&pattern, &two_deep));
        prop_assert!(!wildcard_covers(&pattern, &base));
        prop_assert!(wildcard_covers(&shouting, &one_deep));
    }

    #[test]
    fn a_wildcard_over_one_label_covers_nothing(first in label(), tld in label()) {
        let pattern = format!("*.{tld}");
        let host = format!("{first}.{tld}");
        prop_assert!(!wildcard_covers(&pattern, &host));
    }

    #[test]
    fn normalising_twice_changes_nothing(
        name in domain(),
        prefix in prop::sample::select(vec!["msstd:", "MSSTD:", "Msstd:", "", "https://"]),
        before in " {0,2}",
        after in " {0,2}",
        dot in prop::bool::ANY,
        quote in prop::bool::ANY,
    ) {
        let mut text = format!("{prefix}{name}{}", if dot { "." } else { "" });
        if prefix == "https://" {
            text.push_str("/rpc/rpcproxy.dll");
        }
        if quote {
            text = format!("\"{text}\"");
        }
        let text = format!("{before}{text}{after}");
        let first = parse(&text);
        prop_assert_eq!(first.name.as_deref(), Some(name.as_str()));
        let corrected = first.corrected.clone().expect("a corrected string");
        let again = parse(&corrected);
        prop_assert_eq!(again.kind, PrincipalKind::Msstd);
        prop_assert!(!again.cleaned_up, "{:?} needed cleaning again", corrected);
        prop_assert_eq!(again.corrected.as_deref(), Some(corrected.as_str()));
    }

    #[test]
    fn any_string_parses_without_panicking(text in "\\PC{0,64}") {
        let principal = parse(&text);
        if principal.kind == PrincipalKind::Msstd {
            prop_assert!(principal.name.as_deref().is_some_and(|n| !n.is_empty()));
        }
    }
}

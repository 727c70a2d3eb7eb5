//! Scalar values of Format-List output: booleans, numbers, strings.
//!
//! PowerShell prints a boolean with `Boolean.ToString()`, which does not
//! depend on the culture: `True` and `False` on a German server too. A
//! `Wahr`/`Falsch` (or `Vrai`/`Faux`, `Verdadero`/`Falso`, `Vero`/`Falso`,
//! `Waar`/`Onwaar`) can only come from a translation of the text after the
//! fact: it is read as the boolean it names, and reported
//! ([`super::problems::ProblemKind::TranslatedBoolean`]), since a translated
//! text may have been changed in other ways too (grade: inferred).

use super::format_list::Property;
use super::problems::{ProblemKind, Problems};

const TRANSLATED_TRUE: [&str; 5] = ["Wahr", "Vrai", "Verdadero", "Vero", "Waar"];
const TRANSLATED_FALSE: [&str; 4] = ["Falsch", "Faux", "Falso", "Onwaar"];

/// A boolean property; `None` (and a problem) when it is not one, `None` alone
/// when empty.
pub(crate) fn boolean(property: &Property, problems: &mut Problems) -> Option<bool> {
    let text = property.value.as_str();
    let is = |words: &[&str]| words.iter().any(|w| w.eq_ignore_ascii_case(text));
    if text.is_empty() {
        return None;
    }
    if is(&["True", "$true"]) {
        return Some(true);
    }
    if is(&["False", "$false"]) {
        return Some(false);
    }
    let translated = if is(&TRANSLATED_TRUE) {
        Some(true)
    } else if is(&TRANSLATED_FALSE) {
        Some(false)
    } else {
        None
    };
    let (property_name, text) = (property.name.clone(), text.to_string());
    let kind = match translated {
        Some(_) => ProblemKind::TranslatedBoolean {
            property: property_name,
            text,
        },
        None => ProblemKind::BadBoolean {
            property: property_name,
            text,
        },
    };
    problems.push(property.line, kind);
    translated
}

/// A whole number property (`PublicKeySize : 2048`).
pub(crate) fn number(property: &Property, problems: &mut Problems) -> Option<u32> {
    let text = property.value.as_str();
    if text.is_empty() {
        return None;
    }
    let read = text.parse().ok();
    if read.is_none() {
        problems.push(
            property.line,
            ProblemKind::BadNumber {
                property: property.name.clone(),
                text: text.to_string(),
            },
        );
    }
    read
}

/// A string property; `None` when empty.
pub(crate) fn string(property: &Property) -> Option<String> {
    Some(property.value.clone()).filter(|v| !v.is_empty())
}

/// One of a documented set of names (compared without case); `None` and an
/// [`ProblemKind::UnknownValue`] problem for anything else.
pub(crate) fn one_of<T: Copy>(
    property: &Property,
    names: &[(&str, T)],
    problems: &mut Problems,
) -> Option<T> {
    let text = property.value.as_str();
    if text.is_empty() {
        return None;
    }
    let found = names
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(text))
        .map(|(_, v)| *v);
    if found.is_none() {
        problems.push(
            property.line,
            ProblemKind::UnknownValue {
                property: property.name.clone(),
                text: text.to_string(),
            },
        );
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prop(value: &str) -> Property {
        Property {
            line: 7,
            name: "IsSelfSigned".into(),
            value: value.into(),
        }
    }

    #[test]
    fn booleans() {
        let mut p = Problems::default();
        assert_eq!(boolean(&prop("True"), &mut p), Some(true));
        assert_eq!(boolean(&prop("false"), &mut p), Some(false));
        assert_eq!(boolean(&prop(""), &mut p), None);
        assert!(p.list.is_empty());
        assert_eq!(boolean(&prop("Wahr"), &mut p), Some(true));
        assert_eq!(boolean(&prop("Falsch"), &mut p), Some(false));
        assert_eq!(boolean(&prop("Yes"), &mut p), None);
        let kinds: Vec<_> = p.list.iter().map(|p| &p.kind).collect();
        assert!(matches!(kinds[0], ProblemKind::TranslatedBoolean { text, .. } if text == "Wahr"));
        assert!(matches!(kinds[2], ProblemKind::BadBoolean { text, .. } if text == "Yes"));
        assert_eq!(p.list[0].line, 7);
    }

    #[test]
    fn numbers_and_choices() {
        let mut p = Problems::default();
        assert_eq!(number(&prop("2048"), &mut p), Some(2048));
        assert_eq!(number(&prop("2,048"), &mut p), None);
        assert_eq!(one_of(&prop("valid"), &[("Valid", 1)], &mut p), Some(1));
        assert_eq!(one_of(&prop("Gültig"), &[("Valid", 1)], &mut p), None);
        assert_eq!(p.list.len(), 2);
    }
}

//! Looking for words in the whole of a pasted text, cheaply.
//!
//! Intake asks a dozen questions of every text ("does it mention Thumbprint?",
//! "msstd:, in any case?") before it knows what the text is. The standard
//! library's substring search is generic, so it is compiled at the page
//! engines' `opt-level = "z"`; these jump from one occurrence of the word's
//! rarest byte to the next with `str::find(char)`, whose byte search is the
//! standard library's own, compiled for speed.

/// Does `text` contain `needle`? `anchor` is the index in `needle` of a byte
/// that is rare in the text searched (an ASCII byte), such as `<` or `:`.
fn contains_at(text: &str, needle: &str, anchor: usize, ignoring_case: bool) -> bool {
    let (bytes, word) = (text.as_bytes(), needle.as_bytes());
    let Some(&byte) = word.get(anchor).filter(|b| b.is_ascii()) else {
        return false;
    };
    let mut from = 0;
    while let Some(found) = text
        .get(from..)
        .and_then(|rest| rest.find(char::from(byte)))
    {
        let at = from + found;
        let start = at.checked_sub(anchor);
        let candidate = start.and_then(|s| bytes.get(s..s + word.len()));
        let equal = |c: &[u8]| match ignoring_case {
            true => c.eq_ignore_ascii_case(word),
            false => c == word,
        };
        if candidate.is_some_and(equal) {
            return true;
        }
        from = at + 1;
    }
    false
}

/// Does `text` contain `needle` (case as written)? The search jumps between
/// the occurrences of `needle`'s first byte.
pub(crate) fn contains(text: &str, needle: &str) -> bool {
    contains_at(text, needle, 0, false)
}

/// Does `text` contain `needle`, ignoring ASCII case? `needle` ends with a
/// byte that has no case (`msstd:`); the search jumps between its occurrences.
pub(crate) fn contains_ignoring_case(text: &str, needle: &str) -> bool {
    debug_assert!(needle
        .bytes()
        .last()
        .is_some_and(|b| !b.is_ascii_alphabetic()));
    contains_at(text, needle, needle.len().saturating_sub(1), true)
}

/// How many lines of at least `min_len` bytes end with `=` (the soft line
/// breaks of quoted-printable text), the same count as `str::lines` gives.
pub(crate) fn soft_line_breaks(text: &str, min_len: usize) -> usize {
    let bytes = text.as_bytes();
    let mut count = 0;
    let mut from = 0;
    while let Some(found) = text.get(from..).and_then(|rest| rest.find('=')) {
        let at = from + found;
        from = at + 1;
        let after = &bytes[at + 1..];
        let ends_line = after.is_empty() || after.starts_with(b"\n") || after.starts_with(b"\r\n");
        if !ends_line {
            continue;
        }
        let line_start = bytes[..at]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |n| n + 1);
        count += usize::from(at + 1 - line_start >= min_len);
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each answer is the standard library's, over texts where the words sit
    /// at the start, the end, across case and around multi-byte characters.
    #[test]
    fn answers_as_the_standard_library_does() {
        let texts = [
            "",
            "Thumbprint",
            "xxThumbprin",
            "é<Autodiscover xmlns",
            "our principal name is MSSTD:mail.contoso.com.",
            "msstd",
            ":msstd:",
            "Msstd:é",
            "ééé msStD: x",
        ];
        for text in texts {
            for needle in ["Thumbprint", "<Autodiscover", "<Protocol", "=3D", "\\n"] {
                assert_eq!(
                    contains(text, needle),
                    text.contains(needle),
                    "{text:?} {needle:?}"
                );
            }
            let lower = text.to_ascii_lowercase();
            assert_eq!(
                contains_ignoring_case(text, "msstd:"),
                lower.contains("msstd:"),
                "{text:?}"
            );
        }
    }

    #[test]
    fn counts_soft_line_breaks_as_lines_does() {
        let long = "a".repeat(69);
        let texts = [
            format!("{long}=\n{long}x=\r\nshort=\n{long}="),
            format!("{long}x=\n="),
            format!("=\n{long}=x\n"),
            "é".repeat(40) + "=",
            String::new(),
        ];
        for text in texts {
            let expected = text
                .lines()
                .filter(|l| l.len() >= 70 && l.ends_with('='))
                .count();
            assert_eq!(soft_line_breaks(&text, 70), expected, "{text:?}");
        }
    }
}

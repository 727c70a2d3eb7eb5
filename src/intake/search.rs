//! Looking for words in the whole of a pasted text, cheaply.
//!
//! Intake asks a dozen questions of every text ("does it mention Thumbprint?",
//! "msstd:, in any case?") before it knows what the text is, and most texts
//! are mostly base64, where every letter is common. Words of four bytes or
//! more are looked for with Horspool's search: the window jumps by how far its
//! last byte sits from the word's end, so a 16-byte word costs about one look
//! every 16 bytes whatever the text. Shorter words (`\n`) jump between the
//! occurrences of their first byte, which is rare in base64, with
//! `str::find(char)`; so do the quoted-printable marks, in one pass over `=`.

/// Does `text` contain `word`, comparing bytes after `fold`? Horspool's
/// search (R. N. Horspool, 1980), for words of 1 to 255 bytes.
fn horspool(text: &[u8], word: &[u8], fold: impl Fn(u8) -> u8) -> bool {
    let Some(last_at) = word.len().checked_sub(1) else {
        return true;
    };
    let Ok(longest_jump) = u8::try_from(word.len()) else {
        return text
            .windows(word.len())
            .any(|w| w.iter().zip(word).all(|(a, b)| fold(*a) == fold(*b)));
    };
    // How far the window may move when its last byte is `b`: from the last
    // place `b` has in the word (its final byte aside) to the word's end.
    let mut jump = [longest_jump; 256];
    for (i, &b) in word[..last_at].iter().enumerate() {
        jump[usize::from(fold(b))] = (last_at - i) as u8;
    }
    let last = fold(word[last_at]);
    let mut at = 0;
    while let Some(&end) = text.get(at + last_at) {
        let end = fold(end);
        if end == last
            && text[at..at + last_at]
                .iter()
                .zip(word)
                .all(|(a, b)| fold(*a) == fold(*b))
        {
            return true;
        }
        at += usize::from(jump[usize::from(end)]);
    }
    false
}

/// Does `text` contain `needle`? The search jumps between the occurrences of
/// the needle's first byte: fast when it is rare in the text (`\\` in base64;
/// `MII` is asked only of text that has JSON escapes).
fn contains_short(text: &str, needle: &str) -> bool {
    let word = needle.as_bytes();
    let Some(&first) = word.first().filter(|b| b.is_ascii()) else {
        return text.contains(needle);
    };
    let mut from = 0;
    while let Some(found) = text
        .get(from..)
        .and_then(|rest| rest.find(char::from(first)))
    {
        let at = from + found;
        if text.as_bytes()[at..].starts_with(word) {
            return true;
        }
        from = at + 1;
    }
    false
}

/// Does `text` contain `needle` (case as written)?
pub(crate) fn contains(text: &str, needle: &str) -> bool {
    if needle.len() < 4 {
        return contains_short(text, needle);
    }
    horspool(text.as_bytes(), needle.as_bytes(), |b| b)
}

/// Does `text` contain `needle`, ignoring ASCII case?
pub(crate) fn contains_ignoring_case(text: &str, needle: &str) -> bool {
    horspool(text.as_bytes(), needle.as_bytes(), |b| {
        b.to_ascii_lowercase()
    })
}

/// The marks of quoted-printable e-mail text: `=3D` or `=3d` (an encoded
/// `=`), or a line of at least `min_len` bytes ending with `=` (a soft line
/// break, as `str::lines` cuts lines). One pass over the `=` signs, which
/// base64 has only at its end.
pub(crate) fn looks_quoted_printable(text: &str, min_len: usize) -> bool {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(found) = text.get(from..).and_then(|rest| rest.find('=')) {
        let at = from + found;
        from = at + 1;
        let after = &bytes[at + 1..];
        if after.starts_with(b"3D") || after.starts_with(b"3d") {
            return true;
        }
        let ends_line = after.is_empty() || after.starts_with(b"\n") || after.starts_with(b"\r\n");
        if !ends_line {
            continue;
        }
        let line_start = bytes[..at]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |n| n + 1);
        if at + 1 - line_start >= min_len {
            return true;
        }
    }
    false
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

    /// Every text of up to 6 characters over a small alphabet (with case, a
    /// two-byte character and `:`), against words that repeat themselves,
    /// where a wrong jump would step over a match.
    #[test]
    fn every_short_text_is_searched_as_the_standard_library_does() {
        let alphabet = ['a', 'b', 'B', 'é', ':'];
        let words = [
            "a", "ab", "aab", "abab", "aaaa", "abaB", "bababa", "é:a", "aé:aa", "baab", "b:b:",
        ];
        let mut texts = vec![String::new()];
        for _ in 0..6 {
            let longer: Vec<String> = texts
                .iter()
                .filter(|t| t.chars().count() == texts.last().map_or(0, |l| l.chars().count()))
                .flat_map(|t| alphabet.iter().map(move |c| format!("{t}{c}")))
                .collect();
            texts.extend(longer);
        }
        assert_eq!(texts.len(), 1 + 5 + 25 + 125 + 625 + 3125 + 15625);
        for text in &texts {
            let lower = text.to_ascii_lowercase();
            for word in words {
                assert_eq!(
                    contains(text, word),
                    text.contains(word),
                    "{text:?} {word:?}"
                );
                assert_eq!(
                    contains_ignoring_case(text, word),
                    lower.contains(&word.to_ascii_lowercase()),
                    "{text:?} {word:?} ignoring case"
                );
            }
        }
    }

    /// A word too long for the jump table is still found, and not found.
    #[test]
    fn a_word_of_more_than_255_bytes_is_searched_too() {
        let word = "ab".repeat(200);
        let text = format!("x{word}y");
        assert!(contains(&text, &word));
        assert!(!contains(&text[..text.len() - 2], &word));
        assert!(contains_ignoring_case(&text.to_ascii_uppercase(), &word));
    }

    #[test]
    fn quoted_printable_marks_are_found_as_lines_and_contains_find_them() {
        let long = "a".repeat(69);
        let texts = [
            format!("{long}=\n{long}x=\r\nshort=\n{long}="),
            format!("{long}x=\n="),
            format!("=\n{long}=x\n"),
            format!("{long}=\r\n"),
            format!("{long}x=\r"),
            "é".repeat(40) + "=",
            "é".repeat(34) + "=",
            "x=3D".into(),
            "x=3d=".into(),
            "=3".into(),
            "a=3Ea==".into(),
            String::new(),
        ];
        for text in texts {
            let soft_breaks = text
                .lines()
                .filter(|l| l.len() >= 70 && l.ends_with('='))
                .count();
            let expected = text.contains("=3D") || text.contains("=3d") || soft_breaks > 0;
            assert_eq!(looks_quoted_printable(&text, 70), expected, "{text:?}");
        }
    }
}

//! Looking for words in the whole of a pasted text, cheaply.
//!
//! Intake asks a dozen questions of every text ("does it mention Thumbprint?",
//! "msstd:, in any case?") before it knows what the text is, and most texts
//! are mostly base64, where every letter is common. The seven words that
//! decide whether a text holds Exchange settings are looked for together, in
//! two passes ([`mentions`]): one Horspool search for the set of the four
//! made of letters, and one pass (`memchr`) over the `<` and `:`
//! that the other three hold and base64 lacks. Other words of four bytes or
//! more are looked for with Horspool's search: the window jumps by how far
//! its last byte sits from the word's end, so a 16-byte word costs about one
//! look every 16 bytes whatever the text. Shorter words (`\n`) jump between
//! the occurrences of their first byte, which is rare in base64, with
//! `memchr`; so do the quoted-printable marks, in one pass over `=`.

/// Does `text` contain `word`? Horspool's search (R. N. Horspool, 1980), for
/// words of 1 to 255 bytes.
fn horspool(text: &[u8], word: &[u8]) -> bool {
    let Some(last_at) = word.len().checked_sub(1) else {
        return true;
    };
    let Ok(longest_jump) = u8::try_from(word.len()) else {
        return text.windows(word.len()).any(|w| w == word);
    };
    // How far the window may move when its last byte is `b`: from the last
    // place `b` has in the word (its final byte aside) to the word's end.
    let mut jump = [longest_jump; 256];
    for (i, &b) in word[..last_at].iter().enumerate() {
        jump[usize::from(b)] = (last_at - i) as u8;
    }
    let last = word[last_at];
    let mut at = 0;
    while let Some(&end) = text.get(at + last_at) {
        if end == last && text[at..at + last_at] == word[..last_at] {
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
    let bytes = text.as_bytes();
    memchr::memchr_iter(first, bytes).any(|at| bytes[at..].starts_with(word))
}

/// Does `text` contain `needle` (case as written)?
pub(crate) fn contains(text: &str, needle: &str) -> bool {
    if needle.len() < 4 {
        return contains_short(text, needle);
    }
    horspool(text.as_bytes(), needle.as_bytes())
}

/// The longest line quoted-printable writes, its `=` included (RFC 2045,
/// section 6.7, rule 5).
pub(crate) const QUOTED_PRINTABLE_MAX_LINE: usize = 76;

/// Is `text` quoted-printable e-mail text? Its marks are `=3D` or `=3d` (an
/// encoded `=`) and soft line breaks: a line of `min_len` to
/// [`QUOTED_PRINTABLE_MAX_LINE`] bytes ending with `=` (as `str::lines` cuts
/// lines). Quoted-printable writes every `=` of its text as `=3D`, so an `=`
/// before anything but two hex digits, another `=` (base64's padding), or
/// blanks and the line's end is one it could not have written, such as the
/// `CN=` of a distinguished name. The text is read as quoted-printable when
/// its marks outnumber those `=`: a PowerShell line wrapped just after a `CN=`
/// is not a soft line break in a text full of `CN=`. A text that says so
/// itself (a `Content-Transfer-Encoding: quoted-printable` header, as in an
/// e-mail's source, whose other headers hold `charset=` and `boundary=`) is
/// quoted-printable as soon as one of its `=` is a mark, another `=XX`, or one
/// quoted-printable could not have written (decoding a text whose only `=` are
/// base64's padding would change nothing). One pass over the `=` signs, which
/// base64 has only at its end.
pub(crate) fn looks_quoted_printable(text: &str, min_len: usize) -> bool {
    let bytes = text.as_bytes();
    let (mut marks, mut foreign, mut escapes) = (0usize, 0usize, 0usize);
    for at in memchr::memchr_iter(b'=', bytes) {
        match equals_sign_at(bytes, at, min_len) {
            EqualsSign::Mark => marks += 1,
            EqualsSign::Foreign => foreign += 1,
            EqualsSign::Escape => escapes += 1,
            EqualsSign::Neutral => {}
        }
    }
    // The header is looked for only when the marks were outnumbered and some
    // `=` is more than padding or a line's last byte (a plain PEM pays nothing).
    marks > foreign || (marks + foreign + escapes > 0 && declares_quoted_printable(text))
}

/// Does a line of `text` (after e-mail quoting) say
/// `Content-Transfer-Encoding: quoted-printable`, in any ASCII case?
fn declares_quoted_printable(text: &str) -> bool {
    const HEADER: &str = "content-transfer-encoding:";
    if !(contains(text, "Transfer-Encoding") || contains(text, "transfer-encoding")) {
        return false;
    }
    text.lines().any(|line| {
        let line = line.trim_start_matches(['>', ' ', '\t']);
        line.get(..HEADER.len())
            .is_some_and(|name| name.eq_ignore_ascii_case(HEADER))
            && line[HEADER.len()..]
                .trim()
                .eq_ignore_ascii_case("quoted-printable")
    })
}

/// What one `=` of a text says about quoted-printable (see
/// [`looks_quoted_printable`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum EqualsSign {
    /// `=3D`, `=3d`, or a soft line break.
    Mark,
    /// An `=` quoted-printable could not have written.
    Foreign,
    /// Another `=XX` (two hex digits): quoted-printable's or not (`DC=de`).
    Escape,
    /// Neither: base64's padding (`==`), an `=` before blanks at a line's
    /// end, or the last byte of a line too short or too long for a soft break.
    Neutral,
}

fn equals_sign_at(bytes: &[u8], at: usize, min_len: usize) -> EqualsSign {
    let after = &bytes[at + 1..];
    if after.starts_with(b"3D") || after.starts_with(b"3d") {
        return EqualsSign::Mark;
    }
    if after.len() >= 2 && after[0].is_ascii_hexdigit() && after[1].is_ascii_hexdigit() {
        return EqualsSign::Escape;
    }
    if after.first() == Some(&b'=') {
        return EqualsSign::Neutral;
    }
    let blanks = after
        .iter()
        .take_while(|&&b| b == b' ' || b == b'\t')
        .count();
    let rest = &after[blanks..];
    if !(rest.is_empty() || rest.starts_with(b"\n") || rest.starts_with(b"\r\n")) {
        return EqualsSign::Foreign;
    }
    if blanks > 0 {
        return EqualsSign::Neutral;
    }
    // The line's length, looked for no further back than a soft break's line.
    let window = &bytes[at.saturating_sub(QUOTED_PRINTABLE_MAX_LINE)..at];
    let line_len = match window.iter().rposition(|&b| b == b'\n') {
        Some(n) => window.len() - n,
        None if window.len() == at => at + 1,
        None => return EqualsSign::Neutral,
    };
    if (min_len..=QUOTED_PRINTABLE_MAX_LINE).contains(&line_len) {
        EqualsSign::Mark
    } else {
        EqualsSign::Neutral
    }
}

/// A word intake looks for in the whole text before it reads it as
/// Exchange settings (see [`mentions`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Word {
    /// `Thumbprint` (Get-ExchangeCertificate).
    Thumbprint,
    /// `ExternalHostname` (Get-OutlookAnywhere).
    ExternalHostname,
    /// `InternalHostname` (Get-OutlookAnywhere).
    InternalHostname,
    /// `CertPrincipalName` (Autodiscover, Get-OutlookProvider).
    CertPrincipalName,
    /// `<Autodiscover` (an Autodiscover response).
    AutodiscoverTag,
    /// `<Protocol` (an Autodiscover response).
    ProtocolTag,
    /// `msstd:` in any ASCII case (a principal name).
    Msstd,
}

impl Word {
    /// The word's bytes (`msstd:` is matched ignoring ASCII case).
    const fn bytes(self) -> &'static [u8] {
        match self {
            Word::Thumbprint => b"Thumbprint",
            Word::ExternalHostname => b"ExternalHostname",
            Word::InternalHostname => b"InternalHostname",
            Word::CertPrincipalName => b"CertPrincipalName",
            Word::AutodiscoverTag => b"<Autodiscover",
            Word::ProtocolTag => b"<Protocol",
            Word::Msstd => b"msstd:",
        }
    }
}

/// Which of the [`Word`]s a text contains.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Mentions(u8);

impl Mentions {
    /// Does the text contain `word`?
    pub(crate) fn has(self, word: Word) -> bool {
        self.0 & (1 << word as u8) != 0
    }

    fn add(&mut self, word: Word) {
        self.0 |= 1 << word as u8;
    }
}

/// The words made of letters only, found together by one Horspool search
/// over their last [`WINDOW`] bytes (the set form of Horspool's search, as in
/// Wu and Manber's, with one-byte blocks).
const LETTER_WORDS: [Word; 4] = [
    Word::Thumbprint,
    Word::ExternalHostname,
    Word::InternalHostname,
    Word::CertPrincipalName,
];

/// The length of the shortest letter word: the window of the set search.
const WINDOW: usize = 10;

/// How far the set search's window may move when its last byte is `b`: from
/// the last place `b` has in any letter word's final [`WINDOW`] bytes (the
/// final byte aside) to the window's end.
const LETTER_JUMPS: [u8; 256] = {
    let mut jumps = [WINDOW as u8; 256];
    let mut w = 0;
    while w < LETTER_WORDS.len() {
        let word = LETTER_WORDS[w].bytes();
        let tail = word.len() - WINDOW;
        let mut i = 0;
        while i < WINDOW - 1 {
            let b = word[tail + i] as usize;
            let jump = (WINDOW - 1 - i) as u8;
            if jump < jumps[b] {
                jumps[b] = jump;
            }
            i += 1;
        }
        w += 1;
    }
    jumps
};

/// Whether a letter word ends with byte `b`.
const ENDS_A_LETTER_WORD: [bool; 256] = {
    let mut ends = [false; 256];
    let mut w = 0;
    while w < LETTER_WORDS.len() {
        let word = LETTER_WORDS[w].bytes();
        ends[word[word.len() - 1] as usize] = true;
        w += 1;
    }
    ends
};

/// The letter words in `text`: at each window end where some word may end,
/// each word is compared in full.
fn letter_words(text: &[u8], found: &mut Mentions) {
    let mut end = WINDOW - 1;
    while let Some(&last) = text.get(end) {
        if ENDS_A_LETTER_WORD[usize::from(last)] {
            for word in LETTER_WORDS {
                let bytes = word.bytes();
                if end + 1 >= bytes.len() && text[end + 1 - bytes.len()..=end] == *bytes {
                    found.add(word);
                }
            }
        }
        end += usize::from(LETTER_JUMPS[usize::from(last)]);
    }
}

/// The words with `<` or `:` in `text`: one pass over those two bytes (which
/// base64 lacks), with `memchr`.
fn punctuated_words(text: &[u8], found: &mut Mentions) {
    let check = |at: usize| match text[at] {
        b'<' => {
            for word in [Word::AutodiscoverTag, Word::ProtocolTag] {
                if text[at..].starts_with(word.bytes()) {
                    found.add(word);
                }
            }
        }
        b':' if at >= 5 && text[at - 5..at].eq_ignore_ascii_case(b"msstd") => {
            found.add(Word::Msstd)
        }
        _ => {}
    };
    memchr::memchr2_iter(b'<', b':', text).for_each(check);
}

/// Which [`Word`]s `text` contains: the same answers as `str::contains` for
/// each (ignoring ASCII case for `msstd:`), in two passes instead of seven.
pub(crate) fn mentions(text: &str) -> Mentions {
    let mut found = Mentions::default();
    letter_words(text.as_bytes(), &mut found);
    punctuated_words(text.as_bytes(), &mut found);
    found
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
            assert_eq!(mentions(text), expected_mentions(text), "{text:?}");
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
            for word in words {
                assert_eq!(
                    contains(text, word),
                    text.contains(word),
                    "{text:?} {word:?}"
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
    }

    const ALL_WORDS: [Word; 7] = [
        Word::Thumbprint,
        Word::ExternalHostname,
        Word::InternalHostname,
        Word::CertPrincipalName,
        Word::AutodiscoverTag,
        Word::ProtocolTag,
        Word::Msstd,
    ];

    /// What `str::contains` says of each word (`msstd:` ignoring ASCII case).
    fn expected_mentions(text: &str) -> Mentions {
        let lower = text.to_ascii_lowercase();
        let mut expected = Mentions::default();
        for word in ALL_WORDS {
            let bytes = std::str::from_utf8(word.bytes()).unwrap_or_default();
            let found = match word {
                Word::Msstd => lower.contains(bytes),
                _ => text.contains(bytes),
            };
            if found {
                expected.add(word);
            }
        }
        expected
    }

    /// Every text of one to three pieces (the words, their heads, tails and
    /// shared parts, case variants, the bytes they end or start with, a
    /// two-byte character), each after 0 to 8 bytes of padding so that the
    /// words fall at every place of an eight-byte group and of the tail:
    /// `mentions` answers as `str::contains` does for each word.
    #[test]
    fn mentions_answer_as_the_standard_library_does() {
        let pieces = [
            "Thumbprint",
            "Thumbprin",
            "humbprint",
            "thumbprint",
            "ExternalHostname",
            "InternalHostname",
            "ternalHostname",
            "Ex",
            "In",
            "CertPrincipalName",
            "CertPrincipal",
            "Name",
            "<Autodiscover",
            "<Autodiscove",
            "<Protocol",
            "<Protoco",
            "msstd",
            "MSSTD:",
            "mSsTd:",
            ":",
            "<",
            "t",
            "e",
            "é",
        ];
        let mut texts = vec![String::new()];
        let mut last = vec![String::new()];
        for _ in 0..3 {
            last = last
                .iter()
                .flat_map(|t| pieces.iter().map(move |p| format!("{t}{p}")))
                .collect();
            texts.extend(last.iter().cloned());
        }
        assert_eq!(texts.len(), 1 + 24 + 24 * 24 + 24 * 24 * 24);
        let mut seen = [false; 7];
        for text in &texts {
            for pad in 0..=8 {
                let padded = format!("{}{text}", "x".repeat(pad));
                let expected = expected_mentions(&padded);
                assert_eq!(mentions(&padded), expected, "{padded:?}");
                for (flag, word) in seen.iter_mut().zip(ALL_WORDS) {
                    *flag |= expected.has(word);
                }
            }
        }
        assert_eq!(seen, [true; 7], "every word is found somewhere");
    }

    /// The words among base64 and Exchange Management Shell lines.
    #[test]
    fn mentions_are_found_in_real_shapes_of_text() {
        let pem = "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgICMAEwCgYIKoZIzj0EAwIw\n-----END CERTIFICATE-----\n";
        assert_eq!(mentions(pem), Mentions::default());
        let shell = "Thumbprint                                Services   Subject\n----------\nExternalHostname : mail.contoso.com\nCertPrincipalName : MSSTD:mail.contoso.com";
        let found = mentions(shell);
        for word in [
            Word::Thumbprint,
            Word::ExternalHostname,
            Word::CertPrincipalName,
            Word::Msstd,
        ] {
            assert!(found.has(word), "{word:?}");
        }
        assert!(!found.has(Word::InternalHostname));
        assert!(!found.has(Word::AutodiscoverTag));
    }

    /// The rule of [`looks_quoted_printable`] written again line by line, as
    /// `split('\n')` cuts lines.
    fn quoted_printable_by_lines(text: &str) -> bool {
        let (mut marks, mut foreign, mut changes) = (0, 0, false);
        let segments: Vec<&str> = text.split('\n').collect();
        for (k, segment) in segments.iter().enumerate() {
            let last = k + 1 == segments.len();
            let line = match segment.strip_suffix('\r') {
                Some(line) if !last => line,
                _ => segment,
            };
            for (i, _) in line.match_indices('=') {
                let rest = &line[i + 1..];
                let hex = |b: Option<&u8>| b.is_some_and(u8::is_ascii_hexdigit);
                if rest.starts_with("3D") || rest.starts_with("3d") {
                    marks += 1;
                } else if hex(rest.as_bytes().first()) && hex(rest.as_bytes().get(1)) {
                    changes = true;
                } else if rest.starts_with('=') {
                } else if !rest.trim_start_matches([' ', '\t']).is_empty() {
                    foreign += 1;
                } else if rest.is_empty() && (70..=76).contains(&(i + 1)) {
                    marks += 1;
                }
            }
        }
        let declared = text.lines().any(|line| {
            let line = line
                .trim_start_matches(['>', ' ', '\t'])
                .to_ascii_lowercase();
            line.strip_prefix("content-transfer-encoding:")
                .is_some_and(|value| value.trim() == "quoted-printable")
        });
        marks > foreign || ((changes || marks + foreign > 0) && declared)
    }

    /// The headers of an e-mail's source, with `=` of their own.
    const MIME: &str = "Content-Type: multipart/alternative; boundary=\"----=_Part_1\"\n\
                        ------=_Part_1\n\
                        Content-Type: text/plain; charset=\"utf-8\"\n\
                        Content-Transfer-Encoding: quoted-printable";

    #[test]
    fn quoted_printable_is_told_by_its_marks_against_foreign_equals_signs() {
        let long = "a".repeat(69);
        let dn = "DistinguishedName      : CN=WEB,CN=Outlook Provider,CN=Global Settings,\
                  CN=Contoso,CN=Microsoft Exchange,CN=Services,CN=";
        let one_line_base64 = format!("MII{}AB==", "Q".repeat(1200));
        let table: &[(String, bool)] = &[
            (format!("{long}=\n{long}x=\r\nshort=\n{long}="), true),
            (format!("{long}x=\n="), true),
            (format!("=\n{long}=x\n"), false),
            (format!("{long}=\r\n"), true),
            (format!("{long}x=\r"), false),
            (format!("{long}{long}=\n"), false),
            (format!("{long}=  \n"), false),
            ("\u{e9}".repeat(34) + "=", false),
            ("\u{e9}".repeat(35) + "=", true),
            ("\u{e9}".repeat(40) + "=", false),
            (
                format!("{:<73}CN=", "DN : CN=WEB,CN=Outlook Provider"),
                false,
            ),
            (format!("{:<73}CN=", "DN : Outlook Provider"), true),
            ("x=3D".into(), true),
            ("x=3d=".into(), true),
            ("=3".into(), false),
            ("a=3Ea==".into(), false),
            ("Hi=20=3D".into(), true),
            (String::new(), false),
            (format!("{dn}\nmail.contoso.com\n"), false),
            (format!("CN=mail, O=x\n{long}=\n{long}=\n{long}=\n"), true),
            ("charset=3Dutf-8\nCN=x\n".into(), false),
            (format!("{one_line_base64}\n"), false),
            // An e-mail's source: its headers' `=` would outnumber one soft break.
            (format!("{MIME}\n\n{long}=\nend\n"), true),
            (
                format!(
                    "{}\n\n{long}=\nend\n",
                    MIME.replace("quoted-printable", "7bit")
                ),
                false,
            ),
            (
                "> content-transfer-encoding:  Quoted-Printable \nHi=20there\n".into(),
                true,
            ),
            (
                "Content-Transfer-Encoding: quoted-printable\nno equals sign\n".into(),
                false,
            ),
            (
                "Content-Transfer-Encoding: quoted-printable\nMIIC==\n".into(),
                false,
            ),
            ("Encoding: quoted-printable\nCN=x\n".into(), false),
        ];
        for (text, expected) in table {
            assert_eq!(looks_quoted_printable(text, 70), *expected, "{text:?}");
            assert_eq!(
                quoted_printable_by_lines(text),
                *expected,
                "model: {text:?}"
            );
        }
        let pieces = [
            "=", "=3D", "=3d", "=4A", "=\n", "=\r\n", "= \n", "=\r", "==", "CN=", "x", "\n",
            "\r\n", "\t", " ", "3D", "é",
        ];
        let mut texts = 0;
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    for pad in [0, 60, 66, 67, 68, 72, 74, 75, 80] {
                        let text = format!("{}{a}{b}{}{c}", "y".repeat(pad), "z".repeat(pad / 9));
                        assert_eq!(
                            looks_quoted_printable(&text, 70),
                            quoted_printable_by_lines(&text),
                            "{text:?}"
                        );
                        texts += 1;
                    }
                }
            }
        }
        assert_eq!(texts, 17 * 17 * 17 * 9);
    }
}

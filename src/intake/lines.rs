//! A text cut into its lines in one pass, with what that pass saw of each
//! line: whether it is plain (ASCII, no carriage return but a last one) and
//! whether it holds a dash (a PEM marker may be in it).
//!
//! Most of a pasted certificate is base64 lines, where none of the bytes
//! looked for (line feed, dash, carriage return, a byte above ASCII) occurs:
//! eight bytes are stepped over at once ([`crate::swar`]), and only a group
//! holding one of them is looked at byte by byte. It replaces, per line, a
//! search for the line feed, an ASCII check and searches for `\r` and `-`.

use crate::swar::{first_byte_at, group_at, group_has_byte, HIGHS};

/// One line of a text (without its line feed) and what the pass saw of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct RawLine<'a> {
    /// The line, without its `\n`; a `\r` before it is kept.
    pub(super) text: &'a str,
    /// ASCII, with no carriage return except as its last byte.
    pub(super) plain: bool,
    /// Holds a `-`.
    pub(super) has_dash: bool,
}

/// What was seen of the line being read.
#[derive(Default)]
struct Seen {
    non_ascii: bool,
    dash: bool,
    /// Where the last `\r` was, and whether there was one before it.
    last_cr: Option<usize>,
    earlier_cr: bool,
}

impl Seen {
    /// Note byte `b` at `at`.
    fn byte(&mut self, b: u8, at: usize) {
        match b {
            b'-' => self.dash = true,
            b'\r' => {
                self.earlier_cr |= self.last_cr.is_some();
                self.last_cr = Some(at);
            }
            0x80.. => self.non_ascii = true,
            _ => {}
        }
    }

    /// The line `text[start..end]` with what was seen of it.
    fn line<'a>(&self, text: &'a str, start: usize, end: usize) -> RawLine<'a> {
        let cr_only_last = !self.earlier_cr && self.last_cr.is_none_or(|at| at + 1 == end);
        RawLine {
            text: &text[start..end],
            plain: !self.non_ascii && cr_only_last,
            has_dash: self.dash,
        }
    }
}

/// The lines of `text`, as `text.split('\n')` gives them (the piece after
/// the last line feed too, empty or not).
pub(super) fn raw_lines(text: &str) -> Vec<RawLine<'_>> {
    let bytes = text.as_bytes();
    let mut lines = Vec::with_capacity(bytes.len() / 64 + 1);
    let mut seen = Seen::default();
    let mut start = 0;
    let mut at = 0;
    while at < bytes.len() {
        if let Some(group) = group_at(bytes, at) {
            let marked =
                group & HIGHS != 0 || group_has_byte(group, b'-') || group_has_byte(group, b'\r');
            if !marked {
                // Nothing to note but line feeds: the line ends at the first.
                match first_byte_at(group, b'\n') {
                    None => at += 8,
                    Some(i) => {
                        lines.push(seen.line(text, start, at + i));
                        seen = Seen::default();
                        start = at + i + 1;
                        at = start;
                    }
                }
                continue;
            }
        }
        // One byte at a time up to the end of this group of eight.
        for _ in 0..8.min(bytes.len() - at) {
            let b = bytes[at];
            if b == b'\n' {
                // A line feed is ASCII: `start` and `at` are char boundaries.
                lines.push(seen.line(text, start, at));
                seen = Seen::default();
                start = at + 1;
            } else {
                seen.byte(b, at);
            }
            at += 1;
        }
    }
    lines.push(seen.line(text, start, bytes.len()));
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The lines as split('\n') and per-line checks give them.
    fn expected(text: &str) -> Vec<RawLine<'_>> {
        text.split('\n')
            .map(|line| {
                let bytes = line.as_bytes();
                RawLine {
                    text: line,
                    plain: line.is_ascii()
                        && !bytes[..bytes.len().saturating_sub(1)].contains(&b'\r'),
                    has_dash: bytes.contains(&b'-'),
                }
            })
            .collect()
    }

    /// Every notable byte (and a two-byte character), one or two of them, at
    /// every place of texts of 0 to 20 bytes: the same lines and flags as the
    /// line-by-line checks.
    #[test]
    fn the_lines_and_flags_are_those_of_split_and_per_line_checks() {
        let pieces = ["\n", "-", "\r", "é", "\r\n", "a", "\u{7f}", "\t"];
        let mut texts = 0;
        for len in 0..=20usize {
            for first in pieces {
                for second in pieces.iter().map(Some).chain([None]) {
                    for at in 0..=len {
                        for second_at in [0, at, len] {
                            let mut text = "x".repeat(len);
                            text.insert_str(at, first);
                            if let Some(second) = second {
                                let place = second_at.min(text.len());
                                if text.is_char_boundary(place) {
                                    text.insert_str(place, second);
                                }
                            }
                            assert_eq!(raw_lines(&text), expected(&text), "{text:?}");
                            texts += 1;
                        }
                    }
                }
            }
        }
        assert!(texts > 40_000, "{texts}");
    }

    #[test]
    fn a_pem_gives_its_lines() {
        let pem = "-----BEGIN CERTIFICATE-----\r\nMIIB\r\nAAAA\r\n-----END CERTIFICATE-----\r\n";
        let lines = raw_lines(pem);
        assert_eq!(lines.len(), 5);
        assert!(lines.iter().all(|l| l.plain));
        assert_eq!(
            lines.iter().map(|l| l.has_dash).collect::<Vec<_>>(),
            [true, false, false, true, false]
        );
        assert_eq!(lines[1].text, "MIIB\r");
    }
}

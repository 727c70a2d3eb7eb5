//! The one way text reaches the terminal: an escaping writer. Everything
//! written through it has its control and bidirectional formatting characters
//! escaped, newlines included; only [`Writer::line`] ends a line. So no
//! input-derived text can act on a terminal, whatever path it takes.

use std::fmt::{self, Write};

/// Is `c` a character that could act on a terminal or reorder text?
fn dangerous(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// Escape characters that could act on a terminal or reorder text.
pub fn sanitize(text: &str) -> String {
    let mut out = Escaping(String::with_capacity(text.len()));
    let _ = out.write_str(text);
    out.0
}

/// A `fmt::Write` that escapes as it writes.
struct Escaping(String);

impl Write for Escaping {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        for c in text.chars() {
            if dangerous(c) {
                write!(self.0, "\\u{{{:04X}}}", c as u32)?;
            } else {
                self.0.push(c);
            }
        }
        Ok(())
    }
}

/// The report being written, line by line.
pub struct Writer(Escaping);

impl Writer {
    /// An empty report.
    pub fn new() -> Self {
        Writer(Escaping(String::new()))
    }

    /// One line: the arguments are escaped, then the line ends.
    pub fn line(&mut self, args: fmt::Arguments<'_>) {
        let _ = self.0.write_fmt(args);
        self.0 .0.push('\n');
    }

    /// An empty line.
    pub fn blank(&mut self) {
        self.0 .0.push('\n');
    }

    /// A labelled value, indented.
    pub fn field(&mut self, label: &str, value: &str) {
        self.line(format_args!("    {label:<20} {value}"));
    }

    /// The text written.
    pub fn finish(self) -> String {
        self.0 .0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitize_escapes_terminal_controls() {
        assert_eq!(sanitize("a\u{1b}[31mb"), "a\\u{001B}[31mb");
        assert_eq!(sanitize("x\u{202E}y"), "x\\u{202E}y");
        assert_eq!(sanitize("ordinary é"), "ordinary é");
    }

    #[test]
    fn only_line_ends_a_line() {
        let mut out = Writer::new();
        out.line(format_args!("{}", "a\nb\u{7}"));
        assert_eq!(out.finish(), "a\\u{000A}b\\u{0007}\n");
    }
}

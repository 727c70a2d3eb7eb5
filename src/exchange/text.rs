//! The pasted text, cleaned line by line before anything is read: CRLF,
//! e-mail `> ` quoting, terminal colour codes (PowerShell 7 colours the
//! Format-List labels), non-breaking spaces, and the `[PS] C:\...>` prompt lines
//! of the Exchange Management Shell.

use crate::limits::MAX_INPUT_BYTES;

/// One physical line of the input, cleaned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Line {
    /// 1-based line number in the input.
    pub number: usize,
    /// The text: quoting, colour codes and trailing white space removed,
    /// non-breaking spaces and tabs made spaces. The indentation is kept.
    pub text: String,
}

impl Line {
    /// The number of characters (the console's columns, for ASCII output).
    pub fn width(&self) -> usize {
        self.text.chars().count()
    }

    /// The leading spaces.
    pub fn indent(&self) -> usize {
        self.text.chars().take_while(|c| *c == ' ').count()
    }

    /// Nothing but white space.
    pub fn is_blank(&self) -> bool {
        self.text.is_empty()
    }
}

/// The input cut to [`MAX_INPUT_BYTES`] at a character boundary, and whether
/// it was cut.
pub(crate) fn bounded(text: &str) -> (&str, bool) {
    if text.len() <= MAX_INPUT_BYTES {
        return (text, false);
    }
    let mut end = MAX_INPUT_BYTES;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    (&text[..end], true)
}

/// Split and clean the lines.
pub(crate) fn clean_lines(text: &str) -> Vec<Line> {
    text.split('\n')
        .enumerate()
        .map(|(i, raw)| Line {
            number: i + 1,
            text: clean(raw),
        })
        .collect()
}

fn clean(raw: &str) -> String {
    let raw = raw.strip_suffix('\r').unwrap_or(raw);
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            // A CSI escape sequence: ESC [ parameters final-byte.
            '\u{1b}' => {
                if chars.peek() == Some(&'[') {
                    chars.next();
                    for c in chars.by_ref() {
                        if ('\u{40}'..='\u{7e}').contains(&c) {
                            break;
                        }
                    }
                }
            }
            '\u{a0}' | '\t' => out.push(' '),
            '\r' | '\u{feff}' => {}
            c => out.push(c),
        }
    }
    let unquoted = unquote(&out);
    unquoted.trim_end().to_string()
}

/// Remove e-mail quoting: each leading `>` with at most one space after it.
fn unquote(line: &str) -> &str {
    let mut rest = line;
    while let Some(after) = rest.strip_prefix('>') {
        rest = after.strip_prefix(' ').unwrap_or(after);
    }
    rest
}

/// The command typed after a PowerShell prompt, when `line` is a prompt line:
/// `[PS] C:\Windows\system32>Get-ExchangeCertificate | fl` (the Exchange
/// Management Shell), `PS C:\Users\admin> ...`, `[ex01.contoso.com]: PS C:\> ...`
/// (a remote session), `PS> ...`.
pub(crate) fn prompt_command(line: &str) -> Option<&str> {
    let mut rest = line.trim_start();
    if let Some(after) = rest.strip_prefix('[') {
        // `[PS]` or a remote session's `[server]:`.
        let (inside, after) = after.split_once(']')?;
        if inside.is_empty() || inside.contains(' ') {
            return None;
        }
        rest = after.strip_prefix(':').unwrap_or(after).trim_start();
        if inside.eq_ignore_ascii_case("PS") {
            return after_path(rest);
        }
    }
    let rest = rest.strip_prefix("PS")?;
    if let Some(command) = rest.strip_prefix('>') {
        return Some(command.trim());
    }
    after_path(rest.strip_prefix(' ')?)
}

/// `C:\path>command` (a drive letter, a colon, a backslash): the command.
fn after_path(rest: &str) -> Option<&str> {
    let mut chars = rest.chars();
    let drive = chars.next()?;
    if !drive.is_ascii_alphabetic() || chars.next()? != ':' || chars.next()? != '\\' {
        return None;
    }
    let (_, command) = rest.split_once('>')?;
    Some(command.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crlf_quoting_colour_and_spaces_are_cleaned() {
        let lines = clean_lines(
            "> Thumbprint : 5E\r\n>>                 x\r\n\u{1b}[32;1mServices\u{1b}[0m : IIS\t\r\n",
        );
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            texts,
            ["Thumbprint : 5E", "                x", "Services : IIS", ""]
        );
        assert_eq!(lines[1].number, 2);
        assert_eq!(lines[1].indent(), 16);
        assert_eq!(clean_lines("a\u{a0}b")[0].text, "a b");
    }

    #[test]
    fn prompts_give_their_command() {
        let cases = [
            (
                "[PS] C:\\Windows\\system32>Get-ExchangeCertificate | fl",
                Some("Get-ExchangeCertificate | fl"),
            ),
            (
                "PS C:\\Users\\admin> Get-OutlookAnywhere | fl",
                Some("Get-OutlookAnywhere | fl"),
            ),
            (
                "[ex01.contoso.com]: PS C:\\> Get-ExchangeCertificate",
                Some("Get-ExchangeCertificate"),
            ),
            ("PS> fl", Some("fl")),
            ("[PS] C:\\>", Some("")),
            ("PS stands for postscript", None),
            ("[note] see below", None),
            ("Subject : CN=PS C:\\x>", None),
            ("", None),
            ("[", None),
            ("PS é:\\>x", None),
        ];
        for (line, command) in cases {
            assert_eq!(prompt_command(line), command, "{line}");
        }
    }

    #[test]
    fn bounded_cuts_at_a_character_boundary() {
        let (text, cut) = bounded("short");
        assert_eq!((text, cut), ("short", false));
        let long = "é".repeat(MAX_INPUT_BYTES / 2 + 1);
        let (text, cut) = bounded(&long);
        assert!(cut && text.len() <= MAX_INPUT_BYTES && text.len() % 2 == 0);
    }
}

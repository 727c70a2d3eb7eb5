//! Format-List output: records of `Name : value` lines, separated by blank lines.
//!
//! PowerShell pads every label of a record to the longest one, then writes
//! ` : ` and the value. A value wider than the console goes on over the next
//! lines, indented to the value column; the cut is either at a space (word wrap;
//! the space is lost at the line end) or, for a word longer than the line, hard
//! at the console width. An e-mail client may wrap again, at a space, with no
//! indentation. How pieces are joined back:
//!
//! - indented further than the value column: the cut left a real space at the
//!   start of the piece: join with a space;
//! - a list (`{...}`): join with nothing (names are split at commas anyway, and a
//!   name cut in two must be glued back);
//! - after a comma: a space (`CN=a, O=b`);
//! - the previous line reached the widest line of the paste: a hard cut, nothing;
//! - otherwise a word wrap: a space.

use std::collections::HashSet;

use super::problems::{ProblemKind, Problems};
use super::text::{prompt_command, Line};

/// The most records read from one text (as many as certificates per analysis).
pub const MAX_RECORDS: usize = crate::limits::MAX_CERTIFICATES;

/// The most properties kept per record (`Format-List *` of a certificate has
/// about 40).
pub const MAX_PROPERTIES: usize = 1_024;

/// How a record was printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum View {
    /// Format-List.
    List,
    /// A table row.
    Table,
}

/// One property of a record, its wrapped pieces joined.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Property {
    /// The line of its name.
    pub line: usize,
    /// The name as printed.
    pub name: String,
    /// The value, trimmed.
    pub value: String,
}

/// One record: the properties of one object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RawRecord {
    /// The line of its first property.
    pub line: usize,
    /// How it was printed.
    pub view: View,
    /// Its properties, in order.
    pub properties: Vec<Property>,
}

impl RawRecord {
    /// The value of a property (names compare without case).
    pub fn get(&self, name: &str) -> Option<&Property> {
        self.properties
            .iter()
            .find(|p| p.name.eq_ignore_ascii_case(name))
    }
}

/// A prompt line and the command typed after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PromptLine {
    pub line: usize,
    pub command: String,
}

/// What the scan found.
#[derive(Debug, Default)]
pub(crate) struct Scan {
    /// The Format-List records.
    pub records: Vec<RawRecord>,
    /// The lines outside records (blank lines, prompts, tables, prose), in order.
    pub loose: Vec<Line>,
    /// The prompt lines.
    pub prompts: Vec<PromptLine>,
}

/// A continuation line of a value.
#[derive(Debug)]
struct Piece {
    text: String,
    indent: usize,
    width: usize,
}

#[derive(Debug)]
struct Building {
    line: usize,
    name: String,
    value_col: usize,
    first: String,
    first_width: usize,
    pieces: Vec<Piece>,
    open_braces: usize,
}

#[derive(Debug, Default)]
struct Record {
    line: usize,
    properties: Vec<Building>,
    names: HashSet<String>,
    /// The last property may take continuation lines.
    open: bool,
    /// A repeated property is being skipped, with its continuation lines.
    skipping: bool,
    /// [`MAX_PROPERTIES`] was reached (and reported).
    capped: bool,
}

/// `Name   : value` (or `Name :` with no value) at the start of the line: the
/// name, the value's column and the value.
pub(crate) fn property_line(text: &str) -> Option<(&str, usize, &str)> {
    let first = text.chars().next()?;
    if !first.is_ascii_alphabetic() {
        return None;
    }
    let name_end = text
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(text.len());
    let name = &text[..name_end];
    let rest = &text[name_end..];
    let after_spaces = rest.trim_start_matches(' ');
    if after_spaces.len() == rest.len() {
        return None;
    }
    let after_colon = after_spaces.strip_prefix(':')?;
    let column = text.len() - after_colon.len();
    match after_colon.strip_prefix(' ') {
        Some(value) => Some((name, column + 1, value)),
        None if after_colon.is_empty() => Some((name, column + 1, "")),
        None => None,
    }
}

fn braces(text: &str, open: usize) -> usize {
    text.chars().fold(open, |n, c| match c {
        '{' => n + 1,
        '}' => n.saturating_sub(1),
        _ => n,
    })
}

/// Read the lines into records; lines that belong to no record go to `loose`.
pub(crate) fn scan(lines: &[Line], problems: &mut Problems) -> Scan {
    let mut scan = Scan::default();
    let mut current: Option<Record> = None;
    let mut finished: Vec<Record> = Vec::new();
    let mut max_width = 0usize;
    for line in lines {
        if line.is_blank() || prompt_command(&line.text).is_some() {
            finished.extend(current.take());
            if let Some(command) = prompt_command(&line.text) {
                scan.prompts.push(PromptLine {
                    line: line.number,
                    command: command.to_string(),
                });
            }
            scan.loose.push(line.clone());
            continue;
        }
        if let Some((name, value_col, value)) = property_line(&line.text) {
            max_width = max_width.max(line.width());
            let starts_new = current
                .as_ref()
                .and_then(|r| r.properties.first())
                .is_some_and(|p| p.name.eq_ignore_ascii_case(name));
            if starts_new {
                let property = name.to_string();
                problems.push(
                    line.number,
                    ProblemKind::MissingRecordSeparator { property },
                );
                finished.extend(current.take());
            }
            if current.is_none() && finished.len() >= MAX_RECORDS {
                problems.push(
                    line.number,
                    ProblemKind::TooManyRecords { limit: MAX_RECORDS },
                );
                break;
            }
            let record = current.get_or_insert_with(|| Record {
                line: line.number,
                ..Record::default()
            });
            add_property(record, line, name, value_col, value, problems);
            continue;
        }
        match current.as_mut() {
            Some(record) => {
                if continue_value(record, line) {
                    max_width = max_width.max(line.width());
                } else if !record.skipping {
                    problems.push(line.number, ProblemKind::UnrecognisedLine);
                    record.open = false;
                }
            }
            None => scan.loose.push(line.clone()),
        }
    }
    finished.extend(current.take());
    scan.records = finished.into_iter().map(|r| finish(r, max_width)).collect();
    scan
}

fn add_property(
    record: &mut Record,
    line: &Line,
    name: &str,
    value_col: usize,
    value: &str,
    problems: &mut Problems,
) {
    let key = name.to_ascii_lowercase();
    if record.names.contains(&key) {
        let property = name.to_string();
        problems.push(line.number, ProblemKind::RepeatedProperty { property });
        record.open = false;
        record.skipping = true;
        return;
    }
    record.skipping = false;
    if record.properties.len() >= MAX_PROPERTIES {
        if !record.capped {
            let limit = MAX_PROPERTIES;
            problems.push(line.number, ProblemKind::TooManyProperties { limit });
            record.capped = true;
        }
        record.open = false;
        return;
    }
    record.names.insert(key);
    record.properties.push(Building {
        line: line.number,
        name: name.to_string(),
        value_col,
        first: value.to_string(),
        first_width: line.width(),
        pieces: Vec::new(),
        open_braces: braces(value, 0),
    });
    record.open = true;
}

/// Take `line` as the continuation of the last value, when it can be one: an
/// indented line, or (an e-mail's own wrapping) any line inside an open list.
fn continue_value(record: &mut Record, line: &Line) -> bool {
    if record.skipping {
        return line.indent() > 0;
    }
    let Some(last) = record.properties.last_mut().filter(|_| record.open) else {
        return false;
    };
    if line.indent() == 0 && last.open_braces == 0 {
        return false;
    }
    let text = line.text.trim_start().to_string();
    last.open_braces = braces(&text, last.open_braces);
    last.pieces.push(Piece {
        text,
        indent: line.indent(),
        width: line.width(),
    });
    true
}

fn finish(record: Record, max_width: usize) -> RawRecord {
    RawRecord {
        line: record.line,
        view: View::List,
        properties: record
            .properties
            .into_iter()
            .map(|b| Property {
                line: b.line,
                value: joined(&b, max_width).trim().to_string(),
                name: b.name,
            })
            .collect(),
    }
}

fn joined(b: &Building, max_width: usize) -> String {
    let mut value = b.first.clone();
    let mut previous_width = b.first_width;
    for piece in &b.pieces {
        let list = value.trim_start().starts_with('{');
        let separator = if piece.indent > b.value_col {
            " "
        } else if list {
            ""
        } else if piece.indent == 0 || value.ends_with(',') {
            " "
        } else if previous_width >= max_width {
            ""
        } else {
            " "
        };
        value.push_str(separator);
        value.push_str(&piece.text);
        previous_width = piece.width;
    }
    value
}

#[cfg(test)]
mod tests {
    use super::super::text::clean_lines;
    use super::*;

    fn records(text: &str) -> (Vec<RawRecord>, Vec<ProblemKind>) {
        let mut problems = Problems::default();
        let scan = scan(&clean_lines(text), &mut problems);
        let kinds = problems.list.into_iter().map(|p| p.kind).collect();
        (scan.records, kinds)
    }

    #[test]
    fn property_lines() {
        assert_eq!(
            property_line("Thumbprint : 5E"),
            Some(("Thumbprint", 13, "5E"))
        );
        assert_eq!(property_line("Name     :"), Some(("Name", 11, "")));
        assert_eq!(property_line("A : b : c"), Some(("A", 4, "b : c")));
        assert_eq!(property_line("Subject: CN=x"), None);
        assert_eq!(property_line("  Indented : x"), None);
        assert_eq!(property_line("Get-Foo : x"), None);
        assert_eq!(property_line("Not After : x"), None);
        assert_eq!(property_line("Name :x"), None);
        assert_eq!(property_line("é : x"), None);
    }

    #[test]
    fn records_are_split_at_blank_lines() {
        let (r, p) = records("\nA : 1\nB : 2\n\nA : 3\n");
        assert!(p.is_empty());
        assert_eq!(r.len(), 2);
        assert_eq!(r[1].get("a").map(|p| p.value.as_str()), Some("3"));
        assert_eq!(r[1].line, 5);
    }

    #[test]
    fn a_hard_cut_is_glued_and_a_word_wrap_spaced() {
        // The widest line (the console width) is 32 characters.
        let text = "Name    : abcdefghijklmnopqrstuv\n          wxyz\nSubject : CN=a, O=Contoso\n          Ltd\n";
        let (r, _) = records(text);
        assert_eq!(
            r[0].get("Name").map(|p| p.value.as_str()),
            Some("abcdefghijklmnopqrstuvwxyz")
        );
        assert_eq!(
            r[0].get("Subject").map(|p| p.value.as_str()),
            Some("CN=a, O=Contoso Ltd")
        );
    }

    #[test]
    fn a_list_cut_inside_a_name_is_glued() {
        let text = "Domains : {mail.contoso.com, legacy.cont\n          oso.com}\n";
        let (r, _) = records(text);
        assert_eq!(
            r[0].get("Domains").map(|p| p.value.as_str()),
            Some("{mail.contoso.com, legacy.contoso.com}")
        );
    }

    #[test]
    fn an_email_rewrapped_list_continues_at_column_zero() {
        let text = "> Domains : {a.contoso.com,\n> b.contoso.com}\n> Next : x\n";
        let (r, p) = records(text);
        assert!(p.is_empty(), "{p:?}");
        assert_eq!(
            r[0].get("Domains").map(|p| p.value.as_str()),
            Some("{a.contoso.com,b.contoso.com}")
        );
    }

    #[test]
    fn repeated_and_restarted_properties() {
        let (r, p) = records("A : 1\nB : 2\nB : 3\n    more\nA : 4\n");
        assert_eq!(r.len(), 2);
        assert_eq!(r[0].get("B").map(|p| p.value.as_str()), Some("2"));
        assert_eq!(
            p,
            [
                ProblemKind::RepeatedProperty {
                    property: "B".into()
                },
                ProblemKind::MissingRecordSeparator {
                    property: "A".into()
                }
            ]
        );
    }

    #[test]
    fn stray_lines_inside_a_record_are_problems() {
        let (r, p) = records("A : 1\n+ ~~~~\nB : 2\n");
        assert_eq!(r.len(), 1);
        assert_eq!(p, [ProblemKind::UnrecognisedLine]);
    }

    #[test]
    fn prompts_end_records_and_are_kept() {
        let mut problems = Problems::default();
        let lines = clean_lines("[PS] C:\\>Get-ExchangeCertificate | fl\nA : 1\n[PS] C:\\>\nA : 2");
        let s = scan(&lines, &mut problems);
        assert_eq!(s.records.len(), 2);
        assert_eq!(s.prompts.len(), 2);
        assert_eq!(s.prompts[0].command, "Get-ExchangeCertificate | fl");
    }

    #[test]
    fn records_and_properties_are_capped() {
        let many = "A : 1\n\n".repeat(MAX_RECORDS + 3);
        let (r, p) = records(&many);
        assert_eq!(r.len(), MAX_RECORDS);
        assert_eq!(p, [ProblemKind::TooManyRecords { limit: MAX_RECORDS }]);
        let wide: String = (0..MAX_PROPERTIES + 3)
            .map(|i| format!("P{i} : x\n"))
            .collect();
        let (r, p) = records(&wide);
        assert_eq!(r[0].properties.len(), MAX_PROPERTIES);
        assert_eq!(
            p,
            [ProblemKind::TooManyProperties {
                limit: MAX_PROPERTIES
            }]
        );
    }
}

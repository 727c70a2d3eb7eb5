//! The default table view of `Get-ExchangeCertificate`:
//!
//! ```text
//! Thumbprint                                Services   Subject
//! ----------                                --------   -------
//! 5E1F6E4B3B1A2C9D8E7F6A5B4C3D2E1F0A9B8C7D  IP.WS..    CN=mail.contoso.com, O=Contoso Ltd, ...
//! ```
//!
//! Services are in the compact form (see [`super::services`]). A subject wider
//! than the console is cut and ends with `...` (`…` from PowerShell 6.2 on).
//! Rows of the default three columns are read by their cells' shapes (a
//! thumbprint and the letters have no spaces; the subject is the rest), so a
//! paste whose alignment was lost still reads. Other tables with a `Thumbprint`
//! column (`| ft Thumbprint,NotAfter,Subject`) are cut at the rule's columns.
//! Rows of the default shape are read even without their header.

use super::format_list::{Property, RawRecord, View};
use super::problems::{ProblemKind, Problems};
use super::services::looks_like_letters;
use super::text::Line;
use super::thumbprint::is_compact_thumbprint;

/// The columns of a table: names and starting character positions.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Columns {
    names: Vec<String>,
    starts: Vec<usize>,
}

impl Columns {
    fn is_default(&self) -> bool {
        let default = ["Thumbprint", "Services", "Subject"];
        self.names.len() == 3
            && self
                .names
                .iter()
                .zip(default)
                .all(|(n, d)| n.eq_ignore_ascii_case(d))
    }
}

/// Read the tables among the lines outside Format-List records.
pub(crate) fn read_tables(lines: &[Line], problems: &mut Problems) -> Vec<RawRecord> {
    let mut records = Vec::new();
    let mut columns: Option<Columns> = None;
    let mut i = 0;
    while i < lines.len() {
        let line = &lines[i];
        if let Some(found) = lines.get(i + 1).and_then(|rule| header(line, rule)) {
            columns = Some(found);
            i += 2;
            continue;
        }
        let row = match &columns {
            Some(c) if !line.is_blank() => row(line, c),
            _ => default_row(line),
        };
        match row {
            Some(record) => records.push(record),
            None if columns.is_some() && !line.is_blank() => {
                if line
                    .text
                    .split_whitespace()
                    .next()
                    .is_some_and(is_compact_thumbprint)
                {
                    problems.push(line.number, ProblemKind::BadTableRow);
                } else {
                    columns = None;
                }
            }
            None if line.is_blank() => columns = None,
            None => {}
        }
        i += 1;
    }
    records
}

/// A header line with a `Thumbprint` column, and its rule line below.
fn header(line: &Line, rule: &Line) -> Option<Columns> {
    let names: Vec<&str> = line.text.split_whitespace().collect();
    if !names.iter().any(|n| n.eq_ignore_ascii_case("Thumbprint")) || line.text.contains(':') {
        return None;
    }
    let starts = dash_runs(&rule.text)?;
    if starts.len() != names.len() {
        return None;
    }
    Some(Columns {
        names: names.into_iter().map(str::to_string).collect(),
        starts,
    })
}

/// The starting columns of the runs of `-` of a rule line (nothing but dashes
/// and spaces).
fn dash_runs(text: &str) -> Option<Vec<usize>> {
    if !text.contains('-') || text.chars().any(|c| c != '-' && c != ' ') {
        return None;
    }
    let mut starts = Vec::new();
    let mut previous = ' ';
    for (i, c) in text.chars().enumerate() {
        if c == '-' && previous == ' ' {
            starts.push(i);
        }
        previous = c;
    }
    Some(starts)
}

/// A row under a known header.
fn row(line: &Line, columns: &Columns) -> Option<RawRecord> {
    if columns.is_default() {
        return default_row(line);
    }
    let chars: Vec<char> = line.text.chars().collect();
    let mut properties = Vec::new();
    for (k, name) in columns.names.iter().enumerate() {
        let start = columns.starts[k].min(chars.len());
        let end = columns
            .starts
            .get(k + 1)
            .map_or(chars.len(), |e| (*e).min(chars.len()))
            .max(start);
        let value: String = chars[start..end].iter().collect();
        properties.push(Property {
            line: line.number,
            name: name.clone(),
            value: value.trim().to_string(),
        });
    }
    let record = table_record(line, properties);
    let thumbprint = record.get("Thumbprint").map(|p| p.value.as_str());
    thumbprint
        .is_some_and(is_compact_thumbprint)
        .then_some(record)
}

/// A row of the default shape: a thumbprint, the service letters, a subject.
fn default_row(line: &Line) -> Option<RawRecord> {
    let text = line.text.trim_start();
    let (thumbprint, rest) = text.split_once(' ')?;
    let rest = rest.trim_start();
    let (letters, subject) = rest.split_once(' ').unwrap_or((rest, ""));
    if !is_compact_thumbprint(thumbprint) || !looks_like_letters(letters) {
        return None;
    }
    let cells = [
        ("Thumbprint", thumbprint),
        ("Services", letters),
        ("Subject", subject.trim()),
    ];
    let properties = cells
        .iter()
        .map(|(name, value)| Property {
            line: line.number,
            name: (*name).to_string(),
            value: (*value).to_string(),
        })
        .collect();
    Some(table_record(line, properties))
}

fn table_record(line: &Line, properties: Vec<Property>) -> RawRecord {
    RawRecord {
        line: line.number,
        view: View::Table,
        properties,
    }
}

#[cfg(test)]
mod tests {
    use super::super::text::clean_lines;
    use super::*;

    const T1: &str = "5E1F6E4B3B1A2C9D8E7F6A5B4C3D2E1F0A9B8C7D";

    fn tables(text: &str) -> (Vec<RawRecord>, usize) {
        let mut problems = Problems::default();
        let records = read_tables(&clean_lines(text), &mut problems);
        (records, problems.list.len())
    }

    #[test]
    fn the_default_view() {
        let text = format!(
            "\nThumbprint                                Services   Subject\n\
             ----------                                --------   -------\n\
             {T1}  IP.WS..    CN=mail.contoso.com, O=Contoso Ltd\n\
             0271A7F1CA9AD8A27152CCAE044F968F068B14B8  .......    CN=WMSvc-EX01\n"
        );
        let (r, problems) = tables(&text);
        assert_eq!((r.len(), problems), (2, 0));
        assert_eq!(
            r[0].get("Subject").map(|p| p.value.as_str()),
            Some("CN=mail.contoso.com, O=Contoso Ltd")
        );
        assert_eq!(
            r[1].get("Services").map(|p| p.value.as_str()),
            Some(".......")
        );
        assert_eq!(r[0].line, 4);
    }

    #[test]
    fn rows_read_without_header_or_alignment() {
        let (r, _) = tables(&format!("{T1} IP.WS.. CN=mail.contoso.com"));
        assert_eq!(r.len(), 1);
        let (r, _) = tables("5E1F IP.WS.. CN=x\nnot a row\n");
        assert!(r.is_empty());
    }

    #[test]
    fn another_table_with_a_thumbprint_column() {
        let text = format!(
            "Thumbprint                                NotAfter\n\
             ----------                                --------\n\
             {T1}  3/14/2027 11:59:59 PM\n"
        );
        let (r, _) = tables(&text);
        assert_eq!(r.len(), 1);
        assert_eq!(
            r[0].get("NotAfter").map(|p| p.value.as_str()),
            Some("3/14/2027 11:59:59 PM")
        );
    }

    #[test]
    fn a_broken_row_under_a_header_is_a_problem() {
        let text =
            format!("Thumbprint Services Subject\n---------- -------- -------\n{T1}  XYZ  CN=x\n");
        let (r, problems) = tables(&text);
        assert_eq!((r.len(), problems), (0, 1));
    }
}

//! What could not be read, or looked wrong, in the Exchange text: typed data
//! with the line it was on. The parser writes no prose; [`ProblemKind::describe`]
//! is the one place that turns a problem into an English sentence.

use serde::Serialize;

use super::services::ServicesError;
use super::thumbprint::ThumbprintError;

/// One problem, on one line of the input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct Problem {
    /// The 1-based line of the input.
    pub line: usize,
    /// What it is (flattened: `{"line": 3, "kind": "bad_thumbprint", ...}`).
    #[serde(flatten)]
    pub kind: ProblemKind,
}

/// The kinds of problem.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ProblemKind {
    /// The input was larger than the limit; the rest was not read.
    InputTooLarge {
        /// The limit, in bytes.
        limit: usize,
    },
    /// More records than the limit; the rest were not read.
    TooManyRecords {
        /// The limit.
        limit: usize,
    },
    /// More problems than the limit; the rest were not recorded.
    TooManyProblems {
        /// The limit.
        limit: usize,
    },
    /// A record held more properties than the limit; the rest were not kept.
    TooManyProperties {
        /// The limit.
        limit: usize,
    },
    /// A list held more names than the limit; the rest were not kept.
    TooManyNames {
        /// The property.
        property: String,
        /// The limit.
        limit: usize,
    },
    /// A property appeared twice in one record; the first value is kept.
    RepeatedProperty {
        /// The property.
        property: String,
    },
    /// A record's first property appeared again without a blank line before
    /// it: read as the start of a new record.
    MissingRecordSeparator {
        /// The property.
        property: String,
    },
    /// A line inside a record that is neither a property nor a continuation.
    UnrecognisedLine,
    /// A Format-List record of no cmdlet this reads (another cmdlet's output).
    UnknownRecord {
        /// How many properties it had.
        properties: usize,
    },
    /// A record with properties of both Get-ExchangeCertificate and
    /// Get-OutlookAnywhere (two records run together); read as the kind with more.
    MixedRecord,
    /// A property the record should have is missing (a truncated or selective paste).
    MissingProperty {
        /// The property.
        property: String,
    },
    /// The last record of its kind lacks properties every earlier one had: the
    /// paste probably ends early.
    TruncatedRecord {
        /// The properties missing.
        missing: Vec<String>,
    },
    /// A list opened with `{` and never closed: the paste ends inside it.
    UnclosedList {
        /// The property.
        property: String,
    },
    /// A thumbprint that is not 40 hexadecimal digits.
    BadThumbprint {
        /// The text.
        text: String,
        /// Why.
        error: ThumbprintError,
    },
    /// A `Services` value that could not be read (or only in part).
    BadServices {
        /// The text.
        text: String,
        /// Why.
        error: ServicesError,
    },
    /// `Services` and `ServicesStringForm` name different services.
    ServicesDisagree,
    /// A date no culture this reads explains.
    UnreadableDate {
        /// The property.
        property: String,
        /// The text.
        text: String,
    },
    /// A boolean that is neither `True` nor `False`.
    BadBoolean {
        /// The property.
        property: String,
        /// The text.
        text: String,
    },
    /// A boolean in another language (`Wahr`, `Falsch`, `Vrai`, `Faux`): read,
    /// but PowerShell itself always prints `True`/`False`, so the text was
    /// translated or retyped after the fact.
    TranslatedBoolean {
        /// The property.
        property: String,
        /// The text.
        text: String,
    },
    /// A number that could not be read.
    BadNumber {
        /// The property.
        property: String,
        /// The text.
        text: String,
    },
    /// A value outside the documented set (`Status`, `RootCAType`, an
    /// authentication method).
    UnknownValue {
        /// The property.
        property: String,
        /// The text.
        text: String,
    },
    /// A table-view row whose cells could not be read.
    BadTableRow,
}

impl ProblemKind {
    /// A plain English sentence for the engineer.
    pub fn describe(&self) -> String {
        match self {
            ProblemKind::InputTooLarge { limit } => {
                format!("The text is larger than {limit} bytes; the rest was not read.")
            }
            ProblemKind::TooManyRecords { limit } => {
                format!("More than {limit} records; the rest were not read.")
            }
            ProblemKind::TooManyProblems { limit } => {
                format!("More than {limit} problems; the rest were not listed.")
            }
            ProblemKind::TooManyProperties { limit } => {
                format!("A record has more than {limit} properties; the rest were not kept.")
            }
            ProblemKind::TooManyNames { property, limit } => {
                format!("{property} lists more than {limit} names; the rest were not kept.")
            }
            ProblemKind::RepeatedProperty { property } => {
                format!("{property} appears twice in one record; the first value was kept.")
            }
            ProblemKind::MissingRecordSeparator { property } => format!(
                "{property} starts a new record without a blank line before it; read as a new record."
            ),
            ProblemKind::UnrecognisedLine => {
                "A line inside a record is neither a property nor its continuation.".into()
            }
            ProblemKind::UnknownRecord { properties } => format!(
                "A Format-List record of {properties} properties from a cmdlet this does not read."
            ),
            ProblemKind::MixedRecord => "A record mixes Get-ExchangeCertificate and Get-OutlookAnywhere properties (a blank line lost?).".into(),
            ProblemKind::MissingProperty { property } => {
                format!("The record has no {property} (a truncated or selective paste?).")
            }
            ProblemKind::TruncatedRecord { missing } => format!(
                "The last record lacks {} that the earlier ones have: the paste probably ends early.",
                missing.join(", ")
            ),
            ProblemKind::UnclosedList { property } => {
                format!("The list of {property} is not closed: the paste ends inside it.")
            }
            ProblemKind::BadThumbprint { text, error } => match error {
                ThumbprintError::WrongLength { digits } => format!(
                    "The thumbprint {text:?} has {digits} hexadecimal digits, not 40."
                ),
                ThumbprintError::NotHex => {
                    format!("The thumbprint {text:?} is not hexadecimal.")
                }
            },
            ProblemKind::BadServices { text, error } => match error {
                ServicesError::UnknownName { name } => {
                    format!("Services {text:?}: {name:?} is not an Exchange service.")
                }
                ServicesError::BadLetters => {
                    format!("Services {text:?} is not the compact form (IPUWSFC).")
                }
            },
            ProblemKind::ServicesDisagree => {
                "Services and ServicesStringForm name different services.".into()
            }
            ProblemKind::UnreadableDate { property, text } => {
                format!("{property} {text:?} is not a date in a culture this reads.")
            }
            ProblemKind::BadBoolean { property, text } => {
                format!("{property} {text:?} is neither True nor False.")
            }
            ProblemKind::TranslatedBoolean { property, text } => format!(
                "{property} {text:?} was read as a boolean, but PowerShell prints True/False: the text was translated."
            ),
            ProblemKind::BadNumber { property, text } => {
                format!("{property} {text:?} is not a number.")
            }
            ProblemKind::UnknownValue { property, text } => {
                format!("{property} {text:?} is not one of the documented values.")
            }
            ProblemKind::BadTableRow => {
                "A row of the certificate table could not be read.".into()
            }
        }
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.kind.describe())
    }
}

/// The most problems recorded for one text.
pub const MAX_PROBLEMS: usize = 1_000;

/// Problems, capped at [`MAX_PROBLEMS`] (then one [`ProblemKind::TooManyProblems`]).
#[derive(Debug, Default)]
pub(crate) struct Problems {
    pub list: Vec<Problem>,
}

impl Problems {
    /// Record a problem, unless the cap is reached.
    pub fn push(&mut self, line: usize, kind: ProblemKind) {
        match self.list.len() {
            n if n < MAX_PROBLEMS => self.list.push(Problem { line, kind }),
            n if n == MAX_PROBLEMS => self.list.push(Problem {
                line,
                kind: ProblemKind::TooManyProblems {
                    limit: MAX_PROBLEMS,
                },
            }),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems_are_capped() {
        let mut problems = Problems::default();
        for line in 0..MAX_PROBLEMS + 10 {
            problems.push(line, ProblemKind::UnrecognisedLine);
        }
        assert_eq!(problems.list.len(), MAX_PROBLEMS + 1);
        assert_eq!(
            problems.list[MAX_PROBLEMS].kind,
            ProblemKind::TooManyProblems {
                limit: MAX_PROBLEMS
            }
        );
    }

    #[test]
    fn every_kind_describes_itself() {
        let p = Problem {
            line: 3,
            kind: ProblemKind::BadThumbprint {
                text: "5E".into(),
                error: ThumbprintError::WrongLength { digits: 2 },
            },
        };
        assert_eq!(
            p.to_string(),
            "line 3: The thumbprint \"5E\" has 2 hexadecimal digits, not 40."
        );
        let t = ProblemKind::TruncatedRecord {
            missing: vec!["Subject".into(), "Thumbprint".into()],
        };
        assert!(t.describe().contains("Subject, Thumbprint"));
    }
}

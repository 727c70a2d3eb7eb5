//! Dates as PowerShell prints a `DateTime` (`NotAfter`, `NotBefore`): the
//! general format of the server's culture.
//!
//! - en-US: `3/14/2027 11:59:59 PM` (month first, 12-hour clock with AM/PM);
//! - de-DE (and every culture writing dates with dots): `14.03.2027 23:59:59`;
//! - en-GB, fr-FR: `14/03/2027 23:59:59` (day first, 24-hour clock);
//! - ISO-like (sv-SE, or a year first as in ja-JP): `2027-03-14 23:59:59`.
//!
//! With slashes (or dashes) and a 24-hour clock the order cannot always be
//! told: `3/4/2027` is the 4th of March or the 3rd of April, and both readings
//! are returned. It can be told when a field is over 12 (`3/14/2027`), when both
//! are equal, or when an AM/PM designator says en-US (month first; day first only
//! when month first is impossible). Dots mean day first.
//!
//! The times are the server's local time, in a zone the text does not say: the
//! `unix` values here read them as if they were UTC, so they can be off by the
//! server's offset (up to 14 hours either way). Keep the raw text for display.

use serde::Serialize;
use time::{Date, Month, PrimitiveDateTime, Time};

/// A date as PowerShell printed it, read in the common cultures.
///
/// Every `unix` value is seconds since 1970-01-01 of the printed wall-clock time
/// *taken as UTC*: the server's zone is unknown (see the module documentation).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PsDate {
    /// Only one reading is possible.
    Exact {
        /// The wall-clock time as if UTC, in seconds since 1970.
        unix: i64,
        /// The text as printed.
        text: String,
    },
    /// Day and month can be either way round (`3/4/2027 23:59:59`).
    Ambiguous {
        /// The text as printed.
        text: String,
        /// Read month first (en-US), as if UTC.
        month_first: i64,
        /// Read day first (en-GB, fr-FR), as if UTC.
        day_first: i64,
    },
    /// Not a date in any culture this reads.
    Unreadable {
        /// The text as printed.
        text: String,
    },
}

impl PsDate {
    /// The text as printed.
    pub fn text(&self) -> &str {
        match self {
            PsDate::Exact { text, .. }
            | PsDate::Ambiguous { text, .. }
            | PsDate::Unreadable { text } => text,
        }
    }

    /// The earliest and latest readings (equal when exact); `None` when unreadable.
    pub fn unix_range(&self) -> Option<(i64, i64)> {
        match self {
            PsDate::Exact { unix, .. } => Some((*unix, *unix)),
            PsDate::Ambiguous {
                month_first,
                day_first,
                ..
            } => Some((*month_first.min(day_first), *month_first.max(day_first))),
            PsDate::Unreadable { .. } => None,
        }
    }
}

/// The order of the two small fields of a date whose year comes last.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Order {
    MonthFirst,
    DayFirst,
    Either,
}

/// Read a date as PowerShell prints it. Never fails: what cannot be read is
/// [`PsDate::Unreadable`] with its text.
pub fn parse_ps_date(text: &str) -> PsDate {
    let text = text.trim().to_string();
    match read(&text) {
        Some(Reading::One(unix)) => PsDate::Exact { unix, text },
        Some(Reading::Two {
            month_first,
            day_first,
        }) => PsDate::Ambiguous {
            text,
            month_first,
            day_first,
        },
        None => PsDate::Unreadable { text },
    }
}

enum Reading {
    One(i64),
    Two { month_first: i64, day_first: i64 },
}

fn read(text: &str) -> Option<Reading> {
    let mut tokens = text.split_whitespace();
    let (separator, fields) = date_fields(tokens.next()?)?;
    let (time, twelve_hour) = clock(tokens.next(), tokens.next())?;
    if tokens.next().is_some() {
        return None;
    }
    let [a, b, c] = fields;
    if fields[0].1 == 4 {
        return unix(a.0, b.0, c.0, time).map(Reading::One);
    }
    if c.1 != 4 {
        return None;
    }
    let order = match (separator, twelve_hour) {
        ('.', _) => Order::DayFirst,
        (_, true) => Order::MonthFirst,
        _ => Order::Either,
    };
    let month_first = unix(c.0, a.0, b.0, time);
    let day_first = unix(c.0, b.0, a.0, time);
    match (order, month_first, day_first) {
        (Order::DayFirst, _, Some(d)) => Some(Reading::One(d)),
        (Order::DayFirst, _, None) => None,
        (Order::MonthFirst, Some(m), _) => Some(Reading::One(m)),
        (_, Some(m), Some(d)) if m == d => Some(Reading::One(m)),
        (_, Some(m), Some(d)) => Some(Reading::Two {
            month_first: m,
            day_first: d,
        }),
        (_, Some(one), None) | (_, None, Some(one)) => Some(Reading::One(one)),
        (_, None, None) => None,
    }
}

/// Three numbers separated by one of `/ . -`, each with its digit count.
fn date_fields(token: &str) -> Option<(char, [(u32, usize); 3])> {
    let separator = token.chars().find(|c| !c.is_ascii_digit())?;
    if !matches!(separator, '/' | '.' | '-') {
        return None;
    }
    let mut fields = [(0u32, 0usize); 3];
    let mut parts = token.split(separator);
    for field in fields.iter_mut() {
        *field = number(parts.next()?, 4)?;
    }
    if parts.next().is_some() {
        return None;
    }
    Some((separator, fields))
}

/// A run of 1 to `max_digits` ASCII digits, with its length.
fn number(text: &str, max_digits: usize) -> Option<(u32, usize)> {
    if text.is_empty() || text.len() > max_digits || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok().map(|n| (n, text.len()))
}

/// The time of day (`23:59:59`, `11:59:59` + `PM`, `23:59`), or midnight when
/// there is none; and whether it had an AM/PM designator.
fn clock(time: Option<&str>, designator: Option<&str>) -> Option<(Time, bool)> {
    let Some(time) = time else {
        return Some((Time::MIDNIGHT, false));
    };
    let mut parts = time.split(':');
    let hour = number(parts.next()?, 2)?.0;
    let minute = number(parts.next()?, 2)?.0;
    let second = match parts.next() {
        Some(s) => number(s, 2)?.0,
        None => 0,
    };
    if parts.next().is_some() {
        return None;
    }
    let (hour, twelve_hour) = match designator {
        None => (hour, false),
        Some(d) => {
            let pm = match d.to_ascii_uppercase().as_str() {
                "AM" | "A.M." => false,
                "PM" | "P.M." => true,
                _ => return None,
            };
            if !(1..=12).contains(&hour) {
                return None;
            }
            ((hour % 12) + if pm { 12 } else { 0 }, true)
        }
    };
    let time = Time::from_hms(
        u8::try_from(hour).ok()?,
        u8::try_from(minute).ok()?,
        u8::try_from(second).ok()?,
    )
    .ok()?;
    Some((time, twelve_hour))
}

/// The wall-clock time as if UTC, when year, month and day make a date.
fn unix(year: u32, month: u32, day: u32, time: Time) -> Option<i64> {
    let month = Month::try_from(u8::try_from(month).ok()?).ok()?;
    let date =
        Date::from_calendar_date(i32::try_from(year).ok()?, month, u8::try_from(day).ok()?).ok()?;
    Some(
        PrimitiveDateTime::new(date, time)
            .assume_utc()
            .unix_timestamp(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 2027-03-14 23:59:59 UTC.
    const PI_DAY: i64 = 1_805_068_799;
    /// 2027-03-04 23:59:59 and 2027-04-03 23:59:59 UTC.
    const MARCH_4: i64 = 1_804_204_799;
    const APRIL_3: i64 = 1_806_796_799;

    fn exact(text: &str) -> Option<i64> {
        match parse_ps_date(text) {
            PsDate::Exact { unix, .. } => Some(unix),
            _ => None,
        }
    }

    #[test]
    fn the_constants_are_right() {
        assert_eq!(
            unix(2027, 3, 14, Time::from_hms(23, 59, 59).unwrap()),
            Some(PI_DAY)
        );
        assert_eq!(
            unix(2027, 3, 4, Time::from_hms(23, 59, 59).unwrap()),
            Some(MARCH_4)
        );
        assert_eq!(
            unix(2027, 4, 3, Time::from_hms(23, 59, 59).unwrap()),
            Some(APRIL_3)
        );
    }

    #[test]
    fn unambiguous_dates_in_four_cultures() {
        assert_eq!(exact("3/14/2027 11:59:59 PM"), Some(PI_DAY));
        assert_eq!(exact("14.03.2027 23:59:59"), Some(PI_DAY));
        assert_eq!(exact("14/03/2027 23:59:59"), Some(PI_DAY));
        assert_eq!(exact("2027-03-14 23:59:59"), Some(PI_DAY));
        assert_eq!(exact("2027/03/14 23:59:59"), Some(PI_DAY));
        assert_eq!(exact(" 3/14/2027 23:59:59 "), Some(PI_DAY));
    }

    #[test]
    fn am_pm_means_month_first() {
        assert_eq!(exact("3/4/2027 11:59:59 PM"), Some(MARCH_4));
        assert_eq!(exact("4.3.2027 23:59:59"), Some(MARCH_4));
        // Month first is impossible: the other reading is the only one.
        assert_eq!(exact("14/3/2027 11:59:59 PM"), Some(PI_DAY));
        assert_eq!(exact("1/1/2027 12:00:00 AM"), Some(1_798_761_600));
        assert_eq!(
            exact("1/1/2027 12:00:00 PM"),
            Some(1_798_761_600 + 12 * 3600)
        );
    }

    #[test]
    fn slashes_without_am_pm_can_be_ambiguous() {
        assert_eq!(
            parse_ps_date("3/4/2027 23:59:59"),
            PsDate::Ambiguous {
                text: "3/4/2027 23:59:59".into(),
                month_first: MARCH_4,
                day_first: APRIL_3
            }
        );
        assert_eq!(
            parse_ps_date("03/04/2027").unix_range().map(|r| r.0 < r.1),
            Some(true)
        );
        // The same either way round.
        assert!(exact("5/5/2027 10:00:00").is_some());
    }

    #[test]
    fn nonsense_is_unreadable_with_its_text() {
        for text in [
            "",
            "soon",
            "14.13.2027 23:59:59",
            "31/31/2027",
            "3/14/27 23:59:59",
            "3/14/2027 25:00:00",
            "3/14/2027 13:00:00 PM",
            "3/14/2027 11:00:00 nachm.",
            "2027-02-30 00:00:00",
            "3/14/2027 23:59:59 PM extra",
            "3/14/2027/1",
            "١٤/٠٣/٢٠٢٧",
            "99999999999/1/2027",
        ] {
            let date = parse_ps_date(text);
            assert_eq!(
                date,
                PsDate::Unreadable {
                    text: text.trim().into()
                },
                "{text}"
            );
            assert_eq!(date.unix_range(), None);
        }
    }

    #[test]
    fn a_date_without_time_is_midnight() {
        assert_eq!(exact("14.03.2027"), Some(PI_DAY - 86_399));
    }
}

//! Renewal: will the new certificate still work? Two inputs (the certificate
//! in use and its renewal) are analyzed with the same principal name, host and
//! time; [`compare`] returns both reports, what changed between them, and what
//! to do before the switch. Pure, like the rest of the core: model here and in
//! [`changes`] and [`advice`], rendering in [`text`].
//!
//! Its JSON form (`msstd-check --compare --json`) is a public interface, see
//! `docs/report-json.md`.

pub mod advice;
pub mod changes;
pub mod text;

use serde::Serialize;

pub use advice::{Advice, Basis, Client, Timing};
pub use changes::{Change, ChangeField, ChangeValue, Changes, Importance, NameDelta, Unreadable};

use crate::{analyze, Input, Options, Report};

/// Which of the two certificates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Side {
    /// The certificate in use today.
    Old,
    /// Its renewal.
    New,
}

/// The comparison: both reports, exactly as a single analysis makes them, what
/// changed, and what to do before switching.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct Comparison {
    /// The old certificate's report.
    pub old: Report,
    /// The new certificate's report.
    pub new: Report,
    /// What differs, most important first (JSON `null`: a side has no certificate).
    #[cfg_attr(feature = "typescript", ts(type = "Array<Change> | null"))]
    pub changes: Changes,
    /// What to do before the switch, in order.
    pub advice: Vec<Advice>,
}

/// Analyze `old` and `new` with the same options, and compare them.
pub fn compare(old: &[Input<'_>], new: &[Input<'_>], options: &Options) -> Comparison {
    let old_report = analyze(old, options);
    let new_report = analyze(new, options);
    // A renewal not valid yet: what would it need once valid?
    let becomes_valid = new_report
        .leaf_certificate()
        .map(|c| c.validity.not_before_unix)
        .filter(|from| *from > options.at);
    let new_at_switch = becomes_valid.map(|at| {
        analyze(
            new,
            &Options {
                at,
                ..options.clone()
            },
        )
    });
    let effective = new_at_switch.as_ref().unwrap_or(&new_report);
    // The old certificate under the name the new one needs: can it be set before the switch?
    let old_with_proposed = advice::proposed_principal(effective)
        .filter(|_| !old_report.input_unreadable())
        .map(|principal| {
            let options = Options {
                principal: Some(principal.to_string()),
                ..options.clone()
            };
            analyze(old, &options)
        });
    let changes = changes::diff(&old_report, &new_report, options.at);
    let advice = advice::advise(&advice::Basis {
        old: &old_report,
        new: &new_report,
        new_at_switch: effective,
        old_with_proposed: old_with_proposed.as_ref(),
        at: options.at,
    });
    Comparison {
        old: old_report,
        new: new_report,
        changes,
        advice,
    }
}

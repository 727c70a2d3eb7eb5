//! Verdicts: for one client, for every client.

use serde::Serialize;

/// A verdict, for one client or overall.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// No principal check happens (no principal name set).
    NotApplicable,
    /// Works.
    Pass,
    /// Works with a caveat (the Connectivity Analyzer's SAN-only case; overall: works only on some clients, or an unknown rule fired).
    Warn,
    /// Fails.
    Fail,
    /// Cannot be told: no certificate was read, or a `fullsic:` name (not evaluated).
    Unknown,
}

impl Verdict {
    /// The verdict as the text report's headline prints it (`PASS`, `NOT APPLICABLE`).
    pub fn word(self) -> &'static str {
        match self {
            Verdict::Pass => "PASS",
            Verdict::Warn => "WARN",
            Verdict::Fail => "FAIL",
            Verdict::NotApplicable => "NOT APPLICABLE",
            Verdict::Unknown => "UNKNOWN",
        }
    }

    /// The verdict as the report prints it.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::NotApplicable => "not_applicable",
            Verdict::Pass => "pass",
            Verdict::Warn => "warn",
            Verdict::Fail => "fail",
            Verdict::Unknown => "unknown",
        }
    }
}

/// The verdict for each client.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct ClientVerdicts {
    /// Windows Vista SP1 and later: every supported Windows.
    pub modern_windows: Verdict,
    /// Windows XP, Server 2003, Vista RTM.
    pub legacy_windows: Verdict,
    /// Microsoft's Remote Connectivity Analyzer.
    pub connectivity_analyzer: Verdict,
}

impl ClientVerdicts {
    /// The same verdict for every client.
    pub fn all(verdict: Verdict) -> Self {
        ClientVerdicts {
            modern_windows: verdict,
            legacy_windows: verdict,
            connectivity_analyzer: verdict,
        }
    }

    /// True when every client passes.
    pub fn all_pass(&self) -> bool {
        *self == Self::all(Verdict::Pass)
    }
}

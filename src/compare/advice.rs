//! What to do before switching to the new certificate: typed advice derived
//! from the two reports (the new one's fix, both validity periods) and from
//! the old certificate checked with the principal name the new one needs.

use serde::Serialize;

use super::changes::state_at;
use super::Side;
use crate::report::{Report, VerdictSummary};
use crate::verdict::Verdict;

/// A Windows client, as the verdicts name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Client {
    /// Windows Vista SP1 and later.
    ModernWindows,
    /// Windows XP, Server 2003, Vista RTM.
    LegacyWindows,
    /// Microsoft's Remote Connectivity Analyzer.
    ConnectivityAnalyzer,
}

impl Client {
    /// Every client, in report order.
    pub const ALL: [Client; 3] = [
        Client::ModernWindows,
        Client::LegacyWindows,
        Client::ConnectivityAnalyzer,
    ];

    /// The client's verdict in a summary.
    pub fn verdict(self, summary: &VerdictSummary) -> Verdict {
        match self {
            Client::ModernWindows => summary.modern_windows,
            Client::LegacyWindows => summary.legacy_windows,
            Client::ConnectivityAnalyzer => summary.connectivity_analyzer,
        }
    }

    /// The client as the text report names it.
    pub fn label(self) -> &'static str {
        match self {
            Client::ModernWindows => "Windows Vista SP1 and later",
            Client::LegacyWindows => "Windows XP, 2003, Vista RTM",
            Client::ConnectivityAnalyzer => "Remote Connectivity Analyzer",
        }
    }
}

/// When the new principal name can be set, given the old certificate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
#[serde(tag = "when", rename_all = "snake_case")]
pub enum Timing {
    /// It does no worse with the old certificate on any client: set it before the switch.
    BeforeSwitch,
    /// It does worse with the old certificate on these clients: set it at the switch.
    AtSwitch {
        /// The clients on which the old certificate does worse with the new name.
        worse_on_old: Vec<Client>,
    },
    /// The old certificate could not be read, so it cannot be told.
    Unknown,
}

/// One thing to do (or know) before switching to the new certificate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Advice {
    /// A side held no readable certificate: its report says what it found and what to collect.
    ReadCertificate {
        /// Which side.
        side: Side,
        /// True when that side is a .pfx that needs its password.
        needs_password: bool,
    },
    /// The new certificate works with today's principal name and host: nothing to change.
    NothingToChange,
    /// Set this principal name for the new certificate.
    SetPrincipal {
        /// The principal name (`msstd:…`), from the new report's fix.
        principal: String,
        /// The Exchange Management Shell line that sets it, if any.
        powershell: Option<String>,
        /// When to set it.
        #[serde(flatten)]
        timing: Timing,
    },
    /// The new certificate itself must change: ask the CA to reissue it.
    Reissue {
        /// The certificate to request, from the new report's fix.
        request: String,
    },
    /// The new certificate does not pass and its fix changes neither the name nor
    /// the certificate: read its reasons before the switch.
    Review {
        /// The new certificate's overall verdict.
        new: Verdict,
        /// The old certificate's overall verdict.
        old: Verdict,
    },
    /// Switch before the old certificate expires.
    SwitchBefore {
        /// The old certificate's end of validity, RFC 3339.
        date: String,
    },
    /// The old certificate has already expired at the evaluation time: switch now.
    OldExpired {
        /// The old certificate's end of validity, RFC 3339.
        date: String,
    },
    /// The old certificate expires before the new one becomes valid: neither
    /// works in between, so the new one cannot simply replace the old in time.
    Gap {
        /// The old certificate's end of validity, RFC 3339.
        old_not_after: String,
        /// The new certificate's start of validity, RFC 3339.
        new_not_before: String,
    },
    /// The new certificate is not valid yet at the evaluation time: do not switch before this.
    NewNotYetValid {
        /// The new certificate's start of validity, RFC 3339.
        date: String,
    },
}

/// How bad a verdict is, for "worse" (pass and not applicable are equally good).
pub(crate) fn badness(verdict: Verdict) -> u8 {
    match verdict {
        Verdict::Pass | Verdict::NotApplicable => 0,
        Verdict::Warn => 1,
        Verdict::Unknown => 2,
        Verdict::Fail => 3,
    }
}

/// When the principal can be set: compare the old certificate's verdicts today
/// with its verdicts under the proposed name.
fn timing(old: &Report, old_with_proposed: Option<&Report>) -> Timing {
    let Some(proposed) = old_with_proposed.filter(|_| !old.input_unreadable()) else {
        return Timing::Unknown;
    };
    let worse_on_old: Vec<Client> = Client::ALL
        .into_iter()
        .filter(|c| badness(c.verdict(&proposed.verdict)) > badness(c.verdict(&old.verdict)))
        .collect();
    if worse_on_old.is_empty() {
        Timing::BeforeSwitch
    } else {
        Timing::AtSwitch { worse_on_old }
    }
}

/// The principal name the new certificate needs, when its fix proposes one
/// other than today's.
pub(crate) fn proposed_principal(new: &Report) -> Option<&str> {
    if !new.fix.needed {
        return None;
    }
    let proposed = new.fix.principal_name.as_deref()?;
    let today = new.principal.input.trim();
    (!today.eq_ignore_ascii_case(proposed)).then_some(proposed)
}

/// Timing advice from both validity periods.
fn dates(old: &Report, new: &Report, at: i64, advice: &mut Vec<Advice>) {
    let (old, new) = (old.leaf_certificate(), new.leaf_certificate());
    if let Some(cert) = new.filter(|c| state_at(c, at) == "not_yet_valid") {
        advice.push(Advice::NewNotYetValid {
            date: cert.validity.not_before.clone(),
        });
    }
    let Some(cert) = old else {
        return;
    };
    let date = cert.validity.not_after.clone();
    if state_at(cert, at) == "expired" {
        advice.push(Advice::OldExpired { date });
    } else if let Some(renewal) =
        new.filter(|n| n.validity.not_before_unix > cert.validity.not_after_unix)
    {
        advice.push(Advice::Gap {
            old_not_after: date,
            new_not_before: renewal.validity.not_before.clone(),
        });
    } else {
        advice.push(Advice::SwitchBefore { date });
    }
}

/// The reports the advice is derived from.
#[derive(Debug, Clone, Copy)]
pub struct Basis<'a> {
    /// The old certificate's report.
    pub old: &'a Report,
    /// The new certificate's report, at the evaluation time.
    pub new: &'a Report,
    /// The new certificate's report when it becomes valid, if that is after the
    /// evaluation time (its fix is then not "it is not valid yet"); else `new`.
    pub new_at_switch: &'a Report,
    /// The old inputs analyzed with the principal name the new certificate
    /// needs (see [`proposed_principal`]), when it needs another one.
    pub old_with_proposed: Option<&'a Report>,
    /// The evaluation time, seconds since the Unix epoch.
    pub at: i64,
}

/// Derive the advice, in the order to act on it.
pub fn advise(basis: &Basis<'_>) -> Vec<Advice> {
    let (old, new) = (basis.old, basis.new_at_switch);
    let mut advice = Vec::new();
    for (side, report) in [(Side::Old, old), (Side::New, new)] {
        if report.input_unreadable() {
            advice.push(Advice::ReadCertificate {
                side,
                needs_password: report.needs_password,
            });
        }
    }
    if new.input_unreadable() {
        return advice;
    }
    if let Some(principal) = proposed_principal(new) {
        advice.push(Advice::SetPrincipal {
            principal: principal.to_string(),
            powershell: new.fix.powershell.clone(),
            timing: timing(old, basis.old_with_proposed),
        });
    }
    if let Some(request) = &new.fix.certificate_request {
        advice.push(Advice::Reissue {
            request: request.clone(),
        });
    }
    let works = matches!(new.verdict.overall, Verdict::Pass | Verdict::NotApplicable);
    let proposed = |a: &Advice| matches!(a, Advice::SetPrincipal { .. } | Advice::Reissue { .. });
    if works && !new.fix.needed {
        advice.push(Advice::NothingToChange);
    } else if !works && !advice.iter().any(proposed) {
        advice.push(Advice::Review {
            new: new.verdict.overall,
            old: old.verdict.overall,
        });
    }
    dates(old, basis.new, basis.at, &mut advice);
    advice
}

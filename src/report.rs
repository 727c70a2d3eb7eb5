//! The report: the one typed result of an analysis (the data model only; the
//! pipeline that builds it is [`crate::analysis`]). Its JSON form is a public
//! interface (see `docs/report-json.md`).

use serde::Serialize;

use crate::autodiscover::ExchangeSettings;
use crate::cert::CertificateFacts;
use crate::clients::ClientMatches;
use crate::findings::Finding;
use crate::fix::Fix;
use crate::intake::IntakeItem;
use crate::principal::Principal;
use crate::settings::Source;
use crate::tls::TlsChecks;
use crate::verdict::{ClientVerdicts, Verdict};

/// Version of the JSON report format.
pub const SCHEMA_VERSION: u32 = 2;

/// One input: a name (file name, or `input` for pasted text) and its bytes.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    /// Shown in the report as where things came from.
    pub name: &'a str,
    /// The bytes as received.
    pub bytes: &'a [u8],
}

/// What to check the certificate against.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// The principal name string (`msstd:mail.contoso.com`), if any.
    pub principal: Option<String>,
    /// The RPC proxy host name (Outlook Anywhere external host name), if any.
    pub host: Option<String>,
    /// Evaluation time, seconds since the Unix epoch (UTC).
    pub at: i64,
    /// The password of PKCS#12 (.pfx) inputs, if any.
    pub password: Option<String>,
}

/// The verdicts: overall and per client, with a one-sentence headline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct VerdictSummary {
    /// `pass`, `warn`, `fail`, `not_applicable` or `unknown`.
    pub overall: Verdict,
    /// Windows Vista SP1 and later.
    pub modern_windows: Verdict,
    /// Windows XP, Server 2003, Vista RTM.
    pub legacy_windows: Verdict,
    /// Microsoft's Remote Connectivity Analyzer.
    pub connectivity_analyzer: Verdict,
    /// The verdict in one plain sentence.
    pub headline: String,
    /// The certificate-level failures (host, dates, EKU, a signature): when any,
    /// the TLS connection fails before the principal name is compared, and the
    /// per-client verdicts are the name check alone.
    pub blocked_by: Vec<crate::tls::Blocker>,
}

/// What this build of the analyzer can do (the page's small engine leaves the
/// heavy parts out and loads the full one when an input needs them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct Engine {
    /// Chain signatures are checked (RSA, ECDSA P-256/P-384, Ed25519).
    pub signatures: bool,
    /// The Mozilla root program is shipped.
    pub mozilla_roots: bool,
    /// PKCS#12 (.pfx) files are read.
    pub pkcs12: bool,
    /// Autodiscover responses (XML) are read.
    pub autodiscover: bool,
    /// Exchange Management Shell output (Get-ExchangeCertificate, Get-OutlookAnywhere) is read.
    pub exchange: bool,
}

impl Engine {
    /// The capabilities of this build.
    pub const fn this_build() -> Engine {
        Engine {
            signatures: cfg!(feature = "signatures"),
            mozilla_roots: cfg!(feature = "mozilla-roots"),
            pkcs12: cfg!(feature = "pkcs12"),
            autodiscover: cfg!(feature = "autodiscover"),
            exchange: cfg!(feature = "exchange"),
        }
    }

    /// True when every capability is present.
    pub const fn is_full(&self) -> bool {
        self.signatures && self.mozilla_roots && self.pkcs12 && self.autodiscover && self.exchange
    }
}

/// The same principal evaluated another way (as typed, or as corrected).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct Alternative {
    /// The principal string evaluated.
    pub principal: String,
    /// What this alternative is.
    pub description: String,
    /// How it fares on each client.
    pub verdicts: ClientVerdicts,
}

/// The whole report.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct Report {
    /// Version of this format.
    pub schema_version: u32,
    /// The tool and its version.
    pub tool: String,
    /// The evaluation time, RFC 3339.
    pub evaluated_at: String,
    /// The evaluation time, seconds since the Unix epoch.
    pub evaluated_at_unix: i64,
    /// The verdicts.
    pub verdict: VerdictSummary,
    /// The principal name, parsed.
    pub principal: Principal,
    /// The principal evaluated another way, when the string needed clean-up.
    pub alternative: Option<Alternative>,
    /// The RPC proxy host name checked, if any.
    pub host: Option<String>,
    /// The reasons, most severe first.
    pub findings: Vec<Finding>,
    /// What to change.
    pub fix: Fix,
    /// Index of the leaf (server) certificate in `certificates`.
    pub leaf: Option<usize>,
    /// How the principal name matched the leaf, per client (an `msstd:` name and a leaf only).
    pub matches: Option<ClientMatches>,
    /// The TLS-level checks of the leaf (host, dates, EKU); null without a leaf.
    pub checks: Option<TlsChecks>,
    /// Every certificate read, in input order.
    pub certificates: Vec<CertificateFacts>,
    /// The chain above the leaf, explained (null when no certificate was read).
    pub chain: Option<crate::chain::ChainReport>,
    /// What the input held and what became of each part.
    pub input: Vec<IntakeItem>,
    /// What this build of the analyzer can do.
    pub engine: Engine,
    /// Exchange settings found in the input (Autodiscover, Get-OutlookProvider).
    pub settings: Vec<ExchangeSettings>,
    /// Where the principal name came from.
    pub principal_source: Source,
    /// Where the host name came from.
    pub host_source: Source,
    /// True when this build lacks something the input needs (a chain to check,
    /// a .pfx to open): the full engine would say more.
    pub needs_full_engine: bool,
    /// True when a .pfx needs a password that was not given.
    pub needs_password: bool,
}

impl Report {
    /// The leaf certificate, if one was read.
    pub fn leaf_certificate(&self) -> Option<&CertificateFacts> {
        self.leaf.and_then(|i| self.certificates.get(i))
    }

    /// True when no certificate could be read from the input.
    pub fn input_unreadable(&self) -> bool {
        let shell = self
            .input
            .iter()
            .any(|i| i.form == crate::intake::ItemForm::ExchangeShell);
        self.certificates.is_empty() && !shell
    }
}

//! Findings: the reasons behind a verdict, each tied to a rule of [`crate::rules`].

use serde::Serialize;

use crate::rules::{Code, Grade, Rule, Severity};

/// What part of the analysis a finding belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Topic {
    /// Reading the input.
    Intake,
    /// The content of a certificate.
    Certificate,
    /// The principal name string itself.
    Principal,
    /// Windows Vista SP1 and later.
    ModernWindows,
    /// Windows XP, Server 2003 and Vista RTM.
    LegacyWindows,
    /// Microsoft's Remote Connectivity Analyzer.
    ConnectivityAnalyzer,
    /// The RPC proxy host name against the certificate.
    Host,
    /// Dates.
    Validity,
    /// Extended key usage.
    Eku,
    /// The issuer chain.
    Chain,
    /// Revocation.
    Revocation,
}

/// One finding: a stable code, its severity and grade, and a plain-language message.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct Finding {
    /// Stable code (see [`crate::rules`]).
    pub code: Code,
    /// How much it matters.
    pub severity: Severity,
    /// How sure we are of the rule behind it.
    pub grade: Grade,
    /// What part of the analysis raised it.
    pub topic: Topic,
    /// The message, naming the certificate field concerned.
    pub message: String,
    /// Where the rule comes from.
    pub source: &'static str,
    /// The certificate it is about (index into the report's certificates), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", ts(optional))]
    pub certificate: Option<usize>,
}

impl Finding {
    /// A finding raised by `rule` about `topic`.
    pub fn new(rule: &'static Rule, topic: Topic, message: impl Into<String>) -> Self {
        Finding {
            code: rule.code,
            severity: rule.severity,
            grade: rule.grade,
            topic,
            message: message.into(),
            source: rule.source,
            certificate: None,
        }
    }

    /// The same finding, tied to one certificate.
    pub fn about(mut self, certificate: usize) -> Self {
        self.certificate = Some(certificate);
        self
    }
}

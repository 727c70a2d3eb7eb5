//! Explain: the one place where the typed outcomes of the analysis become
//! words: findings, the headline and the fix. No decision is taken here, and
//! nothing outside reads what is written here to decide.

mod chain;
mod clients;
mod fix;
mod headline;
mod principal;
mod settings;
mod tls;

pub use fix::render as fix;
pub use headline::{headline, HeadlineInputs};

use crate::analysis::Evaluation;
use crate::autodiscover::ExchangeSettings;
use crate::cert::CertificateFacts;
use crate::chain::LeafChoice;
use crate::findings::Finding;
use crate::principal::Principal;
use crate::settings::SettingsNote;

pub use self::tls::days;

/// A list of names for a message, cut after `limit`.
pub(crate) fn name_list(names: &[String], limit: usize) -> String {
    if names.is_empty() {
        return "none".into();
    }
    let mut shown: Vec<String> = names.iter().take(limit).cloned().collect();
    if names.len() > limit {
        shown.push(format!("and {} more", names.len() - limit));
    }
    shown.join(", ")
}

/// What the findings are worded from, besides intake's own.
pub struct Sources<'a> {
    /// What was said about the principal's and host's sources.
    pub settings_notes: &'a [SettingsNote],
    /// The settings found.
    pub settings: &'a [ExchangeSettings],
    /// The parsed principal.
    pub principal: &'a Principal,
    /// The certificates.
    pub certificates: &'a [CertificateFacts],
    /// How the leaf was chosen.
    pub leaf: Option<&'a LeafChoice>,
    /// What was found about the leaf.
    pub evaluation: Option<&'a Evaluation>,
}

/// Every finding of the analysis stages, in the order they ran.
pub fn findings(sources: &Sources<'_>, out: &mut Vec<Finding>) {
    settings::findings(sources.settings_notes, sources.settings, out);
    principal::findings(sources.principal, out);
    if let Some(choice) = sources.leaf {
        chain::leaf_findings(choice, sources.certificates, out);
    }
    let Some(evaluation) = sources.evaluation else {
        return;
    };
    let leaf = &sources.certificates[evaluation.leaf];
    if let Some(matches) = &evaluation.matches {
        clients::findings(matches, leaf, out);
    }
    if let Some(checks) = &evaluation.tls {
        tls::findings(checks, leaf, out);
    }
    chain::findings(&evaluation.chain, sources.certificates, out);
    if evaluation.has_server_certificate() {
        out.push(tls::revocation(leaf));
    }
}

/// The sentence of each certificate-level failure, in order.
pub fn blocker_sentences(evaluation: &Evaluation, certs: &[CertificateFacts]) -> Vec<String> {
    let leaf = &certs[evaluation.leaf];
    evaluation
        .blockers()
        .map(|blocker| match blocker {
            crate::tls::Blocker::BadSignature => {
                chain::bad_signature_sentence(&evaluation.chain, certs).unwrap_or_default()
            }
            other => evaluation
                .tls
                .as_ref()
                .map(|checks| tls::blocker_sentence(other, checks, leaf))
                .unwrap_or_default(),
        })
        .collect()
}

//! The chain section.

use crate::chain::{ChainEnd, ChainLink, ChainReport, IssuerKind};
use crate::report::Report;
use crate::signature::SignatureCheck;

use super::writer::Writer;

fn label(report: &Report, i: usize) -> String {
    report
        .certificates
        .get(i)
        .map_or_else(|| format!("#{}", i + 1), |c| c.label())
}

/// The chain, link by link.
pub fn chain_section(out: &mut Writer, report: &Report, chain: &ChainReport) {
    out.blank();
    let ends = match (chain.ends, &chain.mozilla_root) {
        (ChainEnd::MozillaRoot, Some(root)) => format!("reaches the Mozilla root \"{root}\""),
        (ChainEnd::MozillaRoot, None) => "reaches a Mozilla root".into(),
        (ChainEnd::PrivateRoot, _) => {
            "ends at a root that is not in the Mozilla root program".into()
        }
        (ChainEnd::Incomplete, _) => "incomplete: an issuer is missing".into(),
    };
    out.line(format_args!(
        "CHAIN ({ends}; {} Mozilla roots known)",
        chain.mozilla_roots_known
    ));
    for link in &chain.links {
        link_line(out, report, link);
    }
    if !chain.unused.is_empty() {
        let unused: Vec<String> = chain.unused.iter().map(|i| label(report, *i)).collect();
        out.line(format_args!("  Not on the chain: {}", unused.join(", ")));
    }
}

fn link_line(out: &mut Writer, report: &Report, link: &ChainLink) {
    let signature = match &link.signature {
        Some(SignatureCheck::Valid) => "signature valid",
        Some(SignatureCheck::Invalid) => "SIGNATURE INVALID",
        Some(SignatureCheck::Unsupported) => "signature not checked",
        Some(SignatureCheck::NotChecked) => "signature not checked (limit reached)",
        None => "not checked",
    };
    let ids = match link.key_id_matches {
        Some(true) => ", key identifiers match",
        Some(false) => ", KEY IDENTIFIERS DIFFER",
        None => "",
    };
    let issuer = match link.issuer {
        IssuerKind::InInput => format!(
            "issued by {}",
            label(report, link.issuer_index.unwrap_or(link.certificate))
        ),
        IssuerKind::ItSelf => "self-signed".into(),
        IssuerKind::MozillaRoot => format!(
            "issued by the Mozilla root \"{}\" (not in the input)",
            link.issuer_name
        ),
        IssuerKind::Missing => format!("issuer {} MISSING", link.issuer_name),
    };
    out.line(format_args!(
        "  {} — {issuer} ({signature}{ids})",
        label(report, link.certificate)
    ));
}

//! The server-side findings: which certificate IIS serves, from the shell output.

use crate::cert::CertificateFacts;
use crate::clients::ClientMatches;
use crate::exchange::PsDate;
use crate::findings::{Finding, Topic};
use crate::rules;
use crate::server::{Binding, ServerSide};
use crate::verdict::Verdict;

fn listed_name(server: &ServerSide, i: usize) -> String {
    let listed = &server.listed[i];
    let subject = listed
        .cert
        .subject
        .as_deref()
        .unwrap_or("(no subject shown)");
    match listed.thumbprint() {
        Some(t) => format!("{subject} (thumbprint {t})"),
        None => subject.to_string(),
    }
}

/// The findings about what IIS serves and how the analysed certificate relates to it.
pub fn findings(
    server: &ServerSide,
    binding: &Binding,
    leaf: Option<&CertificateFacts>,
    principal: Option<&str>,
    out: &mut Vec<Finding>,
) {
    let at = |rule, message: String| Finding::new(rule, Topic::Certificate, message);
    match binding {
        Binding::NotListed => return,
        Binding::FileIsIis { thumbprint } => out.push(at(
            &rules::EXCHANGE_FILE_IS_IIS,
            format!("the certificate file is the one Get-ExchangeCertificate shows enabled for IIS (thumbprint {thumbprint}), the one Outlook Anywhere sees."),
        )),
        Binding::FileNotIis { file, iis } => out.push(at(
            &rules::EXCHANGE_FILE_NOT_IIS,
            format!("the certificate file (thumbprint {file}) is not the one enabled for IIS, which Outlook Anywhere sees: {}. The verdict is for the IIS certificate, from Get-ExchangeCertificate's summary; check that the file is the certificate you meant to send.", listed_name(server, *iis)),
        )),
        Binding::SummaryOfIis { iis } => out.push(at(
            &rules::EXCHANGE_IIS_CERTIFICATE,
            format!("Outlook Anywhere sees the certificate enabled for IIS: {}.", listed_name(server, *iis)),
        )),
        Binding::NoIis => {
            let all: Vec<String> = (0..server.listed.len()).map(|i| listed_name(server, i)).collect();
            out.push(at(
                &rules::EXCHANGE_NO_IIS,
                format!("none of the {} certificate(s) Get-ExchangeCertificate lists is enabled for IIS ({}), so IIS serves another certificate, perhaps of another server: what Outlook Anywhere sees cannot be told. Run Get-ExchangeCertificate | Format-List on every server, or bind the right one (see the fix).", all.len(), all.join("; ")),
            ));
        }
    }
    if leaf.is_some_and(CertificateFacts::is_summary) {
        out.push(at(
            &rules::EXCHANGE_SUMMARY,
            "the verdict rests on Get-ExchangeCertificate's summary (Subject, CertificateDomains, NotBefore, NotAfter), not on the certificate itself; an exported .cer would add the Enhanced Key Usage, the chain and the signatures.".into(),
        ));
        dates(server, binding, out);
    }
    several_servers(server, principal, out);
}

fn dates(server: &ServerSide, binding: &Binding, out: &mut Vec<Finding>) {
    let (Binding::FileNotIis { iis, .. } | Binding::SummaryOfIis { iis }) = binding else {
        return;
    };
    let cert = &server.listed[*iis].cert;
    for (what, date) in [
        ("NotBefore", &cert.not_before),
        ("NotAfter", &cert.not_after),
    ] {
        if let Some(PsDate::Ambiguous {
            text,
            month_first,
            day_first,
        }) = date
        {
            out.push(Finding::new(
                &rules::EXCHANGE_DATE_AMBIGUOUS,
                Topic::Validity,
                format!(
                    "{what} \"{text}\" can be read month first ({}) or day first ({}); the stricter reading was used. The server's culture decides: paste (Get-ExchangeCertificate).{what}.ToString('o') to be sure.",
                    crate::cert::rfc3339(*month_first),
                    crate::cert::rfc3339(*day_first)
                ),
            ));
        }
    }
}

/// Several IIS certificates (servers): the same principal must work on each.
fn several_servers(server: &ServerSide, principal: Option<&str>, out: &mut Vec<Finding>) {
    let iis = server.iis();
    if iis.len() < 2 {
        return;
    }
    let facts: Vec<CertificateFacts> = iis
        .iter()
        .map(|i| {
            crate::cert::summary::from_exchange(
                *i,
                &server.listed[*i].cert,
                &server.listed[*i].source,
            )
        })
        .collect();
    let mut cns: Vec<String> = facts
        .iter()
        .filter_map(|f| f.common_names.first().cloned())
        .collect();
    cns.sort_by_key(|c| c.to_ascii_lowercase());
    cns.dedup_by(|a, b| a.eq_ignore_ascii_case(b));
    let failing: Vec<String> = principal
        .map(|name| {
            iis.iter()
                .zip(&facts)
                .filter(|(_, f)| {
                    ClientMatches::of(name, f).verdicts().modern_windows == Verdict::Fail
                })
                .map(|(i, _)| listed_name(server, *i))
                .collect()
        })
        .unwrap_or_default();
    if cns.len() > 1 || !failing.is_empty() {
        let on_which = if failing.is_empty() {
            String::new()
        } else {
            format!(
                " msstd:{} fails on: {}.",
                principal.unwrap_or_default(),
                failing.join("; ")
            )
        };
        out.push(Finding::new(
            &rules::EXCHANGE_CNS_DIFFER,
            Topic::Certificate,
            format!("{} certificates are enabled for IIS (several servers), with the CNs {}: clients may reach any of them, and the same principal name must work on each.{on_which}", iis.len(), cns.join(", ")),
        ));
    }
}

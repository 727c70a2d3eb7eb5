//! The fix in words: the [`Fix`] the report shows, from the [`FixPlan`].

use crate::fix::{
    Candidate, CertificateNeed, CertificateReason, Fix, FixPlan, PrincipalChange,
    OUTLOOK_SETTING_LABEL,
};
use crate::tls::Blocker;
use crate::verdict::Verdict;

fn empty() -> Fix {
    Fix {
        needed: true,
        principal_name: None,
        principal_name_verdicts: None,
        passing_everywhere: Vec::new(),
        powershell: None,
        outlook_setting: None,
        certificate_request: None,
        steps: Vec::new(),
    }
}

/// Word the plan.
pub fn render(plan: &FixPlan) -> Fix {
    match plan {
        FixPlan::NoCertificate => {
            let mut fix = empty();
            fix.steps.push("Ask the customer for the Exchange server's certificate as a .cer, .crt or .pem file: in the Exchange admin center (Servers > Certificates) the one assigned to IIS, or from the Exchange Management Shell the one whose Services include IIS in Get-ExchangeCertificate | Format-List Thumbprint,Subject,Services,NotAfter.".into());
            fix
        }
        FixPlan::NoServerCertificate { host } => {
            let mut fix = empty();
            fix.steps.push("The input holds only CA certificates: ask for the Exchange server's own certificate, the one whose Services include IIS in Get-ExchangeCertificate | Format-List Thumbprint,Subject,Services,NotAfter (export it as a .cer, without its private key).".into());
            let host = host.as_deref().unwrap_or("<Outlook Anywhere host name>");
            fix.steps.push(format!("Or fetch what the server presents, from any machine that reaches it: openssl s_client -connect {host}:443 -servername {host} -showcerts, and paste the whole output here."));
            fix
        }
        FixPlan::Certificate { .. } => certificate_fix(plan),
    }
}

fn certificate_fix(plan: &FixPlan) -> Fix {
    let FixPlan::Certificate {
        best,
        change,
        passing_everywhere,
        no_name_possible,
        certificate,
    } = plan
    else {
        return empty();
    };
    let mut fix = empty();
    fix.needed = false;
    fix.passing_everywhere = passing_everywhere.clone();
    let blocking = certificate.as_ref().filter(|need| need.is_blocking());
    if let Some(need) = blocking {
        push_certificate(&mut fix, need);
    }
    if let Some(best) = best {
        principal_steps(&mut fix, best, *change);
    } else if *no_name_possible {
        fix.needed = true;
        fix.steps.push("No principal name can pass with this certificate: it carries no usable CN or SAN DNS name.".into());
    }
    if let Some(need) = certificate.as_ref().filter(|need| !need.is_blocking()) {
        push_certificate(&mut fix, need);
    }
    fix
}

fn principal_steps(fix: &mut Fix, best: &Candidate, change: PrincipalChange) {
    let value = format!("msstd:{}", best.name);
    let powershell = format!("Set-OutlookProvider EXPR -CertPrincipalName:\"{value}\"");
    match change {
        PrincipalChange::TurnOn => fix.steps.push(format!(
            "No principal name is set, so no principal check happens. To turn mutual authentication on, use {value}: on the Exchange server run {powershell} (Outlook gets it through Autodiscover), or enter it in Outlook's Exchange Proxy Settings box \"{OUTLOOK_SETTING_LABEL}\"."
        )),
        PrincipalChange::Keep => {}
        PrincipalChange::Set => {
            fix.needed = true;
            fix.steps.push(format!(
                "Set the principal name to {value}: on the Exchange server run {powershell} (Outlook picks it up through Autodiscover), or for a single Outlook profile enter {value} in Exchange Proxy Settings, \"{OUTLOOK_SETTING_LABEL}\"."
            ));
        }
    }
    if !best.verdicts.all_pass() {
        fix.steps.push(format!(
            "No principal name passes on every client with this certificate: {value} works on Windows Vista SP1 and later{}.",
            if best.verdicts.legacy_windows == Verdict::Pass { "" } else { ", not on Windows XP, Server 2003 or Vista RTM" }
        ));
    }
    fix.principal_name_verdicts = Some(best.verdicts);
    if change != PrincipalChange::Keep {
        fix.principal_name = Some(value.clone());
        fix.powershell = Some(powershell);
        fix.outlook_setting = Some(value);
    }
}

fn push_certificate(fix: &mut Fix, need: &CertificateNeed) {
    let request = request(need);
    fix.steps.push(format!(
        "Certificate: {} — {request}",
        reasons(need).join("; ")
    ));
    fix.certificate_request = Some(request);
    fix.needed = true;
}

fn reasons(need: &CertificateNeed) -> Vec<&'static str> {
    need.reasons
        .iter()
        .map(|reason| match reason {
            CertificateReason::Blocked(Blocker::HostNotCovered) => {
                "the RPC proxy host name is not covered"
            }
            CertificateReason::Blocked(Blocker::Expired) => "the certificate has expired",
            CertificateReason::Blocked(Blocker::NotYetValid) => "the certificate is not valid yet",
            CertificateReason::Blocked(Blocker::NoServerAuth) => {
                "the certificate lacks the Server Authentication EKU"
            }
            CertificateReason::Blocked(Blocker::BadSignature) => {
                "a signature on its chain does not verify"
            }
            CertificateReason::SelfSigned => "the certificate is self-signed",
            CertificateReason::NoNamePassesEverywhere => "no principal name passes on every client",
            CertificateReason::EmailInSubject => "the subject holds an e-mail address",
        })
        .collect()
}

/// Top-level domains with no public suffix below them that a certificate name
/// would use (`contoso.com` is a registrable domain; under `uk`, `co.uk` is
/// not). Elsewhere the Autodiscover name is left for the engineer to fill in.
/// (Checked against the ICANN section of the public suffix list: none of these has
/// a public suffix of two labels.)
const FLAT_TLDS: &[&str] = &[
    "com", "net", "org", "edu", "gov", "mil", "int", "info", "biz", "de", "nl", "ch", "dk", "cz",
    "lu", "li", "eu",
];

/// The Autodiscover name of the domain `cn` belongs to, when sure:
/// `mail.contoso.com` and `contoso.com` give `autodiscover.contoso.com`.
pub fn autodiscover_name(cn: &str) -> Option<String> {
    let labels: Vec<&str> = cn.trim_end_matches('.').split('.').collect();
    let tld = labels.last()?.to_ascii_lowercase();
    if labels.len() < 2 || !FLAT_TLDS.contains(&tld.as_str()) {
        return None;
    }
    let domain = labels[labels.len() - 2..].join(".");
    Some(format!("autodiscover.{}", domain.to_ascii_lowercase()))
}

fn request(need: &CertificateNeed) -> String {
    let cn = &need.cn;
    let autodiscover = match autodiscover_name(cn) {
        Some(name) if !name.eq_ignore_ascii_case(cn) => name,
        _ => "autodiscover.<your e-mail domain>".to_string(),
    };
    let then = if need.principal_is_cn {
        format!("the principal name msstd:{cn} then matches its CN")
    } else {
        format!("then set the principal name to msstd:{cn}")
    };
    format!(
        "Request a certificate from a public CA with subject CN={cn} (and no e-mail address in the subject), SAN DNS names {cn} plus the Autodiscover name ({autodiscover}), the Server Authentication EKU, and a 2048-bit or larger RSA key; {then}."
    )
}

#[cfg(test)]
mod tests {
    use super::autodiscover_name;

    #[test]
    fn autodiscover_belongs_to_the_servers_domain_never_a_public_suffix() {
        let table = [
            ("mail.contoso.com", Some("autodiscover.contoso.com")),
            ("microsoft.com", Some("autodiscover.microsoft.com")),
            ("a.b.contoso.de", Some("autodiscover.contoso.de")),
            ("localhost", None),
            ("mail.contoso.co.uk", None),
            ("contoso.co.uk", None),
            ("com", None),
        ];
        for (cn, want) in table {
            assert_eq!(autodiscover_name(cn).as_deref(), want, "{cn}");
        }
    }
}

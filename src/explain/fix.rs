//! The fix in words: the [`Fix`] the report shows, from the [`FixPlan`].

use crate::fix::{
    CertificateNeed, CertificateReason, Fix, FixPlan, PrincipalChange, OUTLOOK_SETTING_LABEL,
};
use crate::tls::Blocker;
use crate::verdict::Verdict;

/// Word the plan.
pub fn render(plan: &FixPlan) -> Fix {
    let mut fix = Fix {
        needed: false,
        principal_name: None,
        principal_name_verdicts: None,
        passing_everywhere: Vec::new(),
        powershell: None,
        outlook_setting: None,
        certificate_request: None,
        steps: Vec::new(),
    };
    let FixPlan::Certificate {
        best,
        change,
        passing_everywhere,
        no_name_possible,
        certificate,
    } = plan
    else {
        fix.needed = true;
        fix.steps.push("Ask the customer for the Exchange server's certificate (export it from the Exchange admin center, or run `Get-ExchangeCertificate` and export the one with the IIS service) as a .cer, .crt or .pem file.".into());
        return fix;
    };
    fix.passing_everywhere = passing_everywhere.clone();
    if let Some(best) = best {
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
        fix.principal_name = Some(value.clone());
        fix.principal_name_verdicts = Some(best.verdicts);
        fix.powershell = Some(powershell);
        fix.outlook_setting = Some(value);
    } else if *no_name_possible {
        fix.needed = true;
        fix.steps.push("No principal name can pass with this certificate: it carries no usable CN or SAN DNS name.".into());
    }
    if let Some(need) = certificate {
        let request = request(need);
        fix.steps.push(format!(
            "Certificate: {} — {request}",
            reasons(need).join("; ")
        ));
        fix.certificate_request = Some(request);
        fix.needed = true;
    }
    fix
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

fn request(need: &CertificateNeed) -> String {
    let cn = &need.cn;
    format!(
        "Request a certificate from a public CA with subject CN={cn} (and no e-mail address in the subject), SAN DNS names {cn} plus the Autodiscover name (for example autodiscover.{}), the Server Authentication EKU, and a 2048-bit or larger RSA key; then set the principal name to msstd:{cn}.",
        cn.split_once('.').map_or(cn.as_str(), |(_, domain)| domain)
    )
}

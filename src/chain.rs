//! Which certificate is the leaf (the server certificate), and why.

use crate::cert::CertificateFacts;
use crate::findings::{Finding, Topic};
use crate::rules;

/// Did `issuer` issue `child` (by name; a certificate does not issue itself)?
fn issued(issuer: &CertificateFacts, child: &CertificateFacts) -> bool {
    issuer.index != child.index && !child.self_issued && child.issuer_der == issuer.subject_der
}

/// Pick the leaf: the certificate that issued no other certificate in the
/// input and is not a CA. Findings say which was picked and why.
pub fn choose_leaf(certs: &[CertificateFacts], findings: &mut Vec<Finding>) -> Option<usize> {
    if certs.is_empty() {
        return None;
    }
    if certs.len() == 1 {
        let only = &certs[0];
        if only.is_ca() {
            findings.push(
                Finding::new(
                    &rules::CERT_CA_AS_LEAF,
                    Topic::Certificate,
                    format!("{} is a CA certificate (basic constraints CA:TRUE), not a server certificate; ask for the Exchange server's own certificate.", only.label()),
                )
                .about(only.index),
            );
        }
        return Some(only.index);
    }
    let bottom: Vec<&CertificateFacts> = certs
        .iter()
        .filter(|c| !certs.iter().any(|other| issued(c, other)))
        .collect();
    let leaves: Vec<&CertificateFacts> = bottom.iter().copied().filter(|c| !c.is_ca()).collect();
    let (chosen, why) = match (leaves.as_slice(), bottom.as_slice()) {
        ([one], _) => (*one, "it issued no other certificate in the input and is not a CA"),
        ([first, ..], _) => (*first, "it is the first of several certificates that issued no other certificate and are not CAs"),
        ([], [first, ..]) => (*first, "it issued no other certificate in the input, although it is a CA"),
        ([], []) => (&certs[0], "every certificate issued another one (a loop of names); the first was taken"),
    };
    findings.push(
        Finding::new(
            &rules::INTAKE_LEAF_CHOSEN,
            Topic::Intake,
            format!(
                "of {} certificates, {} was taken as the server certificate: {why}.",
                certs.len(),
                chosen.label()
            ),
        )
        .about(chosen.index),
    );
    if leaves.len() > 1 {
        let others: Vec<String> = leaves.iter().skip(1).map(|c| c.label()).collect();
        findings.push(
            Finding::new(
                &rules::INTAKE_SEVERAL_LEAVES,
                Topic::Intake,
                format!("the input holds more than one server certificate; the others ({}) were not evaluated. Check them one at a time.", others.join(", ")),
            )
            .about(chosen.index),
        );
    }
    if chosen.is_ca() {
        findings.push(
            Finding::new(
                &rules::CERT_CA_AS_LEAF,
                Topic::Certificate,
                format!("{} is a CA certificate (basic constraints CA:TRUE), not a server certificate; the server certificate seems to be missing from the input.", chosen.label()),
            )
            .about(chosen.index),
        );
    }
    Some(chosen.index)
}

//! Hostile and huge input: each gets a clear answer or a clear error, never a
//! hang or a crash, and the limits in `src/limits.rs` (stated in the README)
//! are enforced. No timing is asserted: a hang would show as a CI time-out.

use std::path::Path;

use msstd_check::limits::{MAX_CERTIFICATES, MAX_INPUT_BYTES, MAX_SANS};
use msstd_check::{analyze, Input, Options, Report};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/certs")
            .join(name),
    )
    .expect("fixture")
}

fn run(name: &str, bytes: &[u8], password: Option<&str>) -> Report {
    analyze(
        &[Input { name, bytes }],
        &Options {
            principal: Some("msstd:mail.contoso.com".into()),
            host: Some("mail.contoso.com".into()),
            at: 1_764_028_800, // 2025-11-25
            password: password.map(str::to_string),
        },
    )
}

fn codes(report: &Report) -> Vec<&'static str> {
    report.findings.iter().map(|f| f.code.as_str()).collect()
}

/// Deterministic pseudo-random bytes (xorshift64*).
fn random_bytes(len: usize, mut seed: u64) -> Vec<u8> {
    let mut out = Vec::with_capacity(len);
    while out.len() < len {
        seed ^= seed >> 12;
        seed ^= seed << 25;
        seed ^= seed >> 27;
        out.extend_from_slice(&seed.wrapping_mul(0x2545_F491_4F6C_DD1D).to_le_bytes());
    }
    out.truncate(len);
    out
}

#[test]
fn twenty_megabytes_of_random_bytes_are_refused_clearly() {
    let bytes = random_bytes(20 * 1024 * 1024, 7);
    let report = run("random.bin", &bytes, None);
    assert!(report.certificates.is_empty());
    assert!(
        codes(&report).contains(&"INTAKE_TOO_LARGE"),
        "{:?}",
        codes(&report)
    );
    let item = &report.input[0];
    assert!(
        item.message.contains("20.0 MB") && item.message.contains("16.0 MB"),
        "{}",
        item.message
    );
}

#[test]
fn random_bytes_under_the_limit_are_an_error_not_a_crash() {
    for (i, len) in [1usize, 2, 3, 100, 4096, 1024 * 1024, MAX_INPUT_BYTES]
        .into_iter()
        .enumerate()
    {
        let mut bytes = random_bytes(len, 11 + i as u64);
        let report = run("random.bin", &bytes, None);
        assert!(report.certificates.is_empty());
        assert!(report
            .findings
            .iter()
            .any(|f| f.code.as_str() == "INTAKE_NO_CERTIFICATE"));
        // The same bytes made to look like DER, a bundle and a PFX.
        if len > 4 {
            bytes[0] = 0x30;
            bytes[1] = 0x80;
            let report = run("random.der", &bytes, Some("x"));
            assert!(report.certificates.is_empty());
        }
    }
}

/// A distinct copy of a certificate: one byte of its signature changed.
fn variant(der: &[u8], n: usize) -> Vec<u8> {
    let mut copy = der.to_vec();
    let last = copy.len() - 1;
    copy[last] = (n % 251) as u8;
    copy[last - 1] = (n / 251) as u8;
    copy
}

fn pem_of(der: &[u8]) -> String {
    ::pem::encode(&::pem::Pem::new("CERTIFICATE", der.to_vec()))
}

#[test]
fn ten_thousand_certificates_read_the_first_thousand() {
    let der = fixture("cn-and-san.cer");
    let text: String = (0..10_000).map(|n| pem_of(&variant(&der, n))).collect();
    assert!(
        text.len() < MAX_INPUT_BYTES,
        "the bundle must be under the size limit to test the count limit"
    );
    let report = run("bundle.pem", text.as_bytes(), None);
    assert_eq!(report.certificates.len(), MAX_CERTIFICATES);
    let finding = report
        .findings
        .iter()
        .find(|f| f.code.as_str() == "INTAKE_TOO_MANY_CERTIFICATES")
        .expect("count limit finding");
    assert!(finding.message.contains("9000 more"), "{}", finding.message);
    // Extra certificates are summed up in one finding, not a thousand.
    assert!(
        report.findings.len() < 40,
        "{} findings",
        report.findings.len()
    );
}

#[test]
fn ten_thousand_sans_are_cut_at_the_limit() {
    let report = run("many-sans.pem", &fixture("many-sans.pem"), None);
    let leaf = report.leaf_certificate().expect("leaf");
    assert_eq!(leaf.dns_names().len(), MAX_SANS);
    assert!(codes(&report).contains(&"CERT_TOO_MANY_SANS"));
    assert_eq!(
        report.verdict.modern_windows,
        msstd_check::verdict::Verdict::Pass
    );
}

#[test]
fn deeply_nested_asn1_is_refused_without_overflowing_the_stack() {
    // 100,000 nested SEQUENCEs with indefinite lengths (BER), then with definite lengths.
    let depth = 100_000;
    let mut indefinite = Vec::new();
    for _ in 0..depth {
        indefinite.extend_from_slice(&[0x30, 0x80]);
    }
    for _ in 0..depth {
        indefinite.extend_from_slice(&[0x00, 0x00]);
    }
    // Definite lengths, written outside in: level i (0 = outermost) holds the
    // 6-byte headers of the levels inside it and a final NULL (2 bytes).
    let mut definite: Vec<u8> = Vec::with_capacity(depth * 6 + 2);
    for i in 0..depth {
        let len = (2 + 6 * (depth - 1 - i)) as u32;
        definite.extend_from_slice(&[0x30, 0x84]);
        definite.extend_from_slice(&len.to_be_bytes());
    }
    definite.extend_from_slice(&[0x05, 0x00]);
    // A PKCS#7 header around the indefinite nest: the BER walker must stop at its depth bound.
    let mut p7: Vec<u8> = vec![
        0x30, 0x80, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02, 0xa0, 0x80,
    ];
    p7.extend_from_slice(&indefinite);
    p7.extend_from_slice(&[0, 0, 0, 0]);
    for (name, bytes) in [
        ("nest-ber.der", &indefinite),
        ("nest-der.der", &definite),
        ("nest.p7b", &p7),
    ] {
        let report = run(name, bytes, None);
        assert!(report.certificates.is_empty(), "{name}");
        assert!(
            report
                .findings
                .iter()
                .any(|f| f.severity == msstd_check::rules::Severity::Error),
            "{name}"
        );
        let pem = ::pem::encode(&::pem::Pem::new("PKCS7", bytes.clone()));
        let report = run(name, pem.as_bytes(), None);
        assert!(report.certificates.is_empty(), "{name} as PEM");
    }
}

#[test]
fn overlong_lengths_are_refused() {
    for bytes in [
        vec![0x30, 0x84, 0xff, 0xff, 0xff, 0xff, 0x02, 0x01],
        vec![
            0x30, 0x88, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02,
        ],
        vec![0x30, 0x8f, 0x01],
    ] {
        let report = run("overlong.der", &bytes, None);
        assert!(report.certificates.is_empty());
        assert!(!report.input.is_empty());
    }
}

#[test]
fn absurd_pbe_iterations_are_refused_quickly() {
    let report = run(
        "huge.pfx",
        &fixture("huge-iterations.pfx"),
        Some("Contoso!2025"),
    );
    assert!(report.certificates.is_empty());
    let error = report
        .input
        .iter()
        .find(|i| i.outcome == msstd_check::intake::Outcome::Error)
        .expect("error item");
    assert!(error.message.contains("1000000"), "{}", error.message);
}

#[test]
fn pathological_text_is_linear_and_clear() {
    // A megabyte of one long line, of dashes, of "-----BEGIN" markers, of hex and of base64 letters.
    let cases: Vec<Vec<u8>> = vec![
        vec![b'A'; 1024 * 1024],
        vec![b'-'; 1024 * 1024],
        "-----BEGIN CERTIFICATE-----\n".repeat(40_000).into_bytes(),
        "30 82 ".repeat(150_000).into_bytes(),
        "=3D".repeat(300_000).into_bytes(),
        "> ".repeat(400_000).into_bytes(),
        "<Autodiscover><Protocol>".repeat(40_000).into_bytes(),
    ];
    for bytes in cases {
        let report = run("odd.txt", &bytes, None);
        assert!(report.certificates.is_empty());
        assert!(!report.input.is_empty());
    }
}

#[test]
fn many_same_name_issuers_cost_a_bounded_number_of_signature_checks() {
    // The leaf and 999 copies of its issuer (same name and key, distinct bytes):
    // the chain walk must not check a signature per pair.
    let leaf = fixture("cn-and-san.cer");
    let ca_pem = String::from_utf8(fixture("issuing-ca.pem")).expect("text");
    let ca = ::pem::parse(ca_pem.as_bytes())
        .expect("pem")
        .into_contents();
    let mut text = pem_of(&leaf);
    for n in 0..999 {
        text.push_str(&pem_of(&variant(&ca, n)));
    }
    let report = run("issuers.pem", text.as_bytes(), None);
    assert_eq!(report.certificates.len(), 1000);
    let chain = report.chain.as_ref().expect("chain");
    assert_eq!(chain.path.len(), 2, "leaf and one issuer");
    assert_eq!(
        chain.links[0].signature,
        Some(msstd_check::signature::SignatureCheck::Valid)
    );
    assert!(
        report.findings.len() < 40,
        "{} findings",
        report.findings.len()
    );
}

#[test]
fn when_the_signature_check_limit_is_reached_the_link_says_not_checked() {
    // The leaf, 998 copies of a look-alike issuer (same name, another key: each
    // copy's check fails), then the real issuer: the limit of signature checks
    // is spent on the look-alikes, so the real issuer (chosen by its key
    // identifier) is not checked, and the report says why, not "unsupported".
    let leaf = fixture("cn-and-san.cer");
    let chain = String::from_utf8(fixture("chain-wrong-key-intermediate.pem")).expect("text");
    let look_alike = ::pem::parse_many(chain.as_bytes()).expect("pem")[1]
        .contents()
        .to_vec();
    let issuer = ::pem::parse(fixture("issuing-ca.pem"))
        .expect("pem")
        .into_contents();
    let mut text = pem_of(&leaf);
    for n in 0..998 {
        text.push_str(&pem_of(&variant(&look_alike, n)));
    }
    text.push_str(&pem_of(&issuer));
    let report = run("look-alikes.pem", text.as_bytes(), None);
    assert_eq!(report.certificates.len(), 1000);
    let chain = report.chain.as_ref().expect("chain");
    let link = &chain.links[0];
    assert_eq!(link.issuer_index, Some(999), "the issuer its key id names");
    assert_eq!(link.key_id_matches, Some(true));
    assert_eq!(
        link.signature,
        Some(msstd_check::signature::SignatureCheck::NotChecked)
    );
    let json = serde_json::to_value(link).expect("json");
    assert_eq!(json["signature"], "not_checked");
    let limit = msstd_check::limits::MAX_SIGNATURE_CHECKS;
    let unchecked: Vec<&str> = report
        .findings
        .iter()
        .filter(|f| f.code.as_str() == "CHAIN_SIGNATURE_UNCHECKED")
        .map(|f| f.message.as_str())
        .collect();
    assert_eq!(unchecked.len(), 1, "{unchecked:?}");
    assert!(
        unchecked[0].contains(&format!(
            "was not checked: the limit of {limit} signature checks per analysis was reached"
        )),
        "{}",
        unchecked[0]
    );
    assert!(!unchecked[0].contains("not verified here"));
    let text = msstd_check::text_report::render(&report);
    assert!(text.contains("signature not checked (limit reached)"));
}

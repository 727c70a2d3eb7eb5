//! Golden-output tests: the command line's text report (and one JSON report),
//! run as a real process, compared with files in `tests/golden/`.
//! Regenerate with `UPDATE_GOLDEN=1 cargo test --test golden`.

use std::path::Path;
use std::process::Command;

/// (golden file, arguments after the binary name)
const CASES: &[(&str, &[&str])] = &[
    (
        "pass.txt",
        &[
            "--msstd",
            "msstd:mail.contoso.com",
            "--host",
            "mail.contoso.com",
            "tests/fixtures/certs/chain-leaf-first.pem",
        ],
    ),
    (
        "wildcard-warn.txt",
        &[
            "--msstd",
            "msstd:mail.contoso.com",
            "--host",
            "mail.contoso.com",
            "tests/fixtures/certs/wildcard.pem",
        ],
    ),
    (
        "expired-host-fail.txt",
        &[
            "--msstd",
            "msstd:mail.contoso.com",
            "--host",
            "owa.fabrikam.com",
            "tests/fixtures/certs/expired.pem",
        ],
    ),
    (
        "missing-prefix.txt",
        &[
            "--msstd",
            "mail.contoso.com",
            "tests/fixtures/certs/cn-and-san.cer",
        ],
    ),
    (
        "subject-email.txt",
        &[
            "--msstd",
            "msstd:mail.contoso.com",
            "tests/fixtures/certs/subject-email.pem",
        ],
    ),
    (
        "s-client.txt",
        &[
            "--msstd",
            "msstd:mail.contoso.com",
            "tests/fixtures/certs/s_client.txt",
        ],
    ),
    (
        "broken-input.txt",
        &[
            "--msstd",
            "msstd:mail.contoso.com",
            "tests/fixtures/certs/bad-base64.pem",
        ],
    ),
    (
        "xss.txt",
        &[
            "--msstd",
            "msstd:mail.contoso.com",
            "tests/fixtures/certs/xss.pem",
        ],
    ),
    (
        "exchange-summary.txt",
        &[
            "--msstd",
            "msstd:mail.contoso.com",
            "tests/fixtures/exchange/all-three.txt",
        ],
    ),
    (
        "exchange-no-iis.txt",
        &[
            "--msstd",
            "msstd:mail.contoso.com",
            "tests/fixtures/exchange/no-iis.txt",
        ],
    ),
    (
        "exchange-truncated.txt",
        &[
            "--msstd",
            "msstd:exchange.contoso.com",
            "tests/fixtures/exchange/truncated-list.txt",
        ],
    ),
    (
        "ca-only.txt",
        &[
            "--msstd",
            "msstd:mail.contoso.com",
            "tests/fixtures/certs/issuing-ca.pem",
            "tests/fixtures/certs/root.pem",
            "--together",
        ],
    ),
    (
        "principal-in-email.txt",
        &["tests/fixtures/certs/principal-in-email.txt"],
    ),
    (
        "none.txt",
        &["--msstd", "None", "tests/fixtures/certs/cn-and-san.pem"],
    ),
    (
        "p7b-chain.txt",
        &[
            "--msstd",
            "msstd:mail.contoso.com",
            "tests/fixtures/certs/bundle-ber-indefinite.p7b",
        ],
    ),
    (
        "pfx.txt",
        &[
            "--password",
            "Contoso!2025",
            "--msstd",
            "msstd:mail.contoso.com",
            "tests/fixtures/certs/leaf-aes.pfx",
        ],
    ),
    (
        "bad-signature.txt",
        &[
            "--msstd",
            "msstd:mail.contoso.com",
            "tests/fixtures/certs/chain-bad-signature.pem",
        ],
    ),
    (
        "autodiscover-mapi.txt",
        &[
            "--autodiscover",
            "tests/fixtures/certs/autodiscover-mapihttp.xml",
            "tests/fixtures/certs/wildcard.pem",
        ],
    ),
    (
        "mozilla-chain.txt",
        &[
            "--msstd",
            "msstd:*.peg.a2z.com",
            "--host",
            "www.amazon.com",
            "tests/fixtures/real/pkcs7-der-amazon.com-leaf-and-intermediate.p7b",
        ],
    ),
    (
        "cn-and-san.json",
        &[
            "--json",
            "--msstd",
            "msstd:mail.contoso.com",
            "--host",
            "mail.contoso.com",
            "tests/fixtures/certs/cn-and-san.pem",
        ],
    ),
];

#[test]
fn text_reports_match_the_golden_files() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut mismatches = Vec::new();
    for (golden, args) in CASES {
        let output = Command::new(env!("CARGO_BIN_EXE_msstd-check"))
            .current_dir(root)
            .args(["--at", "2026-11-25T00:00:00Z"])
            .args(*args)
            .output()
            .expect("run msstd-check");
        assert!(
            output.stderr.is_empty(),
            "{golden}: stderr: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let actual = String::from_utf8(output.stdout).expect("UTF-8 output");
        let path = root.join("tests/golden").join(golden);
        if update {
            std::fs::write(&path, &actual).expect("write golden");
            continue;
        }
        let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!(
                "{}: {e} (run with UPDATE_GOLDEN=1 to create it)",
                path.display()
            )
        });
        if actual != expected {
            let first = actual
                .lines()
                .zip(expected.lines())
                .position(|(a, e)| a != e)
                .unwrap_or_else(|| actual.lines().count().min(expected.lines().count()));
            mismatches.push(format!(
                "{golden}: differs at line {}:\n  got:      {:?}\n  expected: {:?}",
                first + 1,
                actual.lines().nth(first),
                expected.lines().nth(first)
            ));
        }
    }
    assert!(
        mismatches.is_empty(),
        "{}\n(UPDATE_GOLDEN=1 cargo test --test golden rewrites them)",
        mismatches.join("\n")
    );
}

#[test]
fn text_report_puts_the_verdict_first_and_escapes_nothing_dangerous() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("tests/golden/xss.txt")).expect("golden");
    let verdict_line = text
        .lines()
        .position(|l| l.starts_with("VERDICT: "))
        .expect("verdict line");
    let reasons = text
        .lines()
        .position(|l| l.starts_with("REASONS"))
        .expect("reasons");
    let fix = text
        .lines()
        .position(|l| l.starts_with("FIX"))
        .expect("fix");
    let certs = text
        .lines()
        .position(|l| l.starts_with("CERTIFICATES"))
        .expect("certificates");
    assert!(verdict_line < 4 && verdict_line < reasons && reasons < fix && fix < certs);
    // The payload is shown as text, exactly.
    assert!(text.contains("<img src=x onerror=alert(1)>"));
    assert!(!text.contains('\u{1b}'));
}

//! The table of test vectors (`tests/vectors/vectors.json`): every rule of the
//! rules document, every normalization of the principal string, every intake
//! form, with expected verdicts and finding codes.

use std::path::{Path, PathBuf};

use msstd_check::{analyze, Input, Options};
use serde::Deserialize;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

/// `tests/vectors/vectors.json`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Table {
    /// What the table is, for its readers.
    #[allow(dead_code)]
    description: String,
    /// The analysis time of vectors that give none (RFC 3339).
    default_at: String,
    /// The vectors.
    vectors: Vec<Vector>,
}

/// One vector: inputs, options, and what the report must say.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Vector {
    /// What the vector shows.
    name: String,
    /// Fixture files under tests/fixtures/certs.
    files: Vec<String>,
    /// The principal name (`msstd:…`), if any.
    #[serde(default)]
    msstd: Option<String>,
    /// The host name the client connects to, if any.
    #[serde(default)]
    host: Option<String>,
    /// The analysis time (RFC 3339), else the table's default.
    #[serde(default)]
    at: Option<String>,
    /// The PKCS#12 password, if any.
    #[serde(default)]
    password: Option<String>,
    /// Expected verdicts.
    expect: Expect,
    /// Finding codes that must be raised.
    #[serde(default)]
    codes: Vec<String>,
    /// Finding codes that must not be raised.
    #[serde(default)]
    absent_codes: Vec<String>,
    /// How many certificates the report must hold.
    #[serde(default)]
    certificates: Option<usize>,
    /// The index of the leaf certificate.
    #[serde(default)]
    leaf: Option<usize>,
    /// The principal name the fix must propose (and its PowerShell line).
    #[serde(default)]
    fix_principal: Option<String>,
    /// Whether a fix is needed.
    #[serde(default)]
    fix_needed: Option<bool>,
    /// Whether the fix includes a certificate request.
    #[serde(default)]
    certificate_request: Option<bool>,
}

/// Expected verdicts (`pass`, `warn`, `fail`, `not_applicable`, `unknown`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    #[serde(default)]
    overall: Option<String>,
    #[serde(default)]
    modern_windows: Option<String>,
    #[serde(default)]
    legacy_windows: Option<String>,
    #[serde(default)]
    connectivity_analyzer: Option<String>,
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/certs")
}

fn table() -> Table {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors/vectors.json");
    serde_json::from_slice(&std::fs::read(&path).expect("vectors.json"))
        .unwrap_or_else(|e| panic!("vectors.json does not match the vector format: {e}"))
}

fn unix(text: &str) -> i64 {
    OffsetDateTime::parse(text, &Rfc3339)
        .unwrap_or_else(|e| panic!("bad time {text}: {e}"))
        .unix_timestamp()
}

/// Check one vector; return what disagreed.
fn check(vector: &Vector, default_at: &str) -> Vec<String> {
    let name = vector.name.as_str();
    let files: Vec<(String, Vec<u8>)> = vector
        .files
        .iter()
        .map(|file| {
            let bytes = std::fs::read(fixtures().join(file))
                .unwrap_or_else(|e| panic!("{name}: cannot read {file}: {e}"));
            (file.clone(), bytes)
        })
        .collect();
    let inputs: Vec<Input<'_>> = files
        .iter()
        .map(|(n, b)| Input { name: n, bytes: b })
        .collect();
    let options = Options {
        principal: vector.msstd.clone(),
        host: vector.host.clone(),
        at: unix(vector.at.as_deref().unwrap_or(default_at)),
        password: vector.password.clone(),
    };
    let report = analyze(&inputs, &options);
    let json = serde_json::to_value(&report).expect("report serializes");
    let mut problems = Vec::new();
    let expect = &vector.expect;
    for (key, expected) in [
        ("overall", &expect.overall),
        ("modern_windows", &expect.modern_windows),
        ("legacy_windows", &expect.legacy_windows),
        ("connectivity_analyzer", &expect.connectivity_analyzer),
    ] {
        let Some(expected) = expected else {
            continue;
        };
        let got = &json["verdict"][key];
        if got.as_str() != Some(expected.as_str()) {
            problems.push(format!(
                "{name}: verdict.{key} is {got}, expected {expected:?}"
            ));
        }
    }
    let codes: Vec<&str> = report.findings.iter().map(|f| f.code.as_str()).collect();
    for code in &vector.codes {
        if !codes.contains(&code.as_str()) {
            problems.push(format!("{name}: finding {code} missing (got {codes:?})"));
        }
    }
    for code in &vector.absent_codes {
        if codes.contains(&code.as_str()) {
            problems.push(format!("{name}: finding {code} should not be raised"));
        }
    }
    if let Some(n) = vector.certificates {
        if report.certificates.len() != n {
            problems.push(format!(
                "{name}: {} certificates read, expected {n}",
                report.certificates.len()
            ));
        }
    }
    if let Some(leaf) = vector.leaf {
        if report.leaf != Some(leaf) {
            problems.push(format!(
                "{name}: leaf is {:?}, expected {leaf}",
                report.leaf
            ));
        }
    }
    if let Some(fix) = vector.fix_principal.as_deref() {
        if report.fix.principal_name.as_deref() != Some(fix) {
            problems.push(format!(
                "{name}: fix principal is {:?}, expected {fix}",
                report.fix.principal_name
            ));
        }
        let expected_ps = format!("Set-OutlookProvider EXPR -CertPrincipalName:\"{fix}\"");
        if report.fix.powershell.as_deref() != Some(expected_ps.as_str()) {
            problems.push(format!(
                "{name}: PowerShell line is {:?}",
                report.fix.powershell
            ));
        }
    }
    if let Some(needed) = vector.fix_needed {
        if report.fix.needed != needed {
            problems.push(format!(
                "{name}: fix.needed is {}, expected {needed}",
                report.fix.needed
            ));
        }
    }
    if let Some(wanted) = vector.certificate_request {
        if report.fix.certificate_request.is_some() != wanted {
            problems.push(format!(
                "{name}: certificate_request is {:?}",
                report.fix.certificate_request
            ));
        }
    }
    // Every finding carries a grade, a severity and a non-empty message.
    for f in &report.findings {
        if f.message.trim().is_empty() {
            problems.push(format!("{name}: finding {} has an empty message", f.code));
        }
    }
    problems
}

#[test]
fn every_vector_gives_the_expected_report() {
    let table = table();
    let vectors = &table.vectors;
    assert!(vectors.len() >= 70, "the table shrank to {}", vectors.len());
    let problems: Vec<String> = vectors
        .iter()
        .flat_map(|v| check(v, &table.default_at))
        .collect();
    assert!(
        problems.is_empty(),
        "{} problem(s):\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn every_rule_of_the_principal_comparison_has_a_vector() {
    let table = table();
    let covered: Vec<&str> = table
        .vectors
        .iter()
        .flat_map(|v| v.codes.iter().map(String::as_str))
        .collect();
    // INTAKE_PFX_UNSUPPORTED and SETTINGS_UNSUPPORTED are raised only by builds
    // without the "pkcs12" / "autodiscover" features (the page's core engine);
    // tests/web.rs covers them there.
    // INTAKE_TOO_LARGE and INTAKE_TOO_MANY_CERTIFICATES need inputs of many
    // megabytes; tests/hostile.rs generates them.
    let only_in_other_builds = [
        "INTAKE_PFX_UNSUPPORTED",
        "SETTINGS_UNSUPPORTED",
        "INTAKE_TOO_LARGE",
        "INTAKE_TOO_MANY_CERTIFICATES",
    ];
    let missing: Vec<&str> = msstd_check::rules::ALL
        .iter()
        .map(|r| r.code.as_str())
        .filter(|code| !covered.contains(code) && !only_in_other_builds.contains(code))
        .collect();
    assert!(missing.is_empty(), "rules with no test vector: {missing:?}");
}

#[test]
fn a_misspelt_key_is_refused() {
    let good =
        r#"{"name": "n", "files": ["a.pem"], "expect": {"overall": "pass"}, "codes": ["X"]}"#;
    assert!(serde_json::from_str::<Vector>(good).is_ok());
    for bad in [
        r#"{"name": "n", "files": ["a.pem"], "expect": {}, "absent_code": ["X"]}"#,
        r#"{"name": "n", "files": ["a.pem"], "expect": {"overal": "pass"}}"#,
        r#"{"name": "n", "file": ["a.pem"], "expect": {}}"#,
    ] {
        let error = serde_json::from_str::<Vector>(bad).expect_err(bad);
        assert!(
            error.to_string().contains("unknown field")
                || error.to_string().contains("missing field"),
            "{bad}: {error}"
        );
    }
}

/// The report on one pasted `text`, with no options but the date.
fn analyze_paste(name: &str, text: &str) -> msstd_check::Report {
    let input = Input {
        name,
        bytes: text.as_bytes(),
    };
    let options = Options {
        at: unix("2026-06-01T00:00:00Z"),
        ..Options::default()
    };
    analyze(&[input], &options)
}

/// An e-mail's source, headers and all: its `charset=` and `boundary=` outnumber
/// the one quoted-printable mark of a body that is only a PEM (`=3D` for its
/// padding), so only the `Content-Transfer-Encoding` header says to decode it.
#[test]
fn an_email_source_that_declares_quoted_printable_is_decoded() {
    let qp =
        std::fs::read_to_string(fixtures().join("email-quoted-printable.txt")).expect("fixture");
    let begin = qp.find("-----BEGIN").expect("a PEM");
    let end = qp.find("-----END CERTIFICATE-----").expect("its end") + 25;
    let pem = &qp[begin..end];
    assert_eq!(pem.matches("=3D").count(), 1, "the padding is encoded");
    let headers = |encoding: &str| {
        format!(
            "Content-Type: multipart/mixed; boundary=\"----=_Part_7\"\n\n------=_Part_7\n\
             Content-Type: text/plain; charset=\"utf-8\"\n\
             Content-Transfer-Encoding: {encoding}\n\n{pem}\n------=_Part_7--\n"
        )
    };
    let codes = |text: &str| {
        let report = analyze_paste("mail.eml", text);
        let codes: Vec<String> = report
            .findings
            .iter()
            .map(|f| f.code.as_str().to_string())
            .collect();
        (report.certificates.len(), codes)
    };
    let (certificates, found) = codes(&headers("quoted-printable"));
    assert_eq!(certificates, 1, "{found:?}");
    assert!(found.iter().any(|c| c == "INTAKE_DECODED"), "{found:?}");
    assert!(!found.iter().any(|c| c == "INTAKE_UNREADABLE"), "{found:?}");
    // Undeclared, the same text is not read as quoted-printable.
    let (_, found) = codes(&headers("7bit"));
    assert!(!found.iter().any(|c| c == "INTAKE_DECODED"), "{found:?}");
}

/// A certificate pasted before or after any Exchange output is read: the
/// output's own `=` (a `CN=` at a wrapped line's end, say) never makes intake
/// undo "soft line breaks" in the PEM.
#[test]
fn a_pem_beside_any_exchange_output_is_read() {
    const CN_AND_SAN: &str = "4F3DBC4F4F83FF3A530335ACFF4C508579F0B01E";
    let pem = std::fs::read_to_string(fixtures().join("cn-and-san.pem")).expect("fixture");
    let dir = fixtures().join("../exchange");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).expect("the Exchange fixtures") {
        let path = entry.expect("entry").path();
        if path.extension().is_none_or(|e| e != "txt") {
            continue;
        }
        let output = std::fs::read_to_string(&path).expect("fixture");
        for text in [format!("{output}\n{pem}"), format!("{pem}\n{output}")] {
            let report = analyze_paste("paste", &text);
            let json = serde_json::to_string(&report).expect("report serializes");
            let unreadable = report
                .findings
                .iter()
                .any(|f| f.code.as_str() == "INTAKE_UNREADABLE");
            assert!(
                !unreadable && json.contains(CN_AND_SAN),
                "{}",
                path.display()
            );
            checked += 1;
        }
    }
    assert!(checked >= 40, "{checked} texts");
}

//! The table of test vectors (`tests/vectors/vectors.json`): every rule of the
//! rules document, every normalization of the principal string, every intake
//! form, with expected verdicts and finding codes.

use std::path::{Path, PathBuf};

use msstd_check::{analyze, Input, Options};
use serde_json::Value;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/certs")
}

fn unix(text: &str) -> i64 {
    OffsetDateTime::parse(text, &Rfc3339)
        .unwrap_or_else(|e| panic!("bad time {text}: {e}"))
        .unix_timestamp()
}

/// Check one vector; return what disagreed.
fn check(vector: &Value, default_at: &str) -> Vec<String> {
    let name = vector["name"].as_str().unwrap_or("?");
    let files: Vec<(String, Vec<u8>)> = vector["files"]
        .as_array()
        .expect("files")
        .iter()
        .map(|f| {
            let file = f.as_str().expect("file name");
            let bytes = std::fs::read(fixtures().join(file))
                .unwrap_or_else(|e| panic!("{name}: cannot read {file}: {e}"));
            (file.to_string(), bytes)
        })
        .collect();
    let inputs: Vec<Input<'_>> = files
        .iter()
        .map(|(n, b)| Input { name: n, bytes: b })
        .collect();
    let options = Options {
        principal: vector["msstd"].as_str().map(str::to_string),
        host: vector["host"].as_str().map(str::to_string),
        at: unix(vector["at"].as_str().unwrap_or(default_at)),
        password: vector["password"].as_str().map(str::to_string),
    };
    let report = analyze(&inputs, &options);
    let json = serde_json::to_value(&report).expect("report serializes");
    let mut problems = Vec::new();
    for (key, expected) in vector["expect"].as_object().expect("expect") {
        let got = &json["verdict"][key];
        if got != expected {
            problems.push(format!(
                "{name}: verdict.{key} is {got}, expected {expected}"
            ));
        }
    }
    let codes: Vec<&str> = report.findings.iter().map(|f| f.code.as_str()).collect();
    for code in vector["codes"].as_array().into_iter().flatten() {
        let code = code.as_str().expect("code");
        if !codes.contains(&code) {
            problems.push(format!("{name}: finding {code} missing (got {codes:?})"));
        }
    }
    for code in vector["absent_codes"].as_array().into_iter().flatten() {
        let code = code.as_str().expect("code");
        if codes.contains(&code) {
            problems.push(format!("{name}: finding {code} should not be raised"));
        }
    }
    if let Some(n) = vector["certificates"].as_u64() {
        if report.certificates.len() as u64 != n {
            problems.push(format!(
                "{name}: {} certificates read, expected {n}",
                report.certificates.len()
            ));
        }
    }
    if let Some(leaf) = vector["leaf"].as_u64() {
        if report.leaf != Some(leaf as usize) {
            problems.push(format!(
                "{name}: leaf is {:?}, expected {leaf}",
                report.leaf
            ));
        }
    }
    if let Some(fix) = vector["fix_principal"].as_str() {
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
    if let Some(needed) = vector["fix_needed"].as_bool() {
        if report.fix.needed != needed {
            problems.push(format!(
                "{name}: fix.needed is {}, expected {needed}",
                report.fix.needed
            ));
        }
    }
    if let Some(wanted) = vector["certificate_request"].as_bool() {
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
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors/vectors.json");
    let table: Value =
        serde_json::from_slice(&std::fs::read(&path).expect("vectors.json")).expect("valid JSON");
    let default_at = table["default_at"].as_str().expect("default_at");
    let vectors = table["vectors"].as_array().expect("vectors");
    assert!(vectors.len() >= 70, "the table shrank to {}", vectors.len());
    let problems: Vec<String> = vectors.iter().flat_map(|v| check(v, default_at)).collect();
    assert!(
        problems.is_empty(),
        "{} problem(s):\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn every_rule_of_the_principal_comparison_has_a_vector() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors/vectors.json");
    let table: Value =
        serde_json::from_slice(&std::fs::read(&path).expect("vectors.json")).expect("valid JSON");
    let covered: Vec<&str> = table["vectors"]
        .as_array()
        .expect("vectors")
        .iter()
        .flat_map(|v| v["codes"].as_array().into_iter().flatten())
        .filter_map(Value::as_str)
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

//! `--compare OLD NEW`: the renewal pairs of `tests/fixtures/certs/compare/`
//! as a typed table of vectors (library API), the JSON shape, text goldens
//! (`tests/golden/compare-*`, `UPDATE_GOLDEN=1` rewrites them) and the command
//! line as a real process (exit codes, bad input on one side).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use msstd_check::compare::{compare, ChangeField as F, Changes, Comparison, Importance as I};
use msstd_check::verdict::Verdict;
use msstd_check::{analyze, Input, Options};
use serde_json::Value;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

const AT: &str = "2026-11-25T00:00:00Z";
const PRINCIPAL: &str = "msstd:mail.contoso.com";
const HOST: &str = "mail.contoso.com";

/// The cosmetic tail every renewal here has (new serial, start and key).
const COSMETIC: [(F, I); 3] = [
    (F::Serial, I::Cosmetic),
    (F::NotBefore, I::Cosmetic),
    (F::SubjectKeyId, I::Cosmetic),
];

/// One renewal pair and what the comparison must say.
struct Vector {
    name: &'static str,
    /// Files under `tests/fixtures/certs/compare/`.
    old: &'static str,
    new: &'static str,
    at: &'static str,
    host: &'static str,
    /// Every change, in order, with its importance (the cosmetic tail comes after).
    changes: &'static [(F, I)],
    /// Whether the cosmetic tail ([`COSMETIC`]) follows.
    cosmetic: bool,
    /// The advice kinds, in order.
    advice: &'static [&'static str],
    /// The new certificate's overall verdict.
    new_overall: Verdict,
}

const VECTORS: &[Vector] = &[
    Vector {
        name: "plain renewal, same names",
        old: "renew-old.pem",
        new: "renewed.pem",
        at: AT,
        host: HOST,
        changes: &[(F::NotAfter, I::Matters)],
        cosmetic: true,
        advice: &["nothing_to_change", "switch_before"],
        new_overall: Verdict::Pass,
    },
    Vector {
        name: "re-issued with the same names in another order and case: only cosmetic",
        old: "renew-old.pem",
        new: "reissued.pem",
        at: AT,
        host: HOST,
        changes: &[],
        cosmetic: true,
        advice: &["nothing_to_change", "switch_before"],
        new_overall: Verdict::Pass,
    },
    Vector {
        name: "CN moved into the SAN, apex domain as CN",
        old: "renew-old.pem",
        new: "cn-moved.pem",
        at: AT,
        host: HOST,
        changes: &[
            (F::VerdictOverall, I::Headline),
            (F::VerdictLegacyWindows, I::Headline),
            (F::VerdictConnectivityAnalyzer, I::Headline),
            (F::SubjectCn, I::Breaks),
            (F::SanDns, I::Matters),
            (F::NotAfter, I::Matters),
        ],
        cosmetic: true,
        advice: &["set_principal", "switch_before"],
        new_overall: Verdict::Warn,
    },
    Vector {
        name: "a SAN name dropped (not the host)",
        old: "renew-old.pem",
        new: "san-dropped.pem",
        at: AT,
        host: HOST,
        changes: &[(F::SanDns, I::Breaks), (F::NotAfter, I::Matters)],
        cosmetic: true,
        advice: &["nothing_to_change", "switch_before"],
        new_overall: Verdict::Pass,
    },
    Vector {
        name: "the dropped SAN name is the host",
        old: "renew-old.pem",
        new: "san-dropped.pem",
        at: AT,
        host: "autodiscover.contoso.com",
        changes: &[
            (F::VerdictOverall, I::Headline),
            (F::HostCoverage, I::Breaks),
            (F::SanDns, I::Breaks),
            (F::NotAfter, I::Matters),
        ],
        cosmetic: true,
        advice: &["reissue", "switch_before"],
        new_overall: Verdict::Fail,
    },
    Vector {
        name: "a new issuer, its chain sent without the root",
        old: "renew-old-chain.pem",
        new: "new-issuer-chain.pem",
        at: AT,
        host: HOST,
        changes: &[
            (F::Chain, I::Breaks),
            (F::NotAfter, I::Matters),
            (F::Issuer, I::Matters),
            (F::ChainRoot, I::Matters),
        ],
        cosmetic: true,
        advice: &["review", "switch_before"],
        new_overall: Verdict::Warn,
    },
    Vector {
        name: "key RSA 2048 to EC P-256",
        old: "key-old-rsa.pem",
        new: "renewed.pem",
        at: AT,
        host: HOST,
        changes: &[(F::NotAfter, I::Matters), (F::Key, I::Matters)],
        cosmetic: true,
        advice: &["nothing_to_change", "switch_before"],
        new_overall: Verdict::Pass,
    },
    Vector {
        name: "SHA-256 to SHA-1",
        old: "renew-old.pem",
        new: "sha1.pem",
        at: AT,
        host: HOST,
        changes: &[
            (F::VerdictOverall, I::Headline),
            (F::NotAfter, I::Matters),
            (F::SignatureAlgorithm, I::Matters),
        ],
        cosmetic: true,
        advice: &["review", "switch_before"],
        new_overall: Verdict::Warn,
    },
    Vector {
        name: "an e-mail address added to the subject",
        old: "renew-old.pem",
        new: "subject-email.pem",
        at: AT,
        host: HOST,
        changes: &[
            (F::VerdictOverall, I::Headline),
            (F::VerdictLegacyWindows, I::Headline),
            (F::SubjectEmail, I::Breaks),
            (F::NotAfter, I::Matters),
        ],
        cosmetic: true,
        advice: &["reissue", "switch_before"],
        new_overall: Verdict::Warn,
    },
    Vector {
        name: "EKU lost serverAuth",
        old: "renew-old.pem",
        new: "eku-lost.pem",
        at: AT,
        host: HOST,
        changes: &[
            (F::VerdictOverall, I::Headline),
            (F::Eku, I::Breaks),
            (F::NotAfter, I::Matters),
        ],
        cosmetic: true,
        advice: &["reissue", "switch_before"],
        new_overall: Verdict::Fail,
    },
    Vector {
        name: "the old one already expired at --at",
        old: "expired-old.pem",
        new: "renewed.pem",
        at: AT,
        host: HOST,
        changes: &[
            (F::VerdictOverall, I::Headline),
            (F::ValidAt, I::Matters),
            (F::NotAfter, I::Matters),
        ],
        cosmetic: true,
        advice: &["nothing_to_change", "old_expired"],
        new_overall: Verdict::Pass,
    },
    Vector {
        name: "the new one not valid yet at --at",
        old: "renew-old.pem",
        new: "renewed.pem",
        at: "2026-10-15T00:00:00Z",
        host: HOST,
        changes: &[
            (F::VerdictOverall, I::Headline),
            (F::ValidAt, I::Breaks),
            (F::NotAfter, I::Matters),
        ],
        cosmetic: true,
        advice: &["nothing_to_change", "new_not_yet_valid", "switch_before"],
        new_overall: Verdict::Fail,
    },
    Vector {
        name: "the old one expires before the new one starts",
        old: "expired-old.pem",
        new: "renewed.pem",
        at: "2026-06-15T00:00:00Z",
        host: HOST,
        changes: &[
            (F::VerdictOverall, I::Headline),
            (F::ValidAt, I::Breaks),
            (F::NotAfter, I::Matters),
        ],
        cosmetic: true,
        advice: &["nothing_to_change", "new_not_yet_valid", "gap"],
        new_overall: Verdict::Fail,
    },
];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn pair_dir() -> PathBuf {
    root().join("tests/fixtures/certs/compare")
}

fn unix(text: &str) -> i64 {
    OffsetDateTime::parse(text, &Rfc3339)
        .unwrap_or_else(|e| panic!("bad time {text}: {e}"))
        .unix_timestamp()
}

fn options(v: &Vector) -> Options {
    Options {
        principal: Some(PRINCIPAL.into()),
        host: Some(v.host.into()),
        at: unix(v.at),
        ..Options::default()
    }
}

fn read(file: &str) -> Vec<u8> {
    std::fs::read(pair_dir().join(file)).unwrap_or_else(|e| panic!("{file}: {e}"))
}

fn run_vector(v: &Vector) -> (Comparison, Vec<u8>, Vec<u8>) {
    let (old, new) = (read(v.old), read(v.new));
    let comparison = compare(
        &[Input {
            name: v.old,
            bytes: &old,
        }],
        &[Input {
            name: v.new,
            bytes: &new,
        }],
        &options(v),
    );
    (comparison, old, new)
}

fn advice_kinds(c: &Comparison) -> Vec<String> {
    c.advice
        .iter()
        .map(|a| {
            serde_json::to_value(a).expect("advice JSON")["kind"]
                .as_str()
                .expect("kind")
                .to_string()
        })
        .collect()
}

#[test]
fn every_renewal_pair_gives_its_changes_and_advice() {
    let mut problems = Vec::new();
    for v in VECTORS {
        let (c, _, _) = run_vector(v);
        let Changes::Compared(list) = &c.changes else {
            problems.push(format!("{}: not compared", v.name));
            continue;
        };
        let got: Vec<(F, I)> = list.iter().map(|c| (c.field, c.importance)).collect();
        let mut want = v.changes.to_vec();
        if v.cosmetic {
            want.extend(COSMETIC);
        }
        if got != want {
            problems.push(format!("{}: changes {got:?}, expected {want:?}", v.name));
        }
        let kinds = advice_kinds(&c);
        if kinds != v.advice {
            problems.push(format!(
                "{}: advice {kinds:?}, expected {:?}",
                v.name, v.advice
            ));
        }
        if c.new.verdict.overall != v.new_overall {
            problems.push(format!(
                "{}: new verdict {:?}, expected {:?}",
                v.name, c.new.verdict.overall, v.new_overall
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn each_side_is_exactly_the_report_of_a_single_analysis() {
    for v in VECTORS {
        let (c, old, new) = run_vector(v);
        let alone = |name: &str, bytes: &[u8]| analyze(&[Input { name, bytes }], &options(v));
        assert_eq!(c.old, alone(v.old, &old), "{}: old", v.name);
        assert_eq!(c.new, alone(v.new, &new), "{}: new", v.name);
    }
}

#[test]
fn changes_are_ordered_by_importance_and_never_list_equal_values() {
    for v in VECTORS {
        let (c, _, _) = run_vector(v);
        let list = c.changes.list();
        assert!(
            list.windows(2)
                .all(|w| (w[0].importance, w[0].field) < (w[1].importance, w[1].field)),
            "{}",
            v.name
        );
        assert!(
            list.iter().all(|change| change.old != change.new),
            "{}",
            v.name
        );
    }
}

#[test]
fn the_cn_moved_pair_names_what_changed_and_when_to_set_the_new_name() {
    let v = &VECTORS[2];
    let (c, _, _) = run_vector(v);
    let json = serde_json::to_value(&c).expect("JSON");
    let cn = json["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["field"] == "subject_cn")
        .expect("subject_cn");
    assert_eq!(cn["old"], serde_json::json!(["mail.contoso.com"]));
    assert_eq!(cn["new"], serde_json::json!(["contoso.com"]));
    assert_eq!(cn["importance"], "breaks");
    let san = json["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["field"] == "san_dns")
        .expect("san_dns");
    assert_eq!(san["added"], serde_json::json!(["contoso.com"]));
    assert_eq!(san["removed"], serde_json::json!([]));
    let set = &json["advice"][0];
    assert_eq!(set["kind"], "set_principal");
    assert_eq!(set["principal"], "msstd:contoso.com");
    // msstd:contoso.com fails with the old certificate (CN and SAN lack it): not before the switch.
    assert_eq!(set["when"], "at_switch");
    assert_eq!(set["worse_on_old"][0], "modern_windows");
    assert_eq!(json["advice"][1]["date"], "2026-12-31T23:59:59Z");
}

#[test]
fn json_is_old_new_changes_and_advice() {
    let (c, _, _) = run_vector(&VECTORS[0]);
    let json = serde_json::to_value(&c).expect("JSON");
    let mut keys: Vec<&str> = json
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    assert_eq!(keys, ["advice", "changes", "new", "old"]);
    assert_eq!(json["old"]["verdict"]["overall"], "pass");
    let change = &json["changes"][0];
    assert_eq!(change["field"], "not_after");
    assert_eq!(change["old"], "2026-12-31T23:59:59Z");
    assert_eq!(change["new"], "2027-11-30T23:59:59Z");
    assert!(change.get("added").is_none(), "no name delta on a date");
}

// ---- the command line -------------------------------------------------------

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_msstd-check"))
        .current_dir(pair_dir())
        .args(["--at", AT, "--msstd", PRINCIPAL, "--host", HOST])
        .args(args)
        .stdin(std::process::Stdio::null())
        .output()
        .expect("run msstd-check")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8")
}

#[test]
fn exit_code_is_the_new_sides() {
    let cases: &[(&[&str], i32)] = &[
        (&["--compare", "renew-old.pem", "renewed.pem"], 0),
        (&["--compare", "renew-old.pem", "cn-moved.pem"], 1),
        (&["--compare", "renew-old.pem", "eku-lost.pem"], 2),
        (&["--compare", "eku-lost.pem", "renew-old.pem"], 0),
        (&["--compare", "renew-old.pem", "../prose-only.txt"], 65),
        (&["--compare", "renew-old.pem", "../leaf-aes.pfx"], 65),
        (&["--compare", "renew-old.pem", "no-such-file.pem"], 66),
        (&["--compare", "no-such-file.pem", "renewed.pem"], 0),
        (&["--compare", "renew-old.pem"], 64),
        (
            &["--compare", "renew-old.pem", "renewed.pem", "cn-moved.pem"],
            64,
        ),
        (
            &["--together", "--compare", "renew-old.pem", "renewed.pem"],
            64,
        ),
        (
            &[
                "--compare",
                "renew-old.pem",
                "renewed.pem",
                "--compare",
                "cn-moved.pem",
                "eku-lost.pem",
            ],
            64,
        ),
    ];
    for (args, code) in cases {
        let output = run(args);
        assert_eq!(
            output.status.code(),
            Some(*code),
            "{args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

#[test]
fn a_pfx_without_password_on_one_side_still_shows_the_other() {
    let output = run(&["--compare", "../leaf-aes.pfx", "cn-moved.pem"]);
    assert_eq!(output.status.code(), Some(1), "the new side's warn");
    let text = stdout(&output);
    assert!(
        text.contains("Cannot compare: no certificate could be read from the old input"),
        "{text}"
    );
    assert!(text.contains("protected by a password"), "{text}");
    assert!(
        text.contains("NEW CERTIFICATE, IN SHORT (cn-moved.pem)"),
        "{text}"
    );
    assert!(text.contains("Subject:     CN=contoso.com"), "{text}");

    let output = run(&[
        "--password",
        "Contoso!2025",
        "--compare",
        "../leaf-aes.pfx",
        "cn-moved.pem",
    ]);
    assert!(stdout(&output).contains("[breaks]   subject_cn: mail.contoso.com -> contoso.com"));
}

#[test]
fn an_unopenable_file_is_named_on_stderr_and_the_other_side_shown() {
    let output = run(&["--json", "--compare", "no-such-file.pem", "renewed.pem"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.starts_with("msstd-check: cannot read no-such-file.pem"),
        "{stderr}"
    );
    assert!(stderr.contains("the old side"), "{stderr}");
    let json: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(json["changes"], Value::Null);
    assert_eq!(
        json["advice"][0],
        serde_json::json!({"kind": "read_certificate", "side": "old", "needs_password": false})
    );
    assert_eq!(json["new"]["verdict"]["overall"], "pass");
    assert_eq!(json["old"]["certificates"], serde_json::json!([]));
}

#[test]
fn a_garbled_file_on_the_new_side_still_shows_the_old() {
    let output = run(&["--compare", "renew-old.pem", "../bad-base64.pem"]);
    assert_eq!(output.status.code(), Some(65));
    let text = stdout(&output);
    assert!(
        text.contains("OLD CERTIFICATE, IN SHORT (renew-old.pem)\n  Verdict:     PASS"),
        "{text}"
    );
    assert!(
        text.contains("No certificate could be read from the new input (../bad-base64.pem)"),
        "{text}"
    );
}

// ---- goldens ----------------------------------------------------------------

/// (golden file, arguments after `--at AT --msstd PRINCIPAL --host HOST`)
const GOLDEN: &[(&str, &[&str])] = &[
    (
        "compare-cn-moved.txt",
        &["--compare", "renew-old.pem", "cn-moved.pem"],
    ),
    (
        "compare-reissued.txt",
        &["--compare", "renew-old.pem", "reissued.pem"],
    ),
    (
        "compare-old-expired.txt",
        &["--compare", "expired-old.pem", "renewed.pem"],
    ),
    (
        "compare-eku-lost.txt",
        &["--compare", "renew-old.pem", "eku-lost.pem"],
    ),
    (
        "compare-pfx-no-password.txt",
        &["--compare", "renew-old.pem", "../leaf-aes.pfx"],
    ),
    (
        "compare-cn-moved.json",
        &["--json", "--compare", "renew-old.pem", "cn-moved.pem"],
    ),
];

#[test]
fn compare_output_matches_the_golden_files() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut mismatches = Vec::new();
    for (golden, args) in GOLDEN {
        let output = run(args);
        assert!(
            output.stderr.is_empty(),
            "{golden}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let actual = stdout(&output);
        let path = root().join("tests/golden").join(golden);
        if update {
            std::fs::write(&path, &actual).expect("write golden");
            continue;
        }
        let expected = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{}: {e} (UPDATE_GOLDEN=1 creates it)", path.display()));
        if actual != expected {
            let line = actual
                .lines()
                .zip(expected.lines())
                .position(|(a, e)| a != e)
                .unwrap_or(0);
            mismatches.push(format!(
                "{golden}: line {}: got {:?}, expected {:?}",
                line + 1,
                actual.lines().nth(line),
                expected.lines().nth(line)
            ));
        }
    }
    assert!(
        mismatches.is_empty(),
        "{}\n(UPDATE_GOLDEN=1 cargo test --test compare rewrites them)",
        mismatches.join("\n")
    );
}

#[test]
fn the_text_puts_verdicts_first_then_changes_advice_and_both_reports() {
    let text =
        std::fs::read_to_string(root().join("tests/golden/compare-cn-moved.txt")).expect("golden");
    let at = |prefix: &str| {
        text.lines()
            .position(|l| l.starts_with(prefix))
            .unwrap_or_else(|| panic!("{prefix}"))
    };
    let order = [
        at("VERDICT"),
        at("  Old certificate"),
        at("  New certificate"),
        at("  Windows XP, 2003, Vista RTM    pass -> fail  (worse)"),
        at("WHAT CHANGED"),
        at("BEFORE YOU SWITCH"),
        at("OLD CERTIFICATE, IN SHORT"),
        at("NEW CERTIFICATE, IN SHORT"),
    ];
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    assert!(
        text.contains("Set the principal name to msstd:contoso.com when you switch, not before")
    );
    assert!(text.contains("Switch before 2026-12-31T23:59:59Z"));
}

#[test]
fn without_a_principal_only_the_certificate_counts() {
    let (old, new) = (read("renew-old.pem"), read("cn-moved.pem"));
    let options = Options {
        host: Some(HOST.into()),
        at: unix(AT),
        ..Options::default()
    };
    let c = compare(
        &[Input {
            name: "renew-old.pem",
            bytes: &old,
        }],
        &[Input {
            name: "cn-moved.pem",
            bytes: &new,
        }],
        &options,
    );
    assert_eq!(c.new.verdict.overall, Verdict::NotApplicable);
    let fields: Vec<F> = c.changes.list().iter().map(|c| c.field).collect();
    assert_eq!(
        fields[..2],
        [F::SubjectCn, F::SanDns],
        "no verdict changes: {fields:?}"
    );
    assert_eq!(advice_kinds(&c), ["nothing_to_change", "switch_before"]);
}

#[test]
fn neither_side_readable_gives_65_and_no_changes() {
    let output = run(&["--json", "--compare", "../empty.pem", "../truncated.cer"]);
    assert_eq!(output.status.code(), Some(65));
    let json: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(json["changes"], Value::Null);
    let sides: Vec<&Value> = json["advice"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| &a["side"])
        .collect();
    assert_eq!(sides, ["old", "new"]);
}

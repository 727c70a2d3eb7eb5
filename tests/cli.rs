//! The command line as a real process: exit codes, standard input, JSON shape.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn run(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_msstd-check"))
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/certs"))
        .args(["--at", "2026-11-25T00:00:00Z"])
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn msstd-check");
    if let Some(bytes) = stdin {
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(bytes)
            .expect("write stdin");
    }
    drop(child.stdin.take());
    child.wait_with_output().expect("wait")
}

fn json(output: &Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout).expect("stdout is JSON")
}

#[test]
fn exit_codes_follow_the_verdict() {
    let cases: &[(&[&str], i32)] = &[
        (&["--msstd", "msstd:mail.contoso.com", "cn-and-san.pem"], 0),
        (&["--msstd", "None", "cn-and-san.pem"], 0),
        (&["--msstd", "msstd:mail.contoso.com", "wildcard.pem"], 1),
        (&["--msstd", "msstd:other.contoso.com", "cn-and-san.pem"], 2),
        (&["--msstd", "fullsic:<CN=x>", "cn-and-san.pem"], 3),
        (&["--msstd", "msstd:mail.contoso.com", "prose-only.txt"], 65),
        (
            &["--msstd", "msstd:mail.contoso.com", "no-such-file.pem"],
            66,
        ),
        (&["--msstd", "msstd:mail.contoso.com"], 64),
        (&["--bogus-flag", "cn-and-san.pem"], 64),
        (&["--at", "yesterday", "cn-and-san.pem"], 64),
    ];
    for (args, code) in cases {
        let output = run(args, None);
        assert_eq!(
            output.status.code(),
            Some(*code),
            "{args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

#[test]
fn errors_go_to_stderr_with_a_clear_message() {
    let output = run(&["no-such-file.pem"], None);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.starts_with("msstd-check: cannot read no-such-file.pem"),
        "{stderr}"
    );
    assert!(output.stdout.is_empty());
}

#[test]
fn stdin_is_read_with_a_dash() {
    let pem = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/certs/email-quoted.txt"),
    )
    .unwrap();
    let output = run(
        &["--json", "--msstd", "msstd:mail.contoso.com", "-"],
        Some(&pem),
    );
    assert_eq!(output.status.code(), Some(0));
    let report = json(&output);
    assert_eq!(report["verdict"]["overall"], "pass");
    assert_eq!(report["certificates"][0]["origin"]["source"], "stdin");
}

#[test]
fn json_has_the_documented_fields() {
    let output = run(
        &[
            "--json",
            "--msstd",
            "msstd:owa.contoso.com",
            "--host",
            "mail.contoso.com",
            "san-extra-names.pem",
        ],
        None,
    );
    let report = json(&output);
    assert_eq!(report["schema_version"], 2);
    assert_eq!(report["verdict"]["overall"], "warn");
    assert_eq!(report["verdict"]["modern_windows"], "pass");
    assert_eq!(report["verdict"]["legacy_windows"], "fail");
    assert_eq!(report["verdict"]["connectivity_analyzer"], "warn");
    assert_eq!(report["fix"]["principal_name"], "msstd:mail.contoso.com");
    assert_eq!(
        report["fix"]["powershell"],
        "Set-OutlookProvider EXPR -CertPrincipalName:\"msstd:mail.contoso.com\""
    );
    let leaf = &report["certificates"][report["leaf"].as_u64().unwrap() as usize];
    let thumb = leaf["thumbprint_sha1"].as_str().unwrap();
    assert_eq!(thumb.len(), 40);
    assert!(thumb
        .chars()
        .all(|c| c.is_ascii_digit() || ('A'..='F').contains(&c)));
    for finding in report["findings"].as_array().unwrap() {
        assert!(["documented", "reported", "inferred", "unknown"]
            .contains(&finding["grade"].as_str().unwrap()));
        assert!(finding["code"]
            .as_str()
            .unwrap()
            .chars()
            .all(|c| c.is_ascii_uppercase() || c == '_'));
    }
}

#[test]
fn several_files_are_checked_separately_or_together() {
    let separate = run(
        &[
            "--json",
            "--msstd",
            "msstd:mail.contoso.com",
            "cn-and-san.pem",
            "wildcard.pem",
        ],
        None,
    );
    assert_eq!(separate.status.code(), Some(1), "worst verdict wins");
    let reports = json(&separate);
    assert_eq!(reports.as_array().map(Vec::len), Some(2));
    assert_eq!(reports[1]["verdict"]["overall"], "warn");

    let together = run(
        &[
            "--json",
            "--together",
            "--msstd",
            "msstd:mail.contoso.com",
            "issuing-ca.pem",
            "cn-and-san.pem",
        ],
        None,
    );
    let report = json(&together);
    assert_eq!(report["certificates"].as_array().map(Vec::len), Some(2));
    assert_eq!(report["leaf"], 1);
}

#[test]
fn unreadable_input_still_prints_a_report() {
    let output = run(
        &["--msstd", "msstd:mail.contoso.com", "truncated.cer"],
        None,
    );
    assert_eq!(output.status.code(), Some(65));
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains("VERDICT: UNKNOWN"), "{text}");
    assert!(text.contains("INTAKE_UNREADABLE"), "{text}");
}

/// Control characters from every input-derived place (a PEM label, a skipped
/// block, a file name, Exchange settings, the principal given) reach the
/// terminal escaped, never raw.
#[test]
fn input_derived_text_never_reaches_the_terminal_raw() {
    let dir = std::env::temp_dir().join(format!("msstd-check-escapes-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let certs = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/certs");
    let pem = std::fs::read_to_string(certs.join("cn-and-san.pem")).expect("fixture");
    let relabelled = pem
        .replace("BEGIN CERTIFICATE", "BEGIN \u{1b}]0;owned\u{7}CERTIFICATE")
        .replace("END CERTIFICATE", "END \u{1b}]0;owned\u{7}CERTIFICATE");
    let skipped = "-----BEGIN \u{1b}[31mSECRET-----\nAAAA\n-----END \u{1b}[31mSECRET-----\n";
    let cert_file = dir.join("evil\u{1b}[2Jname.pem");
    std::fs::write(&cert_file, format!("{pem}\n{relabelled}\n{skipped}")).expect("write");
    let settings = dir.join("provider.txt");
    std::fs::write(
        &settings,
        "Name              : EXPR\r\nServer            : mail.contoso.com\u{1b}[5m\r\nCertPrincipalName : msstd:mail.contoso.com\u{7}\r\nSSLEnabled        : True\r\n",
    )
    .expect("write");
    let files = [
        cert_file.to_str().expect("utf-8"),
        settings.to_str().expect("utf-8"),
    ];
    for extra in [
        &[][..],
        &["--msstd", "msstd:mail\u{1b}[31m.contoso.com"][..],
    ] {
        let mut args = vec!["--together"];
        args.extend_from_slice(extra);
        args.extend_from_slice(&files);
        let output = run(&args, None);
        let text = String::from_utf8_lossy(&output.stdout);
        assert!(text.contains("VERDICT:"), "a report was written: {text}");
        assert!(
            !output.stdout.iter().any(|b| *b == 0x1b || *b == 0x07),
            "a raw control character reached the terminal:\n{text}"
        );
        assert!(
            text.contains("\\u{001B}"),
            "the escape is shown escaped: {text}"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// A report that cannot be written (a full disk: /dev/full) is exit code 74 with a message.
#[cfg(target_os = "linux")]
#[test]
fn an_unwritable_output_is_exit_code_74() {
    for json in [false, true] {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .expect("open /dev/full");
        let mut command = Command::new(env!("CARGO_BIN_EXE_msstd-check"));
        command
            .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/certs"))
            .args(["--at", "2026-11-25", "--msstd", "msstd:mail.contoso.com"]);
        if json {
            command.arg("--json");
        }
        let output = command
            .arg("cn-and-san.pem")
            .stdout(full)
            .stderr(Stdio::piped())
            .output()
            .expect("run msstd-check");
        assert_eq!(output.status.code(), Some(74), "json: {json}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains("msstd-check: cannot write output"),
            "{stderr}"
        );
    }
}

/// --help ends with every exit code, 70 and 74 included.
#[test]
fn help_lists_every_exit_code() {
    let output = run(&["--help"], None);
    assert_eq!(output.status.code(), Some(0));
    let help = String::from_utf8_lossy(&output.stdout);
    for code in ["0", "1", "2", "3", "64", "65", "66", "70", "74"] {
        assert!(
            help.lines()
                .any(|l| l.trim_start().starts_with(&format!("{code} "))),
            "exit code {code} in --help:\n{help}"
        );
    }
}

/// The man page and the completions are generated from the clap definition:
/// each names the real flags (and the man page the exit codes).
#[test]
fn man_page_and_completions_name_the_real_flags() {
    let flags = [
        "msstd",
        "host",
        "at",
        "json",
        "together",
        "autodiscover",
        "password",
        "generate",
    ];
    for (kind, shape) in [
        ("man", ".TH msstd-check 1"),
        ("complete-bash", "complete -F _msstd__check"),
        ("complete-zsh", "#compdef msstd-check"),
        ("complete-fish", "complete -c msstd-check"),
    ] {
        let output = run(&["--generate", kind], None);
        assert_eq!(output.status.code(), Some(0), "--generate {kind}");
        let text = String::from_utf8(output.stdout).expect("UTF-8");
        assert!(text.contains(shape), "--generate {kind}: {shape}\n{text}");
        for flag in flags {
            // roff escapes the dashes of the man page (\-\-msstd); fish writes -l msstd.
            let spelled = match kind {
                "man" => format!("\\-\\-{flag}"),
                "complete-fish" => format!("-l {flag}"),
                _ => format!("--{flag}"),
            };
            assert!(text.contains(&spelled), "--generate {kind} names {spelled}");
        }
    }
    let man = String::from_utf8(run(&["--generate", "man"], None).stdout).expect("UTF-8");
    assert!(man.contains(".SH \"EXIT STATUS\""));
    for code in ["64", "65", "66", "70", "74"] {
        assert!(
            man.contains(&format!("\\fB{code}\\fR")),
            "exit code {code} in the man page"
        );
    }
    let wrong = run(&["--generate", "powershell"], None);
    assert_eq!(
        wrong.status.code(),
        Some(64),
        "an unknown kind is a usage error"
    );
}

/// scripts/gen-cli-docs.sh writes the man page and the three completion files.
#[test]
fn gen_cli_docs_writes_the_man_page_and_completions() {
    let out = std::env::temp_dir().join(format!("msstd-check-cli-docs-{}", std::process::id()));
    let output = Command::new("bash")
        .arg("scripts/gen-cli-docs.sh")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("MSSTD_CHECK", env!("CARGO_BIN_EXE_msstd-check"))
        .env("OUT", &out)
        .output()
        .expect("run gen-cli-docs.sh");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    for (file, start) in [
        ("man/msstd-check.1", ".TH msstd-check 1"),
        ("completions/msstd-check.bash", "complete -F _msstd__check"),
        ("completions/_msstd-check", "#compdef msstd-check"),
        ("completions/msstd-check.fish", "complete -c msstd-check"),
    ] {
        let text = std::fs::read_to_string(out.join(file)).expect(file);
        assert!(text.contains(start), "{file}: {start}");
        assert!(text.contains("together"), "{file} names --together");
    }
    std::fs::remove_dir_all(&out).expect("clean up");
}

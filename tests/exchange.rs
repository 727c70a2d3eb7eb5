//! The Exchange cmdlet output parser against the hand-written fixtures of
//! `tests/fixtures/exchange/` (see the README there): one typed row per fixture,
//! with the counts expected and a check of the values that matter.

use std::path::Path;

use msstd_check::exchange::{
    parse, AuthMethod, CertificateStatus, CertificateView, ExchangeText, ProblemKind, PsDate,
    RootCaType, Service, ThumbprintError,
};

const T_MAIL: &str = "5E1F6E4B3B1A2C9D8E7F6A5B4C3D2E1F0A9B8C7D";
/// 2027-03-14 23:59:59 and 2025-03-14 00:00:00, as if UTC.
const MAIL_NOT_AFTER: i64 = 1_805_068_799;
const MAIL_NOT_BEFORE: i64 = 1_741_910_400;
/// 2026-03-04 and 2026-04-03 00:00:00, as if UTC.
const MARCH_4: i64 = 1_772_582_400;
const APRIL_3: i64 = 1_775_174_400;

/// One fixture and what reading it must give.
struct Case {
    file: &'static str,
    certificates: usize,
    outlook_anywhere: usize,
    outlook_provider_records: usize,
    unknown_records: usize,
    commands: usize,
    /// The problems' kinds (their serialized `kind` tag), in line order.
    problems: &'static [&'static str],
    /// Further checks of the values.
    check: fn(&ExchangeText),
}

fn read(file: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/exchange")
        .join(file);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn tag(kind: &ProblemKind) -> String {
    let value = serde_json::to_value(kind).expect("serializes");
    value["kind"].as_str().expect("a kind tag").to_string()
}

fn exact(date: &Option<PsDate>) -> Option<i64> {
    match date {
        Some(PsDate::Exact { unix, .. }) => Some(*unix),
        _ => None,
    }
}

fn domains(t: &ExchangeText, i: usize) -> Vec<&str> {
    t.certificates[i]
        .certificate_domains
        .as_ref()
        .map(|d| d.names.iter().map(String::as_str).collect())
        .unwrap_or_default()
}

fn cases() -> Vec<Case> {
    vec![
        Case {
            file: "fl-one.txt",
            certificates: 1,
            outlook_anywhere: 0,
            outlook_provider_records: 0,
            unknown_records: 0,
            commands: 0,
            problems: &[],
            check: check_fl_one,
        },
        Case {
            file: "no-iis.txt",
            certificates: 3,
            outlook_anywhere: 0,
            outlook_provider_records: 0,
            unknown_records: 0,
            commands: 1,
            problems: &[],
            check: |t| assert!(t.certificates.iter().all(|c| c.has_iis() != Some(true))),
        },
        Case {
            file: "file-is-iis.txt",
            certificates: 1,
            outlook_anywhere: 0,
            outlook_provider_records: 0,
            unknown_records: 0,
            commands: 0,
            problems: &[],
            check: |t| {
                let thumbprint = t.certificates[0].thumbprint.as_ref().expect("thumbprint");
                assert_eq!(
                    thumbprint.as_str(),
                    "4F3DBC4F4F83FF3A530335ACFF4C508579F0B01E"
                );
            },
        },
        Case {
            file: "ssl-off.txt",
            certificates: 2,
            outlook_anywhere: 1,
            outlook_provider_records: 3,
            unknown_records: 0,
            commands: 4,
            problems: &[],
            check: |t| {
                assert_eq!(
                    t.outlook_anywhere[0].external_clients_require_ssl,
                    Some(false)
                )
            },
        },
        Case {
            file: "fl-three.txt",
            certificates: 3,
            outlook_anywhere: 0,
            outlook_provider_records: 0,
            unknown_records: 0,
            commands: 1,
            problems: &[],
            check: check_fl_three,
        },
        Case {
            file: "table.txt",
            certificates: 4,
            outlook_anywhere: 0,
            outlook_provider_records: 0,
            unknown_records: 0,
            commands: 2,
            problems: &[],
            check: check_table,
        },
        Case {
            file: "fl-star.txt",
            certificates: 1,
            outlook_anywhere: 0,
            outlook_provider_records: 0,
            unknown_records: 0,
            commands: 1,
            problems: &[],
            check: check_fl_star,
        },
        Case {
            file: "wrapped.txt",
            certificates: 1,
            outlook_anywhere: 0,
            outlook_provider_records: 0,
            unknown_records: 0,
            commands: 0,
            problems: &[],
            check: check_wrapped,
        },
        Case {
            file: "crlf-prompt.txt",
            certificates: 1,
            outlook_anywhere: 0,
            outlook_provider_records: 0,
            unknown_records: 0,
            commands: 2,
            problems: &[],
            check: check_fl_one,
        },
        Case {
            file: "email-quoted.txt",
            certificates: 1,
            outlook_anywhere: 0,
            outlook_provider_records: 0,
            unknown_records: 0,
            commands: 2,
            problems: &[],
            check: |t| {
                let names = [
                    "mail.contoso.com",
                    "autodiscover.contoso.com",
                    "owa.contoso.com",
                ];
                assert_eq!(domains(t, 0), names);
                assert_eq!(
                    t.certificates[0].subject.as_deref(),
                    Some("CN=mail.contoso.com")
                );
                assert_eq!(t.commands[0].text, "Get-ExchangeCertificate | fl");
                assert_eq!(t.certificates[0].has_iis(), Some(true));
            },
        },
        Case {
            file: "truncated-list.txt",
            certificates: 1,
            outlook_anywhere: 0,
            outlook_provider_records: 0,
            unknown_records: 0,
            commands: 0,
            problems: &[],
            check: |t| {
                let list = t.certificates[0]
                    .certificate_domains
                    .as_ref()
                    .expect("domains");
                assert!(list.truncated);
                assert_eq!(list.names.len(), 4);
                assert_eq!(list.names[3], "legacy.contoso.com");
            },
        },
        Case {
            file: "dates-de-DE.txt",
            certificates: 1,
            outlook_anywhere: 0,
            outlook_provider_records: 0,
            unknown_records: 0,
            commands: 1,
            problems: &[],
            check: |t| {
                let c = &t.certificates[0];
                assert_eq!(exact(&c.not_after), Some(MAIL_NOT_AFTER));
                assert_eq!(exact(&c.not_before), Some(MARCH_4));
                assert_eq!(
                    c.not_after.as_ref().map(PsDate::text),
                    Some("14.03.2027 23:59:59")
                );
                assert_eq!(c.is_self_signed, Some(false));
            },
        },
        Case {
            file: "dates-en-GB.txt",
            certificates: 1,
            outlook_anywhere: 0,
            outlook_provider_records: 0,
            unknown_records: 0,
            commands: 0,
            problems: &[],
            check: |t| {
                let c = &t.certificates[0];
                assert_eq!(exact(&c.not_after), Some(MAIL_NOT_AFTER));
                assert_eq!(
                    c.not_before,
                    Some(PsDate::Ambiguous {
                        text: "04/03/2026 00:00:00".into(),
                        month_first: APRIL_3,
                        day_first: MARCH_4,
                    })
                );
            },
        },
        Case {
            file: "dates-iso.txt",
            certificates: 1,
            outlook_anywhere: 0,
            outlook_provider_records: 0,
            unknown_records: 0,
            commands: 0,
            problems: &[],
            check: |t| {
                assert_eq!(exact(&t.certificates[0].not_after), Some(MAIL_NOT_AFTER));
                assert_eq!(exact(&t.certificates[0].not_before), Some(MARCH_4));
            },
        },
        Case {
            file: "dates-en-US.txt",
            certificates: 1,
            outlook_anywhere: 0,
            outlook_provider_records: 0,
            unknown_records: 0,
            commands: 0,
            problems: &[],
            check: |t| {
                assert_eq!(exact(&t.certificates[0].not_after), Some(MAIL_NOT_AFTER));
                assert_eq!(exact(&t.certificates[0].not_before), Some(MARCH_4));
            },
        },
        Case {
            file: "thumbprint-spaced.txt",
            certificates: 2,
            outlook_anywhere: 0,
            outlook_provider_records: 0,
            unknown_records: 0,
            commands: 0,
            problems: &["bad_thumbprint"],
            check: |t| {
                let first = t.certificates[0].thumbprint.as_ref().map(|t| t.as_str());
                assert_eq!(first, Some(T_MAIL));
                assert_eq!(t.certificates[1].thumbprint, None);
                assert!(matches!(
                    &t.problems[0].kind,
                    ProblemKind::BadThumbprint {
                        error: ThumbprintError::WrongLength { digits: 39 },
                        ..
                    }
                ));
            },
        },
        Case {
            file: "repeated-property.txt",
            certificates: 2,
            outlook_anywhere: 0,
            outlook_provider_records: 0,
            unknown_records: 0,
            commands: 0,
            problems: &["repeated_property", "missing_record_separator"],
            check: |t| {
                let services = t.certificates[0].services.as_ref().expect("services");
                assert_eq!(services.names, [Service::Iis, Service::Smtp]);
                assert_eq!(
                    t.certificates[1].subject.as_deref(),
                    Some("CN=Microsoft Exchange Server Auth Certificate")
                );
                assert_eq!(t.problems[0].line, 14);
                assert_eq!(t.problems[1].line, 18);
            },
        },
        Case {
            file: "truncated-paste.txt",
            certificates: 3,
            outlook_anywhere: 0,
            outlook_provider_records: 0,
            unknown_records: 0,
            commands: 0,
            problems: &["truncated_record", "unclosed_list"],
            check: |t| {
                assert_eq!(domains(t, 2), ["EX01", "EX01.contoso.local"]);
                assert_eq!(t.certificates[2].thumbprint, None);
                let ProblemKind::TruncatedRecord { missing } = &t.problems[0].kind else {
                    panic!("{:?}", t.problems);
                };
                assert_eq!(missing.len(), 12);
                assert_eq!(missing.last().map(String::as_str), Some("Thumbprint"));
            },
        },
        Case {
            file: "outlook-anywhere-two.txt",
            certificates: 0,
            outlook_anywhere: 2,
            outlook_provider_records: 0,
            unknown_records: 0,
            commands: 2,
            problems: &[],
            check: check_outlook_anywhere,
        },
        Case {
            // The same paste with a PEM after it: the PEM is no part of the output.
            file: "all-three-then-pem.txt",
            certificates: 2,
            outlook_anywhere: 1,
            outlook_provider_records: 3,
            unknown_records: 0,
            commands: 4,
            problems: &[],
            check: |t| {
                let first = t.certificates[0].thumbprint.as_ref().map(|t| t.as_str());
                assert_eq!(first, Some(T_MAIL));
            },
        },
        Case {
            file: "all-three.txt",
            certificates: 2,
            outlook_anywhere: 1,
            outlook_provider_records: 3,
            unknown_records: 0,
            commands: 4,
            problems: &[],
            check: |t| {
                assert_eq!(
                    t.certificates[1].status,
                    Some(CertificateStatus::DateInvalid)
                );
                assert_eq!(t.certificates[1].has_iis(), Some(false));
                assert_eq!(
                    t.outlook_anywhere[0].external_hostname.as_deref(),
                    Some("mail.contoso.com")
                );
                assert!(t.outlook_anywhere[0].line > t.certificates[1].line);
            },
        },
        Case {
            file: "translated-booleans.txt",
            certificates: 1,
            outlook_anywhere: 0,
            outlook_provider_records: 0,
            unknown_records: 0,
            commands: 0,
            problems: &["translated_boolean", "translated_boolean"],
            check: |t| {
                assert_eq!(t.certificates[0].has_private_key, Some(true));
                assert_eq!(t.certificates[0].is_self_signed, Some(false));
            },
        },
        Case {
            file: "unknown-cmdlet-mixed.txt",
            certificates: 1,
            outlook_anywhere: 0,
            outlook_provider_records: 0,
            unknown_records: 1,
            commands: 2,
            problems: &["unknown_record"],
            check: |t| {
                assert_eq!(
                    t.certificates[0].thumbprint.as_ref().map(|t| t.as_str()),
                    Some(T_MAIL)
                );
            },
        },
    ]
}

fn check_fl_one(t: &ExchangeText) {
    let c = &t.certificates[0];
    assert_eq!(c.view, CertificateView::List);
    assert_eq!(c.thumbprint.as_ref().map(|t| t.as_str()), Some(T_MAIL));
    assert_eq!(
        c.subject.as_deref(),
        Some("CN=mail.contoso.com, OU=IT, O=Contoso Ltd, L=Redmond, S=Washington, C=US")
    );
    assert_eq!(
        c.issuer.as_deref(),
        Some("CN=Contoso Issuing CA 01, DC=contoso, DC=local")
    );
    assert_eq!(
        domains(t, 0),
        ["mail.contoso.com", "autodiscover.contoso.com"]
    );
    assert_eq!(c.has_iis(), Some(true));
    assert_eq!(exact(&c.not_after), Some(MAIL_NOT_AFTER));
    assert_eq!(exact(&c.not_before), Some(MAIL_NOT_BEFORE));
    assert_eq!(
        (c.is_self_signed, c.has_private_key),
        (Some(false), Some(true))
    );
    assert_eq!(c.status, Some(CertificateStatus::Valid));
    assert_eq!(c.root_ca_type, Some(RootCaType::Enterprise));
    assert_eq!(c.public_key_size, Some(2048));
    assert_eq!(
        c.serial_number.as_deref(),
        Some("6100000012ABCDEF34560000000012")
    );
    assert_eq!((c.properties, c.other_properties), (14, 1));
}

fn check_fl_three(t: &ExchangeText) {
    let iis: Vec<Option<bool>> = t.certificates.iter().map(|c| c.has_iis()).collect();
    assert_eq!(iis, [Some(true), Some(false), Some(false)]);
    assert!(domains(t, 1).is_empty());
    assert!(t.certificates[2]
        .services
        .as_ref()
        .is_some_and(|s| s.is_none()));
    let roots: Vec<_> = t.certificates.iter().map(|c| c.root_ca_type).collect();
    assert_eq!(
        roots,
        [
            Some(RootCaType::Enterprise),
            Some(RootCaType::None),
            Some(RootCaType::Registry)
        ]
    );
    assert_eq!(t.commands[0].text, "Get-ExchangeCertificate | fl");
}

fn check_table(t: &ExchangeText) {
    assert!(t
        .certificates
        .iter()
        .all(|c| c.view == CertificateView::Table));
    let first = &t.certificates[0];
    assert!(first.subject_truncated);
    assert_eq!(
        first.subject.as_deref(),
        Some("CN=mail.contoso.com, OU=Messaging, O=Contoso Pharmaceuticals Worldwide Ltd, L=Redmond, S=Wa")
    );
    let services = |i: usize| t.certificates[i].services.as_ref().map(|s| s.names.clone());
    assert_eq!(services(0), Some(vec![Service::Iis, Service::Smtp]));
    assert_eq!(services(1), Some(vec![Service::Smtp]));
    assert_eq!(
        services(2),
        Some(vec![
            Service::Imap,
            Service::Pop,
            Service::Iis,
            Service::Smtp
        ])
    );
    assert_eq!(services(3), Some(vec![]));
    assert_eq!(
        t.certificates[3].subject.as_deref(),
        Some("CN=WMSvc-SHA2-EX01")
    );
    assert!(!t.certificates[3].subject_truncated);
    assert_eq!(t.commands[0].text, "Get-ExchangeCertificate");
    assert_eq!(t.commands[1].text, "");
}

fn check_fl_star(t: &ExchangeText) {
    let c = &t.certificates[0];
    assert_eq!((c.properties, c.other_properties), (36, 20));
    assert_eq!(c.server.as_deref(), Some("EX01.contoso.local"));
    assert_eq!(c.friendly_name.as_deref(), Some("mail.contoso.com 2025"));
    assert_eq!(
        c.identity.as_deref(),
        Some(&*format!("EX01.contoso.local\\{T_MAIL}"))
    );
    assert_eq!(c.has_iis(), Some(true));
}

fn check_wrapped(t: &ExchangeText) {
    let names = domains(t, 0);
    assert_eq!(names.len(), 14);
    assert_eq!(names[4], "ex01.contoso.local");
    assert_eq!(names[9], "mail.adatum.com");
    assert_eq!(names[13], "mail.northwindtraders.com");
    assert!(names.iter().all(|n| !n.contains(' ')));
    assert_eq!(
        t.certificates[0].subject.as_deref(),
        Some("CN=mail.contoso.com, OU=Messaging and Collaboration, O=Contoso Pharmaceuticals and Biotechnology Worldwide Ltd, L=Redmond, S=Washington, C=US")
    );
}

fn check_outlook_anywhere(t: &ExchangeText) {
    let [ex01, ex02] = &t.outlook_anywhere[..] else {
        panic!("two records");
    };
    assert_eq!(ex01.server.as_deref(), Some("EX01"));
    assert_eq!(
        ex01.identity.as_deref(),
        Some("EX01\\Rpc (Default Web Site)")
    );
    assert_eq!(ex01.external_hostname.as_deref(), Some("mail.contoso.com"));
    assert_eq!(
        ex01.internal_hostname.as_deref(),
        Some("ex01.contoso.local")
    );
    assert_eq!(ex01.ssl_offloading, Some(true));
    assert_eq!(ex01.external_clients_require_ssl, Some(true));
    assert_eq!(ex01.internal_clients_require_ssl, Some(false));
    assert_eq!(
        ex01.external_client_authentication_method,
        Some(AuthMethod::Negotiate)
    );
    assert_eq!(
        ex01.internal_client_authentication_method,
        Some(AuthMethod::Ntlm)
    );
    let iis = ex01
        .iis_authentication_methods
        .as_ref()
        .expect("IIS methods");
    assert_eq!(
        iis.methods,
        [AuthMethod::Basic, AuthMethod::Ntlm, AuthMethod::Negotiate]
    );
    assert!(!iis.truncated);
    assert_eq!((ex01.properties, ex01.other_properties), (35, 24));
    assert_eq!(ex02.server.as_deref(), Some("EX02"));
    assert_eq!(
        (ex02.ssl_offloading, ex02.internal_clients_require_ssl),
        (Some(false), Some(true))
    );
}

#[test]
fn every_fixture_reads_as_expected() {
    let cases = cases();
    for case in &cases {
        let text = read(case.file);
        let t = parse(&text).unwrap_or_else(|| panic!("{}: not read", case.file));
        let counts = (
            t.certificates.len(),
            t.outlook_anywhere.len(),
            t.outlook_provider_records,
            t.unknown_records,
            t.commands.len(),
        );
        let expected = (
            case.certificates,
            case.outlook_anywhere,
            case.outlook_provider_records,
            case.unknown_records,
            case.commands,
        );
        assert_eq!(counts, expected, "{}", case.file);
        let problems: Vec<String> = t.problems.iter().map(|p| tag(&p.kind)).collect();
        assert_eq!(problems, case.problems, "{}: {:?}", case.file, t.problems);
        (case.check)(&t);
    }
    // Every fixture of the folder is in the table (but the one that must not read).
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/exchange");
    let files = std::fs::read_dir(dir).expect("fixtures").count();
    assert_eq!(
        files,
        cases.len() + 2,
        "README.md and unknown-cmdlet-only.txt aside"
    );
}

#[test]
fn other_texts_are_not_claimed() {
    let exchange_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let others = [
        "exchange/unknown-cmdlet-only.txt",
        "certs/cn-and-san.pem",
        "certs/chain-with-key.pem",
        "certs/x509-text-dump.txt",
        "certs/s_client.txt",
        "certs/autodiscover-expr.xml",
        "certs/autodiscover-in-email.txt",
        "certs/get-outlookprovider.txt",
        "certs/prose-only.txt",
        "certs/email-quoted.txt",
        "certs/hex-certutil.txt",
        "certs/json-escaped.json",
    ];
    for file in others {
        let text = std::fs::read_to_string(exchange_dir.join(file)).expect(file);
        assert!(parse(&text).is_none(), "{file} was claimed");
    }
}

#[test]
fn the_outlook_provider_part_stays_readable_by_its_own_parser() {
    let text = read("all-three.txt");
    let settings = msstd_check::autodiscover::parse_outlook_provider("all-three.txt", &text)
        .expect("the EXPR provider");
    assert_eq!(
        settings.principal.as_deref(),
        Some("msstd:mail.contoso.com")
    );
}

#[test]
fn the_result_serializes_with_snake_case_tags() {
    let t = parse(&read("dates-en-GB.txt")).expect("read");
    let json = serde_json::to_value(&t).expect("serializes");
    let c = &json["certificates"][0];
    assert_eq!(c["not_before"]["kind"], "ambiguous");
    assert_eq!(c["not_after"]["kind"], "exact");
    assert_eq!(c["view"], "list");
    assert_eq!(c["thumbprint"], T_MAIL);
    assert_eq!(c["services"]["names"], serde_json::json!(["iis", "smtp"]));
    assert_eq!(c["root_ca_type"], "third_party");
    let t = parse(&read("thumbprint-spaced.txt")).expect("read");
    let problem = serde_json::to_value(&t.problems[0]).expect("serializes");
    assert_eq!(
        problem,
        serde_json::json!({
            "line": 32,
            "kind": "bad_thumbprint",
            "text": "7C9E2F4A6B8D0C1E3F5A7B9C1D3E5F7A9B1C3D5",
            "error": { "kind": "wrong_length", "digits": 39 }
        })
    );
}

#[test]
fn every_cut_of_a_paste_reads_without_panic() {
    // Every character boundary of the smaller pastes; of the one with all three
    // cmdlets (7 KB), every line end and every fifth character.
    let files = [
        ("fl-three.txt", 1),
        ("email-quoted.txt", 1),
        ("table.txt", 1),
        ("all-three.txt", 5),
    ];
    for (file, step) in files {
        let text = read(file);
        let lines = text.lines().count();
        let mut read_some = 0;
        let cuts = text
            .char_indices()
            .enumerate()
            .filter(|(i, (_, c))| i % step == 0 || *c == '\n')
            .map(|(_, (end, _))| end);
        for end in cuts {
            let Some(t) = parse(&text[..end]) else {
                continue;
            };
            read_some += 1;
            assert!(
                t.problems.iter().all(|p| p.line >= 1 && p.line <= lines),
                "{file} at {end}"
            );
            assert!(t.certificates.len() + t.outlook_anywhere.len() >= 1);
        }
        assert!(read_some > 0, "{file}");
    }
}

#[test]
fn hostile_texts_are_bounded_and_quick() {
    let thumbprint_line = format!("Thumbprint : {T_MAIL}\n");
    let cases: Vec<String> = vec![
        // Many records: only MAX_RECORDS are read.
        format!("{thumbprint_line}\n").repeat(5_000),
        // One record of many distinct properties.
        std::iter::once(thumbprint_line.clone())
            .chain((0..200_000).map(|i| format!("P{i} : x\n")))
            .collect(),
        // One value continued over many lines.
        format!(
            "{thumbprint_line}CertificateDomains : {{a\n{}",
            "                     b,\n".repeat(200_000)
        ),
        // A huge list.
        format!(
            "{thumbprint_line}CertificateDomains : {{{}}}\n",
            "a.contoso.com, ".repeat(100_000)
        ),
        // Many table rows.
        format!("{T_MAIL}  IP.WS..  CN=x\n").repeat(50_000),
        // Many problems.
        format!("{thumbprint_line}{}", "+ ~~~~\n".repeat(100_000)),
    ];
    for text in &cases {
        let started = std::time::Instant::now();
        let t = parse(text).expect("read");
        eprintln!("{} bytes: {:?}", text.len(), started.elapsed());
        assert!(started.elapsed().as_secs() < 20, "{:?}", started.elapsed());
        assert!(t.certificates.len() <= msstd_check::exchange::MAX_RECORDS);
        assert!(t.problems.len() <= msstd_check::exchange::MAX_PROBLEMS + 1);
        for c in &t.certificates {
            let names = c.certificate_domains.as_ref().map_or(0, |d| d.names.len());
            assert!(names <= msstd_check::exchange::MAX_LIST_ITEMS);
            assert!(c.properties <= msstd_check::exchange::MAX_PROPERTIES);
        }
    }
}

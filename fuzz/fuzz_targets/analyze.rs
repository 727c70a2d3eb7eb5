//! The whole analysis: the bytes before the first NUL are the principal name,
//! the rest is the input. Never a panic; the report always serializes, and
//! the engines' JSON writer gives serde_json's text byte for byte.
#![no_main]
use libfuzzer_sys::fuzz_target;
use msstd_check::{analyze, Input, Options};

fuzz_target!(|data: &[u8]| {
    let (principal, input) = match data.iter().position(|b| *b == 0) {
        Some(at) => (String::from_utf8_lossy(&data[..at]).into_owned(), &data[at + 1..]),
        None => ("msstd:mail.contoso.com".to_string(), data),
    };
    let report = analyze(
        &[Input { name: "fuzz", bytes: input }],
        &Options {
            principal: Some(principal),
            host: Some("mail.contoso.com".into()),
            at: 1_764_028_800,
            password: Some("password".into()),
        },
    );
    let _ = msstd_check::text_report::render(&report);
    let ours = msstd_check::engine_json(&report).expect("the engines' JSON");
    let theirs = serde_json::to_string(&report).expect("serde_json");
    assert_eq!(ours, theirs, "the engines' JSON differs from serde_json's");
});

//! Intake: any bytes become certificates and items, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut intake = msstd_check::intake::Intake::new();
    intake.password = Some("password".into());
    intake.add("fuzz", data);
    assert!(!intake.items.is_empty() || data.iter().all(u8::is_ascii_whitespace) || !intake.findings.is_empty());
});

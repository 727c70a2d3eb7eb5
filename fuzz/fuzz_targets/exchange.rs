//! The Exchange cmdlet output parser: any text reads without a panic, within
//! the limits, and what it claims holds a record.
#![no_main]
use libfuzzer_sys::fuzz_target;
use msstd_check::exchange::{parse, MAX_LIST_ITEMS, MAX_PROBLEMS, MAX_RECORDS};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let lines = text.split('\n').count();
    if let Some(t) = parse(&text) {
        assert!(!t.certificates.is_empty() || !t.outlook_anywhere.is_empty());
        assert!(t.certificates.len() + t.outlook_anywhere.len() <= MAX_RECORDS);
        assert!(t.problems.len() <= MAX_PROBLEMS + 1);
        assert!(t.problems.iter().all(|p| p.line >= 1 && p.line <= lines));
        for c in &t.certificates {
            let names = c.certificate_domains.as_ref().map_or(0, |d| d.names.len());
            assert!(names <= MAX_LIST_ITEMS);
        }
    }
});

//! The principal-name parser: any string parses, and cleaning up is stable.
#![no_main]
use libfuzzer_sys::fuzz_target;
use msstd_check::principal::{parse, PrincipalKind};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let first = parse(&text);
    // Parsing the corrected string again gives the same name, with no clean-up.
    if first.kind == PrincipalKind::Msstd {
        if let Some(corrected) = &first.corrected {
            let again = parse(corrected);
            assert_eq!(again.name, first.name, "{text:?}");
        }
    }
});

//! Profiling harness (not part of the product): analyze one file N times.
//! `cargo build --release --example profile && valgrind --tool=callgrind target/release/examples/profile FILE N`
//! With `PARSE_ONLY=1` and a DER file: x509-parser's parse alone (the floor).
use msstd_check::{analyze, Input, Options};

fn main() {
    let mut args = std::env::args().skip(1);
    let file = args.next().expect("file");
    let n: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(1000);
    let bytes = std::fs::read(&file).expect("read");
    let opts = Options {
        principal: Some("msstd:mail.contoso.com".into()),
        host: Some("mail.contoso.com".into()),
        at: 1_764_028_800,
        password: None,
    };
    let start = std::time::Instant::now();
    let mut sink = 0;
    let parse_only = std::env::var_os("PARSE_ONLY").is_some();
    for _ in 0..n {
        if parse_only {
            sink += x509_parser::parse_x509_certificate(&bytes)
                .map(|(_, c)| c.tbs_certificate.extensions().len())
                .unwrap_or_default();
            continue;
        }
        sink += analyze(
            &[Input {
                name: &file,
                bytes: &bytes,
            }],
            &opts,
        )
        .certificates
        .len();
    }
    eprintln!(
        "{:.2} us per analysis ({sink})",
        start.elapsed().as_secs_f64() * 1e6 / n as f64
    );
}

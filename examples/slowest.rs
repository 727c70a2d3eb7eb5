//! Which inputs are slow (not part of the product): intake and analysis of every file of a
//! directory (a fuzz corpus, say), timed, the slowest printed first.
//! `cargo run --release --example slowest -- DIR [COUNT]`
use msstd_check::{analyze, Input, Options};
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().expect("a directory");
    let count: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(15);
    let options = Options {
        principal: Some("msstd:mail.contoso.com".into()),
        host: Some("mail.contoso.com".into()),
        at: 1_764_028_800,
        password: Some("password".into()),
    };
    let mut timings = Vec::new();
    let mut total = 0.0;
    for entry in std::fs::read_dir(&dir)
        .expect("readable directory")
        .flatten()
    {
        let Ok(bytes) = std::fs::read(entry.path()) else {
            continue;
        };
        let bytes = &bytes[..bytes.len().min(16_384)];
        let start = Instant::now();
        let report = analyze(
            &[Input {
                name: "file",
                bytes,
            }],
            &options,
        );
        let seconds = start.elapsed().as_secs_f64();
        total += seconds;
        timings.push((
            seconds,
            bytes.len(),
            report.certificates.len(),
            entry.file_name(),
        ));
    }
    timings.sort_by(|a, b| b.0.total_cmp(&a.0));
    println!(
        "{} files, {:.1} ms in all, {:.1} us each",
        timings.len(),
        total * 1e3,
        total * 1e6 / timings.len() as f64
    );
    for (seconds, length, certificates, name) in timings.iter().take(count) {
        println!(
            "{:>10.1} us {length:>6} B {certificates:>3} certs {name:?}",
            seconds * 1e6
        );
    }
}

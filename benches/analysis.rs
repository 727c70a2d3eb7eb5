//! The whole analysis (intake, parse, facts, verdict, fix) per certificate,
//! per input form, and over the outside corpus. Run: `cargo bench`.

use std::path::Path;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use msstd_check::{analyze, Input, Options};

fn options(password: Option<&str>) -> Options {
    Options {
        principal: Some("msstd:mail.contoso.com".into()),
        host: Some("mail.contoso.com".into()),
        at: 1_764_028_800,
        password: password.map(str::to_string),
    }
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/certs")
            .join(name),
    )
    .expect("fixture")
}

/// One certificate in every form the customers send.
fn forms(c: &mut Criterion) {
    let mut group = c.benchmark_group("form");
    let cases = [
        ("PEM", "cn-and-san.pem", 1),
        ("DER", "cn-and-san.cer", 1),
        ("base64", "cn-and-san.b64.txt", 1),
        ("e-mail quoted", "email-quoted.txt", 1),
        ("s_client text", "s_client.txt", 2),
        ("p7b DER", "bundle-der.p7b", 3),
        ("p7b BER", "bundle-ber-indefinite.p7b", 3),
        ("pem chain", "chain-leaf-first.pem", 3),
        ("hex dump", "hex-certutil.txt", 1),
    ];
    for (label, file, certificates) in cases {
        let bytes = fixture(file);
        let opts = options(None);
        group.throughput(Throughput::Elements(certificates));
        group.bench_with_input(BenchmarkId::from_parameter(label), &bytes, |b, bytes| {
            b.iter(|| analyze(&[Input { name: file, bytes }], &opts))
        });
    }
    // A .pfx is dominated by its key derivation (2,048 iterations here).
    let pfx = fixture("leaf-aes.pfx");
    let opts = options(Some("Contoso!2025"));
    group.throughput(Throughput::Elements(2));
    group.bench_function("pfx AES (2048 iterations)", |b| {
        b.iter(|| {
            analyze(
                &[Input {
                    name: "leaf-aes.pfx",
                    bytes: &pfx,
                }],
                &opts,
            )
        })
    });
    group.finish();
}

/// Every readable file of the outside corpus, one analysis each.
fn corpus(c: &mut Criterion) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/real");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("no ../shared/corpus/real: corpus benchmark skipped");
        return;
    };
    let mut files: Vec<(String, Vec<u8>)> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("pem" | "crt" | "cer" | "der")
            )
        })
        .filter(|p| {
            !p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("malformed"))
        })
        .map(|p| {
            (
                p.file_name()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .into_owned(),
                std::fs::read(&p).unwrap_or_default(),
            )
        })
        .collect();
    files.sort();
    let opts = options(None);
    let certificates: usize = files
        .iter()
        .map(|(n, b)| {
            analyze(&[Input { name: n, bytes: b }], &opts)
                .certificates
                .len()
        })
        .sum();
    let mut group = c.benchmark_group("corpus");
    group.throughput(Throughput::Elements(certificates as u64));
    group.bench_function(
        format!("{} files, {certificates} certificates", files.len()),
        |b| {
            b.iter(|| {
                for (name, bytes) in &files {
                    let _ = analyze(&[Input { name, bytes }], &opts);
                }
            })
        },
    );
    group.finish();
}

criterion_group!(benches, forms, corpus);
criterion_main!(benches);

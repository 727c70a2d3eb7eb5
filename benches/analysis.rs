//! The whole analysis (intake, parse, facts, verdict, fix) per certificate,
//! per input form, and over the outside corpus; the whole analysis next to
//! x509-parser's parse alone (the floor); and its cost against the number of
//! names (163 and 4,096 SANs, generated here). Run: `cargo bench`.

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

/// One DER TLV of `bytes`: (tag, header length, content length).
fn tlv(bytes: &[u8]) -> (u8, usize, usize) {
    let (tag, first) = (bytes[0], bytes[1] as usize);
    if first < 0x80 {
        return (tag, 2, first);
    }
    let n = first & 0x7f;
    let len = bytes[2..2 + n]
        .iter()
        .fold(0, |l, &b| (l << 8) | b as usize);
    (tag, 2 + n, len)
}

/// The TLVs inside `content`, each whole (header and content).
fn children(mut content: &[u8]) -> Vec<&[u8]> {
    let mut out = Vec::new();
    while !content.is_empty() {
        let (_, header, len) = tlv(content);
        out.push(&content[..header + len]);
        content = &content[header + len..];
    }
    out
}

/// A DER TLV with definite length.
fn encode(tag: u8, content: &[u8]) -> Vec<u8> {
    let len = content.len();
    let mut out = vec![tag];
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes: Vec<u8> = len
            .to_be_bytes()
            .into_iter()
            .skip_while(|&b| b == 0)
            .collect();
        out.push(0x80 | bytes.len() as u8);
        out.extend(bytes);
    }
    out.extend_from_slice(content);
    out
}

fn content(whole: &[u8]) -> &[u8] {
    let (_, header, len) = tlv(whole);
    &whole[header..header + len]
}

/// `der` (a certificate) with its SAN extension replaced by `count` DNS names
/// (`host-0.contoso.com`, ...). The signature no longer verifies; the leaf's
/// issuer is not in the input, so no signature is checked.
fn with_sans(der: &[u8], count: usize) -> Vec<u8> {
    const SAN_OID: &[u8] = &[0x06, 0x03, 0x55, 0x1d, 0x11];
    let names: Vec<u8> = (0..count)
        .flat_map(|i| encode(0x82, format!("host-{i}.contoso.com").as_bytes()))
        .collect();
    let san = encode(
        0x30,
        &[SAN_OID, &encode(0x04, &encode(0x30, &names))].concat(),
    );
    let cert = children(content(der));
    let tbs: Vec<Vec<u8>> = children(content(cert[0]))
        .into_iter()
        .map(|field| {
            if field[0] != 0xa3 {
                return field.to_vec();
            }
            let extensions: Vec<u8> = children(content(content(field)))
                .into_iter()
                .flat_map(|ext| match content(ext).starts_with(SAN_OID) {
                    true => san.clone(),
                    false => ext.to_vec(),
                })
                .collect();
            encode(0xa3, &encode(0x30, &extensions))
        })
        .collect();
    let tbs = encode(0x30, &tbs.concat());
    encode(0x30, &[&tbs[..], cert[1], cert[2]].concat())
}

/// The whole analysis next to x509-parser's parse of the same DER alone, and
/// the cost against the number of names.
fn floor_and_scale(c: &mut Criterion) {
    let opts = options(None);
    let base = fixture("cn-and-san.cer");
    let real = |file: &str| {
        std::fs::read(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../shared/corpus/real")
                .join(file),
        )
        .ok()
        .and_then(|bytes| {
            let text = String::from_utf8_lossy(&bytes).into_owned();
            match text.contains("-----BEGIN") {
                true => pem::parse(&text).ok().map(|p| p.into_contents()),
                false => Some(bytes),
            }
        })
    };
    let mut cases = vec![
        ("cn-and-san", base.clone()),
        ("163 SANs, generated", with_sans(&base, 163)),
        ("4096 SANs, generated", with_sans(&base, 4096)),
    ];
    for (label, file) in [
        (
            "google.com 137 SANs",
            "real-google.com-137-sans-wildcard-cn-ecdsa.cer",
        ),
        (
            "microsoft.com 163 SANs",
            "real-microsoft.com-163-sans-rsa.pem",
        ),
    ] {
        match real(file) {
            Some(der) => cases.push((label, der)),
            None => eprintln!("no ../shared/corpus/real/{file}: skipped"),
        }
    }
    let mut group = c.benchmark_group("floor");
    for (label, der) in &cases {
        let sans = analyze(
            &[Input {
                name: "c.cer",
                bytes: der,
            }],
            &opts,
        )
        .certificates[0]
            .dns_names()
            .len();
        assert!(sans > 0, "{label}: no SAN read");
        group.bench_with_input(
            BenchmarkId::new("x509-parser parse", label),
            der,
            |b, der| {
                b.iter(|| {
                    x509_parser::parse_x509_certificate(der)
                        .map(|(_, c)| c.tbs_certificate.serial.bits())
                })
            },
        );
        group.bench_with_input(
            BenchmarkId::new("whole analysis DER", label),
            der,
            |b, der| {
                b.iter(|| {
                    analyze(
                        &[Input {
                            name: "c.cer",
                            bytes: der,
                        }],
                        &opts,
                    )
                })
            },
        );
        let pem = pem::encode(&pem::Pem::new("CERTIFICATE", der.clone()));
        group.bench_with_input(
            BenchmarkId::new("whole analysis PEM", label),
            pem.as_bytes(),
            |b, pem| {
                b.iter(|| {
                    analyze(
                        &[Input {
                            name: "c.pem",
                            bytes: pem,
                        }],
                        &opts,
                    )
                })
            },
        );
    }
    group.finish();
}

criterion_group!(benches, forms, corpus, floor_and_scale);
criterion_main!(benches);

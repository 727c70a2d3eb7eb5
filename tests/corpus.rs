//! The analyzer against outside test data: `../shared/corpus` (real-world and
//! oddball certificate files with OpenSSL's reading of them, and a subset of
//! C2SP/x509-limbo). See `tests/CORPUS.md` for every exception and exclusion.
//!
//! The corpus sits beside the checkout. When it is missing these tests fail,
//! unless `MSSTD_SKIP_SHARED=1` is set.

use std::collections::{BTreeMap, BTreeSet};
use std::net::IpAddr;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use msstd_check::cert::CertificateFacts;
use msstd_check::rules::Severity;
use msstd_check::tls::host_coverage;
use msstd_check::{analyze, Input, Options, Report};
use serde_json::Value;

/// 2026-11-25T00:00:00Z, the reference time of the corpus manifest.
const REFERENCE_TIME: i64 = 1_795_564_800;

/// The corpus directory, or `None` when it is missing and `MSSTD_SKIP_SHARED=1`.
fn corpus_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if dir.is_dir() {
        return Some(dir);
    }
    if std::env::var("MSSTD_SKIP_SHARED").as_deref() == Ok("1") {
        eprintln!(
            "SKIPPED: shared corpus not found at {} (MSSTD_SKIP_SHARED=1)",
            dir.display()
        );
        return None;
    }
    panic!(
        "the shared test corpus is missing: expected the directory {} (the `shared/` \
         directory beside the checkout). Provide it, or set MSSTD_SKIP_SHARED=1 to skip \
         the corpus tests.",
        dir.display()
    );
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()))
}

fn str_list(value: &Value) -> Vec<String> {
    value
        .as_array()
        .map(|items| {
            items
                .iter()
                .map(|v| v.as_str().expect("a string").to_string())
                .collect()
        })
        .unwrap_or_default()
}

fn options(principal: Option<&str>, host: Option<&str>) -> Options {
    Options {
        principal: principal.map(str::to_string),
        host: host.map(str::to_string),
        at: REFERENCE_TIME,
        password: None,
    }
}

/// Analyze one input, turning a panic into an `Err` with its message.
fn analyze_guarded(name: &str, bytes: &[u8], options: &Options) -> Result<Report, String> {
    catch_unwind(AssertUnwindSafe(|| {
        analyze(&[Input { name, bytes }], options)
    }))
    .map_err(|payload| {
        payload
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_else(|| "panic with a non-string payload".into())
    })
}

/// The messages of the `error` findings of a report, joined.
fn error_messages(report: &Report) -> String {
    report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| format!("[{}] {}", f.code, f.message))
        .collect::<Vec<_>>()
        .join(" | ")
}

fn dns_sans(cert: &CertificateFacts) -> Vec<String> {
    cert.dns_names().to_vec()
}

/// An IP address in one canonical text form, or the text itself if it is not one.
fn normalize_ip(text: &str) -> String {
    text.parse::<IpAddr>()
        .map_or_else(|_| text.to_string(), |ip| ip.to_string())
}

/// Whether OpenSSL decoded a certificate's SAN extension (`None` when there is
/// none): when it cannot, it prints the extension's raw bytes (non-printable
/// ones as dots) instead of its `TYPE:value` entries, and the manifest has that
/// text in `san_other`.
fn openssl_decoded_san(expected: &Value) -> Option<bool> {
    const ENTRY_PREFIXES: &[&str] = &[
        "email:",
        "URI:",
        "DirName:",
        "Registered ID:",
        "othername:",
        "X400Name:",
        "EdiPartyName:",
        "DNS:",
        "IP Address:",
    ];
    expected["san_extension_present"].as_bool()?.then(|| {
        str_list(&expected["san_other"])
            .iter()
            .all(|entry| ENTRY_PREFIXES.iter().any(|p| entry.starts_with(p)))
    })
}

// ---------------------------------------------------------------------------
// 1. real/manifest.json: CN and DNS SAN lists against OpenSSL
// ---------------------------------------------------------------------------

/// PKCS#7 and PKCS#12 files the analyzer does not read yet (it reads no
/// certificate from them). When support arrives, the file is compared like
/// the others and must be removed from this list.
const EXPECTED_UNSUPPORTED_BUNDLES: &[&str] = &[];

/// Files whose `openssl.certificates` entries are only `openssl_error`
/// ("Unable to load certificate"): OpenSSL read no certificate, so there are
/// no names to compare. For each: does the analyzer read a certificate anyway,
/// and why. (The messages are checked by `real_malformed_files_get_clear_messages`.)
const EXPECTED_OPENSSL_UNLOADABLE: &[(&str, bool, &str)] = &[
    (
        "malformed-bad-base64.pem",
        false,
        "invalid base64 characters: INTAKE_UNREADABLE",
    ),
    (
        "malformed-der-wrong-outer-length.der",
        false,
        "outer length off by 256: INTAKE_BAD_CERTIFICATE, trailing bytes skipped",
    ),
    (
        "malformed-invalid-utf8-in-utf8string-cn.pem",
        true,
        "more lenient than OpenSSL: the certificate is read, the CN that is not valid UTF-8 \
         is shown as `#` + hex with a CERT_UNDECODABLE_ATTRIBUTE warning",
    ),
    (
        "malformed-random-garbage.bin",
        false,
        "neither DER nor text: INTAKE_UNREADABLE",
    ),
    (
        "malformed-truncated-der.cer",
        false,
        "truncated DER: INTAKE_UNREADABLE",
    ),
];

/// Files where the analyzer and OpenSSL disagree, with the reason. The test
/// asserts that the files that disagree are exactly these, so a fix in the
/// analyzer (or a new disagreement) forces an update here and in CORPUS.md.
const OPENSSL_EXCEPTIONS: &[(&str, &str)] = &[(
    "malformed-utctime-with-4-digit-year.pem",
    "notAfter is a UTCTime holding a 4-digit year (invalid DER). OpenSSL loads the \
     certificate and prints \"Bad time value\"; the analyzer (x509-parser) rejects the whole \
     certificate with INTAKE_BAD_CERTIFICATE \"... (invalid date)\", so its names are not \
     read. The curator expects \"error or lenient\": a clear error is acceptable.",
)];

#[test]
fn real_manifest_names_match_openssl() {
    let Some(dir) = corpus_dir() else { return };
    let real = dir.join("real");
    let manifest = read_json(&real.join("manifest.json"));
    let files = manifest["files"].as_array().expect("manifest.files");

    let mut compared = 0usize;
    let mut compared_files = 0usize;
    let mut unsupported = Vec::new();
    let mut openssl_unloadable = Vec::new();
    let mut disagreements: BTreeMap<String, Vec<String>> = BTreeMap::new();

    for entry in files {
        let file = entry["file"].as_str().expect("file name");
        let format = entry["format"].as_str().unwrap_or_default();
        let found = entry["openssl"]["certificates"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        if found.is_empty() {
            continue;
        }
        let bytes = std::fs::read(real.join(file)).expect("corpus file");
        // PKCS#12 files are opened with the password the manifest gives.
        let mut file_options = options(None, None);
        file_options.password = entry["pkcs12_password"].as_str().map(str::to_string);
        let report = analyze_guarded(file, &bytes, &file_options)
            .unwrap_or_else(|panic| panic!("{file}: the analyzer panicked: {panic}"));

        let bundle = format.contains("PKCS#7") || format.contains("PKCS#12");
        if bundle && report.certificates.is_empty() {
            unsupported.push(file.to_string());
            continue;
        }
        let loadable: Vec<&Value> = found
            .iter()
            .filter(|c| c.get("sha256_fingerprint").is_some())
            .collect();
        if loadable.is_empty() {
            openssl_unloadable.push((file.to_string(), !report.certificates.is_empty()));
            continue;
        }
        compared_files += 1;

        let mut problems = Vec::new();
        for expected in &loadable {
            let fingerprint = expected["sha256_fingerprint"].as_str().expect("sha256");
            let Some(cert) = report
                .certificates
                .iter()
                .find(|c| c.fingerprint_sha256.eq_ignore_ascii_case(fingerprint))
            else {
                problems.push(format!(
                    "certificate {fingerprint} (OpenSSL subject {:?}) was not read by the analyzer; errors: {}",
                    expected["subject_rfc2253"].as_str().unwrap_or_default(),
                    error_messages(&report)
                ));
                continue;
            };
            compared += 1;
            let want_cns = str_list(&expected["subject_cns"]);
            if cert.common_names != want_cns {
                problems.push(format!(
                    "certificate {fingerprint}: CNs {:?}, OpenSSL {:?} (string types: OpenSSL {:?})",
                    cert.common_names,
                    want_cns,
                    expected["subject_with_string_types"].as_str().unwrap_or_default()
                ));
            }
            // No normalization: OpenSSL prints a dNSName's bytes as they are
            // (the raw UTF-8 dNSNames of real-raw-utf8-in-dnsname-critical-san.pem
            // are valid UTF-8 and sit in the manifest as that text), and
            // punycode stays punycode (no IDN decoding on either side). The
            // analyzer keeps dNSNames as written (lossy UTF-8 for bytes that
            // are not IA5), so the lists must be equal as they are.
            let want_dns = str_list(&expected["san_dns"]);
            let have_dns = dns_sans(cert);
            if have_dns != want_dns {
                problems.push(format!(
                    "certificate {fingerprint}: DNS SANs {have_dns:?}, OpenSSL {want_dns:?}"
                ));
            }
            // IP SANs: OpenSSL 3.0 prints IPv6 uncompressed and upper-case
            // (`2001:DB8:0:0:0:0:0:1`), the analyzer compressed (`2001:db8::1`);
            // both are compared as parsed addresses. An entry that does not
            // parse is compared as text.
            let want_ip: Vec<String> = str_list(&expected["san_ip"])
                .iter()
                .map(|ip| normalize_ip(ip))
                .collect();
            let have_ip: Vec<String> = cert
                .subject_alt_names
                .as_ref()
                .map(|s| s.names.ip.iter().map(|ip| normalize_ip(ip)).collect())
                .unwrap_or_default();
            if have_ip != want_ip {
                problems.push(format!(
                    "certificate {fingerprint}: IP SANs {have_ip:?}, OpenSSL {want_ip:?}"
                ));
            }
            let want_present = expected["san_extension_present"].as_bool();
            let have_present = cert.subject_alt_names.is_some();
            if want_present.is_some_and(|w| w != have_present) {
                problems.push(format!(
                    "certificate {fingerprint}: SAN extension present {have_present}, OpenSSL {want_present:?}"
                ));
            }
            // A SAN extension OpenSSL cannot decode (malformed-san-extension-value.pem:
            // an otherName without its [0] EXPLICIT wrapper) is printed as its raw
            // bytes instead of `TYPE:value` entries; the analyzer must call it
            // unreadable too (and use none of its names).
            if let (Some(want), Some(san)) =
                (openssl_decoded_san(expected), &cert.subject_alt_names)
            {
                if san.readable != want {
                    problems.push(format!(
                        "certificate {fingerprint}: SAN readable {}, OpenSSL decoded it: {want} ({:?})",
                        san.readable,
                        str_list(&expected["san_other"])
                    ));
                }
            }
            // Key size, where OpenSSL prints one (not for Ed25519).
            if let Some(want) = expected["public_key_bits"].as_u64() {
                if cert.public_key.bits.map(u64::from) != Some(want) {
                    problems.push(format!(
                        "certificate {fingerprint}: {:?} key of {:?} bits, OpenSSL {want}",
                        cert.public_key.algorithm, cert.public_key.bits
                    ));
                }
            }
        }
        if report.certificates.len() != loadable.len() {
            problems.push(format!(
                "the analyzer read {} certificates, OpenSSL {}",
                report.certificates.len(),
                loadable.len()
            ));
        }
        if !problems.is_empty() {
            disagreements.insert(file.to_string(), problems);
        }
    }

    for (file, problems) in &disagreements {
        for problem in problems {
            eprintln!("DISAGREEMENT {file}: {problem}");
        }
    }
    eprintln!(
        "skipped PKCS#7/PKCS#12 files the analyzer does not read yet ({}): {unsupported:?}",
        unsupported.len()
    );
    eprintln!(
        "files OpenSSL could not load, not compared ({}; true = the analyzer reads a certificate): {openssl_unloadable:?}",
        openssl_unloadable.len()
    );
    eprintln!(
        "compared {compared} certificates from {compared_files} files against OpenSSL; \
         {} files disagree",
        disagreements.len()
    );

    unsupported.sort();
    assert_eq!(
        unsupported, EXPECTED_UNSUPPORTED_BUNDLES,
        "the PKCS#7/PKCS#12 files the analyzer cannot read changed: update EXPECTED_UNSUPPORTED_BUNDLES and tests/CORPUS.md"
    );
    openssl_unloadable.sort();
    let want_unloadable: Vec<(String, bool)> = EXPECTED_OPENSSL_UNLOADABLE
        .iter()
        .map(|(file, read, _)| (file.to_string(), *read))
        .collect();
    assert_eq!(
        openssl_unloadable, want_unloadable,
        "the files OpenSSL could not load, or whether the analyzer reads them, changed \
         (pairs are file, analyzer read a certificate): update EXPECTED_OPENSSL_UNLOADABLE"
    );
    let disagreeing: BTreeSet<&str> = disagreements.keys().map(String::as_str).collect();
    let excepted: BTreeSet<&str> = OPENSSL_EXCEPTIONS.iter().map(|(f, _)| *f).collect();
    assert_eq!(
        disagreeing, excepted,
        "the files where the analyzer and OpenSSL disagree are not exactly OPENSSL_EXCEPTIONS (see DISAGREEMENT lines above); update the table and tests/CORPUS.md"
    );
    // 42 at the time of writing: 35 single-certificate files (one of them,
    // malformed-utctime, not read), two 3-certificate chains and the
    // 2-certificate chain with garbage.
    assert!(compared >= 42, "only {compared} certificates compared");
}

// ---------------------------------------------------------------------------
// 2. real/manifest.json: malformed inputs get clear messages
// ---------------------------------------------------------------------------

#[test]
fn real_malformed_files_get_clear_messages() {
    let Some(dir) = corpus_dir() else { return };
    let real = dir.join("real");
    let manifest = read_json(&real.join("manifest.json"));
    let mut checked = Vec::new();
    for entry in manifest["files"].as_array().expect("manifest.files") {
        let file = entry["file"].as_str().expect("file name");
        let expected_parse = entry["expected_parse"].as_str().unwrap_or_default();
        // The values are "parse-ok", "error", "error or lossy decode",
        // "error or lenient", "error (not a certificate)" and two notes;
        // every one that mentions an error is checked.
        if !expected_parse.contains("error") {
            continue;
        }
        let bytes = std::fs::read(real.join(file)).expect("corpus file");
        // PKCS#12 files are opened with the password the manifest gives.
        let mut file_options = options(None, None);
        file_options.password = entry["pkcs12_password"].as_str().map(str::to_string);
        let report = analyze_guarded(file, &bytes, &file_options)
            .unwrap_or_else(|panic| panic!("{file}: the analyzer panicked: {panic}"));
        assert!(!report.input.is_empty(), "{file}: report.input is empty");
        if report.certificates.is_empty() {
            let error = report
                .findings
                .iter()
                .find(|f| f.severity == Severity::Error && !f.message.trim().is_empty());
            assert!(
                error.is_some(),
                "{file}: no certificate was read and there is no error finding with a message: {:?}",
                report.findings
            );
        }
        eprintln!(
            "{file} (expected: {expected_parse}): {} certificate(s); input: {:?}; errors: {}",
            report.certificates.len(),
            report
                .input
                .iter()
                .map(|i| format!("{:?}: {}", i.outcome, i.message))
                .collect::<Vec<_>>(),
            error_messages(&report)
        );
        checked.push(file);
    }
    eprintln!("checked {} malformed files", checked.len());
    assert!(
        checked.len() >= 9,
        "only {} malformed files found",
        checked.len()
    );
}

// ---------------------------------------------------------------------------
// 3. x509-limbo/all-leaves.json: robustness
// ---------------------------------------------------------------------------

/// Leaves from which the analyzer reads no certificate, with the reason.
const EXPECTED_NO_LEAF: &[(&str, &str)] = &[];

#[test]
fn limbo_all_leaves_analyze_without_panic() {
    let Some(dir) = corpus_dir() else { return };
    let leaves = read_json(&dir.join("x509-limbo/all-leaves.json"));
    let leaves = leaves.as_object().expect("an object of id -> PEM");
    let options = options(Some("msstd:example.com"), Some("example.com"));

    let mut panics = Vec::new();
    let mut no_leaf: Vec<(String, String)> = Vec::new();
    let mut with_leaf = 0usize;
    for (id, pem) in leaves {
        let pem = pem.as_str().expect("PEM text");
        match analyze_guarded(id, pem.as_bytes(), &options) {
            Err(panic) => panics.push(format!("{id}: {panic}")),
            Ok(report) if report.leaf_certificate().is_some() => with_leaf += 1,
            Ok(report) => no_leaf.push((id.clone(), error_messages(&report))),
        }
    }
    for (id, error) in &no_leaf {
        eprintln!("NO LEAF {id}: {error}");
    }
    eprintln!(
        "{with_leaf} of {} limbo leaves produced a leaf certificate",
        leaves.len()
    );
    assert!(panics.is_empty(), "the analyzer panicked on: {panics:#?}");
    assert_eq!(leaves.len(), 207, "all-leaves.json should hold 207 leaves");
    let got: BTreeSet<&str> = no_leaf.iter().map(|(id, _)| id.as_str()).collect();
    let want: BTreeSet<&str> = EXPECTED_NO_LEAF.iter().map(|(id, _)| *id).collect();
    assert_eq!(
        got, want,
        "the leaves without a leaf certificate are not exactly EXPECTED_NO_LEAF"
    );
    assert!(with_leaf >= 195, "only {with_leaf} leaves produced a leaf");
}

// ---------------------------------------------------------------------------
// 4. x509-limbo/hostname-cases.json: host coverage
// ---------------------------------------------------------------------------

/// Cases left out of the comparison because this tool follows Windows, not
/// limbo's webpki/CABF policy, on purpose. Each names the case, why, and what
/// the analyzer answers instead (`Some(true)` = covered); that answer is
/// asserted, so the tool's own rule stays pinned.
const LIMBO_EXCLUDED: &[(&str, bool, &str)] = &[
    (
        "webpki::san::public-suffix-wildcard-san",
        false,
        "feature pedantic-public-suffix-wildcard: limbo rejects `*.com` by a public suffix \
         list lookup. This tool has no PSL (Windows documents no such rule); it rejects `*.com` \
         by its own rule that a wildcard needs at least two labels after `*.`, so the answers \
         agree, but for a different reason.",
    ),
    (
        "webpki::san::public-suffix-multi-label-wildcard-san",
        true,
        "feature pedantic-public-suffix-wildcard: `*.co.uk` is refused by limbo only through \
         the public suffix list. This tool has no PSL (Windows documents no such rule) and \
         treats `*.co.uk` as a normal wildcard covering example.co.uk.",
    ),
    (
        "webpki::san::public-suffix-private-namespace-wildcard-san",
        true,
        "feature pedantic-public-suffix-wildcard: `*.s3.amazonaws.com` is a PSL private-section \
         suffix. This tool has no PSL and treats it as a normal wildcard covering \
         example.s3.amazonaws.com.",
    ),
    (
        "webpki::san::no-san",
        true,
        "CN fallback: the leaf has CN=example.com and no SAN extension. limbo's policy has no \
         CN fallback; this tool, like Windows, uses the subject CN when there is no DNS SAN.",
    ),
];

/// Cases where the analyzer disagrees with limbo and the difference is not a
/// documented policy of this tool: asserted exactly, so a fix (or a decision
/// to make it policy and move it to `LIMBO_EXCLUDED`) forces an update.
const LIMBO_DISAGREEMENTS: &[(&str, &str)] = &[(
    "rfc5280::san::underscore-dns",
    "the SAN dNSName `foo_bar.example.com` has an underscore, which is not a valid host \
     name character (RFC 5280 / RFC 1034 preferred syntax); limbo says it covers nothing. The \
     analyzer compares names as strings and reports the host foo_bar.example.com covered. \
     Whether Windows (CertVerifyCertificateChainPolicy, SSL policy) matches such a name is not \
     documented; open question.",
)];

#[test]
fn limbo_hostname_cases_agree() {
    let Some(dir) = corpus_dir() else { return };
    let cases = read_json(&dir.join("x509-limbo/hostname-cases.json"));
    let cases = cases["testcases"].as_array().expect("testcases");

    let excluded: BTreeMap<&str, (bool, &str)> = LIMBO_EXCLUDED
        .iter()
        .map(|(id, covered, reason)| (*id, (*covered, *reason)))
        .collect();
    let mut excluded_seen = BTreeSet::new();
    let mut compared = 0usize;
    let mut disagree: BTreeMap<String, String> = BTreeMap::new();
    for case in cases {
        let id = case["id"].as_str().expect("id");
        let annotation = &case["annotation"];
        let psl = case["features"]
            .as_array()
            .is_some_and(|f| f.iter().any(|v| v == "pedantic-public-suffix-wildcard"));
        assert!(
            !psl || excluded.contains_key(id),
            "{id} needs a public suffix list (pedantic-public-suffix-wildcard): list it in LIMBO_EXCLUDED"
        );
        if annotation["peer_name_decides_result"].as_bool() != Some(true) {
            continue;
        }
        let Some(want) = annotation["leaf_names_cover_peer_name"].as_bool() else {
            continue;
        };
        let peer = case["expected_peer_name"]["value"]
            .as_str()
            .unwrap_or_else(|| panic!("{id}: no expected_peer_name.value"));
        let pem = case["peer_certificate"].as_str().expect("peer_certificate");
        let report = analyze_guarded(id, pem.as_bytes(), &options(None, None))
            .unwrap_or_else(|panic| panic!("{id}: the analyzer panicked: {panic}"));
        let leaf = report
            .leaf_certificate()
            .unwrap_or_else(|| panic!("{id}: no leaf read: {}", error_messages(&report)));
        let got = host_coverage(peer, leaf);
        if let Some((covered, reason)) = excluded.get(id) {
            excluded_seen.insert(id);
            eprintln!("EXCLUDED {id}: limbo {want}, analyzer {got:?}; {reason}");
            assert_eq!(
                got.is_some(),
                *covered,
                "{id} (excluded): the analyzer's own answer changed: {got:?}"
            );
            continue;
        }
        compared += 1;
        if got.is_some() != want {
            disagree.insert(
                id.to_string(),
                format!(
                    "peer {peer}: limbo says covered={want}, analyzer {got:?} (SAN DNS {:?}, IP {:?}, CN {:?})",
                    leaf.dns_names(),
                    leaf.subject_alt_names.as_ref().map(|s| &s.names.ip),
                    leaf.common_names
                ),
            );
        }
    }
    for (id, what) in &disagree {
        eprintln!("DISAGREEMENT {id}: {what}");
    }
    eprintln!(
        "compared {compared} limbo host-name cases; excluded {}; {} disagree",
        excluded_seen.len(),
        disagree.len()
    );
    let unused: Vec<&str> = excluded
        .keys()
        .filter(|id| !excluded_seen.contains(*id))
        .copied()
        .collect();
    assert!(
        unused.is_empty(),
        "exclusions that match no case: {unused:?}"
    );
    let got: BTreeSet<&str> = disagree.keys().map(String::as_str).collect();
    let want: BTreeSet<&str> = LIMBO_DISAGREEMENTS.iter().map(|(id, _)| *id).collect();
    assert_eq!(
        got, want,
        "the disagreeing cases are not exactly LIMBO_DISAGREEMENTS"
    );
    assert!(compared >= 30, "only {compared} cases compared");
}

//! The wasm bindings in a real browser (headless Chromium through
//! wasm-bindgen-test): `wasm-pack test --headless --chrome -- --test web`.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Object, Reflect, Uint8Array};
use msstd_check::wasm::{analyze, analyze_parts, labels, limits, report_text, version};
#[cfg(feature = "full")]
use msstd_check::wasm::{compare, compare_text};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const PEM: &str = include_str!("fixtures/certs/cn-and-san.pem");
const DER: &[u8] = include_bytes!("fixtures/certs/cn-and-san.cer");
const WILDCARD: &str = include_str!("fixtures/certs/wildcard.pem");

fn options(msstd: &str) -> JsValue {
    let object = Object::new();
    Reflect::set(&object, &"msstd".into(), &msstd.into()).unwrap();
    Reflect::set(&object, &"at".into(), &"2026-11-25T00:00:00Z".into()).unwrap();
    object.into()
}

fn get(value: &JsValue, path: &str) -> JsValue {
    path.split('.').fold(value.clone(), |v, key| {
        Reflect::get(&v, &key.into()).unwrap_or(JsValue::UNDEFINED)
    })
}

#[wasm_bindgen_test]
fn pasted_pem_gives_a_report_object() {
    let report = analyze(PEM.into(), options("msstd:mail.contoso.com")).expect("analyze");
    assert_eq!(
        get(&report, "verdict.overall").as_string().as_deref(),
        Some("pass")
    );
    assert_eq!(
        get(&report, "evaluated_at").as_string().as_deref(),
        Some("2026-11-25T00:00:00Z")
    );
    // The name set already passes everywhere: nothing to set, no command offered.
    assert!(get(&report, "fix.powershell").is_null());
    assert!(
        get(&report, "fix.passing_everywhere").is_array(),
        "the names that pass are listed"
    );
    // Absent values are null, as in the command line's JSON.
    assert!(get(&report, "alternative").is_null());
}

/// `[{ name, data }]` with one input.
fn named(name: &str, data: &JsValue) -> JsValue {
    let item = Object::new();
    Reflect::set(&item, &"name".into(), &name.into()).unwrap();
    Reflect::set(&item, &"data".into(), data).unwrap();
    Array::of1(&item).into()
}

#[wasm_bindgen_test]
fn a_pasted_text_crosses_as_its_utf8_bytes() {
    // Non-ASCII text around the PEM, a zero-width space inside a base64 line
    // and a no-break space after one (intake drops both, so the certificate
    // reads only if they crossed as the characters they are), and a lone
    // surrogate (which a JS string can hold and UTF-8 cannot): the string
    // gives the same report as the UTF-8 bytes of the same text, with U+FFFD
    // for the surrogate.
    let mut lines: Vec<String> = PEM.lines().map(str::to_string).collect();
    lines[1].insert(10, '\u{200B}');
    lines[2].push('\u{00A0}');
    let text = format!("Grüße — see below ✓\n{}\nthanks", lines.join("\n"));
    let lone = js_sys::JsString::from_char_code1(0xD800);
    let pasted: JsValue = js_sys::JsString::from(text.as_str()).concat(&lone).into();
    let bytes: JsValue = Uint8Array::from(format!("{text}\u{FFFD}").as_bytes()).into();
    let as_text = |input: &JsValue| {
        let report =
            analyze(named("mail", input), options("msstd:mail.contoso.com")).expect("analyze");
        js_sys::JSON::stringify(&report)
            .unwrap()
            .as_string()
            .unwrap()
    };
    let from_string = as_text(&pasted);
    assert_eq!(from_string, as_text(&bytes));
    assert!(
        from_string.contains("\"overall\":\"pass\""),
        "{from_string}"
    );
}

#[wasm_bindgen_test]
fn der_bytes_are_read() {
    let bytes = Uint8Array::from(DER);
    let report = analyze(bytes.into(), options("msstd:mail.contoso.com")).expect("analyze");
    let certificates: Array = get(&report, "certificates").dyn_into().expect("array");
    assert_eq!(certificates.length(), 1);
    assert_eq!(
        get(&certificates.get(0), "origin.form")
            .as_string()
            .as_deref(),
        Some("der")
    );
}

#[wasm_bindgen_test]
fn several_named_inputs_are_one_case() {
    let first = Object::new();
    Reflect::set(&first, &"name".into(), &"wild.pem".into()).unwrap();
    Reflect::set(&first, &"data".into(), &WILDCARD.into()).unwrap();
    let inputs = Array::of1(&first);
    let report = analyze(inputs.into(), options("msstd:mail.contoso.com")).expect("analyze");
    assert_eq!(
        get(&report, "verdict.overall").as_string().as_deref(),
        Some("warn")
    );
    assert_eq!(
        get(&report, "verdict.modern_windows")
            .as_string()
            .as_deref(),
        Some("pass")
    );
    assert_eq!(
        get(&report, "certificates.0.origin.source")
            .as_string()
            .as_deref(),
        Some("wild.pem")
    );
}

#[wasm_bindgen_test]
fn bad_arguments_become_js_errors_not_panics() {
    assert!(analyze(JsValue::from_f64(42.0), JsValue::UNDEFINED).is_err());
    let bad_time = Object::new();
    Reflect::set(&bad_time, &"at".into(), &"not a date".into()).unwrap();
    assert!(analyze(PEM.into(), bad_time.into()).is_err());
    let bad_msstd = Object::new();
    Reflect::set(&bad_msstd, &"msstd".into(), &JsValue::from_f64(1.0)).unwrap();
    assert!(analyze(PEM.into(), bad_msstd.into()).is_err());
    // Garbage input is a report with an error finding, not an exception.
    let report = analyze("garbage".into(), JsValue::UNDEFINED).expect("a report");
    assert_eq!(
        get(&report, "verdict.overall").as_string().as_deref(),
        Some("unknown")
    );
}

#[wasm_bindgen_test]
fn text_report_and_version() {
    let text = report_text(PEM.into(), options("msstd:mail.contoso.com")).expect("text");
    assert!(text.contains("VERDICT: PASS"));
    assert_eq!(version(), env!("CARGO_PKG_VERSION"));
}

/// The page reads its input limits and the core's words from the engine.
#[wasm_bindgen_test]
fn limits_and_labels_come_from_the_core() {
    let limits = limits();
    let number = |key: &str| get(&limits, key).as_f64();
    assert_eq!(
        number("maxInputBytes"),
        Some(msstd_check::limits::MAX_INPUT_BYTES as f64)
    );
    assert_eq!(
        number("maxTotalBytes"),
        Some(msstd_check::limits::MAX_TOTAL_BYTES as f64)
    );
    assert_eq!(
        number("maxCertificates"),
        Some(msstd_check::limits::MAX_CERTIFICATES as f64)
    );
    let labels = labels();
    assert_eq!(
        get(&labels, "outlookSetting").as_string().as_deref(),
        Some(msstd_check::fix::OUTLOOK_SETTING_LABEL)
    );
    assert_eq!(
        get(&labels, "forms.pkcs12").as_string().as_deref(),
        Some("PKCS#12")
    );
    assert_eq!(
        get(&labels, "codes.pfxWrongPassword")
            .as_string()
            .as_deref(),
        Some("INTAKE_PFX_WRONG_PASSWORD")
    );
    // Each client of the labels is a key of a report's verdict.
    let report = analyze(PEM.into(), options("msstd:mail.contoso.com")).expect("analyze");
    let clients: Array = get(&labels, "clients").dyn_into().expect("array");
    assert_eq!(clients.length(), 3);
    for client in clients.iter() {
        let key = get(&client, "key").as_string().expect("key");
        assert_eq!(
            get(&report, &format!("verdict.{key}"))
                .as_string()
                .as_deref(),
            Some("pass"),
            "{key}"
        );
    }
}

/// analyzeParts() (what the page's worker posts): the same report as analyze(),
/// with the certificates cut down to {index, origin} and their facts in texts
/// of at most `perText`.
#[wasm_bindgen_test]
fn analyze_parts_is_the_report_in_parts() {
    let three = [PEM, WILDCARD, include_str!("fixtures/certs/cn-only.pem")].concat();
    let whole = analyze(three.as_str().into(), options("msstd:mail.contoso.com")).expect("analyze");
    let parts = analyze_parts(
        three.as_str().into(),
        options("msstd:mail.contoso.com"),
        false,
        2,
    )
    .expect("analyzeParts");
    let report =
        js_sys::JSON::parse(&get(&parts, "report").as_string().expect("report text")).unwrap();
    let texts = Array::from(&get(&parts, "certificates"));
    assert_eq!(texts.length(), 2, "3 certificates, 2 to a text");
    let mut certificates = Vec::new();
    for text in texts.iter() {
        certificates
            .extend(Array::from(&js_sys::JSON::parse(&text.as_string().unwrap()).unwrap()).iter());
    }
    let stringify = |v: &JsValue| String::from(js_sys::JSON::stringify(v).unwrap());
    // The stubs, then the whole report once the certificates are put back.
    assert_eq!(get(&report, "certificates.1.index").as_f64(), Some(1.0));
    assert_eq!(
        stringify(&get(&report, "certificates.2.origin")),
        stringify(&get(&whole, "certificates.2.origin"))
    );
    assert!(get(&report, "certificates.0.subject").is_undefined());
    Reflect::set(
        &report,
        &"certificates".into(),
        &certificates.into_iter().collect::<Array>(),
    )
    .unwrap();
    assert_eq!(stringify(&report), stringify(&whole));
    let needs_full = get(&whole, "needs_full_engine").as_bool();
    assert_eq!(get(&parts, "needsFullEngine").as_bool(), needs_full);
    // With ifFull, a report the full engine would redo is not written at all.
    let skipped = analyze_parts(
        three.as_str().into(),
        options("msstd:mail.contoso.com"),
        true,
        2,
    )
    .expect("analyzeParts");
    assert_eq!(get(&skipped, "report").is_null(), needs_full == Some(true));
}

const PFX: &[u8] = include_bytes!("fixtures/certs/leaf-aes.pfx");
const CHAIN: &str = include_str!("fixtures/certs/chain-bad-signature.pem");

#[cfg(all(feature = "pkcs12", feature = "signatures"))]
fn options_with_password(msstd: &str, password: &str) -> JsValue {
    let object: Object = options(msstd).into();
    Reflect::set(&object, &"password".into(), &password.into()).unwrap();
    object.into()
}

/// The core engine (no "pkcs12", "signatures", "mozilla-roots") says what it
/// cannot do, so the page knows to load the full engine.
#[cfg(not(feature = "pkcs12"))]
#[wasm_bindgen_test]
fn core_engine_asks_for_the_full_engine() {
    let report = analyze(
        Uint8Array::from(PFX).into(),
        options("msstd:mail.contoso.com"),
    )
    .expect("analyze");
    assert_eq!(get(&report, "needs_full_engine").as_bool(), Some(true));
    assert_eq!(get(&report, "engine.pkcs12").as_bool(), Some(false));
    let findings: Array = get(&report, "findings").dyn_into().expect("array");
    assert!(findings
        .iter()
        .any(|f| get(&f, "code").as_string().as_deref() == Some("INTAKE_PFX_UNSUPPORTED")));
    let chain = analyze(CHAIN.into(), options("msstd:mail.contoso.com")).expect("analyze");
    assert_eq!(get(&chain, "needs_full_engine").as_bool(), Some(true));
    let single = analyze(PEM.into(), options("msstd:mail.contoso.com")).expect("analyze");
    assert_eq!(get(&single, "needs_full_engine").as_bool(), Some(false));
    let xml = include_str!("fixtures/certs/autodiscover-expr.xml");
    let settings = analyze(xml.into(), JsValue::UNDEFINED).expect("analyze");
    assert_eq!(get(&settings, "needs_full_engine").as_bool(), Some(true));
    let findings: Array = get(&settings, "findings").dyn_into().expect("array");
    assert!(findings
        .iter()
        .any(|f| get(&f, "code").as_string().as_deref() == Some("SETTINGS_UNSUPPORTED")));
}

/// The full engine reads a PFX with its password and checks chain signatures, in the browser.
#[cfg(all(feature = "pkcs12", feature = "signatures"))]
#[wasm_bindgen_test]
fn full_engine_reads_pfx_and_checks_signatures() {
    let report = analyze(
        Uint8Array::from(PFX).into(),
        options_with_password("msstd:mail.contoso.com", "Contoso!2025"),
    )
    .expect("analyze");
    let certificates: Array = get(&report, "certificates").dyn_into().expect("array");
    assert_eq!(certificates.length(), 2);
    assert_eq!(get(&report, "needs_full_engine").as_bool(), Some(false));
    let wrong = analyze(
        Uint8Array::from(PFX).into(),
        options_with_password("msstd:x", "nope"),
    )
    .expect("analyze");
    let findings: Array = get(&wrong, "findings").dyn_into().expect("array");
    assert!(findings
        .iter()
        .any(|f| get(&f, "code").as_string().as_deref() == Some("INTAKE_PFX_WRONG_PASSWORD")));
    let chain = analyze(CHAIN.into(), options("msstd:mail.contoso.com")).expect("analyze");
    assert_eq!(
        get(&chain, "verdict.overall").as_string().as_deref(),
        Some("fail")
    );
    assert_eq!(
        get(&chain, "chain.links.0.signature")
            .as_string()
            .as_deref(),
        Some("invalid")
    );
    assert_eq!(
        get(&chain, "chain.links.1.signature")
            .as_string()
            .as_deref(),
        Some("valid")
    );
}

#[cfg(feature = "full")]
const RENEW_OLD: &str = include_str!("fixtures/certs/compare/renew-old.pem");
#[cfg(feature = "full")]
const CN_MOVED: &str = include_str!("fixtures/certs/compare/cn-moved.pem");

#[cfg(feature = "full")]
#[wasm_bindgen_test]
fn compare_gives_both_reports_the_changes_and_the_advice() {
    let c = compare(
        RENEW_OLD.into(),
        CN_MOVED.into(),
        options("msstd:mail.contoso.com"),
    )
    .expect("compare");
    assert_eq!(
        get(&c, "old.verdict.legacy_windows").as_string().as_deref(),
        Some("pass")
    );
    assert_eq!(
        get(&c, "new.verdict.legacy_windows").as_string().as_deref(),
        Some("fail")
    );
    let changes: Array = get(&c, "changes").dyn_into().expect("array");
    let san = changes
        .iter()
        .find(|c| get(c, "field").as_string().as_deref() == Some("san_dns"))
        .expect("san_dns");
    assert_eq!(
        get(&san, "added.0").as_string().as_deref(),
        Some("contoso.com")
    );
    assert_eq!(Array::from(&get(&san, "removed")).length(), 0);
    assert_eq!(
        get(&c, "advice.0.kind").as_string().as_deref(),
        Some("set_principal")
    );
    assert_eq!(
        get(&c, "advice.0.principal").as_string().as_deref(),
        Some("msstd:contoso.com")
    );
    assert_eq!(
        get(&c, "advice.0.when").as_string().as_deref(),
        Some("at_switch")
    );
    let text = compare_text(
        RENEW_OLD.into(),
        CN_MOVED.into(),
        options("msstd:mail.contoso.com"),
    )
    .expect("text");
    assert!(
        text.contains("Windows XP, 2003, Vista RTM    pass -> fail"),
        "{text}"
    );
}

#[cfg(feature = "full")]
#[wasm_bindgen_test]
fn compare_with_an_unreadable_side_keeps_the_other_report() {
    let c = compare(
        "not a certificate".into(),
        CN_MOVED.into(),
        options("msstd:mail.contoso.com"),
    )
    .expect("compare");
    assert!(get(&c, "changes").is_null());
    assert_eq!(
        get(&c, "advice.0.kind").as_string().as_deref(),
        Some("read_certificate")
    );
    assert_eq!(get(&c, "advice.0.side").as_string().as_deref(), Some("old"));
    assert_eq!(
        get(&c, "new.verdict.overall").as_string().as_deref(),
        Some("warn")
    );
    assert!(compare(JsValue::from(1), CN_MOVED.into(), JsValue::UNDEFINED).is_err());
}

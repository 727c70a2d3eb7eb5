//! The browser bindings: a thin layer over [`crate::analyze`]. Built with
//! wasm-pack (`--target web`); the TypeScript types of the report are the
//! generated `www/report-types.d.ts`.

use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;

use crate::analysis::analyze as analyze_inputs;
use crate::compare::advice::Client;
#[cfg(feature = "full")]
use crate::compare::{compare as compare_inputs, Comparison};
use crate::intake::InputForm;
use crate::report::{Input, Options, Report};
use crate::rules;

#[wasm_bindgen(typescript_custom_section)]
const REPORT_TYPES: &str = include_str!("../www/report-types.d.ts");

#[wasm_bindgen(typescript_custom_section)]
const INPUT_TYPES: &str = r#"
/** One file or pasted text. `data` is text, or the file's bytes. */
export type NamedInput = { name: string, data: string | Uint8Array };
/** What analyze() reads: pasted text, one file's bytes, or several named inputs. */
export type AnalyzeInput = string | Uint8Array | NamedInput[];
/** What to check against. `at` is the evaluation time: an RFC 3339 string, a Date or milliseconds since 1970 (default: now). `password` opens PKCS#12 (.pfx) inputs. */
export type AnalyzeOptions = { msstd?: string | null, host?: string | null, at?: string | number | Date | null, password?: string | null };
"#;

fn error(message: impl std::fmt::Display) -> JsError {
    JsError::new(&message.to_string())
}

#[wasm_bindgen]
extern "C" {
    /// The platform's UTF-8 encoder (browsers, workers and Node all have it).
    type TextEncoder;
    #[wasm_bindgen(constructor)]
    fn new() -> TextEncoder;
    /// The UTF-8 bytes of `text`, a JS string (lone surrogates become U+FFFD).
    #[wasm_bindgen(method)]
    fn encode(this: &TextEncoder, text: &JsValue) -> Uint8Array;
}

thread_local! {
    static ENCODER: TextEncoder = TextEncoder::new();
}

fn bytes_of(value: &JsValue, what: &str) -> Result<Vec<u8>, JsError> {
    if value.is_string() {
        // The platform's encoder, then one copy into this module's memory:
        // the glue's own string passing copies an ASCII text one character
        // at a time in JS, about 1.4 µs per KB of pasted text (4 times the
        // encoder and the copy for 8 KB: bench/string-crossing.mjs).
        return Ok(ENCODER.with(|encoder| encoder.encode(value)).to_vec());
    }
    if let Some(array) = value.dyn_ref::<Uint8Array>() {
        return Ok(array.to_vec());
    }
    Err(error(format!("{what} must be a string or a Uint8Array")))
}

fn read_inputs(input: &JsValue) -> Result<Vec<(String, Vec<u8>)>, JsError> {
    if Array::is_array(input) {
        let array = Array::from(input);
        let mut inputs = Vec::new();
        for (i, item) in array.iter().enumerate() {
            let name = Reflect::get(&item, &"name".into())
                .ok()
                .and_then(|n| n.as_string())
                .unwrap_or_else(|| format!("input {}", i + 1));
            let data =
                Reflect::get(&item, &"data".into()).map_err(|_| error("each input needs data"))?;
            inputs.push((
                name.clone(),
                bytes_of(&data, &format!("input \"{name}\"'s data"))?,
            ));
        }
        return Ok(inputs);
    }
    let name = if input.is_string() {
        "pasted text"
    } else {
        "file"
    };
    Ok(vec![(name.to_string(), bytes_of(input, "the input")?)])
}

fn evaluation_time(options: &JsValue) -> Result<i64, JsError> {
    let at = if options.is_object() {
        Reflect::get(options, &"at".into()).unwrap_or(JsValue::UNDEFINED)
    } else {
        JsValue::UNDEFINED
    };
    let millis = if at.is_undefined() || at.is_null() {
        js_sys::Date::now()
    } else if let Some(ms) = at.as_f64() {
        ms
    } else if let Some(text) = at.as_string() {
        let ms = js_sys::Date::parse(&text);
        if ms.is_nan() {
            return Err(error(format!("options.at: \"{text}\" is not a date")));
        }
        ms
    } else if let Some(date) = at.dyn_ref::<js_sys::Date>() {
        date.get_time()
    } else {
        return Err(error("options.at must be a string, a number or a Date"));
    };
    if !millis.is_finite() {
        return Err(error("options.at is not a valid time"));
    }
    Ok((millis / 1000.0).floor() as i64)
}

/// `options[key]`: a string, or nothing when absent or null.
fn string_option(options: &JsValue, key: &str) -> Result<Option<String>, JsError> {
    if !options.is_object() {
        return Ok(None);
    }
    let value = Reflect::get(options, &key.into()).unwrap_or(JsValue::UNDEFINED);
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    value
        .as_string()
        .map(Some)
        .ok_or_else(|| error(format!("options.{key} must be a string")))
}

fn read_options(options: &JsValue) -> Result<Options, JsError> {
    Ok(Options {
        principal: string_option(options, "msstd")?,
        host: string_option(options, "host")?,
        at: evaluation_time(options)?,
        password: string_option(options, "password")?,
    })
}

fn borrow(inputs: &[(String, Vec<u8>)]) -> Vec<Input<'_>> {
    inputs
        .iter()
        .map(|(name, bytes)| Input { name, bytes })
        .collect()
}

fn run(input: &JsValue, options: &JsValue) -> Result<Report, JsError> {
    let inputs = read_inputs(input)?;
    let options = read_options(options)?;
    Ok(analyze_inputs(&borrow(&inputs), &options))
}

#[cfg(feature = "full")]
fn run_compare(old: &JsValue, new: &JsValue, options: &JsValue) -> Result<Comparison, JsError> {
    let (old, new) = (read_inputs(old)?, read_inputs(new)?);
    let options = read_options(options)?;
    Ok(compare_inputs(&borrow(&old), &borrow(&new), &options))
}

/// Analyze what the customer sent against a principal name; returns the report
/// (the same as `msstd-check --json`).
#[wasm_bindgen(unchecked_return_type = "Report")]
pub fn analyze(
    #[wasm_bindgen(unchecked_param_type = "AnalyzeInput")] input: JsValue,
    #[wasm_bindgen(unchecked_param_type = "AnalyzeOptions | undefined")] options: JsValue,
) -> Result<JsValue, JsError> {
    // The report as JSON text (the same as `msstd-check --json`), then
    // JSON.parse: one string crosses into JS instead of a JS call per field,
    // which is several times faster for a large report (BENCHMARKS.md).
    let json = report_json(&run(&input, &options)?)?;
    js_sys::JSON::parse(&json).map_err(|_| error("cannot convert the report"))
}

/// The report's JSON text, written into a buffer sized for a typical report
/// (no reallocation on the way for one certificate).
fn report_json(report: &impl serde::Serialize) -> Result<String, JsError> {
    crate::json_text::to_json(report, 16 * 1024)
        .map_err(|e| error(format!("cannot convert the report: {e}")))
}

/// One certificate as the report outside `certificates` lists it in
/// [`analyze_parts`]: the rest of its facts come in a separate text.
#[derive(serde::Serialize)]
struct CertificateStub<'a> {
    index: usize,
    origin: &'a crate::intake::Origin,
}

/// The report's JSON text with `certificates` given as `stubs` (itself JSON).
fn report_json_with(report: &Report, stubs: &str) -> Result<String, JsError> {
    let json = report_json(report)?;
    // `report.certificates` is empty here: its key and `[]` are found once,
    // outside any string (a quote inside a JSON string is written \").
    const EMPTY: &str = "\"certificates\":[]";
    let at = json
        .find(EMPTY)
        .filter(|at| json[at + EMPTY.len()..].find(EMPTY).is_none())
        .ok_or_else(|| error("cannot convert the report"))?;
    let key_end = at + EMPTY.len() - 2;
    Ok([&json[..key_end], stubs, &json[at + EMPTY.len()..]].concat())
}

/// The same analysis as [`analyze`], in the parts the page's worker posts on
/// (no object is built in the worker, and the page parses the certificates
/// after it has shown the verdict): `report`, the report's JSON text with each
/// certificate cut down to `{ index, origin }`; `certificates`, the
/// certificates' facts as JSON texts of arrays of at most `perText`; and
/// `needsFullEngine`. With `ifFull` true and an input that needs the full
/// engine, `report` is null and `certificates` empty: that report would be
/// thrown away.
#[wasm_bindgen(
    js_name = analyzeParts,
    unchecked_return_type = "{ report: string | null, certificates: string[], needsFullEngine: boolean }"
)]
pub fn analyze_parts(
    #[wasm_bindgen(unchecked_param_type = "AnalyzeInput")] input: JsValue,
    #[wasm_bindgen(unchecked_param_type = "AnalyzeOptions | undefined")] options: JsValue,
    #[wasm_bindgen(js_name = ifFull)] if_full: bool,
    #[wasm_bindgen(js_name = perText)] per_text: usize,
) -> Result<JsValue, JsError> {
    let mut report = run(&input, &options)?;
    let needs_full = report.needs_full_engine;
    let texts = Array::new();
    let mut json = JsValue::NULL;
    if !(if_full && needs_full) {
        let certificates = std::mem::take(&mut report.certificates);
        let stubs: Vec<CertificateStub> = certificates
            .iter()
            .map(|c| CertificateStub {
                index: c.index,
                origin: &c.origin,
            })
            .collect();
        json = report_json_with(&report, &report_json(&stubs)?)?.into();
        for chunk in certificates.chunks(per_text.max(1)) {
            texts.push(&report_json(&chunk)?.into());
        }
    }
    Ok(object(&[
        ("report", json),
        ("certificates", texts.into()),
        ("needsFullEngine", needs_full.into()),
    ]))
}

/// The same analysis as plain text, for a ticket ("Copy report").
#[wasm_bindgen(js_name = reportText)]
pub fn report_text(
    #[wasm_bindgen(unchecked_param_type = "AnalyzeInput")] input: JsValue,
    #[wasm_bindgen(unchecked_param_type = "AnalyzeOptions | undefined")] options: JsValue,
) -> Result<String, JsError> {
    Ok(crate::text_report::render(&run(&input, &options)?))
}

/// Compare the certificate in use (`old`) with its renewal, both checked
/// with the same options; returns the comparison (the same as
/// `msstd-check --compare OLD NEW --json`): both reports, the changes and the advice.
/// Full engine only (the page's core engine leaves the comparison out: 8 KB of gzip).
#[cfg(feature = "full")]
#[wasm_bindgen(unchecked_return_type = "Comparison")]
pub fn compare(
    #[wasm_bindgen(unchecked_param_type = "AnalyzeInput")] old: JsValue,
    #[wasm_bindgen(unchecked_param_type = "AnalyzeInput")] renewal: JsValue,
    #[wasm_bindgen(unchecked_param_type = "AnalyzeOptions | undefined")] options: JsValue,
) -> Result<JsValue, JsError> {
    // As for analyze(): JSON text, then JSON.parse.
    let json = report_json(&run_compare(&old, &renewal, &options)?)?;
    js_sys::JSON::parse(&json).map_err(|_| error("cannot convert the comparison"))
}

/// The same comparison as plain text (the same as `msstd-check --compare OLD NEW`).
/// Full engine only.
#[cfg(feature = "full")]
#[wasm_bindgen(js_name = compareText)]
pub fn compare_text(
    #[wasm_bindgen(unchecked_param_type = "AnalyzeInput")] old: JsValue,
    #[wasm_bindgen(unchecked_param_type = "AnalyzeInput")] renewal: JsValue,
    #[wasm_bindgen(unchecked_param_type = "AnalyzeOptions | undefined")] options: JsValue,
) -> Result<String, JsError> {
    Ok(crate::compare::text::render(&run_compare(
        &old, &renewal, &options,
    )?))
}

/// The version of the analyzer.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

#[wasm_bindgen(typescript_custom_section)]
const PAGE_TYPES: &str = r#"
/** The analyzer's input limits (src/limits.rs), in bytes and counts. */
export type Limits = { maxInputBytes: number, maxTotalBytes: number, maxCertificates: number, maxSans: number };
/** The words of the core that the page shows as they are. */
export type Labels = {
  outlookSetting: string,
  clients: { key: "modern_windows" | "legacy_windows" | "connectivity_analyzer", label: string }[],
  forms: Record<string, string>,
  codes: { privateKey: string, pfxWrongPassword: string },
};
"#;

/// A plain object of `entries` (built by hand: the serde code for a few
/// fields would cost kilobytes of wasm).
fn object(entries: &[(&str, JsValue)]) -> JsValue {
    let object = Object::new();
    for (key, value) in entries {
        // Setting a property of a fresh plain object cannot fail.
        let _ = Reflect::set(&object, &(*key).into(), value);
    }
    object.into()
}

/// The name of an enum value in the report: its serde name, with the
/// serializer the report uses.
fn report_name(value: &impl serde::Serialize) -> JsValue {
    // A name is a JSON string without escapes: "modern_windows".
    let json = crate::json_text::to_json(value, 32).unwrap_or_default();
    match json.strip_prefix('"').and_then(|j| j.strip_suffix('"')) {
        Some(name) if !name.contains(['"', '\\']) => name.into(),
        _ => JsValue::NULL,
    }
}

/// The input limits of the analyzer (`src/limits.rs`): the page refuses a file
/// over them before reading it, with the same numbers as the core.
#[wasm_bindgen(unchecked_return_type = "Limits")]
pub fn limits() -> JsValue {
    use crate::limits::*;
    let number = |n: usize| JsValue::from_f64(n as f64);
    object(&[
        ("maxInputBytes", number(MAX_INPUT_BYTES)),
        ("maxTotalBytes", number(MAX_TOTAL_BYTES)),
        ("maxCertificates", number(MAX_CERTIFICATES)),
        ("maxSans", number(MAX_SANS)),
    ])
}

/// Every certificate encoding, for its label.
const FORMS: [InputForm; 7] = {
    use InputForm::*;
    [Der, Pem, Base64, Pkcs7, Pkcs12, Hex, ExchangeSummary]
};

/// Fails to compile when `InputForm` gains a variant that [`FORMS`] lacks.
const _: fn(InputForm) = |form| {
    use InputForm::*;
    match form {
        Der | Pem | Base64 | Pkcs7 | Pkcs12 | Hex | ExchangeSummary => {}
    }
};

/// The core's words that the page shows as they are: Outlook's setting label
/// (`fix::OUTLOOK_SETTING_LABEL`), the clients' names (`compare::advice::Client`,
/// as the text report names them), each certificate encoding's label
/// (`InputForm::label`), the clients and encodings keyed by their names in the
/// report, and the finding codes the page reacts to (`rules`).
#[wasm_bindgen(unchecked_return_type = "Labels")]
pub fn labels() -> JsValue {
    let clients: Array = Client::ALL
        .iter()
        .map(|client| {
            object(&[
                ("key", report_name(client)),
                ("label", client.label().into()),
            ])
        })
        .collect();
    let forms = Object::new();
    for form in FORMS {
        let _ = Reflect::set(&forms, &report_name(&form), &form.label().into());
    }
    let codes = object(&[
        ("privateKey", rules::INTAKE_PRIVATE_KEY.code.as_str().into()),
        (
            "pfxWrongPassword",
            rules::INTAKE_PFX_WRONG_PASSWORD.code.as_str().into(),
        ),
    ]);
    object(&[
        ("outlookSetting", crate::fix::OUTLOOK_SETTING_LABEL.into()),
        ("clients", clients.into()),
        ("forms", forms.into()),
        ("codes", codes),
    ])
}

/// The length of one DER element's header (tag and length) and of the whole
/// element, at the start of `bytes`; `None` when it is not well formed.
fn der_element(bytes: &[u8]) -> Option<(usize, usize)> {
    let first = *bytes.get(1)?;
    let (header, length) = if first < 0x80 {
        (2, usize::from(first))
    } else {
        let count = usize::from(first & 0x7f);
        if count == 0 || count > 4 {
            return None;
        }
        let digits = bytes.get(2..2 + count)?;
        let length = digits
            .iter()
            .fold(0usize, |acc, b| (acc << 8) | usize::from(*b));
        (2 + count, length)
    };
    let total = header.checked_add(length)?;
    (total <= bytes.len()).then_some((header, total))
}

/// A DER header: `tag` and the definite length `length`.
fn der_header(tag: u8, length: usize) -> Vec<u8> {
    if length < 0x80 {
        return vec![tag, length as u8];
    }
    let digits: Vec<u8> = length
        .to_be_bytes()
        .into_iter()
        .skip_while(|b| *b == 0)
        .collect();
    let mut header = vec![tag, 0x80 | digits.len() as u8];
    header.extend(digits);
    header
}

/// The certificate's DER, rebuilt from its signed part, the signature
/// algorithm the signed part names and the signature; `None` unless its SHA-1
/// is the certificate's thumbprint (the bytes that were read, exactly).
fn certificate_der(facts: &crate::cert::CertificateFacts) -> Option<Vec<u8>> {
    use sha1::{Digest, Sha1};
    let tbs = &facts.tbs_der;
    let (header, _) = der_element(tbs)?;
    let mut rest = tbs.get(header..)?;
    if rest.first() == Some(&0xa0) {
        rest = rest.get(der_element(rest)?.1..)?;
    }
    rest = rest.get(der_element(rest)?.1..)?;
    let algorithm = rest.get(..der_element(rest)?.1)?;
    let mut body = tbs.clone();
    body.extend_from_slice(algorithm);
    body.extend(der_header(0x03, facts.signature_value.len() + 1));
    body.push(0);
    body.extend_from_slice(&facts.signature_value);
    let mut der = der_header(0x30, body.len());
    der.extend(body);
    // The same hex as the thumbprint the report shows (cert::hex_upper).
    let thumbprint = crate::cert::hex_upper(&Sha1::digest(&der));
    (thumbprint == facts.thumbprint_sha1).then_some(der)
}

/// The bytes of each certificate read from the input (intake alone, as
/// `analyze` reads it), to save them: `{ thumbprint, der }` per certificate,
/// in the report's order; `der` is null when the bytes cannot be given back.
#[wasm_bindgen(
    js_name = certificatesDer,
    unchecked_return_type = "{ thumbprint: string, der: Uint8Array | null }[]"
)]
pub fn certificates_der(
    #[wasm_bindgen(unchecked_param_type = "AnalyzeInput")] input: JsValue,
    #[wasm_bindgen(unchecked_param_type = "AnalyzeOptions | undefined")] options: JsValue,
) -> Result<Array, JsError> {
    let mut intake = crate::intake::Intake::new();
    intake.password = string_option(&options, "password")?;
    for (name, bytes) in read_inputs(&input)? {
        intake.add(&name, &bytes);
    }
    Ok(intake
        .certificates
        .iter()
        .map(|facts| {
            let der = certificate_der(facts)
                .map(|der| JsValue::from(Uint8Array::from(der.as_slice())))
                .unwrap_or(JsValue::NULL);
            object(&[
                ("thumbprint", facts.thumbprint_sha1.as_str().into()),
                ("der", der),
            ])
        })
        .collect())
}

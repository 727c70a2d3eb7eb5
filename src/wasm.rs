//! The browser bindings: a thin layer over [`crate::analyze`]. Built with
//! wasm-pack (`--target web`); the TypeScript types of the report are the
//! generated `www/report-types.d.ts`.

use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;

use crate::analysis::analyze as analyze_inputs;
use crate::compare::advice::Client;
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

fn bytes_of(value: &JsValue, what: &str) -> Result<Vec<u8>, JsError> {
    if let Some(text) = value.as_string() {
        return Ok(text.into_bytes());
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
    let report = run(&input, &options)?;
    report
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| error(format!("cannot convert the report: {e}")))
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
#[wasm_bindgen(unchecked_return_type = "Comparison")]
pub fn compare(
    #[wasm_bindgen(unchecked_param_type = "AnalyzeInput")] old: JsValue,
    #[wasm_bindgen(unchecked_param_type = "AnalyzeInput")] renewal: JsValue,
    #[wasm_bindgen(unchecked_param_type = "AnalyzeOptions | undefined")] options: JsValue,
) -> Result<JsValue, JsError> {
    let comparison = run_compare(&old, &renewal, &options)?;
    comparison
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| error(format!("cannot convert the comparison: {e}")))
}

/// The same comparison as plain text (the same as `msstd-check --compare OLD NEW`).
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

use serde::Serialize as _;

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
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap_or(JsValue::NULL)
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

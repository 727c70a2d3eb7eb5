//! The browser bindings: a thin layer over [`crate::analyze`]. Built with
//! wasm-pack (`--target web`); the TypeScript types of the report are the
//! generated `www/report-types.d.ts`.

use js_sys::{Array, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;

use crate::analysis::analyze as analyze_inputs;
use crate::report::{Input, Options, Report};

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

fn run(input: &JsValue, options: &JsValue) -> Result<Report, JsError> {
    let inputs = read_inputs(input)?;
    let options = Options {
        principal: string_option(options, "msstd")?,
        host: string_option(options, "host")?,
        at: evaluation_time(options)?,
        password: string_option(options, "password")?,
    };
    let borrowed: Vec<Input<'_>> = inputs
        .iter()
        .map(|(name, bytes)| Input { name, bytes })
        .collect();
    Ok(analyze_inputs(&borrowed, &options))
}

/// Analyze what the customer sent against a principal name; returns the report
/// (the same as `msstd-check --json`).
#[wasm_bindgen(unchecked_return_type = "Report")]
pub fn analyze(
    #[wasm_bindgen(unchecked_param_type = "AnalyzeInput")] input: JsValue,
    #[wasm_bindgen(unchecked_param_type = "AnalyzeOptions | undefined")] options: JsValue,
) -> Result<JsValue, JsError> {
    let report = run(&input, &options)?;
    // The report as JSON text (the same as `msstd-check --json`), then
    // JSON.parse: one string crosses into JS instead of a JS call per field,
    // which is several times faster for a large report (BENCHMARKS.md).
    let json = serde_json::to_string(&report)
        .map_err(|e| error(format!("cannot convert the report: {e}")))?;
    js_sys::JSON::parse(&json).map_err(|_| error("cannot convert the report"))
}

/// The same analysis as plain text, for a ticket ("Copy report").
#[wasm_bindgen(js_name = reportText)]
pub fn report_text(
    #[wasm_bindgen(unchecked_param_type = "AnalyzeInput")] input: JsValue,
    #[wasm_bindgen(unchecked_param_type = "AnalyzeOptions | undefined")] options: JsValue,
) -> Result<String, JsError> {
    Ok(crate::text_report::render(&run(&input, &options)?))
}

/// The version of the analyzer.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

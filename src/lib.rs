//! msstd-check: would Outlook Anywhere mutual authentication (`msstd:` principal
//! names) succeed against this Exchange certificate, for which Windows clients,
//! why, and what to change.
//!
//! The core is pure: bytes and strings in, a typed [`report::Report`] out. It
//! knows nothing of the terminal, wasm or the DOM.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod analysis;
pub mod autodiscover;
pub mod cert;
pub mod chain;
pub mod clients;
pub mod compare;
pub mod decision;
pub mod exchange;
pub mod explain;
pub mod findings;
pub mod fix;
pub mod intake;
#[cfg(any(target_arch = "wasm32", all(test, feature = "cli"), fuzzing))]
mod json_text;
pub mod limits;
pub mod matching;
pub mod principal;
pub mod report;
pub mod rules;
pub mod server;
pub mod settings;
pub mod signature;
mod swar;
pub mod text_report;
pub mod tls;
pub mod trust;
pub mod verdict;

pub use analysis::analyze;
pub use report::{Input, Options, Report};

#[cfg(target_arch = "wasm32")]
pub mod wasm;

/// The report's JSON text as the wasm engines write it (`src/json_text.rs`),
/// for the fuzz targets, which compare it with serde_json's; built only by
/// cargo-fuzz (`--cfg fuzzing`), not part of the API.
#[cfg(fuzzing)]
#[doc(hidden)]
pub fn engine_json(report: &Report) -> Result<String, String> {
    json_text::to_json(report, 0).map_err(|e| e.to_string())
}

//! msstd-check: would Outlook Anywhere mutual authentication (`msstd:` principal
//! names) succeed against this Exchange certificate, for which Windows clients,
//! why, and what to change.
//!
//! The core is pure: bytes and strings in, a typed [`report::Report`] out. It
//! knows nothing of the terminal, wasm or the DOM.
#![forbid(unsafe_code)]

pub mod autodiscover;
pub mod cert;
pub mod chain;
pub mod checks;
pub mod exchange;
pub mod findings;
pub mod fix;
pub mod intake;
pub mod limits;
pub mod matching;
pub mod principal;
pub mod report;
pub mod rules;
pub mod signature;
pub mod verdict;

pub use report::{analyze, Input, Options, Report};
pub mod text_report;
pub mod trust;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

//! The text is serde_json's, byte for byte: for every report of the test
//! fixtures and the outside corpus, a renewal comparison, and a table of
//! every shape serde can ask for.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;

use super::to_json;
use crate::{analyze, Input, Options};

/// Every file under `dir` (one level of subfolders too).
fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for path in entries.flatten().map(|e| e.path()) {
        if path.is_dir() {
            out.extend(files(&path));
        } else if let Ok(bytes) = std::fs::read(&path) {
            out.push((path.display().to_string(), bytes));
        }
    }
    out
}

fn same_text<T: Serialize>(value: &T, what: &str) {
    let ours = to_json(value, 0).unwrap_or_else(|e| panic!("{what}: {e}"));
    let theirs = serde_json::to_string(value).expect("serde_json");
    assert_eq!(ours, theirs, "{what}");
}

#[test]
fn every_report_is_serde_json_text() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut inputs = files(&root.join("tests/fixtures"));
    let fixtures = inputs.len();
    inputs.extend(files(&root.join("../shared/corpus/real")));
    assert!(fixtures > 90, "{fixtures} fixtures");
    let options = Options {
        principal: Some("msstd:mail.contoso.com".into()),
        host: Some("mail.contoso.com".into()),
        at: 1_764_028_800,
        password: Some("Contoso!2025".into()),
    };
    for (name, bytes) in &inputs {
        let input = [Input { name, bytes }];
        same_text(&analyze(&input, &options), name);
    }
    // Pasted text with every escape JSON has, and a principal name with some.
    let odd = Options {
        principal: Some("msstd:\"mail\"\\\u{1}\u{1f}\u{7f}é\u{2028}.contoso.com".into()),
        ..options.clone()
    };
    let text = "\u{0}\u{8}\t\n\u{c}\r\"\\/ é 😀 -----BEGIN CERTIFICATE-----\nAAAA\n";
    same_text(
        &analyze(
            &[Input {
                name: "odd\t\"name\".txt",
                bytes: text.as_bytes(),
            }],
            &odd,
        ),
        "odd",
    );
}

#[cfg(feature = "full")]
#[test]
fn a_comparison_is_serde_json_text() {
    let read = |f: &str| {
        std::fs::read(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures/certs")
                .join(f),
        )
        .expect("fixture")
    };
    let (old, new) = (read("cn-and-san.pem"), read("wildcard.pem"));
    let comparison = crate::compare::compare(
        &[Input {
            name: "old.pem",
            bytes: &old,
        }],
        &[Input {
            name: "new.pem",
            bytes: &new,
        }],
        &Options {
            principal: Some("msstd:mail.contoso.com".into()),
            host: None,
            at: 1_764_028_800,
            password: None,
        },
    );
    same_text(&comparison, "comparison");
}

#[derive(Serialize)]
enum Shape {
    Unit,
    Newtype(i32),
    Tuple(u8, bool),
    Struct { a: Option<char>, b: () },
}

#[derive(Serialize)]
#[serde(tag = "kind")]
enum Tagged {
    One { n: u16 },
}

#[derive(Serialize)]
struct Wrapper(String);

#[derive(Serialize)]
struct Flattened {
    x: i8,
    #[serde(flatten)]
    rest: BTreeMap<String, u32>,
}

#[test]
fn every_shape_is_serde_json_text() {
    same_text(&Shape::Unit, "unit variant");
    same_text(&Shape::Newtype(-7), "newtype variant");
    same_text(&Shape::Tuple(255, false), "tuple variant");
    same_text(
        &Shape::Struct {
            a: Some('"'),
            b: (),
        },
        "struct variant",
    );
    same_text(&Shape::Struct { a: None, b: () }, "struct variant, none");
    same_text(&Tagged::One { n: 9 }, "internally tagged");
    same_text(&Wrapper("\u{1b}[31m".into()), "newtype struct");
    same_text(&(i64::MIN, u64::MAX, 0u8, -1i16), "tuple of numbers");
    same_text(&serde_bytes_like(), "bytes");
    let mut map = BTreeMap::new();
    map.insert("b\n".to_string(), 2u32);
    map.insert(String::new(), 0);
    same_text(
        &Flattened {
            x: -128,
            rest: map.clone(),
        },
        "flattened map",
    );
    same_text(&BTreeMap::from([(7u64, "x"), (8, "y")]), "integer keys");
    same_text(&BTreeMap::from([(true, 1)]), "bool keys");
    same_text(&Vec::<Vec<u8>>::from([vec![], vec![1]]), "nested arrays");
    same_text(&[(); 0], "empty array");
}

/// A value serialized with `serialize_bytes`.
fn serde_bytes_like() -> impl Serialize {
    struct Bytes;
    impl Serialize for Bytes {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.serialize_bytes(&[0, 9, 255])
        }
    }
    Bytes
}

#[test]
fn floats_and_odd_keys_are_refused() {
    assert!(to_json(&1.5f64, 0).is_err());
    assert!(to_json(&BTreeMap::from([((1, 2), 3)]), 0).is_err());
}

/// Every byte that a JSON string escapes (and the bytes beside the test's
/// edges: space, DEL, a two-byte character), at every place of strings of 0 to
/// 24 bytes, alone and two together, as values and as keys: the eight-byte
/// step must never skip one.
#[test]
fn every_escape_at_every_place_is_serde_json_text() {
    let mut specials: Vec<String> = (0u8..0x20).map(|b| char::from(b).to_string()).collect();
    specials.extend(
        [
            "\"", "\\", " ", "!", "#", "[", "]", "\u{7f}", "é", "\u{2028}",
        ]
        .map(String::from),
    );
    let mut strings = 0;
    for len in 0..=24usize {
        for first in &specials {
            for at in 0..=len {
                for second in [None, Some("\\"), Some("\u{1}")] {
                    let mut text = "a".repeat(len);
                    text.insert_str(at, first);
                    if let Some(second) = second {
                        text.push_str(second);
                    }
                    same_text(&text, &format!("{text:?}"));
                    same_text(
                        &BTreeMap::from([(text.clone(), 1u8)]),
                        &format!("key {text:?}"),
                    );
                    strings += 1;
                }
            }
        }
    }
    assert_eq!(strings, 42 * 325 * 3);
}

/// Every text a `#[serde(...)]` attribute in the sources names a field,
/// variant or tag with needs no JSON escape, so [`super::Compound`] writes
/// field names as they are. (Rust identifiers cannot hold such a byte.)
#[test]
fn field_names_need_no_escape() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut names = 0;
    for (file, bytes) in files(&src) {
        let text = String::from_utf8(bytes).expect("UTF-8 source");
        for attribute in ["rename = \"", "alias = \"", "tag = \"", "content = \""] {
            for (at, _) in text.match_indices(attribute) {
                let literal = &text[at + attribute.len()..];
                let name = &literal[..literal.find('"').expect("closing quote")];
                assert!(
                    name.bytes().all(|b| b >= 0x20 && b != b'\\' && b != b'"'),
                    "{file}: {name:?}"
                );
                names += 1;
            }
        }
    }
    assert!(names >= 8, "{names} names");
}

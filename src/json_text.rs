//! The report as compact JSON text: the same bytes as `serde_json::to_vec`,
//! written by a serializer made for it.
//!
//! serde_json's serializer is generic, so it is compiled with this crate, at
//! the page engines' `opt-level = "z"`, where nothing of it is inlined: its
//! string escaping made a call per byte, and writing the JSON cost more than
//! the analysis (BENCHMARKS.md, "Third pass"). This one writes into one
//! `Vec<u8>` with loops simple enough to stay fast at "z". It covers what the
//! report's types use (no floating-point numbers: they are refused, and
//! [`tests`] checks every report of the corpus against serde_json's text).

use std::fmt;

use serde::ser::{self, Serialize};

/// Why a value could not be written.
#[derive(Debug)]
pub(crate) struct JsonError(String);

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for JsonError {}

impl ser::Error for JsonError {
    fn custom<T: fmt::Display>(message: T) -> Self {
        JsonError(message.to_string())
    }
}

/// `value` as compact JSON text, written into a buffer of `capacity` bytes to
/// start with.
pub(crate) fn to_json<T: Serialize + ?Sized>(
    value: &T,
    capacity: usize,
) -> Result<String, JsonError> {
    let mut writer = Writer {
        text: vec![0; capacity.max(64)],
        len: 0,
    };
    value.serialize(&mut writer)?;
    let mut text = writer.text;
    text.truncate(writer.len);
    // Only whole UTF-8 strings and ASCII are written; checked, not assumed.
    String::from_utf8(text).map_err(ser::Error::custom)
}

/// The JSON text written so far: the first `len` bytes of `text`, whose
/// rest is room to write into.
///
/// A report is written in many pieces of a few bytes (quotes, commas,
/// keys). At the page engines' opt-level "z", `Vec::push` and
/// `extend_from_slice` are calls that each check for room; here the bytes are
/// stored through an index, with the room check and the copy inlined, which
/// made writing a small certificate's report about a third faster in the
/// wasm (BENCHMARKS.md, "Sixth pass").
struct Writer {
    text: Vec<u8>,
    len: usize,
}

/// Pieces up to this long are copied byte by byte; longer ones in one copy.
const SHORT_PIECE: usize = 24;

/// What a byte becomes inside a JSON string: 0 itself, `u` a `\u00XX`
/// escape, or the letter of a short escape (`n` for `\n`), as serde_json does.
const fn escape_of(byte: u8) -> u8 {
    match byte {
        b'"' => b'"',
        b'\\' => b'\\',
        0x08 => b'b',
        0x09 => b't',
        0x0A => b'n',
        0x0C => b'f',
        0x0D => b'r',
        0x00..=0x1F => b'u',
        _ => 0,
    }
}

/// [`escape_of`] of every byte.
const ESCAPES: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        table[i] = escape_of(i as u8);
        i += 1;
    }
    table
};

/// Whether any of the eight bytes of `group` is escaped inside a JSON string:
/// a control byte (below 0x20), `"` or a backslash.
fn group_needs_escape(group: u64) -> bool {
    use crate::swar::{group_has_byte, group_has_byte_below};
    group_has_byte_below(group, 0x20) || group_has_byte(group, b'"') || group_has_byte(group, b'\\')
}

impl Writer {
    /// Room for `more` bytes after the text.
    #[inline(always)]
    fn room(&mut self, more: usize) {
        if self.text.len() - self.len < more {
            self.grow(more);
        }
    }

    /// The text's buffer doubled, or more when `more` needs it.
    #[cold]
    fn grow(&mut self, more: usize) {
        let size = (self.text.len() * 2).max(self.len + more);
        self.text.resize(size, 0);
    }

    /// One byte.
    fn byte(&mut self, byte: u8) {
        self.room(1);
        self.text[self.len] = byte;
        self.len += 1;
    }

    /// `piece`, after the text.
    #[inline(always)]
    fn bytes(&mut self, piece: &[u8]) {
        self.room(piece.len());
        let end = self.len + piece.len();
        if piece.len() <= SHORT_PIECE {
            // Element by element: a range index is a call at opt-level "z".
            for (k, &b) in piece.iter().enumerate() {
                self.text[self.len + k] = b;
            }
        } else {
            self.text[self.len..end].copy_from_slice(piece);
        }
        self.len = end;
    }

    /// `text` as a JSON string, quoted and escaped.
    fn string(&mut self, text: &str) {
        self.byte(b'"');
        self.string_body(text);
        self.byte(b'"');
    }

    /// `text` escaped, without its quotes. Eight bytes that need no escape
    /// are stepped over at once (most of a report's text), and every run of
    /// plain bytes is copied in one piece.
    fn string_body(&mut self, text: &str) {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let bytes = text.as_bytes();
        let mut start = 0;
        let mut i = 0;
        while i < bytes.len() {
            if let Some(group) = crate::swar::group_at(bytes, i) {
                if !group_needs_escape(group) {
                    i += 8;
                    continue;
                }
            }
            let byte = bytes[i];
            let escape = ESCAPES[usize::from(byte)];
            i += 1;
            if escape == 0 {
                continue;
            }
            self.bytes(&bytes[start..i - 1]);
            start = i;
            match escape {
                b'u' => self.bytes(&[
                    b'\\',
                    b'u',
                    b'0',
                    b'0',
                    HEX[usize::from(byte >> 4)],
                    HEX[usize::from(byte & 15)],
                ]),
                short => self.bytes(&[b'\\', short]),
            }
        }
        self.bytes(&bytes[start..]);
    }

    /// An unsigned integer in decimal.
    fn unsigned(&mut self, n: u64) {
        let mut digits = [0u8; 20];
        self.bytes(crate::cert::oids::decimal_digits(n, &mut digits));
    }

    /// A signed integer in decimal.
    fn signed(&mut self, n: i64) {
        if n < 0 {
            self.byte(b'-');
        }
        self.unsigned(n.unsigned_abs());
    }
}

/// An array or object being written: whether the next entry is its first.
struct Compound<'a> {
    writer: &'a mut Writer,
    first: bool,
}

impl Compound<'_> {
    /// The comma before every entry but the first.
    fn separate(&mut self) {
        if !self.first {
            self.writer.byte(b',');
        }
        self.first = false;
    }

    /// A struct's field name (a string) and its colon, with the comma before
    /// it. Field names are written as they are, not escaped: they are Rust
    /// identifiers or this crate's `#[serde(rename = "…")]` texts, none of
    /// which holds a byte JSON escapes (`tests::field_names_need_no_escape`
    /// reads every rename in the sources; checked again here in debug builds).
    fn key(&mut self, key: &'static str) {
        debug_assert!(key.bytes().all(|b| ESCAPES[usize::from(b)] == 0), "{key}");
        let open: &[u8] = if self.first { b"\"" } else { b",\"" };
        self.first = false;
        self.writer.bytes(open);
        self.writer.bytes(key.as_bytes());
        self.writer.bytes(b"\":");
    }
}

/// Opens `open` and returns the compound that will close it.
fn open<'a>(writer: &'a mut Writer, open: &[u8]) -> Compound<'a> {
    writer.bytes(open);
    Compound {
        writer,
        first: true,
    }
}

impl<'a> ser::Serializer for &'a mut Writer {
    type Ok = ();
    type Error = JsonError;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Compound<'a>;
    type SerializeTupleStruct = Compound<'a>;
    type SerializeTupleVariant = Compound<'a>;
    type SerializeMap = Compound<'a>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = Compound<'a>;

    fn serialize_bool(self, v: bool) -> Result<(), JsonError> {
        self.bytes(if v { b"true" } else { b"false" });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<(), JsonError> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i16(self, v: i16) -> Result<(), JsonError> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i32(self, v: i32) -> Result<(), JsonError> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i64(self, v: i64) -> Result<(), JsonError> {
        self.signed(v);
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Result<(), JsonError> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u16(self, v: u16) -> Result<(), JsonError> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u32(self, v: u32) -> Result<(), JsonError> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u64(self, v: u64) -> Result<(), JsonError> {
        self.unsigned(v);
        Ok(())
    }
    fn serialize_f32(self, _: f32) -> Result<(), JsonError> {
        Err(ser::Error::custom(
            "the report has no floating-point numbers",
        ))
    }
    fn serialize_f64(self, _: f64) -> Result<(), JsonError> {
        Err(ser::Error::custom(
            "the report has no floating-point numbers",
        ))
    }
    fn serialize_char(self, v: char) -> Result<(), JsonError> {
        self.string(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), JsonError> {
        self.string(v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), JsonError> {
        let mut seq = open(self, b"[");
        for byte in v {
            seq.separate();
            seq.writer.unsigned(u64::from(*byte));
        }
        seq.writer.byte(b']');
        Ok(())
    }
    fn serialize_none(self) -> Result<(), JsonError> {
        self.serialize_unit()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), JsonError> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), JsonError> {
        self.bytes(b"null");
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), JsonError> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), JsonError> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), JsonError> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), JsonError> {
        let mut object = open(self, b"{");
        object.key(variant);
        value.serialize(&mut *object.writer)?;
        object.writer.byte(b'}');
        Ok(())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Compound<'a>, JsonError> {
        Ok(open(self, b"["))
    }
    fn serialize_tuple(self, _: usize) -> Result<Compound<'a>, JsonError> {
        Ok(open(self, b"["))
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Compound<'a>, JsonError> {
        Ok(open(self, b"["))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'a>, JsonError> {
        self.byte(b'{');
        self.string(variant);
        Ok(open(self, b":["))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Compound<'a>, JsonError> {
        Ok(open(self, b"{"))
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Compound<'a>, JsonError> {
        Ok(open(self, b"{"))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'a>, JsonError> {
        self.byte(b'{');
        self.string(variant);
        Ok(open(self, b":{"))
    }
}

impl ser::SerializeSeq for Compound<'_> {
    type Ok = ();
    type Error = JsonError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), JsonError> {
        self.separate();
        value.serialize(&mut *self.writer)
    }
    fn end(self) -> Result<(), JsonError> {
        self.writer.byte(b']');
        Ok(())
    }
}

impl ser::SerializeTuple for Compound<'_> {
    type Ok = ();
    type Error = JsonError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), JsonError> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<(), JsonError> {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeTupleStruct for Compound<'_> {
    type Ok = ();
    type Error = JsonError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), JsonError> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<(), JsonError> {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeTupleVariant for Compound<'_> {
    type Ok = ();
    type Error = JsonError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), JsonError> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<(), JsonError> {
        self.writer.bytes(b"]}");
        Ok(())
    }
}

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = JsonError;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), JsonError> {
        self.separate();
        key.serialize(KeyWriter(&mut *self.writer))?;
        self.writer.byte(b':');
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), JsonError> {
        value.serialize(&mut *self.writer)
    }
    fn end(self) -> Result<(), JsonError> {
        self.writer.byte(b'}');
        Ok(())
    }
}

impl ser::SerializeStruct for Compound<'_> {
    type Ok = ();
    type Error = JsonError;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), JsonError> {
        self.key(key);
        value.serialize(&mut *self.writer)
    }
    fn end(self) -> Result<(), JsonError> {
        ser::SerializeMap::end(self)
    }
}

impl ser::SerializeStructVariant for Compound<'_> {
    type Ok = ();
    type Error = JsonError;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), JsonError> {
        ser::SerializeStruct::serialize_field(self, key, value)
    }
    fn end(self) -> Result<(), JsonError> {
        self.writer.bytes(b"}}");
        Ok(())
    }
}

mod key;
use key::KeyWriter;

#[cfg(test)]
mod tests;

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
    let mut writer = Writer(Vec::with_capacity(capacity));
    value.serialize(&mut writer)?;
    // Only whole UTF-8 strings and ASCII are written; checked, not assumed.
    String::from_utf8(writer.0).map_err(ser::Error::custom)
}

/// The JSON text written so far.
struct Writer(Vec<u8>);

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

impl Writer {
    /// `text` as a JSON string, quoted and escaped.
    fn string(&mut self, text: &str) {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let bytes = text.as_bytes();
        self.0.reserve(bytes.len() + 2);
        self.0.push(b'"');
        let mut start = 0;
        let mut i = 0;
        while i < bytes.len() {
            let byte = bytes[i];
            let escape = ESCAPES[usize::from(byte)];
            i += 1;
            if escape == 0 {
                continue;
            }
            self.0.extend_from_slice(&bytes[start..i - 1]);
            start = i;
            match escape {
                b'u' => self.0.extend_from_slice(&[
                    b'\\',
                    b'u',
                    b'0',
                    b'0',
                    HEX[usize::from(byte >> 4)],
                    HEX[usize::from(byte & 15)],
                ]),
                short => self.0.extend_from_slice(&[b'\\', short]),
            }
        }
        self.0.extend_from_slice(&bytes[start..]);
        self.0.push(b'"');
    }

    /// An unsigned integer in decimal.
    fn unsigned(&mut self, n: u64) {
        let mut digits = [0u8; 20];
        self.0
            .extend_from_slice(crate::cert::oids::decimal_digits(n, &mut digits));
    }

    /// A signed integer in decimal.
    fn signed(&mut self, n: i64) {
        if n < 0 {
            self.0.push(b'-');
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
            self.writer.0.push(b',');
        }
        self.first = false;
    }

    /// An object key (a string) and its colon.
    fn key(&mut self, key: &str) {
        self.separate();
        self.writer.string(key);
        self.writer.0.push(b':');
    }
}

/// Opens `open` and returns the compound that will close it.
fn open<'a>(writer: &'a mut Writer, open: &[u8]) -> Compound<'a> {
    writer.0.extend_from_slice(open);
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
        self.0.extend_from_slice(if v { b"true" } else { b"false" });
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
        seq.writer.0.push(b']');
        Ok(())
    }
    fn serialize_none(self) -> Result<(), JsonError> {
        self.serialize_unit()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), JsonError> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), JsonError> {
        self.0.extend_from_slice(b"null");
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
        object.writer.0.push(b'}');
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
        self.0.push(b'{');
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
        self.0.push(b'{');
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
        self.writer.0.push(b']');
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
        self.writer.0.extend_from_slice(b"]}");
        Ok(())
    }
}

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = JsonError;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), JsonError> {
        self.separate();
        key.serialize(KeyWriter(&mut *self.writer))?;
        self.writer.0.push(b':');
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), JsonError> {
        value.serialize(&mut *self.writer)
    }
    fn end(self) -> Result<(), JsonError> {
        self.writer.0.push(b'}');
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
        self.writer.0.extend_from_slice(b"}}");
        Ok(())
    }
}

mod key;
use key::KeyWriter;

#[cfg(test)]
mod tests;

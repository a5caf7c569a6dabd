//! Reading JavaScript arguments into the model's types.
//!
//! A serde [`Deserializer`] over a [`JsValue`] that checks every value's JavaScript type itself
//! before converting it, so that no value of any type (`BigInt`, `Symbol`, a function, a `Map`,
//! a `Proxy` whose traps throw, a getter that throws) reaches code that assumes another type.
//!
//! The rules, which the README states:
//! - **Errors name the place and the expected type, never the value**:
//!   `account.label: expected a string, got a number`. Serde's own messages would quote the
//!   value (`invalid type: string "…"`), and a value in the wrong place may be a secret key;
//!   every [`serde::de::Error`] constructor is overridden here so that none does.
//! - **A `Map` reads exactly like a plain object**, wherever an object is expected (an account,
//!   a request, its headers, any options): its string keys are its members, other keys are
//!   refused. Any other object (a class instance, an object without a prototype) is read through
//!   its members, getters included. A fetch `Headers` where a map belongs is its entries.
//! - Only the members a type declares are read: functions, DOM objects or cycles elsewhere in an
//!   argument are never touched. `undefined` and `null` members are absent.
//! - Numbers must be finite (`NaN` and the infinities are refused), integers within their type's
//!   range.
//! - A getter (or a `Proxy` trap) that throws makes the member unreadable: `InvalidInput` naming
//!   it, with nothing of what it threw.

use std::fmt;

use serde::de::{self, DeserializeOwned, DeserializeSeed, IntoDeserializer, Visitor};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use cloudcerts::error::{Error, Result};

#[wasm_bindgen(inline_js = r#"
export function cc_member(target, key) {
  return target instanceof Map ? target.get(key) : target[key];
}
export function cc_is_map(value) {
  try { return value instanceof Map; } catch { return false; }
}
export function cc_is_array(value) {
  try { return Array.isArray(value); } catch { return false; }
}
export function cc_is_abort_signal(value) {
  // The brand check of AbortSignal's own `aborted` getter: true for a real signal (of any
  // realm), false for an object that only inherits from AbortSignal.prototype.
  try {
    Object.getOwnPropertyDescriptor(AbortSignal.prototype, "aborted").get.call(value);
    return true;
  } catch { return false; }
}
export function cc_entries(target) {
  // A fetch Headers, like a Map, is its entries (names lower-cased by Headers itself): it has no
  // own members, and read as an object it would be silently empty.
  const entries = target instanceof Map || (typeof Headers === "function" && target instanceof Headers);
  const pairs = entries ? Array.from(target) : Object.keys(target).map((key) => [key, target[key]]);
  // Each pair copied into a plain array here, where what a Proxy throws is caught.
  return pairs.map((pair) => {
    if (!Array.isArray(pair)) throw new TypeError("not a pair");
    return [pair[0], pair[1]];
  });
}
export function cc_length(target) {
  return target.length >>> 0;
}
"#)]
extern "C" {
    /// `target[key]`, or `target.get(key)` for a `Map`; what a getter throws is caught.
    #[wasm_bindgen(catch)]
    fn cc_member(target: &JsValue, key: &str) -> std::result::Result<JsValue, JsValue>;
    /// `value instanceof Map`; false when a `Proxy`'s trap throws.
    fn cc_is_map(value: &JsValue) -> bool;
    /// `Array.isArray(value)`; false for a revoked `Proxy` (for which it throws): such a value
    /// is an object whose members cannot be read.
    fn cc_is_array(value: &JsValue) -> bool;
    /// Whether `value` is a real `AbortSignal` (of any realm): the brand check of its class's
    /// `aborted` getter, which the boundary then reads through (never an own property).
    fn cc_is_abort_signal(value: &JsValue) -> bool;
    /// The `[key, value]` pairs of a `Map` or a fetch `Headers`, or of an object's own enumerable
    /// string keys, each a plain array; throws (caught) when one is not a pair or cannot be read.
    #[wasm_bindgen(catch)]
    fn cc_entries(target: &JsValue) -> std::result::Result<js_sys::Array, JsValue>;
    /// An array's `length` (a `Proxy`'s trap may throw: caught).
    #[wasm_bindgen(catch)]
    fn cc_length(target: &JsValue) -> std::result::Result<u32, JsValue>;
}

/// Reads `value` as a `T`. `name` is the argument's name, the first part of every error's path
/// (`account`, `options`, ...).
///
/// # Errors
/// `InvalidInput` naming the member at fault and the expected type (never the value).
pub fn from_js<T: DeserializeOwned>(value: &JsValue, name: &str) -> Result<T> {
    T::deserialize(Reader(value.clone())).map_err(|e| e.into_error(name))
}

/// Reads an optional argument: `undefined` or `null` is the default.
///
/// # Errors
/// `InvalidInput` naming the member at fault.
pub fn optional_from_js<T: DeserializeOwned + Default>(value: &JsValue, name: &str) -> Result<T> {
    if value.is_undefined() || value.is_null() {
        Ok(T::default())
    } else {
        from_js(value, name)
    }
}

/// The member `key` of `target` (an object or a `Map`): `None` when absent, `undefined` or
/// `null`.
///
/// # Errors
/// `InvalidInput` naming `{name}.{key}` when reading it threw.
pub fn member(target: &JsValue, key: &str, name: &str) -> Result<Option<JsValue>> {
    if !is_object(target) {
        return Ok(None);
    }
    match cc_member(target, key) {
        Ok(value) if value.is_undefined() || value.is_null() => Ok(None),
        Ok(value) => Ok(Some(value)),
        Err(_) => Err(unreadable().into_error(&format!("{name}.{key}"))),
    }
}

/// The kinds of JavaScript value a message names, each with the letter `packed.js` writes for
/// it (`kind` there): one vocabulary for both ways in.
const KINDS: [(u8, &str); 13] = [
    (b'u', "undefined"),
    (b'z', "null"),
    (b'b', "a boolean"),
    (b'N', "NaN"),
    (b'I', "an infinite number"),
    (b'n', "a number"),
    (b's', "a string"),
    (b'B', "a BigInt"),
    (b'y', "a symbol"),
    (b'f', "a function"),
    (b'a', "an array"),
    (b'M', "a Map"),
    (b'o', "an object"),
];

/// The name of the kind `packed.js` wrote as `letter` (see [`KINDS`]).
pub fn kind_named(letter: u8) -> &'static str {
    KINDS
        .iter()
        .find(|(l, _)| *l == letter)
        .map_or("a value of another type", |(_, name)| name)
}

/// What kind of JavaScript value `value` is, as a message says it: `a string`, `a Map`, `NaN`.
/// Never the value itself.
pub fn kind_of(value: &JsValue) -> &'static str {
    kind_named(if value.is_undefined() {
        b'u'
    } else if value.is_null() {
        b'z'
    } else if value.as_bool().is_some() {
        b'b'
    } else if let Some(n) = value.as_f64() {
        if n.is_nan() {
            b'N'
        } else if n.is_infinite() {
            b'I'
        } else {
            b'n'
        }
    } else if value.is_string() {
        b's'
    } else if value.is_bigint() {
        b'B'
    } else if value.is_symbol() {
        b'y'
    } else if value.is_function() {
        b'f'
    } else if cc_is_array(value) {
        b'a'
    } else if cc_is_map(value) {
        b'M'
    } else if value.is_object() {
        b'o'
    } else {
        0
    })
}

/// Whether `value` is an array (`Array.isArray`, false for a revoked `Proxy`, for which that
/// throws). Used by the ACME module's reading of `request.dns`.
#[cfg_attr(not(feature = "acme"), allow(dead_code))]
pub fn is_array(value: &JsValue) -> bool {
    cc_is_array(value)
}

/// Whether `value` is a real `AbortSignal` (of this realm).
pub fn is_abort_signal(value: &JsValue) -> bool {
    cc_is_abort_signal(value)
}

/// Whether members can be read from `value`: an object that is not an array or a function (a
/// `Map` is one).
pub fn is_object(value: &JsValue) -> bool {
    value.is_object() && !value.is_function() && !cc_is_array(value)
}

/// One step of the path to the value at fault.
#[derive(Debug)]
enum Step {
    /// A member of an object (`.label`).
    Member(String),
    /// An element of an array (`[2]`).
    Index(u32),
    /// A value of a map whose keys are the caller's (headers): its key is not shown.
    AnyValue,
    /// A key of such a map.
    AnyKey,
}

/// A failure to read, with its path from the innermost step outwards.
#[derive(Debug)]
pub struct ReadError {
    /// Innermost first: each level pushes its step as the error passes through it.
    path: Vec<Step>,
    problem: String,
}

impl ReadError {
    fn new(problem: impl Into<String>) -> Self {
        ReadError {
            path: Vec::new(),
            problem: problem.into(),
        }
    }

    fn at(mut self, step: Step) -> Self {
        self.path.push(step);
        self
    }

    /// The crate's `InvalidInput`, its field written from `name` and the path.
    fn into_error(self, name: &str) -> Error {
        let mut field = name.to_owned();
        let mut suffix = String::new();
        for step in self.path.iter().rev() {
            match step {
                Step::Member(key) => {
                    field.push('.');
                    field.push_str(key);
                }
                Step::Index(index) => field.push_str(&format!("[{index}]")),
                Step::AnyValue => suffix = " (a value)".into(),
                Step::AnyKey => suffix = " (a key)".into(),
            }
        }
        Error::invalid_input(&(field + &suffix), self.problem)
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.problem)
    }
}

impl std::error::Error for ReadError {}

/// What serde's `Unexpected` is, without its value.
fn unexpected_kind(unexpected: &de::Unexpected<'_>) -> &'static str {
    use de::Unexpected as U;
    match unexpected {
        U::Bool(_) => "a boolean",
        U::Unsigned(_) | U::Signed(_) | U::Float(_) => "a number",
        U::Char(_) | U::Str(_) => "a string",
        U::Bytes(_) => "bytes",
        U::Unit => "null",
        U::Option => "an optional value",
        U::NewtypeStruct | U::NewtypeVariant | U::TupleVariant | U::StructVariant => "a variant",
        U::UnitVariant => "a variant",
        U::Seq => "an array",
        U::Map => "an object",
        U::Enum => "an enum",
        U::Other(_) => "a value of another type",
    }
}

impl de::Error for ReadError {
    fn custom<T: fmt::Display>(message: T) -> Self {
        // Only this crate's own `Deserialize` impls and serde's derives reach here, and none of
        // them writes a value into the message.
        ReadError::new(message.to_string())
    }

    fn invalid_type(unexpected: de::Unexpected<'_>, expected: &dyn de::Expected) -> Self {
        ReadError::new(format!(
            "expected {expected}, got {}",
            unexpected_kind(&unexpected)
        ))
    }

    fn invalid_value(_: de::Unexpected<'_>, expected: &dyn de::Expected) -> Self {
        ReadError::new(format!("expected {expected}"))
    }

    fn invalid_length(len: usize, expected: &dyn de::Expected) -> Self {
        ReadError::new(format!("expected {expected}, got {len} elements"))
    }

    fn unknown_variant(_: &str, expected: &'static [&'static str]) -> Self {
        ReadError::new(format!("expected one of {}", expected.join(", ")))
    }

    fn unknown_field(_: &str, expected: &'static [&'static str]) -> Self {
        ReadError::new(format!(
            "an unknown member; expected only {}",
            expected.join(", ")
        ))
    }

    fn missing_field(field: &'static str) -> Self {
        ReadError::new(MISSING).at(Step::Member(field.to_owned()))
    }

    fn duplicate_field(field: &'static str) -> Self {
        ReadError::new("given twice").at(Step::Member(field.to_owned()))
    }
}

fn wrong_type(expected: &str, value: &JsValue) -> ReadError {
    ReadError::new(format!("expected {expected}, got {}", kind_of(value)))
}

/// What a message says of a member whose getter (or `Proxy` trap) threw.
pub const UNREADABLE: &str = "could not be read (reading it threw)";
/// What a message says of a required member that is absent.
pub const MISSING: &str = "missing (required)";

fn unreadable() -> ReadError {
    ReadError::new(UNREADABLE)
}

/// The deserializer: one JavaScript value.
struct Reader(JsValue);

impl Reader {
    fn string(&self, expected: &str) -> std::result::Result<String, ReadError> {
        self.0
            .as_string()
            .ok_or_else(|| wrong_type(expected, &self.0))
    }

    fn finite(&self) -> std::result::Result<f64, ReadError> {
        match self.0.as_f64() {
            Some(n) if n.is_finite() => Ok(n),
            _ => Err(wrong_type("a finite number", &self.0)),
        }
    }

    /// An integer in `min..=max` (both exactly representable as `f64`).
    fn integer(&self, min: f64, max: f64) -> std::result::Result<f64, ReadError> {
        let n = self.finite()?;
        if n.fract() != 0.0 || n < min || n > max {
            // The bounds are whole: written as integers, which spares the wasm `f64` printing.
            return Err(ReadError::new(format!(
                "expected an integer from {} to {}",
                min as i64, max as i64
            )));
        }
        Ok(n)
    }

    fn object(&self, expected: &str) -> std::result::Result<(), ReadError> {
        if is_object(&self.0) {
            Ok(())
        } else {
            Err(wrong_type(expected, &self.0))
        }
    }

    fn absent(&self) -> bool {
        self.0.is_undefined() || self.0.is_null()
    }
}

macro_rules! integers {
    ($($method:ident $visit:ident $ty:ty => $cast:ty;)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> std::result::Result<V::Value, ReadError> {
            // Beyond 2^53 a JavaScript number is no longer an exact integer.
            let max = (<$ty>::MAX as f64).min(9_007_199_254_740_991.0);
            let min = (<$ty>::MIN as f64).max(-9_007_199_254_740_991.0);
            let n = self.integer(min, max)?;
            visitor.$visit(n as $cast)
        }
    )*};
}

impl<'de> de::Deserializer<'de> for Reader {
    type Error = ReadError;

    fn deserialize_any<V: Visitor<'de>>(
        self,
        visitor: V,
    ) -> std::result::Result<V::Value, ReadError> {
        if self.absent() {
            visitor.visit_unit()
        } else if let Some(b) = self.0.as_bool() {
            visitor.visit_bool(b)
        } else if self.0.as_f64().is_some() {
            visitor.visit_f64(self.finite()?)
        } else if let Some(s) = self.0.as_string() {
            visitor.visit_string(s)
        } else if cc_is_array(&self.0) {
            self.deserialize_seq(visitor)
        } else if is_object(&self.0) {
            self.deserialize_map(visitor)
        } else {
            Err(ReadError::new(format!(
                "expected a string, number, boolean, array or object, got {}",
                kind_of(&self.0)
            )))
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(
        self,
        visitor: V,
    ) -> std::result::Result<V::Value, ReadError> {
        match self.0.as_bool() {
            Some(b) => visitor.visit_bool(b),
            None => Err(wrong_type("a boolean", &self.0)),
        }
    }

    integers! {
        deserialize_i8 visit_i64 i8 => i64;
        deserialize_i16 visit_i64 i16 => i64;
        deserialize_i32 visit_i64 i32 => i64;
        deserialize_i64 visit_i64 i64 => i64;
        deserialize_u8 visit_u64 u8 => u64;
        deserialize_u16 visit_u64 u16 => u64;
        deserialize_u32 visit_u64 u32 => u64;
        deserialize_u64 visit_u64 u64 => u64;
    }

    fn deserialize_f32<V: Visitor<'de>>(
        self,
        visitor: V,
    ) -> std::result::Result<V::Value, ReadError> {
        visitor.visit_f64(self.finite()?)
    }

    fn deserialize_f64<V: Visitor<'de>>(
        self,
        visitor: V,
    ) -> std::result::Result<V::Value, ReadError> {
        visitor.visit_f64(self.finite()?)
    }

    fn deserialize_char<V: Visitor<'de>>(
        self,
        visitor: V,
    ) -> std::result::Result<V::Value, ReadError> {
        let s = self.string("a single character")?;
        let mut chars = s.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) => visitor.visit_char(c),
            _ => Err(ReadError::new("expected a single character")),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(
        self,
        visitor: V,
    ) -> std::result::Result<V::Value, ReadError> {
        visitor.visit_string(self.string("a string")?)
    }

    fn deserialize_string<V: Visitor<'de>>(
        self,
        visitor: V,
    ) -> std::result::Result<V::Value, ReadError> {
        visitor.visit_string(self.string("a string")?)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, _: V) -> std::result::Result<V::Value, ReadError> {
        Err(ReadError::new("bytes cannot be read here"))
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(
        self,
        _: V,
    ) -> std::result::Result<V::Value, ReadError> {
        Err(ReadError::new("bytes cannot be read here"))
    }

    fn deserialize_option<V: Visitor<'de>>(
        self,
        visitor: V,
    ) -> std::result::Result<V::Value, ReadError> {
        if self.absent() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(
        self,
        visitor: V,
    ) -> std::result::Result<V::Value, ReadError> {
        if self.absent() {
            visitor.visit_unit()
        } else {
            Err(wrong_type("null", &self.0))
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> std::result::Result<V::Value, ReadError> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> std::result::Result<V::Value, ReadError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(
        self,
        visitor: V,
    ) -> std::result::Result<V::Value, ReadError> {
        // Not `dyn_into`, whose `Array.isArray` throws for a revoked `Proxy`, nor `length()`,
        // whose trap may throw: both would leave the call uncaught.
        if !cc_is_array(&self.0) {
            return Err(wrong_type("an array", &self.0));
        }
        let length = cc_length(&self.0).map_err(|_| unreadable())?;
        visitor.visit_seq(Elements {
            length,
            array: self.0.unchecked_into(),
            next: 0,
        })
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _: usize,
        visitor: V,
    ) -> std::result::Result<V::Value, ReadError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: usize,
        visitor: V,
    ) -> std::result::Result<V::Value, ReadError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(
        self,
        visitor: V,
    ) -> std::result::Result<V::Value, ReadError> {
        self.object("an object")?;
        let entries = cc_entries(&self.0).map_err(|_| unreadable())?;
        visitor.visit_map(Entries {
            length: entries.length(),
            entries,
            next: 0,
            value: None,
        })
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> std::result::Result<V::Value, ReadError> {
        self.object("an object")?;
        visitor.visit_map(Members {
            target: self.0,
            fields,
            next: 0,
            value: None,
        })
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> std::result::Result<V::Value, ReadError> {
        match self.0.as_string() {
            Some(s) => visitor.visit_enum(IntoDeserializer::<ReadError>::into_deserializer(s)),
            None => Err(ReadError::new(format!(
                "expected one of {}, got {}",
                variants.join(", "),
                kind_of(&self.0)
            ))),
        }
    }

    fn deserialize_identifier<V: Visitor<'de>>(
        self,
        visitor: V,
    ) -> std::result::Result<V::Value, ReadError> {
        self.deserialize_string(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(
        self,
        visitor: V,
    ) -> std::result::Result<V::Value, ReadError> {
        visitor.visit_unit()
    }
}

/// The elements of an array.
struct Elements {
    array: js_sys::Array,
    length: u32,
    next: u32,
}

impl<'de> de::SeqAccess<'de> for Elements {
    type Error = ReadError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> std::result::Result<Option<T::Value>, ReadError> {
        if self.next >= self.length {
            return Ok(None);
        }
        let index = self.next;
        self.next += 1;
        let value = js_sys::Reflect::get_u32(&self.array, index)
            .map_err(|_| unreadable().at(Step::Index(index)))?;
        seed.deserialize(Reader(value))
            .map(Some)
            .map_err(|e| e.at(Step::Index(index)))
    }

    fn size_hint(&self) -> Option<usize> {
        usize::try_from(self.length - self.next).ok()
    }
}

/// The entries of a map whose keys are the caller's (a `Map`, or an object's own keys): keys
/// are not shown in errors.
struct Entries {
    entries: js_sys::Array,
    length: u32,
    next: u32,
    value: Option<JsValue>,
}

impl<'de> de::MapAccess<'de> for Entries {
    type Error = ReadError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> std::result::Result<Option<K::Value>, ReadError> {
        if self.next >= self.length {
            return Ok(None);
        }
        let pair = self.entries.get(self.next);
        self.next += 1;
        let pair: js_sys::Array = pair.dyn_into().map_err(|_| unreadable())?;
        let key = pair.get(0);
        if !key.is_string() {
            return Err(wrong_type("a string", &key).at(Step::AnyKey));
        }
        self.value = Some(pair.get(1));
        seed.deserialize(Reader(key))
            .map(Some)
            .map_err(|e| e.at(Step::AnyKey))
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> std::result::Result<V::Value, ReadError> {
        let value = self.value.take().unwrap_or(JsValue::UNDEFINED);
        seed.deserialize(Reader(value))
            .map_err(|e| e.at(Step::AnyValue))
    }

    fn size_hint(&self) -> Option<usize> {
        usize::try_from(self.length - self.next).ok()
    }
}

/// The declared members of a struct, read one by one; absent ones (`undefined`, `null`) are
/// skipped, so that serde's derive reports a missing required one by name.
struct Members {
    target: JsValue,
    fields: &'static [&'static str],
    next: usize,
    value: Option<(&'static str, JsValue)>,
}

impl<'de> de::MapAccess<'de> for Members {
    type Error = ReadError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> std::result::Result<Option<K::Value>, ReadError> {
        while let Some(&field) = self.fields.get(self.next) {
            self.next += 1;
            let value = cc_member(&self.target, field)
                .map_err(|_| unreadable().at(Step::Member(field.to_owned())))?;
            if value.is_undefined() || value.is_null() {
                continue;
            }
            self.value = Some((field, value));
            return seed
                .deserialize(IntoDeserializer::<ReadError>::into_deserializer(field))
                .map(Some);
        }
        Ok(None)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> std::result::Result<V::Value, ReadError> {
        let (field, value) = self.value.take().unwrap_or(("", JsValue::UNDEFINED));
        seed.deserialize(Reader(value))
            .map_err(|e| e.at(Step::Member(field.to_owned())))
    }
}

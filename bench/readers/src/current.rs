//! (a) Today's reader, copied from `src/vendors/records.rs` (the envelope as a `Value`, each
//! record skipped as a `&RawValue` for its span, then read again by a serde visitor into a
//! `Value` of its named fields while the other members are scanned for private keys).
//! The envelope is shared with [`crate::typed`], which differs only in how a record is read.

use std::borrow::Cow;
use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;
use serde_json::{Map, Value};

use crate::{is_pem_private_key, is_private_key_name, Sink, Step, Vendor};

/// What a record's text is handed to: its text and its span in the body.
pub type Handler<'h, 'de> = &'h mut dyn FnMut(&'de str, (usize, usize)) -> Result<(), String>;

pub fn read<S: Sink>(body: &str, vendor: Vendor, sink: &mut S) -> Result<(), String> {
    let fields = vendor.fields();
    envelope(body, vendor.list_path(), &mut |text, span| {
        let (value, keys) = read_record(text, fields).map_err(|e| e.to_string())?;
        sink.record(span, value, keys);
        Ok(())
    })
    .map(|_| ())
}

/// One record's text: its fields as a `Value` and its private keys in removal order.
pub fn read_record(text: &str, fields: &[&str]) -> serde_json::Result<(Value, Vec<Vec<Step>>)> {
    let mut de = serde_json::Deserializer::from_str(text);
    let out = RecordSeed { fields }.deserialize(&mut de)?;
    de.end()?;
    Ok(out)
}

/// Reads `body`, handing each record of the list at `path` to `handler`; returns the envelope.
pub fn envelope<'de>(body: &'de str, path: &[&str], handler: Handler<'_, 'de>) -> Result<Value, String> {
    let mut de = serde_json::Deserializer::from_str(body);
    let value = Envelope {
        body,
        path,
        handler,
    }
    .deserialize(&mut de)
    .map_err(|e| e.to_string())?;
    de.end().map_err(|e| e.to_string())?;
    Ok(value)
}

pub struct Key;

impl<'de> DeserializeSeed<'de> for Key {
    type Value = Cow<'de, str>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Cow<'de, str>, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for Key {
    type Value = Cow<'de, str>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a key")
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Borrowed(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Owned(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Owned(v))
    }
}

pub(crate) use Key as KeySeed;

struct Envelope<'a, 'h, 'de> {
    body: &'de str,
    path: &'a [&'a str],
    handler: Handler<'h, 'de>,
}

impl<'de> DeserializeSeed<'de> for Envelope<'_, '_, 'de> {
    type Value = Value;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Envelope<'_, '_, 'de> {
    type Value = Value;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("JSON")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        if self.path.is_empty() {
            while let Some(text) = seq.next_element::<&'de RawValue>()? {
                let text = text.get();
                let start = (text.as_ptr() as usize).wrapping_sub(self.body.as_ptr() as usize);
                let end = start.checked_add(text.len());
                let span = match end {
                    Some(end) if self.body.get(start..end).is_some_and(|s| s.as_ptr() == text.as_ptr()) => {
                        (start, end)
                    }
                    _ => (0, 0),
                };
                (self.handler)(text, span).map_err(serde::de::Error::custom)?;
            }
            return Ok(Value::Array(Vec::new()));
        }
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Value>()? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = Map::new();
        while let Some(key) = map.next_key_seed(Key)? {
            let value = match self.path.split_first() {
                Some((first, rest)) if *first == key => map.next_value_seed(Envelope {
                    body: self.body,
                    path: rest,
                    handler: &mut *self.handler,
                })?,
                _ => map.next_value::<Value>()?,
            };
            out.insert(key.into_owned(), value);
        }
        Ok(Value::Object(out))
    }
}

struct RecordSeed<'a> {
    fields: &'a [&'a str],
}

impl<'de> DeserializeSeed<'de> for RecordSeed<'_> {
    type Value = (Value, Vec<Vec<Step>>);
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for RecordSeed<'_> {
    type Value = (Value, Vec<Vec<Step>>);
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a record")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut kept = Map::new();
        let mut outside = Vec::new();
        let mut at = Vec::new();
        while let Some(key) = map.next_key_seed(Key)? {
            forget(&mut outside, &at, &key);
            if self.fields.contains(&key.as_ref()) {
                let value = map.next_value::<Value>()?;
                kept.insert(key.into_owned(), value);
            } else if is_private_key_name(&key) {
                outside.push(vec![Step::Key(key.into_owned())]);
                map.next_value::<Value>()?;
            } else {
                at.push(At::Key(key));
                map.next_value_seed(Scan {
                    at: &mut at,
                    found: &mut outside,
                })?;
                at.pop();
            }
        }
        let fields = Value::Object(kept);
        let mut private_keys = private_key_paths_in_order(&fields);
        private_keys.append(&mut outside);
        private_keys.reverse();
        Ok((fields, private_keys))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Value>()? {
            items.push(item);
        }
        let v = Value::Array(items);
        let keys = private_key_paths_in_order(&v);
        Ok((v, keys))
    }
    fn visit_bool<E>(self, v: bool) -> Result<Self::Value, E> {
        Ok((Value::Bool(v), Vec::new()))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
        Ok((Value::from(v), Vec::new()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
        Ok((Value::from(v), Vec::new()))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Self::Value, E> {
        Ok((Value::from(v), Vec::new()))
    }
    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok((Value::String(v.to_owned()), Vec::new()))
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok((Value::Null, Vec::new()))
    }
}

/// `redact::private_key_paths_in_order`.
pub fn private_key_paths_in_order(value: &Value) -> Vec<Vec<Step>> {
    fn walk(value: &Value, at: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
        match value {
            Value::Object(map) => {
                for (key, v) in map {
                    at.push(Step::Key(key.clone()));
                    if is_private_key_name(key) || matches!(v, Value::String(s) if is_pem_private_key(s)) {
                        out.push(at.clone());
                    } else {
                        walk(v, at, out);
                    }
                    at.pop();
                }
            }
            Value::Array(items) => {
                for (index, v) in items.iter().enumerate() {
                    at.push(Step::Index(index));
                    if matches!(v, Value::String(s) if is_pem_private_key(s)) {
                        out.push(at.clone());
                    } else {
                        walk(v, at, out);
                    }
                    at.pop();
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(value, &mut Vec::new(), &mut out);
    out
}

/// Drops the paths found under an earlier member `key` of the object at `at` (a later
/// duplicate replaces the earlier value, as in `JSON.parse`).
pub fn forget(found: &mut Vec<Vec<Step>>, at: &[At<'_>], key: &str) {
    if found.is_empty() {
        return;
    }
    let under = |path: &Vec<Step>| {
        path.len() > at.len()
            && at.iter().zip(path).all(|pair| match pair {
                (At::Key(a), Step::Key(b)) => a.as_ref() == b.as_str(),
                (At::Index(a), Step::Index(b)) => a == b,
                _ => false,
            })
            && matches!(path.get(at.len()), Some(Step::Key(k)) if k == key)
    };
    found.retain(|path| !under(path));
}

/// One step of the path being scanned, borrowing keys from the body.
pub enum At<'de> {
    Key(Cow<'de, str>),
    Index(usize),
}

/// The path at `at` (plus `last`) as owned steps.
pub fn note(at: &[At<'_>], last: Option<Step>) -> Vec<Step> {
    let mut path: Vec<Step> = at
        .iter()
        .map(|step| match step {
            At::Key(key) => Step::Key(key.as_ref().to_owned()),
            At::Index(index) => Step::Index(*index),
        })
        .collect();
    path.extend(last);
    path
}

/// Skips a value, noting the path of every private key in it.
pub struct Scan<'a, 'de> {
    pub at: &'a mut Vec<At<'de>>,
    pub found: &'a mut Vec<Vec<Step>>,
}

impl<'de> DeserializeSeed<'de> for Scan<'_, 'de> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Scan<'_, 'de> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("JSON")
    }
    fn visit_str<E>(self, v: &str) -> Result<(), E> {
        if is_pem_private_key(v) {
            self.found.push(note(self.at, None));
        }
        Ok(())
    }
    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut index = 0;
        loop {
            self.at.push(At::Index(index));
            let more = seq
                .next_element_seed(Scan {
                    at: &mut *self.at,
                    found: &mut *self.found,
                })?
                .is_some();
            self.at.pop();
            if !more {
                return Ok(());
            }
            index += 1;
        }
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key_seed(Key)? {
            forget(self.found, self.at, &key);
            if is_private_key_name(&key) {
                self.found.push(note(self.at, Some(Step::Key(key.into_owned()))));
                map.next_value::<Value>()?;
            } else {
                self.at.push(At::Key(key));
                map.next_value_seed(Scan {
                    at: &mut *self.at,
                    found: &mut *self.found,
                })?;
                self.at.pop();
            }
        }
        Ok(())
    }
}

//! Reading a list response without building a `serde_json::Value` of the whole body.
//!
//! When `raw` is taken by reference ([`super::Normalizer::raw_by_reference`]), the wasm needs
//! from each record only the fields its vendor module reads, plus where the private keys are.
//! Building (and then freeing) a `Value` of every field of every record was most of the time a
//! list took in wasm (BENCHMARKS.md §11). Here the body is read once: the envelope as a `Value`,
//! each record of the list at `list_path` reduced to the vendor's record fields (each of those a
//! `Value`), and every other field of a record only scanned, without allocating, for private keys
//! (fields named like one, and PEM private keys at any depth: [`super::redact`]).

use std::borrow::Cow;
use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;
use serde_json::{Map, Value};

use super::redact::{self, Step};

/// One record of a list.
#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    /// The record; with [`read`], an object holding only the fields asked for.
    pub fields: Value,
    /// Where the record's private keys are, in the order to remove them ([`redact`]); `None`
    /// when `fields` is the whole record, which then tells.
    pub private_keys: Option<Vec<Vec<Step>>>,
    /// With [`read`]: where the record's own text is in the body, as a byte range (`raw` is
    /// that text as `JSON.parse` reads it: see [`super::RawReference::span`]).
    pub span: Option<(usize, usize)>,
}

impl Record {
    /// A record read whole.
    pub fn whole(fields: Value) -> Record {
        Record {
            fields,
            private_keys: None,
            span: None,
        }
    }
}

/// What [`read`] found.
#[derive(Debug)]
pub struct Read {
    /// The body, with the list at `list_path` (when it was an array) replaced by an empty array.
    pub envelope: Value,
    /// Whether the list at `list_path` was there and an array: its records went to the sink.
    pub listed: bool,
}

/// Where [`read`] hands each record of the list, as soon as it is read: the body is read once,
/// and no list of records is ever held (a caller may turn each into its certificate at once).
pub trait RecordSink {
    /// The next record of the list, in order from the first.
    fn record(&mut self, record: Record);
    /// A later duplicate of a key on the list's path replaces what the earlier one held, list
    /// included, as in `JSON.parse`: every record handed over until now is forgotten.
    fn reset(&mut self);
}

impl RecordSink for Vec<Record> {
    fn record(&mut self, record: Record) {
        self.push(record);
    }
    fn reset(&mut self) {
        self.clear();
    }
}

/// Reads `body`, reducing each record of the array at `list_path` to the fields named in
/// `fields` (see the module documentation) and handing it to `sink` as soon as it is read.
///
/// # Errors
/// The body is not JSON (the bodies `serde_json::from_str::<Value>` refuses, with one
/// difference: a record's own nesting is limited to serde_json's 128 levels counted from the
/// record rather than from the body root, because each record's text is read on its own; a
/// body up to the list's depth deeper is read, where the whole parse refuses it). Records may
/// have reached `sink` before the error was found.
pub fn read(
    body: &str,
    list_path: &[&str],
    fields: &[&str],
    sink: &mut dyn RecordSink,
) -> serde_json::Result<Read> {
    let mut de = serde_json::Deserializer::from_str(body);
    let mut listed = false;
    let envelope = Envelope {
        body,
        path: list_path,
        fields,
        listed: &mut listed,
        sink,
    }
    .deserialize(&mut de)?;
    de.end()?;
    Ok(Read { envelope, listed })
}

/// An object key, borrowed from the body unless it had escapes.
struct Key;

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

/// The body down to the list: objects on `path` are read member by member, everything else
/// as a `Value`; at the end of the path (`path` empty), an array is the list.
struct Envelope<'a> {
    /// The whole body, to tell where each record's text starts.
    body: &'a str,
    path: &'a [&'a str],
    fields: &'a [&'a str],
    listed: &'a mut bool,
    sink: &'a mut dyn RecordSink,
}

impl<'de> DeserializeSeed<'de> for Envelope<'_> {
    type Value = Value;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Envelope<'_> {
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
            // Each record's text is taken first (borrowed: serde_json only skips over it), then
            // read for its fields; where the text starts in the body is where `raw` is.
            while let Some(text) = seq.next_element::<&'de RawValue>()? {
                let text = text.get();
                let start = (text.as_ptr() as usize).wrapping_sub(self.body.as_ptr() as usize);
                let mut record = RecordSeed {
                    fields: self.fields,
                }
                .deserialize(&mut serde_json::Deserializer::from_str(text))
                .map_err(serde::de::Error::custom)?;
                let end = start.checked_add(text.len());
                let inside = end
                    .and_then(|end| self.body.get(start..end))
                    .is_some_and(|s| s.as_ptr() == text.as_ptr());
                if let (true, Some(end)) = (inside, end) {
                    record.span = Some((start, end));
                }
                self.sink.record(record);
            }
            *self.listed = true;
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
                Some((first, rest)) if *first == key => {
                    // A later duplicate of a key on the path replaces what the earlier one
                    // held, list included, as in `JSON.parse`.
                    *self.listed = false;
                    self.sink.reset();
                    map.next_value_seed(Envelope {
                        body: self.body,
                        path: rest,
                        fields: self.fields,
                        listed: &mut *self.listed,
                        sink: &mut *self.sink,
                    })?
                }
                _ => map.next_value::<Value>()?,
            };
            out.insert(key.into_owned(), value);
        }
        Ok(Value::Object(out))
    }
}

/// One record: an object is reduced to `fields`; anything else is read whole.
struct RecordSeed<'a> {
    fields: &'a [&'a str],
}

impl<'de> DeserializeSeed<'de> for RecordSeed<'_> {
    type Value = Record;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Record, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for RecordSeed<'_> {
    type Value = Record;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a record")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Record, A::Error> {
        let mut kept = Map::new();
        // Private keys outside the kept fields, in document order.
        let mut outside = Vec::new();
        let mut at = Vec::new();
        while let Some(key) = map.next_key_seed(Key)? {
            forget(&mut outside, &at, &key);
            if self.fields.contains(&key.as_ref()) {
                let value = map.next_value::<Value>()?;
                kept.insert(key.into_owned(), value);
            } else if redact::is_private_key_name(&key) {
                outside.push(vec![Step::Key(key.into_owned())]);
                // Read, not skipped: what `serde_json` refuses in a `Value` is refused here too.
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
        // Paths in different members are independent; within one array, reversing the
        // document order removes the last element first, as `redact::private_key_paths` does.
        let mut private_keys = redact::private_key_paths_in_order(&fields);
        private_keys.append(&mut outside);
        private_keys.reverse();
        Ok(Record {
            fields,
            private_keys: Some(private_keys),
            span: None,
        })
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Record, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Value>()? {
            items.push(item);
        }
        Ok(Record::whole(Value::Array(items)))
    }
    fn visit_bool<E>(self, v: bool) -> Result<Record, E> {
        Ok(Record::whole(Value::Bool(v)))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Record, E> {
        Ok(Record::whole(Value::from(v)))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Record, E> {
        Ok(Record::whole(Value::from(v)))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Record, E> {
        Ok(Record::whole(Value::from(v)))
    }
    fn visit_str<E>(self, v: &str) -> Result<Record, E> {
        Ok(Record::whole(Value::String(v.to_owned())))
    }
    fn visit_unit<E>(self) -> Result<Record, E> {
        Ok(Record::whole(Value::Null))
    }
}

/// Drops the paths found under an earlier member `key` of the object at `at`: a later duplicate
/// of a key replaces the earlier value, as in `JSON.parse`, so only its own private keys count.
fn forget(found: &mut Vec<Vec<Step>>, at: &[At<'_>], key: &str) {
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
enum At<'de> {
    Key(Cow<'de, str>),
    Index(usize),
}

/// Skips a value, noting the path of every private key in it (a member named like one, a PEM
/// private key string) without allocating for anything else.
struct Scan<'a, 'de> {
    at: &'a mut Vec<At<'de>>,
    found: &'a mut Vec<Vec<Step>>,
}

impl Scan<'_, '_> {
    fn note(&mut self, last: Option<Step>) {
        let mut path: Vec<Step> = self
            .at
            .iter()
            .map(|step| match step {
                At::Key(key) => Step::Key(key.as_ref().to_owned()),
                At::Index(index) => Step::Index(*index),
            })
            .collect();
        path.extend(last);
        self.found.push(path);
    }
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
    fn visit_str<E>(mut self, v: &str) -> Result<(), E> {
        if redact::is_pem_private_key(v) {
            self.note(None);
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
    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key_seed(Key)? {
            forget(self.found, self.at, &key);
            if redact::is_private_key_name(&key) {
                self.note(Some(Step::Key(key.into_owned())));
                // Read, not skipped: what `serde_json` refuses in a `Value` is refused here too.
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const PEM: &str = "-----BEGIN PRIVATE KEY-----\nx\n-----END PRIVATE KEY-----";

    /// What [`super::read`] found, with the records its sink received when the list was there.
    struct Found {
        envelope: Value,
        records: Option<Vec<Record>>,
    }

    fn read(body: &str, path: &[&str], fields: &[&str]) -> serde_json::Result<Found> {
        let mut records = Vec::new();
        let read = super::read(body, path, fields, &mut records)?;
        Ok(Found {
            envelope: read.envelope,
            records: read.listed.then_some(records),
        })
    }

    #[test]
    fn records_keep_only_their_fields_and_name_every_private_key() {
        let body = json!({"data": {"total": 2, "list": [
            {"id": "a", "extra": {"deep": [1, PEM, {"Pri": 1}]}, "pri": "k", "name": "x"},
            "not an object"
        ]}, "code": 0})
        .to_string();
        let read = read(&body, &["data", "list"], &["id", "name"]).unwrap();
        assert_eq!(
            read.envelope,
            json!({"data": {"total": 2, "list": []}, "code": 0})
        );
        let records = read.records.unwrap();
        assert_eq!(records[0].fields, json!({"id": "a", "name": "x"}));
        let whole: Value = serde_json::from_str(&body).unwrap();
        assert_eq!(
            records[0].private_keys,
            Some(redact::private_key_paths(&whole["data"]["list"][0])),
            "the same paths as a walk over the whole record"
        );
        assert_eq!(records[1].fields, json!("not an object"));
        assert_eq!(records[1].private_keys, None);
        // Each record's span is its own text in the body.
        for (record, expected) in records
            .iter()
            .zip(whole["data"]["list"].as_array().unwrap())
        {
            let (start, end) = record.span.unwrap();
            let text: Value = serde_json::from_str(&body[start..end]).unwrap();
            assert_eq!(&text, expected);
        }
    }

    #[test]
    fn spans_are_byte_ranges_of_each_record_with_whitespace_and_non_ascii() {
        let body = r#"{"certs": [ {"id": "\u00e9证"} ,
	{"id": "😀"},[1],"x" ]}"#;
        let records = read_records(body).unwrap();
        let texts: Vec<&str> = records
            .iter()
            .map(|r| {
                let (start, end) = r.span.unwrap();
                &body[start..end]
            })
            .collect();
        assert_eq!(
            texts,
            vec![r#"{"id": "\u00e9证"}"#, r#"{"id": "😀"}"#, "[1]", r#""x""#]
        );
    }

    #[test]
    fn a_list_that_is_not_an_array_stays_in_the_envelope() {
        for list in [json!(null), json!({"a": 1}), json!("x"), json!(3)] {
            let body = json!({"certs": list}).to_string();
            let read = read(&body, &["certs"], &[]).unwrap();
            assert_eq!(read.envelope, json!({ "certs": list }));
            assert!(read.records.is_none());
        }
        let read = read("[1, 2]", &["certs"], &[]).unwrap();
        assert_eq!(read.envelope, json!([1, 2]));
    }

    #[test]
    fn the_last_duplicate_wins_as_in_json_parse() {
        let body = r#"{"certs": [{"id": 1}], "certs": [{"id": 2}, {"id": 3}]}"#;
        let read = read(body, &["certs"], &["id"]).unwrap();
        let ids: Vec<Value> = read
            .records
            .unwrap()
            .into_iter()
            .map(|r| r.fields["id"].clone())
            .collect();
        assert_eq!(ids, vec![json!(2), json!(3)]);
        let body = r#"{"certs": [{"id": 1}], "certs": null}"#;
        assert!(read_records(body).is_none());
    }

    fn read_records(body: &str) -> Option<Vec<Record>> {
        read(body, &["certs"], &["id"]).unwrap().records
    }

    #[test]
    fn escaped_keys_and_strings_are_read() {
        let body = r#"{"certs": [{"i\u0064": "a\"b", "x\u0070": "-----BEGIN RSA PRIVATE KEY-----\u000a", "pri\u0076": 1}]}"#;
        let records = read_records(body).unwrap();
        assert_eq!(records[0].fields, json!({"id": "a\"b"}));
        assert_eq!(
            records[0].private_keys,
            Some(vec![vec![Step::Key("xp".into())]]),
            "a PEM key found through escapes; `priv` is not a private-key name"
        );
    }

    #[test]
    fn a_later_duplicate_replaces_an_earlier_member_and_its_private_keys() {
        // An ancestor of the list, repeated without the list: no records, as `JSON.parse` sees it.
        for body in [
            r#"{"data": {"list": [{"id": 1}]}, "data": {}}"#,
            r#"{"data": {"list": [{"id": 1}]}, "data": null}"#,
        ] {
            let read = read(body, &["data", "list"], &["id"]).unwrap();
            assert!(read.records.is_none(), "{body}");
        }
        // Inside a record, at the top and deeper: only the surviving member's keys are named.
        let pem = "-----BEGIN PRIVATE KEY-----";
        let record = format!(
            r#"{{"id":1,"x":{{"pri":1}},"x":["keep"],"y":{{"z":["{pem}"],"z":"abc"}},"w":1,"w":["{pem}"]}}"#
        );
        let body = format!(r#"{{"certs":[{record}]}}"#);
        let records = read_records(&body).unwrap();
        let whole: Value = serde_json::from_str(&body).unwrap();
        assert_eq!(
            records[0].private_keys,
            Some(redact::private_key_paths(&whole["certs"][0]))
        );
        assert_eq!(
            records[0].private_keys,
            Some(vec![vec![Step::Key("w".into()), Step::Index(0)]])
        );
    }

    #[test]
    fn what_serde_json_refuses_is_refused() {
        let deep = format!(
            r#"{{"certs": [{{"pri": {}1{}}}]}}"#,
            "[".repeat(200),
            "]".repeat(200)
        );
        for body in [
            "",
            "{",
            r#"{"certs": [}"#,
            r#"{"certs": []} x"#,
            "nul",
            r#"{"certs": [{"pri": 1e400}]}"#,
            r#"{"certs": [{"pri": "\ud800"}]}"#,
            r#"{"certs": [{"a": {"private_key": 1e999}}]}"#,
            &deep,
        ] {
            assert!(read(body, &["certs"], &[]).is_err(), "{body}");
            assert!(serde_json::from_str::<Value>(body).is_err(), "{body}");
        }
    }
}

//! Reading a list response without building a `serde_json::Value` of the whole body.
//!
//! When `raw` is taken by reference ([`super::Normalizer::raw_by_reference`]), the wasm needs
//! from each record only the fields its vendor module reads, plus where the private keys are.
//! Building (and then freeing) a `Value` of every field of every record was most of the time a
//! list took in wasm (BENCHMARKS.md §11). Here the body is read once, in one pass of our own
//! lexer ([`super::json`], chosen in BENCHMARKS.md §18): the envelope as a `Value`, each record
//! of the list at `list_path` reduced to the vendor's record fields (each of those a `Value`),
//! and every other field of a record only scanned, without allocating, for private keys (fields
//! named like one, and PEM private keys at any depth: [`super::redact`]).

use std::borrow::Cow;

use super::json::{self, Lexer, Node, Peek};
use super::redact::{self, Step};

/// One record of a list, as [`read`] hands it over.
#[derive(Clone, Debug, PartialEq)]
pub struct Record<'j> {
    /// The record: for an object, an object holding only the fields asked for; anything else
    /// whole. Strings and numbers are borrowed from the body.
    pub fields: Node<'j>,
    /// Where the record's private keys are, in the order to remove them ([`redact`]): the
    /// reverse of document order, so that a later element of an array goes first.
    pub private_keys: Vec<Vec<Step>>,
    /// Where the record's own text is in the body, as a byte range (`raw` is that text as
    /// `JSON.parse` reads it: see [`super::RawReference::span`]).
    pub span: (usize, usize),
}

/// What [`read`] found.
#[derive(Debug)]
pub struct Read<'j> {
    /// The body, with the list at `list_path` (when it was an array) replaced by an empty array.
    pub envelope: Node<'j>,
    /// Whether the list at `list_path` was there and an array: its records went to the sink.
    pub listed: bool,
}

/// Where [`read`] hands each record of the list, as soon as it is read: the body is read once,
/// and no list of records is ever held (a caller may turn each into its certificate at once).
pub trait RecordSink<'j> {
    /// The next record of the list, in order from the first.
    fn record(&mut self, record: Record<'j>);
    /// A later duplicate of a key on the list's path replaces what the earlier one held, list
    /// included, as in `JSON.parse`: every record handed over until now is forgotten.
    fn reset(&mut self);
}

impl<'j> RecordSink<'j> for Vec<Record<'j>> {
    fn record(&mut self, record: Record<'j>) {
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
/// The body is not JSON: exactly the bodies `serde_json::from_str::<Value>` refuses
/// ([`json`]), nesting counted from the body's root. Records may have reached `sink` before the
/// error was found.
pub fn read<'j>(
    body: &'j str,
    list_path: &[&str],
    fields: &[&str],
    sink: &mut dyn RecordSink<'j>,
) -> json::Result<Read<'j>> {
    let mut walk = Walk {
        lexer: Lexer::new(body),
        fields,
        sink,
        listed: false,
        at: Vec::new(),
        found: Vec::new(),
    };
    let peek = walk.lexer.peek()?;
    let envelope = walk.envelope(peek, list_path)?;
    walk.lexer.finish()?;
    Ok(Read {
        envelope,
        listed: walk.listed,
    })
}

/// One pass over a body: the state of [`read`].
struct Walk<'j, 'a> {
    lexer: Lexer<'j>,
    fields: &'a [&'a str],
    sink: &'a mut dyn RecordSink<'j>,
    /// Whether the list at the path was there and an array.
    listed: bool,
    /// The path from the record being read to the value being read.
    at: Vec<At<'j>>,
    /// The private keys of the record being read, in document order.
    found: Vec<Vec<Step>>,
}

impl<'j> Walk<'j, '_> {
    /// The value that starts with `peek`, down the rest of the list's `path`: objects on the
    /// path are read member by member, everything else as a [`Node`]; at the end of the path, an
    /// array is the list, whose records go to the sink (an empty array stays in its place).
    fn envelope(&mut self, peek: Peek, path: &[&str]) -> json::Result<Node<'j>> {
        match (peek, path.split_first()) {
            (Peek::Object, Some((first, rest))) => {
                let mut out = Vec::new();
                let mut key = self.lexer.object_first()?;
                while let Some(k) = key {
                    let peek = self.lexer.peek()?;
                    let value = if k == *first {
                        // A later duplicate of a key on the path replaces what the earlier one
                        // held, list included, as in `JSON.parse`.
                        self.listed = false;
                        self.sink.reset();
                        self.envelope(peek, rest)?
                    } else {
                        self.lexer.node(peek)?
                    };
                    Node::insert(&mut out, k, value);
                    key = self.lexer.object_next()?;
                }
                Ok(Node::Object(out))
            }
            (Peek::Array, None) => {
                let mut next = self.lexer.array_first()?;
                while let Some(peek) = next {
                    let start = self.lexer.pos();
                    let record = self.record(peek, start)?;
                    self.sink.record(record);
                    next = self.lexer.array_next()?;
                }
                self.listed = true;
                Ok(Node::Array(Vec::new()))
            }
            _ => self.lexer.node(peek),
        }
    }

    /// One record: an object is reduced to the kept fields; anything else is read whole. Its
    /// private keys are found as it is read, kept fields included.
    fn record(&mut self, peek: Peek, start: usize) -> json::Result<Record<'j>> {
        self.at.clear();
        self.found.clear();
        let fields = if peek == Peek::Object {
            let mut kept = Vec::new();
            let mut key = self.lexer.object_first()?;
            while let Some(k) = key {
                forget(&mut self.found, &self.at, &k);
                let peek = self.lexer.peek()?;
                if redact::is_private_key_name(&k) {
                    self.found.push(vec![Step::Key(k.as_ref().to_owned())]);
                    if self.fields.contains(&k.as_ref()) {
                        let value = self.lexer.node(peek)?;
                        Node::insert(&mut kept, k, value);
                    } else {
                        self.lexer.skip(peek)?;
                    }
                } else if self.fields.contains(&k.as_ref()) {
                    self.at.push(At::Key(k.clone()));
                    let value = self.read(peek, true)?;
                    self.at.pop();
                    Node::insert(&mut kept, k, value.unwrap_or(Node::Null));
                } else {
                    self.at.push(At::Key(k));
                    self.read(peek, false)?;
                    self.at.pop();
                }
                key = self.lexer.object_next()?;
            }
            Node::Object(kept)
        } else {
            self.read(peek, true)?.unwrap_or(Node::Null)
        };
        let mut private_keys = std::mem::take(&mut self.found);
        private_keys.reverse();
        Ok(Record {
            fields,
            private_keys,
            span: (start, self.lexer.pos()),
        })
    }

    /// Reads a value, as a [`Node`] when `build`, else only passing over it, noting the path of
    /// every private key in it (a member named like one, a PEM private key string); nothing is
    /// allocated for what is not built but those paths.
    fn read(&mut self, peek: Peek, build: bool) -> json::Result<Option<Node<'j>>> {
        Ok(match peek {
            Peek::String => {
                let text = self.lexer.string()?;
                if redact::is_pem_private_key(&text) {
                    self.note(None);
                }
                build.then_some(Node::String(text))
            }
            Peek::Array => {
                let mut items = Vec::new();
                let mut index = 0;
                let mut next = self.lexer.array_first()?;
                while let Some(peek) = next {
                    self.at.push(At::Index(index));
                    let item = self.read(peek, build)?;
                    self.at.pop();
                    items.extend(item);
                    index += 1;
                    next = self.lexer.array_next()?;
                }
                build.then_some(Node::Array(items))
            }
            Peek::Object => {
                let mut members = Vec::new();
                let mut key = self.lexer.object_first()?;
                while let Some(k) = key {
                    forget(&mut self.found, &self.at, &k);
                    let peek = self.lexer.peek()?;
                    let value = if redact::is_private_key_name(&k) {
                        self.note(Some(Step::Key(k.as_ref().to_owned())));
                        if build {
                            Some(self.lexer.node(peek)?)
                        } else {
                            self.lexer.skip(peek)?;
                            None
                        }
                    } else {
                        self.at.push(At::Key(k.clone()));
                        let value = self.read(peek, build)?;
                        self.at.pop();
                        value
                    };
                    if let Some(value) = value {
                        Node::insert(&mut members, k, value);
                    }
                    key = self.lexer.object_next()?;
                }
                build.then_some(Node::Object(members))
            }
            _ if build => Some(self.lexer.node(peek)?),
            _ => {
                self.lexer.skip(peek)?;
                None
            }
        })
    }

    /// Notes a private key at the current path (and `last`, a member under it).
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
enum At<'j> {
    Key(Cow<'j, str>),
    Index(usize),
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    const PEM: &str = "-----BEGIN PRIVATE KEY-----\nx\n-----END PRIVATE KEY-----";

    /// What [`super::read`] found, with the records its sink received when the list was there.
    struct Found {
        envelope: Value,
        records: Option<Vec<Owned>>,
    }

    /// A [`Record`] with its fields as a `Value`.
    struct Owned {
        fields: Value,
        private_keys: Vec<Vec<Step>>,
        span: (usize, usize),
    }

    fn read(body: &str, path: &[&str], fields: &[&str]) -> json::Result<Found> {
        let mut records = Vec::new();
        let read = super::read(body, path, fields, &mut records)?;
        let owned = records
            .into_iter()
            .map(|r| Owned {
                fields: r.fields.to_value(),
                private_keys: r.private_keys,
                span: r.span,
            })
            .collect();
        Ok(Found {
            envelope: read.envelope.to_value(),
            records: read.listed.then_some(owned),
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
            redact::private_key_paths(&whole["data"]["list"][0]),
            "the same paths as a walk over the whole record"
        );
        assert_eq!(records[1].fields, json!("not an object"));
        assert!(records[1].private_keys.is_empty());
        // Each record's span is its own text in the body.
        for (record, expected) in records
            .iter()
            .zip(whole["data"]["list"].as_array().unwrap())
        {
            let (start, end) = record.span;
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
                let (start, end) = r.span;
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

    fn read_records(body: &str) -> Option<Vec<Owned>> {
        read(body, &["certs"], &["id"]).unwrap().records
    }

    #[test]
    fn escaped_keys_and_strings_are_read() {
        let body = r#"{"certs": [{"i\u0064": "a\"b", "x\u0070": "-----BEGIN RSA PRIVATE KEY-----\u000a", "pri\u0076": 1}]}"#;
        let records = read_records(body).unwrap();
        assert_eq!(records[0].fields, json!({"id": "a\"b"}));
        assert_eq!(
            records[0].private_keys,
            vec![vec![Step::Key("xp".into())]],
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
            redact::private_key_paths(&whole["certs"][0])
        );
        assert_eq!(
            records[0].private_keys,
            vec![vec![Step::Key("w".into()), Step::Index(0)]]
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

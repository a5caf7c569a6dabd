#![cfg(not(target_arch = "wasm32"))]
//! Our JSON reader (`vendors::json`, and the one-pass list reader `vendors::records` on it)
//! against serde_json and against the values the texts were written from:
//!
//! - texts written from generated values (every kind, escapes of every sort, surrogate pairs,
//!   duplicate keys, integers beyond 2^53, random whitespace) read back as those values;
//! - mutated texts (bytes cut, inserted, repeated, truncated) are refused exactly when
//!   serde_json refuses them, and read as serde_json reads them otherwise; nothing panics;
//! - a list read in one pass gives each record's kept fields, its own text as its span, and
//!   private-key removals that leave what `redact::remove_private_keys` leaves.
//!
//! CI runs `FUZZ_CASES` cases per property (default 2,000). The long run of issue 15 (at least
//! 1,000,000 inputs per parser): `FUZZ_CASES=1000000 cargo test --release --test json_reader`.

use cloudcerts::model::{NormalizeOptions, Provider};
use cloudcerts::vendors::{json, parse_page_by_reference, records, redact};
use proptest::prelude::*;
use serde_json::{Map, Number, Value};

#[path = "support/fuzz.rs"]
mod fuzz;
use fuzz::config;

const PEM: &str = "-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n";

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "id",
            "name",
            "pri",
            "Pri",
            "private_key",
            "PRIVATEKEY",
            "x",
            "é",
            "😀",
            "",
            "a\"b",
            "\u{1}"
        ])
        .prop_map(str::to_owned),
        any::<String>(),
    ]
}

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(|f| Number::from_f64(f).map_or(Value::Null, Value::Number)),
        prop::sample::select(vec![9_007_199_254_740_993u64, u64::MAX, 1 << 53, 0])
            .prop_map(Value::from),
        prop::sample::select(vec![-0.0, 1e300, -2.5e-308, 0.1, 5.0]).prop_map(|f| {
            Value::Number(Number::from_f64(f).unwrap_or_else(|| Number::from(0)))
        }),
        any::<String>().prop_map(Value::String),
        Just(Value::String(PEM.to_owned())),
        "[\\PC\"\\\\\u{0}-\u{1f}]{0,12}".prop_map(Value::String),
    ]
}

fn value() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(6, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((key(), inner), 0..6)
                .prop_map(|members| Value::Object(members.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// Decisions for the writer, taken in turn and reused cyclically.
struct Style<'a> {
    bytes: &'a [u8],
    next: usize,
}

impl Style<'_> {
    fn pick(&mut self) -> u8 {
        let b = self.bytes.get(self.next % self.bytes.len().max(1)).copied();
        self.next += 1;
        b.unwrap_or(0)
    }

    fn space(&mut self, out: &mut String) {
        match self.pick() % 8 {
            0 => out.push(' '),
            1 => out.push_str("\n\t "),
            2 => out.push('\r'),
            _ => {}
        }
    }
}

/// Writes `v` as JSON text with random whitespace, escapes of every kind and, now and then, a
/// member given twice (an earlier value the later one replaces, as in `JSON.parse`).
fn write(v: &Value, style: &mut Style<'_>, out: &mut String) {
    style.space(out);
    match v {
        Value::String(s) => write_string(s, style, out),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write(item, style, out);
            }
            style.space(out);
            out.push(']');
        }
        Value::Object(map) => {
            out.push('{');
            for (i, (k, item)) in map.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                if style.pick() % 6 == 0 {
                    write_string(k, style, out);
                    out.push_str(r#":{"pri":"gone","x":[1]},"#);
                }
                style.space(out);
                write_string(k, style, out);
                style.space(out);
                out.push(':');
                write(item, style, out);
            }
            style.space(out);
            out.push('}');
        }
        other => out.push_str(&other.to_string()),
    }
    style.space(out);
}

fn write_string(s: &str, style: &mut Style<'_>, out: &mut String) {
    out.push('"');
    for ch in s.chars() {
        let must = ch == '"' || ch == '\\' || u32::from(ch) < 0x20;
        match (must, style.pick() % 4) {
            (false, 0 | 1) => out.push(ch),
            (_, 2) if matches!(ch, '"' | '\\' | '\n' | '\t' | '/') => {
                out.push('\\');
                out.push(match ch {
                    '\n' => 'n',
                    '\t' => 't',
                    other => other,
                });
            }
            _ => {
                let mut units = [0u16; 2];
                for unit in ch.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{unit:04x}"));
                }
            }
        }
    }
    out.push('"');
}

/// Changes to a text, each an edit at a place given as a fraction of its length.
#[derive(Clone, Debug)]
enum Mutation {
    Cut(u16, u8),
    Insert(u16, &'static str),
    Repeat(u16, u8),
    Truncate(u16),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let pieces = prop::sample::select(vec![
        "\"",
        "\\",
        "\\u",
        "\\ud800",
        "\\udc00",
        "\\x",
        "{",
        "}",
        "[",
        "]",
        ",",
        ":",
        "-",
        "0",
        "01",
        "1e999",
        "e",
        ".",
        " ",
        "\u{1}",
        "null",
        "nul",
        "\"pri\":",
        "é",
        "😀",
        "1e400",
        "9007199254740993",
        "\u{feff}",
    ]);
    prop_oneof![
        (any::<u16>(), any::<u8>()).prop_map(|(at, n)| Mutation::Cut(at, n % 8 + 1)),
        (any::<u16>(), pieces).prop_map(|(at, piece)| Mutation::Insert(at, piece)),
        (any::<u16>(), any::<u8>()).prop_map(|(at, n)| Mutation::Repeat(at, n % 16 + 1)),
        any::<u16>().prop_map(Mutation::Truncate),
    ]
}

/// The char boundary nearest below `at` (a fraction of 65,536 of the text's length).
fn place(text: &str, at: u16) -> usize {
    let mut i = text.len() * usize::from(at) / 65_536;
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The byte range of `n` characters from [`place`]`(at)` (fewer at the end of the text).
fn chars_from(text: &str, at: u16, n: u8) -> (usize, usize) {
    let start = place(text, at);
    let end = text[start..]
        .char_indices()
        .nth(usize::from(n))
        .map_or(text.len(), |(i, _)| start + i);
    (start, end)
}

fn mutate(text: &mut String, mutation: &Mutation) {
    match *mutation {
        Mutation::Cut(at, n) => {
            let (start, end) = chars_from(text, at, n);
            text.replace_range(start..end, "");
        }
        Mutation::Insert(at, piece) => {
            let i = place(text, at);
            text.insert_str(i, piece);
        }
        Mutation::Repeat(at, n) => {
            let (start, end) = chars_from(text, at, n);
            let piece = text[start..end].to_owned();
            text.insert_str(end, &piece);
        }
        Mutation::Truncate(at) => {
            let i = place(text, at);
            text.truncate(i);
        }
    }
}

/// Equal, numbers of the same kind, floats within rounding (serde_json's default float parsing
/// is not always correctly rounded; ours is).
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => match (x.as_f64(), y.as_f64()) {
            _ if x.is_f64() != y.is_f64() || x.is_u64() != y.is_u64() => false,
            (Some(p), Some(q)) if x.is_f64() => {
                p == q || (p.signum() == q.signum() && p.to_bits().abs_diff(q.to_bits()) <= 4)
            }
            _ => x == y,
        },
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same(p, q))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .zip(y)
                    .all(|((kp, p), (kq, q))| kp == kq && same(p, q))
        }
        _ => a == b,
    }
}

const FIELDS: &[&str] = &["id", "name"];

fn read_list(body: &str) -> json::Result<Vec<records::Record<'_>>> {
    let mut found = Vec::new();
    records::read(body, &["certs"], FIELDS, &mut found).map(|_| found)
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn texts_read_back_as_the_values_they_were_written_from(v in value(), style in prop::collection::vec(any::<u8>(), 1..64)) {
        let mut text = String::new();
        write(&v, &mut Style { bytes: &style, next: 0 }, &mut text);
        let ours = json::parse_value(&text);
        prop_assert_eq!(ours.as_ref().ok(), Some(&v), "{}", text);
        let theirs: Value = serde_json::from_str(&text).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!(same(&theirs, &v));
    }

    #[test]
    fn mutated_texts_are_refused_exactly_when_serde_json_refuses_them(v in value(), style in prop::collection::vec(any::<u8>(), 1..64), mutations in prop::collection::vec(mutation(), 1..4)) {
        let mut text = String::new();
        write(&serde_json::json!({"certs": [v]}), &mut Style { bytes: &style, next: 0 }, &mut text);
        for m in &mutations {
            mutate(&mut text, m);
        }
        let theirs = serde_json::from_str::<Value>(&text).ok();
        let ours = json::parse_value(&text).ok();
        prop_assert_eq!(ours.is_some(), theirs.is_some(), "{:?}", text);
        if let (Some(ours), Some(theirs)) = (&ours, &theirs) {
            prop_assert!(same(ours, theirs), "{:?}", text);
        }
        prop_assert_eq!(read_list(&text).is_ok(), theirs.is_some(), "one pass: {:?}", text);
    }

    #[test]
    fn a_list_read_in_one_pass_keeps_fields_spans_and_removals(items in prop::collection::vec(value(), 0..6), style in prop::collection::vec(any::<u8>(), 1..64)) {
        let list = Value::Array(items.clone());
        let mut body = String::new();
        write(&serde_json::json!({"marker": "", "certs": list}), &mut Style { bytes: &style, next: 0 }, &mut body);
        let found = read_list(&body).map_err(|_| TestCaseError::fail("refused"))?;
        prop_assert_eq!(found.len(), items.len());
        for (record, item) in found.iter().zip(&items) {
            let expected = match item {
                Value::Object(map) => Value::Object(
                    map.iter().filter(|(k, _)| FIELDS.contains(&k.as_str())).map(|(k, v)| (k.clone(), v.clone())).collect(),
                ),
                other => other.clone(),
            };
            prop_assert_eq!(&record.fields.to_value(), &expected);
            let (start, end) = record.span;
            let own_text = json::parse_value(&body[start..end]).ok();
            prop_assert_eq!(own_text.as_ref(), Some(item));
        }
        // Removing the named private keys from each record's own text leaves what removing
        // every private key from the record leaves (`attach_raw` does it as the core's
        // fallback; the wasm boundary does the same in JavaScript).
        let opts = NormalizeOptions { now: Some(1.7e12), ..NormalizeOptions::default() };
        let page = parse_page_by_reference(Provider::Qiniu, &body, &opts).map_err(|e| TestCaseError::fail(e.message))?;
        let mut certificates = page.certificates;
        prop_assert_eq!(certificates.len(), items.len());
        redact::attach_raw(&mut certificates, page.raw_references, &body, &["certs"]);
        for (certificate, item) in certificates.iter().zip(&items) {
            let mut expected = item.clone();
            redact::remove_private_keys(&mut expected);
            if matches!(&expected, Value::String(s) if redact::is_pem_private_key(s)) {
                expected = Value::Null;
            }
            redact::to_js_numbers(&mut expected);
            prop_assert_eq!(&certificate.raw, &expected);
        }
    }
}

#[test]
fn nesting_ten_thousand_deep_is_refused_without_recursing() {
    for depth in [128, 10_000] {
        let arrays = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        let objects = format!("{}1{}", r#"{"a":"#.repeat(depth), "}".repeat(depth));
        for nested in [&arrays, &objects] {
            assert!(json::parse_value(nested).is_err());
            for body in [
                format!(r#"{{"certs":[{nested}]}}"#),
                format!(r#"{{"certs":[{{"id":{nested}}}]}}"#),
                format!(r#"{{"certs":[{{"other":{nested}}}]}}"#),
                format!(r#"{{"certs":[{{"pri":{nested}}}]}}"#),
                format!(r#"{{"marker":{nested},"certs":[]}}"#),
            ] {
                assert!(read_list(&body).is_err(), "depth {depth}");
                assert!(serde_json::from_str::<Value>(&body).is_err());
            }
        }
    }
}

#[test]
fn huge_strings_and_numbers_beyond_two_to_the_fifty_three() {
    let long = "x".repeat(8 << 20);
    let body = format!(
        r#"{{"certs":[{{"id":9007199254740993,"name":"{long}","note":"{long}\u00e9","n":-18446744073709551617}}]}}"#
    );
    let found = read_list(&body).unwrap();
    let fields = found[0].fields.to_value();
    assert_eq!(fields["id"].as_u64(), Some(9_007_199_254_740_993));
    assert_eq!(fields["name"].as_str().map(str::len), Some(8 << 20));
    let whole = json::parse_value(&body).unwrap();
    assert_eq!(
        whole["certs"][0]["n"].as_f64(),
        Some(-18_446_744_073_709_551_617.0)
    );
}

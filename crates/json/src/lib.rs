//! A JSON reader of our own over a body's bytes: a lexer that callers drive token by token,
//! [`Node`], a JSON value borrowing from the text, [`parse_node`], which reads one, and
//! [`parse_value`], which gives it as a `serde_json::Value`.
//!
//! It replaces serde_json's deserializer for reading vendor bodies (issue 15, item 3; the
//! candidates measured in BENCHMARKS.md §18): one pass over a list, each record read for its
//! fields while everything else is only validated (`cloudcerts::vendors::records`, the core's
//! walker over this lexer). A crate of its own so that it is optimized for speed while the rest
//! of the module is optimized for size (BENCHMARKS.md §20). It accepts exactly what
//! `serde_json::from_str::<Value>` accepts, and reads the same values, which
//! `tests/json_reader.rs` checks against serde_json on generated and mutated bodies:
//!
//! - strict RFC 8259: no trailing commas, comments, single quotes, leading zeros or control
//!   characters in strings; only space, tab, line feed and carriage return as whitespace;
//! - a lone surrogate escape (`"\ud800"`) is refused, as serde_json refuses it (`JSON.parse`
//!   would read it);
//! - nesting: at most 127 arrays and objects inside one another, serde_json's recursion limit;
//! - numbers: an integer is a `u64` when it fits, else an `i64`, else an `f64`; `-0` is the
//!   `f64` −0; a number beyond the `f64` range (`1e400`) is refused. Floats are read correctly
//!   rounded (Rust's `f64` parsing, as `JSON.parse` reads them).
//!
//! Nothing here panics on any input: no indexing or unwrapping on the body.

use std::borrow::Cow;
use std::fmt;

use serde_json::{Map, Number, Value};

/// Where a body stops being JSON: the byte offset at which reading failed. The reason is not
/// kept (the caller reports a body that is not JSON, never what is in it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Error {
    /// The byte offset in the body.
    pub at: usize,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not JSON")
    }
}

impl std::error::Error for Error {}

/// The result of a read.
pub type Result<T> = std::result::Result<T, Error>;

/// How many arrays and objects may be open at once, plus one: serde_json's recursion limit.
const RECURSION_LIMIT: u8 = 128;

/// The kind of the next value, as its first byte tells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Peek {
    Null,
    True,
    False,
    Number,
    String,
    Array,
    Object,
}

/// A lexer over one JSON text, driven by its caller: [`Lexer::peek`] tells what comes next,
/// then one of the consuming methods reads it.
pub struct Lexer<'j> {
    text: &'j str,
    bytes: &'j [u8],
    i: usize,
    remaining_depth: u8,
}

impl<'j> Lexer<'j> {
    /// A lexer at the start of `text`.
    pub fn new(text: &'j str) -> Lexer<'j> {
        Lexer {
            text,
            bytes: text.as_bytes(),
            i: 0,
            remaining_depth: RECURSION_LIMIT,
        }
    }

    /// The byte offset of the next byte to read.
    pub fn pos(&self) -> usize {
        self.i
    }

    fn fail<T>(&self) -> Result<T> {
        Err(Error { at: self.i })
    }

    fn at(&self, i: usize) -> Option<u8> {
        self.bytes.get(i).copied()
    }

    /// The next byte after whitespace, not consumed.
    fn skip_whitespace(&mut self) -> Option<u8> {
        while let Some(c) = self.at(self.i) {
            match c {
                b' ' | b'\n' | b'\r' | b'\t' => self.i += 1,
                _ => return Some(c),
            }
        }
        None
    }

    fn slice(&self, start: usize, end: usize) -> Result<&'j str> {
        match self.text.get(start..end) {
            Some(s) => Ok(s),
            None => self.fail(),
        }
    }

    /// The kind of the next value (whitespace skipped); an error at the end of the text or at a
    /// byte no value starts with.
    pub fn peek(&mut self) -> Result<Peek> {
        Ok(match self.skip_whitespace() {
            Some(b'n') => Peek::Null,
            Some(b't') => Peek::True,
            Some(b'f') => Peek::False,
            Some(b'"') => Peek::String,
            Some(b'[') => Peek::Array,
            Some(b'{') => Peek::Object,
            Some(b'-' | b'0'..=b'9') => Peek::Number,
            _ => return self.fail(),
        })
    }

    /// Only whitespace is left.
    pub fn finish(&mut self) -> Result<()> {
        match self.skip_whitespace() {
            None => Ok(()),
            Some(_) => self.fail(),
        }
    }

    /// One more array or object is open: an error beyond the recursion limit.
    fn enter(&mut self) -> Result<()> {
        self.remaining_depth = self.remaining_depth.saturating_sub(1);
        if self.remaining_depth == 0 {
            return self.fail();
        }
        Ok(())
    }

    fn leave(&mut self) {
        self.remaining_depth = self.remaining_depth.saturating_add(1);
    }

    /// Consumes `null`, `true` or `false`, as peeked.
    fn literal(&mut self, peek: Peek) -> Result<()> {
        let word: &[u8] = match peek {
            Peek::Null => b"null",
            Peek::True => b"true",
            _ => b"false",
        };
        let end = self.i.saturating_add(word.len());
        if self.bytes.get(self.i..end) == Some(word) {
            self.i = end;
            Ok(())
        } else {
            self.fail()
        }
    }

    fn hex4(&mut self) -> Result<u32> {
        let mut n = 0u32;
        for _ in 0..4 {
            let digit = match self.at(self.i) {
                Some(c @ b'0'..=b'9') => c - b'0',
                Some(c @ b'a'..=b'f') => c - b'a' + 10,
                Some(c @ b'A'..=b'F') => c - b'A' + 10,
                _ => return self.fail(),
            };
            n = n * 16 + u32::from(digit);
            self.i += 1;
        }
        Ok(n)
    }

    /// After a `\`: the character the escape stands for.
    fn escape(&mut self) -> Result<char> {
        let Some(c) = self.at(self.i) else {
            return self.fail();
        };
        self.i += 1;
        Ok(match c {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let first = self.hex4()?;
                let code = match first {
                    0xD800..=0xDBFF => {
                        if self.at(self.i) != Some(b'\\') || self.at(self.i + 1) != Some(b'u') {
                            return self.fail();
                        }
                        self.i += 2;
                        let second = self.hex4()?;
                        if !(0xDC00..=0xDFFF).contains(&second) {
                            return self.fail();
                        }
                        0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
                    }
                    0xDC00..=0xDFFF => return self.fail(),
                    n => n,
                };
                match char::from_u32(code) {
                    Some(ch) => ch,
                    None => return self.fail(),
                }
            }
            _ => return self.fail(),
        })
    }

    /// Moves past every byte that is not `"`, `\` or a control character.
    #[inline(always)]
    fn plain_run(&mut self) {
        const ONES: u64 = 0x0101_0101_0101_0101;
        const HIGH: u64 = 0x8080_8080_8080_8080;
        // Eight bytes at a time while none of them needs a look. A byte of `x` is zero exactly
        // when `x - 1` sets its high bit and `x` did not have it (a false alarm only sends the
        // bytes to the loop below).
        let has_zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
        // (`first_chunk`, not `copy_from_slice`: at opt-level "z" the copy stays a call per word.)
        while let Some(word) = self.bytes.get(self.i..).and_then(<[u8]>::first_chunk::<8>) {
            let v = u64::from_le_bytes(*word);
            let quote = has_zero(v ^ (ONES * u64::from(b'"')));
            let backslash = has_zero(v ^ (ONES * u64::from(b'\\')));
            let control = v.wrapping_sub(ONES * 0x20) & !v & HIGH;
            if quote | backslash | control != 0 {
                break;
            }
            self.i += 8;
        }
        while let Some(c) = self.at(self.i) {
            if c == b'"' || c == b'\\' || c < 0x20 {
                return;
            }
            self.i += 1;
        }
    }

    /// Consumes a string (peeked), borrowed from the text when it has no escapes.
    pub fn string(&mut self) -> Result<Cow<'j, str>> {
        self.i += 1; // the opening quote
        let start = self.i;
        self.plain_run();
        match self.at(self.i) {
            Some(b'"') => {
                let s = self.slice(start, self.i)?;
                self.i += 1;
                return Ok(Cow::Borrowed(s));
            }
            Some(b'\\') => {}
            _ => return self.fail(),
        }
        let mut out = String::from(self.slice(start, self.i)?);
        loop {
            match self.at(self.i) {
                Some(b'"') => {
                    self.i += 1;
                    return Ok(Cow::Owned(out));
                }
                Some(b'\\') => {
                    self.i += 1;
                    out.push(self.escape()?);
                }
                Some(_) => {
                    let run = self.i;
                    self.plain_run();
                    if self.i == run {
                        return self.fail(); // a control character
                    }
                    out.push_str(self.slice(run, self.i)?);
                }
                None => return self.fail(),
            }
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.i;
        while matches!(self.at(self.i), Some(b'0'..=b'9')) {
            self.i += 1;
        }
        self.i - start
    }

    /// Consumes a number (peeked), as its text; an error for a number beyond the `f64` range.
    pub fn number(&mut self) -> Result<&'j str> {
        let start = self.i;
        if self.at(self.i) == Some(b'-') {
            self.i += 1;
        }
        match self.at(self.i) {
            Some(b'0') => self.i += 1,
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return self.fail(),
        }
        let mut exponent = false;
        if self.at(self.i) == Some(b'.') {
            self.i += 1;
            if self.digits() == 0 {
                return self.fail();
            }
        }
        if matches!(self.at(self.i), Some(b'e' | b'E')) {
            exponent = true;
            self.i += 1;
            if matches!(self.at(self.i), Some(b'+' | b'-')) {
                self.i += 1;
            }
            if self.digits() == 0 {
                return self.fail();
            }
        }
        let text = self.slice(start, self.i)?;
        // Only an exponent or more than 300 digits can leave the `f64` range.
        if (exponent || text.len() > 300) && !text.parse::<f64>().is_ok_and(f64::is_finite) {
            return self.fail();
        }
        Ok(text)
    }

    /// Consumes `[` (peeked): the first element's kind, `None` for `[]`.
    pub fn array_first(&mut self) -> Result<Option<Peek>> {
        self.enter()?;
        self.i += 1;
        if self.skip_whitespace() == Some(b']') {
            self.i += 1;
            self.leave();
            return Ok(None);
        }
        self.peek().map(Some)
    }

    /// After an element: the next one's kind, `None` at the closing `]`.
    pub fn array_next(&mut self) -> Result<Option<Peek>> {
        match self.skip_whitespace() {
            Some(b',') => {
                self.i += 1;
                self.peek().map(Some)
            }
            Some(b']') => {
                self.i += 1;
                self.leave();
                Ok(None)
            }
            _ => self.fail(),
        }
    }

    /// Consumes `{` (peeked) and the first key with its `:`; `None` for `{}`.
    pub fn object_first(&mut self) -> Result<Option<Cow<'j, str>>> {
        self.enter()?;
        self.i += 1;
        match self.skip_whitespace() {
            Some(b'}') => {
                self.i += 1;
                self.leave();
                Ok(None)
            }
            Some(b'"') => self.key().map(Some),
            _ => self.fail(),
        }
    }

    /// After a member: the next key with its `:`; `None` at the closing `}`.
    pub fn object_next(&mut self) -> Result<Option<Cow<'j, str>>> {
        match self.skip_whitespace() {
            Some(b',') => {
                self.i += 1;
                if self.skip_whitespace() != Some(b'"') {
                    return self.fail();
                }
                self.key().map(Some)
            }
            Some(b'}') => {
                self.i += 1;
                self.leave();
                Ok(None)
            }
            _ => self.fail(),
        }
    }

    fn key(&mut self) -> Result<Cow<'j, str>> {
        let key = self.string()?;
        if self.skip_whitespace() != Some(b':') {
            return self.fail();
        }
        self.i += 1;
        Ok(key)
    }

    /// Reads the value that starts with `peek` into a [`Node`] borrowing from the text.
    pub fn node(&mut self, peek: Peek) -> Result<Node<'j>> {
        Ok(match peek {
            Peek::Null | Peek::True | Peek::False => {
                self.literal(peek)?;
                match peek {
                    Peek::Null => Node::Null,
                    other => Node::Bool(other == Peek::True),
                }
            }
            Peek::Number => Node::Number(Cow::Borrowed(self.number()?)),
            Peek::String => Node::String(self.string()?),
            Peek::Array => {
                let mut items = Vec::new();
                let mut next = self.array_first()?;
                while let Some(peek) = next {
                    items.push(self.node(peek)?);
                    next = self.array_next()?;
                }
                Node::Array(items)
            }
            Peek::Object => {
                let mut members = Vec::new();
                let mut key = self.object_first()?;
                while let Some(k) = key {
                    let peek = self.peek()?;
                    let value = self.node(peek)?;
                    Node::insert(&mut members, k, value);
                    key = self.object_next()?;
                }
                Node::Object(members)
            }
        })
    }

    /// Consumes the value that starts with `peek`, checking it as [`Lexer::node`] would,
    /// without building it.
    pub fn skip(&mut self, peek: Peek) -> Result<()> {
        match peek {
            Peek::Null | Peek::True | Peek::False => self.literal(peek),
            Peek::Number => self.number().map(drop),
            Peek::String => self.string().map(drop),
            Peek::Array => {
                let mut next = self.array_first()?;
                while let Some(peek) = next {
                    self.skip(peek)?;
                    next = self.array_next()?;
                }
                Ok(())
            }
            Peek::Object => {
                let mut key = self.object_first()?;
                while key.is_some() {
                    let peek = self.peek()?;
                    self.skip(peek)?;
                    key = self.object_next()?;
                }
                Ok(())
            }
        }
    }
}

/// The number a JSON number's text stands for, as serde_json reads it (see the module
/// documentation); `None` beyond the `f64` range or for a text that is not a JSON number's.
pub fn number_value(text: &str) -> Option<Number> {
    if !text.bytes().any(|b| matches!(b, b'.' | b'e' | b'E')) {
        if text.starts_with('-') {
            match text.parse::<i64>() {
                Ok(0) => return Number::from_f64(-0.0),
                Ok(n) => return Some(Number::from(n)),
                // Below `i64::MIN`: an `f64`, below.
                Err(_) => {}
            }
        } else if let Ok(n) = text.parse::<u64>() {
            return Some(Number::from(n));
        }
    }
    text.parse::<f64>()
        .ok()
        .filter(|f| f.is_finite())
        .and_then(Number::from_f64)
}

/// A JSON value whose strings and numbers are borrowed from the text it was read from (an
/// escaped string is the one thing copied): what a record's fields are read into, without the
/// allocations of a `serde_json::Value` (BENCHMARKS.md §18). Numbers keep their text and are
/// read as serde_json reads them when asked ([`Node::number`]).
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Node<'j> {
    #[default]
    Null,
    Bool(bool),
    /// A number, as its JSON text.
    Number(Cow<'j, str>),
    String(Cow<'j, str>),
    Array(Vec<Node<'j>>),
    /// Members in the order first seen; a later duplicate key replaced the earlier value, as
    /// in `JSON.parse`.
    Object(Vec<(Cow<'j, str>, Node<'j>)>),
}

impl<'j> Node<'j> {
    /// The member `key` of an object.
    pub fn get(&self, key: &str) -> Option<&Node<'j>> {
        match self {
            Node::Object(members) => members.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The member `key` of an object, to change or take.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut Node<'j>> {
        match self {
            Node::Object(members) => members.iter_mut().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// Takes the value out, leaving `null`.
    pub fn take(&mut self) -> Node<'j> {
        std::mem::replace(self, Node::Null)
    }

    /// Whether the value is an object.
    pub fn is_object(&self) -> bool {
        matches!(self, Node::Object(_))
    }

    /// A number's value, as serde_json reads it (`None` for anything else).
    pub fn number(&self) -> Option<Number> {
        match self {
            Node::Number(text) => number_value(text),
            _ => None,
        }
    }

    /// The node as a `serde_json::Value`.
    pub fn to_value(&self) -> Value {
        match self {
            Node::Null => Value::Null,
            Node::Bool(b) => Value::Bool(*b),
            Node::Number(_) => self.number().map_or(Value::Null, Value::Number),
            Node::String(s) => Value::String(s.as_ref().to_owned()),
            Node::Array(items) => Value::Array(items.iter().map(Node::to_value).collect()),
            Node::Object(members) => {
                // Inserted one by one: collecting into the map (a `BTreeMap`) would link
                // another copy of the sort.
                let mut map = Map::new();
                for (k, v) in members {
                    map.insert(k.as_ref().to_owned(), v.to_value());
                }
                Value::Object(map)
            }
        }
    }

    /// Sets member `key` of an object's `members`: a later duplicate replaces the earlier value.
    pub fn insert(members: &mut Vec<(Cow<'j, str>, Node<'j>)>, key: Cow<'j, str>, value: Node<'j>) {
        match members.iter_mut().find(|(k, _)| *k == key) {
            Some((_, slot)) => *slot = value,
            None => members.push((key, value)),
        }
    }
}

/// Parses `text` as one JSON value into a [`Node`] borrowing from it (see the module
/// documentation).
///
/// # Errors
/// As [`parse_value`].
pub fn parse_node(text: &str) -> Result<Node<'_>> {
    let mut lexer = Lexer::new(text);
    let peek = lexer.peek()?;
    let node = lexer.node(peek)?;
    lexer.finish()?;
    Ok(node)
}

/// Parses `text` as one JSON value (see the module documentation).
///
/// # Errors
/// The text is not JSON, nests deeper than serde_json's limit, or holds a lone surrogate escape
/// or a number beyond the `f64` range.
pub fn parse_value(text: &str) -> Result<Value> {
    parse_node(text).map(|node| node.to_value())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn agrees_with_serde_json(text: &str) {
        let ours = parse_value(text).ok();
        let theirs = serde_json::from_str::<Value>(text).ok();
        assert_eq!(ours, theirs, "{text:?}");
    }

    #[test]
    fn values_of_every_kind() {
        for text in [
            "null",
            " true ",
            "false",
            "0",
            "-0",
            "-0.0",
            "12",
            "-12",
            "1.5",
            "1e3",
            "1E+3",
            "2.5e-3",
            "18446744073709551615",
            "18446744073709551616",
            "-9223372036854775808",
            "-9223372036854775809",
            "123456789012345678901234567890",
            "1e-400",
            r#""a\"b\\c\/d\b\f\n\r\t\u00e9\ud83d\ude00证""#,
            r#"{"b": [1, {"c": null}], "a": "x", "a": "y"}"#,
            "[]",
            "{}",
            "[[], {}, [[]]]",
        ] {
            agrees_with_serde_json(text);
            assert!(parse_value(text).is_ok(), "{text}");
        }
        assert_eq!(parse_value("-0").ok(), Some(serde_json::json!(-0.0)));
        assert_eq!(
            parse_value(r#"{"a": 1, "a": 2}"#).ok(),
            Some(serde_json::json!({"a": 2}))
        );
    }

    #[test]
    fn what_serde_json_refuses() {
        for text in [
            "",
            " ",
            "nul",
            "nullx",
            "tru",
            "[1,]",
            "[1 2]",
            "{,}",
            r#"{"a" 1}"#,
            r#"{"a": 1,}"#,
            r#"{a: 1}"#,
            "01",
            "-",
            "1.",
            ".5",
            "1e",
            "1e+",
            "+1",
            "1e400",
            "-1e400",
            &"9".repeat(400),
            r#""\ud800""#,
            r#""\udc00""#,
            r#""\ud800\u0041""#,
            r#""\x""#,
            r#""\u12""#,
            "\"a\u{1}b\"",
            "\"unfinished",
            "[",
            "{\"a\":",
            "'a'",
            "[1] [2]",
            "\u{feff}1",
            "NaN",
            "Infinity",
        ] {
            assert!(parse_value(text).is_err(), "{text:?}");
            agrees_with_serde_json(text);
        }
    }

    #[test]
    fn nesting_stops_where_serde_json_stops() {
        for depth in [126, 127, 128, 129, 1_000] {
            let arrays = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
            let objects = format!("{}1{}", r#"{"a":"#.repeat(depth), "}".repeat(depth));
            agrees_with_serde_json(&arrays);
            agrees_with_serde_json(&objects);
        }
        assert!(parse_value(&format!("{}{}", "[".repeat(127), "]".repeat(127))).is_ok());
        assert!(parse_value(&format!("{}{}", "[".repeat(128), "]".repeat(128))).is_err());
    }

    #[test]
    fn skipping_checks_what_reading_checks() {
        for text in ["[1e400]", r#"["\ud800"]"#, "[01]", "[[1,]]", r#"{"a":tru}"#] {
            let mut lexer = Lexer::new(text);
            let peek = lexer.peek().unwrap();
            assert!(lexer.skip(peek).is_err(), "{text}");
        }
        let text = r#" {"a": [1, "x\n", {"b": null}], "c": -0.5e1} "#;
        let mut lexer = Lexer::new(text);
        let peek = lexer.peek().unwrap();
        lexer.skip(peek).unwrap();
        lexer.finish().unwrap();
    }
}

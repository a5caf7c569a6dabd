//! One pass over the body with a [`Lex`]er ([`crate::scan`] or [`crate::jit`]): objects on the
//! list path are read member by member, the list's records reduced to the vendor's fields (as
//! borrowed [`Small`] values), every other member only scanned for private keys, and the rest
//! of the body only validated. Nesting deeper than [`MAX_DEPTH`] is refused, as serde_json does.

use std::borrow::Cow;

use crate::current::{forget, note, At};
use crate::{is_pem_private_key, is_private_key_name, Kept, Sink, Small, Step, Vendor};

/// serde_json's default recursion limit.
pub const MAX_DEPTH: usize = 128;

#[derive(Debug)]
pub struct Error(pub String);

pub type Result<T> = std::result::Result<T, Error>;

pub fn err<T>(what: &str, at: usize) -> Result<T> {
    Err(Error(format!("{what} at byte {at}")))
}

/// What comes next.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Peek {
    Null,
    True,
    False,
    Num,
    Str,
    Arr,
    Obj,
}

/// A JSON tokenizer over a body `'j`.
pub trait Lex<'j> {
    /// Where the next byte is.
    fn pos(&self) -> usize;
    /// The next value's kind (whitespace skipped); an error at the end or on a byte no value
    /// starts with.
    fn peek(&mut self) -> Result<Peek>;
    /// Consumes `null`, `true` or `false` (as peeked).
    fn literal(&mut self, peek: Peek) -> Result<()>;
    /// Consumes a string (peeked), borrowed from the body when it had no escapes.
    fn string(&mut self) -> Result<Cow<'j, str>>;
    /// Consumes a number (peeked), as its text.
    fn number(&mut self) -> Result<&'j str>;
    /// Consumes `[` (peeked): the first element's kind, `None` for `[]`.
    fn array_first(&mut self) -> Result<Option<Peek>>;
    /// After an element: the next one's kind, `None` at `]`.
    fn array_next(&mut self) -> Result<Option<Peek>>;
    /// Consumes `{` (peeked) and the first key with its `:`; `None` for `{}`.
    fn object_first(&mut self) -> Result<Option<Cow<'j, str>>>;
    /// After a member: the next key with its `:`; `None` at `}`.
    fn object_next(&mut self) -> Result<Option<Cow<'j, str>>>;
    /// Only whitespace is left.
    fn finish(&mut self) -> Result<()>;
}

pub fn read<'j, L: Lex<'j>, S: Sink>(lex: L, vendor: Vendor, sink: &mut S) -> Result<()> {
    let mut walker = Walker {
        lex,
        at: Vec::new(),
        found: Vec::new(),
        depth: 0,
    };
    let peek = walker.lex.peek()?;
    walker.envelope(peek, vendor.list_path(), vendor.fields(), sink)?;
    walker.lex.finish()
}

struct Walker<'j, L> {
    lex: L,
    at: Vec<At<'j>>,
    found: Vec<Vec<Step>>,
    depth: usize,
}

impl<'j, L: Lex<'j>> Walker<'j, L> {
    fn enter(&mut self) -> Result<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return err("nesting too deep", self.lex.pos());
        }
        Ok(())
    }

    fn envelope<S: Sink>(&mut self, peek: Peek, path: &[&str], fields: &'static [&'static str], sink: &mut S) -> Result<()> {
        match (peek, path.split_first()) {
            (Peek::Obj, Some((first, rest))) => {
                self.enter()?;
                let mut key = self.lex.object_first()?;
                while let Some(k) = key {
                    let peek = self.lex.peek()?;
                    if k == *first {
                        // (A later duplicate would reset the sink here, as records.rs does.)
                        self.envelope(peek, rest, fields, sink)?;
                    } else {
                        self.value(peek, false, false)?;
                    }
                    key = self.lex.object_next()?;
                }
                self.depth -= 1;
                Ok(())
            }
            (Peek::Arr, None) => {
                self.enter()?;
                let mut next = self.lex.array_first()?;
                while let Some(peek) = next {
                    let start = self.lex.pos();
                    self.record(peek, fields, sink, start)?;
                    next = self.lex.array_next()?;
                }
                self.depth -= 1;
                Ok(())
            }
            _ => self.value(peek, false, false).map(|_| ()),
        }
    }

    fn record<S: Sink>(&mut self, peek: Peek, fields: &'static [&'static str], sink: &mut S, start: usize) -> Result<()> {
        self.found.clear();
        self.at.clear();
        if peek != Peek::Obj {
            let whole = self.value(peek, true, true)?;
            let keys = std::mem::take(&mut self.found);
            sink.record((start, self.lex.pos()), Kept { names: &[], values: vec![whole] }, keys);
            return Ok(());
        }
        self.enter()?;
        let mut values = vec![Small::Absent; fields.len()];
        let mut key = self.lex.object_first()?;
        while let Some(k) = key {
            forget(&mut self.found, &self.at, &k);
            let peek = self.lex.peek()?;
            if let Some(index) = fields.iter().position(|f| *f == k) {
                self.at.push(At::Key(k));
                let value = self.value(peek, true, true)?;
                self.at.pop();
                if let Some(slot) = values.get_mut(index) {
                    *slot = value;
                }
            } else if is_private_key_name(&k) {
                self.found.push(vec![Step::Key(k.into_owned())]);
                self.value(peek, false, false)?;
            } else {
                self.at.push(At::Key(k));
                self.value(peek, false, true)?;
                self.at.pop();
            }
            key = self.lex.object_next()?;
        }
        self.depth -= 1;
        let mut keys = std::mem::take(&mut self.found);
        keys.reverse();
        sink.record((start, self.lex.pos()), Kept { names: fields, values }, keys);
        Ok(())
    }

    /// Reads a value: built when `build` (else [`Small::Absent`]), its private keys noted when
    /// `scan`.
    fn value(&mut self, peek: Peek, build: bool, scan: bool) -> Result<Small<'j>> {
        match peek {
            Peek::Null | Peek::True | Peek::False => {
                self.lex.literal(peek)?;
                Ok(match (build, peek) {
                    (false, _) => Small::Absent,
                    (true, Peek::Null) => Small::Null,
                    (true, p) => Small::Bool(p == Peek::True),
                })
            }
            Peek::Num => {
                let text = self.lex.number()?;
                Ok(if build { Small::Num(text) } else { Small::Absent })
            }
            Peek::Str => {
                let text = self.lex.string()?;
                if scan && is_pem_private_key(&text) {
                    self.found.push(note(&self.at, None));
                }
                Ok(if build { Small::Str(text) } else { Small::Absent })
            }
            Peek::Arr => {
                self.enter()?;
                let mut items = Vec::new();
                let mut index = 0;
                let mut next = self.lex.array_first()?;
                while let Some(peek) = next {
                    if scan {
                        self.at.push(At::Index(index));
                    }
                    let item = self.value(peek, build, scan)?;
                    if scan {
                        self.at.pop();
                    }
                    if build {
                        items.push(item);
                    }
                    index += 1;
                    next = self.lex.array_next()?;
                }
                self.depth -= 1;
                Ok(if build { Small::Arr(items) } else { Small::Absent })
            }
            Peek::Obj => {
                self.enter()?;
                let mut members = Vec::new();
                let mut key = self.lex.object_first()?;
                while let Some(k) = key {
                    let peek = self.lex.peek()?;
                    let value = if !scan {
                        self.value(peek, build, false)?
                    } else {
                        forget(&mut self.found, &self.at, &k);
                        if is_private_key_name(&k) {
                            self.found.push(note(&self.at, Some(Step::Key(k.as_ref().to_owned()))));
                            self.value(peek, build, false)?
                        } else {
                            self.at.push(At::Key(k.clone()));
                            let value = self.value(peek, build, true)?;
                            self.at.pop();
                            value
                        }
                    };
                    if build {
                        Small::insert(&mut members, k, value);
                    }
                    key = self.lex.object_next()?;
                }
                self.depth -= 1;
                Ok(if build { Small::Obj(members) } else { Small::Absent })
            }
        }
    }
}

//! (d) A scanner of our own over the body's bytes. Strict JSON (RFC 8259): what it accepts,
//! `JSON.parse` accepts; it refuses, as serde_json does, a lone surrogate escape (which
//! `JSON.parse` would accept). Never panics: no indexing or unwrapping on the input.

use std::borrow::Cow;

use crate::walk::{err, Error, Lex, Peek, Result};

pub struct Lexer<'j> {
    text: &'j str,
    bytes: &'j [u8],
    i: usize,
}

impl<'j> Lexer<'j> {
    pub fn new(text: &'j str) -> Self {
        Lexer {
            text,
            bytes: text.as_bytes(),
            i: 0,
        }
    }

    fn at(&self, i: usize) -> Option<u8> {
        self.bytes.get(i).copied()
    }

    /// The next byte after whitespace, not consumed.
    fn ws(&mut self) -> Option<u8> {
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
            None => err("not a character boundary", start),
        }
    }

    fn hex4(&mut self) -> Result<u32> {
        let mut n = 0u32;
        for _ in 0..4 {
            let d = match self.at(self.i) {
                Some(c @ b'0'..=b'9') => c - b'0',
                Some(c @ b'a'..=b'f') => c - b'a' + 10,
                Some(c @ b'A'..=b'F') => c - b'A' + 10,
                _ => return err("bad \\u escape", self.i),
            };
            n = n * 16 + u32::from(d);
            self.i += 1;
        }
        Ok(n)
    }

    /// After a `\`: appends what the escape stands for.
    fn escape(&mut self, out: &mut String) -> Result<()> {
        let c = match self.at(self.i) {
            Some(c) => c,
            None => return err("unfinished escape", self.i),
        };
        self.i += 1;
        let ch = match c {
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
                            return err("lone surrogate", self.i);
                        }
                        self.i += 2;
                        let second = self.hex4()?;
                        if !(0xDC00..=0xDFFF).contains(&second) {
                            return err("lone surrogate", self.i);
                        }
                        0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
                    }
                    0xDC00..=0xDFFF => return err("lone surrogate", self.i),
                    n => n,
                };
                match char::from_u32(code) {
                    Some(ch) => ch,
                    None => return err("bad \\u escape", self.i),
                }
            }
            _ => return err("bad escape", self.i),
        };
        out.push(ch);
        Ok(())
    }

    /// Moves `i` to the next `"`, `\` or control character (or the end).
    #[inline(always)]
    fn plain_run(&mut self) {
        // Eight bytes at a time while none of them needs a look.
        while let Some(chunk) = self.bytes.get(self.i..self.i + 8) {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            let v = u64::from_le_bytes(word);
            const ONES: u64 = 0x0101_0101_0101_0101;
            const HIGH: u64 = 0x8080_8080_8080_8080;
            let quote = v ^ (ONES * u64::from(b'"'));
            let slash = v ^ (ONES * u64::from(b'\\'));
            // A byte is zero in `x` exactly when (x - 1) sets its high bit and x did not have it.
            let has_zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
            let control = v.wrapping_sub(ONES * 0x20) & !v & HIGH;
            if has_zero(quote) | has_zero(slash) | control != 0 {
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
}

impl<'j> Lex<'j> for Lexer<'j> {
    fn pos(&self) -> usize {
        self.i
    }

    fn peek(&mut self) -> Result<Peek> {
        Ok(match self.ws() {
            Some(b'n') => Peek::Null,
            Some(b't') => Peek::True,
            Some(b'f') => Peek::False,
            Some(b'"') => Peek::Str,
            Some(b'[') => Peek::Arr,
            Some(b'{') => Peek::Obj,
            Some(b'-' | b'0'..=b'9') => Peek::Num,
            _ => return err("expected a value", self.i),
        })
    }

    fn literal(&mut self, peek: Peek) -> Result<()> {
        let word: &[u8] = match peek {
            Peek::Null => b"null",
            Peek::True => b"true",
            _ => b"false",
        };
        if self.bytes.get(self.i..self.i + word.len()) == Some(word) {
            self.i += word.len();
            Ok(())
        } else {
            err("bad literal", self.i)
        }
    }

    fn string(&mut self) -> Result<Cow<'j, str>> {
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
            Some(_) => return err("control character in a string", self.i),
            None => return err("unfinished string", self.i),
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
                    self.escape(&mut out)?;
                }
                Some(_) => {
                    let run = self.i;
                    self.plain_run();
                    if self.i == run {
                        return err("control character in a string", self.i);
                    }
                    out.push_str(self.slice(run, self.i)?);
                }
                None => return err("unfinished string", self.i),
            }
        }
    }

    fn number(&mut self) -> Result<&'j str> {
        let start = self.i;
        if self.at(self.i) == Some(b'-') {
            self.i += 1;
        }
        match self.at(self.i) {
            Some(b'0') => self.i += 1,
            Some(b'1'..=b'9') => {
                while matches!(self.at(self.i), Some(b'0'..=b'9')) {
                    self.i += 1;
                }
            }
            _ => return err("bad number", self.i),
        }
        if self.at(self.i) == Some(b'.') {
            self.i += 1;
            if !matches!(self.at(self.i), Some(b'0'..=b'9')) {
                return err("bad number", self.i);
            }
            while matches!(self.at(self.i), Some(b'0'..=b'9')) {
                self.i += 1;
            }
        }
        if matches!(self.at(self.i), Some(b'e' | b'E')) {
            self.i += 1;
            if matches!(self.at(self.i), Some(b'+' | b'-')) {
                self.i += 1;
            }
            if !matches!(self.at(self.i), Some(b'0'..=b'9')) {
                return err("bad number", self.i);
            }
            while matches!(self.at(self.i), Some(b'0'..=b'9')) {
                self.i += 1;
            }
        }
        self.slice(start, self.i)
    }

    fn array_first(&mut self) -> Result<Option<Peek>> {
        self.i += 1;
        if self.ws() == Some(b']') {
            self.i += 1;
            return Ok(None);
        }
        self.peek().map(Some)
    }

    fn array_next(&mut self) -> Result<Option<Peek>> {
        match self.ws() {
            Some(b',') => {
                self.i += 1;
                self.peek().map(Some)
            }
            Some(b']') => {
                self.i += 1;
                Ok(None)
            }
            _ => err("expected , or ]", self.i),
        }
    }

    fn object_first(&mut self) -> Result<Option<Cow<'j, str>>> {
        self.i += 1;
        match self.ws() {
            Some(b'}') => {
                self.i += 1;
                Ok(None)
            }
            Some(b'"') => self.key().map(Some),
            _ => err("expected a key or }", self.i),
        }
    }

    fn object_next(&mut self) -> Result<Option<Cow<'j, str>>> {
        match self.ws() {
            Some(b',') => {
                self.i += 1;
                if self.ws() != Some(b'"') {
                    return err("expected a key", self.i);
                }
                self.key().map(Some)
            }
            Some(b'}') => {
                self.i += 1;
                Ok(None)
            }
            _ => err("expected , or }", self.i),
        }
    }

    fn finish(&mut self) -> Result<()> {
        match self.ws() {
            None => Ok(()),
            Some(_) => err("trailing characters", self.i),
        }
    }
}

impl<'j> Lexer<'j> {
    fn key(&mut self) -> Result<Cow<'j, str>> {
        let key = self.string()?;
        if self.ws() != Some(b':') {
            return err("expected :", self.i);
        }
        self.i += 1;
        Ok(key)
    }
}

#[allow(dead_code)]
fn _assert_error_is_used(_: Error) {}

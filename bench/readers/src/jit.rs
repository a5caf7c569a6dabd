//! (c) jiter's iterator API as the tokenizer of [`crate::walk`]. Strings and keys come back
//! borrowed from jiter (from the body when they had no escapes, else from its tape): those
//! inside the body are re-borrowed for `'j`, the others copied.

use std::borrow::Cow;

use jiter::{Jiter, Peek as JPeek};

use crate::walk::{Error, Lex, Peek, Result};

pub struct Lexer<'j> {
    text: &'j str,
    jiter: Jiter<'j>,
    last: JPeek,
}

impl<'j> Lexer<'j> {
    pub fn new(text: &'j str) -> Self {
        Lexer {
            text,
            jiter: Jiter::new(text.as_bytes()),
            last: JPeek::Null,
        }
    }
}

fn fail(e: jiter::JiterError) -> Error {
    Error(e.to_string())
}

/// `part` as a borrow of `text` when it lies inside it, else a copy.
fn rebase<'j>(text: &'j str, part: &str) -> Cow<'j, str> {
    let offset = (part.as_ptr() as usize).wrapping_sub(text.as_ptr() as usize);
    match offset
        .checked_add(part.len())
        .and_then(|end| text.get(offset..end))
    {
        Some(inside) if inside.as_ptr() == part.as_ptr() => Cow::Borrowed(inside),
        _ => Cow::Owned(part.to_owned()),
    }
}

fn kind(peek: JPeek) -> Result<Peek> {
    Ok(match peek {
        JPeek::Null => Peek::Null,
        JPeek::True => Peek::True,
        JPeek::False => Peek::False,
        JPeek::String => Peek::Str,
        JPeek::Array => Peek::Arr,
        JPeek::Object => Peek::Obj,
        p if p.is_num() => Peek::Num,
        _ => return Err(Error("expected a value".into())),
    })
}

impl<'j> Lex<'j> for Lexer<'j> {
    fn pos(&self) -> usize {
        self.jiter.current_index()
    }

    fn peek(&mut self) -> Result<Peek> {
        self.last = self.jiter.peek().map_err(fail)?;
        kind(self.last)
    }

    fn literal(&mut self, peek: Peek) -> Result<()> {
        match peek {
            Peek::Null => self.jiter.known_null().map_err(fail),
            _ => self.jiter.known_bool(self.last).map(|_| ()).map_err(fail),
        }
    }

    fn string(&mut self) -> Result<Cow<'j, str>> {
        let text = self.text;
        let s = self.jiter.known_str().map_err(fail)?;
        Ok(rebase(text, s))
    }

    fn number(&mut self) -> Result<&'j str> {
        let text = self.text;
        let bytes = self.jiter.known_number_bytes(self.last).map_err(fail)?;
        let s = std::str::from_utf8(bytes).map_err(|e| Error(e.to_string()))?;
        match rebase(text, s) {
            Cow::Borrowed(s) => Ok(s),
            Cow::Owned(_) => Err(Error("number outside the body".into())),
        }
    }

    fn array_first(&mut self) -> Result<Option<Peek>> {
        match self.jiter.known_array().map_err(fail)? {
            Some(p) => {
                self.last = p;
                kind(p).map(Some)
            }
            None => Ok(None),
        }
    }

    fn array_next(&mut self) -> Result<Option<Peek>> {
        match self.jiter.array_step().map_err(fail)? {
            Some(p) => {
                self.last = p;
                kind(p).map(Some)
            }
            None => Ok(None),
        }
    }

    fn object_first(&mut self) -> Result<Option<Cow<'j, str>>> {
        let text = self.text;
        Ok(self.jiter.known_object().map_err(fail)?.map(|k| rebase(text, k)))
    }

    fn object_next(&mut self) -> Result<Option<Cow<'j, str>>> {
        let text = self.text;
        Ok(self.jiter.next_key().map_err(fail)?.map(|k| rebase(text, k)))
    }

    fn finish(&mut self) -> Result<()> {
        self.jiter.finish().map_err(fail)
    }
}

//! `raw` read on demand: each listed certificate's `raw` is its record's own text in the body,
//! parsed by the engine's `JSON.parse` the first time it is read, and kept (`raw.js`, beside this
//! file). A body whose `raw`s nobody reads is parsed once, in wasm, for the model's fields only.
//!
//! A certificate stays plain data: `raw` is an own, enumerable accessor, so `JSON.stringify`,
//! `structuredClone`, `postMessage`, spread and `Object.keys` all show it (they read it). (Two
//! differences from a data member: a copy of its property descriptors onto another object reads
//! `undefined`, the record's place being kept for the certificate itself; and `Object.freeze`
//! does not stop the setter.)
//!
//! Redaction is decided in one place, the core (`cloudcerts::vendors::redact`): it names the
//! path of every private key in a record, and the first read removes what is at those paths
//! before anyone sees the record. The body's text, private keys included, stays in memory while
//! a certificate whose `raw` was not read yet does (never reachable through the certificate).

use wasm_bindgen::prelude::*;

use cloudcerts::model::Step;
use cloudcerts::vendors::RawReference;

#[wasm_bindgen(module = "/src/raw.js")]
extern "C" {
    /// Gives each certificate at `spans[4k]` of `certificates` a `raw` read on demand from
    /// `text`, between the UTF-16 offsets `spans[4k + 1]` and `spans[4k + 2]`, less the
    /// private keys at the paths `removals[spans[4k + 3]]` (JSON text of a list; `""`: none).
    fn cc_lazy_raw(certificates: &JsValue, text: &js_sys::JsString, spans: &[u32], removals: &str);
}

/// `spans[4k + 3]` when there is nothing to remove.
const NONE: u32 = u32::MAX;

/// The certificates of one body whose `raw` is to be read on demand: where each one's record is
/// (a byte range of the body) and the private keys to remove from it, gathered as the
/// certificates are written ([`LazyRaws::note`]) and handed to JavaScript at the end
/// ([`LazyRaws::attach`]).
#[derive(Default)]
pub struct LazyRaws {
    /// `[index, start, end, removal]` for each: the certificate's index in the list written,
    /// the byte range of its record, and its index in `removals` (or [`NONE`]).
    spans: Vec<u32>,
    removals: Vec<Vec<Vec<Step>>>,
    /// A certificate that was read by reference has no span: `raw` must come another way.
    pub incomplete: bool,
}

impl LazyRaws {
    /// Notes the certificate written at `index` of the list, whose `raw` was left for the body
    /// as `reference` says.
    pub fn note(&mut self, index: u32, reference: RawReference) {
        let span = reference
            .span
            .and_then(|(start, end)| Some((u32::try_from(start).ok()?, u32::try_from(end).ok()?)));
        let Some((start, end)) = span else {
            self.incomplete = true;
            return;
        };
        let removal = if reference.removals.is_empty() {
            NONE
        } else {
            self.removals.push(reference.removals);
            match u32::try_from(self.removals.len() - 1) {
                Ok(index) if index != NONE => index,
                // Never "nothing to remove" for a record that has something to remove.
                _ => {
                    self.incomplete = true;
                    return;
                }
            }
        };
        self.spans.extend([index, start, end, removal]);
    }

    /// Gives the noted certificates of `array` their `raw`, to be read on demand from `text`
    /// (the body as a JavaScript string; `body` is the same text in Rust). `None` if a record is
    /// not where the wasm found it: the caller then fills `raw` another way.
    pub fn attach(mut self, array: &JsValue, text: &js_sys::JsString, body: &str) -> Option<()> {
        if self.incomplete {
            return None;
        }
        if self.spans.is_empty() {
            return Some(());
        }
        let mut offsets = Utf16Offsets::new(body);
        for span in self.spans.chunks_exact_mut(4) {
            if let [_, start, end, _] = span {
                *start = offsets.at(*start as usize)?;
                *end = offsets.at(*end as usize)?;
            }
        }
        let removals = if self.removals.is_empty() {
            String::new()
        } else {
            serde_json::to_string(&self.removals).ok()?
        };
        cc_lazy_raw(array, text, &self.spans, &removals);
        Some(())
    }
}

/// Sets `raw` on the converted certificates of `array` that were read by reference
/// (`references`, beside them) ([`LazyRaws`]).
pub fn attach_raw_js(
    array: &JsValue,
    references: &[Option<RawReference>],
    text: &js_sys::JsString,
    body: &str,
) -> Option<()> {
    let mut raws = LazyRaws::default();
    for (index, reference) in (0u32..).zip(references) {
        if let Some(reference) = reference {
            raws.note(index, reference.clone());
        }
    }
    raws.attach(array, text, body)
}

/// Byte offsets of a UTF-8 text as UTF-16 offsets (JavaScript string indices), asked for in
/// increasing order: one pass over the text in all, none for ASCII.
struct Utf16Offsets<'a> {
    bytes: &'a [u8],
    ascii: bool,
    byte: usize,
    unit: usize,
}

impl<'a> Utf16Offsets<'a> {
    fn new(text: &'a str) -> Self {
        Utf16Offsets {
            bytes: text.as_bytes(),
            ascii: text.is_ascii(),
            byte: 0,
            unit: 0,
        }
    }

    /// The UTF-16 offset of byte offset `byte` (not below the last one asked for).
    fn at(&mut self, byte: usize) -> Option<u32> {
        if !self.ascii {
            for &b in self.bytes.get(self.byte..byte)? {
                // One unit per character (continuation bytes add none), two for a
                // four-byte character (a surrogate pair).
                if b & 0xC0 != 0x80 {
                    self.unit += if b >= 0xF0 { 2 } else { 1 };
                }
            }
            self.byte = byte;
            return u32::try_from(self.unit).ok();
        }
        if byte > self.bytes.len() {
            return None;
        }
        u32::try_from(byte).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::Utf16Offsets;

    #[test]
    fn utf16_offsets_count_units_not_bytes() {
        let text = "a\u{e9}b\u{1F600}c";
        let mut offsets = Utf16Offsets::new(text);
        // bytes: a(0) é(1,2) b(3) 😀(4..8) c(8)
        assert_eq!(offsets.at(0), Some(0));
        assert_eq!(offsets.at(3), Some(2));
        assert_eq!(offsets.at(8), Some(5));
        assert_eq!(offsets.at(9), Some(6));
        assert_eq!(offsets.at(10), None, "past the end");
        let mut ascii = Utf16Offsets::new("abc");
        assert_eq!(ascii.at(3), Some(3));
        assert_eq!(ascii.at(4), None);
        for (byte, _) in text.char_indices() {
            let expected = text[..byte].encode_utf16().count() as u32;
            assert_eq!(Utf16Offsets::new(text).at(byte), Some(expected));
        }
    }
}

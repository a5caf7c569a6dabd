//! Certificates to JavaScript: the one crossing of every certificate the library returns
//! (`normalizeResponse`, and every client result that holds certificates).
//!
//! Each certificate is written into a tape of `u32` words and a heap of its strings, and a
//! small JavaScript function (`cc_build` in `certificates.js`, beside this file) builds the
//! objects from them: one text decoding of the heap per piece and no JSON to write or parse
//! (BENCHMARKS.md §20: the JSON text it replaces took 40% of a Qiniu `normalizeResponse` in Node,
//! its serializer, decoding and `JSON.parse`). The objects are what `JSON.parse` of the
//! certificate's JSON would give: the members in the model's order, absent ones left out.
//!
//! `raw` is read on demand: a certificate read by reference gets an own, enumerable accessor
//! that parses its record's own text (a slice of the body, as a JavaScript string) on first read
//! and keeps what it read (issue 15, item 2). A body whose `raw`s nobody reads is parsed once, in
//! wasm, for the model's fields only. A certificate stays plain data: `JSON.stringify`,
//! `structuredClone`, `postMessage`, spread and `Object.keys` all show `raw` (they read it).
//! (Two differences from a data member: a copy of its property descriptors onto another object
//! reads `undefined`, the record's place being kept for the certificate itself; and
//! `Object.freeze` does not stop the setter.)
//!
//! Redaction is decided in one place, the core (`cloudcerts::vendors::redact`): it names the
//! path of every private key in a record, and the first read removes what is at those paths
//! before anyone sees the record. The body's text, private keys included, stays in memory while
//! a certificate whose `raw` was not read yet does, and, since the strings the body holds as they
//! are are slices of it (engines keep a slice of 13 characters or more as a view of its parent),
//! while any certificate of that body does (never reachable through the certificate).
//!
//! # The tape
//! Per certificate: the flags (which optional members are present, `wildcard`, and where `raw`
//! is), the provider's and the status's indices, then each member in the model's order: a
//! string is the start and end of its UTF-16 range in the piece's heap, or in the body when
//! the start has [`IN_BODY`] set (a string the certificate borrowed from the body as it is,
//! which JavaScript slices from the body's string instead of decoding a copy), a list is its length
//! and then its items, a tag is a key and a value, `daysRemaining` is its `i32` bits,
//! `validation` and `source` are indices. `raw` last: the start and end of its record in the
//! body (UTF-16) and its index in the piece's removals (or [`NONE`]); or its JSON text as a
//! string; or nothing (`null`).

use wasm_bindgen::prelude::*;

use cloudcerts::model::{CertSource, CertStatus, CertificateOf, Provider, Step, Validation};
use cloudcerts::vendors::RawReference;

#[wasm_bindgen(module = "/src/certificates.js")]
extern "C" {
    /// Builds the certificates of one piece (`words`, strings in `heap`) and appends them to
    /// `list`; `body` is the text the `raw` ranges and the [`IN_BODY`] strings point into (or
    /// `undefined`), `removals` the JSON text of the piece's lists of private-key paths (`""`:
    /// none).
    #[wasm_bindgen(catch)]
    fn cc_build(
        list: &js_sys::Array,
        heap: &str,
        words: &[u32],
        body: &JsValue,
        removals: &str,
    ) -> Result<(), JsValue>;
}

/// A piece is handed over once its heap and tape hold about this many bytes, so that wasm
/// memory holds one piece at a time rather than the whole list.
const PIECE_BYTES: usize = 1 << 20;

/// Marks a string's start as an offset in the body rather than in the heap (UTF-16 offsets stay
/// below 2^31: no JavaScript engine makes a string that long).
const IN_BODY: u32 = 1 << 31;

/// The removal index of a record with nothing to remove.
const NONE: u32 = u32::MAX;

// The flags (the first word of each certificate). Must match certificates.js.
const NAME: u32 = 1;
const COMMON_NAME: u32 = 1 << 1;
const NOT_BEFORE: u32 = 1 << 2;
const NOT_AFTER: u32 = 1 << 3;
const DAYS_REMAINING: u32 = 1 << 4;
const VENDOR_STATUS: u32 = 1 << 5;
const VENDOR_STATUS_TEXT: u32 = 1 << 6;
const ISSUER: u32 = 1 << 7;
const VALIDATION: u32 = 1 << 8;
const WILDCARD: u32 = 1 << 9;
const SOURCE: u32 = 1 << 10;
const CHAIN_ID: u32 = 1 << 11;
const REPLACED_BY: u32 = 1 << 12;
const REPLACES: u32 = 1 << 13;
const FINGERPRINT: u32 = 1 << 14;
const SERIAL: u32 = 1 << 15;
const KEY_ALGORITHM: u32 = 1 << 16;
const TAGS: u32 = 1 << 17;
const PROJECT: u32 = 1 << 18;
const BOUND_RESOURCES: u32 = 1 << 19;
const WARNINGS: u32 = 1 << 20;
/// `raw` is read on demand from the body.
const RAW_SPAN: u32 = 1 << 21;
/// `raw` is JSON text in the heap.
const RAW_JSON: u32 = 1 << 22;

/// Index of each enum value in certificates.js's tables (the tables' order is pinned by a test).
fn provider_index(provider: Provider) -> u32 {
    match provider {
        Provider::TencentSsl => 0,
        Provider::TencentLegacy => 1,
        Provider::VolcengineLive => 2,
        Provider::VolcengineCert => 3,
        Provider::Qiniu => 4,
        Provider::TencentDns => 5,
        Provider::VolcengineDns => 6,
    }
}

fn status_index(status: CertStatus) -> u32 {
    match status {
        CertStatus::Active => 0,
        CertStatus::Expiring => 1,
        CertStatus::Expired => 2,
        CertStatus::Pending => 3,
        CertStatus::Failed => 4,
        CertStatus::Revoked => 5,
        CertStatus::Cancelled => 6,
        CertStatus::Disabled => 7,
        CertStatus::Unknown => 8,
    }
}

fn validation_index(validation: Validation) -> u32 {
    match validation {
        Validation::Dv => 0,
        Validation::Ov => 1,
        Validation::Ev => 2,
    }
}

fn source_index(source: CertSource) -> u32 {
    match source {
        CertSource::Upload => 0,
        CertSource::Purchased => 1,
        CertSource::Free => 2,
        CertSource::Test => 3,
    }
}

/// Certificates written for JavaScript as they come ([`CertificateWriter::push`]), handed over in
/// pieces, and the array they make ([`CertificateWriter::finish`]).
pub struct CertificateWriter<'b> {
    list: js_sys::Array,
    words: Vec<u32>,
    heap: String,
    /// The heap's length in UTF-16 units.
    units: u32,
    removals: Vec<Vec<Vec<Step>>>,
    /// The body the records are in: as a JavaScript string, and as the text the wasm read.
    body: Option<(&'b JsValue, Utf16Offsets<'b>)>,
    failed: bool,
}

impl<'b> CertificateWriter<'b> {
    /// A writer whose certificates read by reference take their `raw` from `body` (the same
    /// text as a JavaScript string and as the wasm read it), and whose strings that are slices of
    /// that text are sliced from the JavaScript string; without it, each `raw` is written and
    /// every string copied.
    pub fn new(body: Option<(&'b JsValue, &'b str)>) -> Self {
        CertificateWriter {
            list: js_sys::Array::new(),
            words: Vec::new(),
            heap: String::new(),
            units: 0,
            removals: Vec::new(),
            body: body.map(|(text, read)| (text, Utf16Offsets::new(read))),
            failed: false,
        }
    }

    /// `certificates` as a JavaScript array, each with its `raw` written (none read by reference);
    /// `None` if they cannot be handed over.
    pub fn all<'c>(
        certificates: impl IntoIterator<Item = &'c CertificateOf<'c>>,
    ) -> Option<js_sys::Array> {
        let mut writer = CertificateWriter::new(None);
        for certificate in certificates {
            writer.push(certificate, None);
        }
        writer.finish()
    }

    /// Writes `certificate`; `raw` says where its record is when its `raw` was left in the body.
    pub fn push(&mut self, certificate: &CertificateOf<'_>, raw: Option<&RawReference>) {
        if self.failed {
            return;
        }
        let at = self.words.len();
        self.words.extend([
            0,
            provider_index(certificate.provider),
            status_index(certificate.status),
        ]);
        let mut flags = 0;
        let c = certificate;
        self.string(&c.account);
        self.string(&c.id);
        self.optional(&mut flags, NAME, c.name.as_deref());
        self.optional(&mut flags, COMMON_NAME, c.common_name.as_deref());
        self.strings(&c.domains);
        self.optional(&mut flags, NOT_BEFORE, c.not_before.as_deref());
        self.optional(&mut flags, NOT_AFTER, c.not_after.as_deref());
        if let Some(days) = c.days_remaining {
            flags |= DAYS_REMAINING;
            self.words.push(u32::from_ne_bytes(days.to_ne_bytes()));
        }
        self.optional(&mut flags, VENDOR_STATUS, c.vendor_status.as_deref());
        self.optional(
            &mut flags,
            VENDOR_STATUS_TEXT,
            c.vendor_status_text.as_deref(),
        );
        self.optional(&mut flags, ISSUER, c.issuer.as_deref());
        if let Some(validation) = c.validation {
            flags |= VALIDATION;
            self.words.push(validation_index(validation));
        }
        if c.wildcard {
            flags |= WILDCARD;
        }
        if let Some(source) = c.source {
            flags |= SOURCE;
            self.words.push(source_index(source));
        }
        self.optional(&mut flags, CHAIN_ID, c.chain_id.as_deref());
        self.optional(&mut flags, REPLACED_BY, c.replaced_by.as_deref());
        self.optional(&mut flags, REPLACES, c.replaces.as_deref());
        self.optional(&mut flags, FINGERPRINT, c.fingerprint_sha256.as_deref());
        self.optional(&mut flags, SERIAL, c.serial_number.as_deref());
        self.optional(&mut flags, KEY_ALGORITHM, c.key_algorithm.as_deref());
        if let Some(tags) = &c.tags {
            flags |= TAGS;
            self.count(tags.len());
            for (key, value) in tags {
                self.string(key);
                self.string(value);
            }
        }
        self.optional(&mut flags, PROJECT, c.project.as_deref());
        if let Some(resources) = &c.bound_resources {
            flags |= BOUND_RESOURCES;
            self.strings(resources);
        }
        if let Some(warnings) = &c.warnings {
            flags |= WARNINGS;
            self.strings(warnings);
        }
        flags |= self.raw(c, raw);
        if let Some(first) = self.words.get_mut(at) {
            *first = flags;
        }
        if self.heap.len() + 4 * self.words.len() >= PIECE_BYTES {
            self.flush();
        }
    }

    /// Forgets every certificate written so far (the list read until now was replaced).
    pub fn reset(&mut self) {
        self.list = js_sys::Array::new();
        self.clear();
        self.failed = false;
    }

    /// The certificates as a JavaScript array; `None` if one could not be written or handed over
    /// (a record not where the wasm found it, or a heap beyond 4 GiB).
    pub fn finish(mut self) -> Option<js_sys::Array> {
        self.flush();
        (!self.failed).then_some(self.list)
    }

    /// `raw`'s flag, after writing where it is.
    fn raw(&mut self, c: &CertificateOf<'_>, raw: Option<&RawReference>) -> u32 {
        let Some(reference) = raw else {
            if c.raw.is_null() {
                return 0;
            }
            match serde_json::to_string(&c.raw) {
                Ok(json) => self.string(&json),
                Err(_) => self.failed = true,
            }
            return RAW_JSON;
        };
        let span = self
            .body
            .as_ref()
            .zip(reference.span)
            .and_then(|((_, offsets), (s, e))| Some((offsets.at(s)?, offsets.at(e)?)));
        let Some((start, end)) = span else {
            // Read by reference, but not in the body as the wasm found it: the caller writes
            // the certificates again with `raw` in Rust.
            self.failed = true;
            return 0;
        };
        let removal = if reference.removals.is_empty() {
            NONE
        } else {
            self.removals.push(reference.removals.clone());
            match u32::try_from(self.removals.len() - 1) {
                Ok(index) if index != NONE => index,
                _ => {
                    self.failed = true;
                    NONE
                }
            }
        };
        self.words.extend([start, end, removal]);
        RAW_SPAN
    }

    fn string(&mut self, text: &str) {
        // A slice of the body: its range there, for JavaScript to slice the body's string.
        let in_body = self
            .body
            .as_ref()
            .and_then(|(_, offsets)| offsets.range_of(text));
        if let Some((start, end)) = in_body.filter(|&(_, end)| end < IN_BODY) {
            self.words.extend([start | IN_BODY, end]);
            return;
        }
        let start = self.units;
        self.heap.push_str(text);
        let units = if text.is_ascii() {
            text.len()
        } else {
            text.encode_utf16().count()
        };
        // Heap offsets stay below IN_BODY, which marks a body offset (a piece is handed over
        // at about 1 MiB, so this never fails but for a string of 2 GiB).
        match u32::try_from(units).ok().and_then(|n| start.checked_add(n)) {
            Some(end) if end < IN_BODY => self.units = end,
            _ => self.failed = true,
        }
        self.words.extend([start, self.units]);
    }

    fn optional(&mut self, flags: &mut u32, flag: u32, text: Option<&str>) {
        if let Some(text) = text {
            *flags |= flag;
            self.string(text);
        }
    }

    fn count(&mut self, n: usize) {
        match u32::try_from(n) {
            Ok(n) => self.words.push(n),
            Err(_) => self.failed = true,
        }
    }

    fn strings(&mut self, items: &[impl AsRef<str>]) {
        self.count(items.len());
        for item in items {
            self.string(item.as_ref());
        }
    }

    /// Hands the piece written so far to JavaScript.
    fn flush(&mut self) {
        if self.words.is_empty() || self.failed {
            self.clear();
            return;
        }
        let removals = if self.removals.is_empty() {
            Some(String::new())
        } else {
            serde_json::to_string(&self.removals).ok()
        };
        let undefined = JsValue::UNDEFINED;
        let body = self.body.as_ref().map_or(&undefined, |(text, _)| *text);
        let handed = removals.is_some_and(|removals| {
            cc_build(&self.list, &self.heap, &self.words, body, &removals).is_ok()
        });
        if !handed {
            self.failed = true;
        }
        self.clear();
    }

    fn clear(&mut self) {
        self.words.clear();
        self.heap.clear();
        self.units = 0;
        self.removals.clear();
    }
}

/// Byte offsets of a UTF-8 text as UTF-16 offsets (JavaScript string indices), in any order:
/// none to count for ASCII; otherwise the units before every [`STRIDE`]th byte are noted once
/// (a table of a sixteenth of the text's size, whatever its characters), and an offset is that
/// note plus the units of fewer than `STRIDE` bytes.
struct Utf16Offsets<'a> {
    bytes: &'a [u8],
    ascii: bool,
    /// The UTF-16 units of the text's bytes before `k * STRIDE`, for each `k`; `None` when the
    /// table could not be had (then no offset is known, and the writer falls back).
    checkpoints: Option<Vec<u32>>,
}

/// The bytes between two notes of [`Utf16Offsets`].
const STRIDE: usize = 64;

impl<'a> Utf16Offsets<'a> {
    fn new(text: &'a str) -> Self {
        let bytes = text.as_bytes();
        let ascii = text.is_ascii();
        let checkpoints = if ascii {
            Some(Vec::new())
        } else {
            let mut notes = Vec::new();
            notes
                .try_reserve_exact(bytes.len() / STRIDE + 2)
                .ok()
                .and_then(|()| {
                    let mut units = 0usize;
                    for chunk in bytes.chunks(STRIDE) {
                        notes.push(u32::try_from(units).ok()?);
                        units += utf16_units(chunk);
                    }
                    // The end, for an offset at the end of a text whose length is a multiple.
                    notes.push(u32::try_from(units).ok()?);
                    Some(notes)
                })
        };
        Utf16Offsets {
            bytes,
            ascii,
            checkpoints,
        }
    }

    /// The UTF-16 offset of byte offset `byte`, a character boundary of the text (`None` past its
    /// end, or beyond what a JavaScript string can hold).
    fn at(&self, byte: usize) -> Option<u32> {
        if byte > self.bytes.len() {
            return None;
        }
        if self.ascii {
            return u32::try_from(byte).ok();
        }
        let note = byte / STRIDE;
        let before = *self.checkpoints.as_ref()?.get(note)?;
        let since = self.bytes.get(note * STRIDE..byte)?;
        u32::try_from(utf16_units(since)).ok()?.checked_add(before)
    }

    /// Where `text` is in the text, as a UTF-16 range, when it is a slice of it.
    fn range_of(&self, text: &str) -> Option<(u32, u32)> {
        let base = self.bytes.as_ptr() as usize;
        let start = (text.as_ptr() as usize).checked_sub(base)?;
        let end = start.checked_add(text.len())?;
        if end > self.bytes.len() {
            return None;
        }
        Some((self.at(start)?, self.at(end)?))
    }
}

/// The UTF-16 units of the characters that start in `bytes`: one per character (continuation
/// bytes add none), two for a four-byte character (a surrogate pair). Eight ASCII bytes at a
/// time, the rest byte by byte.
fn utf16_units(bytes: &[u8]) -> usize {
    let mut chunks = bytes.chunks_exact(8);
    let mut units = 0;
    for chunk in &mut chunks {
        let word = chunk.first_chunk::<8>().copied().unwrap_or([0x80; 8]);
        units += if u64::from_le_bytes(word) & 0x8080_8080_8080_8080 == 0 {
            8
        } else {
            units_bytewise(chunk)
        };
    }
    units + units_bytewise(chunks.remainder())
}

/// [`utf16_units`], one byte at a time.
fn units_bytewise(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0xBF => 0,
            0xF0..=0xFF => 2,
            _ => 1,
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_offsets_count_units_not_bytes() {
        let text = "a\u{e9}b\u{1F600}c";
        let offsets = Utf16Offsets::new(text);
        // bytes: a(0) é(1,2) b(3) 😀(4..8) c(8)
        assert_eq!(offsets.at(0), Some(0));
        assert_eq!(offsets.at(3), Some(2));
        assert_eq!(offsets.at(8), Some(5));
        assert_eq!(offsets.at(9), Some(6));
        assert_eq!(offsets.at(10), None, "past the end");
        // A text whose length is a multiple of the stride: its end too.
        let whole = "é".repeat(STRIDE);
        assert_eq!(
            Utf16Offsets::new(&whole).at(whole.len()),
            Some(STRIDE as u32)
        );
        assert_eq!(
            Utf16Offsets::new(&whole).at(STRIDE),
            Some(STRIDE as u32 / 2)
        );
        assert_eq!(offsets.at(3), Some(2), "again, in any order");
        let ascii = Utf16Offsets::new("abc");
        assert_eq!(ascii.at(3), Some(3));
        assert_eq!(ascii.at(4), None);
        for (byte, _) in text.char_indices() {
            let expected = text[..byte].encode_utf16().count() as u32;
            assert_eq!(Utf16Offsets::new(text).at(byte), Some(expected));
        }
        // Longer texts, asked for in steps (the eight-byte runs and the bytes after them).
        let long = "plain ascii run é 名 😀 x".repeat(40);
        let offsets = Utf16Offsets::new(&long);
        let boundaries: Vec<usize> = long.char_indices().map(|(i, _)| i).collect();
        let forward = boundaries.iter().step_by(3);
        let backward = boundaries.iter().rev().step_by(5);
        // In any order: forwards, backwards and jumping across the notes.
        let jumps = (0..boundaries.len()).map(|i| &boundaries[(i * 37) % boundaries.len()]);
        for &byte in forward.chain(backward).chain(jumps) {
            let expected = long[..byte].encode_utf16().count() as u32;
            assert_eq!(offsets.at(byte), Some(expected), "at {byte}");
        }
    }

    proptest::proptest! {
        /// Any text, any byte offsets at character boundaries in any order: the UTF-16 offsets
        /// JavaScript would index; and a slice of the text is found where it is.
        #[test]
        fn utf16_offsets_agree_with_encode_utf16(text in "\\PC{0,300}", picks in proptest::collection::vec(0usize..400, 0..20)) {
            let boundaries: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
            let chosen: Vec<usize> = picks.iter().map(|p| boundaries[p % boundaries.len()]).collect();
            let offsets = Utf16Offsets::new(&text);
            for &byte in &chosen {
                let expected = text[..byte].encode_utf16().count() as u32;
                proptest::prop_assert_eq!(offsets.at(byte), Some(expected));
            }
            if let [a, b, ..] = chosen[..] {
                let (start, end) = (a.min(b), a.max(b));
                let units = |byte: usize| text[..byte].encode_utf16().count() as u32;
                proptest::prop_assert_eq!(offsets.range_of(&text[start..end]), Some((units(start), units(end))));
            }
            // The same characters elsewhere in memory are not a slice of the text.
            let elsewhere = text.clone();
            if !text.is_empty() {
                proptest::prop_assert_eq!(offsets.range_of(&elsewhere), None);
            }
        }
    }

    /// The names of certificates.js's tables, in the order of the indices above, are the
    /// model's own (serde) spellings.
    #[test]
    fn the_script_tables_spell_the_model() {
        let script = include_str!("certificates.js");
        let table = |name: &str| -> Vec<String> {
            let start = script
                .find(&format!("const {name} = ["))
                .unwrap_or_else(|| panic!("{name} not in certificates.js"));
            let rest = &script[start..];
            let list = &rest[rest.find('[').unwrap() + 1..rest.find(']').unwrap()];
            list.split(',')
                .map(|s| s.trim().trim_matches('"').to_string())
                .filter(|s| !s.is_empty())
                .collect()
        };
        let providers = [
            Provider::TencentSsl,
            Provider::TencentLegacy,
            Provider::VolcengineLive,
            Provider::VolcengineCert,
            Provider::Qiniu,
            Provider::TencentDns,
            Provider::VolcengineDns,
        ];
        let names = table("PROVIDERS");
        assert_eq!(names.len(), providers.len());
        for p in providers {
            assert_eq!(names[provider_index(p) as usize], spelt(&p));
        }
        let statuses = [
            CertStatus::Active,
            CertStatus::Expiring,
            CertStatus::Expired,
            CertStatus::Pending,
            CertStatus::Failed,
            CertStatus::Revoked,
            CertStatus::Cancelled,
            CertStatus::Disabled,
            CertStatus::Unknown,
        ];
        let names = table("STATUSES");
        assert_eq!(names.len(), statuses.len());
        for s in statuses {
            assert_eq!(names[status_index(s) as usize], spelt(&s));
        }
        let names = table("VALIDATIONS");
        for v in [Validation::Dv, Validation::Ov, Validation::Ev] {
            assert_eq!(names[validation_index(v) as usize], spelt(&v));
        }
        let names = table("SOURCES");
        for s in [
            CertSource::Upload,
            CertSource::Purchased,
            CertSource::Free,
            CertSource::Test,
        ] {
            assert_eq!(names[source_index(s) as usize], spelt(&s));
        }
    }

    /// An enum value's serde spelling.
    fn spelt<T: serde::Serialize>(value: &T) -> String {
        serde_json::to_value(value)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    }
}

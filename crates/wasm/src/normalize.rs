//! `normalizeResponse`.

use wasm_bindgen::prelude::*;

use crate::error::JsError;
use crate::read::optional_from_js;
use crate::read::{from_js, kind_of};
use cloudcerts::error::{Error, ErrorCode};
use cloudcerts::model::{CertificateOf, NormalizeOptions, Provider};
use cloudcerts::vendors::{CertificateSink, RawReference};

use crate::certificates::CertificateWriter;

#[wasm_bindgen(module = "/src/list.js")]
extern "C" {
    /// Writes `text` as UTF-8 into `into` (as much as fits), and how many units it read and bytes
    /// it wrote into `out`.
    fn cc_encode_into(text: &js_sys::JsString, into: &mut [u8], out: &mut [u32]);
    /// The length in UTF-8 of `text` from UTF-16 unit `from` on.
    fn cc_utf8_length(text: &js_sys::JsString, from: u32) -> u32;
    /// Whether `text` has no lone surrogate (`String.prototype.isWellFormed`; js-sys's
    /// `is_valid_utf16` crosses the boundary once per UTF-16 unit).
    fn cc_well_formed(text: &js_sys::JsString) -> bool;
}

/// Turns the raw text of a vendor's list or get response into certificates (see the
/// `normalizeResponse` export).
///
/// # Errors
/// The vendor's error envelope as its typed error, `BadResponse`, or `InvalidInput` naming the
/// argument at fault.
pub fn normalize_response(
    provider: &JsValue,
    body: &JsValue,
    options: &JsValue,
) -> Result<JsValue, JsError> {
    crate::install_clock();
    let provider = Provider::parse(&from_js::<String>(provider, "provider")?, "provider")?;
    if !body.is_string() {
        return Err(Error::invalid_input(
            "body",
            format!("expected a string, got {}", kind_of(body)),
        )
        .into());
    }
    let body: &js_sys::JsString = body.unchecked_ref();
    let text =
        utf8_of(body).ok_or_else(|| Error::invalid_input("body", "could not be read as text"))?;
    let options: NormalizeOptions = optional_from_js(options, "options")?;
    // `raw`, and every string of a certificate that the body holds as it is, are sliced from the
    // caller's string, while the wasm reads it as TextEncoder wrote it:
    // a lone surrogate became U+FFFD (one UTF-16 unit, as before: the offsets hold). Where that
    // happened, the slices come from the text the wasm read, so that a key on a private key's
    // path is spelt as the wasm named it.
    // No U+FFFD in what the wasm read: no lone surrogate in the body (each became one).
    let raw_text: JsValue = if !text.contains('\u{FFFD}') || cc_well_formed(body) {
        body.into()
    } else {
        js_sys::JsString::from(text.as_str()).into()
    };
    // Each certificate is written out as soon as its record is read, so that normalizing holds
    // the body, one piece of the list and one record at a time; each `raw` is read on demand
    // from its record's own text (crates/wasm/src/certificates.rs): a body whose `raw`s nobody
    // reads is not parsed again.
    let mut list = Streamed(CertificateWriter::new(Some((&raw_text, &text))));
    cloudcerts::vendors::parse_page_into(provider, &text, &options, &mut list)?;
    if let Some(array) = list.0.finish() {
        return Ok(array.into());
    }
    // A record not where the wasm found it, or a piece that could not be handed over (neither
    // happens for a body serde_json reads): the certificates again, each with its `raw`
    // written out of wasm.
    let page = cloudcerts::vendors::parse_page(provider, &text, &options)?;
    CertificateWriter::all(&page.certificates)
        .map(Into::into)
        .ok_or_else(|| {
            Error::new(
                ErrorCode::BadResponse,
                "the certificates could not be handed over",
            )
            .into()
        })
}

/// `text` as UTF-8, encoded straight into wasm memory. The buffer is allocated at the text's
/// length and an eighth more (vendor bodies run 0.6-3.3% more bytes than characters, BENCHMARKS.md
/// §5): wasm memory keeps its peak, and a large buffer grown later is copied, the old one held
/// until then (3x the body, measured). A text that needs more is encoded again into a buffer of
/// exactly its size (`cc_utf8_length`), the first one freed before. `None` if the memory cannot
/// be had, or if the encoder does not write the whole text as UTF-8 (TextEncoder always does).
fn utf8_of(text: &js_sys::JsString) -> Option<String> {
    let units = text.length() as usize;
    let mut bytes = zeroed(units.checked_add(units / 8)?)?;
    let (mut read, mut written) = encode_into(text, &mut bytes)?;
    if read < units {
        let size = written.checked_add(cc_utf8_length(text, u32::try_from(read).ok()?) as usize)?;
        drop(bytes);
        bytes = zeroed(size)?;
        (read, written) = encode_into(text, &mut bytes)?;
        if read < units {
            return None;
        }
    }
    bytes.truncate(written);
    String::from_utf8(bytes).ok()
}

/// `n` zero bytes, or `None` if the memory cannot be had.
fn zeroed(n: usize) -> Option<Vec<u8>> {
    let mut bytes = Vec::new();
    bytes.try_reserve_exact(n).ok()?;
    bytes.resize(n, 0);
    Some(bytes)
}

/// Encodes as much of `text` as fits into `into`: the UTF-16 units read and the bytes written.
fn encode_into(text: &js_sys::JsString, into: &mut [u8]) -> Option<(usize, usize)> {
    let mut out = [0u32; 2];
    cc_encode_into(text, into, &mut out);
    let [read, written] = out;
    (written as usize <= into.len()).then_some((read as usize, written as usize))
}

/// The certificates of one body, handed to the writer as they are made.
struct Streamed<'b>(CertificateWriter<'b>);

impl CertificateSink for Streamed<'_> {
    fn certificate(&mut self, certificate: CertificateOf<'_>, raw: Option<RawReference>) {
        self.0.push(&certificate, raw.as_ref());
    }
    fn reset(&mut self) {
        self.0.reset();
    }
}

/// The `normalizeResponse` export, with its documentation and `.d.ts` signature, for a module to
/// declare: the main module and the bench's size variants invoke it.
#[macro_export]
macro_rules! export_normalize_response {
    () => {
        /// Turns the raw text of a vendor's list or get response into certificates of the one model.
        ///
        /// Pure: no network, no clock unless `options.now` is absent. Dates come out as RFC 3339 UTC
        /// (Tencent's and Certificate Center's naive times are Beijing time), `daysRemaining` and
        /// `status` are computed against `options.now`, and private keys are removed from `raw` unless
        /// `options.includePrivateKey` is true.
        ///
        /// # Errors
        /// Throws a `CloudCertError`: the vendor's error envelope as its typed `code` (with `vendorCode`,
        /// `requestId`, `httpStatus`, `retryable`, `hint`), `BadResponse` describing (never quoting) a
        /// body that is not the vendor's JSON, `InvalidInput` for an unknown provider, a body that is not
        /// a string, or bad options.
        #[$crate::wasm_bindgen::prelude::wasm_bindgen(js_name = normalizeResponse, unchecked_return_type = "Certificate[]", return_description = "the certificates of the response, in vendor order")]
        pub fn normalize_response(
            #[wasm_bindgen(
                unchecked_param_type = "Provider",
                param_description = "which vendor API produced the body"
            )]
            provider: $crate::wasm_bindgen::JsValue,
            #[wasm_bindgen(
                unchecked_param_type = "string",
                param_description = "the response body text, exactly as received"
            )]
            body: $crate::wasm_bindgen::JsValue,
            #[wasm_bindgen(
                param_description = "`{now?, expiringWithinDays?, includePrivateKey?, httpStatus?, label?}`"
            )]
            options: Option<$crate::types::NormalizeOptionsArg>,
        ) -> Result<$crate::wasm_bindgen::JsValue, $crate::JsError> {
            $crate::normalize::normalize_response(&provider, &body, &$crate::types::optional(options))
        }
    };
}

//! How values cross between JavaScript and Rust. Arguments are read by [`read`], a deserializer
//! of our own over `JsValue` that checks each value's JavaScript type and names the member at
//! fault without its value. Small results go out through `serde-wasm-bindgen`'s serializer (one
//! call per value); lists of certificates go out as JSON text for the engine's `JSON.parse`
//! ([`list_to_js`]): in Chromium that crossing takes half the time of serde-wasm-bindgen's (in
//! Node 20 it is the other way round; the browser is the target).
//!
//! Consequences that the API documents: `undefined` and `null` members are absent, members the
//! model does not know are not read at all (functions, DOM objects such as an `AbortSignal`,
//! cycles), a `Map` reads as an object everywhere, `NaN` and infinities are refused, and a JSON
//! `null` inside a vendor's `raw` record stays `null`.

#[cfg(not(feature = "inspector-only"))]
pub mod packed;
pub mod read;

use serde::Serialize;
use wasm_bindgen::JsValue;

use crate::error::{Error, Result};

pub use read::{from_js, is_abort_signal, is_object, kind_of, member};

/// Writes a list of certificates (or other records) as JSON text that the engine's `JSON.parse`
/// reads: for lists, cheaper than [`to_js`]'s one call into JavaScript per value in Chromium
/// (0.5× the crossing's time), dearer in Node 20 (1.1–2×; BENCHMARKS.md §13). The browser is
/// the target, so lists cross this way; small results go through [`to_js`].
///
/// The same values as [`to_js`]: `None` is `null`, maps are objects, integers are numbers.
pub fn list_to_js<T: Serialize>(items: &[T]) -> Result<JsValue> {
    let text = serde_json::to_string(items)
        .map_err(|e| Error::new(crate::error::ErrorCode::BadResponse, format!("result: {e}")))?;
    js_sys::JSON::parse(&text)
        .map_err(|_| Error::new(crate::error::ErrorCode::BadResponse, "result: not JSON"))
}

/// Writes `value` as a plain JS value (objects, arrays, strings, numbers, booleans, `null`).
/// `json_compatible`: `None` is `null`, maps are plain objects, and 64-bit integers are
/// numbers, as `JSON.parse` would give them.
pub fn to_js<T: Serialize>(value: &T) -> Result<JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| Error::new(crate::error::ErrorCode::BadResponse, format!("result: {e}")))
}

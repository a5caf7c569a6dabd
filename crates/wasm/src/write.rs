//! Writing results for JavaScript. Small results go through `serde-wasm-bindgen`'s serializer
//! (one call per value); certificates, and every result that holds them, go out as JSON text
//! for the engine's `JSON.parse` ([`json_to_js`]): in Chromium that crossing takes half the time
//! of serde-wasm-bindgen's (in Node 20 it is the other way round; the browser is the target,
//! BENCHMARKS.md §13), and one crossing for them means the module carries one `Serialize` of
//! `Certificate`. A JSON `null` inside a vendor's `raw` record stays `null`.

use serde::Serialize;
use wasm_bindgen::JsValue;

use cloudcerts::error::{Error, ErrorCode, Result};

/// Writes `value` (a certificate, a list of them, or a result that holds them) as JSON text that
/// the engine's `JSON.parse` reads. The same values as [`to_js`]: `None` is `null`, maps are
/// objects, integers are numbers.
///
/// # Errors
/// `BadResponse` if the value cannot be written (it always can).
pub fn json_to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue> {
    let text = serde_json::to_string(value)
        .map_err(|e| Error::new(ErrorCode::BadResponse, format!("result: {e}")))?;
    js_sys::JSON::parse(&text).map_err(|_| Error::new(ErrorCode::BadResponse, "result: not JSON"))
}

/// Writes `value` as a plain JS value (objects, arrays, strings, numbers, booleans, `null`).
/// `json_compatible`: `None` is `null`, maps are plain objects, and 64-bit integers are
/// numbers, as `JSON.parse` would give them.
///
/// # Errors
/// `BadResponse` if the value cannot be written (it always can).
pub fn to_js<T: Serialize>(value: &T) -> Result<JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| Error::new(ErrorCode::BadResponse, format!("result: {e}")))
}

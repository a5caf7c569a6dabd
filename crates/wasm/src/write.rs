//! Writing results for JavaScript. Small results go through `serde-wasm-bindgen`'s serializer
//! (one call per value); lists of certificates go out as JSON text for the engine's
//! `JSON.parse` ([`list_to_js`]): in Chromium that crossing takes half the time of
//! serde-wasm-bindgen's (in Node 20 it is the other way round; the browser is the target,
//! BENCHMARKS.md §13). A JSON `null` inside a vendor's `raw` record stays `null`.

use serde::Serialize;
use wasm_bindgen::JsValue;

use cloudcerts::error::{Error, ErrorCode, Result};

/// Writes a list of certificates (or other records) as JSON text that the engine's `JSON.parse`
/// reads. The same values as [`to_js`]: `None` is `null`, maps are objects, integers are numbers.
///
/// # Errors
/// `BadResponse` if the values cannot be written (they always can).
pub fn list_to_js<T: Serialize>(items: &[T]) -> Result<JsValue> {
    json_to_js(items)
}

/// Writes `value` as JSON text that the engine's `JSON.parse` reads (see [`list_to_js`]): for the
/// results that hold certificates (their list is emptied and set afterwards, but the type is
/// what decides which `Serialize` code the module carries).
///
/// # Errors
/// `BadResponse` if the value cannot be written (it always can).
pub fn json_to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue> {
    let text = serde_json::to_string(value)
        .map_err(|e| Error::new(ErrorCode::BadResponse, format!("result: {e}")))?;
    js_sys::JSON::parse(&text).map_err(|_| Error::new(ErrorCode::BadResponse, "result: not JSON"))
}

/// Writes one certificate as [`list_to_js`] writes a list's: a certificate, and every result that
/// holds certificates ([`json_to_js`]), crosses one way only (through JSON text), so the module
/// carries one `Serialize` of `Certificate`, not a second for serde-wasm-bindgen.
///
/// # Errors
/// `BadResponse` if it cannot be written (it always can).
pub fn certificate_to_js(certificate: &cloudcerts::model::Certificate) -> Result<JsValue> {
    let list = list_to_js(std::slice::from_ref(certificate))?;
    Ok(js_sys::Reflect::get_u32(&list, 0).unwrap_or(JsValue::UNDEFINED))
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

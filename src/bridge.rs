//! How values cross between JavaScript and Rust: through `serde-wasm-bindgen`, which reads and
//! builds JavaScript values with one call per value. Chosen by measurement over JSON text
//! (`JSON.stringify`/`serde_json` in, `serde_json`/`JSON.parse` out): handing certificate lists
//! over took 0.5–0.85× the time, and without `serde_json`'s deserializers for the model types
//! the main module is 1.9 KB and the inspector 9 KB smaller gzipped (BENCHMARKS.md §13).
//!
//! Consequences that the API documents: `undefined` members are absent, members the model does
//! not know are not read at all (functions, DOM objects such as an `AbortSignal`, cycles), a
//! `Map` reads as an object, `NaN` and infinities are invalid numbers rather than `null`, and a
//! JSON `null` inside a vendor's `raw` record stays `null`.

use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::JsValue;

use crate::error::{Error, Result};

/// Reads `value` as a `T`; `name` is the argument's name for the error.
pub fn from_js<T: DeserializeOwned>(value: &JsValue, name: &str) -> Result<T> {
    let value = if value.is_undefined() {
        JsValue::NULL
    } else {
        value.clone()
    };
    serde_wasm_bindgen::from_value(value).map_err(|e| {
        // Its message is the text of a JavaScript `Error`: drop the "Error: " in front.
        let text = e.to_string();
        let message = text.strip_prefix("Error: ").unwrap_or(&text);
        Error::invalid_input(name, message)
    })
}

/// Writes `value` as a plain JS value (objects, arrays, strings, numbers, booleans, `null`).
/// `json_compatible`: `None` is `null`, maps are plain objects, and 64-bit integers are
/// numbers, as `JSON.parse` would give them.
pub fn to_js<T: Serialize>(value: &T) -> Result<JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| Error::new(crate::error::ErrorCode::BadResponse, format!("result: {e}")))
}

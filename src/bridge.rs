//! How values cross between JavaScript and Rust. Arguments come in as JSON text: the engine's
//! own `JSON.stringify`, read by `serde_json` (linked anyway for vendor responses). Results go
//! out through `serde-wasm-bindgen`, which builds the objects with one call into JavaScript per
//! value: for certificate lists that measured 0.5–0.85× the time of `serde_json` text plus the
//! engine's `JSON.parse`, for 3.3 KB gzipped (BENCHMARKS.md §13).
//!
//! Consequences that the API documents: `undefined` members are absent, functions and DOM
//! objects such as an `AbortSignal` are not read here (the wasm layer takes them apart), and a
//! JSON `null` inside a vendor's `raw` record stays `null`.

use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::JsValue;

use crate::error::{Error, Result};

/// Reads `value` as a `T`; `name` is the argument's name for the error.
pub fn from_js<T: DeserializeOwned>(value: &JsValue, name: &str) -> Result<T> {
    let text = if value.is_undefined() {
        "null".to_owned()
    } else {
        js_sys::JSON::stringify(value)
            .ok()
            .and_then(|s| s.as_string())
            .ok_or_else(|| {
                Error::invalid_input(
                    name,
                    "cannot be read (it holds a BigInt, a cycle or a non-JSON value)",
                )
            })?
    };
    serde_json::from_str(&text).map_err(|e| Error::invalid_input(name, describe(&e)))
}

/// `serde_json`'s message without the "at line 1 column N" position, which means nothing to a
/// caller who passed an object.
fn describe(error: &serde_json::Error) -> String {
    let text = error.to_string();
    match text.rfind(" at line ") {
        Some(cut) => text.get(..cut).unwrap_or(&text).to_owned(),
        None => text,
    }
}

/// Writes `value` as a plain JS value (objects, arrays, strings, numbers, booleans, `null`).
/// `json_compatible`: `None` is `null`, maps are plain objects, and 64-bit integers are
/// numbers, as `JSON.parse` would give them.
pub fn to_js<T: Serialize>(value: &T) -> Result<JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| {
            Error::new(
                crate::error::ErrorCode::BadResponse,
                format!("result: {e}"),
            )
        })
}

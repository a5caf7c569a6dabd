//! How values cross between JavaScript and Rust: as JSON text. A JS value is turned into text by
//! the engine's own `JSON.stringify` and read by `serde_json`; results go out through
//! `serde_json` and the engine's `JSON.parse`.
//!
//! Chosen over `serde-wasm-bindgen` (one JS call per field) for size and speed: `serde_json` is
//! linked anyway for vendor responses, the engines' JSON functions are fast native code, and a
//! certificate list crosses as one string. (See BENCHMARKS.md for the measurements.) Consequences
//! that the API documents: `undefined` members are absent, functions and DOM objects such as an
//! `AbortSignal` are not read here (the wasm layer takes them apart), and a JSON `null` inside a
//! vendor's `raw` record stays `null`.

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
pub fn to_js<T: Serialize>(value: &T) -> Result<JsValue> {
    let text = serde_json::to_string(value)
        .map_err(|e| Error::new(crate::error::ErrorCode::BadResponse, format!("result: {e}")))?;
    js_sys::JSON::parse(&text).map_err(|_| {
        Error::new(
            crate::error::ErrorCode::BadResponse,
            "result: JSON.parse failed",
        )
    })
}

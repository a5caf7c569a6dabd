//! Writing results for JavaScript: through `serde-wasm-bindgen`'s serializer (one call per
//! value). Certificates do not come this way: they cross through [`crate::certificates`], and
//! the results that hold them are written without them and given them from there.

use serde::Serialize;
use wasm_bindgen::JsValue;

use cloudcerts::error::{Error, ErrorCode, Result};

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

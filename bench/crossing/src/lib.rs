//! Three ways to hand the certificates of one body to JavaScript, for bench/crossing.mjs. Each
//! export parses `body` as the package's `normalizeResponse` does (raw by reference), then:
//!
//! - `viaJson`: `serde_json` writes them as text, the engine's `JSON.parse` reads it (the package);
//! - `viaSerdeWasmBindgen`: `serde-wasm-bindgen` builds the objects with one JS call per value;
//! - `viaNothing`: returns only their number (what the parse and normalization cost alone).

use cloudcerts::model::{NormalizeOptions, Provider};
use cloudcerts::vendors::parse_page_by_reference;
use serde::Serialize;
use wasm_bindgen::prelude::*;

fn page(provider: &str, body: &str, now: f64) -> Result<Vec<cloudcerts::model::Certificate>, JsValue> {
    let provider = Provider::parse(provider, "provider").map_err(|e| JsValue::from_str(&e.message))?;
    let options = NormalizeOptions {
        now: Some(now),
        ..NormalizeOptions::default()
    };
    parse_page_by_reference(provider, body, &options)
        .map(|page| page.certificates)
        .map_err(|e| JsValue::from_str(&e.message))
}

/// The certificates through `serde_json` text and `JSON.parse`.
#[wasm_bindgen(js_name = viaJson)]
pub fn via_json(provider: &str, body: &str, now: f64) -> Result<JsValue, JsValue> {
    let certificates = page(provider, body, now)?;
    let text = serde_json::to_string(&certificates).map_err(|e| JsValue::from_str(&e.to_string()))?;
    js_sys::JSON::parse(&text)
}

/// The certificates through `serde-wasm-bindgen` (plain objects, `null` for absent values).
#[wasm_bindgen(js_name = viaSerdeWasmBindgen)]
pub fn via_serde_wasm_bindgen(provider: &str, body: &str, now: f64) -> Result<JsValue, JsValue> {
    let certificates = page(provider, body, now)?;
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    certificates
        .serialize(&serializer)
        .map_err(|e| JsValue::from_str(&e.to_string()))
}

/// Only the number of certificates.
#[wasm_bindgen(js_name = viaNothing)]
pub fn via_nothing(provider: &str, body: &str, now: f64) -> Result<u32, JsValue> {
    Ok(page(provider, body, now)?.len() as u32)
}

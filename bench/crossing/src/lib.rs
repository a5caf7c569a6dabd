//! The crossing experiments of BENCHMARKS.md §13 and §14.
//!
//! Out (bench/crossing.mjs), three ways to hand the certificates of one body to JavaScript. Each
//! export parses `body` as the package's `normalizeResponse` does (raw by reference), then:
//!
//! - `viaJson`: `serde_json` writes them as text, the engine's `JSON.parse` reads it;
//! - `viaSerdeWasmBindgen`: `serde-wasm-bindgen` builds the objects with one JS call per value
//!   (the package);
//! - `viaNothing`: returns only their number (what the parse and normalization cost alone).
//!
//! In (bench/crossing-in.mjs), ways to get the records' fields into wasm: `readText` (the
//! package: the body's text, read by `records::read`) and `readParsed` (the objects of
//! JavaScript's own `JSON.parse`, field by field through `js_sys`).

use cloudcerts::model::{NormalizeOptions, Provider};
use cloudcerts::vendors::list_shape;
use cloudcerts::vendors::parse_page_by_reference;
use cloudcerts::vendors::records::{self, Record};
use cloudcerts::vendors::redact::{self, Step};
use js_sys::{Array, Object, Reflect};
use serde::Serialize;
use serde_json::{Map, Value};
use wasm_bindgen::prelude::*;

fn page(
    provider: &str,
    body: &str,
    now: f64,
) -> Result<Vec<cloudcerts::model::Certificate>, JsValue> {
    let provider =
        Provider::parse(provider, "provider").map_err(|e| JsValue::from_str(&e.message))?;
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
    let text =
        serde_json::to_string(&certificates).map_err(|e| JsValue::from_str(&e.to_string()))?;
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

// ---- The input crossing (BENCHMARKS.md §14): the records of a body read from its text in
// wasm (what the package does), or from the objects of JavaScript's own `JSON.parse` of it
// (which the package makes anyway, for `raw`), field by field through `js_sys`.

/// The list path and record fields of `provider` (`"tencent-ssl"`, ...); Qiniu's for an unknown name.
fn shape(provider: &str) -> (&'static [&'static str], &'static [&'static str]) {
    list_shape(Provider::parse(provider, "provider").unwrap_or(Provider::Qiniu))
}

fn js_err(e: impl std::fmt::Display) -> JsValue {
    JsValue::from_str(&e.to_string())
}

fn records_from_text(provider: &str, body: &str) -> Result<Vec<Record>, JsValue> {
    let (path, fields) = shape(provider);
    let read = records::read(body, path, fields).map_err(js_err)?;
    read.records.ok_or_else(|| JsValue::from_str("no list"))
}

/// Private keys under `value` (not itself a kept field), found by walking it through `js_sys`.
fn scan_js(value: &JsValue, at: &mut Vec<Step>, found: &mut Vec<Vec<Step>>) {
    if let Some(text) = value.dyn_ref::<js_sys::JsString>() {
        if text.length() as usize >= 26 {
            if let Some(s) = text.as_string() {
                if redact::is_pem_private_key(&s) {
                    found.push(at.clone());
                }
            }
        }
    } else if Array::is_array(value) {
        let items: &Array = value.unchecked_ref();
        for (i, item) in items.iter().enumerate() {
            at.push(Step::Index(i));
            scan_js(&item, at, found);
            at.pop();
        }
    } else if value.is_object() {
        let keys = Object::keys(value.unchecked_ref::<Object>());
        for key in keys.iter() {
            let name = key.as_string().unwrap_or_default();
            at.push(Step::Key(name.clone()));
            if redact::is_private_key_name(&name) {
                found.push(at.clone());
            } else if let Ok(v) = Reflect::get(value, &key) {
                scan_js(&v, at, found);
            }
            at.pop();
        }
    }
}

fn records_from_parsed(
    provider: &str,
    parsed: &JsValue,
    scan: bool,
) -> Result<Vec<Record>, JsValue> {
    let (path, fields) = shape(provider);
    let mut at = parsed.clone();
    for key in path {
        at = Reflect::get(&at, &JsValue::from_str(key))?;
    }
    let list: Array = at.dyn_into().map_err(|_| JsValue::from_str("no list"))?;
    let names: Vec<JsValue> = fields.iter().map(|f| JsValue::from_str(f)).collect();
    let mut out = Vec::with_capacity(list.length() as usize);
    for record in list.iter() {
        if !record.is_object() || Array::is_array(&record) {
            out.push(Record::whole(
                serde_wasm_bindgen::from_value(record).map_err(js_err)?,
            ));
            continue;
        }
        let mut kept = Map::new();
        for (field, name) in fields.iter().zip(&names) {
            let v = Reflect::get(&record, name)?;
            if !v.is_undefined() {
                kept.insert(
                    (*field).to_owned(),
                    serde_wasm_bindgen::from_value::<Value>(v).map_err(js_err)?,
                );
            }
        }
        let kept = Value::Object(kept);
        let mut private_keys = redact::private_key_paths_in_order(&kept);
        if scan {
            let keys = Object::keys(record.unchecked_ref::<Object>());
            let mut at = Vec::new();
            for key in keys.iter() {
                let name = key.as_string().unwrap_or_default();
                if fields.contains(&name.as_str()) {
                    continue;
                }
                at.push(Step::Key(name.clone()));
                if redact::is_private_key_name(&name) {
                    private_keys.push(at.clone());
                } else {
                    scan_js(&Reflect::get(&record, &key)?, &mut at, &mut private_keys);
                }
                at.pop();
            }
        }
        private_keys.reverse();
        out.push(Record {
            fields: kept,
            private_keys: Some(private_keys),
        });
    }
    Ok(out)
}

fn records_json(records: &[Record]) -> String {
    let list: Vec<Value> = records
        .iter()
        .map(|r| serde_json::json!({"fields": r.fields, "privateKeys": r.private_keys}))
        .collect();
    serde_json::to_string(&list).unwrap_or_default()
}

/// The records read from the body's text in wasm; their number.
#[wasm_bindgen(js_name = readText)]
pub fn read_text(provider: &str, body: &str) -> Result<u32, JsValue> {
    Ok(records_from_text(provider, body)?.len() as u32)
}

/// The records read from `JSON.parse`'s objects; their number. `scan`: also find the private keys
/// of the members that are not kept, through `js_sys`.
#[wasm_bindgen(js_name = readParsed)]
pub fn read_parsed(provider: &str, parsed: JsValue, scan: bool) -> Result<u32, JsValue> {
    Ok(records_from_parsed(provider, &parsed, scan)?.len() as u32)
}

/// The records of `readText`, as JSON (to check the ways agree).
#[wasm_bindgen(js_name = readTextJson)]
pub fn read_text_json(provider: &str, body: &str) -> Result<String, JsValue> {
    Ok(records_json(&records_from_text(provider, body)?))
}

/// The records of `readParsed` with `scan`, as JSON.
#[wasm_bindgen(js_name = readParsedJson)]
pub fn read_parsed_json(provider: &str, parsed: JsValue) -> Result<String, JsValue> {
    Ok(records_json(&records_from_parsed(provider, &parsed, true)?))
}

/// The fields the wasm reads of each record, as JSON.
#[wasm_bindgen(js_name = fieldsOf)]
pub fn fields_of(provider: &str) -> String {
    serde_json::to_string(shape(provider).1).unwrap_or_default()
}

/// Where the records are in a list response of `provider`, as JSON (`["Response","Certificates"]`).
#[wasm_bindgen(js_name = listPathOf)]
pub fn list_path_of(provider: &str) -> String {
    serde_json::to_string(shape(provider).0).unwrap_or_default()
}

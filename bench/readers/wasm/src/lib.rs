//! A tiny wasm module per candidate reader (bench/readers/wasm/run.sh builds one per feature).

use std::cell::RefCell;

use readers::{Count, Vendor};
use wasm_bindgen::prelude::*;

thread_local! {
    static BODY: RefCell<String> = const { RefCell::new(String::new()) };
}

/// Keeps `body` in wasm for the `run_*` exports.
#[wasm_bindgen]
pub fn load(body: String) {
    BODY.with(|b| *b.borrow_mut() = body);
}

#[allow(dead_code)]
fn run(reader: readers::Reader, vendor: u32) -> f64 {
    let Some(vendor) = Vendor::from_code(vendor) else {
        return -1.0;
    };
    BODY.with(|b| {
        let body = b.borrow();
        let mut count = Count::default();
        match reader.read(&body, vendor, &mut count) {
            Ok(()) => count.records as f64 + (count.sum % 1000) as f64 / 1000.0,
            Err(_) => -2.0,
        }
    })
}

#[cfg(feature = "a")]
#[wasm_bindgen]
pub fn run_a(vendor: u32) -> f64 {
    run(readers::Reader::Current, vendor)
}

#[cfg(feature = "b")]
#[wasm_bindgen]
pub fn run_b(vendor: u32) -> f64 {
    run(readers::Reader::Typed, vendor)
}

#[cfg(feature = "c")]
#[wasm_bindgen]
pub fn run_c(vendor: u32) -> f64 {
    run(readers::Reader::Jiter, vendor)
}

#[cfg(feature = "d")]
#[wasm_bindgen]
pub fn run_d(vendor: u32) -> f64 {
    run(readers::Reader::Scan, vendor)
}

#[cfg(feature = "e")]
#[wasm_bindgen]
pub fn run_e(vendor: u32) -> f64 {
    run(readers::Reader::ScanValue, vendor)
}

/// The whole body as a `serde_json::Value`: the library's baseline (it parses envelopes and
/// whole bodies this way), so that "+ base" builds show what a reader adds beside it.
#[cfg(feature = "base")]
#[wasm_bindgen]
pub fn run_base(_vendor: u32) -> f64 {
    BODY.with(|b| match serde_json::from_str::<serde_json::Value>(&b.borrow()) {
        Ok(v) => v.as_object().map_or(0, |o| o.len()) as f64,
        Err(_) => -2.0,
    })
}

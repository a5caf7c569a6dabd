//! `normalizeResponse`.

use wasm_bindgen::prelude::*;

use crate::error::JsError;
use crate::read::optional_from_js;
use crate::read::{from_js, kind_of};
use cloudcerts::error::Error;
use cloudcerts::model::{NormalizeOptions, Provider};

/// Turns the raw text of a vendor's list or get response into certificates (see the
/// `normalizeResponse` export).
///
/// # Errors
/// The vendor's error envelope as its typed error, `BadResponse`, or `InvalidInput` naming the
/// argument at fault.
pub fn normalize_response(
    provider: &JsValue,
    body: &JsValue,
    options: &JsValue,
) -> Result<JsValue, JsError> {
    crate::install_clock();
    let provider = Provider::parse(&from_js::<String>(provider, "provider")?, "provider")?;
    let Some(text) = body.as_string() else {
        return Err(Error::invalid_input(
            "body",
            format!("expected a string, got {}", kind_of(body)),
        )
        .into());
    };
    let body: &js_sys::JsString = body.unchecked_ref();
    let options: NormalizeOptions = optional_from_js(options, "options")?;
    let mut page = cloudcerts::vendors::parse_page_by_reference(provider, &text, &options)?;
    // Each listed record's `raw` is read on demand from its own text in `body`
    // (crates/wasm/src/raw.rs): a body whose `raw`s nobody reads is not parsed again.
    if let Some(array) = crate::fetch::certificates_with_raw_js(
        &page.certificates,
        page.list_path.map(|_| (body, text.as_str())),
    ) {
        return Ok(array);
    }
    // Not where the wasm found it (cannot happen for a body serde_json read): fill `raw` here.
    if let Some(list_path) = page.list_path {
        cloudcerts::vendors::redact::attach_raw(&mut page.certificates, &text, list_path);
    }
    Ok(crate::write::list_to_js(&page.certificates)?)
}

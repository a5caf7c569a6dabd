//! The crate's errors as JavaScript sees them: a `CloudCertError`.
//!
//! Every export returns `Result<_, JsError>`; `?` turns the core's [`Error`] into a [`JsError`],
//! and wasm-bindgen throws it as the `JsValue` of [`to_js_error`].

use wasm_bindgen::JsValue;

use cloudcerts::error::Error;

/// A core [`Error`] on its way to JavaScript (see [`to_js_error`]).
#[derive(Debug)]
pub struct JsError(pub Error);

impl From<Error> for JsError {
    fn from(error: Error) -> Self {
        JsError(error)
    }
}

impl From<JsError> for JsValue {
    fn from(error: JsError) -> Self {
        to_js_error(&error.0)
    }
}

/// A JS `Error` named `CloudCertError` with `code`, `provider`, `vendorCode`, `httpStatus`,
/// `requestId`, `retryable` and `hint` set (absent fields are `undefined`). The one error that
/// carries `problems`, the upload pre-check's refusal, adds them in [`crate::inspect`]: the
/// modules that never refuse an upload (signing, the main one) carry no writer for them.
pub fn to_js_error(error: &Error) -> JsValue {
    let js = js_sys::Error::new(&error.message);
    js.set_name("CloudCertError");
    let object: &JsValue = js.as_ref();
    let set = |key: &str, value: JsValue| {
        // Setting a property on a fresh Error object cannot fail; ignore the impossible error
        // rather than panic.
        let _ = js_sys::Reflect::set(object, &JsValue::from_str(key), &value);
    };
    set("code", JsValue::from_str(error.code.as_str()));
    if let Some(provider) = error.provider {
        set("provider", JsValue::from_str(provider.id()));
    }
    if let Some(vendor_code) = &error.vendor_code {
        set("vendorCode", JsValue::from_str(vendor_code));
    }
    if let Some(status) = error.http_status {
        set("httpStatus", JsValue::from_f64(f64::from(status)));
    }
    if let Some(request_id) = &error.request_id {
        set("requestId", JsValue::from_str(request_id));
    }
    set("retryable", JsValue::from_bool(error.retryable));
    if let Some(hint) = &error.hint {
        set("hint", JsValue::from_str(hint));
    }
    js.into()
}

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

#[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
const CLOUD_CERT_ERROR_TS: &str = r#"
/**
 * What every call of the package throws, or rejects with: a JavaScript `Error` named
 * `CloudCertError`, with the members of `ErrorInfo` (`code`, `provider`, `vendorCode`,
 * `httpStatus`, `requestId`, `retryable`, `hint`). `isCloudCertError` tells one apart from any
 * other value caught.
 */
export interface CloudCertError extends Error, ErrorInfo {
    name: "CloudCertError";
    /** The problems a bundle was refused for, before anything was sent (`uploadCertificate`, `replaceCertificate`). */
    problems?: Problem[];
    /** `issueCertificate`: the CA's problem document's subproblems, one per name (RFC 8555 §6.7.1); the document's type is `vendorCode`, its detail the message. */
    subproblems?: { type: string; detail: string; identifier?: string }[];
}
"#;

/// Whether `value` is a `CloudCertError` as [`to_js_error`] makes them: an object named so, with
/// a string `code` (any realm's `Error`: no `instanceof`).
pub fn is_cloud_cert_error(value: &JsValue) -> bool {
    let member = |key: &str| js_sys::Reflect::get(value, &JsValue::from_str(key)).ok();
    value.is_object()
        && member("name").and_then(|name| name.as_string()).as_deref() == Some("CloudCertError")
        && member("code").is_some_and(|code| code.is_string())
}

/// The `isCloudCertError` export, for a module to declare: the main module and the signing
/// module of `cloudcerts/sign` invoke it.
#[macro_export]
macro_rules! export_is_cloud_cert_error {
    () => {
        /// Whether `error` is a `CloudCertError`, the error every call of the package throws (or
        /// rejects with): narrows it in TypeScript to its `code`, `provider`, `vendorCode`,
        /// `httpStatus`, `requestId`, `retryable`, `hint` and `problems`.
        #[$crate::wasm_bindgen::prelude::wasm_bindgen(js_name = isCloudCertError, unchecked_return_type = "error is CloudCertError", return_description = "true for a CloudCertError")]
        pub fn is_cloud_cert_error(
            #[wasm_bindgen(unchecked_param_type = "unknown", param_description = "anything caught")]
            error: &$crate::wasm_bindgen::JsValue,
        ) -> bool {
            $crate::is_cloud_cert_error(error)
        }
    };
}

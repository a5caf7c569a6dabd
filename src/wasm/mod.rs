//! The `#[wasm_bindgen]` exports: thin, typed, camelCase. Each converts its arguments, calls the
//! core, and converts the result or the error. No logic lives here.
//!
//! Every parameter is a `JsValue` (or an optional extern type, which the glue passes through
//! untouched), typed in the `.d.ts` through `unchecked_param_type` with the interfaces tsify
//! generates from `src/model.rs`: the generated glue never converts an argument itself, so no
//! value of a wrong type can trap the module. Each export reads its arguments with
//! [`crate::bridge::read`], which checks every type and answers `InvalidInput` naming the member
//! and the expected type, never the value.

#[cfg(not(any(feature = "inspector-only", feature = "sign-only")))]
mod client;
mod error;
#[cfg(any(feature = "inspect", feature = "inspector-only"))]
mod inspector;

use serde::de::DeserializeOwned;
use wasm_bindgen::prelude::*;

#[cfg(not(feature = "inspector-only"))]
use crate::model::SignContext;
#[cfg(not(any(feature = "inspector-only", feature = "sign-only")))]
use crate::model::{NormalizeOptions, Provider};

#[cfg(not(any(feature = "inspector-only", feature = "sign-only")))]
pub use client::*;
pub use error::to_js_error;
#[cfg(any(feature = "inspect", feature = "inspector-only"))]
pub use inspector::*;

/// Reads a JS argument, or throws `InvalidInput` naming it.
fn arg<T: DeserializeOwned>(value: &JsValue, name: &str) -> Result<T, JsValue> {
    crate::bridge::from_js(value, name).map_err(|e| to_js_error(&e))
}

/// Reads a string argument, or throws `InvalidInput` naming it.
#[cfg(not(feature = "sign-only"))]
fn string_arg(value: &JsValue, name: &str) -> Result<String, JsValue> {
    arg(value, name)
}

#[wasm_bindgen]
extern "C" {
    /// `string` in the `.d.ts`, for an optional string parameter (it keeps its `?` this way);
    /// read with [`string_arg`].
    #[wasm_bindgen(typescript_type = "string")]
    pub type StringArg;
    /// `SignContext` in the `.d.ts` (an optional parameter keeps its `?` this way).
    #[wasm_bindgen(typescript_type = "SignContext")]
    pub type SignContextArg;
    /// `NormalizeOptions` in the `.d.ts`.
    #[wasm_bindgen(typescript_type = "NormalizeOptions")]
    pub type NormalizeOptionsArg;
    /// `ListQuery` in the `.d.ts`.
    #[wasm_bindgen(typescript_type = "ListQuery")]
    pub type ListQueryArg;
    /// `PageRequest` in the `.d.ts`.
    #[wasm_bindgen(typescript_type = "PageRequest")]
    pub type PageRequestArg;
    /// `ClientOptions` in the `.d.ts`.
    #[wasm_bindgen(typescript_type = "ClientOptions")]
    pub type ClientOptionsArg;
    /// `InspectOptions` in the `.d.ts`.
    #[wasm_bindgen(typescript_type = "InspectOptions")]
    pub type InspectOptionsArg;
}

/// Reads an optional JS argument (`undefined` or `null`: the default).
fn optional_arg<T: DeserializeOwned + Default>(
    value: Option<impl Into<JsValue>>,
    name: &str,
) -> Result<T, JsValue> {
    match value
        .map(Into::into)
        .filter(|v: &JsValue| !v.is_undefined() && !v.is_null())
    {
        Some(value) => arg(&value, name),
        None => Ok(T::default()),
    }
}

/// Writes a result for JavaScript (for the client's and the inspector's exports).
#[cfg(any(
    not(feature = "sign-only"),
    feature = "inspect",
    feature = "inspector-only"
))]
fn to_js<T: serde::Serialize>(value: &T) -> Result<JsValue, JsValue> {
    crate::bridge::to_js(value).map_err(|e| to_js_error(&e))
}

/// Signs a request for a vendor's real URL, synchronously and without any network access.
///
/// Returns `{method, url, headers, body}` ready for `fetch(url, {method, headers, body})`, never
/// with a `Host` header: send it through a CORS proxy that sets the vendor's real host. The
/// result is deterministic when `context` gives `timestampMs` and, for `tencent-legacy`, also
/// `nonce` (a missing nonce is drawn at random).
///
/// # Errors
/// Throws a `CloudCertError` with `code: "InvalidInput"` for an unknown provider, an empty or
/// non-ASCII key, a URL that is not https or whose host does not belong to the provider (unless
/// `account.endpoint` names it), a header `fetch` would refuse, or an argument of the wrong type.
/// Messages name the member at fault and never contain a value that was passed.
#[cfg(not(feature = "inspector-only"))]
#[wasm_bindgen(js_name = signRequest, unchecked_return_type = "SignedRequest", return_description = "the signed request, ready for fetch")]
pub fn sign_request(
    #[wasm_bindgen(
        unchecked_param_type = "Account",
        param_description = "the provider and credentials to sign with"
    )]
    account: JsValue,
    #[wasm_bindgen(
        unchecked_param_type = "HttpRequest",
        param_description = "`{method, url, headers?, body?}` for the vendor's real URL"
    )]
    request: JsValue,
    #[wasm_bindgen(
        param_description = "`{timestampMs?, nonce?}`; defaults to now and a random nonce"
    )]
    context: Option<SignContextArg>,
) -> Result<JsValue, JsValue> {
    let context: JsValue = context.map_or(JsValue::UNDEFINED, Into::into);
    // The common case crosses as one string each way; anything that path declines is read
    // member by member, whose errors name the member.
    let (account, request, context) =
        match crate::bridge::packed::sign_args_from_js(&account, &request, &context) {
            Some(args) => args,
            None => (
                arg(&account, "account")?,
                arg(&request, "request")?,
                optional_arg::<SignContext>(Some(context), "context")?,
            ),
        };
    let signed =
        crate::sign::sign_request(&account, &request, &context).map_err(|e| to_js_error(&e))?;
    crate::bridge::packed::signed_to_js(&signed).map_err(|e| to_js_error(&e))
}

/// Turns the raw text of a vendor's list or get response into certificates of the one model.
///
/// Pure: no network, no clock unless `options.now` is absent. Dates come out as RFC 3339 UTC
/// (Tencent's and Certificate Center's naive times are Beijing time), `daysRemaining` and
/// `status` are computed against `options.now`, and private keys are removed from `raw` unless
/// `options.includePrivateKey` is true.
///
/// # Errors
/// Throws a `CloudCertError`: the vendor's error envelope as its typed `code` (with `vendorCode`,
/// `requestId`, `httpStatus`, `retryable`, `hint`), `BadResponse` describing (never quoting) a
/// body that is not the vendor's JSON, `InvalidInput` for an unknown provider, a body that is not
/// a string, or bad options.
#[cfg(not(any(feature = "inspector-only", feature = "sign-only")))]
#[wasm_bindgen(js_name = normalizeResponse, unchecked_return_type = "Certificate[]", return_description = "the certificates of the response, in vendor order")]
pub fn normalize_response(
    #[wasm_bindgen(
        unchecked_param_type = "Provider",
        param_description = "which vendor API produced the body"
    )]
    provider: JsValue,
    #[wasm_bindgen(
        unchecked_param_type = "string",
        param_description = "the response body text, exactly as received"
    )]
    body: JsValue,
    #[wasm_bindgen(
        param_description = "`{now?, expiringWithinDays?, includePrivateKey?, httpStatus?, label?}`"
    )]
    options: Option<NormalizeOptionsArg>,
) -> Result<JsValue, JsValue> {
    let provider = Provider::parse(&string_arg(&provider, "provider")?, "provider")
        .map_err(|e| to_js_error(&e))?;
    let Some(text) = body.as_string() else {
        return Err(to_js_error(&crate::error::Error::invalid_input(
            "body",
            format!("expected a string, got {}", crate::bridge::kind_of(&body)),
        )));
    };
    let body: js_sys::JsString = body.unchecked_into();
    let options: NormalizeOptions = optional_arg(options, "options")?;
    let mut page = crate::vendors::parse_page_by_reference(provider, &text, &options)
        .map_err(|e| to_js_error(&e))?;
    // Each listed record's `raw` is taken from the engine's own `JSON.parse` of `body` rather
    // than written out of wasm (BENCHMARKS.md §9), as the client does with its pages.
    // JSON.parse of the caller's own string: no second copy of the body out of wasm.
    let parse = || json_parse(&body).ok();
    if let Some(array) =
        crate::transport::certificates_with_raw_js(&page.certificates, parse, page.list_path)
    {
        return Ok(array);
    }
    // Not where the wasm found it (cannot happen for a body serde_json read): fill `raw` here.
    if let Some(list_path) = page.list_path {
        crate::vendors::redact::attach_raw(&mut page.certificates, &text, list_path);
    }
    crate::bridge::list_to_js(&page.certificates).map_err(|e| to_js_error(&e))
}

#[cfg(not(any(feature = "inspector-only", feature = "sign-only")))]
#[wasm_bindgen]
extern "C" {
    /// `JSON.parse` of a JavaScript string, without copying it through wasm memory.
    #[wasm_bindgen(js_namespace = JSON, js_name = parse, catch)]
    fn json_parse(text: &js_sys::JsString) -> Result<JsValue, JsValue>;
}

//! The `#[wasm_bindgen]` exports: thin, typed, camelCase. Each converts its arguments, calls the
//! core, and converts the result or the error. No logic lives here.
//!
//! One serializer configuration for every result ([`to_js`]): maps become plain objects, absent
//! optional fields are left out (the model skips `None`), and a JSON `null` inside a vendor's
//! `raw` record stays `null` (not `undefined`, which `JSON.stringify` would drop).

mod client;
mod error;

use serde::Serialize;
use tsify::Ts;
use wasm_bindgen::prelude::*;

use crate::model::{Account, HttpRequest, NormalizeOptions, Provider, SignContext, SignedRequest};

pub use client::*;
pub use error::to_js_error;

/// Converts a typed JS argument into its Rust model, or throws `InvalidInput` naming it.
fn arg<T>(value: &Ts<T>, name: &str) -> Result<T, JsValue>
where
    T: tsify::Tsify + serde::de::DeserializeOwned,
    <T as tsify::Tsify>::JsType: Clone,
{
    value
        .to_rust()
        .map_err(|e| error::invalid_argument(name, e))
}

/// Serializes a result for JavaScript with the crate's one configuration.
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let serializer = serde_wasm_bindgen::Serializer::new()
        .serialize_maps_as_objects(true)
        .serialize_missing_as_null(true);
    value
        .serialize(&serializer)
        .map_err(|e| error::invalid_argument("result", e))
}

/// Signs a request for a vendor's real URL, synchronously and without any network access.
///
/// Returns `{method, url, headers, body}` ready for `fetch(url, {method, headers, body})`, never
/// with a `Host` header: send it through a CORS proxy that sets the vendor's real host. With
/// `context` given (`timestampMs`, and `nonce` for `tencent-legacy`) the result is deterministic.
///
/// # Errors
/// Throws a `CloudCertError` with `code: "InvalidInput"` for an unknown provider, an empty or
/// non-ASCII key, a URL that is not https or whose host does not belong to the provider (unless
/// `account.endpoint` names it), or a header `fetch` would refuse. Messages never contain secrets.
#[wasm_bindgen(js_name = signRequest, return_description = "the signed request, ready for fetch")]
pub fn sign_request(
    #[wasm_bindgen(param_description = "the provider and credentials to sign with")] account: Ts<
        Account,
    >,
    #[wasm_bindgen(
        param_description = "`{method, url, headers?, body?}` for the vendor's real URL"
    )]
    request: Ts<HttpRequest>,
    #[wasm_bindgen(
        param_description = "`{timestampMs?, nonce?}`; defaults to now and a random nonce"
    )]
    context: Option<Ts<SignContext>>,
) -> Result<Ts<SignedRequest>, JsValue> {
    let account = arg(&account, "account")?;
    let request = arg(&request, "request")?;
    let context = match context {
        Some(context) => arg(&context, "context")?,
        None => SignContext::default(),
    };
    let signed =
        crate::sign::sign_request(&account, &request, &context).map_err(|e| to_js_error(&e))?;
    Ts::from_rust(&signed).map_err(|e| error::invalid_argument("result", e))
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
/// `requestId`, `httpStatus`, `retryable`, `hint`), `BadResponse` quoting the first 200 characters
/// of a body that is not the vendor's JSON, `InvalidInput` for an unknown provider or bad options.
#[wasm_bindgen(js_name = normalizeResponse, unchecked_return_type = "Certificate[]", return_description = "the certificates of the response, in vendor order")]
pub fn normalize_response(
    #[wasm_bindgen(
        unchecked_param_type = "Provider",
        param_description = "which vendor API produced the body"
    )]
    provider: String,
    #[wasm_bindgen(param_description = "the response body text, exactly as received")] body: &str,
    #[wasm_bindgen(
        param_description = "`{now?, expiringWithinDays?, includePrivateKey?, httpStatus?, label?}`"
    )]
    options: Option<Ts<NormalizeOptions>>,
) -> Result<JsValue, JsValue> {
    let provider = Provider::parse(&provider, "provider").map_err(|e| to_js_error(&e))?;
    let options = match options {
        Some(options) => arg(&options, "options")?,
        None => NormalizeOptions::default(),
    };
    let certificates = crate::vendors::normalize_response(provider, body, &options)
        .map_err(|e| to_js_error(&e))?;
    to_js(&certificates)
}

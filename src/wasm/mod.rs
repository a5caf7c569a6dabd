//! The `#[wasm_bindgen]` exports: thin, typed, camelCase. Each converts its arguments, calls the
//! core, and converts the result or the error. No logic lives here.

mod error;

use tsify::Ts;
use wasm_bindgen::prelude::*;

use crate::model::{Account, HttpRequest, SignContext, SignedRequest};

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

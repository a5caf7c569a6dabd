//! `signRequest`.

use wasm_bindgen::JsValue;

use crate::error::JsError;

/// Signs `request` for `account` (see the `signRequest` export): the arguments cross as one
/// string and the result as another ([`crate::packed`], the export's only way across).
///
/// # Errors
/// `InvalidInput` naming the member at fault, or the signer's errors.
pub fn sign_request(
    account: &JsValue,
    request: &JsValue,
    context: &JsValue,
) -> Result<JsValue, JsError> {
    crate::install_clock();
    let (account, request, context) = crate::packed::sign_args_from_js(account, request, context)?;
    let signed = cloudcerts::sign::sign_request(&account, &request, &context)?;
    Ok(crate::packed::signed_to_js(&signed)?)
}

/// The `signRequest` export, with its documentation and `.d.ts` signature, for a module to
/// declare: both the main module and the signing module of `cloudcerts/sign` invoke it.
#[macro_export]
macro_rules! export_sign_request {
    () => {
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
        #[$crate::wasm_bindgen::prelude::wasm_bindgen(js_name = signRequest, unchecked_return_type = "SignedRequest", return_description = "the signed request, ready for fetch")]
        pub fn sign_request(
            #[wasm_bindgen(
                unchecked_param_type = "Account",
                param_description = "the provider and credentials to sign with"
            )]
            account: $crate::wasm_bindgen::JsValue,
            #[wasm_bindgen(
                unchecked_param_type = "HttpRequest",
                param_description = "`{method, url, headers?, body?}` for the vendor's real URL"
            )]
            request: $crate::wasm_bindgen::JsValue,
            #[wasm_bindgen(
                param_description = "`{timestampMs?, nonce?}`; defaults to now and a random nonce"
            )]
            context: Option<$crate::types::SignContextArg>,
        ) -> Result<$crate::wasm_bindgen::JsValue, $crate::JsError> {
            $crate::sign::sign_request(&account, &request, &$crate::types::optional(context))
        }
    };
}

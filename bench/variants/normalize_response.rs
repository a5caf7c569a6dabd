// `normalizeResponse` as crates/main declares it (documentation and `.d.ts` signature included,
// since both end up in the JS glue the size section measures), for the size variants that keep
// it. `bench/size.mjs` notes it when the glue of this declaration drifts from the main module's.

use cloudcerts_wasm::types::{optional, NormalizeOptionsArg};
use cloudcerts_wasm::JsError;
use wasm_bindgen::prelude::*;

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
) -> Result<JsValue, JsError> {
    cloudcerts_wasm::normalize::normalize_response(&provider, &body, &optional(options))
}

//! The ACME module: `issueCertificate`. Loaded on first use, as the inspector is: account keys,
//! ES256 signatures and CSRs need P-256 signing (and RSA key generation for `keyType: "rsa-2048"`),
//! which consoles that never issue never download.
//! Built by its own `cargo build` (scripts/build.sh), so that the features it enables are not
//! unified into the other modules.

use cloudcerts_wasm::types::{optional, IssueOptionsArg};
use wasm_bindgen::prelude::*;

/// Issues a certificate from an ACME CA (RFC 8555) for `request.domains`, proving control of
/// each name with a DNS-01 TXT record published through the caller's DNS accounts
/// (`tencent-dns`, `volcengine-dns`) and removed afterwards, whatever happens. Every request
/// goes through `options.proxy`.
///
/// The certificate's key (P-256, or RSA 2048 with `keyType: "rsa-2048"`) is made in the page; so is the account key, unless
/// `request.accountKey` gives the one a previous call returned (keep it: CAs limit new
/// accounts). Resolves to the chain (leaf first), both keys as PKCS#8 PEM, the account's URL
/// and the leaf's validity.
///
/// # Errors
/// Rejects with a `CloudCertError`: `InvalidInput` for unusable arguments; a CA's problem
/// document with its `type` as `vendorCode` (`RateLimited` for `rateLimited`, `Vendor` for a
/// failed validation, with each name's reason in the message); a DNS provider's typed errors;
/// `Timeout` when a record never shows or the CA never settles; `Aborted`.
#[wasm_bindgen(js_name = issueCertificate, unchecked_return_type = "Promise<IssuedCertificate>", return_description = "the certificate chain, its key, the account key and URL, and the leaf's validity")]
pub fn issue_certificate(
    #[wasm_bindgen(
        unchecked_param_type = "IssueRequest",
        param_description = "`{directory, domains, dns, accountKey?, contact?, externalAccountBinding?, keyType?}`"
    )]
    request: JsValue,
    #[wasm_bindgen(
        param_description = "`{proxy, signal?, onProgress?, timeoutMs?, maxAttempts?, pollIntervalMs?, maxPolls?}`"
    )]
    options: Option<IssueOptionsArg>,
) -> js_sys::Promise {
    cloudcerts_wasm::acme::issue_certificate(request, optional(options))
}

//! The main module of the package (`cloudcerts`): `signRequest`, `normalizeResponse` and the
//! async client. Only declarations: each export's documentation and `.d.ts` signature, calling
//! the boundary crate (`crates/wasm`), which reads the arguments, calls the core and writes the
//! result.

use cloudcerts_wasm::types::{optional, ClientOptionsArg, ListQueryArg, PageRequestArg};
use wasm_bindgen::prelude::*;

cloudcerts_wasm::export_sign_request!();

cloudcerts_wasm::export_is_cloud_cert_error!();

cloudcerts_wasm::export_normalize_response!();

/// Lists **every** certificate of an account, each exactly once: all pages (the rest concurrently
/// once the first gives the total), all of Volcengine Live's filter combinations, Qiniu's markers
/// to the end. Rate-limited per access key at the vendor's documented rate, retried on transient
/// failures, and corrected for a wrong local clock.
///
/// # Errors
/// Rejects with a `CloudCertError` (`Auth`, `ClockSkew`, `Forbidden`, `RateLimited`, `Vendor`,
/// `Network`, `Timeout`, `Aborted`, `BadResponse`, `Proxy`, `InvalidInput`) when a page cannot be
/// had: never with a silently short list.
#[wasm_bindgen(js_name = listCertificates, unchecked_return_type = "Promise<ListResult>", return_description = "the certificates, with the requests, retries and warnings it took")]
pub fn list_certificates(
    #[wasm_bindgen(
        unchecked_param_type = "Account",
        param_description = "the account to list"
    )]
    account: JsValue,
    #[wasm_bindgen(param_description = "filters `{search?, domain?}`; absent: everything")]
    query: Option<ListQueryArg>,
    #[wasm_bindgen(param_description = "proxy, timeouts, retries, signal, progress")]
    options: Option<ClientOptionsArg>,
) -> js_sys::Promise {
    cloudcerts_wasm::client::list_certificates(account, optional(query), optional(options))
}

/// Fetches one page of an account's certificates and the cursor of the next (`nextCursor`
/// absent on the last page).
///
/// # Errors
/// As `listCertificates`; `InvalidInput` for a cursor this provider did not return.
#[wasm_bindgen(js_name = listCertificatesPage, unchecked_return_type = "Promise<CertificatePage>", return_description = "one page and the cursor of the next")]
#[allow(non_snake_case)]
pub fn list_certificates_page(
    #[wasm_bindgen(
        unchecked_param_type = "Account",
        param_description = "the account to list"
    )]
    account: JsValue,
    #[wasm_bindgen(param_description = "`{cursor?, pageSize?, query?}`")] pageRequest: Option<
        PageRequestArg,
    >,
    #[wasm_bindgen(param_description = "proxy, timeouts, retries, signal")] options: Option<
        ClientOptionsArg,
    >,
) -> js_sys::Promise {
    cloudcerts_wasm::client::list_certificates_page(
        account,
        optional(pageRequest),
        optional(options),
    )
}

/// Fetches one certificate by its vendor id.
///
/// # Errors
/// `NotFound` when the vendor has no such certificate; otherwise as `listCertificates`.
#[wasm_bindgen(js_name = getCertificate, unchecked_return_type = "Promise<Certificate>", return_description = "the certificate")]
pub fn get_certificate(
    #[wasm_bindgen(
        unchecked_param_type = "Account",
        param_description = "the account holding it"
    )]
    account: JsValue,
    #[wasm_bindgen(
        unchecked_param_type = "string",
        param_description = "the vendor's certificate id"
    )]
    id: JsValue,
    #[wasm_bindgen(param_description = "proxy, timeouts, retries, signal, includePrivateKey")]
    options: Option<ClientOptionsArg>,
) -> js_sys::Promise {
    cloudcerts_wasm::client::get_certificate(account, id, optional(options))
}

/// Uploads a certificate and its private key, at every provider.
/// Retried only when the vendor surely did not act on it (throttled, clock rejected). Tencent SSL
/// and Certificate Center are asked not to store a duplicate: when the account already holds the
/// certificate, its id comes back with `existing: true`. Volcengine Live documents no such check:
/// each upload is a new chain, and the id returned is the new certificate's `CertID`.
///
/// # Errors
/// `InvalidInput` for a bad account or upload; the vendors' refusals typed (`InvalidInput` for Qiniu's
/// 404906 undecodable PEM, 400323 chain, 400322 too short, 400329 expired, and Tencent's
/// `FailedOperation.CertificateInvalid` and `CertificateMismatch`).
#[wasm_bindgen(js_name = uploadCertificate, unchecked_return_type = "Promise<UploadResult>", return_description = "`{id, existing?}` of the uploaded certificate")]
pub fn upload_certificate(
    #[wasm_bindgen(
        unchecked_param_type = "Account",
        param_description = "an account of any provider"
    )]
    account: JsValue,
    #[wasm_bindgen(
        unchecked_param_type = "UploadRequest",
        param_description = "`{name, commonName, certificatePem, privateKeyPem}`"
    )]
    upload: JsValue,
    #[wasm_bindgen(param_description = "proxy, timeouts, retries, signal")] options: Option<
        ClientOptionsArg,
    >,
) -> js_sys::Promise {
    cloudcerts_wasm::client::upload_certificate(account, upload, optional(options))
}

/// Deletes a certificate, at every provider. Deleting one that is already gone succeeds.
/// Volcengine Live deletes by chain: its list is read first for the chain of the certificate.
///
/// # Errors
/// `InvalidInput` for a bad account or an empty id; the vendors' refusals typed (e.g. Qiniu's 400611 or
/// Tencent's `FailedOperation.DeleteResourceFailed`: still bound to a CDN domain or a load
/// balancer).
#[wasm_bindgen(js_name = deleteCertificate, unchecked_return_type = "Promise<void>", return_description = "resolves when the certificate is gone")]
pub fn delete_certificate(
    #[wasm_bindgen(
        unchecked_param_type = "Account",
        param_description = "an account of any provider"
    )]
    account: JsValue,
    #[wasm_bindgen(
        unchecked_param_type = "string",
        param_description = "the certificate id"
    )]
    id: JsValue,
    #[wasm_bindgen(param_description = "proxy, timeouts, retries, signal")] options: Option<
        ClientOptionsArg,
    >,
) -> js_sys::Promise {
    cloudcerts_wasm::client::delete_certificate(account, id, optional(options))
}

/// Lists every certificate of every account, all accounts concurrently. An account that fails
/// is reported in `accounts[i].error` (a plain `CloudCertError`-shaped object) beside everyone
/// else's certificates.
///
/// # Errors
/// `InvalidInput` when `accounts` is not an array of accounts or the options are unusable;
/// `Aborted` when `options.signal` aborts (no partial inventory).
#[wasm_bindgen(js_name = inventory, unchecked_return_type = "Promise<Inventory>", return_description = "all certificates, and one summary per account")]
pub fn inventory(
    #[wasm_bindgen(
        unchecked_param_type = "Account[]",
        param_description = "the accounts to list"
    )]
    accounts: JsValue,
    #[wasm_bindgen(param_description = "proxy, timeouts, retries, signal, progress")]
    options: Option<ClientOptionsArg>,
) -> js_sys::Promise {
    cloudcerts_wasm::client::inventory(accounts, optional(options))
}

//! The async client exports: `listCertificates`, `listCertificatesPage`, `getCertificate`,
//! `uploadCertificate`, `deleteCertificate` and `inventory`. Each returns a `Promise`.

use wasm_bindgen::prelude::*;

use super::{arg, optional_arg, string_arg, to_js, ClientOptionsArg, ListQueryArg, PageRequestArg};
use crate::client;
use crate::model::{Account, ClientSettings, ListQuery, PageRequest, UploadRequest};
use crate::transport::{runtime_from_options, JsRuntime};

#[wasm_bindgen(typescript_custom_section)]
const CLIENT_OPTIONS: &'static str = r#"
/**
 * Options of the client calls. All are optional.
 */
export interface ClientOptions {
    /** Prefix put before the full vendor URL, e.g. `"http://127.0.0.1:8787/"` (a CORS proxy). */
    proxy?: string;
    /** Time limit of each attempt in ms (default 30000). */
    timeoutMs?: number;
    /** Attempts per request (default 3), with full-jitter exponential backoff between them. */
    maxAttempts?: number;
    /** Aborts everything in flight; the call then rejects with `code: "Aborted"`. */
    signal?: AbortSignal;
    /** Called after each page: `{provider, account, done, total?}` (pages). */
    onProgress?: (progress: Progress) => void;
    /** Days before `notAfter` from which an issued certificate is `expiring` (default 30). */
    expiringWithinDays?: number;
    /** Keep private keys in `raw` (default false). */
    includePrivateKey?: boolean;
    /** What the local clock says now, ms since the epoch (default `Date.now()`); the client corrects it from the vendor's `Date` header. */
    now?: number;
    /** Requests in flight per account (default 4); the vendor's rate limit applies on top. */
    concurrency?: number;
}
"#;

/// Splits JS options into the runtime (`signal`, `onProgress`) and the serializable settings.
/// Sets `certificates` on a converted result, from the pages the runtime already handed to
/// JavaScript while listing (the rest converted now): the hand-over no longer waits for the end.
fn with_certificates(
    rt: &JsRuntime,
    result: JsValue,
    certificates: &[crate::model::Certificate],
) -> Result<JsValue, JsValue> {
    let array = rt
        .certificates_to_js(certificates)
        .map_err(|e| super::to_js_error(&e))?;
    js_sys::Reflect::set(&result, &JsValue::from_str("certificates"), &array)?;
    Ok(result)
}

fn options(value: Option<ClientOptionsArg>) -> Result<(JsRuntime, ClientSettings), JsValue> {
    let value = value
        .map(JsValue::from)
        .filter(|v| !v.is_undefined() && !v.is_null())
        .unwrap_or_else(|| js_sys::Object::new().into());
    // The settings first: they say "options: expected an object" for a value of another type.
    let settings: ClientSettings = arg(&value, "options")?;
    let runtime = runtime_from_options(&value).map_err(|e| super::to_js_error(&e))?;
    Ok((runtime, settings))
}

/// Lists **every** certificate of an account, each exactly once: all pages (the rest concurrently
/// once the first gives the total), all of Volcengine Live's filter combinations, Qiniu's markers
/// to the end. Rate-limited per access key at the vendor's documented rate, retried on transient
/// failures, and corrected for a wrong local clock.
///
/// # Errors
/// Rejects with a `CloudCertError` (`Auth`, `ClockSkew`, `Forbidden`, `RateLimited`, `Vendor`,
/// `Network`, `Timeout`, `Aborted`, `BadResponse`, `Proxy`, `InvalidInput`) when a page cannot be
/// had: never with a silently short list.
#[wasm_bindgen(js_name = listCertificates, unchecked_return_type = "ListResult", return_description = "the certificates, with the requests, retries and warnings it took")]
pub async fn list_certificates(
    #[wasm_bindgen(
        unchecked_param_type = "Account",
        param_description = "the account to list"
    )]
    account: JsValue,
    #[wasm_bindgen(param_description = "filters `{search?, domain?}`; absent: everything")]
    query: Option<ListQueryArg>,
    #[wasm_bindgen(param_description = "proxy, timeouts, retries, signal, progress")]
    options: Option<ClientOptionsArg>,
) -> Result<JsValue, JsValue> {
    let account: Account = arg(&account, "account")?;
    let query: ListQuery = optional_arg(query, "query")?;
    let (rt, settings) = self::options(options)?;
    let mut result = client::list_certificates(&rt, &account, &query, &settings)
        .await
        .map_err(|e| super::to_js_error(&e))?;
    let certificates = std::mem::take(&mut result.certificates);
    with_certificates(&rt, to_js(&result)?, &certificates)
}

/// Fetches one page of an account's certificates and the cursor of the next (`nextCursor`
/// absent on the last page).
///
/// # Errors
/// As `listCertificates`; `InvalidInput` for a cursor this provider did not return.
#[wasm_bindgen(js_name = listCertificatesPage, unchecked_return_type = "CertificatePage", return_description = "one page and the cursor of the next")]
#[allow(non_snake_case)]
pub async fn list_certificates_page(
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
) -> Result<JsValue, JsValue> {
    let account: Account = arg(&account, "account")?;
    let page: PageRequest = optional_arg(pageRequest, "pageRequest")?;
    let (rt, settings) = self::options(options)?;
    let mut page = client::list_certificates_page(&rt, &account, &page, &settings)
        .await
        .map_err(|e| super::to_js_error(&e))?;
    let certificates = std::mem::take(&mut page.certificates);
    with_certificates(&rt, to_js(&page)?, &certificates)
}

/// Fetches one certificate by its vendor id.
///
/// # Errors
/// `NotFound` when the vendor has no such certificate; otherwise as `listCertificates`.
#[wasm_bindgen(js_name = getCertificate, unchecked_return_type = "Certificate", return_description = "the certificate")]
pub async fn get_certificate(
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
) -> Result<JsValue, JsValue> {
    let account: Account = arg(&account, "account")?;
    let id = string_arg(&id, "id")?;
    let (rt, settings) = self::options(options)?;
    let certificate = client::get_certificate(&rt, &account, &id, &settings)
        .await
        .map_err(|e| super::to_js_error(&e))?;
    to_js(&certificate)
}

/// Uploads a certificate and its private key (Qiniu). Retried only when the vendor surely did
/// not act on it (throttled, clock rejected).
///
/// # Errors
/// `Unsupported` for other providers; Qiniu's refusals typed (`InvalidInput` for 404906
/// undecodable PEM, 400323 chain, 400322 too short, 400329 expired).
#[wasm_bindgen(js_name = uploadCertificate, unchecked_return_type = "UploadResult", return_description = "`{id}` of the new certificate")]
pub async fn upload_certificate(
    #[wasm_bindgen(
        unchecked_param_type = "Account",
        param_description = "a Qiniu account"
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
) -> Result<JsValue, JsValue> {
    let account: Account = arg(&account, "account")?;
    let upload: UploadRequest = arg(&upload, "upload")?;
    let (rt, settings) = self::options(options)?;
    let result = client::upload_certificate(&rt, &account, &upload, &settings)
        .await
        .map_err(|e| super::to_js_error(&e))?;
    to_js(&result)
}

/// Deletes a certificate (Qiniu). Deleting one that is already gone succeeds.
///
/// # Errors
/// `Unsupported` for other providers; Qiniu's refusals typed (e.g. 400611: still bound to a CDN domain).
#[wasm_bindgen(js_name = deleteCertificate, return_description = "resolves when the certificate is gone")]
pub async fn delete_certificate(
    #[wasm_bindgen(
        unchecked_param_type = "Account",
        param_description = "a Qiniu account"
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
) -> Result<(), JsValue> {
    let account: Account = arg(&account, "account")?;
    let id = string_arg(&id, "id")?;
    let (rt, settings) = self::options(options)?;
    client::delete_certificate(&rt, &account, &id, &settings)
        .await
        .map_err(|e| super::to_js_error(&e))
}

/// Lists every certificate of every account, all accounts concurrently. An account that fails
/// is reported in `accounts[i].error` (a plain `CloudCertError`-shaped object) beside everyone
/// else's certificates.
///
/// # Errors
/// `InvalidInput` when `accounts` is not an array of accounts or the options are unusable;
/// `Aborted` when `options.signal` aborts (no partial inventory).
#[wasm_bindgen(js_name = inventory, unchecked_return_type = "Inventory", return_description = "all certificates, and one summary per account")]
pub async fn inventory(
    #[wasm_bindgen(
        unchecked_param_type = "Account[]",
        param_description = "the accounts to list"
    )]
    accounts: JsValue,
    #[wasm_bindgen(param_description = "proxy, timeouts, retries, signal, progress")]
    options: Option<ClientOptionsArg>,
) -> Result<JsValue, JsValue> {
    let accounts: Vec<Account> = arg(&accounts, "accounts")?;
    let (rt, settings) = self::options(options)?;
    let mut inventory = client::inventory(&rt, &accounts, &settings)
        .await
        .map_err(|e| super::to_js_error(&e))?;
    let certificates = std::mem::take(&mut inventory.certificates);
    with_certificates(&rt, to_js(&inventory)?, &certificates)
}

//! The async client: `listCertificates`, `listCertificatesPage`, `getCertificate`,
//! `uploadCertificate`, `deleteCertificate` and `inventory`, on the fetch runtime.

use wasm_bindgen::JsValue;
use wasm_bindgen_futures::future_to_promise;

use crate::error::JsError;
use crate::fetch::{runtime_from_options, JsRuntime};
use crate::read::from_js;
use crate::read::optional_from_js;
use cloudcerts::client;
use cloudcerts::model::{
    Account, AccountSummary, Certificate, CertificatePage, ClientSettings, Inventory, ListQuery,
    ListResult, PageRequest, Provider, UploadRequest,
};
use serde::Serialize;

/// A client call's future, boxed: one instance of `future_to_promise` serves all six exports
/// (each generic instance carried its own copy of the promise machinery).
type ClientFuture = std::pin::Pin<Box<dyn std::future::Future<Output = Result<JsValue, JsValue>>>>;

/// The promise of a client call.
fn promise(future: ClientFuture) -> js_sys::Promise {
    future_to_promise(future)
}

/// Splits JS options into the runtime (`signal`, `onProgress`) and the settings.
fn options(value: &JsValue) -> Result<(JsRuntime, ClientSettings), JsError> {
    let value = if value.is_undefined() || value.is_null() {
        js_sys::Object::new().into()
    } else {
        value.clone()
    };
    // The settings first: they say "options: expected an object" for a value of another type.
    let settings: ClientSettings = from_js(&value, "options")?;
    let runtime = runtime_from_options(&value)?;
    Ok((runtime, settings))
}

// The results that hold certificates, written without them: their `certificates` is a
// placeholder (`null`) that `with_certificates` fills, in its place among the members, from
// `crate::certificates`, the one crossing of certificates. The module then carries no serializer
// of `Certificate`. Members as in the model's types, in their order (pinned by a test).

/// [`ListResult`] without its certificates.
#[derive(Serialize)]
struct ListResultJs<'a> {
    provider: Provider,
    account: &'a str,
    certificates: (),
    requests: u32,
    retries: u32,
    warnings: &'a [String],
}

impl<'a> From<&'a ListResult> for ListResultJs<'a> {
    fn from(r: &'a ListResult) -> Self {
        ListResultJs {
            provider: r.provider,
            account: &r.account,
            certificates: (),
            requests: r.requests,
            retries: r.retries,
            warnings: &r.warnings,
        }
    }
}

/// [`CertificatePage`] without its certificates.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CertificatePageJs<'a> {
    certificates: (),
    #[serde(skip_serializing_if = "Option::is_none")]
    next_cursor: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    total: Option<f64>,
    requests: u32,
}

impl<'a> From<&'a CertificatePage> for CertificatePageJs<'a> {
    fn from(p: &'a CertificatePage) -> Self {
        CertificatePageJs {
            certificates: (),
            next_cursor: p.next_cursor.as_deref(),
            total: p.total,
            requests: p.requests,
        }
    }
}

/// [`Inventory`] without its certificates.
#[derive(Serialize)]
struct InventoryJs<'a> {
    certificates: (),
    accounts: &'a [AccountSummary],
}

impl<'a> From<&'a Inventory> for InventoryJs<'a> {
    fn from(i: &'a Inventory) -> Self {
        InventoryJs {
            certificates: (),
            accounts: &i.accounts,
        }
    }
}

/// Sets `certificates` on a converted result, from the pages the runtime already handed to
/// JavaScript while listing (the rest converted now): the hand-over does not wait for the end.
fn with_certificates(
    rt: &JsRuntime,
    result: JsValue,
    certificates: &[Certificate],
) -> Result<JsValue, JsError> {
    let array = rt.certificates_to_js(certificates)?;
    js_sys::Reflect::set(&result, &JsValue::from_str("certificates"), &array).map_err(|_| {
        cloudcerts::Error::new(cloudcerts::ErrorCode::BadResponse, "result: not writable")
    })?;
    Ok(result)
}

/// Every certificate of an account (see the `listCertificates` export).
///
/// # Errors
/// Those of [`client::list_certificates`], and `InvalidInput` naming an argument.
async fn list_certificates_async(
    account: JsValue,
    query: JsValue,
    options: JsValue,
) -> Result<JsValue, JsError> {
    let account: Account = from_js(&account, "account")?;
    let query: ListQuery = optional_from_js(&query, "query")?;
    let (rt, settings) = self::options(&options)?;
    let result = client::list_certificates(&rt, &account, &query, &settings).await?;
    let certificates = &result.certificates;
    with_certificates(
        &rt,
        crate::write::to_js(&ListResultJs::from(&result))?,
        certificates,
    )
}

/// One page of an account's certificates (see the `listCertificatesPage` export).
///
/// # Errors
/// Those of [`client::list_certificates_page`], and `InvalidInput` naming an argument.
async fn list_certificates_page_async(
    account: JsValue,
    page_request: JsValue,
    options: JsValue,
) -> Result<JsValue, JsError> {
    let account: Account = from_js(&account, "account")?;
    let page: PageRequest = optional_from_js(&page_request, "pageRequest")?;
    let (rt, settings) = self::options(&options)?;
    let page = client::list_certificates_page(&rt, &account, &page, &settings).await?;
    let certificates = &page.certificates;
    with_certificates(
        &rt,
        crate::write::to_js(&CertificatePageJs::from(&page))?,
        certificates,
    )
}

/// One certificate by its vendor id (see the `getCertificate` export).
///
/// # Errors
/// Those of [`client::get_certificate`], and `InvalidInput` naming an argument.
async fn get_certificate_async(
    account: JsValue,
    id: JsValue,
    options: JsValue,
) -> Result<JsValue, JsError> {
    let account: Account = from_js(&account, "account")?;
    let id: String = from_js(&id, "id")?;
    let (rt, settings) = self::options(&options)?;
    let certificate = client::get_certificate(&rt, &account, &id, &settings).await?;
    // A certificate picked from a listing (Volcengine Live) takes its kept copy, `raw` included.
    Ok(rt
        .certificates_to_js(std::slice::from_ref(&certificate))?
        .get(0))
}

/// Uploads a certificate and its key (see the `uploadCertificate` export; the package's entry
/// runs the inspector's [`crate::inspect::check_upload`] first).
///
/// # Errors
/// Those of [`client::upload_certificate`], and `InvalidInput` naming an argument.
async fn upload_certificate_async(
    account: JsValue,
    upload: JsValue,
    options: JsValue,
) -> Result<JsValue, JsError> {
    let account: Account = from_js(&account, "account")?;
    let upload: UploadRequest = from_js(&upload, "upload")?;
    let (rt, settings) = self::options(&options)?;
    let result = client::upload_certificate(&rt, &account, &upload, &settings).await?;
    Ok(crate::write::to_js(&result)?)
}

/// Deletes a certificate (see the `deleteCertificate` export).
///
/// # Errors
/// Those of [`client::delete_certificate`], and `InvalidInput` naming an argument.
async fn delete_certificate_async(
    account: JsValue,
    id: JsValue,
    options: JsValue,
) -> Result<(), JsError> {
    let account: Account = from_js(&account, "account")?;
    let id: String = from_js(&id, "id")?;
    let (rt, settings) = self::options(&options)?;
    Ok(client::delete_certificate(&rt, &account, &id, &settings).await?)
}

/// Every certificate of every account (see the `inventory` export).
///
/// # Errors
/// Those of [`client::inventory`], and `InvalidInput` naming an argument.
async fn inventory_async(accounts: JsValue, options: JsValue) -> Result<JsValue, JsError> {
    let accounts: Vec<Account> = from_js(&accounts, "accounts")?;
    let (rt, settings) = self::options(&options)?;
    let inventory = client::inventory(&rt, &accounts, &settings).await?;
    let certificates = &inventory.certificates;
    with_certificates(
        &rt,
        crate::write::to_js(&InventoryJs::from(&inventory))?,
        certificates,
    )
}

// The exports' promises are made here, around one async function each: an `async fn` export in
// the shipped crate awaiting these would wrap every state machine in one more, and the main
// module grew by 7 KB gzipped that way (measured).

/// `listCertificates`: a promise of its result or its `CloudCertError`.
pub fn list_certificates(account: JsValue, query: JsValue, options: JsValue) -> js_sys::Promise {
    crate::install_clock();
    promise(Box::pin(async move {
        Ok(list_certificates_async(account, query, options).await?)
    }))
}

/// `listCertificatesPage`: a promise of its result or its `CloudCertError`.
pub fn list_certificates_page(
    account: JsValue,
    page_request: JsValue,
    options: JsValue,
) -> js_sys::Promise {
    crate::install_clock();
    promise(Box::pin(async move {
        Ok(list_certificates_page_async(account, page_request, options).await?)
    }))
}

/// `getCertificate`: a promise of its result or its `CloudCertError`.
pub fn get_certificate(account: JsValue, id: JsValue, options: JsValue) -> js_sys::Promise {
    crate::install_clock();
    promise(Box::pin(async move {
        Ok(get_certificate_async(account, id, options).await?)
    }))
}

/// `uploadCertificate`: a promise of its result or its `CloudCertError`.
pub fn upload_certificate(account: JsValue, upload: JsValue, options: JsValue) -> js_sys::Promise {
    crate::install_clock();
    promise(Box::pin(async move {
        Ok(upload_certificate_async(account, upload, options).await?)
    }))
}

/// `deleteCertificate`: a promise of `undefined` or its `CloudCertError`.
pub fn delete_certificate(account: JsValue, id: JsValue, options: JsValue) -> js_sys::Promise {
    crate::install_clock();
    promise(Box::pin(async move {
        delete_certificate_async(account, id, options).await?;
        Ok(JsValue::UNDEFINED)
    }))
}

/// `inventory`: a promise of its result or its `CloudCertError`.
pub fn inventory(accounts: JsValue, options: JsValue) -> js_sys::Promise {
    crate::install_clock();
    promise(Box::pin(async move {
        Ok(inventory_async(accounts, options).await?)
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    /// Each result written without its certificates has the model's members, in its order, with
    /// `certificates` a placeholder.
    #[test]
    fn results_without_certificates_keep_the_model_members_in_order() {
        fn keys(value: &Value) -> Vec<String> {
            value
                .as_object()
                .map(|o| o.keys().cloned().collect())
                .unwrap_or_default()
        }
        fn check(model: Value, written: Value) {
            assert_eq!(keys(&model), keys(&written));
            for (key, value) in model.as_object().into_iter().flatten() {
                let expected = if key == "certificates" {
                    &Value::Null
                } else {
                    value
                };
                assert_eq!(&written[key], expected, "{key}");
            }
        }
        let list = ListResult {
            provider: Provider::Qiniu,
            account: "prod".into(),
            certificates: Vec::new(),
            requests: 3,
            retries: 1,
            warnings: vec!["a total that changed".into()],
        };
        check(json!(list), json!(ListResultJs::from(&list)));
        for (next_cursor, total) in [(Some("p:2".to_string()), Some(12.0)), (None, None)] {
            let page = CertificatePage {
                certificates: Vec::new(),
                next_cursor,
                total,
                requests: 2,
            };
            check(json!(page), json!(CertificatePageJs::from(&page)));
        }
        let inventory = Inventory {
            certificates: Vec::new(),
            accounts: vec![AccountSummary {
                provider: "qiniu".into(),
                account: "prod".into(),
                count: 0,
                requests: 1,
                retries: 0,
                warnings: Vec::new(),
                error: None,
            }],
        };
        check(json!(inventory), json!(InventoryJs::from(&inventory)));
    }
}

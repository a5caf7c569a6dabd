//! The client: listing every certificate of an account (and of many accounts), one page at a
//! time, getting one, and Qiniu's upload and delete. Generic over a [`Runtime`] so that the same
//! logic runs on `fetch` in the browser and Node (`crates/wasm/src/fetch.rs`) and on an in-memory
//! vendor in native tests.

pub mod limits;
pub mod paging;
pub mod runtime;
pub mod session;

use futures_util::future::join_all;

use crate::error::{Error, ErrorCode, Result};
use crate::model::{
    Account, AccountSummary, Certificate, CertificatePage, ClientSettings, Inventory, ListQuery,
    ListResult, PageRequest, Provider, UploadRequest, UploadResult,
};
use crate::vendors::{qiniu, requests, Normalizer};
pub use runtime::{HttpResponse, OutgoingRequest, Runtime};
use session::{Idempotence, Session, Settings};

/// Every certificate of `account`, each exactly once.
///
/// # Errors
/// The first failure that retries could not overcome, typed; `InvalidInput` for a bad account or
/// options; `Aborted` when the caller aborts.
pub async fn list_certificates<R: Runtime>(
    rt: &R,
    account: &Account,
    query: &ListQuery,
    options: &ClientSettings,
) -> Result<ListResult> {
    let session = Session::new(rt, account, options)?;
    let certificates = paging::list_all(&session, query).await?;
    let (requests, retries) = session.counts();
    Ok(ListResult {
        provider: session.provider,
        account: session.label.clone(),
        certificates,
        requests,
        retries,
        warnings: session.warnings(),
    })
}

/// One page of `account`'s certificates and the cursor of the next.
pub async fn list_certificates_page<R: Runtime>(
    rt: &R,
    account: &Account,
    page: &PageRequest,
    options: &ClientSettings,
) -> Result<CertificatePage> {
    let session = Session::new(rt, account, options)?;
    let query = page.query.clone().unwrap_or_default();
    paging::one_page(&session, page.cursor.as_deref(), page.page_size, &query).await
}

/// The certificate `id` of `account`.
///
/// # Errors
/// `NotFound` when the vendor has no such certificate.
pub async fn get_certificate<R: Runtime>(
    rt: &R,
    account: &Account,
    id: &str,
    options: &ClientSettings,
) -> Result<Certificate> {
    let session = Session::new(rt, account, options)?;
    let provider = session.provider;
    if id.trim().is_empty() {
        return Err(Error::invalid_input("id", "must not be empty").with_provider(provider));
    }
    let base = requests::base_url(account, provider);
    let none = ListQuery::default();
    let request = match provider {
        Provider::TencentSsl => requests::tencent_ssl_get(&base, id),
        Provider::TencentLegacy => requests::tencent_legacy_list(&base, 1, 1, &none, Some(id)),
        Provider::VolcengineCert => requests::volcengine_cert_list(&base, 1, 1, &none, Some(id)),
        Provider::Qiniu => requests::qiniu_one(&base, "GET", id),
        Provider::VolcengineLive => {
            // ListCertV2 has no get: list everything and pick.
            let all = paging::list_all(&session, &none).await?;
            return all
                .into_iter()
                .find(|c| c.id == id)
                .ok_or_else(|| paging::not_found(provider));
        }
    };
    // Read whole: the one certificate keeps its `raw` (no page is kept in JavaScript here).
    let (page, _) = paging::read_page(&session, &request, false).await?;
    let mut found = page
        .certificates
        .into_iter()
        .find(|c| c.id == id || (provider == Provider::Qiniu && c.id.is_empty()));
    if let Some(certificate) = found.as_mut() {
        // Qiniu's get answer does not repeat the id.
        certificate.id = id.to_owned();
    }
    found.ok_or_else(|| paging::not_found(provider))
}

fn qiniu_only(account: &Account, operation: &str) -> Result<Provider> {
    let provider = crate::sign::request::check_account(account)?.provider;
    if provider == Provider::Qiniu {
        Ok(provider)
    } else {
        Err(Error::new(
            ErrorCode::Unsupported,
            format!("{provider} has no {operation} API in cloudcerts (Qiniu only)"),
        )
        .with_provider(provider))
    }
}

/// Uploads a certificate (Qiniu). Retried only when the vendor surely did not act on it.
///
/// The bundle and key are inspected first ([`crate::inspect`]); any problem of severity
/// `error` (undecodable, key mismatch, chain out of order, expired, too short, ...) refuses the
/// upload before a request is made.
///
/// # Errors
/// `Unsupported` for other providers; `InvalidInput` with `problems` when inspection refuses;
/// the vendor's refusal (e.g. `InvalidInput` for 404906 undecodable PEM) otherwise.
pub async fn upload_certificate<R: Runtime>(
    rt: &R,
    account: &Account,
    upload: &UploadRequest,
    options: &ClientSettings,
) -> Result<UploadResult> {
    let provider = qiniu_only(account, "upload")?;
    for (field, value) in [
        ("upload.name", &upload.name),
        ("upload.commonName", &upload.common_name),
        ("upload.certificatePem", &upload.certificate_pem),
    ] {
        if value.trim().is_empty() {
            return Err(Error::invalid_input(field, "must not be empty").with_provider(provider));
        }
    }
    if upload.private_key_pem.expose().trim().is_empty() {
        return Err(
            Error::invalid_input("upload.privateKeyPem", "must not be empty")
                .with_provider(provider),
        );
    }
    // Options are checked first, so a bad `now` is named as such rather than as an expiry.
    let session = Session::new(rt, account, options)?;
    // The bundle and key are inspected before this call by the inspector module's `checkUpload`
    // (the package's `uploadCertificate` runs it first): the one upload pre-check, kept out of
    // this path so that the main module carries no curve arithmetic.
    let base = requests::base_url(account, provider);
    let request = requests::qiniu_upload(
        &base,
        &upload.name,
        &upload.common_name,
        &upload.certificate_pem,
        upload.private_key_pem.expose(),
    );
    let id = session
        .exchange(&request, Idempotence::Unsafe, |s, response| {
            qiniu::parse_upload(
                &Normalizer::new(provider, &s.normalize_options(response.status))?,
                &response.body,
            )
        })
        .await?;
    Ok(UploadResult { id })
}

/// Deletes a certificate (Qiniu). Deleting one that is already gone succeeds.
///
/// # Errors
/// `Unsupported` for other providers; the vendor's refusal otherwise (for example a certificate
/// still bound to a CDN domain).
pub async fn delete_certificate<R: Runtime>(
    rt: &R,
    account: &Account,
    id: &str,
    options: &ClientSettings,
) -> Result<()> {
    let provider = qiniu_only(account, "delete")?;
    if id.trim().is_empty() {
        return Err(Error::invalid_input("id", "must not be empty").with_provider(provider));
    }
    let session = Session::new(rt, account, options)?;
    let base = requests::base_url(account, provider);
    let request = requests::qiniu_one(&base, "DELETE", id);
    let result = session
        .exchange(&request, Idempotence::Safe, |s, response| {
            qiniu::parse_delete(
                &Normalizer::new(provider, &s.normalize_options(response.status))?,
                &response.body,
            )
        })
        .await;
    match result {
        // Only Qiniu's own "no such certificate" (400401) means gone: a bare 404 may be a proxy or
        // a wrong endpoint that never reached the vendor.
        Err(e) if e.vendor_code.as_deref() == Some("400401") => Ok(()),
        other => other,
    }
}

/// One account of an inventory: its summary and certificates. A failed account's summary
/// carries its error and the requests and retries it sent all the same.
async fn inventory_account<R: Runtime>(
    rt: &R,
    account: &Account,
    settings: &Settings,
) -> (AccountSummary, Vec<Certificate>) {
    let mut summary = AccountSummary {
        provider: account.provider.clone(),
        account: account.label.clone().unwrap_or_default(),
        count: 0,
        requests: 0,
        retries: 0,
        warnings: Vec::new(),
        error: None,
    };
    // An account that is unusable on its own fails alone, before anything is sent.
    let session = match Session::with_settings(rt, account, settings.clone()) {
        Ok(session) => session,
        Err(error) => {
            summary.error = Some((&error).into());
            return (summary, Vec::new());
        }
    };
    let listed = paging::list_all(&session, &ListQuery::default()).await;
    (summary.requests, summary.retries) = session.counts();
    match listed {
        Ok(certificates) => {
            summary.count = u32::try_from(certificates.len()).unwrap_or(u32::MAX);
            summary.warnings = session.warnings();
            (summary, certificates)
        }
        Err(error) => {
            summary.error = Some((&error).into());
            (summary, Vec::new())
        }
    }
}

/// Every certificate of every account, listed concurrently. One failing account is reported in
/// its summary beside the others' certificates, with the requests and retries it sent.
///
/// The options are checked once, before any account is listed; an account's own problems
/// (unknown provider, empty key) fail only that account.
///
/// # Errors
/// `InvalidInput` naming the option when an option is unusable; `Aborted` when the caller
/// aborts: then no partial inventory is returned.
pub async fn inventory<R: Runtime>(
    rt: &R,
    accounts: &[Account],
    options: &ClientSettings,
) -> Result<Inventory> {
    let settings = Settings::new(options, rt.now_ms())?;
    let results = join_all(
        accounts
            .iter()
            .map(|account| inventory_account(rt, account, &settings)),
    )
    .await;
    let mut certificates = Vec::new();
    let mut summaries = Vec::with_capacity(results.len());
    for (summary, listed) in results {
        summaries.push(summary);
        certificates.extend(listed);
    }
    if rt.aborted() {
        return Err(Error::new(
            ErrorCode::Aborted,
            "aborted by the caller's AbortSignal",
        ));
    }
    Ok(Inventory {
        certificates,
        accounts: summaries,
    })
}

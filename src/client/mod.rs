//! The client: listing every certificate of an account (and of many accounts), one page at a
//! time, getting one, and uploading and deleting one. Generic over a [`Runtime`] so that the same
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
use crate::vendors::{
    qiniu, requests, tencent_legacy, tencent_ssl, volcengine_cert, volcengine_live, Normalizer,
};
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
    let listed = paging::list_all(&session, query).await?;
    rt.kept_copies(listed.kept);
    let certificates = listed.certificates;
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
        Provider::TencentLegacy => {
            requests::tencent_legacy_list(&base, 1, 1, &none, Some(id), legacy_form(account))
        }
        Provider::VolcengineCert => requests::volcengine_cert_list(&base, 1, 1, &none, Some(id)),
        Provider::Qiniu => requests::qiniu_one(&base, "GET", id),
        Provider::TencentDns | Provider::VolcengineDns => return Err(provider.no_certificates()),
        Provider::VolcengineLive => {
            // ListCertV2 has no get: list everything and pick.
            let listed = paging::list_all(&session, &none).await?;
            let (certificate, kept) = listed
                .certificates
                .into_iter()
                .zip(listed.kept)
                .find(|(c, _)| c.id == id)
                .ok_or_else(|| paging::not_found(provider))?;
            rt.kept_copies(vec![kept]);
            return Ok(certificate);
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
        certificate.id = id.to_owned().into();
    }
    found.ok_or_else(|| paging::not_found(provider))
}

/// Uploads a certificate. Retried only when the vendor surely did not act on it. Tencent SSL and
/// Certificate Center are asked not to store a duplicate: when the account already holds the
/// certificate, its id comes back with `existing: true`. Volcengine Live documents no such check
/// (each upload is a new chain); its answer names the new chain, and the id returned is the
/// certificate's `CertID` as `ListCertV2` lists it (one more request), or the chain's id when the
/// list does not show it yet (`deleteCertificate` takes either).
///
/// The bundle and key are inspected before this call by the inspector module's `checkUpload`
/// (the package's `uploadCertificate` runs it first, for every provider that can upload): any
/// problem of severity `error` (undecodable, key mismatch, chain out of order, expired, too
/// short, ...) refuses the upload before a request is made.
///
/// # Errors
/// `InvalidInput` for a bad account or naming an empty member;
/// the vendor's refusal otherwise (e.g. `InvalidInput` for Qiniu's 404906 undecodable PEM or
/// Tencent's `FailedOperation.CertificateMismatch`).
pub async fn upload_certificate<R: Runtime>(
    rt: &R,
    account: &Account,
    upload: &UploadRequest,
    options: &ClientSettings,
) -> Result<UploadResult> {
    let provider = crate::sign::request::check_account(account)?.provider;
    check_upload_members(upload).map_err(|e| e.with_provider(provider))?;
    let project_id =
        check_vendor_extras(provider, upload).map_err(|e| e.with_provider(provider))?;
    // Options are checked first, so a bad `now` is named as such rather than as an expiry.
    let session = Session::new(rt, account, options)?;
    // The one upload pre-check is the inspector's `checkUpload` (see above), kept out of this
    // path so that the main module carries no curve arithmetic.
    let base = requests::base_url(account, provider);
    let key = upload.private_key_pem.expose();
    let request = match provider {
        Provider::TencentSsl => requests::tencent_ssl_upload(&base, upload, project_id),
        Provider::VolcengineCert => requests::volcengine_cert_import(&base, upload),
        Provider::TencentLegacy => {
            requests::tencent_legacy_upload(&base, &upload.name, &upload.certificate_pem, key)
        }
        Provider::VolcengineLive => requests::volcengine_live_create(&base, upload),
        Provider::Qiniu => requests::qiniu_upload(
            &base,
            &upload.name,
            &upload.common_name,
            &upload.certificate_pem,
            key,
        ),
        Provider::TencentDns | Provider::VolcengineDns => return Err(provider.no_certificates()),
    };
    let (id, existing) = session
        .exchange(&request, Idempotence::Unsafe, |s, response| {
            let n = Normalizer::new(provider, &s.normalize_options(response.status))?;
            match provider {
                Provider::TencentSsl => tencent_ssl::parse_upload(&n, &response.body),
                Provider::VolcengineCert => volcengine_cert::parse_import(&n, &response.body),
                Provider::TencentLegacy => {
                    tencent_legacy::parse_upload(&n, &response.body).map(|id| (id, false))
                }
                Provider::VolcengineLive => {
                    volcengine_live::parse_create(&n, &response.body).map(|id| (id, false))
                }
                Provider::Qiniu => qiniu::parse_upload(&n, &response.body).map(|id| (id, false)),
                Provider::TencentDns | Provider::VolcengineDns => Err(provider.no_certificates()),
            }
        })
        .await?;
    // Live answers with the chain; the model names the certificate by its CertID. The chain is
    // made by now: a lookup that fails (throttled, timed out) must not turn the upload into an
    // error a caller would retry into a second chain, so the chain's id stands in for it.
    let id = if provider == Provider::VolcengineLive {
        match live_record(&session, &id, &requests::LIVE_COMBINATIONS[..1]).await {
            Ok(Some((cert_id, _))) => cert_id,
            _ => id,
        }
    } else {
        id
    };
    Ok(UploadResult {
        id,
        existing: existing.then_some(true),
    })
}

/// Refuses an upload with an empty member.
fn check_upload_members(upload: &UploadRequest) -> Result<()> {
    for (field, value) in [
        ("upload.name", upload.name.as_str()),
        ("upload.commonName", upload.common_name.as_str()),
        ("upload.certificatePem", upload.certificate_pem.as_str()),
        ("upload.privateKeyPem", upload.private_key_pem.expose()),
    ] {
        if value.trim().is_empty() {
            return Err(Error::invalid_input(field, "must not be empty"));
        }
    }
    Ok(())
}

/// Checks the vendor extras of an upload against what `provider`'s upload takes (nothing is
/// invented where the vendor documents nothing): Tencent SSL's numeric project id (returned),
/// Volcengine's project name, Tencent SSL's and Certificate Center's tags.
fn check_vendor_extras(provider: Provider, upload: &UploadRequest) -> Result<Option<u64>> {
    let project = upload
        .project
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty());
    let project_id = match (provider, project) {
        (_, None) | (Provider::VolcengineLive | Provider::VolcengineCert, Some(_)) => None,
        (Provider::TencentSsl, Some(project)) => Some(project.parse::<u64>().map_err(|_| {
            Error::invalid_input(
                "upload.project",
                "Tencent SSL takes a numeric project id (ProjectId)",
            )
        })?),
        (_, Some(_)) => {
            return Err(Error::invalid_input(
                "upload.project",
                format!("{provider}: the vendor's upload takes no project"),
            ))
        }
    };
    let tagged = upload.tags.as_ref().is_some_and(|tags| !tags.is_empty());
    if tagged && !matches!(provider, Provider::TencentSsl | Provider::VolcengineCert) {
        return Err(Error::invalid_input(
            "upload.tags",
            format!("{provider}: the vendor's upload takes no tags"),
        ));
    }
    Ok(project_id)
}

/// Deletes a certificate. Deleting one that is already gone succeeds. Volcengine Live deletes by
/// chain: its `ListCertV2` is read first (up to four requests, one per filter combination) for
/// the chain of the certificate whose `CertID` (or chain id) is `id`; not listed is gone.
///
/// # Errors
/// `InvalidInput` for a bad account or an empty id; the vendor's refusal otherwise (for
/// example a certificate still bound to a CDN domain or a load balancer).
pub async fn delete_certificate<R: Runtime>(
    rt: &R,
    account: &Account,
    id: &str,
    options: &ClientSettings,
) -> Result<()> {
    let provider = crate::sign::request::check_account(account)?.provider;
    if id.trim().is_empty() {
        return Err(Error::invalid_input("id", "must not be empty").with_provider(provider));
    }
    let session = Session::new(rt, account, options)?;
    let base = requests::base_url(account, provider);
    let request = match provider {
        Provider::TencentSsl => requests::tencent_ssl_delete(&base, id),
        Provider::VolcengineCert => requests::volcengine_cert_delete(&base, id),
        Provider::TencentLegacy => requests::tencent_legacy_delete(&base, id),
        Provider::VolcengineLive => {
            match live_record(&session, id, &requests::LIVE_COMBINATIONS).await? {
                Some((_, chain)) => requests::volcengine_live_delete(&base, &chain),
                None => return Ok(()),
            }
        }
        Provider::Qiniu => requests::qiniu_one(&base, "DELETE", id),
        Provider::TencentDns | Provider::VolcengineDns => return provider.check_certificates(),
    };
    // Deleting what is gone is done: each vendor module reads its own "no such certificate" as
    // success (`vendors::gone_is_done`).
    session
        .exchange(&request, Idempotence::Safe, |s, response| {
            let n = Normalizer::new(provider, &s.normalize_options(response.status))?;
            match provider {
                Provider::TencentSsl => tencent_ssl::parse_delete(&n, &response.body),
                Provider::VolcengineCert => volcengine_cert::parse_delete(&n, &response.body),
                Provider::TencentLegacy => tencent_legacy::parse_delete(&n, &response.body),
                Provider::VolcengineLive => volcengine_live::parse_delete(&n, &response.body),
                Provider::Qiniu => qiniu::parse_delete(&n, &response.body),
                Provider::TencentDns | Provider::VolcengineDns => provider.check_certificates(),
            }
        })
        .await
}

/// `(CertID, ChainID)` of the Live certificate whose `CertID` or chain id is `id`, read from
/// `ListCertV2` with each of `combinations` (`(Available, Expiring)`) in turn until it shows.
async fn live_record<R: Runtime>(
    session: &Session<'_, R>,
    id: &str,
    combinations: &[(bool, bool)],
) -> Result<Option<(String, String)>> {
    let base = requests::base_url(session.account, Provider::VolcengineLive);
    let none = ListQuery::default();
    for &(available, expiring) in combinations {
        let request = requests::volcengine_live_list(&base, available, expiring, &none);
        let found = session
            .exchange(&request, Idempotence::Safe, |s, response| {
                let n = Normalizer::new(s.provider, &s.normalize_options(response.status))?;
                volcengine_live::find_record(&n, &response.body, id)
            })
            .await?;
        if found.is_some() {
            return Ok(found);
        }
    }
    Ok(None)
}

/// Whether API 2.0 requests of `account` go as a signed POST form rather than a GET: with a
/// session token, which the signature would otherwise put in the URL (proxies and access logs
/// record URLs).
pub(crate) fn legacy_form(account: &Account) -> bool {
    account
        .session_token
        .as_ref()
        .is_some_and(|token| !token.expose().is_empty())
}

/// One account of an inventory: its summary and certificates. A failed account's summary
/// carries its error and the requests and retries it sent all the same.
async fn inventory_account<R: Runtime>(
    rt: &R,
    account: &Account,
    settings: &Settings,
) -> (AccountSummary, paging::Listed) {
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
            return (summary, paging::Listed::default());
        }
    };
    let listed = paging::list_all(&session, &ListQuery::default()).await;
    (summary.requests, summary.retries) = session.counts();
    match listed {
        Ok(listed) => {
            summary.count = u32::try_from(listed.certificates.len()).unwrap_or(u32::MAX);
            summary.warnings = session.warnings();
            (summary, listed)
        }
        Err(error) => {
            summary.error = Some((&error).into());
            (summary, paging::Listed::default())
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
    let mut kept = Vec::new();
    let mut summaries = Vec::with_capacity(results.len());
    for (summary, listed) in results {
        summaries.push(summary);
        certificates.extend(listed.certificates);
        kept.extend(listed.kept);
    }
    rt.kept_copies(kept);
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

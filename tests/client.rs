#![cfg(not(target_arch = "wasm32"))]
//! The client's logic on a virtual clock and an in-memory vendor: paging plans, de-duplication,
//! warnings, retries and their limits, the upload retry rule, clock-skew correction, rate-limit
//! spacing, abort, and inventory's per-account errors. (End-to-end runs against the sandbox
//! through the proxy are in tests/node/client.test.mjs and tests/node/shipped.test.mjs.)

use std::cell::{Cell, RefCell};

use cloudcerts::client::{self, limits, HttpResponse, OutgoingRequest, Runtime};
use cloudcerts::model::{
    Account, CertStatus, ClientSettings, ListQuery, NormalizeOptions, PageRequest, Progress,
    Secret, UploadRequest,
};
use cloudcerts::{Error, ErrorCode, Result};
use futures_executor::block_on;
use serde_json::{json, Value};

/// 2026-11-23T00:00:00Z.
const VENDOR_NOW: f64 = 1_795_392_000_000.0;

type Responder = Box<dyn Fn(&OutgoingRequest, usize) -> Result<HttpResponse>>;

struct Fake {
    now: Cell<f64>,
    sent: RefCell<Vec<(f64, OutgoingRequest)>>,
    sleeps: RefCell<Vec<f64>>,
    progress: RefCell<Vec<Progress>>,
    abort_after: Cell<usize>,
    /// Pages read with `raw` by reference, which this runtime never keeps: the client must fill
    /// `raw` itself.
    by_reference: Cell<bool>,
    respond: Responder,
}

impl Fake {
    fn new(respond: impl Fn(&OutgoingRequest, usize) -> Result<HttpResponse> + 'static) -> Fake {
        limits::reset();
        Fake {
            now: Cell::new(VENDOR_NOW),
            sent: RefCell::default(),
            sleeps: RefCell::default(),
            progress: RefCell::default(),
            abort_after: Cell::new(usize::MAX),
            by_reference: Cell::new(false),
            respond: Box::new(respond),
        }
    }
    fn requests(&self) -> Vec<OutgoingRequest> {
        self.sent.borrow().iter().map(|(_, r)| r.clone()).collect()
    }
}

impl Runtime for Fake {
    fn now_ms(&self) -> f64 {
        self.now.get()
    }
    fn random(&self) -> f64 {
        0.5
    }
    fn aborted(&self) -> bool {
        self.sent.borrow().len() >= self.abort_after.get()
    }
    async fn sleep(&self, ms: f64) -> Result<()> {
        self.sleeps.borrow_mut().push(ms);
        self.now.set(self.now.get() + ms);
        Ok(())
    }
    async fn send(&self, request: &OutgoingRequest) -> Result<HttpResponse> {
        let index = self.sent.borrow().len();
        self.sent
            .borrow_mut()
            .push((self.now.get(), request.clone()));
        self.now.set(self.now.get() + 10.0);
        (self.respond)(request, index)
    }
    fn progress(&self, progress: &Progress) {
        self.progress.borrow_mut().push(progress.clone());
    }
    fn raw_by_reference(&self) -> bool {
        self.by_reference.get()
    }
}

fn account(provider: &str) -> Account {
    Account {
        provider: provider.into(),
        access_key_id: format!("AK-{provider}"),
        secret_access_key: Secret::new("TopSecretKey"),
        session_token: None,
        region: None,
        endpoint: None,
        label: Some(format!("{provider}-label")),
    }
}

fn ok(body: Value) -> Result<HttpResponse> {
    Ok(HttpResponse {
        status: 200,
        date: None,
        request_id: None,
        body: body.to_string(),
    })
}

fn options() -> ClientSettings {
    ClientSettings {
        proxy: Some("http://127.0.0.1:8787/".into()),
        ..ClientSettings::default()
    }
}

fn body_json(request: &OutgoingRequest) -> Value {
    serde_json::from_str(request.body.as_deref().unwrap_or("null")).unwrap_or(Value::Null)
}

/// A Tencent vendor holding `total` certificates, pages overlapping by one duplicate.
fn tencent_page(request: &OutgoingRequest, total: u64) -> Value {
    let body = body_json(request);
    let offset = body["Offset"].as_u64().unwrap_or(0);
    let limit = body["Limit"].as_u64().unwrap_or(10);
    let mut certs: Vec<Value> = (offset..(offset + limit).min(total))
        .map(|i| json!({"CertificateId": format!("c{i}"), "Status": 1, "CertEndTime": "2027-01-01 00:00:00"}))
        .collect();
    if offset > 0 {
        certs.push(json!({"CertificateId": "c0", "Status": 1}));
    }
    json!({"Response": {"TotalCount": total, "Certificates": certs, "RequestId": "r"}})
}

/// Lists one Qiniu page (`page`, answered to every request) with `query`, its listed records'
/// `raw` read by reference or whole; the runtime keeps no page, so the client fills `raw` itself.
fn listed_qiniu(
    page: &Value,
    query: &ListQuery,
    by_reference: bool,
) -> Vec<cloudcerts::model::Certificate> {
    let body = page.clone();
    let rt = Fake::new(move |_, _| ok(body.clone()));
    rt.by_reference.set(by_reference);
    block_on(client::list_certificates(
        &rt,
        &account("qiniu"),
        query,
        &options(),
    ))
    .expect("lists")
    .certificates
}

#[test]
fn a_filtered_page_keeps_each_raw_with_its_certificate() {
    // Qiniu has no server-side search: the client filters the page it read, and each raw left in
    // the body must stay with its own certificate (Page::retain keeps the references beside).
    const PEM: &str = "-----BEGIN PRIVATE KEY-----\nx\n-----END PRIVATE KEY-----";
    let page = json!({"marker": "", "certs": [
        {"certid": "skip-1", "name": "a", "common_name": "a.example", "pri": PEM},
        {"certid": "keep-1", "name": "b", "common_name": "b.example", "note": "first", "pri": PEM},
        {"certid": "skip-2", "name": "c", "common_name": "c.example"},
        {"certid": "keep-2", "name": "d", "common_name": "d.example", "note": "second"}
    ]});
    let query = ListQuery {
        search: Some("keep".into()),
        domain: None,
    };
    let listed = |by_reference: bool| listed_qiniu(&page, &query, by_reference);
    let filtered = listed(true);
    assert_eq!(filtered, listed(false));
    let raws: Vec<(String, Value)> = filtered
        .iter()
        .map(|c| (c.id.to_string(), c.raw.clone()))
        .collect();
    assert_eq!(
        raws,
        vec![
            (
                "keep-1".to_owned(),
                json!({"certid": "keep-1", "name": "b", "common_name": "b.example", "note": "first"})
            ),
            (
                "keep-2".to_owned(),
                json!({"certid": "keep-2", "name": "d", "common_name": "d.example", "note": "second"})
            ),
        ]
    );
}

#[test]
fn raw_read_by_reference_is_filled_when_the_runtime_keeps_no_page() {
    const PEM: &str = "-----BEGIN PRIVATE KEY-----\nx\n-----END PRIVATE KEY-----";
    let page = json!({"marker": "", "certs": [
        {"certid": "a", "name": "a", "common_name": "a.example", "not_after": 1_900_000_000, "pri": PEM, "extra": [1, PEM, {"k": 2}]},
        {"certid": "b", "name": "b", "common_name": "b.example", "big": 9_007_199_254_740_993u64}
    ]});
    let listed = |by_reference: bool| listed_qiniu(&page, &ListQuery::default(), by_reference);
    let filled = listed(true);
    assert_eq!(filled, listed(false));
    assert_eq!(
        filled[0].raw,
        json!({"certid": "a", "name": "a", "common_name": "a.example", "not_after": 1_900_000_000, "extra": [1, {"k": 2}]})
    );
    assert_eq!(filled[1].raw["big"], json!(9_007_199_254_740_992.0));
    assert!(
        filled.iter().all(|c| c.raw.is_object()),
        "every raw filled in"
    );
}

#[test]
fn tencent_pages_at_1000_then_concurrently_and_deduplicates() {
    let rt = Fake::new(|r, _| ok(tencent_page(r, 2500)));
    let result = block_on(client::list_certificates(
        &rt,
        &account("tencent-ssl"),
        &ListQuery::default(),
        &options(),
    ))
    .expect("lists");
    assert_eq!(result.certificates.len(), 2500);
    assert_eq!((result.requests, result.retries), (3, 0));
    assert!(result.warnings.is_empty(), "{:?}", result.warnings);
    let offsets: Vec<u64> = rt
        .requests()
        .iter()
        .map(|r| body_json(r)["Offset"].as_u64().unwrap_or(99))
        .collect();
    assert_eq!(offsets, vec![0, 1000, 2000]);
    let first = &rt.requests()[0];
    assert_eq!(
        first.url,
        "http://127.0.0.1:8787/https://ssl.tencentcloudapi.com/"
    );
    assert_eq!(first.headers["X-TC-Action"], "DescribeCertificates");
    assert_eq!(body_json(first)["Limit"], 1000);
    assert_eq!(result.account, "tencent-ssl-label");
    let last = rt.progress.borrow().last().cloned().expect("progress");
    assert_eq!((last.done, last.total), (3, Some(3)));
}

#[test]
fn requests_leave_at_the_documented_rate() {
    // 15 pages of 1,000 at 10 requests per second.
    let rt = Fake::new(|r, _| ok(tencent_page(r, 15_000)));
    let result = block_on(client::list_certificates(
        &rt,
        &account("tencent-ssl"),
        &ListQuery::default(),
        &ClientSettings {
            concurrency: Some(16.0),
            ..options()
        },
    ))
    .expect("lists");
    assert_eq!((result.requests, result.retries), (15, 0));
    let times: Vec<f64> = rt.sent.borrow().iter().map(|(t, _)| *t).collect();
    assert_eq!(times.len(), 15);
    // Ten may leave within one window (here: the first page, then nine at once when it
    // answered), never eleven.
    for (first, eleventh) in times.iter().zip(times.iter().skip(10)) {
        assert!(
            eleventh - first >= limits::WINDOW_MS - 1e-6,
            "10 requests per window at most: {times:?}"
        );
    }
    assert!(
        times[9] - times[0] < 100.0,
        "the first ten leave without waiting for each other: {times:?}"
    );
}

#[test]
fn after_a_throttling_answer_requests_are_spaced_evenly() {
    // The second request is throttled; everything after it leaves 110 ms apart (10/s + 10%).
    let rt = Fake::new(|r, i| match i {
        1 => ok(
            json!({"Response": {"Error": {"Code": "RequestLimitExceeded", "Message": "slow down"}, "RequestId": "x"}}),
        ),
        _ => ok(tencent_page(r, 6_000)),
    });
    let result = block_on(client::list_certificates(
        &rt,
        &account("tencent-ssl"),
        &ListQuery::default(),
        &ClientSettings {
            concurrency: Some(16.0),
            ..options()
        },
    ))
    .expect("lists");
    assert_eq!((result.requests, result.retries), (7, 1));
    assert_eq!(result.certificates.len(), 6_000);
    let times: Vec<f64> = rt.sent.borrow().iter().map(|(t, _)| *t).collect();
    assert_eq!(times.len(), 7);
    // (The fake answers at once, so the throttling answer comes before the other pages ask for
    // their slots.) From the throttled request on, requests leave 110 ms apart at least.
    for pair in times[1..].windows(2) {
        assert!(pair[1] - pair[0] >= 110.0 - 1e-6, "{times:?}");
    }
}

#[test]
fn a_total_that_changes_while_paging_is_a_warning() {
    let rt = Fake::new(|r, i| ok(tencent_page(r, if i == 0 { 1500 } else { 1600 })));
    let result = block_on(client::list_certificates(
        &rt,
        &account("tencent-ssl"),
        &ListQuery::default(),
        &options(),
    ))
    .expect("lists");
    assert_eq!(result.certificates.len(), 1600);
    assert!(
        result.warnings.iter().any(|w| w.contains("1500 → 1600")),
        "{:?}",
        result.warnings
    );
}

#[test]
fn fewer_certificates_than_the_total_is_a_warning() {
    let rt = Fake::new(|_, _| {
        ok(json!({"code": 0, "data": {"totalNum": 5, "list": [{"id": "a", "status": 1}]}}))
    });
    let result = block_on(client::list_certificates(
        &rt,
        &account("tencent-legacy"),
        &ListQuery::default(),
        &options(),
    ))
    .expect("lists");
    assert!(
        result
            .warnings
            .iter()
            .any(|w| w.contains("listed 1 of the 5")),
        "{:?}",
        result.warnings
    );
}

#[test]
fn transient_failures_are_retried_with_backoff() {
    let rt = Fake::new(|r, i| match i {
        0 => Ok(HttpResponse {
            status: 502,
            body: "<html>bad gateway</html>".into(),
            ..HttpResponse::default()
        }),
        1 => Err(Error::new(ErrorCode::Network, "connection reset")),
        2 => ok(
            json!({"Response": {"Error": {"Code": "RequestLimitExceeded", "Message": "slow down"}, "RequestId": "x"}}),
        ),
        _ => ok(tencent_page(r, 10)),
    });
    let result = block_on(client::list_certificates(
        &rt,
        &account("tencent-ssl"),
        &ListQuery::default(),
        &ClientSettings {
            max_attempts: Some(4.0),
            ..options()
        },
    ))
    .expect("lists after retries");
    assert_eq!(
        (result.requests, result.retries, result.certificates.len()),
        (4, 3, 10)
    );
    // Full jitter (random = 0.5): half of 250, 500, 1000 ms.
    let backoffs: Vec<f64> = rt
        .sleeps
        .borrow()
        .iter()
        .copied()
        .filter(|s| [125.0, 250.0, 500.0].contains(s))
        .collect();
    assert_eq!(backoffs, vec![125.0, 250.0, 500.0]);
}

#[test]
fn attempts_run_out_with_the_typed_error() {
    let rt = Fake::new(|_, _| {
        Ok(HttpResponse {
            status: 503,
            body: "unavailable".into(),
            ..HttpResponse::default()
        })
    });
    let error = block_on(client::list_certificates(
        &rt,
        &account("qiniu"),
        &ListQuery::default(),
        &options(),
    ))
    .expect_err("fails");
    // Not JSON with 503: a gateway's page, retryable (issue 17, item 9).
    assert_eq!(
        (error.code, error.retryable, error.http_status),
        (ErrorCode::BadResponse, true, Some(503))
    );
    assert_eq!(rt.requests().len(), 3, "maxAttempts defaults to 3");
}

#[test]
fn permanent_errors_are_not_retried() {
    let rt = Fake::new(|_, _| {
        ok(
            json!({"Response": {"Error": {"Code": "AuthFailure.SignatureFailure", "Message": "bad"}, "RequestId": "x"}}),
        )
    });
    let error = block_on(client::list_certificates(
        &rt,
        &account("tencent-ssl"),
        &ListQuery::default(),
        &options(),
    ))
    .expect_err("fails");
    assert_eq!(
        (error.code, error.vendor_code.as_deref()),
        (ErrorCode::Auth, Some("AuthFailure.SignatureFailure"))
    );
    assert_eq!(rt.requests().len(), 1);
    assert!(!format!("{error:?}").contains("TopSecretKey"));
}

/// A Tencent vendor whose clock is VENDOR_NOW-based: it rejects timestamps more than 5 minutes
/// off and always sends `Date`.
fn strict_clock_vendor(
    rt_now: &'static std::thread::LocalKey<Cell<f64>>,
) -> impl Fn(&OutgoingRequest, usize) -> Result<HttpResponse> {
    move |request, _| {
        let vendor_ms = rt_now.with(|n| n.get());
        let stamp: f64 = request
            .headers
            .get("X-TC-Timestamp")
            .and_then(|t| t.parse().ok())
            .unwrap_or(0.0);
        let date = httpdate::fmt_http_date(
            std::time::UNIX_EPOCH + std::time::Duration::from_millis(vendor_ms as u64),
        );
        let body = if (stamp * 1000.0 - vendor_ms).abs() > 300_000.0 {
            json!({"Response": {"Error": {"Code": "AuthFailure.SignatureExpire", "Message": "expired"}, "RequestId": "x"}})
        } else {
            tencent_page(request, 3)
        };
        Ok(HttpResponse {
            status: 200,
            date: Some(date),
            request_id: None,
            body: body.to_string(),
        })
    }
}

thread_local! { static VENDOR_CLOCK: Cell<f64> = const { Cell::new(VENDOR_NOW) }; }

#[test]
fn a_wrong_clock_is_corrected_once_and_remembered() {
    let rt = Fake::new(strict_clock_vendor(&VENDOR_CLOCK));
    let wrong = ClientSettings {
        now: Some(VENDOR_NOW - 3_600_000.0),
        ..options()
    };
    let first = block_on(client::list_certificates(
        &rt,
        &account("tencent-ssl"),
        &ListQuery::default(),
        &wrong,
    ))
    .expect("corrected");
    assert_eq!(
        (first.requests, first.retries, first.certificates.len()),
        (2, 1, 3)
    );
    let again = block_on(client::list_certificates(
        &rt,
        &account("tencent-ssl"),
        &ListQuery::default(),
        &wrong,
    ))
    .expect("remembered");
    assert_eq!((again.requests, again.retries), (1, 0));
    // daysRemaining uses the corrected clock: 2027-01-01 (Beijing) is 38 days after 2026-11-23.
    assert_eq!(again.certificates[0].days_remaining, Some(38));
}

#[test]
fn a_skew_error_without_a_date_header_is_not_retried_blindly() {
    let rt = Fake::new(|_, _| {
        ok(
            json!({"Response": {"Error": {"Code": "AuthFailure.SignatureExpire", "Message": "expired"}, "RequestId": "x"}}),
        )
    });
    let error = block_on(client::list_certificates(
        &rt,
        &account("tencent-ssl"),
        &ListQuery::default(),
        &options(),
    ))
    .expect_err("fails");
    assert_eq!(error.code, ErrorCode::ClockSkew);
    assert!(error.hint.is_some());
    assert_eq!(
        rt.requests().len(),
        1,
        "the same clock would be rejected again"
    );
}

#[test]
fn volcengine_live_asks_every_combination_and_marks_disabled_ones() {
    let rt = Fake::new(|r, _| {
        let body = body_json(r);
        let (available, expiring) = (
            body["Available"].as_bool().unwrap_or(true),
            body["Expiring"].as_bool().unwrap_or(false),
        );
        let id = format!(
            "{}-{}",
            if available { "on" } else { "off" },
            if expiring { "old" } else { "new" }
        );
        let end = if expiring {
            "2020-01-01T00:00:00Z"
        } else {
            "2030-01-01T00:00:00Z"
        };
        ok(json!({"ResponseMetadata": {}, "Result": {"CertList": [
            {"CertID": id, "Status": if expiring { "Expire" } else { "OK" }, "NotAfter": end},
            {"CertID": "shared", "Status": "OK", "NotAfter": "2030-01-01T00:00:00Z"}
        ]}}))
    });
    let result = block_on(client::list_certificates(
        &rt,
        &account("volcengine-live"),
        &ListQuery::default(),
        &options(),
    ))
    .expect("lists");
    assert_eq!(result.requests, 4);
    let status = |id: &str| {
        result
            .certificates
            .iter()
            .find(|c| c.id == id)
            .map(|c| c.status)
    };
    assert_eq!(
        result.certificates.len(),
        5,
        "four combinations plus one shared id, once"
    );
    assert_eq!(status("on-new"), Some(CertStatus::Active));
    assert_eq!(status("on-old"), Some(CertStatus::Expired));
    assert_eq!(status("off-new"), Some(CertStatus::Disabled));
    assert_eq!(status("off-old"), Some(CertStatus::Disabled));
}

#[test]
fn qiniu_follows_markers_and_stops_on_a_repeated_one() {
    let rt = Fake::new(|r, _| {
        let marker = r
            .url
            .split("marker=")
            .nth(1)
            .and_then(|m| m.split('&').next())
            .unwrap_or("")
            .to_owned();
        let (ids, next) = match marker.as_str() {
            "" => (vec!["a", "b"], "m1"),
            "m1" => (vec!["c"], "m2"),
            _ => (vec!["d"], "m2"),
        };
        let certs: Vec<Value> = ids
            .iter()
            .map(|id| json!({"certid": id, "not_after": 1893456000}))
            .collect();
        ok(json!({"marker": next, "certs": certs}))
    });
    let result = block_on(client::list_certificates(
        &rt,
        &account("qiniu"),
        &ListQuery::default(),
        &options(),
    ))
    .expect("lists");
    let ids: Vec<&str> = result.certificates.iter().map(|c| c.id.as_ref()).collect();
    assert_eq!(ids, vec!["a", "b", "c", "d"]);
    assert_eq!(result.requests, 3);
    assert!(
        result.warnings.iter().any(|w| w.contains("m2")),
        "{:?}",
        result.warnings
    );
}

#[test]
fn pages_by_cursor() {
    let rt = Fake::new(|r, _| ok(tencent_page(r, 25)));
    let opts = options();
    let acc = account("tencent-ssl");
    let mut cursor = None;
    let mut ids = Vec::new();
    for _ in 0..10 {
        let page = block_on(client::list_certificates_page(
            &rt,
            &acc,
            &PageRequest {
                cursor: cursor.clone(),
                page_size: Some(10.0),
                query: None,
            },
            &opts,
        ))
        .expect("page");
        ids.extend(page.certificates.into_iter().map(|c| c.id.into_owned()));
        cursor = page.next_cursor;
        if cursor.is_none() {
            break;
        }
    }
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 25);
    let bad = block_on(client::list_certificates_page(
        &rt,
        &acc,
        &PageRequest {
            cursor: Some("m:x".into()),
            ..PageRequest::default()
        },
        &opts,
    ));
    assert_eq!(bad.map_err(|e| e.code).err(), Some(ErrorCode::InvalidInput));
}

/// A string field of the sandbox's `sampleCertificate` (sandbox/samples.mjs): a self-signed
/// P-256 certificate valid until 2125 and its key, which inspection lets through.
fn sample(field: &str) -> String {
    let source = include_str!("../sandbox/samples.mjs");
    let start = source.find(&format!("{field}: \"")).unwrap() + field.len() + 3;
    let end = start + source[start..].find('"').unwrap();
    source[start..end].replace("\\n", "\n")
}

fn upload() -> UploadRequest {
    UploadRequest {
        name: "n".into(),
        common_name: "upload.sandbox.example".into(),
        certificate_pem: sample("certificatePem"),
        private_key_pem: Secret::new(sample("privateKeyPem")),
        min_validity_days: None,
        project: None,
        tags: None,
    }
}

/// `inspect::check_upload` of an upload's bundle, key and `minValidityDays`, at a fixed time.
fn check_upload(upload: &UploadRequest, provider: Option<cloudcerts::Provider>) -> Result<()> {
    cloudcerts::inspect::check_upload(
        &upload.certificate_pem,
        upload.private_key_pem.expose(),
        upload.min_validity_days,
        1_750_000_000_000,
        provider,
    )
}

/// The one upload pre-check is `inspect::check_upload`, which the package's `uploadCertificate`
/// runs (in the inspector module) before the main module's upload: it refuses these bundles.
/// (The client itself does not inspect: that would put the curve arithmetic in the main
/// module. The Node tests check that the package's upload sends nothing for them.)
#[test]
fn the_upload_pre_check_refuses_bad_bundles() {
    let mut garbage = upload();
    garbage.certificate_pem =
        "-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----".into();
    let mut swapped = upload();
    swapped.private_key_pem = Secret::new(sample("certificatePem"));
    let mut other_key = upload();
    let expired_key = include_str!("../sandbox/samples.mjs")
        .split("expiredCertificate")
        .nth(1)
        .and_then(|rest| rest.split("privateKeyPem: \"").nth(1))
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .replace("\\n", "\n");
    other_key.private_key_pem = Secret::new(expired_key);
    for (upload, code) in [
        (garbage, "Undecodable"),
        (swapped, "CertificateInKeyField"),
        (other_key, "KeyMismatch"),
    ] {
        let provider = Some(cloudcerts::Provider::TencentSsl);
        let error = check_upload(&upload, provider).unwrap_err();
        assert_eq!(error.code, ErrorCode::InvalidInput, "{code}");
        assert!(
            error.message.starts_with("upload refused before sending"),
            "{}",
            error.message
        );
        let problems = error.problems.as_deref().unwrap();
        assert_eq!(
            serde_json::to_value(problems[0].code).unwrap(),
            serde_json::json!(code)
        );
        assert_eq!(error.provider, provider, "the account's provider");
        let bundle = check_upload(&upload, None).unwrap_err();
        assert_eq!(bundle.provider, None, "a bundle for many accounts");
        assert!(
            bundle
                .message
                .starts_with("bundle refused before sending: "),
            "names replaceCertificate's argument: {}",
            bundle.message
        );
    }
    assert!(check_upload(&upload(), None).is_ok());
}

#[test]
fn an_upload_is_not_retried_when_it_may_have_taken_effect() {
    let rt = Fake::new(|_, _| Err(Error::new(ErrorCode::Network, "reset after sending")));
    let error = block_on(client::upload_certificate(
        &rt,
        &account("qiniu"),
        &upload(),
        &options(),
    ))
    .expect_err("fails");
    assert_eq!((error.code, rt.requests().len()), (ErrorCode::Network, 1));
    let rt = Fake::new(|_, _| {
        Ok(HttpResponse {
            status: 500,
            body: r#"{"error":"oops"}"#.into(),
            ..HttpResponse::default()
        })
    });
    assert!(block_on(client::upload_certificate(
        &rt,
        &account("qiniu"),
        &upload(),
        &options()
    ))
    .is_err());
    assert_eq!(
        rt.requests().len(),
        1,
        "a 5xx may have stored the certificate"
    );
}

#[test]
fn an_upload_is_retried_when_throttled() {
    let rt = Fake::new(|_, i| {
        if i == 0 {
            Ok(HttpResponse {
                status: 429,
                body: r#"{"error":"too many requests"}"#.into(),
                ..HttpResponse::default()
            })
        } else {
            ok(json!({"certID": "new-id"}))
        }
    });
    let result = block_on(client::upload_certificate(
        &rt,
        &account("qiniu"),
        &upload(),
        &options(),
    ))
    .expect("uploaded");
    assert_eq!(result.id, "new-id");
    let sent = rt.requests();
    assert_eq!(sent.len(), 2);
    assert_eq!(body_json(&sent[0])["pri"], sample("privateKeyPem").as_str());
    assert_eq!(body_json(&sent[1])["ca"], sample("certificatePem").as_str());
    assert_eq!(sent[0].method, "POST");
}

#[test]
fn deleting_what_is_gone_succeeds_but_a_bare_404_is_not_gone() {
    let html_404 = Fake::new(|_, _| {
        Ok(HttpResponse {
            status: 404,
            body: "<html>Not Found</html>".into(),
            ..HttpResponse::default()
        })
    });
    let error = block_on(client::delete_certificate(
        &html_404,
        &account("qiniu"),
        "x",
        &options(),
    ))
    .expect_err("a bare 404 is not Qiniu saying gone");
    assert_eq!(error.code, ErrorCode::NotFound);
    let rt = Fake::new(|_, _| {
        Ok(HttpResponse {
            status: 400,
            body: r#"{"code":400401,"error":"no such cert"}"#.into(),
            ..HttpResponse::default()
        })
    });
    block_on(client::delete_certificate(
        &rt,
        &account("qiniu"),
        "gone",
        &options(),
    ))
    .expect("already gone is fine");
    assert!(rt.requests()[0]
        .url
        .ends_with("https://api.qiniu.com/sslcert/gone"));
}

/// A Tencent SSL answer: `Response` with `fields` and a request id.
fn tencent_answer(fields: Value) -> Result<HttpResponse> {
    let mut response = fields;
    response["RequestId"] = json!("req-1");
    ok(json!({ "Response": response }))
}

fn header<'a>(request: &'a OutgoingRequest, name: &str) -> Option<&'a str> {
    request
        .headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

#[test]
fn tencent_ssl_uploads_without_duplicates_and_says_when_it_already_held_one() {
    let rt =
        Fake::new(|_, _| tencent_answer(json!({"CertificateId": "newId123", "RepeatCertId": ""})));
    let result = block_on(client::upload_certificate(
        &rt,
        &account("tencent-ssl"),
        &upload(),
        &options(),
    ))
    .expect("uploaded");
    assert_eq!((result.id.as_str(), result.existing), ("newId123", None));
    let sent = rt.requests();
    assert_eq!(sent.len(), 1);
    assert_eq!(header(&sent[0], "X-TC-Action"), Some("UploadCertificate"));
    assert_eq!(header(&sent[0], "X-TC-Version"), Some("2019-12-05"));
    assert_eq!(
        body_json(&sent[0]),
        json!({
            "CertificatePublicKey": sample("certificatePem"),
            "CertificatePrivateKey": sample("privateKeyPem"),
            "CertificateType": "SVR",
            "Alias": "n",
            "Repeatable": false,
        })
    );
    // The vendor already holds it: its id, marked as existing, whatever `CertificateId` says.
    for answer in [
        json!({"CertificateId": "oldId456", "RepeatCertId": "oldId456"}),
        json!({"CertificateId": null, "RepeatCertId": "oldId456"}),
        json!({"RepeatCertId": "oldId456"}),
    ] {
        let rt = Fake::new(move |_, _| tencent_answer(answer.clone()));
        let result = block_on(client::upload_certificate(
            &rt,
            &account("tencent-ssl"),
            &upload(),
            &options(),
        ))
        .expect("answered");
        assert_eq!(
            (result.id.as_str(), result.existing),
            ("oldId456", Some(true))
        );
    }
    let rt = Fake::new(|_, _| tencent_answer(json!({"RepeatCertId": ""})));
    let error = block_on(client::upload_certificate(
        &rt,
        &account("tencent-ssl"),
        &upload(),
        &options(),
    ))
    .expect_err("no id");
    assert_eq!(error.code, ErrorCode::BadResponse);
    assert_eq!(
        rt.requests().len(),
        1,
        "an upload that may have landed is not sent again"
    );
}

#[test]
fn tencent_ssl_upload_and_delete_refusals_are_typed_and_never_retried() {
    for (code, expected) in [
        (
            "FailedOperation.CertificateMismatch",
            ErrorCode::InvalidInput,
        ),
        (
            "FailedOperation.CertificateInvalid",
            ErrorCode::InvalidInput,
        ),
        ("InternalError", ErrorCode::Vendor),
    ] {
        let rt =
            Fake::new(move |_, _| tencent_answer(json!({"Error": {"Code": code, "Message": "m"}})));
        let error = block_on(client::upload_certificate(
            &rt,
            &account("tencent-ssl"),
            &upload(),
            &options(),
        ))
        .expect_err("refused");
        assert_eq!((error.code, error.retryable), (expected, false), "{code}");
        assert_eq!(error.vendor_code.as_deref(), Some(code));
        assert_eq!(
            rt.requests().len(),
            1,
            "{code}: an upload is not sent again"
        );
        assert!(!format!("{error:?}").contains("PRIVATE KEY"));
    }
    let bound = Fake::new(|_, _| {
        tencent_answer(
            json!({"Error": {"Code": "FailedOperation.DeleteResourceFailed", "Message": "证书已关联云资源，无法删除。"}}),
        )
    });
    let error = block_on(client::delete_certificate(
        &bound,
        &account("tencent-ssl"),
        "boundId1",
        &options(),
    ))
    .expect_err("bound");
    assert_eq!((error.code, error.retryable), (ErrorCode::Vendor, false));
    assert!(error.hint.as_deref().is_some_and(|h| h.contains("unbind")));
    assert_eq!(bound.requests().len(), 1);
    let sent = &bound.requests()[0];
    assert_eq!(header(sent, "X-TC-Action"), Some("DeleteCertificate"));
    assert_eq!(body_json(sent), json!({"CertificateId": "boundId1"}));
}

#[test]
fn tencent_ssl_delete_succeeds_when_deleted_or_gone_and_fails_when_the_vendor_says_false() {
    let deleted = Fake::new(|_, _| tencent_answer(json!({"DeleteResult": true, "TaskId": null})));
    block_on(client::delete_certificate(
        &deleted,
        &account("tencent-ssl"),
        "a",
        &options(),
    ))
    .expect("deleted");
    let gone = Fake::new(|_, _| {
        tencent_answer(
            json!({"Error": {"Code": "FailedOperation.CertificateNotFound", "Message": "证书不存在。"}}),
        )
    });
    block_on(client::delete_certificate(
        &gone,
        &account("tencent-ssl"),
        "a",
        &options(),
    ))
    .expect("already gone is fine");
    let refused = Fake::new(|_, _| tencent_answer(json!({"DeleteResult": false})));
    let error = block_on(client::delete_certificate(
        &refused,
        &account("tencent-ssl"),
        "a",
        &options(),
    ))
    .expect_err("not deleted");
    assert_eq!(error.code, ErrorCode::Vendor);
    assert_eq!(error.request_id.as_deref(), Some("req-1"));
}

/// A Certificate Center answer: `ResponseMetadata` and `Result`.
fn certificate_center_answer(result: Value) -> Result<HttpResponse> {
    ok(
        json!({"ResponseMetadata": {"RequestId": "req-2", "Action": "ImportCertificate", "Version": "2024-10-01"}, "Result": result}),
    )
}

#[test]
fn certificate_center_imports_without_duplicates_and_deletes() {
    let rt = Fake::new(|_, _| {
        certificate_center_answer(json!({"InstanceId": "cert-new", "RepeatId": ""}))
    });
    let result = block_on(client::upload_certificate(
        &rt,
        &account("volcengine-cert"),
        &upload(),
        &options(),
    ))
    .expect("imported");
    assert_eq!((result.id.as_str(), result.existing), ("cert-new", None));
    let sent = rt.requests();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].method, "POST");
    assert!(
        sent[0]
            .url
            .ends_with("/?Action=ImportCertificate&Version=2024-10-01"),
        "{}",
        sent[0].url
    );
    assert_eq!(
        body_json(&sent[0]),
        json!({
            "Tag": "n",
            "Repeatable": false,
            "CertificateInfo": {
                "CertificateChain": sample("certificatePem"),
                "PrivateKey": sample("privateKeyPem"),
            },
        })
    );
    let rt = Fake::new(|_, _| {
        certificate_center_answer(json!({"InstanceId": "", "RepeatId": "cert-old"}))
    });
    let result = block_on(client::upload_certificate(
        &rt,
        &account("volcengine-cert"),
        &upload(),
        &options(),
    ))
    .expect("answered");
    assert_eq!(
        (result.id.as_str(), result.existing),
        ("cert-old", Some(true))
    );

    let deleted = Fake::new(|_, _| certificate_center_answer(json!({})));
    block_on(client::delete_certificate(
        &deleted,
        &account("volcengine-cert"),
        "cert-x",
        &options(),
    ))
    .expect("deleted");
    let sent = &deleted.requests()[0];
    assert!(sent
        .url
        .ends_with("/?Action=CertificateDeleteInstance&Version=2024-10-01"));
    assert_eq!(body_json(sent), json!({"InstanceId": "cert-x"}));
    let error_answer = |status: u16, code: &'static str| {
        Fake::new(move |_, _| {
            Ok(HttpResponse {
                status,
                body: json!({"ResponseMetadata": {"RequestId": "req-3", "Error": {"Code": code, "Message": "m"}}}).to_string(),
                ..HttpResponse::default()
            })
        })
    };
    let gone = error_answer(404, "ResourceNotFound.Instance");
    block_on(client::delete_certificate(
        &gone,
        &account("volcengine-cert"),
        "cert-x",
        &options(),
    ))
    .expect("already gone is fine");
    let bound = error_answer(400, "OperationDenied.CertificateInUse");
    let error = block_on(client::delete_certificate(
        &bound,
        &account("volcengine-cert"),
        "cert-x",
        &options(),
    ))
    .expect_err("bound");
    assert_eq!((error.code, error.retryable), (ErrorCode::Vendor, false));
    assert_eq!(bound.requests().len(), 1);
    let mismatch = error_answer(400, "InvalidParameter.KeyMismatch");
    let error = block_on(client::upload_certificate(
        &mismatch,
        &account("volcengine-cert"),
        &upload(),
        &options(),
    ))
    .expect_err("refused");
    assert_eq!(
        (error.code, error.retryable),
        (ErrorCode::InvalidInput, false)
    );
    let unavailable = error_answer(503, "ServiceUnavailableTemp");
    let error = block_on(client::upload_certificate(
        &unavailable,
        &account("volcengine-cert"),
        &upload(),
        &options(),
    ))
    .expect_err("refused");
    assert_eq!((error.code, error.retryable), (ErrorCode::Vendor, false));
    assert_eq!(
        unavailable.requests().len(),
        1,
        "an import that may have landed is not sent again"
    );
}

#[test]
fn tencent_legacy_uploads_and_deletes_with_a_post_form_that_keeps_the_key_out_of_the_url() {
    let rt = Fake::new(|_, _| {
        ok(json!({"code": 0, "message": "", "codeDesc": "Success", "data": {"id": "legacyId"}}))
    });
    let result = block_on(client::upload_certificate(
        &rt,
        &account("tencent-legacy"),
        &upload(),
        &options(),
    ))
    .expect("uploaded");
    assert_eq!((result.id.as_str(), result.existing), ("legacyId", None));
    let sent = &rt.requests()[0];
    assert_eq!(sent.method, "POST");
    assert!(
        sent.url.ends_with("/v2/index.php"),
        "no parameter in the URL: {}",
        sent.url
    );
    let form: Vec<(String, String)> = url_pairs(sent.body.as_deref().unwrap_or_default());
    let get = |name: &str| {
        form.iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };
    assert_eq!(get("Action"), Some("CertUpload"));
    assert_eq!(get("certType"), Some("SVR"));
    assert_eq!(get("alias"), Some("n"));
    assert_eq!(get("cert"), Some(sample("certificatePem").as_str()));
    assert_eq!(get("key"), Some(sample("privateKeyPem").as_str()));
    assert!(get("Signature").is_some(), "signed in the form");

    let deleted =
        Fake::new(|_, _| ok(json!({"code": 0, "message": "", "codeDesc": "Success", "data": []})));
    block_on(client::delete_certificate(
        &deleted,
        &account("tencent-legacy"),
        "legacyId",
        &options(),
    ))
    .expect("deleted");
    let form = url_pairs(deleted.requests()[0].body.as_deref().unwrap_or_default());
    assert!(form.contains(&("Action".to_owned(), "CertDelete".to_owned())));
    assert!(form.contains(&("id".to_owned(), "legacyId".to_owned())));
    let gone = Fake::new(|_, _| {
        ok(json!({"code": 5000, "message": "证书不存在", "codeDesc": "ResourceNotFound"}))
    });
    block_on(client::delete_certificate(
        &gone,
        &account("tencent-legacy"),
        "legacyId",
        &options(),
    ))
    .expect("already gone is fine");
    let refused = Fake::new(|_, _| {
        ok(json!({"code": 4000, "message": "证书与私钥不匹配", "codeDesc": "InvalidParameter"}))
    });
    let error = block_on(client::upload_certificate(
        &refused,
        &account("tencent-legacy"),
        &upload(),
        &options(),
    ))
    .expect_err("refused");
    assert_eq!(
        (error.code, error.retryable),
        (ErrorCode::InvalidInput, false)
    );
    assert_eq!(refused.requests().len(), 1);
}

/// The pairs of a form body, decoded.
fn url_pairs(form: &str) -> Vec<(String, String)> {
    form.split('&')
        .filter_map(|pair| pair.split_once('='))
        .map(|(k, v)| (decode(k), decode(v)))
        .collect()
}

fn decode(text: &str) -> String {
    percent_encoding::percent_decode_str(&text.replace('+', " "))
        .decode_utf8_lossy()
        .into_owned()
}

#[test]
fn get_finds_one_or_says_not_found() {
    let rt = Fake::new(|r, _| {
        let wanted = r.url.contains("instance_id=yes");
        let content: Vec<Value> = if wanted {
            vec![json!({"id": "yes", "order_status": 300})]
        } else {
            vec![]
        };
        ok(json!({"ResponseMetadata": {}, "Result": {"count": content.len(), "content": content}}))
    });
    let found = block_on(client::get_certificate(
        &rt,
        &account("volcengine-cert"),
        "yes",
        &options(),
    ))
    .expect("found");
    assert_eq!(found.id, "yes");
    let error = block_on(client::get_certificate(
        &rt,
        &account("volcengine-cert"),
        "no",
        &options(),
    ))
    .expect_err("missing");
    assert_eq!(error.code, ErrorCode::NotFound);
}

#[test]
fn abort_stops_the_listing() {
    let rt = Fake::new(|r, _| ok(tencent_page(r, 5000)));
    rt.abort_after.set(2);
    let error = block_on(client::list_certificates(
        &rt,
        &account("tencent-ssl"),
        &ListQuery::default(),
        &options(),
    ))
    .expect_err("aborted");
    assert_eq!(error.code, ErrorCode::Aborted);
    assert!(
        rt.requests().len() <= 2 + 4,
        "no new request starts after the abort"
    );
}

#[test]
fn inventory_reports_a_failing_account_beside_the_others() {
    let rt = Fake::new(|r, _| {
        if r.url.contains("qiniu") {
            Ok(HttpResponse {
                status: 401,
                body: r#"{"error":"bad token"}"#.into(),
                ..HttpResponse::default()
            })
        } else {
            ok(tencent_page(r, 7))
        }
    });
    let mut bad = account("qiniu");
    bad.secret_access_key = Secret::new("WrongSecretValue");
    let accounts = vec![account("tencent-ssl"), bad, account("nonsense")];
    let inventory = block_on(client::inventory(&rt, &accounts, &options())).expect("not aborted");
    assert_eq!(inventory.certificates.len(), 7);
    assert_eq!(inventory.accounts.len(), 3);
    assert_eq!(inventory.accounts[0].count, 7);
    assert_eq!(
        inventory.accounts[1]
            .error
            .as_ref()
            .map(|e| e.code.as_str()),
        Some("Auth")
    );
    assert_eq!(
        inventory.accounts[2]
            .error
            .as_ref()
            .map(|e| e.code.as_str()),
        Some("InvalidInput")
    );
    let shown = serde_json::to_string(&inventory).unwrap_or_default();
    assert!(!shown.contains("WrongSecretValue") && !shown.contains("TopSecretKey"));
}

#[test]
fn bad_options_are_invalid_input() {
    let rt = Fake::new(|r, _| ok(tencent_page(r, 1)));
    for bad in [
        ClientSettings {
            timeout_ms: Some(0.0),
            ..options()
        },
        ClientSettings {
            max_attempts: Some(f64::NAN),
            ..options()
        },
        ClientSettings {
            proxy: Some("ftp://x/".into()),
            ..options()
        },
        ClientSettings {
            now: Some(-5.0),
            ..options()
        },
    ] {
        let error = block_on(client::list_certificates(
            &rt,
            &account("tencent-ssl"),
            &ListQuery::default(),
            &bad,
        ))
        .expect_err("invalid");
        assert_eq!(error.code, ErrorCode::InvalidInput);
    }
    assert!(rt.requests().is_empty());
}

#[test]
fn a_proxy_without_a_trailing_slash_gets_one() {
    let rt = Fake::new(|r, _| ok(tencent_page(r, 1)));
    let settings = ClientSettings {
        proxy: Some("http://127.0.0.1:8787".into()),
        ..ClientSettings::default()
    };
    block_on(client::list_certificates(
        &rt,
        &account("tencent-ssl"),
        &ListQuery::default(),
        &settings,
    ))
    .expect("lists");
    assert_eq!(
        rt.requests()[0].url,
        "http://127.0.0.1:8787/https://ssl.tencentcloudapi.com/"
    );
}

#[test]
fn a_request_in_flight_when_another_corrected_the_clock_is_re_signed() {
    // While this request was on its way, another one (a concurrent page, or another account of
    // the same provider) taught us the vendor's clock. This answer carries no `Date` of its own.
    let rt = Fake::new(|request, index| {
        let body = if index == 0 {
            limits::set_clock_offset(cloudcerts::Provider::TencentSsl, 0.0);
            json!({"Response": {"Error": {"Code": "AuthFailure.SignatureExpire", "Message": "expired"}, "RequestId": "x"}})
        } else {
            tencent_page(request, 2)
        };
        ok(body)
    });
    let wrong = ClientSettings {
        now: Some(VENDOR_NOW - 3_600_000.0),
        max_attempts: Some(1.0),
        ..options()
    };
    let result = block_on(client::list_certificates(
        &rt,
        &account("tencent-ssl"),
        &ListQuery::default(),
        &wrong,
    ))
    .expect("re-signed with the corrected clock");
    assert_eq!((result.requests, result.retries), (2, 1));
    let stamps: Vec<String> = rt
        .requests()
        .iter()
        .map(|r| r.headers["X-TC-Timestamp"].clone())
        .collect();
    assert_eq!(
        stamps,
        vec!["1795388400".to_string(), "1795392000".to_string()]
    );
}

// ---- inventory: options checked up front; what a failed account sent ----

#[test]
fn inventory_rejects_unusable_options_before_listing_any_account() {
    for (bad, field) in [
        (
            ClientSettings {
                timeout_ms: Some(-1.0),
                ..options()
            },
            "options.timeoutMs",
        ),
        (
            ClientSettings {
                max_attempts: Some(0.0),
                ..options()
            },
            "options.maxAttempts",
        ),
        (
            ClientSettings {
                concurrency: Some(f64::INFINITY),
                ..options()
            },
            "options.concurrency",
        ),
        (
            ClientSettings {
                proxy: Some("ftp://x/".into()),
                ..options()
            },
            "options.proxy",
        ),
        (
            ClientSettings {
                now: Some(-5.0),
                ..options()
            },
            "options.now",
        ),
        (
            ClientSettings {
                expiring_within_days: Some(-1.0),
                ..options()
            },
            "options.expiringWithinDays",
        ),
    ] {
        let rt = Fake::new(|r, _| ok(tencent_page(r, 3)));
        // Good accounts and one that is bad on its own: the options are refused first.
        let accounts = vec![
            account("tencent-ssl"),
            account("nonsense"),
            account("qiniu"),
        ];
        let error = block_on(client::inventory(&rt, &accounts, &bad)).expect_err(field);
        assert_eq!(error.code, ErrorCode::InvalidInput, "{field}: {error:?}");
        assert!(
            error.message.starts_with(&format!("{field}: ")),
            "{field}: {}",
            error.message
        );
        assert_eq!(error.provider, None, "{field}: not one account's problem");
        assert!(!error.retryable, "{field}");
        assert!(rt.requests().is_empty(), "{field}: nothing sent");
        assert!(
            rt.progress.borrow().is_empty(),
            "{field}: no account started"
        );
    }
}

#[test]
fn inventory_fails_only_the_account_whose_own_input_is_bad() {
    let rt = Fake::new(|r, _| ok(tencent_page(r, 3)));
    let mut empty_key = account("qiniu");
    empty_key.secret_access_key = Secret::new("");
    let accounts = vec![account("nonsense"), account("tencent-ssl"), empty_key];
    let inventory = block_on(client::inventory(&rt, &accounts, &options())).expect("resolves");
    let codes: Vec<Option<String>> = inventory
        .accounts
        .iter()
        .map(|a| a.error.as_ref().map(|e| e.code.clone()))
        .collect();
    assert_eq!(
        codes,
        vec![
            Some("InvalidInput".to_string()),
            None,
            Some("InvalidInput".to_string())
        ]
    );
    assert_eq!(inventory.certificates.len(), 3);
    assert_eq!(
        (inventory.accounts[1].count, inventory.accounts[1].requests),
        (3, 1)
    );
}

#[test]
fn inventory_counts_the_requests_a_failed_account_sent() {
    let rt = Fake::new(|r, _| {
        if r.url.contains("api.qiniu.com") {
            Ok(HttpResponse {
                status: 401,
                body: r#"{"error":"bad token"}"#.into(),
                ..HttpResponse::default()
            })
        } else if r.url.contains("tencentcloudapi.com") {
            Ok(HttpResponse {
                status: 503,
                body: "<html>unavailable</html>".into(),
                ..HttpResponse::default()
            })
        } else {
            ok(json!({"ResponseMetadata": {}, "Result": {"count": 0, "content": []}}))
        }
    });
    let accounts = vec![
        account("qiniu"),
        account("tencent-ssl"),
        account("nonsense"),
        account("volcengine-cert"),
    ];
    let inventory = block_on(client::inventory(&rt, &accounts, &options())).expect("resolves");
    let seen: Vec<(Option<String>, u32, u32)> = inventory
        .accounts
        .iter()
        .map(|a| {
            (
                a.error.as_ref().map(|e| e.code.clone()),
                a.requests,
                a.retries,
            )
        })
        .collect();
    assert_eq!(
        seen,
        vec![
            (Some("Auth".to_string()), 1, 0),
            (Some("BadResponse".to_string()), 3, 2),
            (Some("InvalidInput".to_string()), 0, 0),
            (None, 1, 0),
        ]
    );
    let counted: u32 = inventory.accounts.iter().map(|a| a.requests).sum();
    assert_eq!(
        counted as usize,
        rt.requests().len(),
        "every request sent is counted"
    );
}

// ---- retryable: the flag says what the client retries ----

/// How a failure reaches the client: an answer, or a transport error as the runtime's `send` makes it.
#[derive(Clone, Copy, Debug)]
enum Failure {
    Status(u16, &'static str),
    Network,
    Timeout,
}

impl Failure {
    fn answer(self) -> Result<HttpResponse> {
        match self {
            Failure::Status(status, body) => Ok(HttpResponse {
                status,
                body: body.into(),
                ..HttpResponse::default()
            }),
            Failure::Network | Failure::Timeout => {
                let code = if matches!(self, Failure::Network) {
                    ErrorCode::Network
                } else {
                    ErrorCode::Timeout
                };
                let mut e = Error::new(code, "the request did not get through");
                // What the fetch transport says; the client decides for itself.
                e.retryable = true;
                Err(e)
            }
        }
    }
}

/// Failures every provider can meet, and whether a read that meets them is retryable.
const COMMON_FAILURES: &[(Failure, bool)] = &[
    (Failure::Status(401, r#"{"error":"bad token"}"#), false),
    (Failure::Status(403, r#"{"error":"no"}"#), false),
    (Failure::Status(404, "<html>Not Found</html>"), false),
    (Failure::Status(408, "<html>Request Timeout</html>"), true),
    (
        Failure::Status(429, r#"{"error":"too many requests"}"#),
        true,
    ),
    (Failure::Status(500, r#"{"error":"oops"}"#), true),
    (Failure::Status(502, "<html>Bad Gateway</html>"), true),
    (Failure::Status(503, "unavailable"), true),
    (Failure::Status(504, "<html>Gateway Timeout</html>"), true),
    // A proxy's or gateway's page with a 200, a truncated body: BadResponse, read again.
    (Failure::Status(200, "<html>captive portal</html>"), true),
    (Failure::Status(200, r#"{"Response": {"TotalCo"#), true),
    (Failure::Status(200, ""), true),
    // The CORS proxy's own refusals: it could not reach the vendor (502), or will not (403).
    (
        Failure::Status(502, r#"{"code":"ProxyUpstreamError","error":"ECONNRESET"}"#),
        true,
    ),
    (
        Failure::Status(
            403,
            r#"{"code":"ProxyHostNotAllowed","error":"not allowed"}"#,
        ),
        false,
    ),
    (Failure::Network, true),
    (Failure::Timeout, true),
];

/// Tencent's own error envelopes, and whether a read that meets them is retryable.
const TENCENT_FAILURES: &[(&str, bool)] = &[
    ("InternalError.DbError", true),
    ("RequestLimitExceeded", true),
    ("FailedOperation.ExceedsFreeLimit", false),
    ("AuthFailure.SignatureFailure", false),
    ("UnauthorizedOperation", false),
    ("InvalidParameter", false),
    // No `Date` header tells the client the vendor's time: the same clock would be refused.
    ("AuthFailure.SignatureExpire", false),
];

fn tencent_envelope(code: &str) -> String {
    json!({"Response": {"Error": {"Code": code, "Message": "m"}, "RequestId": "r"}}).to_string()
}

/// Runs `call` against a vendor that always answers `failure`, with 3 attempts; returns the error
/// and how many requests were sent.
fn always<T: std::fmt::Debug>(
    failure: impl Fn() -> Result<HttpResponse> + 'static,
    call: impl Fn(&Fake, &ClientSettings) -> Result<T>,
) -> (Error, usize) {
    let rt = Fake::new(move |_, _| failure());
    let settings = ClientSettings {
        max_attempts: Some(3.0),
        ..options()
    };
    let error = call(&rt, &settings).expect_err("every answer fails");
    (error, rt.requests().len())
}

fn list(provider: &'static str) -> impl Fn(&Fake, &ClientSettings) -> Result<Vec<String>> {
    move |rt, settings| {
        block_on(client::list_certificates(
            rt,
            &account(provider),
            &ListQuery::default(),
            settings,
        ))
        .map(|r| {
            r.certificates
                .into_iter()
                .map(|c| c.id.into_owned())
                .collect()
        })
    }
}

fn upload_call(rt: &Fake, settings: &ClientSettings) -> Result<String> {
    block_on(client::upload_certificate(
        rt,
        &account("qiniu"),
        &upload(),
        settings,
    ))
    .map(|r| r.id)
}

fn delete_call(rt: &Fake, settings: &ClientSettings) -> Result<()> {
    block_on(client::delete_certificate(
        rt,
        &account("qiniu"),
        "some-id",
        settings,
    ))
}

#[test]
fn a_read_is_retried_exactly_when_its_error_says_retryable() {
    let mut cases: Vec<(String, &'static str, Failure, bool)> = Vec::new();
    for provider in ["tencent-ssl", "tencent-legacy", "volcengine-cert", "qiniu"] {
        for &(failure, retryable) in COMMON_FAILURES {
            cases.push((format!("{failure:?}"), provider, failure, retryable));
        }
    }
    for (what, provider, failure, retryable) in cases {
        let (error, sent) = always(move || failure.answer(), list(provider));
        let what = format!("{provider} {what}: {:?} {}", error.code, error.message);
        assert_eq!(error.retryable, retryable, "{what}");
        assert_eq!(sent, if retryable { 3 } else { 1 }, "{what}");
        // The same answer on its own (normalizeResponse) says the same.
        if let Failure::Status(status, body) = failure {
            let alone = cloudcerts::vendors::normalize_response(
                cloudcerts::Provider::parse(provider, "provider").expect("known"),
                body,
                &NormalizeOptions {
                    http_status: Some(f64::from(status)),
                    ..NormalizeOptions::default()
                },
            )
            .expect_err("an error");
            assert_eq!(
                (alone.code, alone.retryable),
                (error.code, error.retryable),
                "{what}: normalizeResponse"
            );
        }
    }
    for &(code, retryable) in TENCENT_FAILURES {
        let body = tencent_envelope(code);
        let (error, sent) = always(
            move || {
                Ok(HttpResponse {
                    status: 200,
                    body: body.clone(),
                    ..HttpResponse::default()
                })
            },
            list("tencent-ssl"),
        );
        assert_eq!(
            (error.vendor_code.as_deref(), error.retryable),
            (Some(code), retryable)
        );
        assert_eq!(sent, if retryable { 3 } else { 1 }, "{code}");
    }
}

#[test]
fn a_write_that_may_have_reached_the_vendor_is_not_retryable() {
    for &(failure, read_retryable) in COMMON_FAILURES {
        // An upload is repeated only when the vendor surely did not act: throttled.
        let throttled = matches!(failure, Failure::Status(429, _));
        let (error, sent) = always(move || failure.answer(), upload_call);
        let what = format!("upload {failure:?}: {:?} {}", error.code, error.message);
        assert_eq!(error.retryable, throttled, "{what}");
        assert_eq!(sent, if throttled { 3 } else { 1 }, "{what}");
        // Deleting again what is gone succeeds (Qiniu's 400401): a delete is retried like a read.
        if matches!(failure, Failure::Status(200, "")) {
            continue; // an empty 200 is a successful delete
        }
        let (error, sent) = always(move || failure.answer(), delete_call);
        let what = format!("delete {failure:?}: {:?} {}", error.code, error.message);
        assert_eq!(error.retryable, read_retryable, "{what}");
        assert_eq!(sent, if read_retryable { 3 } else { 1 }, "{what}");
    }
}

#[test]
fn a_clock_refusal_is_retryable_only_while_the_client_can_correct_it() {
    // The vendor's `Date` is an hour ahead of the local clock, but it refuses every signature
    // anyway: corrected and re-signed once, the refusal is not the clock's fault any more.
    let rt = Fake::new(|_, _| {
        let date = httpdate::fmt_http_date(
            std::time::UNIX_EPOCH
                + std::time::Duration::from_millis((VENDOR_NOW + 3_600_000.0) as u64),
        );
        Ok(HttpResponse {
            status: 200,
            date: Some(date),
            request_id: None,
            body: tencent_envelope("AuthFailure.SignatureExpire"),
        })
    });
    let error = block_on(client::list_certificates(
        &rt,
        &account("tencent-ssl"),
        &ListQuery::default(),
        &options(),
    ))
    .expect_err("refused");
    assert_eq!(error.code, ErrorCode::ClockSkew);
    assert_eq!(
        rt.requests().len(),
        2,
        "re-signed once with the vendor's time"
    );
    assert!(!error.retryable, "the corrected clock was refused too");
}

/// A Live answer with `result`.
fn live_answer(action: &str, result: Value) -> Result<HttpResponse> {
    ok(
        json!({"ResponseMetadata": {"RequestId": "req-l", "Action": action, "Version": "2023-01-01"}, "Result": result}),
    )
}

/// A `ListCertV2` record.
fn live_record(cert_id: &str, chain_id: &str) -> Value {
    json!({"CertID": cert_id, "ChainID": chain_id, "CertName": "n", "CertDomainList": ["a.example"],
           "NotBefore": "2026-01-01T00:00:00Z", "NotAfter": "2027-01-01T00:00:00Z", "Status": "OK"})
}

fn action_of(request: &OutgoingRequest) -> String {
    request
        .url
        .split("Action=")
        .nth(1)
        .and_then(|rest| rest.split('&').next())
        .unwrap_or_default()
        .to_owned()
}

#[test]
fn volcengine_live_uploads_a_chain_and_returns_the_certificate_id_the_list_shows() {
    let rt = Fake::new(|request, _| match action_of(request).as_str() {
        "CreateCert" => live_answer(
            "CreateCert",
            json!({"ChainID": "chain-new", "Domain": "a.example", "UseWay": "https"}),
        ),
        _ => live_answer(
            "ListCertV2",
            json!({"CertList": [live_record("cert-old", "chain-old"), live_record("cert-new", "chain-new")]}),
        ),
    });
    let result = block_on(client::upload_certificate(
        &rt,
        &account("volcengine-live"),
        &upload(),
        &options(),
    ))
    .expect("uploaded");
    assert_eq!((result.id.as_str(), result.existing), ("cert-new", None));
    let sent = rt.requests();
    assert_eq!(sent.len(), 2, "CreateCert, then the default list");
    assert_eq!(sent[0].method, "POST");
    assert!(
        sent[0]
            .url
            .ends_with("/?Action=CreateCert&Version=2023-01-01"),
        "{}",
        sent[0].url
    );
    assert_eq!(
        body_json(&sent[0]),
        json!({
            "CertName": "n",
            "UseWay": "https",
            "Rsa": {"Pubkey": sample("certificatePem"), "Prikey": sample("privateKeyPem")},
        })
    );
    assert_eq!(
        body_json(&sent[1]),
        json!({"Available": true, "Expiring": false})
    );
    // Not listed yet: the chain's id stands for it (delete takes either).
    let unlisted = Fake::new(|request, _| match action_of(request).as_str() {
        "CreateCert" => live_answer("CreateCert", json!({"ChainID": "chain-new"})),
        _ => live_answer("ListCertV2", json!({"CertList": []})),
    });
    let result = block_on(client::upload_certificate(
        &unlisted,
        &account("volcengine-live"),
        &upload(),
        &options(),
    ))
    .expect("uploaded");
    assert_eq!(result.id, "chain-new");
    // The list failing after the chain was made: still the upload's success, with the chain's id
    // (an error here would be retried into a second chain).
    let lookup_fails = Fake::new(|request, _| {
        match action_of(request).as_str() {
        "CreateCert" => live_answer("CreateCert", json!({"ChainID": "chain-new"})),
        _ => Ok(HttpResponse {
            status: 401,
            body: json!({"ResponseMetadata": {"RequestId": "r", "Error": {"Code": "SignatureDoesNotMatch", "Message": "m"}}}).to_string(),
            ..HttpResponse::default()
        }),
    }
    });
    let result = block_on(client::upload_certificate(
        &lookup_fails,
        &account("volcengine-live"),
        &upload(),
        &options(),
    ))
    .expect("the chain was made");
    assert_eq!(result.id, "chain-new");
    assert_eq!(
        lookup_fails
            .requests()
            .iter()
            .filter(|r| action_of(r) == "CreateCert")
            .count(),
        1
    );
    // A CreateCert that may have landed is not sent again.
    let failing = Fake::new(|_, _| {
        Ok(HttpResponse {
            status: 500,
            body: json!({"ResponseMetadata": {"RequestId": "r", "Error": {"Code": "InternalError", "Message": "m"}}}).to_string(),
            ..HttpResponse::default()
        })
    });
    let error = block_on(client::upload_certificate(
        &failing,
        &account("volcengine-live"),
        &upload(),
        &options(),
    ))
    .expect_err("failed");
    assert!(!error.retryable);
    assert_eq!(failing.requests().len(), 1);
}

#[test]
fn volcengine_live_deletes_by_the_chain_of_the_listed_certificate() {
    // Listed only where Available is false (disabled): every combination is asked until found.
    let rt = Fake::new(|request, _| match action_of(request).as_str() {
        "DeleteCert" => live_answer("DeleteCert", json!({})),
        _ if body_json(request)["Available"] == json!(false) => live_answer(
            "ListCertV2",
            json!({"CertList": [live_record("cert-x", "chain-x")]}),
        ),
        _ => live_answer(
            "ListCertV2",
            json!({"CertList": [live_record("cert-y", "chain-y")]}),
        ),
    });
    block_on(client::delete_certificate(
        &rt,
        &account("volcengine-live"),
        "cert-x",
        &options(),
    ))
    .expect("deleted");
    let sent = rt.requests();
    let actions: Vec<String> = sent.iter().map(action_of).collect();
    assert_eq!(
        actions,
        ["ListCertV2", "ListCertV2", "ListCertV2", "DeleteCert"]
    );
    assert!(sent[3]
        .url
        .ends_with("/?Action=DeleteCert&Version=2023-01-01"));
    assert_eq!(body_json(&sent[3]), json!({"ChainID": "chain-x"}));
    // By the chain's id too (what an upload returns before the list shows it).
    let by_chain = Fake::new(|request, _| match action_of(request).as_str() {
        "DeleteCert" => live_answer("DeleteCert", json!({})),
        _ => live_answer(
            "ListCertV2",
            json!({"CertList": [live_record("cert-y", "chain-y")]}),
        ),
    });
    block_on(client::delete_certificate(
        &by_chain,
        &account("volcengine-live"),
        "chain-y",
        &options(),
    ))
    .expect("deleted");
    assert_eq!(
        body_json(&by_chain.requests()[1]),
        json!({"ChainID": "chain-y"})
    );
    // Listed nowhere: already gone, nothing deleted.
    let gone = Fake::new(|_, _| live_answer("ListCertV2", json!({"CertList": []})));
    block_on(client::delete_certificate(
        &gone,
        &account("volcengine-live"),
        "cert-z",
        &options(),
    ))
    .expect("gone is done");
    let actions: Vec<String> = gone.requests().iter().map(action_of).collect();
    assert_eq!(actions, ["ListCertV2"; 4]);
    // Gone between the list and the delete: Live's 403 RequestForbidden ("no such resource").
    let raced = Fake::new(|request, _| {
        match action_of(request).as_str() {
        "DeleteCert" => Ok(HttpResponse {
            status: 403,
            body: json!({"ResponseMetadata": {"RequestId": "r", "Error": {"Code": "RequestForbidden", "Message": "m"}}}).to_string(),
            ..HttpResponse::default()
        }),
        _ => live_answer("ListCertV2", json!({"CertList": [live_record("cert-y", "chain-y")]})),
    }
    });
    block_on(client::delete_certificate(
        &raced,
        &account("volcengine-live"),
        "cert-y",
        &options(),
    ))
    .expect("gone is done");
    // A refusal (bound to a domain, say) is the vendor's error, not retried.
    let bound = Fake::new(|request, _| {
        match action_of(request).as_str() {
        "DeleteCert" => Ok(HttpResponse {
            status: 400,
            body: json!({"ResponseMetadata": {"RequestId": "r", "Error": {"Code": "InvalidParam", "Message": "bound"}}}).to_string(),
            ..HttpResponse::default()
        }),
        _ => live_answer("ListCertV2", json!({"CertList": [live_record("cert-y", "chain-y")]})),
    }
    });
    let error = block_on(client::delete_certificate(
        &bound,
        &account("volcengine-live"),
        "cert-y",
        &options(),
    ))
    .expect_err("refused");
    assert!(!error.retryable);
    assert_eq!(bound.requests().len(), 2);
}

/// An upload with the vendor extras (a project and two tags).
fn upload_with_extras(project: &str) -> UploadRequest {
    UploadRequest {
        project: Some(project.into()),
        tags: Some(
            [("env", "prod"), ("team", "web")]
                .into_iter()
                .map(|(k, v)| (k.into(), v.into()))
                .collect(),
        ),
        ..upload()
    }
}

#[test]
fn vendor_extras_go_where_the_vendor_takes_them_and_are_refused_elsewhere_before_sending() {
    // Tencent SSL: ProjectId (a number) and Tags of TagKey/TagValue.
    let rt =
        Fake::new(|_, _| tencent_answer(json!({"CertificateId": "newId123", "RepeatCertId": ""})));
    block_on(client::upload_certificate(
        &rt,
        &account("tencent-ssl"),
        &upload_with_extras(" 1024 "),
        &options(),
    ))
    .expect("uploaded");
    let body = body_json(&rt.requests()[0]);
    assert_eq!(body["ProjectId"], json!(1024));
    assert_eq!(
        body["Tags"],
        json!([{"TagKey": "env", "TagValue": "prod"}, {"TagKey": "team", "TagValue": "web"}])
    );
    // Certificate Center: ProjectName and Tags of Key/Value.
    let rt = Fake::new(|_, _| {
        certificate_center_answer(json!({"InstanceId": "cert-new", "RepeatId": ""}))
    });
    block_on(client::upload_certificate(
        &rt,
        &account("volcengine-cert"),
        &upload_with_extras("ops"),
        &options(),
    ))
    .expect("imported");
    let body = body_json(&rt.requests()[0]);
    assert_eq!(body["ProjectName"], json!("ops"));
    assert_eq!(
        body["Tags"],
        json!([{"Key": "env", "Value": "prod"}, {"Key": "team", "Value": "web"}])
    );
    // Live: ProjectName; no tags.
    let rt = Fake::new(|request, _| match action_of(request).as_str() {
        "CreateCert" => live_answer("CreateCert", json!({"ChainID": "chain-new"})),
        _ => live_answer(
            "ListCertV2",
            json!({"CertList": [live_record("cert-new", "chain-new")]}),
        ),
    });
    let live_upload = UploadRequest {
        tags: None,
        ..upload_with_extras("ops")
    };
    block_on(client::upload_certificate(
        &rt,
        &account("volcengine-live"),
        &live_upload,
        &options(),
    ))
    .expect("created");
    assert_eq!(body_json(&rt.requests()[0])["ProjectName"], json!("ops"));
    // Without extras, nothing of them is sent.
    let rt =
        Fake::new(|_, _| tencent_answer(json!({"CertificateId": "newId123", "RepeatCertId": ""})));
    block_on(client::upload_certificate(
        &rt,
        &account("tencent-ssl"),
        &upload(),
        &options(),
    ))
    .expect("uploaded");
    let body = body_json(&rt.requests()[0]);
    assert!(body.get("ProjectId").is_none() && body.get("Tags").is_none());

    // Refused, with nothing sent: what the vendor's upload does not take.
    let only_tags = UploadRequest {
        project: None,
        ..upload_with_extras("")
    };
    let only_project = UploadRequest {
        tags: None,
        ..upload_with_extras("7")
    };
    for (provider, bad, field) in [
        (
            "tencent-ssl",
            upload_with_extras("default"),
            "upload.project",
        ),
        ("tencent-legacy", only_project.clone(), "upload.project"),
        ("tencent-legacy", only_tags.clone(), "upload.tags"),
        ("qiniu", only_project, "upload.project"),
        ("qiniu", only_tags.clone(), "upload.tags"),
        ("volcengine-live", only_tags, "upload.tags"),
    ] {
        let rt = Fake::new(|_, _| panic!("nothing may be sent"));
        let error = block_on(client::upload_certificate(
            &rt,
            &account(provider),
            &bad,
            &options(),
        ))
        .expect_err("refused");
        assert_eq!(error.code, ErrorCode::InvalidInput, "{provider} {field}");
        assert!(
            error.message.starts_with(&format!("{field}: ")),
            "{provider}: {}",
            error.message
        );
        assert!(rt.requests().is_empty());
    }
}

#[test]
fn an_absurd_vendor_total_does_not_drive_a_flood_of_requests() {
    // Tencent SSL says a billion, holds 2,500: three pages (the third short) and a few in
    // flight, not a million requests.
    let holding = |r: &OutgoingRequest| {
        let body = body_json(r);
        let offset = body["Offset"].as_u64().unwrap_or(0);
        let limit = body["Limit"].as_u64().unwrap_or(10);
        let certs: Vec<Value> = (offset..(offset + limit).min(2500))
            .map(|i| json!({"CertificateId": format!("c{i}"), "Status": 1}))
            .collect();
        json!({"Response": {"TotalCount": 1_000_000_000u64, "Certificates": certs, "RequestId": "r"}})
    };
    let rt = Fake::new(move |r, _| ok(holding(r)));
    let result = block_on(client::list_certificates(
        &rt,
        &account("tencent-ssl"),
        &ListQuery::default(),
        &options(),
    ))
    .expect("lists");
    assert_eq!(result.certificates.len(), 2500);
    let sent = rt.requests().len();
    assert!(sent <= 3 + 4, "{sent} requests for 3 pages (concurrency 4)");
    assert!(
        result
            .warnings
            .iter()
            .any(|w| w.contains("reported 1000000000 certificates")
                && w.contains("page 3 was its last")),
        "{:?}",
        result.warnings
    );
    // A short first page holds everything, whatever the total says: one request.
    let rt = Fake::new(|_, _| {
        ok(
            json!({"code": 0, "data": {"totalNum": 1_000_000_000u64, "list": [{"id": "a", "status": 1}, {"id": "b", "status": 1}]}}),
        )
    });
    let result = block_on(client::list_certificates(
        &rt,
        &account("tencent-legacy"),
        &ListQuery::default(),
        &options(),
    ))
    .expect("lists");
    assert_eq!((result.certificates.len(), rt.requests().len()), (2, 1));
    assert!(
        result
            .warnings
            .iter()
            .any(|w| w.contains("page 1 was its last")),
        "{:?}",
        result.warnings
    );
    // An empty page ends it too (Certificate Center: a count that grew stale).
    let rt = Fake::new(|r, _| {
        let page: u64 = r
            .url
            .split("page=")
            .nth(1)
            .and_then(|p| p.split('&').next())
            .and_then(|p| p.parse().ok())
            .unwrap_or(1);
        let list: Vec<Value> = if page == 1 {
            (0..100).map(|i| json!({"id": format!("v{i}")})).collect()
        } else {
            Vec::new()
        };
        ok(
            json!({"ResponseMetadata": {"RequestId": "r"}, "Result": {"count": 50_000, "content": list}}),
        )
    });
    let result = block_on(client::list_certificates(
        &rt,
        &account("volcengine-cert"),
        &ListQuery::default(),
        &options(),
    ))
    .expect("lists");
    assert_eq!(result.certificates.len(), 100);
    assert!(
        rt.requests().len() <= 2 + 4,
        "{} requests",
        rt.requests().len()
    );
}

#[test]
fn the_legacy_api_sends_a_session_token_in_a_signed_post_form_never_in_a_url() {
    let answer = |_: &OutgoingRequest, _| {
        ok(json!({"code": 0, "data": {"totalNum": 1, "list": [{"id": "a", "status": 1}]}}))
    };
    let with_token = Account {
        session_token: Some(Secret::new("sts-token-7f3a")),
        ..account("tencent-legacy")
    };
    for (account, form) in [(with_token, true), (account("tencent-legacy"), false)] {
        let rt = Fake::new(answer);
        block_on(client::list_certificates(
            &rt,
            &account,
            &ListQuery::default(),
            &options(),
        ))
        .expect("lists");
        block_on(client::get_certificate(&rt, &account, "a", &options())).expect("gets");
        for request in rt.requests() {
            assert!(!request.url.contains("sts-token-7f3a"), "{}", request.url);
            if form {
                assert_eq!(request.method, "POST");
                assert!(request.url.ends_with("/v2/index.php"), "{}", request.url);
                let body = request.body.as_deref().unwrap_or_default();
                assert!(
                    body.contains("Token=sts-token-7f3a") && body.contains("Action=CertGetList"),
                    "{body}"
                );
                assert_eq!(
                    header(&request, "Content-Type"),
                    Some("application/x-www-form-urlencoded")
                );
            } else {
                assert_eq!(request.method, "GET");
                assert!(
                    request.url.contains("Action=CertGetList") && !request.url.contains("Token=")
                );
            }
        }
    }
}

#![cfg(not(target_arch = "wasm32"))]
//! `normalize_response`: every seed sample normalized to the values a reader of the seed would
//! write down, every status value of every provider, every error envelope, and the traps (UTC+8
//! day boundary, leap days, null lists, string numbers, duplicate and upper-case SANs,
//! wildcards, private keys).

use cloudcerts::inspect::{self, x509};
use cloudcerts::model::{
    CertSource, CertStatus, Certificate, NormalizeOptions, Provider, Validation,
};
use cloudcerts::vendors::{normalize_response, parse_page};
use cloudcerts::{Error, ErrorCode};
use serde_json::{json, Value};

/// 2023-12-01T00:00:00Z.
const NOW_2023_12_01: f64 = 1_701_388_800_000.0;

fn options(now: f64) -> NormalizeOptions {
    NormalizeOptions {
        now: Some(now),
        label: Some("prod".into()),
        ..NormalizeOptions::default()
    }
}

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn certs(provider: Provider, body: &str, now: f64) -> Vec<Certificate> {
    normalize_response(provider, body, &options(now))
        .unwrap_or_else(|e| panic!("{provider}: {e:?}"))
}

fn one(provider: Provider, body: &Value, now: f64) -> Certificate {
    let mut list = certs(provider, &body.to_string(), now);
    assert_eq!(list.len(), 1, "{list:?}");
    list.remove(0)
}

fn err(provider: Provider, body: &str, http_status: Option<f64>) -> Error {
    let opts = NormalizeOptions {
        http_status,
        now: Some(NOW_2023_12_01),
        ..NormalizeOptions::default()
    };
    match normalize_response(provider, body, &opts) {
        Ok(list) => panic!("{provider}: expected an error for {body}, got {list:?}"),
        Err(e) => e,
    }
}

// ---- The seed samples ----

#[test]
fn tencent_ssl_seed_sample() {
    let c = &certs(
        Provider::TencentSsl,
        &fixture("tencent-ssl.seed.json"),
        NOW_2023_12_01,
    )[0];
    assert_eq!(c.provider, Provider::TencentSsl);
    assert_eq!(c.account, "prod");
    assert_eq!(c.id, "abc");
    assert_eq!(c.name.as_deref(), Some("abc"));
    assert_eq!(c.domains, vec!["abc"]);
    // "abc" is no time: unknown dates, and status 1 (issued) with no end date is active.
    assert_eq!(c.not_after, None);
    assert_eq!(c.status, CertStatus::Active);
    assert_eq!(c.vendor_status.as_deref(), Some("1"));
    assert_eq!(c.vendor_status_text.as_deref(), Some("abc"));
    assert_eq!(c.validation, Some(Validation::Dv));
    assert!(c.wildcard, "IsWildcard: true");
    assert_eq!(c.replaced_by.as_deref(), Some("abc"));
    assert_eq!(c.replaces.as_deref(), Some("abc"));
    assert_eq!(
        c.tags
            .as_ref()
            .and_then(|t| t.get("abc"))
            .map(String::as_str),
        Some("abc")
    );
    assert_eq!(c.project.as_deref(), Some("abc"));
    assert_eq!(c.bound_resources.as_deref(), Some(&["abc".into()][..]));
    assert_eq!(c.key_algorithm.as_deref(), Some("abc"));
    assert_eq!(c.raw["CertificateId"], "abc");
    let page = parse_page(
        Provider::TencentSsl,
        &fixture("tencent-ssl.seed.json"),
        &options(NOW_2023_12_01),
    )
    .expect("page");
    assert_eq!(
        (page.total, page.request_id.as_deref()),
        (Some(1), Some("abc"))
    );
}

#[test]
fn tencent_legacy_seed_sample() {
    let body = fixture("tencent-legacy.seed.json");
    let c = &certs(Provider::TencentLegacy, &body, NOW_2023_12_01)[0];
    assert_eq!(c.id, "GjTNRoK7");
    assert_eq!(c.name, None, "alias is empty");
    assert_eq!(c.common_name.as_deref(), Some("cl.f-xj.cn"));
    assert_eq!(c.domains, vec!["cl.f-xj.cn"]);
    assert_eq!(c.not_before.as_deref(), Some("2017-12-20T00:00:00Z"));
    assert_eq!(c.not_after.as_deref(), Some("2018-12-20T12:00:00Z"));
    assert_eq!(c.status, CertStatus::Expired);
    assert!(c.days_remaining.is_some_and(|d| d < -1700));
    assert_eq!(c.vendor_status.as_deref(), Some("1"));
    assert_eq!(c.vendor_status_text.as_deref(), Some("已通过"));
    assert_eq!(c.issuer.as_deref(), Some("TrustAsia TLS RSA CA"));
    assert_eq!(c.validation, Some(Validation::Dv));
    assert_eq!(c.source, Some(CertSource::Purchased));
    assert_eq!(c.project.as_deref(), Some("默认项目"));
    assert!(!c.wildcard);
    assert_eq!(
        c.raw["type"], "2",
        "the string-typed `type` is kept as received"
    );
    let page = parse_page(Provider::TencentLegacy, &body, &options(NOW_2023_12_01)).expect("page");
    assert_eq!(page.total, Some(12));
    // While it was valid: 2018-06-01 it was active, 2018-12-01 expiring.
    assert_eq!(
        certs(Provider::TencentLegacy, &body, 1_527_811_200_000.0)[0].status,
        CertStatus::Active
    );
    assert_eq!(
        certs(Provider::TencentLegacy, &body, 1_543_622_400_000.0)[0].status,
        CertStatus::Expiring
    );
}

#[test]
fn volcengine_live_seed_sample() {
    // 2024-08-01T00:00:00Z: the first certificate ends 2024-08-18, 17 days later.
    let list = certs(
        Provider::VolcengineLive,
        &fixture("volcengine-live.seed.json"),
        1_722_470_400_000.0,
    );
    assert_eq!(list.len(), 2);
    let (a, b) = (&list[0], &list[1]);
    assert_eq!(a.id, "cert-94552b4a4b0a4b8fbe3d*****");
    assert_eq!(a.name.as_deref(), Some("*.example.com"));
    assert_eq!(a.domains, vec!["*.example.com"]);
    assert!(a.wildcard);
    assert_eq!(
        a.chain_id.as_deref(),
        Some("4060e26538a149e2a87b42deba979011")
    );
    assert_eq!(a.not_before.as_deref(), Some("2020-08-19T07:19:00Z"));
    assert_eq!(a.not_after.as_deref(), Some("2024-08-18T07:19:00Z"));
    assert_eq!(a.days_remaining, Some(17));
    assert_eq!(a.status, CertStatus::Expiring);
    assert_eq!(a.vendor_status.as_deref(), Some("OK"));
    assert_eq!(b.id, "cert-94552b4a4b0a4b8******e5152");
    assert_eq!(b.status, CertStatus::Expired);
    assert_eq!(b.vendor_status.as_deref(), Some("Expire"));
    assert_eq!(b.not_after.as_deref(), Some("2020-09-18T05:42:54Z"));
}

#[test]
fn volcengine_cert_seed_sample() {
    let body = fixture("volcengine-cert.seed.json");
    let c = &certs(Provider::VolcengineCert, &body, NOW_2023_12_01)[0];
    assert_eq!(c.id, "cert-088ad60bb6834778bc99cf559957****");
    assert_eq!(c.name.as_deref(), Some("未命名证书"));
    assert_eq!(c.common_name.as_deref(), Some("www.example.com"));
    assert_eq!(c.domains, vec!["www.example.com"]);
    // certificate_not_after_ms = 1702079999000 = "2023-12-09 07:59:59" Beijing.
    assert_eq!(c.not_before.as_deref(), Some("2022-12-08T00:00:00Z"));
    assert_eq!(c.not_after.as_deref(), Some("2023-12-08T23:59:59Z"));
    assert_eq!(c.days_remaining, Some(7));
    assert_eq!(c.status, CertStatus::Expiring);
    assert_eq!(c.vendor_status.as_deref(), Some("300"));
    assert_eq!(c.vendor_status_text.as_deref(), Some("已签发"));
    assert_eq!(
        c.issuer.as_deref(),
        Some("Encryption Everywhere DV TLS CA - G1")
    );
    assert_eq!(c.validation, Some(Validation::Dv));
    assert_eq!(c.source, Some(CertSource::Free));
    assert_eq!(
        c.chain_id.as_deref(),
        Some("cert-4c803831980c4681b22d9432527b****")
    );
    assert_eq!(c.replaces, None, "source_id is empty");
    assert_eq!(
        c.fingerprint_sha256.as_deref(),
        Some("ac274e535a5b0c11d29a1bc154512967e3ddd92dc06b9c2acde68ed681ba1915")
    );
    // certificate_detail.serial_number "000000000AC959EE6AD3ACE2B227560537A23E4A" is the
    // 16-byte serial zero-padded to 20 bytes: written as `openssl x509 -serial` (and the
    // decoded chain) write it.
    assert_eq!(
        c.serial_number.as_deref(),
        Some("0AC959EE6AD3ACE2B227560537A23E4A")
    );
    assert_eq!(c.key_algorithm.as_deref(), Some("RSA 2048"));
    assert_eq!(c.project.as_deref(), Some("default"));
    // The sample's chain is elided (`MIIF......1Wk=`): really unreadable, and said so.
    assert_eq!(
        c.warnings,
        Some(vec![
            "the certificate chain the vendor returned cannot be decoded".to_owned()
        ])
    );
    assert!(c.raw["ssl"]["certificate"].get("private_key").is_none());
    assert!(c.raw["ssl"]["certificate"].get("encrypt_key").is_none());
    assert!(
        c.raw["ssl"]["certificate"]["csr"].is_string(),
        "a CSR is not a private key"
    );
    let page = parse_page(Provider::VolcengineCert, &body, &options(NOW_2023_12_01)).expect("page");
    assert_eq!(page.total, Some(1));
    assert_eq!(
        page.request_id.as_deref(),
        Some("20230118181712F40954516F4ACD0335B7")
    );
}

#[test]
fn private_keys_stay_only_when_asked() {
    let body = fixture("volcengine-cert.seed.json");
    let opts = NormalizeOptions {
        include_private_key: Some(true),
        now: Some(NOW_2023_12_01),
        ..NormalizeOptions::default()
    };
    let kept = &normalize_response(Provider::VolcengineCert, &body, &opts).expect("ok")[0];
    assert!(kept.raw["ssl"]["certificate"]["private_key"]
        .as_str()
        .is_some_and(|k| k.contains("RSA PRIVATE KEY")));
    let qiniu = &certs(Provider::Qiniu, &fixture("qiniu-get.json"), NOW_2023_12_01)[0];
    assert!(qiniu.raw.get("pri").is_none());
    assert!(qiniu.raw["ca"].is_string());
    assert!(!serde_json::to_string(&qiniu.raw)
        .unwrap_or_default()
        .contains("PRIVATE KEY"));
}

#[test]
fn qiniu_list_and_get() {
    let body = fixture("qiniu-list.json");
    let list = certs(Provider::Qiniu, &body, NOW_2023_12_01);
    assert_eq!(list.len(), 2);
    assert_eq!(list[0].id, "5e8a2c1f0000000000000001");
    assert_eq!(list[0].name.as_deref(), Some("官网证书"));
    assert_eq!(list[0].common_name.as_deref(), Some("www.example.com"));
    assert_eq!(
        list[0].domains,
        vec!["www.example.com", "example.com"],
        "CN first, lower-case, no duplicates"
    );
    assert_eq!(list[0].not_before.as_deref(), Some("2023-11-14T22:13:20Z"));
    assert_eq!(list[0].not_after.as_deref(), Some("2024-11-14T22:13:19Z"));
    assert_eq!(list[0].status, CertStatus::Active);
    assert_eq!(
        list[1].not_after.as_deref(),
        Some("2024-07-21T04:26:40Z"),
        "Unix seconds as a string"
    );
    assert!(list[1].wildcard);
    let page = parse_page(Provider::Qiniu, &body, &options(NOW_2023_12_01)).expect("page");
    assert_eq!(
        page.next_marker.as_deref(),
        Some("5e8a2c1f0000000000000002")
    );
    let last = parse_page(
        Provider::Qiniu,
        r#"{"marker":"","certs":[]}"#,
        &options(NOW_2023_12_01),
    )
    .expect("page");
    assert_eq!((last.certificates.len(), last.next_marker), (0, None));
    let got = &certs(Provider::Qiniu, &fixture("qiniu-get.json"), NOW_2023_12_01)[0];
    assert_eq!(got.id, "5e8a2c1f0000000000000001");
    // The seed's get response is the bare record.
    let bare = one(
        Provider::Qiniu,
        &json!({"name": "n", "common_name": "a.com", "dnsnames": ["a.com"], "not_before": 1, "not_after": 1731622399}),
        NOW_2023_12_01,
    );
    assert_eq!(
        (bare.id.as_ref(), bare.not_after.as_deref()),
        ("", Some("2024-11-14T22:13:19Z"))
    );
}

// ---- Traps ----

#[test]
fn utc_plus_8_day_boundary_and_leap_day() {
    let record = |end: &str| json!({"Response": {"TotalCount": 1, "Certificates": [{"CertificateId": "c", "Status": 1, "CertBeginTime": "2024-02-29 00:00:00", "CertEndTime": end}], "RequestId": "r"}});
    let c = one(
        Provider::TencentSsl,
        &record("2024-03-01 07:59:59"),
        NOW_2023_12_01,
    );
    assert_eq!(
        c.not_before.as_deref(),
        Some("2024-02-28T16:00:00Z"),
        "Beijing midnight of the leap day is the 28th in UTC"
    );
    assert_eq!(c.not_after.as_deref(), Some("2024-02-29T23:59:59Z"));
    // now = 2024-02-29T00:00:00Z: 0 days remaining (still valid today) is expiring, not expired.
    let c = one(
        Provider::TencentSsl,
        &record("2024-03-01 07:59:59"),
        1_709_164_800_000.0,
    );
    assert_eq!(
        (c.days_remaining, c.status),
        (Some(0), CertStatus::Expiring)
    );
    // One second after the end in UTC.
    let c = one(
        Provider::TencentSsl,
        &record("2024-03-01 07:59:59"),
        1_709_251_200_000.0,
    );
    assert_eq!(
        (c.days_remaining, c.status),
        (Some(-1), CertStatus::Expired)
    );
}

#[test]
fn expiring_within_days_is_configurable() {
    let body = fixture("volcengine-cert.seed.json");
    let opts = |days: f64| NormalizeOptions {
        now: Some(NOW_2023_12_01),
        expiring_within_days: Some(days),
        ..NormalizeOptions::default()
    };
    assert_eq!(
        normalize_response(Provider::VolcengineCert, &body, &opts(7.0)).expect("ok")[0].status,
        CertStatus::Expiring
    );
    assert_eq!(
        normalize_response(Provider::VolcengineCert, &body, &opts(6.0)).expect("ok")[0].status,
        CertStatus::Active
    );
    let bad =
        normalize_response(Provider::VolcengineCert, &body, &opts(-1.0)).expect_err("negative");
    assert_eq!(bad.code, ErrorCode::InvalidInput);
}

#[test]
fn null_lists_and_totals() {
    for body in [
        json!({"Response": {"TotalCount": null, "Certificates": null, "RequestId": "r"}}),
        json!({"Response": {"RequestId": "r"}}),
    ] {
        let page = parse_page(
            Provider::TencentSsl,
            &body.to_string(),
            &options(NOW_2023_12_01),
        )
        .expect("page");
        assert_eq!((page.certificates.len(), page.total), (0, None));
    }
    assert!(certs(
        Provider::VolcengineLive,
        r#"{"ResponseMetadata":{},"Result":{"CertList":null}}"#,
        NOW_2023_12_01
    )
    .is_empty());
    assert!(certs(
        Provider::VolcengineCert,
        r#"{"ResponseMetadata":{},"Result":{"count":0,"content":null}}"#,
        NOW_2023_12_01
    )
    .is_empty());
    assert!(certs(
        Provider::TencentLegacy,
        r#"{"code":0,"data":{"totalNum":0,"list":null}}"#,
        NOW_2023_12_01
    )
    .is_empty());
    assert!(certs(
        Provider::Qiniu,
        r#"{"marker":"","certs":null}"#,
        NOW_2023_12_01
    )
    .is_empty());
}

#[test]
fn string_numbers_and_number_strings() {
    let c = one(
        Provider::TencentSsl,
        &json!({"Response": {"TotalCount": "1", "Certificates": [{"CertificateId": 12345, "Status": "1", "CertEndTime": "2024-06-01 08:00:00", "IsWildcard": "false", "IsDv": 1}]}}),
        NOW_2023_12_01,
    );
    assert_eq!(
        (c.id.as_ref(), c.vendor_status.as_deref(), c.status),
        ("12345", Some("1"), CertStatus::Active)
    );
    assert_eq!(c.validation, Some(Validation::Dv));
    let v = one(
        Provider::VolcengineCert,
        &json!({"Result": {"count": "1", "content": [{"id": "x", "order_status": "500", "certificate_not_after_ms": "1702079999000"}]}}),
        NOW_2023_12_01,
    );
    assert_eq!(
        (v.status, v.not_after.as_deref()),
        (CertStatus::Revoked, Some("2023-12-08T23:59:59Z"))
    );
    let page = parse_page(
        Provider::TencentLegacy,
        r#"{"code":"0","data":{"totalNum":"3","list":[]}}"#,
        &options(NOW_2023_12_01),
    )
    .expect("page");
    assert_eq!(page.total, Some(3));
}

#[test]
fn duplicate_upper_case_and_wildcard_sans() {
    let c = one(
        Provider::TencentSsl,
        &json!({"Response": {"Certificates": [{"CertificateId": "c", "Status": 1, "Domain": "Example.COM", "SubjectAltName": ["example.com", "*.Example.com", " WWW.example.com ", ""], "CertSANs": ["*.example.com", "www.example.com"]}]}}),
        NOW_2023_12_01,
    );
    assert_eq!(c.common_name.as_deref(), Some("example.com"));
    assert_eq!(
        c.domains,
        vec!["example.com", "*.example.com", "www.example.com"]
    );
    assert!(c.wildcard);
    let v = one(
        Provider::VolcengineCert,
        &json!({"Result": {"content": [{"id": "x", "common_name": "A.com", "applicable_domains": ",a.com,B.com,,*.c.com,", "ssl": {"san": ["b.com"]}}]}}),
        NOW_2023_12_01,
    );
    assert_eq!(v.domains, vec!["a.com", "b.com", "*.c.com"]);
    assert!(v.wildcard);
}

/// An `order_status` the table does not list: the dates decide when the record carries an issued
/// certificate (`certificate_exist` and its dates), and the status is `unknown` otherwise; the
/// vendor's value is kept either way.
#[test]
fn cert_center_unlisted_order_status() {
    use CertStatus::*;
    let status = |record: Value| {
        let c = one(
            Provider::VolcengineCert,
            &json!({"Result": {"count": 1, "content": [record]}}),
            NOW_2023_12_01,
        );
        (c.status, c.vendor_status, c.vendor_status_text)
    };
    // With an issued certificate: active, expiring (9 days left) or expired, by its dates.
    for (not_after, expected) in [
        ("2030-01-01 00:00:00", Active),
        ("2023-12-10 08:00:00", Expiring),
        ("2023-11-01 08:00:00", Expired),
    ] {
        let got = status(
            json!({"id": "x", "order_status": 999, "certificate_exist": 1, "certificate_not_after": not_after}),
        );
        assert_eq!(got, (expected, Some("999".into()), None), "{not_after}");
    }
    let got = status(
        json!({"id": "x", "order_status": "999", "certificate_exist": true, "certificate_not_after_ms": 1802079999000_i64}),
    );
    assert_eq!(got, (Active, Some("999".into()), None));
    // Without one: unknown, whatever the dates say.
    for record in [
        json!({"id": "x", "order_status": 999, "certificate_exist": 0, "certificate_not_after": "2030-01-01 00:00:00"}),
        json!({"id": "x", "order_status": 999, "certificate_not_after": "2030-01-01 00:00:00"}),
        json!({"id": "x", "order_status": 999, "certificate_exist": 1}),
        json!({"id": "x", "order_status": "soon", "certificate_exist": 1}),
    ] {
        let (got, vendor_status, text) = status(record.clone());
        assert_eq!((got, text), (Unknown, None), "{record}");
        assert!(vendor_status.is_some(), "{record}");
    }
    // No order at all (an uploaded certificate) is still issued.
    assert_eq!(
        status(
            json!({"id": "x", "certificate_exist": 1, "certificate_not_after": "2030-01-01 00:00:00"})
        ),
        (Active, None, None)
    );
    // A listed status still wins over the certificate's presence.
    assert_eq!(
        status(json!({"id": "x", "order_status": 500, "certificate_exist": 1, "certificate_not_after": "2030-01-01 00:00:00"})).0,
        Revoked
    );
}

#[test]
fn cert_center_flags_override_order_status() {
    let record = |extra: Value| {
        let mut r = json!({"id": "x", "order_status": 300, "certificate_exist": 1, "certificate_not_after_ms": 1802079999000_i64});
        if let (Some(map), Value::Object(more)) = (r.as_object_mut(), extra) {
            map.extend(more);
        }
        json!({"Result": {"count": 1, "content": [r]}})
    };
    assert_eq!(
        one(Provider::VolcengineCert, &record(json!({})), NOW_2023_12_01).status,
        CertStatus::Active
    );
    assert_eq!(
        one(
            Provider::VolcengineCert,
            &record(json!({"certificate_revoked": 1})),
            NOW_2023_12_01
        )
        .status,
        CertStatus::Revoked
    );
    assert_eq!(
        one(
            Provider::VolcengineCert,
            &record(json!({"disabled": true})),
            NOW_2023_12_01
        )
        .status,
        CertStatus::Disabled
    );
    assert_eq!(
        one(
            Provider::VolcengineCert,
            &record(json!({"order_status": null})),
            NOW_2023_12_01
        )
        .status,
        CertStatus::Active,
        "an uploaded certificate has no order"
    );
    assert_eq!(
        one(
            Provider::VolcengineCert,
            &record(json!({"order_status": 0, "certificate_exist": 0})),
            NOW_2023_12_01
        )
        .status,
        CertStatus::Unknown
    );
    for (kind, source) in [
        (0, CertSource::Purchased),
        (1, CertSource::Free),
        (2, CertSource::Upload),
        (4, CertSource::Test),
    ] {
        assert_eq!(
            one(
                Provider::VolcengineCert,
                &record(json!({"instance_type": kind})),
                NOW_2023_12_01
            )
            .source,
            Some(source)
        );
    }
}

// ---- Every status value ----

/// A certificate valid until 2030 (so that issued means active) with the given status fields.
fn status_of(provider: Provider, status: Value) -> (CertStatus, Option<String>, Option<String>) {
    let body = match provider {
        Provider::TencentSsl => {
            json!({"Response": {"Certificates": [{"CertificateId": "c", "Status": status, "CertEndTime": "2030-01-01 00:00:00"}]}})
        }
        Provider::TencentLegacy => {
            json!({"code": 0, "data": {"totalNum": 1, "list": [{"id": "c", "status": status, "certEndTime": "2030-01-01 00:00:00"}]}})
        }
        Provider::VolcengineLive => {
            json!({"Result": {"CertList": [{"CertID": "c", "Status": status, "NotAfter": "2030-01-01T00:00:00Z"}]}})
        }
        Provider::VolcengineCert => {
            json!({"Result": {"content": [{"id": "c", "order_status": status, "certificate_not_after": "2030-01-01 00:00:00"}]}})
        }
        Provider::Qiniu => json!({"certs": [{"certid": "c", "not_after": 1893456000}]}),
        Provider::TencentDns | Provider::VolcengineDns => {
            unreachable!("not a certificate provider")
        }
    };
    let c = one(provider, &body, NOW_2023_12_01);
    (
        c.status,
        c.vendor_status.map(Into::into),
        c.vendor_status_text.map(Into::into),
    )
}

#[test]
fn every_tencent_status() {
    use CertStatus::*;
    let table = [
        (0, Pending, "审核中"),
        (1, Active, "已通过"),
        (2, Failed, "审核失败"),
        (3, Expired, "已过期"),
        (4, Pending, "已添加DNS记录"),
        (5, Pending, "企业证书,待提交"),
        (6, Cancelled, "订单取消中"),
        (7, Cancelled, "已取消"),
        (8, Pending, "已提交资料, 待上传确认函"),
        (9, Revoked, "证书吊销中"),
        (10, Revoked, "已吊销"),
        (11, Active, "重颁发中"),
        (12, Revoked, "待上传吊销确认函"),
        (13, Pending, "免费证书待提交资料"),
    ];
    for (value, status, label) in table {
        assert_eq!(
            status_of(Provider::TencentSsl, json!(value)),
            (status, Some(value.to_string()), Some(label.to_string())),
            "Status {value}"
        );
    }
    assert_eq!(status_of(Provider::TencentSsl, json!(99)).0, Unknown);
    assert_eq!(status_of(Provider::TencentSsl, json!(null)).0, Unknown);
}

#[test]
fn every_legacy_status() {
    use CertStatus::*;
    // 0–8 from the CertGetList document; 9–13 from API 3.0's table (the legacy document stops at
    // 8, but the same certificates carry the same numbers through both APIs).
    let table = [
        (0, Pending, "审核中"),
        (1, Active, "已通过"),
        (2, Failed, "审核失败"),
        (3, Expired, "已过期"),
        (4, Pending, "已添加云解析记录"),
        (5, Pending, "OV/EV 证书,待提交资料"),
        (6, Cancelled, "订单取消中"),
        (7, Cancelled, "已取消"),
        (8, Pending, "已提交资料, 待上传确认函"),
        (9, Revoked, "证书吊销中"),
        (10, Revoked, "已吊销"),
        (11, Active, "重颁发中"),
        (12, Revoked, "待上传吊销确认函"),
        (13, Pending, "免费证书待提交资料"),
    ];
    for (value, status, label) in table {
        assert_eq!(
            status_of(Provider::TencentLegacy, json!(value)),
            (status, Some(value.to_string()), Some(label.to_string())),
            "status {value}"
        );
    }
    assert_eq!(status_of(Provider::TencentLegacy, json!(14)).0, Unknown);
    assert_eq!(status_of(Provider::TencentLegacy, json!(null)).0, Unknown);
}

#[test]
fn legacy_and_api_3_agree_on_every_status() {
    // One certificate, one status, whichever Tencent API lists it (issue 19: 10 was `revoked`
    // through tencent-ssl and `unknown` through the legacy API).
    for value in -1..=15 {
        assert_eq!(
            status_of(Provider::TencentLegacy, json!(value)).0,
            status_of(Provider::TencentSsl, json!(value)).0,
            "status {value}"
        );
    }
    // The record's own status_name wins over the table's label.
    let c = one(
        Provider::TencentLegacy,
        &json!({"code": 0, "data": {"list": [{"id": "c", "status": 10, "status_name": "已吊销(legacy)"}]}}),
        NOW_2023_12_01,
    );
    assert_eq!(
        (c.status, c.vendor_status_text.as_deref()),
        (CertStatus::Revoked, Some("已吊销(legacy)"))
    );
}

#[test]
fn every_volcengine_live_status() {
    use CertStatus::*;
    for (value, status) in [
        ("OK", Active),
        ("Expire", Expired),
        ("30days", Active),
        ("15days", Active),
        ("7days", Active),
        ("1days", Active),
        ("Weird", Unknown),
    ] {
        assert_eq!(
            status_of(Provider::VolcengineLive, json!(value)).0,
            status,
            "{value}"
        );
    }
    // The vendor's "7days" is a hint; the dates decide (here: 5 days left).
    let c = one(
        Provider::VolcengineLive,
        &json!({"Result": {"CertList": [{"CertID": "c", "Status": "7days", "NotAfter": "2023-12-06T00:00:00Z"}]}}),
        NOW_2023_12_01,
    );
    assert_eq!((c.status, c.days_remaining), (Expiring, Some(5)));
}

#[test]
fn every_certificate_center_order_status() {
    use CertStatus::*;
    let table = [
        (-2, Unknown),
        (100, Pending),
        (101, Pending),
        (200, Pending),
        (201, Cancelled),
        (202, Pending),
        (300, Active),
        (301, Cancelled),
        (302, Failed),
        (400, Revoked),
        (401, Active),
        (500, Revoked),
    ];
    for (value, status) in table {
        let (got, vendor, label) = status_of(Provider::VolcengineCert, json!(value));
        assert_eq!(
            (got, vendor),
            (status, Some(value.to_string())),
            "order_status {value}"
        );
        assert!(label.is_some(), "label of {value}");
    }
}

#[test]
fn qiniu_has_no_status_and_dates_decide() {
    assert_eq!(
        status_of(Provider::Qiniu, Value::Null),
        (CertStatus::Active, None, None)
    );
}

// ---- Every error envelope ----

fn tencent_error(code: &str) -> Error {
    err(
        Provider::TencentSsl,
        &json!({"Response": {"Error": {"Code": code, "Message": "m"}, "RequestId": "req-1"}})
            .to_string(),
        Some(200.0),
    )
}

#[test]
fn tencent_error_table() {
    let table = [
        ("AuthFailure.SignatureExpire", ErrorCode::ClockSkew, true),
        ("AuthFailure.SignatureFailure", ErrorCode::Auth, false),
        ("AuthFailure.SecretIdNotFound", ErrorCode::Auth, false),
        ("AuthFailure.InvalidSecretId", ErrorCode::Auth, false),
        ("AuthFailure.TokenFailure", ErrorCode::Auth, false),
        (
            "AuthFailure.UnauthorizedOperation",
            ErrorCode::Forbidden,
            false,
        ),
        ("AuthFailure.Whatever", ErrorCode::Auth, false),
        ("UnauthorizedOperation", ErrorCode::Forbidden, false),
        ("FailedOperation.AuthError", ErrorCode::Forbidden, false),
        (
            "FailedOperation.CAMAuthorizedFail",
            ErrorCode::Forbidden,
            false,
        ),
        (
            "FailedOperation.NoProjectPermission",
            ErrorCode::Forbidden,
            false,
        ),
        (
            "FailedOperation.NoRealNameAuth",
            ErrorCode::Forbidden,
            false,
        ),
        (
            "FailedOperation.CertificateNotFound",
            ErrorCode::NotFound,
            false,
        ),
        ("ResourceNotFound.Cert", ErrorCode::NotFound, false),
        (
            "LimitExceeded.RateLimitExceeded",
            ErrorCode::RateLimited,
            true,
        ),
        ("RequestLimitExceeded", ErrorCode::RateLimited, true),
        ("InternalError", ErrorCode::Vendor, true),
        (
            "InternalError.BackendResponseEmpty",
            ErrorCode::Vendor,
            true,
        ),
        ("FailedOperation.SystemError", ErrorCode::Vendor, true),
        ("FailedOperation.NetworkError", ErrorCode::Vendor, true),
        ("FailedOperation.CannotGetOrder", ErrorCode::Vendor, true),
        ("InvalidParameter", ErrorCode::InvalidInput, false),
        (
            "InvalidParameterValue.Limit",
            ErrorCode::InvalidInput,
            false,
        ),
        (
            "FailedOperation.InvalidParam",
            ErrorCode::InvalidInput,
            false,
        ),
        ("InvalidAction", ErrorCode::Unsupported, false),
        ("FailedOperation", ErrorCode::Vendor, false),
        // Upload and delete (UploadCertificate, DeleteCertificate).
        (
            "FailedOperation.CertificateInvalid",
            ErrorCode::InvalidInput,
            false,
        ),
        (
            "FailedOperation.CertificateMismatch",
            ErrorCode::InvalidInput,
            false,
        ),
        (
            "FailedOperation.DeleteResourceFailed",
            ErrorCode::Vendor,
            false,
        ),
        (
            "FailedOperation.CannotBeDeletedWithinHour",
            ErrorCode::Vendor,
            false,
        ),
        (
            "FailedOperation.CertificateExists",
            ErrorCode::Vendor,
            false,
        ),
        ("FailedOperation.ExceedsFreeLimit", ErrorCode::Vendor, false),
    ];
    for (code, kind, retryable) in table {
        let e = tencent_error(code);
        assert_eq!((e.code, e.retryable), (kind, retryable), "{code}");
        assert_eq!(e.vendor_code.as_deref(), Some(code));
        assert_eq!(e.request_id.as_deref(), Some("req-1"));
        assert_eq!(e.provider, Some(Provider::TencentSsl));
        assert_eq!(e.http_status, Some(200));
    }
    assert!(tencent_error("AuthFailure.SignatureExpire")
        .hint
        .is_some_and(|h| h.contains("5 minutes")));
}

#[test]
fn legacy_error_table() {
    let table = [
        (4000, ErrorCode::InvalidInput),
        (4100, ErrorCode::Auth),
        (4200, ErrorCode::ClockSkew),
        (4300, ErrorCode::Forbidden),
        (4400, ErrorCode::RateLimited),
        (4500, ErrorCode::ClockSkew),
        (4600, ErrorCode::Unsupported),
        (5000, ErrorCode::NotFound),
        (5100, ErrorCode::Vendor),
        (6000, ErrorCode::Vendor),
        (6100, ErrorCode::Unsupported),
        (6200, ErrorCode::Vendor),
    ];
    for (code, kind) in table {
        let e = err(
            Provider::TencentLegacy,
            &json!({"code": code, "message": "m", "codeDesc": "Desc"}).to_string(),
            None,
        );
        assert_eq!(
            (e.code, e.vendor_code.as_deref()),
            (kind, Some(code.to_string().as_str())),
            "{code}"
        );
    }
    let e = err(
        Provider::TencentLegacy,
        r#"{"code":"4100","message":"签名验证失败","codeDesc":"AuthFailure.SignatureFailure"}"#,
        None,
    );
    assert_eq!(e.code, ErrorCode::Auth, "a string code is still a code");
    assert!(
        e.message.contains("签名验证失败") && e.message.contains("AuthFailure.SignatureFailure")
    );
}

#[test]
fn volcengine_error_table() {
    let table = [
        ("InvalidTimestamp", ErrorCode::ClockSkew, 401.0),
        ("SignatureDoesNotMatch", ErrorCode::Auth, 403.0),
        ("InvalidAccessKey", ErrorCode::Auth, 401.0),
        ("InvalidSecretToken", ErrorCode::Auth, 401.0),
        ("InvalidAuthorization", ErrorCode::Auth, 401.0),
        ("AccessDenied", ErrorCode::Forbidden, 403.0),
        ("RequestForbidden", ErrorCode::Forbidden, 403.0),
        (
            "RequestForbidden.AccountIDNotAllow",
            ErrorCode::Forbidden,
            403.0,
        ),
        (
            "RequestForbidden.BillingStatus",
            ErrorCode::Forbidden,
            403.0,
        ),
        ("ResourceNotFound", ErrorCode::NotFound, 404.0),
        ("AccountFlowLimitExceeded", ErrorCode::RateLimited, 429.0),
        ("InternalError", ErrorCode::Vendor, 500.0),
        ("InternalError.DB", ErrorCode::Vendor, 500.0),
        ("InternalServiceError", ErrorCode::Vendor, 502.0),
        ("InternalServiceError.BadResponse", ErrorCode::Vendor, 502.0),
        ("InternalServiceTimeout", ErrorCode::Vendor, 504.0),
        ("CommonErr", ErrorCode::Vendor, 200.0),
        ("InvalidParam", ErrorCode::InvalidInput, 400.0),
        ("InvalidParam.BindError", ErrorCode::InvalidInput, 400.0),
        ("Something.New", ErrorCode::Vendor, 400.0),
        ("ServiceUnavailableTemp", ErrorCode::Vendor, 503.0),
        ("InvalidActionOrVersion", ErrorCode::Unsupported, 400.0),
        ("UnsupportedOperation", ErrorCode::Unsupported, 400.0),
        // The DNS service's codes are volcengine-dns's alone.
        ("ErrZoneNotFound", ErrorCode::Vendor, 400.0),
    ];
    for provider in [Provider::VolcengineLive, Provider::VolcengineCert] {
        for (code, kind, status) in table {
            let body = json!({"ResponseMetadata": {"RequestID": "rid", "Action": "A", "Error": {"Code": code, "CodeN": 1, "Message": "m"}}});
            let e = err(provider, &body.to_string(), Some(status));
            assert_eq!(e.code, kind, "{provider} {code}");
            assert_eq!(
                (
                    e.vendor_code.as_deref(),
                    e.request_id.as_deref(),
                    e.http_status
                ),
                (Some(code), Some("rid"), Some(status as u16))
            );
        }
    }
    let body =
        json!({"ResponseMetadata": {"Error": {"Code": "InvalidAuthorization", "Message": "m"}}})
            .to_string();
    assert!(err(Provider::VolcengineCert, &body, Some(401.0))
        .hint
        .is_some_and(|h| h.contains("cn-beijing")));
    assert!(err(Provider::VolcengineLive, &body, Some(401.0))
        .hint
        .is_none());
}

#[test]
fn qiniu_error_table() {
    let table = [
        (400401, ErrorCode::NotFound, 400.0),
        (404908, ErrorCode::Forbidden, 403.0),
        (400611, ErrorCode::Vendor, 400.0),
        (400911, ErrorCode::Vendor, 400.0),
        (400500, ErrorCode::Vendor, 400.0),
        (404906, ErrorCode::InvalidInput, 400.0),
        (400323, ErrorCode::InvalidInput, 400.0),
        (400322, ErrorCode::InvalidInput, 400.0),
        (400329, ErrorCode::InvalidInput, 400.0),
        (403024, ErrorCode::RateLimited, 403.0),
    ];
    for (code, kind, status) in table {
        let e = err(
            Provider::Qiniu,
            &json!({"code": code, "error": "x"}).to_string(),
            Some(status),
        );
        assert_eq!(
            (e.code, e.vendor_code.as_deref()),
            (kind, Some(code.to_string().as_str())),
            "{code}"
        );
        assert!(e.hint.is_some());
    }
    let e = err(Provider::Qiniu, r#"{"error":"bad token"}"#, Some(401.0));
    assert_eq!(
        (
            e.code,
            e.vendor_code.as_deref(),
            e.message.contains("bad token")
        ),
        (ErrorCode::Auth, Some("401"), true)
    );
    let e = err(Provider::Qiniu, r#"{"error":"too many"}"#, Some(429.0));
    assert_eq!((e.code, e.retryable), (ErrorCode::RateLimited, true));
    let e = err(Provider::Qiniu, r#"{"error":"oops"}"#, Some(503.0));
    assert_eq!((e.code, e.retryable), (ErrorCode::Vendor, true));
}

// ---- Bodies that are not vendor answers ----

#[test]
fn non_json_bodies_are_bad_responses_that_describe_but_never_quote_the_body() {
    let html = format!("<html><body>{}</body></html>", "x".repeat(500));
    for provider in Provider::ALL {
        for body in [
            html.as_str(),
            "",
            "   ",
            r#"{"Response": {"TotalCount": 1, "Certif"#,
            "null",
            "[1,2]",
            "\"text\"",
        ] {
            let e = err(provider, body, None);
            assert_eq!(e.code, ErrorCode::BadResponse, "{provider} {body:?}: {e:?}");
            assert!(e.message.chars().count() < 120, "{}", e.message);
            assert!(
                !e.message.contains("xxx")
                    && !e.message.contains("Certif")
                    && !e.message.contains("text"),
                "{}",
                e.message
            );
        }
    }
    let e = err(Provider::TencentSsl, &html, None);
    assert_eq!(
        e.message,
        format!(
            "tencent-ssl: the body is not JSON (an HTML or XML page of {} bytes, not shown)",
            html.len()
        )
    );
    let e = err(Provider::Qiniu, "  ", None);
    assert_eq!(e.message, "qiniu: the body is empty (an empty body)");
    let e = err(Provider::Qiniu, "[1,2]", None);
    assert_eq!(e.message, "qiniu: not a JSON object (5 bytes, not shown)");
}

#[test]
fn http_failures_without_an_envelope_follow_the_status() {
    let e = err(
        Provider::VolcengineLive,
        "<html>502 Bad Gateway</html>",
        Some(502.0),
    );
    // A gateway's page: not the vendor's answer, and retryable (issue 17, item 9).
    assert_eq!(
        (e.code, e.retryable, e.http_status),
        (ErrorCode::BadResponse, true, Some(502))
    );
    assert_eq!(
        e.message,
        "volcengine-live: a gateway's error page, not the vendor's answer (an HTML or XML page of 28 bytes, not shown)"
    );
    for status in [503.0, 504.0] {
        let e = err(Provider::Qiniu, "<html>busy</html>", Some(status));
        assert_eq!((e.code, e.retryable), (ErrorCode::BadResponse, true));
    }
    // An envelope-less JSON 5xx is still the vendor's: `Vendor`, retryable.
    let e = err(Provider::Qiniu, "{}", Some(500.0));
    assert_eq!((e.code, e.retryable), (ErrorCode::Vendor, true));
    let e = err(Provider::TencentSsl, "{}", Some(404.0));
    assert_eq!(e.code, ErrorCode::NotFound);
    let e = err(
        Provider::Qiniu,
        r#"{"error":"Forbidden: host not on the allow-list","code":"ProxyForbidden"}"#,
        Some(403.0),
    );
    assert_eq!(
        (e.code, e.vendor_code.as_deref()),
        (ErrorCode::Proxy, Some("ProxyForbidden"))
    );
}

#[test]
fn wrong_shapes_are_bad_responses() {
    for (provider, body) in [
        (
            Provider::TencentSsl,
            r#"{"Response":{"Certificates":{"a":1}}}"#,
        ),
        (Provider::VolcengineLive, r#"{"Result":{"CertList":"x"}}"#),
        (Provider::VolcengineCert, r#"{"ResponseMetadata":{}}"#),
        (Provider::Qiniu, r#"{"items":[]}"#),
        (Provider::TencentLegacy, r#"{"message":"?"}"#),
    ] {
        assert_eq!(
            err(provider, body, None).code,
            ErrorCode::BadResponse,
            "{provider} {body}"
        );
    }
}

#[test]
fn extra_fields_and_odd_records_are_fine() {
    let c = one(
        Provider::VolcengineLive,
        &json!({"ResponseMetadata": {"New": 1}, "Result": {"CertList": [{"Unknown": [1, {"x": null}]}], "More": true}}),
        NOW_2023_12_01,
    );
    assert_eq!(
        (c.id.as_ref(), c.status, c.domains.len()),
        ("", CertStatus::Unknown, 0)
    );
}

#[test]
fn error_quotes_stop_before_a_private_key() {
    let body = r#"{"cert":{"name":"n","pri":"-----BEGIN RSA PRIVATE KEY-----\nMIIEsecretsecret\n-----END RSA PRIVATE KEY-----\n","ca":"x"}"#;
    let e = err(Provider::Qiniu, body, None);
    assert_eq!(e.code, ErrorCode::BadResponse, "a truncated get body");
    assert!(
        !e.message.contains("MIIEsecret") && !e.message.contains("PRIVATE KEY"),
        "{}",
        e.message
    );
}

// ---- Certificate Center: certificate_detail and the chain ----
//
// `volcengine-cert.real-chain.json` is the seed's record with a real two-certificate chain
// (made once with OpenSSL 3.0: an RSA 2048 leaf for www.example.com and example.com, serial
// 0A1B2C3D4E5F60718293A4B5C6D7E8F9, 2022-12-08T00:00:00Z to 2023-12-08T23:59:59Z) and the
// `certificate_detail` the vendor would write for it (upper-case hex, the serial zero-padded to
// 20 bytes, Beijing times), as in the seed.

/// The leaf's facts, as `openssl x509 -noout -serial -fingerprint -sha256` prints them.
const REAL_SHA256: &str = "0e0b515e7b892df42024104109e3e1442de31af4a682c98dbf5ad2d792347cfe";
const REAL_SERIAL: &str = "0A1B2C3D4E5F60718293A4B5C6D7E8F9";
const UNREADABLE: &str = "the certificate chain the vendor returned cannot be decoded";

fn real_chain_record() -> Value {
    let body: Value =
        serde_json::from_str(&fixture("volcengine-cert.real-chain.json")).expect("fixture");
    body["Result"]["content"][0].clone()
}

/// The one certificate of a body holding `record`, its `raw` left out (it is the record).
fn cert_center(record: &Value) -> Certificate {
    let body = json!({"ResponseMetadata": {"RequestId": "r"}, "Result": {"count": 1, "content": [record]}});
    let mut c = one(Provider::VolcengineCert, &body, NOW_2023_12_01);
    c.raw = Value::Null;
    c
}

fn without_detail(record: &Value) -> Value {
    let mut record = record.clone();
    record
        .as_object_mut()
        .expect("object")
        .remove("certificate_detail");
    record
}

fn with_leaf(record: &Value, leaf_pem: &str) -> Value {
    let mut record = record.clone();
    record["ssl"]["certificate"]["chain"][0] = json!(leaf_pem);
    record
}

/// The leaf with its notBefore's tag changed: PEM, base64, outer length and serial all intact,
/// but it does not decode.
fn damaged_leaf(record: &Value) -> String {
    use base64::Engine;
    let engine = base64::engine::general_purpose::STANDARD;
    let pem = record["ssl"]["certificate"]["chain"][0]
        .as_str()
        .expect("pem");
    let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    let mut der = engine.decode(body).expect("base64");
    let at = der
        .windows(2)
        .position(|w| w == [0x17, 0x0d])
        .expect("a UTCTime notBefore");
    der[at] = 0x04;
    let text = engine.encode(&der);
    let lines: Vec<&str> = text
        .as_bytes()
        .chunks(64)
        .map(|c| std::str::from_utf8(c).expect("ascii"))
        .collect();
    format!(
        "-----BEGIN CERTIFICATE-----\n{}\n-----END CERTIFICATE-----\n",
        lines.join("\n")
    )
}

#[test]
fn certificate_detail_and_the_decoded_chain_give_the_same_certificate() {
    let record = real_chain_record();
    let decoded = cert_center(&without_detail(&record));
    assert_eq!(decoded.fingerprint_sha256.as_deref(), Some(REAL_SHA256));
    assert_eq!(decoded.serial_number.as_deref(), Some(REAL_SERIAL));
    assert_eq!(decoded.key_algorithm.as_deref(), Some("RSA 2048"));
    assert_eq!(decoded.domains, vec!["www.example.com", "example.com"]);
    assert_eq!(decoded.warnings, None);

    // Detail and chain: the detail stands for the leaf (same serial).
    assert_eq!(cert_center(&record), decoded);
    // Detail alone: nothing is decoded, and the certificate is the same.
    let mut no_chain = record.clone();
    no_chain["ssl"]["certificate"]["chain"] = Value::Null;
    assert_eq!(cert_center(&no_chain), decoded);
    // Separators and case do not matter.
    let mut colons = no_chain.clone();
    colons["certificate_detail"]["fingerprint_sha_256"] = json!(REAL_SHA256
        .as_bytes()
        .chunks(2)
        .map(|c| std::str::from_utf8(c).expect("ascii"))
        .collect::<Vec<_>>()
        .join(":"));
    colons["certificate_detail"]["serial_number"] =
        json!("0a:1b:2c:3d:4e:5f:60:71:82:93:a4:b5:c6:d7:e8:f9");
    assert_eq!(cert_center(&colons), decoded);
}

#[test]
fn certificate_detail_spares_the_chain_its_parsing() {
    let record = real_chain_record();
    let expected = cert_center(&without_detail(&record));
    // A leaf that does not parse, vouched for by the detail (its fingerprint is the damaged
    // DER's): with the detail, it is not parsed (no warning, every field from the detail).
    let damaged_pem = damaged_leaf(&record);
    let damaged_sha256 = x509::fingerprint(&inspect::leaf_der(&damaged_pem).expect("base64"));
    let mut vouched = with_leaf(&record, &damaged_pem);
    vouched["certificate_detail"]["fingerprint_sha_256"] =
        json!(damaged_sha256.to_ascii_uppercase());
    let c = cert_center(&vouched);
    assert_eq!(
        c.fingerprint_sha256.as_deref(),
        Some(damaged_sha256.as_str())
    );
    assert_eq!(
        Certificate {
            fingerprint_sha256: expected.fingerprint_sha256.clone(),
            ..c
        },
        expected
    );
    // The same damaged leaf under the real leaf's detail: the serial agrees (the damage is
    // after it), the fingerprint does not, so it is parsed, and that fails; the detail's
    // values stay.
    let damaged = with_leaf(&record, &damaged_pem);
    let c = cert_center(&damaged);
    assert_eq!(c.warnings, Some(vec![UNREADABLE.to_owned()]));
    assert_eq!(c.fingerprint_sha256.as_deref(), Some(REAL_SHA256));
    assert_eq!(c.serial_number.as_deref(), Some(REAL_SERIAL));
    assert_eq!(c.key_algorithm.as_deref(), Some("RSA 2048"));
    // Without the detail, it is parsed, and fails.
    let decoded = cert_center(&without_detail(&damaged));
    assert_eq!(decoded.warnings, Some(vec![UNREADABLE.to_owned()]));
    assert_eq!(
        (decoded.fingerprint_sha256, decoded.serial_number),
        (None, None)
    );
    // A chain that is really unreadable (elided, as in the seed) still says so; the detail's
    // fields stay. So does one whose PEM decodes to nothing the detail could describe.
    for leaf in [
        "-----BEGIN CERTIFICATE-----\nMIIF......1Wk=\n-----END CERTIFICATE-----\n",
        "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n",
        "-----BEGIN CERTIFICATE-----\nMAA=\n-----END CERTIFICATE-----\n",
        "not a PEM",
    ] {
        let c = cert_center(&with_leaf(&record, leaf));
        assert_eq!(c.warnings, Some(vec![UNREADABLE.to_owned()]), "{leaf}");
        assert_eq!(c.fingerprint_sha256.as_deref(), Some(REAL_SHA256));
        assert_eq!(c.serial_number.as_deref(), Some(REAL_SERIAL));
        assert_eq!(c.key_algorithm.as_deref(), Some("RSA 2048"));
    }
}

#[test]
fn a_detail_of_the_same_serial_but_another_fingerprint_yields_to_the_chain() {
    let record = real_chain_record();
    let decoded = cert_center(&without_detail(&record));
    let mut other = record.clone();
    let wrong = "AC274E535A5B0C11D29A1BC154512967E3DDD92DC06B9C2ACDE68ED681BA1915";
    other["certificate_detail"]["fingerprint_sha_256"] = json!(wrong);
    let c = cert_center(&other);
    assert_eq!(
        c.warnings,
        Some(vec![format!(
            "the vendor's fingerprint {wrong} differs from the certificate's {REAL_SHA256}"
        )])
    );
    assert_eq!(
        Certificate {
            warnings: None,
            ..c
        },
        decoded
    );
}

#[test]
fn malformed_certificate_detail_is_ignored_and_the_chain_decoded() {
    let record = real_chain_record();
    let decoded = cert_center(&without_detail(&record));
    let malformed: &[(&str, Value)] = &[
        ("fingerprint_sha_256", json!(12)),
        ("fingerprint_sha_256", json!("ABC")),
        ("fingerprint_sha_256", json!(&REAL_SHA256[1..])),
        (
            "fingerprint_sha_256",
            json!(format!("{}zz", &REAL_SHA256[2..])),
        ),
        ("fingerprint_sha_256", json!([REAL_SHA256])),
        ("serial_number", json!("XYZ")),
        ("serial_number", json!("0x0A1B")),
        ("serial_number", json!(1234)),
        ("serial_number", json!({"hex": REAL_SERIAL})),
        ("serial_number", json!(true)),
        ("encryption_algorithm", json!(["RSA 2048"])),
        ("encryption_algorithm", json!("  ")),
        ("not_before", json!("tomorrow")),
        ("not_after", json!(1_702_079_999_000_i64)),
        ("subject", json!("www.example.com")),
        (
            "subject",
            json!({"common_name": "www.example.com", "san": 42}),
        ),
    ];
    for (field, value) in malformed {
        let mut bad = record.clone();
        bad["certificate_detail"][*field] = value.clone();
        assert_eq!(cert_center(&bad), decoded, "{field}: {value}");
    }
    for detail in [json!("detail"), json!([1, 2]), json!(0), json!({})] {
        let mut bad = record.clone();
        bad["certificate_detail"] = detail.clone();
        assert_eq!(cert_center(&bad), decoded, "{detail}");
    }
    // Without a chain to decode, a malformed value is simply absent.
    let mut bad = record.clone();
    bad["ssl"]["certificate"]["chain"] = json!([]);
    bad["certificate_detail"]["fingerprint_sha_256"] = json!("ABC");
    bad["certificate_detail"]["serial_number"] = json!("XYZ");
    let c = cert_center(&bad);
    assert_eq!((c.fingerprint_sha256, c.serial_number), (None, None));
    assert_eq!(c.key_algorithm.as_deref(), Some("RSA 2048"));
    assert_eq!(c.warnings, None);
}

#[test]
fn disagreement_warnings_stay_with_certificate_detail() {
    let mut record = real_chain_record();
    record["ssl"]["san"] = json!(["shop.example.com"]);
    record["applicable_domains"] = json!(",shop.example.com,");
    record["common_name"] = json!("shop.example.com");
    record["certificate_not_after_ms"] = json!(1_702_079_999_000_i64 + 86_400_000);
    let expected = vec![
        "the vendor lists the domains [example.com, shop.example.com, www.example.com] but the certificate covers [example.com, www.example.com]".to_owned(),
        "the vendor's notAfter 2023-12-09T23:59:59Z differs from the certificate's 2023-12-08T23:59:59Z".to_owned(),
    ];
    // The detail's SANs are part of the vendor's list (`domains`), as before; the chain's leaf
    // covers www.example.com and example.com.
    record["certificate_detail"]["subject"]["san"] = json!(["www.example.com", "example.com"]);
    let decoded = cert_center(&without_detail(&record));
    assert_eq!(
        decoded.warnings,
        Some(vec![
            "the vendor lists the domains [shop.example.com] but the certificate covers [example.com, www.example.com]".to_owned(),
            expected[1].clone(),
        ])
    );
    // With the detail (not decoded) and with the detail alone, the same warnings, from the
    // detail's names and dates.
    let with_detail = cert_center(&record);
    assert_eq!(with_detail.warnings, Some(expected.clone()));
    let mut no_chain = record.clone();
    no_chain["ssl"]["certificate"]["chain"] = Value::Null;
    assert_eq!(cert_center(&no_chain), with_detail);
    // A detail whose dates differ from the record's: warned the same way.
    let mut early = no_chain.clone();
    early["certificate_detail"]["not_before"] = json!("2022-12-01 08:00:00");
    assert_eq!(
        cert_center(&early).warnings.unwrap_or_default().get(1).map(String::as_str),
        Some("the vendor's notBefore 2022-12-08T00:00:00Z differs from the certificate's 2022-12-01T00:00:00Z")
    );
}

#[test]
fn a_detail_of_another_certificate_yields_to_the_chain() {
    let record = real_chain_record();
    let decoded = cert_center(&without_detail(&record));
    let mut other = record.clone();
    other["certificate_detail"]["serial_number"] =
        json!("000000000AC959EE6AD3ACE2B227560537A23E4A");
    other["certificate_detail"]["fingerprint_sha_256"] =
        json!("AC274E535A5B0C11D29A1BC154512967E3DDD92DC06B9C2ACDE68ED681BA1915");
    other["certificate_detail"]["encryption_algorithm"] = json!("ECC 256");
    let c = cert_center(&other);
    assert_eq!(
        c.warnings,
        Some(vec![
            format!("the vendor's fingerprint AC274E535A5B0C11D29A1BC154512967E3DDD92DC06B9C2ACDE68ED681BA1915 differs from the certificate's {REAL_SHA256}"),
            format!("the vendor's serial number 000000000AC959EE6AD3ACE2B227560537A23E4A differs from the certificate's {REAL_SERIAL}"),
        ])
    );
    assert_eq!(
        Certificate {
            warnings: None,
            ..c
        },
        decoded,
        "the chain's fingerprint, serial and algorithm"
    );
}

// ---- DNS accounts hold no certificates ----

#[test]
fn a_dns_provider_normalizes_nothing() {
    for provider in Provider::DNS {
        let options = NormalizeOptions::default();
        let error = cloudcerts::vendors::parse_page(provider, r#"{"Response":{}}"#, &options)
            .expect_err("a DNS provider has no certificate list");
        assert_eq!(error.code, ErrorCode::InvalidInput);
        assert_eq!(error.provider, Some(provider));
        assert!(error.message.contains("DNS account"), "{}", error.message);
        let by_reference = cloudcerts::vendors::parse_page_by_reference(provider, "[]", &options)
            .expect_err("a DNS provider has no certificate list");
        assert_eq!(by_reference.code, ErrorCode::InvalidInput);
    }
}

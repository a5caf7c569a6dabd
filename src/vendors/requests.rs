//! The vendor requests the client sends: list pages, get, upload, delete. Pure: they produce an
//! [`HttpRequest`] for the vendor's real URL; signing and sending happen elsewhere.

use std::collections::BTreeMap;

use serde_json::json;

use crate::model::{Account, HttpRequest, ListQuery, Provider, UploadRequest};
use crate::sign::encoding::strict_encode;

/// Largest page each list API allows (the legacy API documents none: 100 is what we ask).
pub fn max_page_size(provider: Provider) -> u32 {
    match provider {
        Provider::TencentSsl => 1000,
        Provider::TencentLegacy => 100,
        Provider::VolcengineLive => 0,
        Provider::VolcengineCert => 100,
        Provider::Qiniu => 100,
        Provider::TencentDns | Provider::VolcengineDns => 0,
    }
}

/// `https://host` of the account: its endpoint, or the provider's default host.
pub fn base_url(account: &Account, provider: Provider) -> String {
    match account
        .endpoint
        .as_deref()
        .map(|e| e.trim_end_matches('/'))
        .filter(|e| !e.is_empty())
    {
        Some(endpoint) if endpoint.contains("://") => endpoint.to_owned(),
        Some(endpoint) => format!("https://{endpoint}"),
        None => format!(
            "https://{}",
            provider.known_hosts().first().copied().unwrap_or("")
        ),
    }
}

fn headers(pairs: &[(&str, &str)]) -> Option<BTreeMap<String, String>> {
    // Inserted one by one: collecting into a `BTreeMap` links another copy of the sort.
    let mut headers = BTreeMap::new();
    for (name, value) in pairs {
        headers.insert((*name).to_owned(), (*value).to_owned());
    }
    Some(headers)
}

/// A filter value that is set and not blank, trimmed.
pub fn non_empty(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

fn query_string(pairs: &[(&str, String)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", strict_encode(k), strict_encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

fn tencent(base: &str, action: &str, body: serde_json::Value) -> HttpRequest {
    HttpRequest {
        method: "POST".into(),
        url: format!("{base}/"),
        headers: headers(&[
            ("Content-Type", "application/json; charset=utf-8"),
            ("X-TC-Action", action),
            ("X-TC-Version", "2019-12-05"),
        ]),
        body: Some(body.to_string()),
    }
}

/// `DescribeCertificates` from `offset`.
pub fn tencent_ssl_list(base: &str, offset: u64, limit: u32, query: &ListQuery) -> HttpRequest {
    let mut body = json!({"Offset": offset, "Limit": limit});
    if let Some(search) = non_empty(&query.search).or(non_empty(&query.domain)) {
        body["SearchKey"] = json!(search);
    }
    tencent(base, "DescribeCertificates", body)
}

/// `DescribeCertificateDetail` of one certificate.
pub fn tencent_ssl_get(base: &str, id: &str) -> HttpRequest {
    tencent(
        base,
        "DescribeCertificateDetail",
        json!({"CertificateId": id}),
    )
}

/// `UploadCertificate` of a server certificate (`CertificateType` `SVR`: the chain, leaf first,
/// and its key), refusing a duplicate (`Repeatable: false`: the vendor then answers with the id it
/// already holds, `RepeatCertId`). Parameters as documented at
/// <https://cloud.tencent.com/document/api/400/41665>.
pub fn tencent_ssl_upload(
    base: &str,
    upload: &UploadRequest,
    project_id: Option<u64>,
) -> HttpRequest {
    let mut body = json!({
        "CertificatePublicKey": upload.certificate_pem,
        "CertificatePrivateKey": upload.private_key_pem.expose(),
        "CertificateType": "SVR",
        "Alias": upload.name,
        "Repeatable": false,
    });
    if let Some(project_id) = project_id {
        body["ProjectId"] = json!(project_id);
    }
    if let Some(tags) = &upload.tags {
        body["Tags"] = tag_list(tags, "TagKey", "TagValue");
    }
    tencent(base, "UploadCertificate", body)
}

/// `DeleteCertificate` of one certificate, synchronously (no `IsCheckResource`: a certificate
/// bound to cloud resources is refused, `FailedOperation.DeleteResourceFailed`). As documented at
/// <https://cloud.tencent.com/document/product/400/41675>.
pub fn tencent_ssl_delete(base: &str, id: &str) -> HttpRequest {
    tencent(base, "DeleteCertificate", json!({"CertificateId": id}))
}

/// `CertGetList` page `page` (from 1), or the one certificate `id`: a GET, or with `form` a POST
/// form (see `client::legacy_form`: a session token must not travel in a URL).
pub fn tencent_legacy_list(
    base: &str,
    page: u64,
    count: u32,
    query: &ListQuery,
    id: Option<&str>,
    form: bool,
) -> HttpRequest {
    let mut params = vec![
        ("Action", "CertGetList".to_owned()),
        ("page", page.to_string()),
        ("count", count.to_string()),
    ];
    if let Some(search) = non_empty(&query.search) {
        params.push(("searchKey", search.to_owned()));
    }
    if let Some(domain) = non_empty(&query.domain) {
        params.push(("altDomain", domain.to_owned()));
    }
    if let Some(id) = id {
        params.push(("id", id.to_owned()));
    }
    if form {
        return tencent_legacy_post(base, &params);
    }
    HttpRequest {
        method: "GET".into(),
        url: format!("{base}/v2/index.php?{}", query_string(&params)),
        headers: None,
        body: None,
    }
}

/// The four `ListCertV2` filter combinations, `(Available, Expiring)`: together they are every
/// certificate (the default, `(true, false)`, hides disabled and expired ones).
pub const LIVE_COMBINATIONS: [(bool, bool); 4] =
    [(true, false), (true, true), (false, false), (false, true)];

/// `ListCertV2` with one filter combination.
pub fn volcengine_live_list(
    base: &str,
    available: bool,
    expiring: bool,
    query: &ListQuery,
) -> HttpRequest {
    let mut body = json!({"Available": available, "Expiring": expiring});
    if let Some(domain) = non_empty(&query.domain) {
        body["Domain"] = json!(domain);
    }
    if let Some(search) = non_empty(&query.search) {
        body["CertName"] = json!(search);
    }
    HttpRequest {
        method: "POST".into(),
        url: format!("{base}/?Action=ListCertV2&Version=2023-01-01"),
        headers: headers(&[("Content-Type", "application/json")]),
        body: Some(body.to_string()),
    }
}

/// Live `CreateCert` (2023-01-01) of a new certificate chain, as documented at
/// <https://www.volcengine.com/docs/6469/1126817>: `UseWay` `https`, the PEM bundle as
/// `Rsa.Pubkey` (leaf first) and the key as `Rsa.Prikey` (the official SDK's spelling). No
/// `ChainID`: with one, the call would overwrite that chain's certificate in place.
pub fn volcengine_live_create(base: &str, upload: &UploadRequest) -> HttpRequest {
    let mut body = json!({
        "CertName": upload.name,
        "UseWay": "https",
        "Rsa": {"Pubkey": upload.certificate_pem, "Prikey": upload.private_key_pem.expose()},
    });
    if let Some(project) = project_name(upload) {
        body["ProjectName"] = json!(project);
    }
    volcengine_live_post(base, "CreateCert", &body)
}

/// An upload's project, trimmed; `None` when blank.
fn project_name(upload: &UploadRequest) -> Option<&str> {
    upload
        .project
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty())
}

/// Tags as a vendor's list of pairs, each `{key_name: key, value_name: value}`.
fn tag_list(
    tags: &std::collections::BTreeMap<String, String>,
    key_name: &str,
    value_name: &str,
) -> serde_json::Value {
    tags.iter()
        .map(|(key, value)| {
            let mut pair = serde_json::Map::new();
            pair.insert(key_name.to_owned(), json!(key));
            pair.insert(value_name.to_owned(), json!(value));
            serde_json::Value::Object(pair)
        })
        .collect()
}

/// Live `DeleteCert` (2023-01-01) of the chain `chain_id`, as documented at
/// <https://www.volcengine.com/docs/6469/1126818>.
pub fn volcengine_live_delete(base: &str, chain_id: &str) -> HttpRequest {
    volcengine_live_post(base, "DeleteCert", &json!({"ChainID": chain_id}))
}

fn volcengine_live_post(base: &str, action: &str, body: &serde_json::Value) -> HttpRequest {
    HttpRequest {
        method: "POST".into(),
        url: format!("{base}/?Action={action}&Version=2023-01-01"),
        headers: headers(&[("Content-Type", "application/json")]),
        body: Some(body.to_string()),
    }
}

/// `CertificateGetInstance` page `page` (from 1), or the one certificate `id`.
pub fn volcengine_cert_list(
    base: &str,
    page: u64,
    limit: u32,
    query: &ListQuery,
    id: Option<&str>,
) -> HttpRequest {
    let mut params = vec![
        ("Action", "CertificateGetInstance".to_owned()),
        ("Version", "2021-06-01".to_owned()),
        ("page", page.to_string()),
        ("limit", limit.to_string()),
    ];
    if let Some(search) = non_empty(&query.search) {
        params.push(("common_name", search.to_owned()));
    }
    if let Some(domain) = non_empty(&query.domain) {
        params.push(("domain", domain.to_owned()));
    }
    if let Some(id) = id {
        params.push(("instance_id", id.to_owned()));
    }
    HttpRequest {
        method: "GET".into(),
        url: format!("{base}/?{}", query_string(&params)),
        headers: None,
        body: None,
    }
}

/// Certificate Center `ImportCertificate` (2024-10-01) of a server certificate: the chain, leaf
/// first, and its key, refusing a duplicate (`Repeatable: false`: the vendor then answers with the
/// id of the certificate it already holds, `RepeatId`). As documented at
/// <https://volcengine.com/docs/6638/1365580>.
pub fn volcengine_cert_import(base: &str, upload: &UploadRequest) -> HttpRequest {
    let mut body = json!({
        "Tag": upload.name,
        "Repeatable": false,
        "CertificateInfo": {
            "CertificateChain": upload.certificate_pem,
            "PrivateKey": upload.private_key_pem.expose(),
        },
    });
    if let Some(project) = project_name(upload) {
        body["ProjectName"] = json!(project);
    }
    if let Some(tags) = &upload.tags {
        body["Tags"] = tag_list(tags, "Key", "Value");
    }
    volcengine_cert_post(base, "ImportCertificate", &body)
}

/// Certificate Center `CertificateDeleteInstance` (2024-10-01) of one certificate, as documented
/// at <https://volcengine.com/docs/6638/1412931>.
pub fn volcengine_cert_delete(base: &str, id: &str) -> HttpRequest {
    volcengine_cert_post(
        base,
        "CertificateDeleteInstance",
        &json!({"InstanceId": id}),
    )
}

fn volcengine_cert_post(base: &str, action: &str, body: &serde_json::Value) -> HttpRequest {
    HttpRequest {
        method: "POST".into(),
        url: format!("{base}/?Action={action}&Version=2024-10-01"),
        headers: headers(&[("Content-Type", "application/json")]),
        body: Some(body.to_string()),
    }
}

/// API 2.0 `CertUpload` of a server certificate (`certType` `SVR`), as documented at
/// <https://cloud.tencent.com/document/api/400/9078>. Sent as a POST form, so that the key never
/// travels in a URL (proxies and access logs record URLs).
pub fn tencent_legacy_upload(
    base: &str,
    name: &str,
    certificate_pem: &str,
    private_key_pem: &str,
) -> HttpRequest {
    tencent_legacy_post(
        base,
        &[
            ("Action", "CertUpload".to_owned()),
            ("cert", certificate_pem.to_owned()),
            ("certType", "SVR".to_owned()),
            ("key", private_key_pem.to_owned()),
            ("alias", name.to_owned()),
        ],
    )
}

/// API 2.0 `CertDelete` of one certificate, as documented at
/// <https://cloud.tencent.com/document/api/400/13696>.
pub fn tencent_legacy_delete(base: &str, id: &str) -> HttpRequest {
    tencent_legacy_post(
        base,
        &[("Action", "CertDelete".to_owned()), ("id", id.to_owned())],
    )
}

fn tencent_legacy_post(base: &str, params: &[(&str, String)]) -> HttpRequest {
    HttpRequest {
        method: "POST".into(),
        url: format!("{base}/v2/index.php"),
        headers: headers(&[("Content-Type", "application/x-www-form-urlencoded")]),
        body: Some(query_string(params)),
    }
}

/// Qiniu list from `marker` (empty: the start).
pub fn qiniu_list(base: &str, marker: &str, limit: u32) -> HttpRequest {
    HttpRequest {
        method: "GET".into(),
        url: format!(
            "{base}/sslcert?{}",
            query_string(&[("marker", marker.to_owned()), ("limit", limit.to_string())])
        ),
        headers: headers(&[("Content-Type", "application/x-www-form-urlencoded")]),
        body: None,
    }
}

/// Qiniu get, or delete, of certificate `id`.
pub fn qiniu_one(base: &str, method: &str, id: &str) -> HttpRequest {
    HttpRequest {
        method: method.into(),
        url: format!("{base}/sslcert/{}", strict_encode(id)),
        headers: headers(&[("Content-Type", "application/x-www-form-urlencoded")]),
        body: None,
    }
}

/// Qiniu upload.
pub fn qiniu_upload(
    base: &str,
    name: &str,
    common_name: &str,
    certificate_pem: &str,
    private_key_pem: &str,
) -> HttpRequest {
    let body = json!({"name": name, "common_name": common_name, "pri": private_key_pem, "ca": certificate_pem});
    HttpRequest {
        method: "POST".into(),
        url: format!("{base}/sslcert"),
        headers: headers(&[("Content-Type", "application/json")]),
        body: Some(body.to_string()),
    }
}

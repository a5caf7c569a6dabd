//! Tencent Cloud API 3.0 signature, TC3-HMAC-SHA256 (`tencent-ssl`).
//!
//! Signs `content-type` and `host`, as Tencent's official SDKs do. The canonical URI and query are
//! the request's own (for POST the query is normally empty), and the content type is lower-cased
//! and trimmed as Tencent's documentation prescribes.

use crate::error::Result;
use crate::sign::context::Resolved;
use crate::sign::encoding::{hmac_sha256, lower_hex, sha256_hex};
use crate::sign::request::{Credentials, PreparedRequest};

/// The content type sent when the caller gives none, per method.
fn default_content_type(method: &str) -> &'static str {
    if method == "GET" {
        "application/x-www-form-urlencoded"
    } else {
        "application/json; charset=utf-8"
    }
}

/// Inputs of the TC3 canonical request.
#[derive(Clone, Debug)]
pub struct Tc3Request<'a> {
    pub method: &'a str,
    pub path: &'a str,
    pub query: &'a str,
    pub content_type: &'a str,
    pub host: &'a str,
    pub body: &'a [u8],
}

/// The canonical request string (signed headers `content-type;host`).
pub fn canonical_request(r: &Tc3Request<'_>) -> String {
    format!(
        "{}\n{}\n{}\ncontent-type:{}\nhost:{}\n\ncontent-type;host\n{}",
        r.method,
        r.path,
        r.query,
        r.content_type.trim().to_ascii_lowercase(),
        r.host,
        sha256_hex(r.body)
    )
}

/// `YYYY-MM-DD` of a Unix time in seconds, UTC.
pub fn utc_date(t: &Resolved) -> Result<String> {
    let dt = t.utc()?;
    Ok(format!(
        "{:04}-{:02}-{:02}",
        dt.year(),
        u8::from(dt.month()),
        dt.day()
    ))
}

/// The hex signature of `canonical` for `service` at `timestamp_s` (whose UTC date is `date`).
pub fn signature(
    secret_key: &str,
    service: &str,
    timestamp_s: i64,
    date: &str,
    canonical: &str,
) -> String {
    let string_to_sign = format!(
        "TC3-HMAC-SHA256\n{timestamp_s}\n{date}/{service}/tc3_request\n{}",
        sha256_hex(canonical.as_bytes())
    );
    let k_date = hmac_sha256(format!("TC3{secret_key}").as_bytes(), date.as_bytes());
    let k_service = hmac_sha256(&k_date, service.as_bytes());
    let k_signing = hmac_sha256(&k_service, b"tc3_request");
    lower_hex(&hmac_sha256(&k_signing, string_to_sign.as_bytes()))
}

/// The `Authorization` header value.
pub fn authorization(secret_id: &str, service: &str, date: &str, signature: &str) -> String {
    format!(
        "TC3-HMAC-SHA256 Credential={secret_id}/{date}/{service}/tc3_request, SignedHeaders=content-type;host, Signature={signature}"
    )
}

/// Signs a request for `service` (`ssl` for `tencent-ssl`, `dnspod` for `tencent-dns`): adds
/// `Content-Type` (when missing), `X-TC-Timestamp`, `X-TC-Region` (from `account.region`, when
/// missing), `X-TC-Token` and `Authorization`.
pub fn sign(
    creds: &Credentials<'_>,
    service: &str,
    mut req: PreparedRequest,
    t: &Resolved,
) -> Result<PreparedRequest> {
    let content_type = req
        .header("Content-Type")
        .unwrap_or(default_content_type(&req.method))
        .to_owned();
    let date = utc_date(t)?;
    let canonical = canonical_request(&Tc3Request {
        method: &req.method,
        path: &req.url.path,
        query: req.url.query_str(),
        content_type: &content_type,
        host: &req.url.host,
        body: req.body_bytes(),
    });
    let sig = signature(creds.secret, service, t.timestamp_s(), &date, &canonical);
    req.set_header("Content-Type", content_type);
    req.set_header("X-TC-Timestamp", t.timestamp_s().to_string());
    if let Some(region) = creds.region {
        if req.header("X-TC-Region").is_none() {
            req.set_header("X-TC-Region", region);
        }
    }
    match creds.session_token {
        Some(token) => req.set_header("X-TC-Token", token),
        None => req
            .headers
            .retain(|(n, _)| !n.eq_ignore_ascii_case("X-TC-Token")),
    }
    req.set_header(
        "Authorization",
        authorization(creds.access_key_id, service, &date, &sig),
    );
    Ok(req)
}

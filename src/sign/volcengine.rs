//! Volcengine OpenAPI signature, HMAC-SHA256 (`volcengine-live`, `volcengine-cert`).
//!
//! The core ([`canonical_request`], [`signature`]) takes the service, region and the list of
//! headers to sign as inputs, so it reproduces the vendor's documentation examples for other
//! services too. [`sign`] chooses the headers as the official Node SDK does: `host`, every
//! caller header except the unsignable ones, `x-date`, `x-content-sha256` (when there is a
//! body) and `x-security-token` (with a session token).

use crate::error::Result;
use crate::sign::context::Resolved;
use crate::sign::encoding::{
    by_name, by_name_then_value, form_decode, hmac_sha256, lower_hex, sha256_hex, sort_pairs,
    strict_encode, Pair,
};
use crate::sign::request::{Credentials, PreparedRequest};

/// Headers the SDK never signs.
const UNSIGNABLE: &[&str] = &[
    "authorization",
    "content-type",
    "content-length",
    "user-agent",
    "presigned-expires",
    "expect",
];

/// The region used when the account names none.
pub const DEFAULT_REGION: &str = "cn-north-1";

/// The canonical query: parameters decoded, keys sorted (UTF-16 order, as the SDK sorts them),
/// values of a repeated key sorted, everything strictly percent-encoded, empty names dropped.
pub fn canonical_query(query: &str) -> String {
    // Names as decoded (the SDK sorts those), values as encoded (it sorts those): ASCII, so
    // UTF-16 order is byte order.
    let mut pairs: Vec<Pair> = form_decode(query)
        .into_iter()
        .filter(|(k, _)| !k.is_empty())
        .map(|(k, v)| (k, strict_encode(&v)))
        .collect();
    sort_pairs(&mut pairs, by_name_then_value);
    pairs
        .iter()
        .map(|(k, v)| format!("{}={v}", strict_encode(k)))
        .collect::<Vec<_>>()
        .join("&")
}

/// `YYYYMMDD'T'HHMMSS'Z'` of the signing time.
pub fn x_date(t: &Resolved) -> Result<String> {
    let dt = t.utc()?;
    Ok(format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
        dt.year(),
        u8::from(dt.month()),
        dt.day(),
        dt.hour(),
        dt.minute(),
        dt.second()
    ))
}

/// Inputs of the canonical request.
#[derive(Clone, Debug)]
pub struct VolcRequest<'a> {
    pub method: &'a str,
    pub path: &'a str,
    /// The raw (percent-encoded) query of the URL.
    pub query: &'a str,
    /// The headers to sign, in any order and letter case.
    pub signed_headers: &'a [(String, String)],
    /// Hex SHA-256 of the body.
    pub body_sha256: &'a str,
}

/// `name1;name2;...` in lower case, sorted.
pub fn signed_header_names(headers: &[(String, String)]) -> String {
    let mut names: Vec<Pair> = headers
        .iter()
        .map(|(n, _)| (n.to_ascii_lowercase(), String::new()))
        .collect();
    // Header names are ASCII tokens: UTF-16 order is byte order.
    sort_pairs(&mut names, by_name);
    names
        .iter()
        .map(|(n, _)| n.as_str())
        .collect::<Vec<_>>()
        .join(";")
}

/// The canonical request string.
pub fn canonical_request(r: &VolcRequest<'_>) -> String {
    let mut headers: Vec<(String, String)> = r
        .signed_headers
        .iter()
        .map(|(n, v)| {
            (
                n.to_ascii_lowercase(),
                v.split_ascii_whitespace().collect::<Vec<_>>().join(" "),
            )
        })
        .collect();
    // Names are ASCII tokens and values printable ASCII: UTF-16 order is byte order.
    sort_pairs(&mut headers, by_name_then_value);
    let canonical_headers: String = headers.iter().map(|(n, v)| format!("{n}:{v}\n")).collect();
    format!(
        "{}\n{}\n{}\n{}\n{}\n{}",
        r.method,
        r.path,
        canonical_query(r.query),
        canonical_headers,
        signed_header_names(r.signed_headers),
        r.body_sha256
    )
}

/// `YYYYMMDD/region/service/request`.
pub fn scope(x_date: &str, region: &str, service: &str) -> String {
    format!(
        "{}/{region}/{service}/request",
        x_date.get(..8).unwrap_or(x_date)
    )
}

/// The hex signature of `canonical`.
pub fn signature(
    secret_key: &str,
    x_date: &str,
    region: &str,
    service: &str,
    canonical: &str,
) -> String {
    let string_to_sign = format!(
        "HMAC-SHA256\n{x_date}\n{}\n{}",
        scope(x_date, region, service),
        sha256_hex(canonical.as_bytes())
    );
    let k_date = hmac_sha256(
        secret_key.as_bytes(),
        x_date.get(..8).unwrap_or(x_date).as_bytes(),
    );
    let k_region = hmac_sha256(&k_date, region.as_bytes());
    let k_service = hmac_sha256(&k_region, service.as_bytes());
    let k_signing = hmac_sha256(&k_service, b"request");
    lower_hex(&hmac_sha256(&k_signing, string_to_sign.as_bytes()))
}

/// Signs a Volcengine request for `service`: adds `X-Date`, `X-Content-Sha256` (with a body),
/// `X-Security-Token` (with a session token) and `Authorization`.
pub fn sign(
    creds: &Credentials<'_>,
    service: &str,
    mut req: PreparedRequest,
    t: &Resolved,
) -> Result<PreparedRequest> {
    let region = creds.region.unwrap_or(DEFAULT_REGION);
    let date = x_date(t)?;
    for ours in [
        "X-Date",
        "X-Content-Sha256",
        "X-Security-Token",
        "Authorization",
    ] {
        req.headers.retain(|(n, _)| !n.eq_ignore_ascii_case(ours));
    }
    req.set_header("X-Date", date.clone());
    let body_sha256 = sha256_hex(req.body_bytes());
    if !req.body_bytes().is_empty() {
        req.set_header("X-Content-Sha256", body_sha256.clone());
    }
    if let Some(token) = creds.session_token {
        req.set_header("X-Security-Token", token);
    }
    let mut signed: Vec<(String, String)> = vec![("host".to_owned(), req.url.authority())];
    signed.extend(
        req.headers
            .iter()
            .filter(|(n, _)| !UNSIGNABLE.contains(&n.to_ascii_lowercase().as_str()))
            .cloned(),
    );
    let canonical = canonical_request(&VolcRequest {
        method: &req.method,
        path: &req.url.path,
        query: req.url.query_str(),
        signed_headers: &signed,
        body_sha256: &body_sha256,
    });
    let sig = signature(creds.secret, &date, region, service, &canonical);
    let authorization = format!(
        "HMAC-SHA256 Credential={}/{}, SignedHeaders={}, Signature={sig}",
        creds.access_key_id,
        scope(&date, region, service),
        signed_header_names(&signed)
    );
    req.set_header("Authorization", authorization);
    Ok(req)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_query_sorts_keys_and_repeated_values() {
        assert_eq!(canonical_query("b=2&a=z&a=y&c=&=x&d"), "a=y&a=z&b=2&c=&d=");
        assert_eq!(canonical_query("q=a+b%20c*~"), "q=a%20b%20c%2A~");
    }
}

//! Qiniu `/sslcert`: list (`{"marker", "certs": [...]}`) and get (`{"cert": {...}}`, or the
//! record itself as the seed shows it). Times are Unix seconds. Qiniu has no status field: every
//! certificate it holds is issued, so the dates decide. Errors: `{"code": 400401, "error": "..."}`
//! (or only `{"error"}`) with an HTTP status of 400 and up.

use super::json::Node;
use super::lenient::{at, int, text, text_ref, texts};
use super::{dates, describe, take_list, Draft, Normalizer, Page, StatusClass};
use crate::error::{Error, ErrorCode, Result};

/// Where the records of a list are in the body.
pub const LIST_PATH: &[&str] = &["certs"];

/// The fields of a record that `draft` reads (see [`super::records`]).
pub const RECORD_FIELDS: &[&str] = &[
    "certid",
    "cert_id",
    "name",
    "common_name",
    "dnsnames",
    "not_before",
    "not_after",
];

/// Qiniu error code → (code, retryable, hint), from the seed's tables.
pub fn error_row(code: i64) -> (ErrorCode, bool, Option<&'static str>) {
    match code {
        400401 => (ErrorCode::NotFound, false, Some("no such certificate")),
        404908 => (
            ErrorCode::Forbidden,
            false,
            Some("this account may not operate on that certificate"),
        ),
        400611 => (
            ErrorCode::Vendor,
            false,
            Some("the certificate is bound to a CDN domain: unbind it first"),
        ),
        400911 => (
            ErrorCode::Vendor,
            false,
            Some("the certificate is bound to a storage domain: unbind it first"),
        ),
        400500 => (
            ErrorCode::Vendor,
            false,
            Some("the account's certificate quota is used up"),
        ),
        404906 => (
            ErrorCode::InvalidInput,
            false,
            Some("Qiniu could not decode the certificate (PEM)"),
        ),
        400323 => (
            ErrorCode::InvalidInput,
            false,
            Some("the certificate chain does not verify: include the intermediates, leaf first"),
        ),
        400322 => (
            ErrorCode::InvalidInput,
            false,
            Some("the certificate's validity is too short"),
        ),
        400329 => (
            ErrorCode::InvalidInput,
            false,
            Some("the certificate has expired"),
        ),
        401 => (
            ErrorCode::Auth,
            false,
            Some("bad QBox token: check the AccessKey and SecretKey"),
        ),
        403 => (ErrorCode::Forbidden, false, None),
        404 => (ErrorCode::NotFound, false, None),
        // 403024: single-user QPS exceeded, with HTTP 403, as documented
        // (https://developer.qiniu.com/fusion/13361/fusion-api-error-codes); 429 and 573 are
        // tolerated too (the same table lists 429; 573 is Qiniu's storage APIs' throttling).
        403024 => (
            ErrorCode::RateLimited,
            true,
            Some("Qiniu's per-user request rate was exceeded: later requests are spaced out"),
        ),
        429 | 573 => (ErrorCode::RateLimited, true, None),
        500..=599 => (ErrorCode::Vendor, true, None),
        _ => (ErrorCode::Vendor, false, None),
    }
}

fn error(n: &Normalizer, value: &Node<'_>, body: &str) -> Error {
    let vendor_code = int(value, &["code"])
        .filter(|c| *c >= 400)
        .or(n.http_status.map(i64::from));
    let message = text(value, &["error"]).unwrap_or_else(|| describe(body));
    let (kind, retryable, hint) = vendor_code.map_or((ErrorCode::Vendor, false, None), error_row);
    let mut e = n.error(
        kind,
        format!(
            "{}: {}: {message}",
            n.provider,
            vendor_code.map(|c| c.to_string()).unwrap_or_default()
        ),
    );
    e.vendor_code = vendor_code.map(|c| c.to_string());
    e.request_id = text(value, &["reqid"]);
    e.retryable = retryable;
    e.hint = hint.map(str::to_owned);
    e
}

/// Parses a list or get response.
pub fn parse<'j>(n: &Normalizer, mut value: Node<'j>, listed: bool, body: &'j str) -> Result<Page> {
    if !value.is_object() {
        return Err(n.bad_response("not a JSON object", body));
    }
    let failed_status = n.http_status.is_some_and(|s| s >= 400);
    if failed_status
        || text(&value, &["error"]).is_some()
        || int(&value, &["code"]).is_some_and(|c| c >= 400)
    {
        return Err(error(n, &value, body));
    }
    let (records, next_marker, list_path) = if value.get("certs").is_some() {
        let marker = text(&value, &["marker"]);
        (
            take_list(n, &mut value, LIST_PATH, body, listed)?,
            marker,
            Some(LIST_PATH),
        )
    } else if let Some(cert) = value.get_mut("cert").filter(|c| c.is_object()) {
        (vec![(cert.take())], None, None)
    } else if value.get("common_name").is_some() || value.get("certid").is_some() {
        (vec![(value.take())], None, None)
    } else {
        return Err(n.bad_response("neither certs nor cert", body));
    };
    let certificates = n.finish_all(records, draft);
    Ok(Page {
        certificates,
        total: None,
        next_marker,
        request_id: None,
        list_path,
        raw_references: Vec::new(),
    })
}

pub(crate) fn draft<'j>(r: &Node<'j>) -> Draft<'j> {
    let mut d = Draft::new(
        text_ref(r, &["certid"])
            .or_else(|| text_ref(r, &["cert_id"]))
            .unwrap_or_default(),
    );
    d.name = text_ref(r, &["name"]);
    d.common_name = text_ref(r, &["common_name"]);
    d.sans = texts(r, &["dnsnames"]);
    d.not_before_ms = at(r, &["not_before"]).and_then(dates::from_unix_seconds);
    d.not_after_ms = at(r, &["not_after"]).and_then(dates::from_unix_seconds);
    d.status = StatusClass::Issued;
    d
}

/// The id in an upload answer (`{"certID": "..."}`), or the vendor's error.
pub fn parse_upload(n: &Normalizer, body: &str) -> Result<String> {
    let value = super::parse_json(n, body)?;
    if n.http_status.is_some_and(|s| s >= 400) || text(&value, &["error"]).is_some() {
        return Err(error(n, &value, body));
    }
    text(&value, &["certID"])
        .or_else(|| text(&value, &["certid"]))
        .ok_or_else(|| n.bad_response("no certID in the upload answer", body))
}

/// Success of a delete (`{}`, or 400401: no such certificate, already gone), or the vendor's
/// error.
pub fn parse_delete(n: &Normalizer, body: &str) -> Result<()> {
    super::gone_is_done(answer_to_delete(n, body), |code| code == "400401")
}

fn answer_to_delete(n: &Normalizer, body: &str) -> Result<()> {
    let value = if body.trim().is_empty() && n.http_status.is_some_and(|s| s < 300) {
        Node::Object(Vec::new())
    } else {
        super::parse_json(n, body)?
    };
    if n.http_status.is_some_and(|s| s >= 400)
        || text(&value, &["error"]).is_some()
        || int(&value, &["code"]).is_some_and(|c| c >= 400)
    {
        return Err(error(n, &value, body));
    }
    Ok(())
}

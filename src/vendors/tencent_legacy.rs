//! Tencent Cloud `CertGetList` (API 2.0).
//!
//! Shape: `{"code": 0, "message", "codeDesc": "Success", "data": {"totalNum", "list": [...]}}`.
//! `type` is documented as Int but arrives as `"2"`; times are naive Beijing time. A non-zero
//! `code` is an error, from the API 2.0 common error codes.

use super::json::Node;
use super::lenient::{flag, int, text, text_ref, texts};
use super::tencent_ssl::{source, validation};
use super::{dates, take_list, Draft, Normalizer, Page, StatusClass};
use crate::error::{Error, ErrorCode, Result};
use crate::model::CertStatus;

/// Where the records are in the body.
pub const LIST_PATH: &[&str] = &["data", "list"];

/// The fields of a record that `draft` reads (see [`super::records`]).
pub const RECORD_FIELDS: &[&str] = &[
    "id",
    "alias",
    "domain",
    "subjectAltName",
    "certBeginTime",
    "certEndTime",
    "status",
    "status_name",
    "productZhName",
    "is_dv",
    "type_name",
    "is_wildcard",
    "from",
    "projectInfo",
    "projectId",
];

/// `status` → normalized class and the vendor's label.
///
/// The `CertGetList` document lists 0–8 only, but both APIs list the same certificates with the
/// same numbers (0–8 mean the same in both), so a revoked certificate is 10 here as it is in
/// `DescribeCertificates`. 9–13 are therefore API 3.0's rows, with its text
/// ([`super::tencent_ssl::status_row`]), so that a certificate has one status whichever API lists
/// it; 4 and 5 keep this document's own wording.
pub fn status_row(status: i64) -> Option<(StatusClass, &'static str)> {
    use CertStatus::*;
    use StatusClass::{Fixed, Issued};
    Some(match status {
        0 => (Fixed(Pending), "审核中"),
        1 => (Issued, "已通过"),
        2 => (Fixed(Failed), "审核失败"),
        3 => (Fixed(Expired), "已过期"),
        4 => (Fixed(Pending), "已添加云解析记录"),
        5 => (Fixed(Pending), "OV/EV 证书,待提交资料"),
        6 => (Fixed(Cancelled), "订单取消中"),
        7 => (Fixed(Cancelled), "已取消"),
        8 => (Fixed(Pending), "已提交资料, 待上传确认函"),
        // Not in the API 2.0 document: API 3.0's rows (see above).
        9 => (Fixed(Revoked), "证书吊销中"),
        10 => (Fixed(Revoked), "已吊销"),
        // Reissuing: the current certificate stays issued and valid meanwhile.
        11 => (Issued, "重颁发中"),
        12 => (Fixed(Revoked), "待上传吊销确认函"),
        13 => (Fixed(Pending), "免费证书待提交资料"),
        _ => return None,
    })
}

/// API 2.0 common error code → (code, retryable, hint).
pub fn error_row(code: i64) -> (ErrorCode, bool, Option<&'static str>) {
    match code {
        4000 => (ErrorCode::InvalidInput, false, None),
        4100 => (
            ErrorCode::Auth,
            false,
            Some("the signature check failed: check the SecretId and SecretKey"),
        ),
        4104 => (ErrorCode::Auth, false, Some("the SecretId does not exist")),
        4105 | 4106 => (
            ErrorCode::Auth,
            false,
            Some("the session token (or MFA) is invalid or expired"),
        ),
        4101..=4103 | 4110 => (
            ErrorCode::Forbidden,
            false,
            Some("the CAM policy of this key does not allow this call"),
        ),
        4200 => (
            ErrorCode::ClockSkew,
            true,
            Some("the request has expired: your clock is off"),
        ),
        4300 => (ErrorCode::Forbidden, false, None),
        4400 => (ErrorCode::RateLimited, true, None),
        4500 => (
            ErrorCode::ClockSkew,
            true,
            Some("rejected as a replay: the Timestamp is off or the Nonce was reused"),
        ),
        4600 | 6100 => (ErrorCode::Unsupported, false, None),
        5000 => (ErrorCode::NotFound, false, None),
        6000 | 6200 => (ErrorCode::Vendor, true, None),
        _ => (ErrorCode::Vendor, false, None),
    }
}

fn envelope_error(n: &Normalizer, value: &Node<'_>, code: i64) -> Error {
    let (kind, retryable, hint) = error_row(code);
    let desc = text(value, &["codeDesc"]).unwrap_or_default();
    let message = text(value, &["message"]).unwrap_or_default();
    let mut e = n.error(kind, format!("{}: {code} {desc}: {message}", n.provider));
    e.vendor_code = Some(code.to_string());
    e.retryable = retryable;
    e.hint = hint.map(str::to_owned);
    e
}

/// Parses a `CertGetList` response.
pub fn parse<'j>(n: &Normalizer, mut value: Node<'j>, listed: bool, body: &'j str) -> Result<Page> {
    if !value.is_object() {
        return Err(n.bad_response("not a JSON object", body));
    }
    match int(&value, &["code"]) {
        Some(0) => {}
        Some(code) => return Err(envelope_error(n, &value, code)),
        None if value.get("data").is_none() => {
            return Err(match n.http_status {
                Some(status) if status >= 400 => super::status_error(n, status, body),
                _ => n.bad_response("neither code nor data", body),
            })
        }
        None => {}
    }
    let total = int(&value, &["data", "totalNum"]).and_then(|t| u64::try_from(t).ok());
    let records = take_list(n, &mut value, LIST_PATH, body, listed)?;
    let certificates = n.finish_all(records, draft);
    Ok(Page {
        certificates,
        total,
        next_marker: None,
        request_id: None,
        list_path: Some(LIST_PATH),
        raw_references: Vec::new(),
    })
}

/// The id in a `CertUpload` answer (`data.id`), or the vendor's error.
///
/// # Errors
/// The vendor's error envelope as its typed error; `BadResponse` without an id.
pub fn parse_upload(n: &Normalizer, body: &str) -> Result<String> {
    let value = answer(n, body)?;
    text(&value, &["data", "id"])
        .ok_or_else(|| n.bad_response("no data.id in the upload answer", body))
}

/// Success of a `CertDelete` answer (`code` 0, or the common 5000, resource not found: already
/// gone; the module's own code for it is not documented), or the vendor's error.
///
/// # Errors
/// The vendor's error envelope as its typed error.
pub fn parse_delete(n: &Normalizer, body: &str) -> Result<()> {
    super::gone_is_done(answer(n, body).map(drop), |code| code == "5000")
}

/// An answer whose `code` is 0, or its error.
fn answer<'j>(n: &Normalizer, body: &'j str) -> Result<Node<'j>> {
    let value = super::parse_json(n, body)?;
    match int(&value, &["code"]) {
        Some(0) => Ok(value),
        Some(code) => Err(envelope_error(n, &value, code)),
        None => Err(match n.http_status {
            Some(status) if status >= 400 => super::status_error(n, status, body),
            _ => n.bad_response("no code", body),
        }),
    }
}

pub(crate) fn draft<'j>(r: &Node<'j>) -> Draft<'j> {
    let mut d = Draft::new(text_ref(r, &["id"]).unwrap_or_default());
    d.name = text_ref(r, &["alias"]);
    d.common_name = text_ref(r, &["domain"]);
    d.sans = texts(r, &["subjectAltName"]);
    d.not_before_ms = text_ref(r, &["certBeginTime"]).and_then(|t| dates::parse_vendor_time(&t));
    d.not_after_ms = text_ref(r, &["certEndTime"]).and_then(|t| dates::parse_vendor_time(&t));
    d.set_status(
        int(r, &["status"]).and_then(status_row),
        text_ref(r, &["status"]),
        text_ref(r, &["status_name"]),
    );
    d.issuer = text_ref(r, &["productZhName"]);
    d.validation = validation(r, &["is_dv"], &["type_name", "productZhName"]);
    d.wildcard = flag(r, &["is_wildcard"]).unwrap_or(false);
    d.source = source(r, "from", &["type_name", "productZhName"]);
    d.project = text_ref(r, &["projectInfo", "name"]).or_else(|| text_ref(r, &["projectId"]));
    d
}

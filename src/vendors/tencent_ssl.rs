//! Tencent Cloud SSL `DescribeCertificates` (API 3.0), and the single record of
//! `DescribeCertificateDetail`.
//!
//! Shape: `{"Response": {"TotalCount", "Certificates": [...], "RequestId"}}`; `TotalCount` and
//! `Certificates` may be `null`. Times are naive Beijing time. Errors:
//! `{"Response": {"Error": {"Code", "Message"}, "RequestId"}}` with HTTP 200.

use std::collections::BTreeMap;

use super::json::Node;
use super::lenient::{flag, int, list, text, text_ref, texts};
use super::{dates, take_list, Draft, Normalizer, Page, StatusClass};
use crate::error::{Error, ErrorCode, Result};
use crate::model::{CertSource, CertStatus, Validation};

/// Where the records of a list are in the body.
pub const LIST_PATH: &[&str] = &["Response", "Certificates"];

/// The fields of a record that `draft` reads (the others are only scanned for private keys
/// when `raw` is taken by reference: [`super::records`]).
pub const RECORD_FIELDS: &[&str] = &[
    "CertificateId",
    "Alias",
    "Domain",
    "SubjectAltName",
    "CertSANs",
    "CertBeginTime",
    "CertEndTime",
    "Status",
    "StatusName",
    "ProductZhName",
    "IsDv",
    "PackageTypeName",
    "IsWildcard",
    "From",
    "CertificateExtra",
    "EncryptAlgorithm",
    "Tags",
    "ProjectInfo",
    "ProjectId",
    "BoundResource",
];

/// `Status` (0–13) → normalized class and the vendor's label.
pub fn status_row(status: i64) -> Option<(StatusClass, &'static str)> {
    use CertStatus::*;
    use StatusClass::{Fixed, Issued};
    Some(match status {
        0 => (Fixed(Pending), "审核中"),
        1 => (Issued, "已通过"),
        2 => (Fixed(Failed), "审核失败"),
        3 => (Fixed(Expired), "已过期"),
        4 => (Fixed(Pending), "已添加DNS记录"),
        5 => (Fixed(Pending), "企业证书,待提交"),
        6 => (Fixed(Cancelled), "订单取消中"),
        7 => (Fixed(Cancelled), "已取消"),
        8 => (Fixed(Pending), "已提交资料, 待上传确认函"),
        9 => (Fixed(Revoked), "证书吊销中"),
        10 => (Fixed(Revoked), "已吊销"),
        // Reissuing: the current certificate stays issued and valid meanwhile.
        11 => (Issued, "重颁发中"),
        12 => (Fixed(Revoked), "待上传吊销确认函"),
        13 => (Fixed(Pending), "免费证书待提交资料"),
        _ => return None,
    })
}

/// Error code → (code, retryable, hint). Prefix rows (ending in `.`) match every sub-code.
const ERRORS: &[super::ErrorRow] = &[
    ("AuthFailure.SignatureExpire", ErrorCode::ClockSkew, true, Some("your clock is off by more than 5 minutes; cloudcerts re-signs with the server's time, or fix the system clock")),
    ("AuthFailure.SecretIdNotFound", ErrorCode::Auth, false, Some("the SecretId does not exist or is disabled")),
    ("AuthFailure.InvalidSecretId", ErrorCode::Auth, false, Some("the SecretId is malformed (API 3.0 keys start with AKID)")),
    ("AuthFailure.SignatureFailure", ErrorCode::Auth, false, Some("the signature did not match: check the SecretKey, and that the proxy forwards the body and headers unchanged")),
    ("AuthFailure.TokenFailure", ErrorCode::Auth, false, Some("the session token is invalid or expired")),
    ("AuthFailure.UnauthorizedOperation", ErrorCode::Forbidden, false, Some("the CAM policy of this key does not allow this ssl action (ssl:DescribeCertificates to list, ssl:UploadCertificate, ssl:DeleteCertificate)")),
    ("AuthFailure", ErrorCode::Auth, false, None),
    ("UnauthorizedOperation", ErrorCode::Forbidden, false, None),
    ("FailedOperation.AuthError", ErrorCode::Forbidden, false, None),
    ("FailedOperation.CAMAuthorizedFail", ErrorCode::Forbidden, false, None),
    ("FailedOperation.NoProjectPermission", ErrorCode::Forbidden, false, None),
    ("FailedOperation.NoRealNameAuth", ErrorCode::Forbidden, false, Some("the account has not completed real-name verification")),
    ("FailedOperation.CertificateNotFound", ErrorCode::NotFound, false, None),
    // Upload and delete (UploadCertificate, DeleteCertificate: the SDK's error tables).
    ("FailedOperation.CertificateInvalid", ErrorCode::InvalidInput, false, Some("Tencent Cloud could not read the certificate (PEM, leaf first)")),
    ("FailedOperation.CertificateMismatch", ErrorCode::InvalidInput, false, Some("the private key does not belong to the certificate")),
    ("FailedOperation.CertificateExists", ErrorCode::Vendor, false, Some("this certificate is already uploaded to the account")),
    ("FailedOperation.DeleteResourceFailed", ErrorCode::Vendor, false, Some("the certificate is bound to cloud resources (CLB, CDN, ...): unbind it first")),
    ("FailedOperation.CannotBeDeletedWithinHour", ErrorCode::Vendor, false, Some("a free certificate cannot be deleted within an hour of applying for it")),
    ("FailedOperation.CannotBeDeletedIssued", ErrorCode::Vendor, false, Some("an issued certificate of this kind cannot be deleted")),
    ("FailedOperation.InvalidCertificateStatusCode", ErrorCode::Vendor, false, Some("the certificate's status does not allow this")),
    ("FailedOperation.ExceedsFreeLimit", ErrorCode::Vendor, false, None),
    ("ResourceNotFound", ErrorCode::NotFound, false, None),
    ("LimitExceeded.RateLimitExceeded", ErrorCode::RateLimited, true, None),
    ("RequestLimitExceeded", ErrorCode::RateLimited, true, None),
    ("InternalError", ErrorCode::Vendor, true, None),
    ("FailedOperation.SystemError", ErrorCode::Vendor, true, None),
    ("FailedOperation.NetworkError", ErrorCode::Vendor, true, None),
    ("FailedOperation.CannotGetOrder", ErrorCode::Vendor, true, None),
    ("ServiceUnavailable", ErrorCode::Vendor, true, None),
    ("InvalidParameter", ErrorCode::InvalidInput, false, None),
    ("InvalidParameterValue", ErrorCode::InvalidInput, false, None),
    ("MissingParameter", ErrorCode::InvalidInput, false, None),
    ("UnknownParameter", ErrorCode::InvalidInput, false, None),
    ("FailedOperation.InvalidParam", ErrorCode::InvalidInput, false, None),
    ("InvalidAction", ErrorCode::Unsupported, false, None),
    ("NoSuchVersion", ErrorCode::Unsupported, false, None),
    ("UnsupportedOperation", ErrorCode::Unsupported, false, None),
];

/// The row of `ERRORS` for `code` (see [`super::lookup_error`]).
pub fn error_row(code: &str) -> (ErrorCode, bool, Option<&'static str>) {
    super::lookup_error(ERRORS, code)
}

fn envelope_error(n: &Normalizer, error: &Node<'_>, request_id: Option<String>) -> Error {
    let code = text(error, &["Code"]).unwrap_or_else(|| "UnknownError".into());
    let message = text(error, &["Message"]).unwrap_or_default();
    let (kind, retryable, hint) = error_row(&code);
    let mut e = n.error(kind, format!("{}: {code}: {message}", n.provider));
    e.vendor_code = Some(code);
    e.request_id = request_id;
    e.retryable = retryable;
    e.hint = hint.map(str::to_owned);
    e
}

/// Parses a `DescribeCertificates` (or `DescribeCertificateDetail`) response.
pub fn parse<'j>(n: &Normalizer, value: Node<'j>, listed: bool, body: &'j str) -> Result<Page> {
    let mut response = response(n, value, body)?;
    let request_id = text(&response, &["RequestId"]);
    let (records, list_path) = if response.get("CertificateId").is_some() {
        let record = if listed {
            // A detail that also has a `Certificates` list: `read` emptied it; read it whole.
            super::parse_json(n, body)?
                .get_mut("Response")
                .map(Node::take)
                .unwrap_or_default()
        } else {
            response.take()
        };
        (vec![(record)], None)
    } else {
        // `response` is the body's `Response`: the list path below it.
        let below_response = LIST_PATH.get(1..).unwrap_or_default();
        (
            take_list(n, &mut response, below_response, body, listed)?,
            Some(LIST_PATH),
        )
    };
    let total = int(&response, &["TotalCount"]).and_then(|t| u64::try_from(t).ok());
    let certificates = n.finish_all(records, draft);
    Ok(Page {
        certificates,
        total,
        next_marker: None,
        request_id,
        list_path,
        raw_references: Vec::new(),
    })
}

/// What an `UploadCertificate` answer says: the certificate's id, and whether the vendor
/// already held it (`RepeatCertId`, with `Repeatable: false`) rather than storing a copy.
///
/// # Errors
/// The vendor's error envelope as its typed error; `BadResponse` without an id.
pub fn parse_upload(n: &Normalizer, body: &str) -> Result<(String, bool)> {
    let response = response(n, super::parse_json(n, body)?, body)?;
    if let Some(existing) = text(&response, &["RepeatCertId"]) {
        return Ok((existing, true));
    }
    text(&response, &["CertificateId"])
        .map(|id| (id, false))
        .ok_or_else(|| n.bad_response("no CertificateId in the upload answer", body))
}

/// Success of a `DeleteCertificate` answer (`DeleteResult: true`, or
/// `FailedOperation.CertificateNotFound`: already gone).
///
/// # Errors
/// The vendor's error envelope as its typed error; `Vendor` when the vendor answers
/// `DeleteResult: false`.
pub fn parse_delete(n: &Normalizer, body: &str) -> Result<()> {
    super::gone_is_done(answer_to_delete(n, body), |code| {
        code == "FailedOperation.CertificateNotFound"
    })
}

fn answer_to_delete(n: &Normalizer, body: &str) -> Result<()> {
    let response = response(n, super::parse_json(n, body)?, body)?;
    if super::lenient::flag(&response, &["DeleteResult"]) == Some(true) {
        return Ok(());
    }
    let mut e = n.error(
        ErrorCode::Vendor,
        format!(
            "{}: the vendor did not delete the certificate (DeleteResult false)",
            n.provider
        ),
    );
    e.request_id = text(&response, &["RequestId"]);
    Err(e)
}

/// The `Response` object of an answer (`value`, the body parsed), or its error envelope as the
/// typed error.
pub(crate) fn response<'j>(n: &Normalizer, mut value: Node<'j>, body: &str) -> Result<Node<'j>> {
    let Some(response) = value.get_mut("Response").filter(|r| r.is_object()) else {
        return Err(match n.http_status {
            Some(status) if status >= 400 => super::status_error(n, status, body),
            _ => n.bad_response("no Response object", body),
        });
    };
    let response = response.take();
    if let Some(error) = response.get("Error").filter(|e| !matches!(e, Node::Null)) {
        return Err(envelope_error(n, error, text(&response, &["RequestId"])));
    }
    Ok(response)
}

pub(crate) fn draft<'j>(r: &Node<'j>) -> Draft<'j> {
    let mut d = Draft::new(text_ref(r, &["CertificateId"]).unwrap_or_default());
    d.name = text_ref(r, &["Alias"]);
    d.common_name = text_ref(r, &["Domain"]);
    d.sans = texts(r, &["SubjectAltName"]);
    d.sans.extend(texts(r, &["CertSANs"]));
    d.not_before_ms = text_ref(r, &["CertBeginTime"]).and_then(|t| dates::parse_vendor_time(&t));
    d.not_after_ms = text_ref(r, &["CertEndTime"]).and_then(|t| dates::parse_vendor_time(&t));
    d.set_status(
        int(r, &["Status"]).and_then(status_row),
        text_ref(r, &["Status"]),
        text_ref(r, &["StatusName"]),
    );
    d.issuer = text_ref(r, &["ProductZhName"]);
    d.validation = validation(r, &["IsDv"], &["PackageTypeName", "ProductZhName"]);
    d.wildcard = flag(r, &["IsWildcard"]).unwrap_or(false);
    d.source = source(r, "From", &["PackageTypeName", "ProductZhName"]);
    d.replaced_by = text_ref(r, &["CertificateExtra", "ReplacedBy"]);
    d.replaces = text_ref(r, &["CertificateExtra", "ReplacedFor"]);
    d.key_algorithm = text_ref(r, &["EncryptAlgorithm"]);
    // Inserted one by one: collecting into a `BTreeMap` links another copy of the sort.
    let mut tags = BTreeMap::new();
    for tag in list(r, &["Tags"]).unwrap_or(&[]) {
        if let Some(key) = text(tag, &["TagKey"]) {
            tags.insert(key, text(tag, &["TagValue"]).unwrap_or_default());
        }
    }
    d.tags = Some(tags);
    d.project =
        text_ref(r, &["ProjectInfo", "ProjectName"]).or_else(|| text_ref(r, &["ProjectId"]));
    d.bound_resources = Some(texts(r, &["BoundResource"]));
    d
}

/// Validation level from an `IsDv`-style flag, else from `OV`/`EV` words in product names.
pub fn validation(r: &Node<'_>, dv_flag: &[&str], names: &[&str]) -> Option<Validation> {
    if flag(r, dv_flag) == Some(true) {
        return Some(Validation::Dv);
    }
    let words: String = names
        .iter()
        .filter_map(|n| text(r, &[n]))
        .collect::<Vec<_>>()
        .join(" ")
        .to_ascii_uppercase();
    let has = |word: &str| {
        words
            .split(|c: char| !c.is_ascii_alphanumeric())
            .any(|w| w == word)
    };
    if has("EV") {
        Some(Validation::Ev)
    } else if has("OV") {
        Some(Validation::Ov)
    } else if has("DV") {
        Some(Validation::Dv)
    } else {
        None
    }
}

/// Source from a `From`-style field: `upload` is uploaded, any CA name purchased (or free when
/// a product name says so).
pub fn source(r: &Node<'_>, from: &str, names: &[&str]) -> Option<CertSource> {
    let origin = text(r, &[from])?;
    if origin.eq_ignore_ascii_case("upload") {
        return Some(CertSource::Upload);
    }
    let free = names
        .iter()
        .filter_map(|n| text(r, &[n]))
        .any(|name| name.contains("免费") || name.to_ascii_lowercase().contains("free"));
    Some(if free {
        CertSource::Free
    } else {
        CertSource::Purchased
    })
}

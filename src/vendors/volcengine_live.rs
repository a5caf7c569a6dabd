//! Volcengine Live `ListCertV2`.
//!
//! Shape: `{"ResponseMetadata": {...}, "Result": {"CertList": [...]}}`, times RFC 3339 UTC. The
//! list is whole (no paging); the request's `Available`/`Expiring` filters decide which
//! certificates appear, and the record itself does not say whether it is enabled.

use super::json::Node;
use super::lenient::{text, texts};
use super::volcengine::{check_envelope, request_id};
use super::{dates, take_list, Draft, Normalizer, Page, StatusClass};
use crate::error::Result;
use crate::model::CertStatus;

/// Where the records are in the body.
pub const LIST_PATH: &[&str] = &["Result", "CertList"];

/// The fields of a record that [`draft`] reads (see [`super::records`]).
pub const RECORD_FIELDS: &[&str] = &[
    "CertID",
    "CertName",
    "CertDomainList",
    "NotBefore",
    "NotAfter",
    "Status",
    "ChainIDVolc",
    "ChainID",
];

/// `Status` → normalized class and its meaning.
pub fn status_row(status: &str) -> Option<(StatusClass, &'static str)> {
    Some(match status {
        "OK" => (StatusClass::Issued, "正常"),
        "Expire" => (StatusClass::Fixed(CertStatus::Expired), "过期"),
        "30days" => (StatusClass::Issued, "有效期剩余 30 天"),
        "15days" => (StatusClass::Issued, "有效期剩余 15 天"),
        "7days" => (StatusClass::Issued, "有效期剩余 7 天"),
        "1days" => (StatusClass::Issued, "有效期剩余 1 天"),
        _ => return None,
    })
}

/// Parses a `ListCertV2` response.
pub fn parse<'j>(n: &Normalizer, mut value: Node<'j>, listed: bool, body: &'j str) -> Result<Page> {
    check_envelope(n, &value, body)?;
    let request_id = request_id(&value);
    let records = take_list(n, &mut value, LIST_PATH, body, listed)?;
    let certificates = n.finish_all(records, draft);
    Ok(Page {
        certificates,
        total: None,
        next_marker: None,
        request_id,
        list_path: Some(LIST_PATH),
        raw_references: Vec::new(),
    })
}

pub(crate) fn draft(r: &Node<'_>) -> Draft {
    let mut d = Draft::new(text(r, &["CertID"]).unwrap_or_default());
    d.name = text(r, &["CertName"]);
    d.sans = texts(r, &["CertDomainList"]);
    d.not_before_ms = text(r, &["NotBefore"]).and_then(|t| dates::parse_vendor_time(&t));
    d.not_after_ms = text(r, &["NotAfter"]).and_then(|t| dates::parse_vendor_time(&t));
    let status = text(r, &["Status"]);
    d.set_status(status.as_deref().and_then(status_row), status.clone(), None);
    d.chain_id = text(r, &["ChainIDVolc"]).or_else(|| text(r, &["ChainID"]));
    d
}

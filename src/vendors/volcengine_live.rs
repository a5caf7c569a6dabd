//! Volcengine Live `ListCertV2`.
//!
//! Shape: `{"ResponseMetadata": {...}, "Result": {"CertList": [...]}}`, times RFC 3339 UTC. The
//! list is whole (no paging); the request's `Available`/`Expiring` filters decide which
//! certificates appear, and the record itself does not say whether it is enabled.

use super::json::Node;
use super::lenient::{text, text_ref, texts};
use super::volcengine::{check_envelope, request_id};
use super::{dates, take_list, Draft, Normalizer, Page, StatusClass};
use crate::error::Result;
use crate::model::CertStatus;

/// Where the records are in the body.
pub const LIST_PATH: &[&str] = &["Result", "CertList"];

/// The fields of a record that `draft` reads (see [`super::records`]).
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

/// The `ChainID` of a `CreateCert` answer: Live's writes address a certificate by its chain.
///
/// # Errors
/// The vendor's error envelope as its typed error; `BadResponse` without a `ChainID`.
pub fn parse_create(n: &Normalizer, body: &str) -> Result<String> {
    let value = super::parse_json(n, body)?;
    check_envelope(n, &value, body)?;
    text(&value, &["Result", "ChainID"])
        .ok_or_else(|| n.bad_response("no ChainID in the CreateCert answer", body))
}

/// Success of a `DeleteCert` answer, or `RequestForbidden`, which Live documents as "the account
/// holds no such resource" (its other `RequestForbidden.*` codes stay errors).
///
/// # Errors
/// The vendor's error envelope as its typed error.
pub fn parse_delete(n: &Normalizer, body: &str) -> Result<()> {
    let answer = super::parse_json(n, body).and_then(|value| check_envelope(n, &value, body));
    super::gone_is_done(answer, |code| code == "RequestForbidden")
}

/// `(CertID, ChainID)` of the record of a `ListCertV2` answer whose `CertID` or `ChainID` is
/// `id`: cloudcerts names a Live certificate by its `CertID`, Live's writes by its chain.
///
/// # Errors
/// The vendor's error envelope as its typed error.
pub fn find_record(n: &Normalizer, body: &str, id: &str) -> Result<Option<(String, String)>> {
    let value = super::parse_json(n, body)?;
    check_envelope(n, &value, body)?;
    let Some(Node::Array(records)) = super::lenient::at(&value, LIST_PATH) else {
        return Ok(None);
    };
    Ok(records.iter().find_map(|r| {
        let cert_id = text(r, &["CertID"])?;
        let chain_id = text(r, &["ChainID"])?;
        (cert_id == id || chain_id == id).then_some((cert_id, chain_id))
    }))
}

pub(crate) fn draft<'j>(r: &Node<'j>) -> Draft<'j> {
    let mut d = Draft::new(text_ref(r, &["CertID"]).unwrap_or_default());
    d.name = text_ref(r, &["CertName"]);
    d.sans = texts(r, &["CertDomainList"]);
    d.not_before_ms = text_ref(r, &["NotBefore"]).and_then(|t| dates::parse_vendor_time(&t));
    d.not_after_ms = text_ref(r, &["NotAfter"]).and_then(|t| dates::parse_vendor_time(&t));
    let status = text_ref(r, &["Status"]);
    d.set_status(status.as_deref().and_then(status_row), status.clone(), None);
    d.chain_id = text_ref(r, &["ChainIDVolc"]).or_else(|| text_ref(r, &["ChainID"]));
    d
}

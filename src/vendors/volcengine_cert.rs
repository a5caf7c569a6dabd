//! Volcengine Certificate Center `CertificateGetInstance`.
//!
//! Shape: `{"ResponseMetadata": {...}, "Result": {"count", "content": [...]}}`. Times are naive
//! Beijing time, with `certificate_not_after_ms`/`certificate_not_before_ms` preferred when
//! present. `applicable_domains` is a comma-wrapped string (`",www.example.com,"`). Records carry
//! the private key (`ssl.certificate.private_key`, `encrypt_key`), removed by default.

use serde_json::Value;

use super::lenient::{at, flag, int, text, texts};
use super::volcengine::{check_envelope, request_id};
use super::{dates, take_list, Draft, Normalizer, Page, StatusClass};
use crate::error::Result;
use crate::model::{CertSource, CertStatus, Validation};

/// `order_status` → normalized class and the vendor's label.
pub fn status_row(order_status: i64) -> Option<(StatusClass, &'static str)> {
    use CertStatus::*;
    use StatusClass::{Fixed, Issued};
    Some(match order_status {
        -2 => (Fixed(Unknown), "未知状态"),
        100 => (Fixed(Pending), "尚未提交证书申请"),
        101 => (Fixed(Pending), "证书申请尚未提交给CA机构"),
        200 => (Fixed(Pending), "验证中"),
        201 => (Fixed(Cancelled), "取消中"),
        // Cancellation failed: the order goes on.
        202 => (Fixed(Pending), "取消失败"),
        300 => (Issued, "已签发"),
        301 => (Fixed(Cancelled), "已取消"),
        302 => (Fixed(Failed), "申请失败"),
        400 => (Fixed(Revoked), "吊销中"),
        // Revocation failed: the certificate is still issued.
        401 => (Issued, "吊销失败"),
        500 => (Fixed(Revoked), "已吊销"),
        _ => return None,
    })
}

/// `instance_type` → source.
pub fn source_row(instance_type: i64) -> Option<CertSource> {
    match instance_type {
        0 => Some(CertSource::Purchased),
        1 => Some(CertSource::Free),
        2 => Some(CertSource::Upload),
        4 => Some(CertSource::Test),
        _ => None,
    }
}

/// Parses a `CertificateGetInstance` response.
pub fn parse(n: &Normalizer, mut value: Value, body: &str) -> Result<Page> {
    check_envelope(n, &value, body)?;
    let request_id = request_id(&value);
    let total = int(&value, &["Result", "count"]).and_then(|t| u64::try_from(t).ok());
    let records = take_list(n, &mut value, &["Result", "content"], body)?;
    let certificates = n.finish_all(records, draft);
    Ok(Page {
        certificates,
        total,
        next_marker: None,
        request_id,
    })
}

fn draft(r: &Value) -> Draft {
    let mut d = Draft::new(text(r, &["id"]).unwrap_or_default());
    d.name = text(r, &["tag"]);
    d.common_name = text(r, &["common_name"])
        .or_else(|| text(r, &["certificate_detail", "subject", "common_name"]));
    d.sans = texts(r, &["ssl", "san"]);
    d.sans
        .extend(texts(r, &["certificate_detail", "subject", "san"]));
    if let Some(applicable) = text(r, &["applicable_domains"]) {
        d.sans.extend(applicable.split(',').map(str::to_owned));
    }
    d.not_before_ms = at(r, &["certificate_not_before_ms"])
        .and_then(dates::from_unix_ms)
        .or_else(|| {
            text(r, &["certificate_not_before"]).and_then(|t| dates::parse_vendor_time(&t))
        });
    d.not_after_ms = at(r, &["certificate_not_after_ms"])
        .and_then(dates::from_unix_ms)
        .or_else(|| text(r, &["certificate_not_after"]).and_then(|t| dates::parse_vendor_time(&t)));
    let order_status = int(r, &["order_status"]);
    let row = order_status.and_then(status_row);
    d.status = if flag(r, &["certificate_revoked"]) == Some(true) {
        StatusClass::Fixed(CertStatus::Revoked)
    } else if flag(r, &["disabled"]) == Some(true) {
        StatusClass::Fixed(CertStatus::Disabled)
    } else if let Some((class, _)) = row {
        class
    } else if flag(r, &["certificate_exist"]) == Some(true) {
        // Uploaded certificates have no order: the certificate itself is what exists.
        StatusClass::Issued
    } else {
        StatusClass::Fixed(CertStatus::Unknown)
    };
    d.vendor_status = text(r, &["order_status"]);
    d.vendor_status_text = row.map(|(_, label)| label.to_owned());
    d.issuer =
        text(r, &["issuer"]).or_else(|| text(r, &["certificate_detail", "issuer", "common_name"]));
    d.validation = match text(r, &["type"])
        .map(|t| t.to_ascii_lowercase())
        .as_deref()
    {
        Some("dv") => Some(Validation::Dv),
        Some("ov") => Some(Validation::Ov),
        Some("ev") => Some(Validation::Ev),
        _ => None,
    };
    d.source = int(r, &["instance_type"]).and_then(source_row);
    d.chain_id = text(r, &["chain_id"]);
    d.replaces = text(r, &["source_id"]);
    d.fingerprint_sha256 = text(r, &["certificate_detail", "fingerprint_sha_256"]);
    d.serial_number = text(r, &["certificate_detail", "serial_number"]);
    d.key_algorithm = text(r, &["certificate_detail", "encryption_algorithm"])
        .or_else(|| text(r, &["ssl", "certificate", "key_type"]));
    d.project = text(r, &["project_name"]);
    d
}

//! Volcengine Certificate Center `CertificateGetInstance`.
//!
//! Shape: `{"ResponseMetadata": {...}, "Result": {"count", "content": [...]}}`. Times are naive
//! Beijing time, with `certificate_not_after_ms`/`certificate_not_before_ms` preferred when
//! present. `applicable_domains` is a comma-wrapped string (`",www.example.com,"`). Records carry
//! the private key (`ssl.certificate.private_key`, `encrypt_key`), removed by default, and the
//! chain itself (`ssl.certificate.chain`), whose leaf supplies fingerprint, serial and key
//! algorithm and is checked against the record's domains and dates.

use std::collections::BTreeSet;

use serde_json::Value;

use super::lenient::{at, flag, int, text, texts};
use super::volcengine::{check_envelope, request_id};
use super::{dates, take_list, Draft, Normalizer, Page, Record, StatusClass};
use crate::error::Result;
use crate::inspect;
use crate::model::{CertSource, CertStatus, Validation};

/// Where the records are in the body.
pub const LIST_PATH: &[&str] = &["Result", "content"];

/// The fields of a record that [`draft`] reads (see [`super::records`]).
pub const RECORD_FIELDS: &[&str] = &[
    "id",
    "tag",
    "common_name",
    "certificate_detail",
    "ssl",
    "applicable_domains",
    "certificate_not_before_ms",
    "certificate_not_before",
    "certificate_not_after_ms",
    "certificate_not_after",
    "order_status",
    "certificate_revoked",
    "disabled",
    "certificate_exist",
    "issuer",
    "type",
    "instance_type",
    "chain_id",
    "source_id",
    "project_name",
];

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
pub fn parse(
    n: &Normalizer,
    mut value: Value,
    read: Option<Vec<Record>>,
    body: &str,
) -> Result<Page> {
    check_envelope(n, &value, body)?;
    let request_id = request_id(&value);
    let total = int(&value, &["Result", "count"]).and_then(|t| u64::try_from(t).ok());
    let records = take_list(n, &mut value, LIST_PATH, body, read)?;
    let certificates = n.finish_all(records, true, draft);
    Ok(Page {
        certificates,
        total,
        next_marker: None,
        request_id,
        list_path: Some(LIST_PATH),
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
    let order_status = text(r, &["order_status"]);
    let row = int(r, &["order_status"]).and_then(status_row);
    let certificate_exists = flag(r, &["certificate_exist"]) == Some(true);
    d.status = if flag(r, &["certificate_revoked"]) == Some(true) {
        StatusClass::Fixed(CertStatus::Revoked)
    } else if flag(r, &["disabled"]) == Some(true) {
        StatusClass::Fixed(CertStatus::Disabled)
    } else if let Some((class, _)) = row {
        class
    } else if order_status.is_none() && certificate_exists {
        // Uploaded certificates have no order: the certificate itself is what exists.
        StatusClass::Issued
    } else if certificate_exists && d.not_after_ms.is_some() {
        // An order status the table does not list (the vendor may add some), on a record that
        // carries an issued certificate with its dates: the certificate is what the record
        // describes, so the dates decide (active, expiring, expired); `vendor_status` keeps the
        // vendor's value. Without an issued certificate and its dates there is nothing to go by.
        StatusClass::Issued
    } else {
        StatusClass::Fixed(CertStatus::Unknown)
    };
    d.vendor_status = order_status;
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
    if let Some(pem) = texts(r, &["ssl", "certificate", "chain"]).first() {
        enrich(&mut d, pem);
    }
    d
}

/// Fills fingerprint, serial and key algorithm from the leaf of the chain the record carries,
/// and turns each disagreement between the vendor's metadata and that certificate into a
/// warning. The certificate wins for the three fields it defines exactly; the vendor's domains
/// and dates are kept (they are what the vendor acts on) and flagged when they differ.
fn enrich(d: &mut Draft, pem: &str) {
    let Some(leaf) = inspect::leaf(pem) else {
        d.warnings
            .push("the certificate chain the vendor returned cannot be decoded".to_owned());
        return;
    };
    for (field, vendor, certificate) in [
        (
            "fingerprint",
            &d.fingerprint_sha256,
            &leaf.fingerprint_sha256,
        ),
        ("serial number", &d.serial_number, &leaf.serial_number),
    ] {
        if let Some(vendor) = vendor {
            if !vendor.replace(':', "").eq_ignore_ascii_case(certificate) {
                d.warnings.push(format!(
                    "the vendor's {field} {vendor} differs from the certificate's {certificate}"
                ));
            }
        }
    }
    d.fingerprint_sha256 = Some(leaf.fingerprint_sha256.clone());
    d.serial_number = Some(leaf.serial_number.clone());
    d.key_algorithm = Some(leaf.public_key.summary());

    // Inserted one by one: collecting into a `BTreeSet` links another copy of the sort.
    let names = |names: &mut dyn Iterator<Item = &String>| -> BTreeSet<String> {
        let mut set = BTreeSet::new();
        for name in names.map(|n| n.trim().to_ascii_lowercase()) {
            if !name.is_empty() {
                set.insert(name);
            }
        }
        set
    };
    let vendor_domains = names(&mut d.common_name.iter().chain(&d.sans));
    let certificate_domains = names(&mut leaf.common_name.iter().chain(&leaf.sans));
    if !vendor_domains.is_empty() && vendor_domains != certificate_domains {
        let list = |set: &BTreeSet<String>| set.iter().cloned().collect::<Vec<_>>().join(", ");
        d.warnings.push(format!(
            "the vendor lists the domains [{}] but the certificate covers [{}]",
            list(&vendor_domains),
            list(&certificate_domains)
        ));
    }
    for (field, vendor, certificate) in [
        ("notBefore", d.not_before_ms, leaf.not_before_ms),
        ("notAfter", d.not_after_ms, leaf.not_after_ms),
    ] {
        if let Some(vendor) = vendor.filter(|v| (v - certificate).abs() >= 1000) {
            d.warnings.push(format!(
                "the vendor's {field} {} differs from the certificate's {}",
                dates::to_rfc3339(vendor).unwrap_or_default(),
                dates::to_rfc3339(certificate).unwrap_or_default()
            ));
        }
    }
}

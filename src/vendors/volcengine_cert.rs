//! Volcengine Certificate Center `CertificateGetInstance`.
//!
//! Shape: `{"ResponseMetadata": {...}, "Result": {"count", "content": [...]}}`. Times are naive
//! Beijing time, with `certificate_not_after_ms`/`certificate_not_before_ms` preferred when
//! present. `applicable_domains` is a comma-wrapped string (`",www.example.com,"`). Records carry
//! the private key (`ssl.certificate.private_key`, `encrypt_key`), removed by default, the chain
//! itself (`ssl.certificate.chain`), and the vendor's reading of its leaf (`certificate_detail`,
//! see [`Detail`] for its fields and how they are normalized).
//!
//! Fingerprint, serial and key algorithm, and the certificate the record's domains and dates are
//! checked against (each disagreement a warning):
//!
//! - **From `certificate_detail`, without decoding the chain**, when the detail is whole (every
//!   field [`Detail::facts`] needs, well-formed) and describes the chain's leaf: the serial read
//!   from the first ~72 bytes of the leaf's DER ([`inspect::leaf_serial`]: no full base64
//!   decode, no parse, no SHA-256) equals the detail's, or there is no chain. The detail carries
//!   the names and dates too, so the warnings need no decoding. (Issue 15, measured natively on
//!   10,000 records of the sample's shape with a real chain: a full leaf decode is 5.7 µs a
//!   record at opt-level 3 and 16.5 µs at "z", reading the serial 1.0 and 1.8 µs; the body
//!   normalizes in 205 ms instead of 262, and 318 instead of 463.)
//! - **From the decoded leaf** otherwise (no detail, a partial or malformed one, or one that
//!   describes another certificate): the chain is the truth, and each detail value that
//!   differs from it (fingerprint, serial) is a warning naming both.
//! - A leaf whose framing is broken (the seed sample's elided `MIIF......1Wk=`) is decoded to
//!   be sure, and when it does not decode, that is a warning, as before; the detail's
//!   well-formed values stay.
//!
//! What is not seen on the first route: a detail whose serial matches the leaf but whose
//! fingerprint does not (only hashing the whole DER would tell), and damage inside a leaf whose
//! PEM framing, outer DER length and first fields are sound. Both would be the vendor's own
//! bug in a record whose identity (the serial) agrees.

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
        raw_references: Vec::new(),
    })
}

pub(crate) fn draft(r: &Value) -> Draft {
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
    let detail = Detail::read(r);
    d.fingerprint_sha256 = detail.fingerprint.as_ref().map(|(f, _)| f.clone());
    d.serial_number = detail.serial.as_ref().map(|(s, _)| s.clone());
    d.key_algorithm = detail
        .algorithm
        .clone()
        .or_else(|| text(r, &["ssl", "certificate", "key_type"]));
    d.project = text(r, &["project_name"]);
    match (leaf_pem(r), detail.facts()) {
        // No chain to read: the detail, when whole, is what the record says of its certificate.
        (None, Some(facts)) => {
            disagreements(&mut d, facts.names, facts.not_before_ms, facts.not_after_ms)
        }
        (None, None) => {}
        // The chain's leaf is the certificate the detail describes (same serial): the detail
        // stands for it, and the DER is not decoded.
        (Some(pem), Some(facts))
            if inspect::leaf_serial(pem)
                .and_then(|s| serial(&s))
                .as_deref()
                == detail.serial.as_ref().map(|(s, _)| s.as_str()) =>
        {
            disagreements(&mut d, facts.names, facts.not_before_ms, facts.not_after_ms);
        }
        (Some(pem), _) => enrich(&mut d, pem, &detail),
    }
    d
}

/// `s` trimmed, unless that leaves nothing.
fn nonempty(s: &str) -> Option<&str> {
    Some(s.trim()).filter(|s| !s.is_empty())
}

/// The leaf's PEM: the first entry of `ssl.certificate.chain` (or the field itself when it is
/// one text), without copying it.
fn leaf_pem(r: &Value) -> Option<&str> {
    match at(r, &["ssl", "certificate", "chain"])? {
        Value::Array(items) => items.iter().find_map(|item| match item {
            Value::String(s) => nonempty(s),
            // A number is no PEM: kept as an unreadable entry (the warning says so), as
            // `lenient::texts` would keep it.
            Value::Number(_) => Some(""),
            _ => None,
        }),
        Value::String(s) => nonempty(s),
        _ => None,
    }
}

/// What `certificate_detail` says of the certificate.
///
/// The vendor's form, from the `CertificateGetInstance` sample
/// (`/work/shared/seeds/volcengine-certcenter-CertificateGetInstance.txt`, 返回示例):
///
/// ```text
/// "certificate_detail": {
///     "subject": {"common_name": "www.example.com", "san": ["www.example.com"], ...},
///     "issuer": {"common_name": "Encryption Everywhere DV TLS CA - G1", "san": null, ...},
///     "serial_number": "000000000AC959EE6AD3ACE2B227560537A23E4A",
///     "not_before": "2022-12-08 08:00:00",
///     "not_after": "2023-12-09 07:59:59",
///     "encryption_algorithm": "RSA 2048",
///     "signature_algorithm": "SHA256-RSA",
///     "fingerprint_sha_1": "95C06EA2E180DA44753A44BAD5C9B780F67ACBAD",
///     "fingerprint_sha_256": "AC274E535A5B0C11D29A1BC154512967E3DDD92DC06B9C2ACDE68ED681BA1915"
/// }
/// ```
///
/// Read into the model's forms, so that a record gives the same certificate whether its chain
/// is decoded or not (`tests/normalize.rs`, `certificate_detail_*`):
///
/// - `fingerprint_sha_256`: 64 hex digits, upper-case, no separators → lower-case
///   (`fingerprintSha256`). `:` between bytes is accepted; anything else is malformed.
/// - `serial_number`: upper-case hex zero-padded to 20 bytes (the sample's serial is the
///   16-byte `0AC959EE…3E4A`, as DigiCert issues them) → upper-case hex in whole bytes without
///   leading zero bytes, as `openssl x509 -serial` prints it and as the decoded chain gives it
///   (`serialNumber`: `0AC959EE6AD3ACE2B227560537A23E4A`). `:` between bytes is accepted.
/// - `encryption_algorithm`: `RSA 2048`, kept as written (`keyAlgorithm` is the vendor's
///   text); for RSA it is the form the decoded chain gives too. (Decoded EC keys read `EC
///   P-256`; the vendor's EC spelling is not in the seed and is kept as written.)
/// - `not_before`/`not_after`: naive Beijing time, like the record's `certificate_not_before`
///   (equal in the sample), second precision.
/// - `subject.common_name` and `subject.san`: the names; `san: null` is a certificate without
///   SANs (the sample's CA has `"san": null`).
///
/// Leniency: each field that is not a JSON string of that form (a number, an array, odd hex,
/// a wrong length, a date that does not parse) is absent, and the chain is decoded instead.
#[derive(Default)]
struct Detail {
    /// Normalized, and as written (for warnings).
    fingerprint: Option<(String, String)>,
    /// Normalized, and as written (for warnings).
    serial: Option<(String, String)>,
    algorithm: Option<String>,
    not_before_ms: Option<i64>,
    not_after_ms: Option<i64>,
    /// Common name and SANs, when `subject.san` is a list or `null`.
    names: Option<Vec<String>>,
}

/// What the disagreement warnings compare the record with: the certificate's names and dates.
struct Facts<'a> {
    names: &'a [String],
    not_before_ms: i64,
    not_after_ms: i64,
}

impl Detail {
    fn read(r: &Value) -> Detail {
        let string = |field: &str| {
            at(r, &["certificate_detail", field])
                .and_then(Value::as_str)
                .map(str::trim)
                .filter(|s| !s.is_empty())
        };
        let subject = r.get("certificate_detail").and_then(|d| d.get("subject"));
        let mut names: Option<Vec<String>> = match subject.and_then(|s| s.get("san")) {
            Some(Value::Null) => Some(Vec::new()),
            Some(Value::Array(items)) => Some(
                items
                    .iter()
                    .filter_map(Value::as_str)
                    .map(str::to_owned)
                    .collect(),
            ),
            _ => None,
        };
        if let (Some(names), Some(cn)) = (
            names.as_mut(),
            subject
                .and_then(|s| s.get("common_name"))
                .and_then(Value::as_str),
        ) {
            names.push(cn.to_owned());
        }
        Detail {
            fingerprint: string("fingerprint_sha_256")
                .and_then(|t| fingerprint(t).map(|f| (f, t.to_owned()))),
            serial: string("serial_number").and_then(|t| serial(t).map(|s| (s, t.to_owned()))),
            algorithm: string("encryption_algorithm").map(str::to_owned),
            not_before_ms: string("not_before").and_then(dates::parse_vendor_time),
            not_after_ms: string("not_after").and_then(dates::parse_vendor_time),
            names,
        }
    }

    /// The certificate's facts, when the detail gives every one the record's fields need: the
    /// fingerprint, serial and algorithm, both dates and the names. Otherwise the chain is
    /// decoded.
    fn facts(&self) -> Option<Facts<'_>> {
        self.fingerprint.as_ref()?;
        self.serial.as_ref()?;
        self.algorithm.as_ref()?;
        Some(Facts {
            names: self.names.as_deref()?,
            not_before_ms: self.not_before_ms?,
            not_after_ms: self.not_after_ms?,
        })
    }
}

/// A SHA-256 fingerprint in the model's form (lower-case hex, no separators), or `None`.
fn fingerprint(text: &str) -> Option<String> {
    let hex: String = text.chars().filter(|c| *c != ':').collect();
    (hex.len() == 64 && hex.bytes().all(|b| b.is_ascii_hexdigit()))
        .then(|| hex.to_ascii_lowercase())
}

/// A serial in the model's form: upper-case hex in whole bytes, no leading zero bytes (`00`
/// for zero), as `openssl x509 -serial` prints it; `None` unless `text` is hex (`:` between
/// bytes allowed).
fn serial(text: &str) -> Option<String> {
    let hex: String = text.chars().filter(|c| *c != ':').collect();
    if hex.is_empty() || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let significant = hex.trim_start_matches('0');
    if significant.is_empty() {
        return Some("00".to_owned());
    }
    let mut out = String::with_capacity(significant.len() + 1);
    if significant.len() % 2 == 1 {
        out.push('0');
    }
    out.push_str(&significant.to_ascii_uppercase());
    Some(out)
}

/// Decodes the leaf of the chain the record carries, when the detail cannot stand for it
/// (absent, incomplete, malformed, or describing a certificate with another serial). The chain
/// is the truth: it fills fingerprint, serial and key algorithm, each detail value that differs
/// from it is a warning, and the vendor's domains and dates are checked against it. A chain
/// that does not decode is a warning; the detail's well-formed values then stay.
fn enrich(d: &mut Draft, pem: &str, detail: &Detail) {
    let Some(leaf) = inspect::leaf(pem) else {
        d.warnings
            .push("the certificate chain the vendor returned cannot be decoded".to_owned());
        return;
    };
    let serial_number = serial(&leaf.serial_number).unwrap_or(leaf.serial_number);
    for (field, vendor, certificate) in [
        ("fingerprint", &detail.fingerprint, &leaf.fingerprint_sha256),
        ("serial number", &detail.serial, &serial_number),
    ] {
        if let Some((normalized, written)) = vendor {
            if normalized != certificate {
                d.warnings.push(format!(
                    "the vendor's {field} {written} differs from the certificate's {certificate}"
                ));
            }
        }
    }
    d.key_algorithm = Some(leaf.public_key.summary());
    let mut names = leaf.sans;
    names.extend(leaf.common_name);
    disagreements(d, &names, leaf.not_before_ms, leaf.not_after_ms);
    d.fingerprint_sha256 = Some(leaf.fingerprint_sha256);
    d.serial_number = Some(serial_number);
}

/// Turns each disagreement between the vendor's domains and dates and the certificate's
/// (`names`, `not_before_ms`, `not_after_ms`) into a warning. The vendor's are kept (they are
/// what the vendor acts on) and flagged when they differ.
fn disagreements(d: &mut Draft, names: &[String], not_before_ms: i64, not_after_ms: i64) {
    // Inserted one by one: collecting into a `BTreeSet` links another copy of the sort.
    let set = |names: &mut dyn Iterator<Item = &String>| -> BTreeSet<String> {
        let mut set = BTreeSet::new();
        for name in names.map(|n| n.trim().to_ascii_lowercase()) {
            if !name.is_empty() {
                set.insert(name);
            }
        }
        set
    };
    let vendor_domains = set(&mut d.common_name.iter().chain(&d.sans));
    let certificate_domains = set(&mut names.iter());
    if !vendor_domains.is_empty() && vendor_domains != certificate_domains {
        let list = |set: &BTreeSet<String>| set.iter().cloned().collect::<Vec<_>>().join(", ");
        d.warnings.push(format!(
            "the vendor lists the domains [{}] but the certificate covers [{}]",
            list(&vendor_domains),
            list(&certificate_domains)
        ));
    }
    for (field, vendor, certificate) in [
        ("notBefore", d.not_before_ms, not_before_ms),
        ("notAfter", d.not_after_ms, not_after_ms),
    ] {
        if let Some(vendor) = vendor.filter(|v| v.abs_diff(certificate) >= 1000) {
            d.warnings.push(format!(
                "the vendor's {field} {} differs from the certificate's {}",
                dates::to_rfc3339(vendor).unwrap_or_default(),
                dates::to_rfc3339(certificate).unwrap_or_default()
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serials_are_written_as_openssl_writes_them() {
        // The seed's serial, zero-padded to 20 bytes.
        assert_eq!(
            serial("000000000AC959EE6AD3ACE2B227560537A23E4A").as_deref(),
            Some("0AC959EE6AD3ACE2B227560537A23E4A")
        );
        assert_eq!(serial("01:02").as_deref(), Some("0102"));
        assert_eq!(serial("8f01").as_deref(), Some("8F01"));
        assert_eq!(serial("102").as_deref(), Some("0102"));
        assert_eq!(serial("0000").as_deref(), Some("00"));
        for bad in ["", ":", "0x12", "XYZ", "12 34", "１２"] {
            assert_eq!(serial(bad), None, "{bad}");
        }
    }

    #[test]
    fn fingerprints_are_lower_case_hex_of_32_bytes() {
        let upper = "AC274E535A5B0C11D29A1BC154512967E3DDD92DC06B9C2ACDE68ED681BA1915";
        let lower = upper.to_ascii_lowercase();
        assert_eq!(fingerprint(upper), Some(lower.clone()));
        let colons: Vec<&str> = (0..32)
            .filter_map(|i| upper.get(i * 2..i * 2 + 2))
            .collect();
        assert_eq!(fingerprint(&colons.join(":")), Some(lower));
        for bad in [
            "",
            "AC27",
            &upper[1..],
            &format!("{upper}00"),
            &upper.replace('A', "G"),
        ] {
            assert_eq!(fingerprint(bad), None, "{bad}");
        }
    }
}

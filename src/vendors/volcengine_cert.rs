//! Volcengine Certificate Center `CertificateGetInstance`.
//!
//! Shape: `{"ResponseMetadata": {...}, "Result": {"count", "content": [...]}}`. Times are naive
//! Beijing time, with `certificate_not_after_ms`/`certificate_not_before_ms` preferred when
//! present. `applicable_domains` is a comma-wrapped string (`",www.example.com,"`). Records carry
//! the private key (`ssl.certificate.private_key`, `encrypt_key`), removed by default, the chain
//! itself (`ssl.certificate.chain`), and the vendor's reading of its leaf (`certificate_detail`,
//! see `Detail` for its fields and how they are normalized).
//!
//! Fingerprint, serial and key algorithm, and the certificate the record's domains and dates are
//! checked against (each disagreement a warning):
//!
//! - **From `certificate_detail`, without parsing the chain**, when the detail is whole (every
//!   fact `Detail` reads, well-formed) and describes the chain's leaf: the SHA-256 of the
//!   leaf's DER ([`x509::fingerprint`]) is the detail's fingerprint, or there is no chain. The
//!   detail carries the names and dates too, so the warnings need no parsing. (Issue 15, item
//!   4. Measured natively at the release profile's opt-level "z" on a shared machine, the
//!   fixture's 2048-bit RSA leaf: its PEM read into DER about 3 µs, hashing it about 1 µs (sha2
//!   is built at opt-level 3), parsing it, hash included, about 4 µs.)
//! - **From the parsed leaf** otherwise (no detail, a partial or malformed one, or one whose
//!   fingerprint is not the leaf's): the chain is the truth, and each detail value that differs
//!   from it (fingerprint, serial) is a warning naming both.
//! - A leaf that does not decode (the seed sample's elided `MIIF......1Wk=`, or DER that does
//!   not parse) is a warning, as before; the detail's well-formed values stay.
//!
//! The fingerprint, not the serial, says that the detail describes the leaf: it covers every
//! byte of the DER, so a leaf damaged after its serial, or a detail of the same serial but
//! another fingerprint, is parsed (and reported) rather than taken on the detail's word. The
//! detail's other facts (serial, algorithm, names, dates) are then the vendor's reading of that
//! very DER, and are not checked against it. The route adds next to no code to the main wasm
//! module: the PEM and SHA-256 code is the parsing route's, and that route's parse
//! ([`x509::parse_leaf`]) leaves out what only chain checks need (issue 15, item 4: the main
//! module's size did not change).

use std::borrow::Cow;
use std::collections::BTreeSet;

use super::json::Node;
use super::lenient::{self, at, flag, int, text, text_ref, texts};
use super::volcengine::{check_envelope, request_id};
use super::{dates, take_list, Draft, Normalizer, Page, StatusClass};
use crate::error::Result;
use crate::inspect::{self, x509};
use crate::model::{CertSource, CertStatus, Validation};

/// Where the records are in the body.
pub const LIST_PATH: &[&str] = &["Result", "content"];

/// The fields of a record that `draft` reads (see [`super::records`]).
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
pub fn parse<'j>(n: &Normalizer, mut value: Node<'j>, listed: bool, body: &'j str) -> Result<Page> {
    check_envelope(n, &value, body)?;
    let request_id = request_id(&value);
    let total = int(&value, &["Result", "count"]).and_then(|t| u64::try_from(t).ok());
    let records = take_list(n, &mut value, LIST_PATH, body, listed)?;
    let certificates = n.finish_all(records, draft);
    Ok(Page {
        certificates,
        total,
        next_marker: None,
        request_id,
        list_path: Some(LIST_PATH),
        raw_references: Vec::new(),
    })
}

/// What an `ImportCertificate` answer says: the certificate's id, and whether Certificate
/// Center already held it (`Result.RepeatId`, with `Repeatable: false`) rather than storing a copy.
///
/// # Errors
/// The vendor's error envelope as its typed error; `BadResponse` without an id.
pub fn parse_import(n: &Normalizer, body: &str) -> Result<(String, bool)> {
    let value = super::parse_json(n, body)?;
    super::volcengine::check_envelope(n, &value, body)?;
    if let Some(existing) = text(&value, &["Result", "RepeatId"]) {
        return Ok((existing, true));
    }
    text(&value, &["Result", "InstanceId"])
        .map(|id| (id, false))
        .ok_or_else(|| n.bad_response("no InstanceId in the import answer", body))
}

/// Success of a `CertificateDeleteInstance` answer, or `ResourceNotFound*`: already gone (the
/// exact code is not in the vendor's documentation).
///
/// # Errors
/// The vendor's error envelope as its typed error.
pub fn parse_delete(n: &Normalizer, body: &str) -> Result<()> {
    let answer = super::parse_json(n, body)
        .and_then(|value| super::volcengine::check_envelope(n, &value, body));
    super::gone_is_done(answer, |code| code.starts_with("ResourceNotFound"))
}

pub(crate) fn draft<'j>(r: &Node<'j>) -> Draft<'j> {
    let mut d = Draft::new(text_ref(r, &["id"]).unwrap_or_default());
    d.name = text_ref(r, &["tag"]);
    d.common_name = text_ref(r, &["common_name"])
        .or_else(|| text_ref(r, &["certificate_detail", "subject", "common_name"]));
    d.sans = texts(r, &["ssl", "san"]);
    d.sans
        .extend(texts(r, &["certificate_detail", "subject", "san"]));
    if let Some(applicable) = text_ref(r, &["applicable_domains"]) {
        d.sans.extend(lenient::split(applicable, ','));
    }
    d.not_before_ms = at(r, &["certificate_not_before_ms"])
        .and_then(dates::from_unix_ms)
        .or_else(|| {
            text_ref(r, &["certificate_not_before"]).and_then(|t| dates::parse_vendor_time(&t))
        });
    d.not_after_ms = at(r, &["certificate_not_after_ms"])
        .and_then(dates::from_unix_ms)
        .or_else(|| {
            text_ref(r, &["certificate_not_after"]).and_then(|t| dates::parse_vendor_time(&t))
        });
    let order_status = text_ref(r, &["order_status"]);
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
    d.vendor_status_text = row.map(|(_, label)| Cow::Borrowed(label));
    d.issuer = text_ref(r, &["issuer"])
        .or_else(|| text_ref(r, &["certificate_detail", "issuer", "common_name"]));
    d.validation = match text_ref(r, &["type"])
        .map(|t| t.to_ascii_lowercase())
        .as_deref()
    {
        Some("dv") => Some(Validation::Dv),
        Some("ov") => Some(Validation::Ov),
        Some("ev") => Some(Validation::Ev),
        _ => None,
    };
    d.source = int(r, &["instance_type"]).and_then(source_row);
    d.chain_id = text_ref(r, &["chain_id"]);
    d.replaces = text_ref(r, &["source_id"]);
    let detail = Detail::read(r);
    d.fingerprint_sha256 = detail.fingerprint.map(|f| Cow::Owned(f.to_owned()));
    d.serial_number = detail.serial.as_ref().map(|(_, s)| Cow::Owned(s.clone()));
    d.key_algorithm = detail
        .algorithm
        .map(|a| Cow::Owned(a.to_owned()))
        .or_else(|| text_ref(r, &["ssl", "certificate", "key_type"]));
    d.project = text_ref(r, &["project_name"]);
    let chain = texts(r, &["ssl", "certificate", "chain"]);
    let certificate = match chain.first().map(|pem| inspect::leaf_der(pem)) {
        // The detail does not stand for the chain's leaf: the leaf is parsed.
        Some(der) if !detail.describes(der.as_deref()) => enrich(&mut d, der, &detail),
        // No chain, or a leaf the whole detail describes (the same fingerprint): the detail
        // stands for it, and the DER is not parsed.
        _ => detail.facts,
    };
    if let Some(certificate) = certificate {
        disagreements(&mut d, &certificate);
    }
    d
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
///   (`fingerprintSha256`, by [`super::Normalizer::finish`]). `:` between bytes is accepted;
///   anything else is malformed.
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
/// Leniency: each field that is not a JSON string of that form (a number, an array, not hex, a
/// wrong length, a date that does not parse) is absent, and the chain is decoded instead.
struct Detail<'a> {
    /// As written, when it is 32 bytes of hex.
    fingerprint: Option<&'a str>,
    /// As written (for warnings), and in the model's form ([`serial`]), when it is hex.
    serial: Option<(&'a str, String)>,
    algorithm: Option<&'a str>,
    /// The names and dates, when the detail is whole: every fact the record's fields need
    /// (these, fingerprint, serial and algorithm) is there and well-formed.
    facts: Option<Facts>,
}

/// What the disagreement warnings check the record's domains and dates against: the
/// certificate's names and dates, from the detail or the decoded leaf.
struct Facts {
    common_name: Option<String>,
    sans: Vec<String>,
    not_before_ms: i64,
    not_after_ms: i64,
}

impl<'a> Detail<'a> {
    fn read(r: &'a Node<'_>) -> Self {
        let detail = r.get("certificate_detail");
        let string = |field: &str| match detail?.get(field)? {
            Node::String(s) => Some(s.trim()).filter(|s| !s.is_empty()),
            _ => None,
        };
        let fingerprint = string("fingerprint_sha_256")
            .filter(|t| hex_digits(t).is_some_and(|hex| hex.len() == 64));
        let serial = string("serial_number").and_then(|t| Some((t, serial(t)?)));
        let algorithm = string("encryption_algorithm");
        let whole = fingerprint.is_some() && serial.is_some() && algorithm.is_some();
        let subject = detail
            .and_then(|d| d.get("subject"))
            .filter(|s| whole && matches!(s.get("san"), Some(Node::Null | Node::Array(_))));
        let facts = subject.and_then(|subject| {
            Some(Facts {
                common_name: text(subject, &["common_name"]),
                sans: texts(subject, &["san"])
                    .into_iter()
                    .map(Cow::into_owned)
                    .collect(),
                not_before_ms: string("not_before").and_then(dates::parse_vendor_time)?,
                not_after_ms: string("not_after").and_then(dates::parse_vendor_time)?,
            })
        });
        Detail {
            fingerprint,
            serial,
            algorithm,
            facts,
        }
    }

    /// Whether the detail is whole and describes the certificate `der` holds (`None`: a PEM
    /// that does not decode): the same SHA-256 fingerprint, computed without parsing the DER
    /// ([`x509::fingerprint`]).
    fn describes(&self, der: Option<&[u8]>) -> bool {
        self.facts.is_some()
            && der.is_some_and(|der| same_fingerprint(self.fingerprint, &x509::fingerprint(der)))
    }
}

/// Whether the vendor's fingerprint (as written) is `certificate` (lower-case hex).
fn same_fingerprint(vendor: Option<&str>, certificate: &str) -> bool {
    vendor
        .and_then(hex_digits)
        .is_some_and(|hex| hex.eq_ignore_ascii_case(certificate))
}

/// `text` without its `:` separators, when the rest is hex digits (at least one).
fn hex_digits(text: &str) -> Option<String> {
    let hex = text.replace(':', "");
    (!hex.is_empty() && hex.bytes().all(|b| b.is_ascii_hexdigit())).then_some(hex)
}

/// A serial in the model's form: upper-case hex in whole bytes, no leading zero bytes (`00`
/// for zero), as `openssl x509 -serial` prints it; `None` unless `text` is hex (`:` between
/// bytes allowed).
fn serial(text: &str) -> Option<String> {
    let mut hex = hex_digits(text)?.to_ascii_uppercase();
    if hex.len() % 2 == 1 {
        hex.insert(0, '0');
    }
    let mut digits = hex.as_str();
    while let Some(rest) = digits.strip_prefix("00").filter(|rest| !rest.is_empty()) {
        digits = rest;
    }
    Some(digits.to_owned())
}

/// Parses the leaf of the chain the record carries (`der`, when its PEM decodes), when the
/// detail cannot stand for it (absent, incomplete, malformed, or with another fingerprint). The chain is the truth: it fills fingerprint, serial and key algorithm,
/// each detail value that differs from it is a warning, and its names and dates are returned
/// for the disagreement warnings. A chain that does not decode is a warning; the detail's
/// well-formed values then stay.
fn enrich(d: &mut Draft, der: Option<Vec<u8>>, detail: &Detail) -> Option<Facts> {
    let Some(leaf) = der.and_then(|der| x509::parse_leaf(&der).ok()) else {
        d.warnings
            .push("the certificate chain the vendor returned cannot be decoded".to_owned());
        return None;
    };
    let serial_number = serial(&leaf.serial_number).unwrap_or_else(|| leaf.serial_number.clone());
    for (field, vendor, certificate) in [
        (
            "fingerprint",
            detail
                .fingerprint
                .filter(|_| !same_fingerprint(detail.fingerprint, &leaf.fingerprint_sha256)),
            &leaf.fingerprint_sha256,
        ),
        (
            "serial number",
            detail
                .serial
                .as_ref()
                .filter(|(_, s)| *s != serial_number)
                .map(|(written, _)| *written),
            &serial_number,
        ),
    ] {
        if let Some(vendor) = vendor {
            d.warnings.push(format!(
                "the vendor's {field} {vendor} differs from the certificate's {certificate}"
            ));
        }
    }
    d.key_algorithm = Some(Cow::Owned(leaf.public_key.summary()));
    d.fingerprint_sha256 = Some(Cow::Owned(leaf.fingerprint_sha256.clone()));
    d.serial_number = Some(Cow::Owned(serial_number));
    Some(Facts {
        common_name: leaf.common_name.clone(),
        sans: leaf.sans.clone(),
        not_before_ms: leaf.not_before_ms,
        not_after_ms: leaf.not_after_ms,
    })
}

/// Turns each disagreement between the vendor's domains and dates and the certificate's into a
/// warning. The vendor's are kept (they are what the vendor acts on) and flagged when they
/// differ.
fn disagreements(d: &mut Draft, facts: &Facts) {
    // Inserted one by one: collecting into a `BTreeSet` links another copy of the sort.
    let names = |names: &mut dyn Iterator<Item = &str>| -> BTreeSet<String> {
        let mut set = BTreeSet::new();
        for name in names.map(|n| n.trim().to_ascii_lowercase()) {
            if !name.is_empty() {
                set.insert(name);
            }
        }
        set
    };
    let vendor_domains = names(&mut d.common_name.iter().chain(&d.sans).map(|n| &**n));
    let certificate_domains = names(&mut facts.common_name.iter().chain(&facts.sans).map(|n| &**n));
    if !vendor_domains.is_empty() && vendor_domains != certificate_domains {
        let list = |set: &BTreeSet<String>| set.iter().cloned().collect::<Vec<_>>().join(", ");
        d.warnings.push(format!(
            "the vendor lists the domains [{}] but the certificate covers [{}]",
            list(&vendor_domains),
            list(&certificate_domains)
        ));
    }
    for (field, vendor, certificate) in [
        ("notBefore", d.not_before_ms, facts.not_before_ms),
        ("notAfter", d.not_after_ms, facts.not_after_ms),
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
    fn hex_digits_allow_colons_and_nothing_else() {
        let upper = "AC274E535A5B0C11D29A1BC154512967E3DDD92DC06B9C2ACDE68ED681BA1915";
        assert_eq!(hex_digits(upper).as_deref(), Some(upper));
        let colons: Vec<&str> = (0..32)
            .filter_map(|i| upper.get(i * 2..i * 2 + 2))
            .collect();
        assert_eq!(hex_digits(&colons.join(":")).as_deref(), Some(upper));
        assert_eq!(hex_digits("ab:CD").as_deref(), Some("abCD"));
        for bad in ["", ":", "::", "0x12", "XYZ", "12 34", "１２", "é1"] {
            assert_eq!(hex_digits(bad), None, "{bad}");
        }
    }
}

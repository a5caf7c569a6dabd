//! Tencent Cloud DNSPod, API 3.0 (`dnspod.tencentcloudapi.com`, version `2021-03-23`, TC3
//! signature for the service `dnspod`): `DescribeDomainList`, `CreateRecord`,
//! `DescribeRecordList`, `DeleteRecord`. Fields and error codes: `sandbox/dns-apis.md`, which
//! cites the API reference for each.
//!
//! The envelope and the common error codes are API 3.0's, read as for `tencent-ssl`
//! ([`crate::vendors::tencent_ssl::response`]).

use serde_json::json;

use super::{id_at, id_json, Listed, TxtRecord, Zone};
use crate::error::{ErrorCode, Result};
use crate::model::HttpRequest;
use crate::vendors::json::Node;
use crate::vendors::lenient::{int, list, text};
use crate::vendors::Normalizer;

/// The API version.
pub const VERSION: &str = "2021-03-23";

/// Domains asked for per `DescribeDomainList` page.
pub const PAGE_SIZE: u32 = 3000;

/// The record line every record is created on: the default line (`默认`).
pub const DEFAULT_LINE: &str = "默认";

/// TTL of the TXT records, seconds: the smallest every DNSPod plan accepts.
pub const TTL: u32 = 600;

fn request(base: &str, action: &str, body: serde_json::Value) -> HttpRequest {
    let mut headers = std::collections::BTreeMap::new();
    headers.insert(
        "Content-Type".to_owned(),
        "application/json; charset=utf-8".to_owned(),
    );
    headers.insert("X-TC-Action".to_owned(), action.to_owned());
    headers.insert("X-TC-Version".to_owned(), VERSION.to_owned());
    HttpRequest {
        method: "POST".into(),
        url: format!("{base}/"),
        headers: Some(headers),
        body: Some(body.to_string()),
    }
}

/// `DescribeDomainList` page `page` (from 0).
pub fn domain_list(base: &str, page: u32) -> HttpRequest {
    request(
        base,
        "DescribeDomainList",
        json!({"Type": "ALL", "Offset": u64::from(page) * u64::from(PAGE_SIZE), "Limit": PAGE_SIZE}),
    )
}

/// DNSPod's own error codes (the ones its actions list: sandbox/dns-apis.md) → (code, retryable,
/// hint), over the API 3.0 common codes that the shared table types. A row matches its code and
/// every dotted sub-code.
const ERRORS: &[crate::vendors::ErrorRow] = &[
    ("FailedOperation.FrequencyLimit", ErrorCode::RateLimited, true, None),
    ("OperationDenied", ErrorCode::Forbidden, false, Some("this key may not change this domain's records (it is another account's, or shared without that right)")),
    ("AuthFailure.UnauthorizedOperation", ErrorCode::Forbidden, false, Some("the CAM policy of this key does not allow this dnspod action (dnspod:DescribeDomainList, dnspod:CreateRecord, dnspod:DescribeRecordList, dnspod:DeleteRecord)")),
    ("UnauthorizedOperation", ErrorCode::Forbidden, false, Some("the CAM policy of this key does not allow this dnspod action")),
    ("InvalidParameterValue.DomainNotExists", ErrorCode::NotFound, false, None),
    ("LimitExceeded.RecordTtlLimit", ErrorCode::InvalidInput, false, Some("the domain's DNSPod plan does not allow the records' TTL of 600 seconds")),
    ("FailedOperation.DomainIsLocked", ErrorCode::Forbidden, false, Some("the domain is locked at DNSPod")),
    ("FailedOperation.DomainIsSpam", ErrorCode::Forbidden, false, Some("DNSPod has blocked the domain")),
];

fn response<'j>(n: &Normalizer, body: &'j str) -> Result<Node<'j>> {
    crate::vendors::tencent_ssl::response(n, crate::vendors::parse_json(n, body)?, body)
        .map_err(|error| super::retyped(error, ERRORS))
}

/// The zones of a `DescribeDomainList` answer, the account's total, and how many items the page
/// listed (unreadable ones included: what paging counts). Zones DNSPod has paused or blocked
/// (`Status` `PAUSE`, `SPAM`) are left out: records there would never resolve.
///
/// # Errors
/// The envelope's typed error; `BadResponse` without a `DomainList`.
pub fn parse_domain_list(n: &Normalizer, body: &str) -> Result<(Vec<Zone>, Option<u64>, usize)> {
    let response = match response(n, body) {
        // An account without domains answers with this error instead of an empty list.
        Err(e) if e.vendor_code.as_deref() == Some("ResourceNotFound.NoDataOfDomain") => {
            return Ok((Vec::new(), Some(0), 0))
        }
        other => other?,
    };
    let domains = list(&response, &["DomainList"])
        .ok_or_else(|| n.bad_response("no DomainList in the DescribeDomainList answer", body))?;
    let zones = domains
        .iter()
        .filter(|domain| {
            text(domain, &["Status"])
                .is_none_or(|status| !matches!(status.as_str(), "PAUSE" | "SPAM"))
        })
        .filter_map(|domain| {
            // `Name` is the domain as its owner wrote it (possibly Unicode); `Punycode` the
            // ASCII form that DNS names (and ACME orders) use.
            let name = text(domain, &["Punycode"])
                .or_else(|| text(domain, &["Name"]))?
                .trim_end_matches('.')
                .to_ascii_lowercase();
            Some(Zone {
                id: name.clone(),
                name,
            })
        })
        .collect();
    let total = int(&response, &["DomainCountInfo", "DomainTotal"])
        .or_else(|| int(&response, &["DomainCountInfo", "AllTotal"]))
        .and_then(|t| u64::try_from(t).ok());
    Ok((zones, total, domains.len()))
}

/// `CreateRecord` of a TXT record `host` = `value` in `zone`, on the default line.
pub fn create_txt(base: &str, zone: &Zone, host: &str, value: &str) -> HttpRequest {
    request(
        base,
        "CreateRecord",
        json!({
            "Domain": zone.name,
            "SubDomain": host,
            "RecordType": "TXT",
            "RecordLine": DEFAULT_LINE,
            "Value": value,
            "TTL": TTL,
        }),
    )
}

/// The `RecordId` of a `CreateRecord` answer; `None` when DNSPod says the same record exists
/// already (`InvalidParameter.DomainRecordExist`): its id is then looked up.
///
/// # Errors
/// The envelope's typed error; `BadResponse` without a `RecordId`.
pub fn parse_create(n: &Normalizer, body: &str) -> Result<Option<String>> {
    let response = match response(n, body) {
        Err(e) if e.vendor_code.as_deref() == Some("InvalidParameter.DomainRecordExist") => {
            return Ok(None)
        }
        other => other?,
    };
    id_at(&response, "RecordId")
        .map(Some)
        .ok_or_else(|| n.bad_response("no RecordId in the CreateRecord answer", body))
}

/// `DescribeRecordList` of the TXT records named `host` in `zone`. The host goes in both
/// spellings the reference gives (`SubDomain` is the current one and wins; `Subdomain` the one
/// older deployments read).
pub fn record_list(base: &str, zone: &Zone, host: &str) -> HttpRequest {
    request(
        base,
        "DescribeRecordList",
        json!({
            "Domain": zone.name,
            "SubDomain": host,
            "Subdomain": host,
            "RecordType": "TXT",
            "Limit": 3000,
        }),
    )
}

/// The TXT records of a `DescribeRecordList` answer (`ResourceNotFound.NoDataOfRecord`, the
/// answer to a filter that matches nothing, is none).
///
/// # Errors
/// The envelope's typed error.
pub fn parse_records(n: &Normalizer, body: &str) -> Result<Vec<Listed>> {
    let response = match response(n, body) {
        Err(e) if e.vendor_code.as_deref() == Some("ResourceNotFound.NoDataOfRecord") => {
            return Ok(Vec::new())
        }
        other => other?,
    };
    let Some(records) = list(&response, &["RecordList"]) else {
        return Ok(Vec::new());
    };
    Ok(records
        .iter()
        .filter_map(|r| {
            Some(Listed {
                id: id_at(r, "RecordId")?,
                value: text(r, &["Value"]).unwrap_or_default(),
                // "ENABLE" or "DISABLE"; a record without a status is taken as in effect.
                enabled: text(r, &["Status"]).is_none_or(|s| s.eq_ignore_ascii_case("ENABLE")),
            })
        })
        .collect())
}

/// `DeleteRecord` of `record`.
pub fn delete_record(base: &str, record: &TxtRecord) -> HttpRequest {
    request(
        base,
        "DeleteRecord",
        json!({"Domain": record.zone.name, "RecordId": id_json(&record.id)}),
    )
}

/// Success of a `DeleteRecord` answer; a record already gone is deleted (the reference names
/// `InvalidParameter.RecordIdInvalid` as DeleteRecord's only record-id error;
/// `ResourceNotFound.NoDataOfRecord` is read the same way).
///
/// # Errors
/// The envelope's typed error.
pub fn parse_delete(n: &Normalizer, body: &str) -> Result<()> {
    match response(n, body) {
        Ok(_) => Ok(()),
        // Only the record's own codes: a wrong endpoint's or a gateway's 404 is not "removed".
        Err(e) if is_gone(e.vendor_code.as_deref()) => Ok(()),
        Err(e) => Err(e),
    }
}

fn is_gone(code: Option<&str>) -> bool {
    matches!(
        code,
        Some("ResourceNotFound.NoDataOfRecord" | "InvalidParameter.RecordIdInvalid")
    )
}

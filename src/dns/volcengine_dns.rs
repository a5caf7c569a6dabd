//! Volcengine DNS (`dns.volcengineapi.com`, formerly `open.volcengineapi.com`; service `dns`,
//! version `2018-08-01`, Volcengine HMAC): `ListZones`, `CreateRecord`, `ListRecords`,
//! `DeleteRecord`. Fields and error codes: `sandbox/dns-apis.md`, which cites the API reference
//! for each. The lists are `GET`s with a query, the writes `POST`s with a JSON body, as the
//! reference's examples and the official SDK send them.
//!
//! The envelope (`ResponseMetadata`, `Result`) and the gateway's error codes are Volcengine's,
//! read as for the certificate APIs ([`crate::vendors::volcengine::check_envelope`]); the DNS
//! service's own codes (`ErrZoneNotFound`, `ErrDBNotFound`, ...) are in [`ERRORS`], here so
//! that the main module, which never speaks DNS, does not carry them.

use serde_json::json;

use super::{id_at, id_json, Listed, TxtRecord, Zone};
use crate::error::{ErrorCode, Result};
use crate::model::HttpRequest;
use crate::sign::encoding::strict_encode;
use crate::vendors::json::Node;
use crate::vendors::lenient::{at, flag, int, list, text};
use crate::vendors::Normalizer;

/// The API version.
pub const VERSION: &str = "2018-08-01";

/// Zones asked for per `ListZones` page (the largest the reference allows).
pub const PAGE_SIZE: u32 = 500;

/// TTL of the TXT records, seconds (the reference's default).
pub const TTL: u32 = 600;

/// The DNS service's error codes (the DNS 公共错误码 page: sandbox/dns-apis.md) → (code,
/// retryable, hint).
const ERRORS: &[crate::vendors::ErrorRow] = &[
    ("ErrInternalServer", ErrorCode::Vendor, true, None),
    ("ErrParsingParams", ErrorCode::InvalidInput, false, None),
    ("ErrParamInvalid", ErrorCode::InvalidInput, false, None),
    ("ErrHostCanNotBeEmpty", ErrorCode::InvalidInput, false, None),
    ("ErrPageSizeNotValid", ErrorCode::InvalidInput, false, None),
    (
        "ErrSpecNotValid",
        ErrorCode::InvalidInput,
        false,
        Some("the zone's edition does not allow this record (its TTL, for example)"),
    ),
    ("ErrDBNotFound", ErrorCode::NotFound, false, None),
    ("ErrZoneNotFound", ErrorCode::NotFound, false, None),
    ("ErrDBDuplicated", ErrorCode::Vendor, false, None),
    (
        "ErrAccountRecordCountLimited",
        ErrorCode::Vendor,
        false,
        Some("the account's record quota is used up"),
    ),
    (
        "ErrZoneRecordCountLimited",
        ErrorCode::Vendor,
        false,
        Some("the zone's record quota is used up"),
    ),
];

fn get(base: &str, action: &str, query: &[(&str, String)]) -> HttpRequest {
    let mut url = format!("{base}/?Action={action}&Version={VERSION}");
    for (name, value) in query {
        url.push('&');
        url.push_str(name);
        url.push('=');
        url.push_str(&strict_encode(value));
    }
    HttpRequest {
        method: "GET".into(),
        url,
        headers: None,
        body: None,
    }
}

fn post(base: &str, action: &str, body: &serde_json::Value) -> HttpRequest {
    let mut headers = std::collections::BTreeMap::new();
    headers.insert("Content-Type".to_owned(), "application/json".to_owned());
    HttpRequest {
        method: "POST".into(),
        url: format!("{base}/?Action={action}&Version={VERSION}"),
        headers: Some(headers),
        body: Some(body.to_string()),
    }
}

/// The body's `Result` (empty when the answer has none: `DeleteRecord`'s has only
/// `ResponseMetadata`), after the envelope's error if there is one.
fn result<'j>(n: &Normalizer, body: &'j str, result_needed: bool) -> Result<Node<'j>> {
    let mut value = crate::vendors::parse_json(n, body)?;
    if result_needed || at(&value, &["ResponseMetadata", "Error"]).is_some() || !value.is_object() {
        crate::vendors::volcengine::check_envelope(n, &value, body)
            .map_err(|error| super::retyped(error, ERRORS))?;
    } else if let Some(status) = n.http_status.filter(|status| *status >= 400) {
        return Err(crate::vendors::status_error(n, status, body));
    }
    Ok(value.get_mut("Result").map(Node::take).unwrap_or_default())
}

/// `ListZones` page `page` (from 0).
pub fn list_zones(base: &str, page: u32) -> HttpRequest {
    get(
        base,
        "ListZones",
        &[
            ("PageNumber", (page + 1).to_string()),
            ("PageSize", PAGE_SIZE.to_string()),
        ],
    )
}

/// The zones of a `ListZones` answer, the account's total, and how many items the page listed
/// (unreadable ones included: what paging counts).
///
/// # Errors
/// The envelope's typed error; `BadResponse` when `Zones` is neither a list nor absent.
pub fn parse_zones(n: &Normalizer, body: &str) -> Result<(Vec<Zone>, Option<u64>, usize)> {
    let result = result(n, body, true)?;
    let total = int(&result, &["Total"]).and_then(|t| u64::try_from(t).ok());
    let Some(listed) = list(&result, &["Zones"]) else {
        // An account without zones: `Total: 0`, and `Zones` empty, null or absent.
        return match at(&result, &["Zones"]) {
            None | Some(Node::Null) => Ok((Vec::new(), total, 0)),
            Some(_) => Err(n.bad_response("Zones is not a list in the ListZones answer", body)),
        };
    };
    let zones = listed
        .iter()
        .filter_map(|zone| {
            let id = id_at(zone, "ZID")?;
            let name = text(zone, &["ZoneName"])?
                .trim_end_matches('.')
                .to_ascii_lowercase();
            Some(Zone { id, name })
        })
        .collect();
    Ok((zones, total, listed.len()))
}

/// `CreateRecord` of a TXT record `host` = `value` in `zone` (default line).
pub fn create_txt(base: &str, zone: &Zone, host: &str, value: &str) -> HttpRequest {
    post(
        base,
        "CreateRecord",
        &json!({
            "ZID": id_json(&zone.id),
            "Host": host,
            "Type": "TXT",
            "Value": value,
            "TTL": TTL,
            "Line": "default",
        }),
    )
}

/// The `RecordID` of a `CreateRecord` answer; `None` when the same record exists already
/// (`ErrDBDuplicated`): its id is then looked up.
///
/// # Errors
/// The envelope's typed error; `BadResponse` without a `RecordID`.
pub fn parse_create(n: &Normalizer, body: &str) -> Result<Option<String>> {
    let result = match result(n, body, true) {
        Err(e) if e.vendor_code.as_deref() == Some("ErrDBDuplicated") => return Ok(None),
        other => other?,
    };
    id_at(&result, "RecordID")
        .map(Some)
        .ok_or_else(|| n.bad_response("no RecordID in the CreateRecord answer", body))
}

/// `ListRecords` of the TXT records named exactly `host` in `zone`.
pub fn list_records(base: &str, zone: &Zone, host: &str) -> HttpRequest {
    get(
        base,
        "ListRecords",
        &[
            ("ZID", zone.id.clone()),
            ("Host", host.to_owned()),
            ("Type", "TXT".to_owned()),
            // The default (`like`) would also list `_acme-challenge.www` for `_acme-challenge`.
            ("SearchMode", "exact".to_owned()),
            ("PageSize", "500".to_owned()),
        ],
    )
}

/// The TXT records of a `ListRecords` answer.
///
/// # Errors
/// The envelope's typed error.
pub fn parse_records(n: &Normalizer, body: &str) -> Result<Vec<Listed>> {
    let result = result(n, body, true)?;
    let Some(records) = list(&result, &["Records"]) else {
        return Ok(Vec::new());
    };
    Ok(records
        .iter()
        .filter_map(|r| {
            Some(Listed {
                id: id_at(r, "RecordID")?,
                value: text(r, &["Value"]).unwrap_or_default(),
                enabled: flag(r, &["Enable"]) != Some(false),
            })
        })
        .collect())
}

/// `DeleteRecord` of `record`.
pub fn delete_record(base: &str, record: &TxtRecord) -> HttpRequest {
    // A string in the reference's example and the SDK's input.
    post(base, "DeleteRecord", &json!({"RecordID": record.id}))
}

/// Success of a `DeleteRecord` answer (which has no `Result`); a record already gone
/// (`ErrDBNotFound`) is deleted.
///
/// # Errors
/// The envelope's typed error.
pub fn parse_delete(n: &Normalizer, body: &str) -> Result<()> {
    match result(n, body, false) {
        Ok(_) => Ok(()),
        // Only the record's own code: a wrong endpoint's or a gateway's 404 is not "removed".
        Err(e) if e.vendor_code.as_deref() == Some("ErrDBNotFound") => Ok(()),
        Err(e) => Err(e),
    }
}

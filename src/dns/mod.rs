//! TXT records at the DNS providers ([`Provider::DNS`]), for ACME DNS-01 challenges: find the
//! zone that holds a name, publish a TXT record, ask whether the provider reports it in effect,
//! remove it. Each provider's requests and answers are in its own module ([`dnspod`],
//! [`volcengine_dns`]), from the documentation cited in `sandbox/dns-apis.md`; the requests go
//! through the client's [`Session`] (signing, the documented rate, retries, clock correction).

pub mod dnspod;
pub mod volcengine_dns;

use crate::client::runtime::Runtime;
use crate::client::session::Session;
use crate::error::{Error, ErrorCode, Idempotence, Result};
use crate::model::Provider;
use crate::vendors::Normalizer;

/// A zone (domain) of the account: the provider's id for it and its name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Zone {
    /// The provider's id (DNSPod: the domain name itself; Volcengine: the `ZID`).
    pub id: String,
    /// The zone's name, lower-case, without a trailing dot (`example.com`).
    pub name: String,
}

/// A TXT record this crate published: everything needed to find it again and remove it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TxtRecord {
    /// The zone that holds it.
    pub zone: Zone,
    /// The record's name relative to the zone (`_acme-challenge.www`, or `_acme-challenge`).
    pub host: String,
    /// The record's full name, without a trailing dot (`_acme-challenge.www.example.com`).
    pub name: String,
    /// Its value.
    pub value: String,
    /// The provider's id of the record.
    pub id: String,
}

/// An id field (`RecordId`, `ZID`): a string, or an integer kept as its exact digits (ids may
/// exceed 2^53, and a number read through `f64` would change them).
pub(crate) fn id_at(value: &crate::vendors::json::Node<'_>, key: &str) -> Option<String> {
    use crate::vendors::json::Node;
    match value.get(key)? {
        Node::Number(digits)
            if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) =>
        {
            Some(digits.to_string())
        }
        Node::String(text) if !text.trim().is_empty() => Some(text.trim().to_owned()),
        _ => None,
    }
}

/// A JSON value for an id read by [`id_at`]: the number it was, when it is one.
pub(crate) fn id_json(id: &str) -> serde_json::Value {
    id.parse::<u64>()
        .map_or_else(|_| serde_json::json!(id), serde_json::Value::from)
}

/// The most zones read when looking for a name's zone (pages of the provider's largest size).
pub const MAX_ZONES: usize = 10_000;

/// The zone among `zones` that holds `name`: the longest one that is `name` or a parent of it.
pub fn zone_of<'z>(zones: &'z [Zone], name: &str) -> Option<&'z Zone> {
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    zones
        .iter()
        .filter(|zone| {
            name == zone.name
                || name
                    .strip_suffix(zone.name.as_str())
                    .is_some_and(|rest| rest.ends_with('.'))
        })
        .max_by_key(|zone| zone.name.len())
}

/// `name` relative to `zone` (`@` when it is the zone itself).
pub fn relative_host(name: &str, zone: &str) -> String {
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    match name.strip_suffix(zone) {
        Some("") => "@".to_owned(),
        Some(rest) => rest.trim_end_matches('.').to_owned(),
        None => name,
    }
}

fn check_dns(session: &Session<'_, impl Runtime>) -> Result<()> {
    if session.provider.is_dns() {
        return Ok(());
    }
    Err(Error::invalid_input(
        "dns.provider",
        format!(
            "{} is not a DNS provider; expected tencent-dns or volcengine-dns",
            session.provider
        ),
    )
    .with_provider(session.provider))
}

/// Every zone of the account, as far as [`MAX_ZONES`].
///
/// # Errors
/// The provider's typed errors.
pub async fn zones<R: Runtime>(session: &Session<'_, R>) -> Result<Vec<Zone>> {
    check_dns(session)?;
    let base = crate::vendors::requests::base_url(session.account, session.provider);
    let mut zones: Vec<Zone> = Vec::new();
    for page in 0.. {
        let request = match session.provider {
            Provider::TencentDns => dnspod::domain_list(&base, page),
            _ => volcengine_dns::list_zones(&base, page),
        };
        let provider = session.provider;
        let (found, total, listed) = session
            .exchange(&request, Idempotence::Safe, |s, response| {
                let n = Normalizer::new(provider, &s.normalize_options(response.status))?;
                match provider {
                    Provider::TencentDns => dnspod::parse_domain_list(&n, &response.body),
                    _ => volcengine_dns::parse_zones(&n, &response.body),
                }
            })
            .await?;
        zones.extend(found);
        let page_size = match session.provider {
            Provider::TencentDns => dnspod::PAGE_SIZE,
            _ => volcengine_dns::PAGE_SIZE,
        };
        let all_read = total.is_some_and(|total| zones.len() as u64 >= total);
        if listed < page_size as usize || all_read || zones.len() >= MAX_ZONES {
            break;
        }
    }
    Ok(zones)
}

/// A TXT record as the provider lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Listed {
    /// The provider's id of the record.
    pub id: String,
    /// Its value, as listed.
    pub value: String,
    /// Whether it is enabled (in effect).
    pub enabled: bool,
}

impl Listed {
    /// Whether this is `value` ([`txt_matches`]).
    pub fn has_value(&self, value: &str) -> bool {
        txt_matches(&self.value, value)
    }
}

/// Whether TXT data as a listing or a resolver gives it is `value`: one pair of surrounding
/// quotes, which some listings and DNS-over-HTTPS answers add, is not part of it.
pub fn txt_matches(given: &str, value: &str) -> bool {
    let given = given.trim();
    let given = given
        .strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
        .unwrap_or(given);
    given == value
}

/// `error` typed by the row of `table` (a provider's own codes) that its vendor code matches,
/// when one does ([`crate::vendors::error_row_of`]): code, retryable and, where the row has one,
/// hint. Codes the table does not list keep the typing of the shared table.
pub(crate) fn retyped(mut error: Error, table: &[crate::vendors::ErrorRow]) -> Error {
    let row = error
        .vendor_code
        .as_deref()
        .and_then(|code| crate::vendors::error_row_of(table, code));
    if let Some((_, kind, retryable, hint)) = row {
        error.code = *kind;
        error.retryable = *retryable;
        if let Some(hint) = hint {
            error.hint = Some((*hint).to_owned());
        }
    }
    error
}

/// The zone among the account's `zones` that holds `name`, or the `NotFound` error naming it.
///
/// # Errors
/// `NotFound` when none does.
pub fn zone_for(provider: Provider, zones: &[Zone], name: &str) -> Result<Zone> {
    zone_of(zones, name).cloned().ok_or_else(|| {
        Error::new(
            ErrorCode::NotFound,
            format!(
                "{provider}: no zone of this account holds {name} (zones read: {})",
                zones.len()
            ),
        )
        .with_provider(provider)
    })
}

/// Publishes the TXT record `name` = `value` in `zone` (beside any other TXT records of that
/// name: a name and its wildcard each have their own). When the provider answers that the same
/// record exists already, that record is the one returned.
///
/// # Errors
/// The provider's typed errors.
pub async fn add_txt<R: Runtime>(
    session: &Session<'_, R>,
    zone: &Zone,
    name: &str,
    value: &str,
) -> Result<TxtRecord> {
    check_dns(session)?;
    let host = relative_host(name, &zone.name);
    let base = crate::vendors::requests::base_url(session.account, session.provider);
    let provider = session.provider;
    let request = match provider {
        Provider::TencentDns => dnspod::create_txt(&base, zone, &host, value),
        _ => volcengine_dns::create_txt(&base, zone, &host, value),
    };
    // Sent again after a failure that may have created it (a timeout, a dropped connection):
    // the second answer is "exists", and that record is looked up and adopted below, so that
    // it is removed with the others rather than left behind untracked.
    let created = session
        .exchange(&request, Idempotence::Safe, |s, response| {
            let n = Normalizer::new(provider, &s.normalize_options(response.status))?;
            match provider {
                Provider::TencentDns => dnspod::parse_create(&n, &response.body),
                _ => volcengine_dns::parse_create(&n, &response.body),
            }
        })
        .await?;
    let id = match created {
        Some(id) => id,
        None => adopt(session, zone, &host, value).await?,
    };
    Ok(TxtRecord {
        name: name.trim_end_matches('.').to_ascii_lowercase(),
        zone: zone.clone(),
        host,
        value: value.to_owned(),
        id,
    })
}

/// The id of the TXT record `host` = `value` that the provider says exists: looked up until it
/// is listed (a new record may take up to 30 seconds to be listed at DNSPod), at most
/// [`ADOPT_LOOKUPS`] times.
async fn adopt<R: Runtime>(
    session: &Session<'_, R>,
    zone: &Zone,
    host: &str,
    value: &str,
) -> Result<String> {
    let mut wait = 1_000.0;
    for lookup in 1..=ADOPT_LOOKUPS {
        let listed = records(session, zone, host).await?;
        if let Some(found) = listed.into_iter().find(|listed| listed.has_value(value)) {
            return Ok(found.id);
        }
        if lookup < ADOPT_LOOKUPS {
            session
                .rt
                .sleep(wait)
                .await
                .map_err(|e| e.with_provider(session.provider))?;
            wait = (wait * 2.0).min(8_000.0);
        }
    }
    Err(Error::new(
        ErrorCode::BadResponse,
        format!(
            "{}: the TXT record exists, the provider said, but it does not list it",
            session.provider
        ),
    )
    .with_provider(session.provider))
}

/// How many times [`adopt`] looks a record up (its waits add up to about 31 seconds).
pub const ADOPT_LOOKUPS: u32 = 6;

/// The TXT records named `host` in `zone`.
///
/// # Errors
/// The provider's typed errors.
pub async fn records<R: Runtime>(
    session: &Session<'_, R>,
    zone: &Zone,
    host: &str,
) -> Result<Vec<Listed>> {
    check_dns(session)?;
    let base = crate::vendors::requests::base_url(session.account, session.provider);
    let provider = session.provider;
    let request = match provider {
        Provider::TencentDns => dnspod::record_list(&base, zone, host),
        _ => volcengine_dns::list_records(&base, zone, host),
    };
    session
        .exchange(&request, Idempotence::Safe, |s, response| {
            let n = Normalizer::new(provider, &s.normalize_options(response.status))?;
            match provider {
                Provider::TencentDns => dnspod::parse_records(&n, &response.body),
                _ => volcengine_dns::parse_records(&n, &response.body),
            }
        })
        .await
}

/// Whether the provider lists `record` (its id, with its value) as enabled. A new record may
/// take a while to be listed (DNSPod: up to 30 seconds, its reference says).
///
/// # Errors
/// The provider's typed errors.
pub async fn is_live<R: Runtime>(session: &Session<'_, R>, record: &TxtRecord) -> Result<bool> {
    Ok(records(session, &record.zone, &record.host)
        .await?
        .iter()
        .any(|listed| listed.id == record.id && listed.has_value(&record.value) && listed.enabled))
}

/// Removes `record`; one already gone is removed.
///
/// # Errors
/// The provider's typed errors.
pub async fn remove_txt<R: Runtime>(session: &Session<'_, R>, record: &TxtRecord) -> Result<()> {
    check_dns(session)?;
    let base = crate::vendors::requests::base_url(session.account, session.provider);
    let provider = session.provider;
    let request = match provider {
        Provider::TencentDns => dnspod::delete_record(&base, record),
        _ => volcengine_dns::delete_record(&base, record),
    };
    session
        .exchange(&request, Idempotence::Safe, |s, response| {
            let n = Normalizer::new(provider, &s.normalize_options(response.status))?;
            match provider {
                Provider::TencentDns => dnspod::parse_delete(&n, &response.body),
                _ => volcengine_dns::parse_delete(&n, &response.body),
            }
        })
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zone(name: &str) -> Zone {
        Zone {
            id: name.to_owned(),
            name: name.to_owned(),
        }
    }

    #[test]
    fn the_longest_zone_that_holds_the_name() {
        let zones = [
            zone("example.com"),
            zone("sub.example.com"),
            zone("ample.com"),
        ];
        let pick = |name| zone_of(&zones, name).map(|z| z.name.as_str());
        assert_eq!(pick("_acme-challenge.www.example.com"), Some("example.com"));
        assert_eq!(
            pick("_acme-challenge.a.sub.example.com."),
            Some("sub.example.com")
        );
        assert_eq!(pick("_acme-challenge.EXAMPLE.com"), Some("example.com"));
        assert_eq!(pick("_acme-challenge.example.org"), None);
        // A suffix that is not at a label boundary is not a parent.
        assert_eq!(pick("_acme-challenge.xample.com"), None);
    }

    #[test]
    fn hosts_relative_to_the_zone() {
        assert_eq!(
            relative_host("_acme-challenge.www.example.com", "example.com"),
            "_acme-challenge.www"
        );
        assert_eq!(
            relative_host("_acme-challenge.example.com.", "example.com"),
            "_acme-challenge"
        );
        assert_eq!(relative_host("example.com", "example.com"), "@");
    }
}

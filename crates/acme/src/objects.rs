//! The CA's objects (RFC 8555 §7.1): the directory, orders, authorizations and challenges, read
//! from whatever the CA sends without panicking. A member the flow needs that is missing or of
//! the wrong type is a `BadResponse` naming it; members the flow does not use are ignored.

use serde_json::Value;

use crate::problem::Problem;
use cloudcerts::error::{Error, ErrorCode, Result};

fn bad(what: &str, member: &str) -> Error {
    Error::new(
        ErrorCode::BadResponse,
        format!("the CA's {what} has no usable `{member}`"),
    )
}

fn object<'v>(value: &'v Value, what: &str) -> Result<&'v serde_json::Map<String, Value>> {
    value.as_object().ok_or_else(|| {
        Error::new(
            ErrorCode::BadResponse,
            format!("the CA's {what} is not a JSON object"),
        )
    })
}

fn url(map: &serde_json::Map<String, Value>, what: &str, member: &str) -> Result<String> {
    map.get(member)
        .and_then(Value::as_str)
        .filter(|s| s.starts_with("https://") || s.starts_with("http://"))
        .map(str::to_owned)
        .ok_or_else(|| bad(what, member))
}

fn string(map: &serde_json::Map<String, Value>, what: &str, member: &str) -> Result<String> {
    map.get(member)
        .and_then(Value::as_str)
        .map(str::to_owned)
        .ok_or_else(|| bad(what, member))
}

/// The directory (RFC 8555 §7.1.1).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Directory {
    /// Where fresh nonces come from.
    pub new_nonce: String,
    /// Where accounts are created (and found again).
    pub new_account: String,
    /// Where orders are placed.
    pub new_order: String,
    /// The terms of service the account agrees to, when the CA has some.
    pub terms_of_service: Option<String>,
    /// Whether `newAccount` needs an external account binding.
    pub external_account_required: bool,
}

impl Directory {
    /// Reads a directory.
    pub fn from_value(value: &Value) -> Result<Directory> {
        let map = object(value, "directory")?;
        let meta = map.get("meta").and_then(Value::as_object);
        Ok(Directory {
            new_nonce: url(map, "directory", "newNonce")?,
            new_account: url(map, "directory", "newAccount")?,
            new_order: url(map, "directory", "newOrder")?,
            terms_of_service: meta
                .and_then(|m| m.get("termsOfService"))
                .and_then(Value::as_str)
                .map(str::to_owned),
            external_account_required: meta
                .and_then(|m| m.get("externalAccountRequired"))
                .and_then(Value::as_bool)
                .unwrap_or(false),
        })
    }
}

/// The status of an order, authorization or challenge (RFC 8555 §7.1.6).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Created, waiting for the client.
    Pending,
    /// Every authorization valid: the order can be finalized.
    Ready,
    /// The CA is working on it.
    Processing,
    /// Done: validated, or issued.
    Valid,
    /// Failed for good.
    Invalid,
    /// Ran out of time (authorizations, orders).
    Expired,
    /// Deactivated by the client.
    Deactivated,
    /// Revoked.
    Revoked,
}

impl Status {
    fn parse(value: Option<&Value>, what: &str) -> Result<Status> {
        Ok(match value.and_then(Value::as_str) {
            Some("pending") => Status::Pending,
            Some("ready") => Status::Ready,
            Some("processing") => Status::Processing,
            Some("valid") => Status::Valid,
            Some("invalid") => Status::Invalid,
            Some("expired") => Status::Expired,
            Some("deactivated") => Status::Deactivated,
            Some("revoked") => Status::Revoked,
            _ => return Err(bad(what, "status")),
        })
    }
}

/// An order (RFC 8555 §7.1.3).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Order {
    /// Its status.
    pub status: Status,
    /// The URLs of its authorizations, one per identifier.
    pub authorizations: Vec<String>,
    /// Where the CSR goes.
    pub finalize: String,
    /// Where the certificate is, once `valid`.
    pub certificate: Option<String>,
    /// Why it is `invalid`, when the CA says.
    pub error: Option<Problem>,
}

impl Order {
    /// Reads an order.
    pub fn from_value(value: &Value) -> Result<Order> {
        let map = object(value, "order")?;
        let authorizations = map
            .get("authorizations")
            .and_then(Value::as_array)
            .ok_or_else(|| bad("order", "authorizations"))?
            .iter()
            .map(|a| {
                a.as_str()
                    .map(str::to_owned)
                    .ok_or_else(|| bad("order", "authorizations"))
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Order {
            status: Status::parse(map.get("status"), "order")?,
            authorizations,
            finalize: url(map, "order", "finalize")?,
            certificate: map
                .get("certificate")
                .and_then(Value::as_str)
                .map(str::to_owned),
            error: map.get("error").and_then(Problem::from_value),
        })
    }
}

/// A challenge (RFC 8555 §7.1.5, §8).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Challenge {
    /// `dns-01`, `http-01`, …
    pub kind: String,
    /// Where to say it is ready.
    pub url: String,
    /// Its status.
    pub status: Status,
    /// The token of its key authorization.
    pub token: String,
    /// Why it failed, when the CA says.
    pub error: Option<Problem>,
}

/// An authorization (RFC 8555 §7.1.4).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Authorization {
    /// Its status.
    pub status: Status,
    /// The DNS name it is for (without `*.`: `wildcard` says).
    pub identifier: String,
    /// Whether it is for the wildcard of `identifier`.
    pub wildcard: bool,
    /// Its challenges (those without a usable type, URL, status or token are left out).
    pub challenges: Vec<Challenge>,
}

impl Authorization {
    /// Reads an authorization.
    pub fn from_value(value: &Value) -> Result<Authorization> {
        let map = object(value, "authorization")?;
        let identifier = map
            .get("identifier")
            .and_then(Value::as_object)
            .ok_or_else(|| bad("authorization", "identifier"))?;
        let challenges = map
            .get("challenges")
            .and_then(Value::as_array)
            .ok_or_else(|| bad("authorization", "challenges"))?
            .iter()
            .filter_map(|c| {
                let c = c.as_object()?;
                Some(Challenge {
                    kind: string(c, "challenge", "type").ok()?,
                    url: url(c, "challenge", "url").ok()?,
                    status: Status::parse(c.get("status"), "challenge").ok()?,
                    token: string(c, "challenge", "token").ok().filter(|t| {
                        !t.is_empty()
                            && t.bytes()
                                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
                    })?,
                    error: c.get("error").and_then(Problem::from_value),
                })
            })
            .collect();
        Ok(Authorization {
            status: Status::parse(map.get("status"), "authorization")?,
            identifier: identifier
                .get("value")
                .and_then(Value::as_str)
                .map(str::to_owned)
                .ok_or_else(|| bad("authorization", "identifier.value"))?,
            wildcard: map
                .get("wildcard")
                .and_then(Value::as_bool)
                .unwrap_or(false),
            challenges,
        })
    }

    /// Its `dns-01` challenge, when it offers one.
    pub fn dns01(&self) -> Option<&Challenge> {
        self.challenges.iter().find(|c| c.kind == "dns-01")
    }
}

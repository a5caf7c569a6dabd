//! ACME problem documents (RFC 8555 §6.7, RFC 7807): what a CA answers instead of an object.
//! Each becomes a [`cloudcerts::Error`]: its `type` is the error's `vendor_code`, its `detail` the
//! message, its subproblems (one per identifier, RFC 8555 §6.7.1) kept in order. Read from any
//! JSON without panicking: a body that is not a problem document is `None`.

use serde_json::Value;

use cloudcerts::error::{Error, ErrorCode};

/// The prefix of the problem types RFC 8555 defines.
pub const ACME_ERROR: &str = "urn:ietf:params:acme:error:";

/// One identifier's problem within a problem document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Subproblem {
    /// The problem type (`urn:ietf:params:acme:error:…`).
    pub kind: String,
    /// The CA's explanation.
    pub detail: String,
    /// The identifier it concerns (`example.com`), when the CA says.
    pub identifier: Option<String>,
}

/// A problem document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The problem type; `about:blank` when the CA gave none (RFC 7807 §4.2).
    pub kind: String,
    /// The CA's explanation (empty when it gave none).
    pub detail: String,
    /// The HTTP status the document states, when it states one.
    pub status: Option<u16>,
    /// Per-identifier problems.
    pub subproblems: Vec<Subproblem>,
}

fn text(value: Option<&Value>) -> Option<String> {
    value
        .and_then(Value::as_str)
        .map(|s| s.chars().take(2_000).collect())
}

impl Problem {
    /// The problem document in `body`, or `None` when the body is not one (not JSON, not an
    /// object, or without a string `type` or `detail`).
    pub fn parse(body: &str) -> Option<Problem> {
        let value: Value = serde_json::from_str(body).ok()?;
        Problem::from_value(&value)
    }

    /// The same from a parsed value.
    pub fn from_value(value: &Value) -> Option<Problem> {
        let object = value.as_object()?;
        let kind = text(object.get("type"));
        let detail = text(object.get("detail"));
        if kind.is_none() && detail.is_none() {
            return None;
        }
        let status = object
            .get("status")
            .and_then(Value::as_u64)
            .and_then(|s| u16::try_from(s).ok());
        let subproblems = object
            .get("subproblems")
            .and_then(Value::as_array)
            .map(|list| {
                list.iter()
                    .filter_map(Value::as_object)
                    .take(100)
                    .map(|sub| Subproblem {
                        kind: text(sub.get("type")).unwrap_or_else(|| "about:blank".into()),
                        detail: text(sub.get("detail")).unwrap_or_default(),
                        identifier: text(sub.get("identifier").and_then(|i| i.get("value"))),
                    })
                    .collect()
            })
            .unwrap_or_default();
        Some(Problem {
            kind: kind.unwrap_or_else(|| "about:blank".into()),
            detail: detail.unwrap_or_default(),
            status,
            subproblems,
        })
    }

    /// The ACME error name (`badNonce`), when the type is one RFC 8555 defines.
    pub fn acme_name(&self) -> Option<&str> {
        self.kind.strip_prefix(ACME_ERROR)
    }

    /// The stable error code this problem means for the caller.
    ///
    /// - `rateLimited` → `RateLimited`;
    /// - `unauthorized`, `userActionRequired` → `Forbidden`;
    /// - `accountDoesNotExist`, `externalAccountRequired`, `badSignatureAlgorithm`, `badPublicKey`
    ///   → `Auth` (the account or its key);
    /// - `malformed`, `badCSR`, `rejectedIdentifier`, `unsupportedIdentifier`, `invalidContact`,
    ///   `unsupportedContact`, `badRevocationReason`, `caa` → `InvalidInput` (what was asked for
    ///   cannot be issued);
    /// - anything else (`serverInternal`, `badNonce` once the retry is spent, the validation
    ///   failures `dns`, `connection`, `incorrectResponse`, `tls`, `orderNotReady`, types of
    ///   other specifications) → `Vendor`.
    pub fn code(&self) -> ErrorCode {
        match self.acme_name() {
            Some("rateLimited") => ErrorCode::RateLimited,
            Some("unauthorized" | "userActionRequired") => ErrorCode::Forbidden,
            Some(
                "accountDoesNotExist"
                | "externalAccountRequired"
                | "badSignatureAlgorithm"
                | "badPublicKey",
            ) => ErrorCode::Auth,
            Some(
                "malformed"
                | "badCSR"
                | "rejectedIdentifier"
                | "unsupportedIdentifier"
                | "invalidContact"
                | "unsupportedContact"
                | "badRevocationReason"
                | "caa",
            ) => ErrorCode::InvalidInput,
            _ => ErrorCode::Vendor,
        }
    }

    /// The problem as the crate's error, `http_status` the status of the answer that carried it.
    /// `serverInternal`, `badNonce` (only with a fresh nonce) and `rateLimited` (only after the
    /// CA's wait; the flow itself never sends it again) are retryable.
    pub fn into_error(self, http_status: Option<u16>) -> Error {
        let mut message = if self.detail.is_empty() {
            format!("the CA answered {}", self.kind)
        } else {
            self.detail.clone()
        };
        for sub in &self.subproblems {
            message.push_str(&format!(
                "; {}: {}",
                sub.identifier.as_deref().unwrap_or("(no identifier)"),
                if sub.detail.is_empty() {
                    &sub.kind
                } else {
                    &sub.detail
                }
            ));
        }
        let mut error = Error::new(self.code(), message);
        error.retryable = matches!(
            self.acme_name(),
            Some("serverInternal" | "badNonce" | "rateLimited")
        );
        error.http_status = http_status.or(self.status);
        if self.acme_name() == Some("externalAccountRequired") {
            error.hint = Some(
                "this CA requires an external account binding: pass its kid and HMAC key".into(),
            );
        }
        error.vendor_code = Some(self.kind);
        error
    }
}

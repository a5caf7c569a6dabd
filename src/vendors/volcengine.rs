//! What the two Volcengine APIs share: the `ResponseMetadata` envelope and its error table.
//!
//! Errors: `{"ResponseMetadata": {"RequestId", "Error": {"Code", "CodeN", "Message"}}}`, with an
//! HTTP status that matches the error (400, 401, 403, 404, 429, 5xx).

use super::json::Node;
use super::lenient::{at, text};
use super::Normalizer;
use crate::error::{Error, ErrorCode, Result};
use crate::model::Provider;

/// Error code → (code, retryable, hint). Prefix rows match dotted sub-codes.
const ERRORS: &[super::ErrorRow] = &[
    ("InvalidTimestamp", ErrorCode::ClockSkew, true, Some("your clock is off (Volcengine accepts a signature for 15 minutes)")),
    ("RequestExpired", ErrorCode::ClockSkew, true, Some("your clock is off (Volcengine accepts a signature for 15 minutes)")),
    ("SignatureDoesNotMatch", ErrorCode::Auth, false, Some("the signature did not match: check the SecretAccessKey, the region, and that the proxy forwards headers and body unchanged")),
    ("InvalidAccessKey", ErrorCode::Auth, false, Some("the AccessKeyId does not exist or is disabled")),
    ("InvalidCredential", ErrorCode::Auth, false, None),
    ("InvalidSecurityToken", ErrorCode::Auth, false, Some("the session token is invalid or expired")),
    ("InvalidSecretToken", ErrorCode::Auth, false, Some("the session token is invalid or expired")),
    ("MissingAuthenticationToken", ErrorCode::Auth, false, None),
    ("MissingSignature", ErrorCode::Auth, false, None),
    ("InvalidAuthorization", ErrorCode::Auth, false, None),
    ("AccessDenied", ErrorCode::Forbidden, false, Some("the IAM policy of this key does not allow this action")),
    ("Forbidden", ErrorCode::Forbidden, false, None),
    ("RequestForbidden", ErrorCode::Forbidden, false, None),
    ("ResourceNotFound", ErrorCode::NotFound, false, None),
    ("NotFound", ErrorCode::NotFound, false, None),
    ("AccountFlowLimitExceeded", ErrorCode::RateLimited, true, None),
    ("FlowLimitExceeded", ErrorCode::RateLimited, true, None),
    ("RequestLimitExceeded", ErrorCode::RateLimited, true, None),
    ("TooManyRequests", ErrorCode::RateLimited, true, None),
    ("InternalError", ErrorCode::Vendor, true, None),
    ("InternalServiceError", ErrorCode::Vendor, true, None),
    ("InternalServiceTimeout", ErrorCode::Vendor, true, None),
    ("ServiceUnavailable", ErrorCode::Vendor, true, None),
    ("CommonErr", ErrorCode::Vendor, true, None),
    ("InvalidParam", ErrorCode::InvalidInput, false, None),
    ("InvalidParameter", ErrorCode::InvalidInput, false, None),
    ("MissingParameter", ErrorCode::InvalidInput, false, None),
    ("InvalidActionOrVersion", ErrorCode::Unsupported, false, None),
    ("UnsupportedOperation", ErrorCode::Unsupported, false, None),
];

/// The row of `ERRORS` for `code` (see [`super::lookup_error`]).
pub fn error_row(code: &str) -> (ErrorCode, bool, Option<&'static str>) {
    super::lookup_error(ERRORS, code)
}

/// The request id (`RequestId`, or `RequestID` as the Live samples spell it).
pub fn request_id(value: &Node<'_>) -> Option<String> {
    text(value, &["ResponseMetadata", "RequestId"])
        .or_else(|| text(value, &["ResponseMetadata", "RequestID"]))
}

/// Fails with the typed error when the envelope carries one (or the HTTP status says so and
/// there is no `Result`).
pub fn check_envelope(n: &Normalizer, value: &Node<'_>, body: &str) -> Result<()> {
    if !value.is_object() {
        return Err(n.bad_response("not a JSON object", body));
    }
    if let Some(error) = at(value, &["ResponseMetadata", "Error"]) {
        return Err(envelope_error(n, error, request_id(value)));
    }
    if value.get("Result").is_none() {
        return Err(match n.http_status {
            Some(status) if status >= 400 => super::status_error(n, status, body),
            _ => n.bad_response("no Result object", body),
        });
    }
    Ok(())
}

fn envelope_error(n: &Normalizer, error: &Node<'_>, request_id: Option<String>) -> Error {
    let code = text(error, &["Code"]).unwrap_or_else(|| "UnknownError".into());
    let message = text(error, &["Message"]).unwrap_or_default();
    let (kind, retryable, mut hint) = error_row(&code);
    if n.provider == Provider::VolcengineCert
        && (code == "InvalidAuthorization" || code == "SignatureDoesNotMatch")
    {
        hint = Some("some Certificate Center accounts sign with region cn-beijing: set account.region to \"cn-beijing\"");
    }
    let mut e = n.error(kind, format!("{}: {code}: {message}", n.provider));
    e.vendor_code = Some(code);
    e.request_id = request_id;
    e.retryable = retryable;
    e.hint = hint.map(str::to_owned);
    e
}

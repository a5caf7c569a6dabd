//! The one error type of the crate.
//!
//! Every failure is an [`Error`] with a stable [`ErrorCode`]. The wasm layer turns it into a
//! JavaScript `Error` named `CloudCertError` carrying the same fields. Messages name the field or
//! the vendor code at fault and never contain a secret key, a session token or a signature.

use serde::{Deserialize, Serialize};
#[cfg(feature = "typescript")]
use tsify::Tsify;

use crate::model::Provider;

/// The stable, documented category of a failure. `code` in JavaScript.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(Tsify))]
pub enum ErrorCode {
    /// The caller passed something unusable: bad account, URL, header, option.
    InvalidInput,
    /// The provider does not offer this operation.
    Unsupported,
    /// The vendor rejected the credentials or the signature.
    Auth,
    /// The vendor rejected the request time: the local clock is off.
    ClockSkew,
    /// Authenticated, but not allowed.
    Forbidden,
    /// The certificate (or resource) does not exist.
    NotFound,
    /// The vendor throttled the request.
    RateLimited,
    /// Any other error reported by the vendor.
    Vendor,
    /// The request did not reach the vendor or the answer did not come back.
    Network,
    /// An attempt took longer than `timeoutMs`.
    Timeout,
    /// The caller aborted through its `AbortSignal`.
    Aborted,
    /// The vendor's answer could not be understood.
    BadResponse,
    /// The CORS proxy refused or failed the request.
    Proxy,
}

impl ErrorCode {
    /// The code as JavaScript sees it, e.g. `"InvalidInput"`.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::InvalidInput => "InvalidInput",
            ErrorCode::Unsupported => "Unsupported",
            ErrorCode::Auth => "Auth",
            ErrorCode::ClockSkew => "ClockSkew",
            ErrorCode::Forbidden => "Forbidden",
            ErrorCode::NotFound => "NotFound",
            ErrorCode::RateLimited => "RateLimited",
            ErrorCode::Vendor => "Vendor",
            ErrorCode::Network => "Network",
            ErrorCode::Timeout => "Timeout",
            ErrorCode::Aborted => "Aborted",
            ErrorCode::BadResponse => "BadResponse",
            ErrorCode::Proxy => "Proxy",
        }
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether a request may be sent twice without harm, which decides [`Error::retryable`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Idempotence {
    /// Reads, and Qiniu's delete (deleting again what is already gone succeeds): repeated on
    /// any transient failure.
    Safe,
    /// Uploads: repeated only when the vendor surely did not act (throttled, clock refused).
    Unsafe,
}

/// A failure, with everything a console needs to show it and decide whether to retry.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("{message}")]
pub struct Error {
    /// Stable category.
    pub code: ErrorCode,
    /// Human-readable explanation; names fields, never includes secrets.
    pub message: String,
    /// The provider involved, when known.
    pub provider: Option<Provider>,
    /// The vendor's own error code (`AuthFailure.SignatureExpire`, `400401`, ...).
    pub vendor_code: Option<String>,
    /// HTTP status of the vendor's answer, when there was one.
    pub http_status: Option<u16>,
    /// The vendor's request id, to quote to its support.
    pub request_id: Option<String>,
    /// Whether the same call may succeed if made again later **and** making it again can do no
    /// harm: exactly the failures the client itself retries ([`Error::retryable_for`] decides
    /// both). True for a read's transient failures (network, timeout, throttling, a clock the
    /// client has corrected, HTTP 5xx, a vendor's internal error, a body that is not the
    /// vendor's answer, the proxy's 502/504); for an upload only when the vendor surely did not
    /// act on it (throttled, clock refused), never after a 5xx, a timeout or a network error.
    /// Still true when the client gave up because its attempts ran out.
    pub retryable: bool,
    /// What to do about it, for known traps.
    pub hint: Option<String>,
    /// What inspection found wrong, when an upload was refused before sending.
    pub problems: Option<Box<[crate::problem::Problem]>>,
}

impl Error {
    /// A new error with only a code and a message.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Error {
            code,
            message: message.into(),
            provider: None,
            vendor_code: None,
            http_status: None,
            request_id: None,
            retryable: false,
            hint: None,
            problems: None,
        }
    }

    /// `InvalidInput` naming the offending `field`.
    pub fn invalid_input(field: &str, problem: impl std::fmt::Display) -> Self {
        Error::new(ErrorCode::InvalidInput, format!("{field}: {problem}"))
    }

    /// The stable code of this error.
    pub fn code(&self) -> ErrorCode {
        self.code
    }

    /// The same error, attributed to `provider`.
    pub fn with_provider(mut self, provider: Provider) -> Self {
        self.provider = Some(provider);
        self
    }

    /// Whether the same call may succeed if made again later and making it again can do no
    /// harm, for a request of this `idempotence`: the one rule behind [`Error::retryable`] and
    /// the client's retries (the client sets `retryable` from it, then retries exactly what it
    /// says, while attempts last). `clock_corrected`: the clock a new attempt is signed with is
    /// not the one the vendor refused (the client learned the vendor's time from a `Date`
    /// header since).
    ///
    /// - Refused before the vendor acted, so harmless to repeat even for an upload:
    ///   `RateLimited`; `ClockSkew` when `clock_corrected`.
    /// - Anything else may have reached the vendor and been acted on: never for an
    ///   [`Idempotence::Unsafe`] request.
    /// - Otherwise: `Network`, `Timeout` and `BadResponse` (a proxy's or gateway's page, a
    ///   truncated body); `Proxy` with HTTP 5xx (the proxy could not reach the vendor, or timed
    ///   out); `Vendor` with HTTP 429 or 5xx, or that the vendor's error table calls transient
    ///   (its internal errors), which the vendor module says by setting `retryable` on input.
    /// - Never: `InvalidInput`, `Unsupported`, `Auth`, `Forbidden`, `NotFound`, `Aborted`.
    pub fn retryable_for(&self, idempotence: Idempotence, clock_corrected: bool) -> bool {
        match self.code {
            ErrorCode::RateLimited => true,
            ErrorCode::ClockSkew => clock_corrected,
            _ if idempotence == Idempotence::Unsafe => false,
            ErrorCode::Network | ErrorCode::Timeout | ErrorCode::BadResponse => true,
            ErrorCode::Proxy => self.http_status.is_some_and(|s| s >= 500),
            ErrorCode::Vendor => {
                self.retryable || self.http_status.is_some_and(|s| s == 429 || s >= 500)
            }
            ErrorCode::InvalidInput
            | ErrorCode::Unsupported
            | ErrorCode::Auth
            | ErrorCode::Forbidden
            | ErrorCode::NotFound
            | ErrorCode::Aborted => false,
        }
    }

    /// The same error with `retryable` set by [`Error::retryable_for`].
    pub fn with_retryable_for(mut self, idempotence: Idempotence, clock_corrected: bool) -> Self {
        self.retryable = self.retryable_for(idempotence, clock_corrected);
        self
    }

    /// The same error with a hint.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

/// Result with the crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

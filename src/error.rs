//! The one error type of the crate.
//!
//! Every failure is an [`Error`] with a stable [`ErrorCode`]. The wasm layer turns it into a
//! JavaScript `Error` named `CloudCertError` carrying the same fields. Messages name the field or
//! the vendor code at fault and never contain a secret key, a session token or a signature.

use serde::{Deserialize, Serialize};
use tsify::Tsify;

use crate::model::Provider;

/// The stable, documented category of a failure. `code` in JavaScript.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Tsify)]
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
    /// Whether trying again may succeed.
    pub retryable: bool,
    /// What to do about it, for known traps.
    pub hint: Option<String>,
    /// What inspection found wrong, when an upload was refused before sending.
    pub problems: Option<Box<[crate::inspect::Problem]>>,
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

    /// The same error with a hint.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

/// Result with the crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

//! What inspection finds wrong with a certificate bundle or its key: a [`Problem`], its
//! [`Severity`] and its stable [`ProblemCode`]. Plain data, below both [`crate::inspect`], which
//! finds problems, and [`crate::error`], whose errors carry them when an upload is refused before
//! sending. Their public path is `inspect::{Problem, ProblemCode, Severity}` (re-exported by
//! [`crate::inspect::report`]).

use serde::Serialize;
#[cfg(feature = "typescript")]
use tsify::Tsify;

/// How serious a problem is: an `error` makes `uploadCertificate` refuse.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(Tsify))]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The vendor would reject it, or it would not work once deployed.
    Error,
    /// Worth knowing; does not stop an upload.
    Warning,
}

/// The stable code of a problem.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(Tsify))]
pub enum ProblemCode {
    /// No certificate could be decoded (bad PEM, bad base64, bad DER, nothing there).
    Undecodable,
    /// A private key was given where the certificate goes.
    KeyInCertificateField,
    /// A certificate was given where the private key goes.
    CertificateInKeyField,
    /// The private key could not be decoded.
    UndecodableKey,
    /// The private key is encrypted: upload wants it in clear.
    EncryptedKey,
    /// Whether the key matches cannot be told here: a DSA key, say, or a P-521 key without its
    /// public point.
    UnsupportedKey,
    /// The private key does not belong to the leaf certificate.
    KeyMismatch,
    /// The certificates are not in leaf → intermediate → root order.
    ChainOutOfOrder,
    /// A certificate's issuer is not in the bundle (the intermediate is missing).
    MissingIntermediate,
    /// A certificate signs itself: browsers will not trust it.
    SelfSigned,
    /// A certificate's validity has ended.
    Expired,
    /// A certificate's validity has not begun.
    NotYetValid,
    /// The leaf has less validity left than `minValidityDays`.
    ValidityTooShort,
}

/// Something wrong with the bundle or the key.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "typescript", derive(Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Problem {
    /// Stable code.
    pub code: ProblemCode,
    /// `error` (upload refuses) or `warning`.
    pub severity: Severity,
    /// What is wrong, naming the certificate.
    pub message: String,
    /// The Qiniu error code the upload would have met, where Qiniu has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub qiniu_code: Option<u32>,
    /// Index in `certificates` of the certificate concerned, when one is.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub certificate: Option<u32>,
}

//! What `inspectCertificate` returns: the certificates of a bundle, the key, and the problems.

use serde::{Deserialize, Serialize};
#[cfg(feature = "typescript")]
use tsify::Tsify;

pub use crate::problem::{Problem, ProblemCode, Severity};

/// Options of `inspectCertificate`.
#[derive(Clone, Debug, Default, Deserialize)]
#[cfg_attr(feature = "typescript", derive(Tsify))]
#[serde(rename_all = "camelCase")]
pub struct InspectOptions {
    /// "Now" in milliseconds since the Unix epoch (default: the current time).
    #[serde(default)]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub now: Option<f64>,
    /// Validity left, in days, below which a certificate is not worth deploying (default 7).
    /// `0` turns the check off.
    #[serde(default)]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub min_validity_days: Option<f64>,
}

/// Default of [`InspectOptions::min_validity_days`]: a week, long enough to deploy and renew.
pub const DEFAULT_MIN_VALIDITY_DAYS: f64 = 7.0;

/// One certificate of a bundle.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "typescript", derive(Tsify))]
#[serde(rename_all = "camelCase")]
pub struct CertificateDetails {
    /// The subject, RFC 4514 (`CN=www.example.com,O=Example`).
    pub subject: String,
    /// The subject's common name, as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub common_name: Option<String>,
    /// Subject alternative names: DNS names as written, IP addresses in text form.
    pub sans: Vec<String>,
    /// The issuer, RFC 4514.
    pub issuer: String,
    /// The issuer's common name.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub issuer_common_name: Option<String>,
    /// Start of validity, RFC 3339 UTC.
    pub not_before: String,
    /// End of validity, RFC 3339 UTC.
    pub not_after: String,
    /// `floor((notAfter - now) / 1 day)`; negative once expired.
    pub days_remaining: i32,
    /// Serial number, upper-case hex (as `openssl x509 -serial` prints it).
    pub serial_number: String,
    /// SHA-256 of the DER, lower-case hex without separators.
    pub fingerprint_sha256: String,
    /// `RSA`, `EC`, `Ed25519`, or the key's algorithm OID when it is none of those.
    pub key_algorithm: String,
    /// Key size in bits (RSA modulus, curve size), when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub key_bits: Option<u32>,
    /// The curve of an EC key: `P-256`, `P-384`, `P-521`, or its OID.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub curve: Option<String>,
    /// Issuer equals subject and, when both are present, the key identifiers agree.
    pub self_signed: bool,
    /// Basic constraints say it is a CA.
    pub is_ca: bool,
    /// The subject key identifier, lower-case hex.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub subject_key_id: Option<String>,
    /// The authority key identifier, lower-case hex.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub authority_key_id: Option<String>,
}

/// The private key given, described (never its value).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "typescript", derive(Tsify))]
#[serde(rename_all = "camelCase")]
pub struct KeyDetails {
    /// `RSA`, `EC` or `Ed25519`.
    pub algorithm: String,
    /// Key size in bits.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub bits: Option<u32>,
    /// The curve of an EC key.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub curve: Option<String>,
    /// `PKCS#1`, `PKCS#8` or `SEC1`.
    pub format: String,
}

/// The result of `inspectCertificate`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "typescript", derive(Tsify))]
#[serde(rename_all = "camelCase")]
pub struct CertificateReport {
    /// No problem of severity `error`.
    pub ok: bool,
    /// The certificates in the order given; the first is the leaf.
    pub certificates: Vec<CertificateDetails>,
    /// Each certificate is issued by the next one (subject and key identifier).
    pub chain_in_order: bool,
    /// The private key, when one was given and could be decoded.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub key: Option<KeyDetails>,
    /// Whether the key belongs to the leaf; absent without a key or when it cannot be told.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub key_matches: Option<bool>,
    /// Everything found wrong, errors first.
    pub problems: Vec<Problem>,
}

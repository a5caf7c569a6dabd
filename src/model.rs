//! The data model shared by every part of the crate and exported to TypeScript.
//!
//! Field names are camelCase on the JavaScript side. Optional fields are absent (not `null`)
//! when unknown. No `u64` appears here: JavaScript numbers lose precision above 2^53.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};
#[cfg(feature = "typescript")]
use tsify::Tsify;

use crate::error::{Error, Result};

/// The vendor APIs cloudcerts speaks: five certificate APIs ([`Provider::ALL`]) and two DNS APIs
/// ([`Provider::DNS`]), which only `issueCertificate` uses, to publish ACME DNS-01 records. The id
/// is the JavaScript spelling.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(Tsify))]
pub enum Provider {
    /// Tencent Cloud SSL `DescribeCertificates` (API 3.0, TC3-HMAC-SHA256).
    #[serde(rename = "tencent-ssl")]
    TencentSsl,
    /// Tencent Cloud `CertGetList` (API 2.0, query signature).
    #[serde(rename = "tencent-legacy")]
    TencentLegacy,
    /// Volcengine Live `ListCertV2`.
    #[serde(rename = "volcengine-live")]
    VolcengineLive,
    /// Volcengine Certificate Center `CertificateGetInstance`.
    #[serde(rename = "volcengine-cert")]
    VolcengineCert,
    /// Qiniu `/sslcert` (QBox management token).
    #[serde(rename = "qiniu")]
    Qiniu,
    /// Tencent Cloud DNSPod (API 3.0, TC3-HMAC-SHA256): DNS records only, no certificates.
    #[serde(rename = "tencent-dns")]
    TencentDns,
    /// Volcengine DNS (Volcengine HMAC, service `dns`): DNS records only, no certificates.
    #[serde(rename = "volcengine-dns")]
    VolcengineDns,
}

impl Provider {
    /// Every certificate provider, in documentation order.
    pub const ALL: [Provider; 5] = [
        Provider::TencentSsl,
        Provider::TencentLegacy,
        Provider::VolcengineLive,
        Provider::VolcengineCert,
        Provider::Qiniu,
    ];

    /// The DNS providers: accounts of these publish TXT records, and hold no certificates.
    pub const DNS: [Provider; 2] = [Provider::TencentDns, Provider::VolcengineDns];

    /// Whether this is a DNS provider ([`Provider::DNS`]).
    pub fn is_dns(self) -> bool {
        matches!(self, Provider::TencentDns | Provider::VolcengineDns)
    }

    /// `Ok` for a certificate provider; for a DNS provider the error of
    /// [`Provider::no_certificates`].
    pub fn check_certificates(self) -> Result<()> {
        if self.is_dns() {
            return Err(self.no_certificates());
        }
        Ok(())
    }

    /// The `InvalidInput` error a certificate operation gives for an account of a DNS provider.
    pub fn no_certificates(self) -> Error {
        Error::invalid_input(
            "account.provider",
            format!(
                "{} is a DNS account: it holds no certificates (give it to issueCertificate as `dns`)",
                self.id()
            ),
        )
        .with_provider(self)
    }

    /// The provider id as JavaScript writes it, e.g. `"tencent-ssl"`.
    pub fn id(self) -> &'static str {
        match self {
            Provider::TencentSsl => "tencent-ssl",
            Provider::TencentLegacy => "tencent-legacy",
            Provider::VolcengineLive => "volcengine-live",
            Provider::VolcengineCert => "volcengine-cert",
            Provider::Qiniu => "qiniu",
            Provider::TencentDns => "tencent-dns",
            Provider::VolcengineDns => "volcengine-dns",
        }
    }

    /// Parses a provider id; the error names `field` and lists the valid ids, without the value
    /// given (a value in the wrong place may be a secret).
    pub fn parse(id: &str, field: &str) -> Result<Provider> {
        Provider::ALL
            .into_iter()
            .chain(Provider::DNS)
            .find(|p| p.id() == id)
            .ok_or_else(|| {
                let known: Vec<&str> = Provider::ALL
                    .iter()
                    .chain(&Provider::DNS)
                    .map(|p| p.id())
                    .collect();
                Error::invalid_input(
                    field,
                    format!("unknown provider; expected one of {}", known.join(", ")),
                )
            })
    }

    /// The vendor hosts a request for this provider may be signed for (without an
    /// `account.endpoint`). A leading `*.` accepts exactly one extra label (a region).
    pub fn known_hosts(self) -> &'static [&'static str] {
        match self {
            Provider::TencentSsl => &["ssl.tencentcloudapi.com", "ssl.*.tencentcloudapi.com"],
            Provider::TencentLegacy => &["wss.api.qcloud.com"],
            Provider::VolcengineLive => &["live.volcengineapi.com"],
            Provider::VolcengineCert => &["open.volcengineapi.com"],
            Provider::Qiniu => &["api.qiniu.com", "fusion.qiniuapi.com"],
            Provider::TencentDns => &["dnspod.tencentcloudapi.com"],
            // `dns.volcengineapi.com` since 2025-06; `open.volcengineapi.com` before (and still
            // in the reference's examples): sandbox/dns-apis.md.
            Provider::VolcengineDns => &["dns.volcengineapi.com", "open.volcengineapi.com"],
        }
    }
}

impl fmt::Display for Provider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// A secret string (secret key, session token). Its `Debug` never shows the value, and a value
/// of the wrong type is refused without being echoed.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The secret itself: only signers call this.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

impl<'de> Deserialize<'de> for Secret {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        struct SecretVisitor;
        impl<'de> serde::de::Visitor<'de> for SecretVisitor {
            type Value = Secret;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> std::result::Result<Secret, E> {
                Ok(Secret(v.to_owned()))
            }
            fn visit_string<E: serde::de::Error>(
                self,
                v: String,
            ) -> std::result::Result<Secret, E> {
                Ok(Secret(v))
            }
            // Any other type would reach serde's default visitor methods, whose messages quote
            // the value: answer without it. (A missing member is not a visit: its error, which
            // names the member, passes through.)
            fn visit_bool<E: serde::de::Error>(self, _: bool) -> std::result::Result<Secret, E> {
                Err(not_shown())
            }
            fn visit_i64<E: serde::de::Error>(self, _: i64) -> std::result::Result<Secret, E> {
                Err(not_shown())
            }
            fn visit_u64<E: serde::de::Error>(self, _: u64) -> std::result::Result<Secret, E> {
                Err(not_shown())
            }
            fn visit_f64<E: serde::de::Error>(self, _: f64) -> std::result::Result<Secret, E> {
                Err(not_shown())
            }
            fn visit_char<E: serde::de::Error>(self, _: char) -> std::result::Result<Secret, E> {
                Err(not_shown())
            }
            fn visit_bytes<E: serde::de::Error>(self, _: &[u8]) -> std::result::Result<Secret, E> {
                Err(not_shown())
            }
            fn visit_unit<E: serde::de::Error>(self) -> std::result::Result<Secret, E> {
                Err(not_shown())
            }
            fn visit_none<E: serde::de::Error>(self) -> std::result::Result<Secret, E> {
                Err(not_shown())
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                _: A,
            ) -> std::result::Result<Secret, A::Error> {
                Err(not_shown())
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                _: A,
            ) -> std::result::Result<Secret, A::Error> {
                Err(not_shown())
            }
        }
        fn not_shown<E: serde::de::Error>() -> E {
            E::custom("expected a string (value not shown)")
        }
        deserializer.deserialize_string(SecretVisitor)
    }
}

/// One set of credentials at one provider.
#[derive(Clone, Debug, Deserialize)]
#[cfg_attr(feature = "typescript", derive(Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Account {
    /// Which vendor API this account talks to.
    #[cfg_attr(feature = "typescript", tsify(type = "Provider"))]
    pub provider: String,
    /// The access key id (Tencent `SecretId`, Volcengine `AccessKeyId`, Qiniu `AccessKey`).
    pub access_key_id: String,
    /// The secret key. Never logged, never returned, never in an error.
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    pub secret_access_key: Secret,
    /// A temporary session token (STS), sent as `X-TC-Token`, `X-Security-Token` or `Token`.
    #[serde(default)]
    #[cfg_attr(feature = "typescript", tsify(optional, type = "string"))]
    pub session_token: Option<Secret>,
    /// Region for signing (Volcengine, default `cn-north-1`) or the `Region` parameter.
    #[serde(default)]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub region: Option<String>,
    /// Another host (or `https://host[:port]`) this account's requests may be signed for.
    #[serde(default)]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub endpoint: Option<String>,
    /// A name for this account in results and errors.
    #[serde(default)]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub label: Option<String>,
}

/// An HTTP request for a vendor's real URL, before signing. Its `Debug` shows no header
/// values, query values or body (they may hold a session token or a private key).
#[derive(Clone, Default, Deserialize)]
#[cfg_attr(feature = "typescript", derive(Tsify))]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", tsify(hashmap_as_object))]
pub struct HttpRequest {
    /// `GET`, `POST`, `DELETE`, ... (upper-cased when signed).
    pub method: String,
    /// The vendor's real `https://` URL, e.g. `https://ssl.tencentcloudapi.com/`.
    pub url: String,
    /// Request headers; names are case-insensitive and must be unique.
    #[serde(default)]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub headers: Option<BTreeMap<String, String>>,
    /// The exact body text that will be sent.
    #[serde(default)]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub body: Option<String>,
}

/// Writes a request for `Debug` without anything that may be secret: the method, the URL up to
/// its query, the header names and the body's length.
pub fn debug_request<'a>(
    f: &mut fmt::Formatter<'_>,
    name: &str,
    method: &str,
    url: &str,
    header_names: impl Iterator<Item = &'a String>,
    body: Option<&str>,
) -> fmt::Result {
    let names: Vec<&String> = header_names.collect();
    f.debug_struct(name)
        .field("method", &method)
        .field("url", &url.split('?').next().unwrap_or(""))
        .field("header_names", &names)
        .field("body_bytes", &body.map(str::len))
        .finish_non_exhaustive()
}

impl fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        debug_request(
            f,
            "HttpRequest",
            &self.method,
            &self.url,
            self.headers.iter().flat_map(|h| h.keys()),
            self.body.as_deref(),
        )
    }
}

/// What makes a signature reproducible: the time and (Tencent API 2.0) the nonce.
#[derive(Clone, Debug, Default, Deserialize)]
#[cfg_attr(feature = "typescript", derive(Tsify))]
#[serde(rename_all = "camelCase")]
pub struct SignContext {
    /// Signing time in milliseconds since the Unix epoch (default: now).
    #[serde(default)]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub timestamp_ms: Option<f64>,
    /// Nonce for `tencent-legacy` (default: random positive integer).
    #[serde(default)]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub nonce: Option<f64>,
}

/// A signed request, ready for `fetch(url, {method, headers, body})`. Never has a `Host` header.
/// Its `Debug` shows no header values, query values or body.
#[derive(Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "typescript", derive(Tsify))]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", tsify(hashmap_as_object))]
pub struct SignedRequest {
    /// The method, upper-case.
    pub method: String,
    /// The URL to fetch: normalized as a browser would send it (and, for `tencent-legacy`
    /// GET requests, carrying the signature parameters).
    pub url: String,
    /// Headers to send, signature included.
    pub headers: BTreeMap<String, String>,
    /// The body to send, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub body: Option<String>,
}

/// The normalized status of a certificate. Each provider maps its own values through one table
/// in its vendor module; then, for issued certificates, dates decide between `active`,
/// `expiring` (`0 <= daysRemaining <= expiringWithinDays`) and `expired`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(Tsify))]
#[serde(rename_all = "lowercase")]
pub enum CertStatus {
    /// Issued and valid for longer than `expiringWithinDays`.
    Active,
    /// Issued and expiring within `expiringWithinDays`.
    Expiring,
    /// Past its `notAfter` (or the vendor says so).
    Expired,
    /// Ordered, being validated or issued; not usable yet.
    Pending,
    /// Validation or issuance failed.
    Failed,
    /// Revoked, or being revoked.
    Revoked,
    /// The order was cancelled.
    Cancelled,
    /// Disabled at the vendor.
    Disabled,
    /// The vendor's value is not one we know.
    Unknown,
}

/// Validation level.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(Tsify))]
#[serde(rename_all = "lowercase")]
pub enum Validation {
    /// Domain validated.
    Dv,
    /// Organisation validated.
    Ov,
    /// Extended validation.
    Ev,
}

/// Where the certificate came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(Tsify))]
#[serde(rename_all = "lowercase")]
pub enum CertSource {
    /// Uploaded by the user.
    Upload,
    /// Bought through the vendor.
    Purchased,
    /// A free certificate issued through the vendor.
    Free,
    /// A test certificate.
    Test,
}

/// One step of a path into a JSON value: an object key or an array index (the paths of the
/// private keys to remove from a vendor's record, `vendors::redact`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Step {
    /// An object member.
    Key(String),
    /// An array element.
    Index(usize),
}

/// A certificate that owns its text: what outlives the body it was read from.
pub type Certificate = CertificateOf<'static>;

// `'a`: the text may be borrowed from the body the certificate was read from. A vendor module
// finishes certificates so while the body is in memory, and crates/wasm's certificate tape hands
// such strings to JavaScript as slices of the body instead of copies;
// [`CertificateOf::into_owned`] makes the [`Certificate`] that outlives the body.
/// One certificate, the same shape whichever vendor it came from.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "typescript", derive(Tsify))]
#[serde(rename = "Certificate", rename_all = "camelCase")]
#[cfg_attr(
    feature = "typescript",
    tsify(hashmap_as_object, rename = "Certificate")
)]
pub struct CertificateOf<'a> {
    /// The provider it was listed from.
    pub provider: Provider,
    /// The account's label (`""` when the account has none).
    pub account: String,
    /// The vendor's certificate id.
    pub id: Cow<'a, str>,
    /// The vendor's name, alias or note for it.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub name: Option<Cow<'a, str>>,
    /// The subject common name, lower-case.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub common_name: Option<Cow<'a, str>>,
    /// Common name first, then the SANs; lower-case, without duplicates.
    pub domains: Vec<Cow<'a, str>>,
    /// Start of validity, RFC 3339 UTC (`2023-12-08T23:59:59Z`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub not_before: Option<String>,
    /// End of validity, RFC 3339 UTC.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub not_after: Option<String>,
    /// `floor((notAfter - now) / 1 day)`; negative once expired.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub days_remaining: Option<i32>,
    /// The normalized status.
    pub status: CertStatus,
    /// The vendor's own status value, as text (`"1"`, `"OK"`, `"300"`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub vendor_status: Option<Cow<'a, str>>,
    /// The vendor's label for that status.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub vendor_status_text: Option<Cow<'a, str>>,
    /// The issuing CA or product.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub issuer: Option<Cow<'a, str>>,
    /// Validation level, when the vendor says.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub validation: Option<Validation>,
    /// Whether any domain is a wildcard (`*.example.com`).
    pub wildcard: bool,
    /// Where the certificate came from, when the vendor says.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub source: Option<CertSource>,
    /// The vendor's chain (renewal history) id.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub chain_id: Option<Cow<'a, str>>,
    /// The id of the certificate that replaced this one.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub replaced_by: Option<Cow<'a, str>>,
    /// The id of the certificate this one replaced (renewed).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub replaces: Option<Cow<'a, str>>,
    /// SHA-256 fingerprint, lower-case hex without separators.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub fingerprint_sha256: Option<Cow<'a, str>>,
    /// Serial number, upper-case hex.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub serial_number: Option<Cow<'a, str>>,
    /// Key algorithm and size as the vendor writes it (`RSA 2048`, `ecc`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub key_algorithm: Option<Cow<'a, str>>,
    /// Tags, key to value.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub tags: Option<BTreeMap<String, String>>,
    /// Project name (or id) at the vendor.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub project: Option<Cow<'a, str>>,
    /// Resources the vendor says use this certificate.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub bound_resources: Option<Vec<Cow<'a, str>>>,
    /// Disagreements between the vendor's metadata and the certificate it returned (Volcengine
    /// Certificate Center, whose records carry the chain): SANs, dates, an unreadable chain.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub warnings: Option<Vec<String>>,
    /// The vendor's record as received, private keys removed unless `includePrivateKey`.
    #[cfg_attr(feature = "typescript", tsify(type = "Record<string, unknown>"))]
    pub raw: serde_json::Value,
}

impl CertificateOf<'_> {
    /// The same certificate, owning its text.
    pub fn into_owned(self) -> Certificate {
        let owned = |text: Cow<'_, str>| Cow::Owned(text.into_owned());
        let all = |texts: Vec<Cow<'_, str>>| texts.into_iter().map(owned).collect::<Vec<_>>();
        CertificateOf {
            provider: self.provider,
            account: self.account,
            id: owned(self.id),
            name: self.name.map(owned),
            common_name: self.common_name.map(owned),
            domains: all(self.domains),
            not_before: self.not_before,
            not_after: self.not_after,
            days_remaining: self.days_remaining,
            status: self.status,
            vendor_status: self.vendor_status.map(owned),
            vendor_status_text: self.vendor_status_text.map(owned),
            issuer: self.issuer.map(owned),
            validation: self.validation,
            wildcard: self.wildcard,
            source: self.source,
            chain_id: self.chain_id.map(owned),
            replaced_by: self.replaced_by.map(owned),
            replaces: self.replaces.map(owned),
            fingerprint_sha256: self.fingerprint_sha256.map(owned),
            serial_number: self.serial_number.map(owned),
            key_algorithm: self.key_algorithm.map(owned),
            tags: self.tags,
            project: self.project.map(owned),
            bound_resources: self.bound_resources.map(all),
            warnings: self.warnings,
            raw: self.raw,
        }
    }
}

impl fmt::Debug for SignedRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        debug_request(
            f,
            "SignedRequest",
            &self.method,
            &self.url,
            self.headers.keys(),
            self.body.as_deref(),
        )
    }
}

/// Options of `normalizeResponse`.
#[derive(Clone, Debug, Default, Deserialize)]
#[cfg_attr(feature = "typescript", derive(Tsify))]
#[serde(rename_all = "camelCase")]
pub struct NormalizeOptions {
    /// "Now" in milliseconds since the Unix epoch (default: the current time).
    #[serde(default)]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub now: Option<f64>,
    /// Days before `notAfter` from which an issued certificate is `expiring` (default 30).
    #[serde(default)]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub expiring_within_days: Option<f64>,
    /// Keep private keys in `raw` (default false: they are removed).
    #[serde(default)]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub include_private_key: Option<bool>,
    /// The HTTP status of the response, to classify error bodies.
    #[serde(default)]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub http_status: Option<f64>,
    /// The account label to put in `Certificate.account`.
    #[serde(default)]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub label: Option<String>,
}

/// Filters of `listCertificates`; each narrows the list only when set. Mapped per provider:
/// `search` → Tencent `SearchKey` / `searchKey`, Live `CertName`, Certificate Center
/// `common_name`; `domain` → legacy `altDomain`, Live `Domain`, Certificate Center `domain`
/// (Tencent API 3.0: `SearchKey`). Qiniu has no server-side filter: both apply to the listed
/// certificates' names and domains.
#[derive(Clone, Debug, Default, Deserialize)]
#[cfg_attr(feature = "typescript", derive(Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ListQuery {
    /// Free text: certificate id, name or domain, as the vendor searches it.
    #[serde(default)]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub search: Option<String>,
    /// Only certificates for this domain.
    #[serde(default)]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub domain: Option<String>,
}

/// Every certificate of one account, and what it took to list them.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "typescript", derive(Tsify))]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", tsify(hashmap_as_object))]
pub struct ListResult {
    /// The provider listed.
    pub provider: Provider,
    /// The account's label (`""` when it has none).
    pub account: String,
    /// Each certificate exactly once (de-duplicated by id), in vendor order.
    pub certificates: Vec<Certificate>,
    /// HTTP requests sent, retries included.
    pub requests: u32,
    /// Requests that were retries (after throttling, 5xx, network errors or clock skew).
    pub retries: u32,
    /// Things worth knowing that did not stop the listing (a total that changed while paging,
    /// a repeated marker).
    pub warnings: Vec<String>,
}

/// Which page `listCertificatesPage` fetches.
#[derive(Clone, Debug, Default, Deserialize)]
#[cfg_attr(feature = "typescript", derive(Tsify))]
#[serde(rename_all = "camelCase")]
pub struct PageRequest {
    /// The `nextCursor` of the previous page; absent for the first page.
    #[serde(default)]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub cursor: Option<String>,
    /// Certificates per page (default and maximum: the vendor's largest page).
    #[serde(default)]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub page_size: Option<f64>,
    /// Filters, as for `listCertificates`.
    #[serde(default)]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub query: Option<ListQuery>,
}

/// One page of certificates and the cursor of the next.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "typescript", derive(Tsify))]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", tsify(hashmap_as_object))]
pub struct CertificatePage {
    /// The certificates of this page.
    pub certificates: Vec<Certificate>,
    /// Pass it back to get the next page; absent on the last page.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub next_cursor: Option<String>,
    /// The vendor's total across all pages, when it reports one.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub total: Option<f64>,
    /// HTTP requests sent for this page, retries included.
    pub requests: u32,
}

/// A certificate to upload (Qiniu). Its `Debug` hides the private key.
#[derive(Clone, Debug, Deserialize)]
#[cfg_attr(feature = "typescript", derive(Tsify))]
#[serde(rename_all = "camelCase")]
pub struct UploadRequest {
    /// The certificate's name at the vendor.
    pub name: String,
    /// Its common name.
    pub common_name: String,
    /// The certificate chain, PEM, leaf first.
    pub certificate_pem: String,
    /// The private key, PEM. Never logged or returned.
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    pub private_key_pem: Secret,
    /// Validity left, in days, below which the upload is refused before sending (default 7;
    /// `0` turns the check off). The other checks of `inspectCertificate` always apply.
    #[serde(default)]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub min_validity_days: Option<f64>,
    /// The vendor's project to put the certificate in: Tencent SSL's numeric `ProjectId`,
    /// Volcengine's `ProjectName` (Live and Certificate Center). Refused (`InvalidInput`, nothing
    /// sent) for a vendor whose upload takes none (Tencent API 2.0, Qiniu).
    #[serde(default)]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub project: Option<String>,
    /// Tags, key to value, as listed certificates carry them: Tencent SSL's and Certificate
    /// Center's `Tags`. Refused (`InvalidInput`, nothing sent) for a vendor whose upload takes
    /// none (Tencent API 2.0, Volcengine Live, Qiniu).
    #[serde(default)]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub tags: Option<BTreeMap<String, String>>,
}

/// The vendor's id of an uploaded certificate.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "typescript", derive(Tsify))]
#[serde(rename_all = "camelCase")]
pub struct UploadResult {
    /// The certificate's id at the vendor.
    pub id: String,
    /// `true` when the vendor already held this certificate and answered with its id instead of
    /// storing a copy (Tencent SSL and Certificate Center, which cloudcerts asks not to store
    /// duplicates); absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub existing: Option<bool>,
}

/// A `CloudCertError` as plain data, for results that carry a failure beside successes.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "typescript", derive(Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ErrorInfo {
    /// Always `"CloudCertError"`.
    pub name: String,
    /// The stable error code.
    #[cfg_attr(feature = "typescript", tsify(type = "ErrorCode"))]
    pub code: String,
    /// What went wrong.
    pub message: String,
    /// The provider involved.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub provider: Option<Provider>,
    /// The vendor's own error code.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub vendor_code: Option<String>,
    /// The HTTP status of the vendor's answer.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub http_status: Option<u16>,
    /// The vendor's request id.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub request_id: Option<String>,
    /// Whether the same call may succeed if made again later and making it again can do no
    /// harm: exactly what the client itself retries (still true when its attempts ran out).
    /// For a read: network errors, timeouts, throttling, a clock refusal once the client has the
    /// vendor's time, HTTP 5xx, vendors' internal errors, bodies that are not the vendor's answer.
    /// For an upload: only throttled or clock refused, never after a 5xx, timeout or network
    /// error (the vendor may have stored it).
    pub retryable: bool,
    /// What to do about it.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub hint: Option<String>,
}

impl From<&Error> for ErrorInfo {
    fn from(e: &Error) -> Self {
        ErrorInfo {
            name: "CloudCertError".into(),
            code: e.code.as_str().into(),
            message: e.message.clone(),
            provider: e.provider,
            vendor_code: e.vendor_code.clone(),
            http_status: e.http_status,
            request_id: e.request_id.clone(),
            retryable: e.retryable,
            hint: e.hint.clone(),
        }
    }
}

// `replaceCertificate` is JavaScript over the package's own calls (`pkg-template/shared/
// replace.js`, loaded on first use: in the main module it measured 11.9 KB gzipped). Its types
// are declared here all the same, once, for every build's `.d.ts`; nothing in Rust builds them.

/// What `replaceCertificate` takes beside the client options. All are optional.
#[derive(Clone, Debug, Default, Deserialize)]
#[cfg_attr(feature = "typescript", derive(Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ReplaceOptions {
    /// Delete the replaced certificates once the new one is in the account, only where its upload
    /// succeeded (default false). A vendor's refusal (a certificate still bound to a CDN domain or
    /// a load balancer) is reported per certificate and does not stop the others.
    #[serde(default)]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub delete_replaced: Option<bool>,
    /// Return the plan alone: nothing is uploaded or deleted (default false).
    #[serde(default)]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub dry_run: Option<bool>,
    /// Replace only certificates with these ids: the others the new one would replace are left
    /// alone (and an account holding none of these gets no upload). Absent: all of them.
    #[serde(default)]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub only: Option<Vec<String>>,
    /// An `inventory` result of the same accounts, in the same order, to plan from instead of
    /// listing them again.
    #[serde(default)]
    #[cfg_attr(feature = "typescript", tsify(optional, type = "Inventory"))]
    pub inventory: JsOnly,
}

/// The new certificate, as `replaceCertificate` read it from the bundle's leaf.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "typescript", derive(Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Renewal {
    /// The leaf's common name.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub common_name: Option<String>,
    /// The names it serves, lower-case: its DNS names, or its common name when it has none.
    pub domains: Vec<String>,
    /// When it expires (RFC 3339 UTC).
    pub not_after: String,
    /// SHA-256 of its DER, lower-case hex.
    pub fingerprint_sha256: String,
}

/// A replaced certificate whose deletion did not happen.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "typescript", derive(Tsify))]
#[serde(rename_all = "camelCase")]
pub struct RefusedDeletion {
    /// The certificate's id.
    pub id: String,
    /// Why it was not deleted (the vendor's refusal, or `Aborted`).
    pub error: ErrorInfo,
}

/// What `replaceCertificate` planned, and did, in one account.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "typescript", derive(Tsify))]
#[serde(rename_all = "camelCase")]
pub struct AccountReplacement {
    /// The account's provider, as given.
    #[cfg_attr(feature = "typescript", tsify(type = "Provider | string"))]
    pub provider: String,
    /// The account's label (`""` when it has none).
    pub account: String,
    /// The ids of its certificates the new one replaces: each of their domains served by the new
    /// one, and an earlier `notAfter`. Empty: nothing is uploaded there.
    pub replaces: Vec<String>,
    /// The upload, once it succeeded (`existing: true` when the account already held the new
    /// certificate: the vendor said so, or it was listed there, and no copy was made).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub uploaded: Option<UploadResult>,
    /// Why the account could not be listed, or why the upload failed (nothing is deleted there).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub error: Option<ErrorInfo>,
    /// With `deleteReplaced`: the replaced certificates deleted (or found already gone).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub deleted: Option<Vec<String>>,
    /// With `deleteReplaced`: the deletions that did not happen, each with its error.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub refused: Option<Vec<RefusedDeletion>>,
}

/// The result of `replaceCertificate`: the new certificate and one entry per account, in the
/// order given.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "typescript", derive(Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Replacement {
    /// The new certificate, as read from the bundle.
    pub certificate: Renewal,
    /// Whether this is the plan alone (`dryRun`): nothing was uploaded or deleted.
    pub dry_run: bool,
    /// One per account, in the order given.
    pub accounts: Vec<AccountReplacement>,
}

/// Progress of `replaceCertificate`'s writes, through the same `onProgress` as the listing's
/// pages: a [`Progress`] with the write just done.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "typescript", derive(Tsify))]
#[serde(rename_all = "camelCase")]
pub struct WriteProgress {
    /// The account's provider.
    pub provider: Provider,
    /// The account's label.
    pub account: String,
    /// The account's writes done (the upload, then each deletion).
    pub done: u32,
    /// The account's writes planned.
    pub total: u32,
    /// The write just done (or failed).
    #[cfg_attr(feature = "typescript", tsify(type = "\"upload\" | \"delete\""))]
    pub step: String,
}

/// How one account of an inventory went.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "typescript", derive(Tsify))]
#[serde(rename_all = "camelCase")]
pub struct AccountSummary {
    /// The account's provider, as given (it may be the unknown id that made it fail).
    #[cfg_attr(feature = "typescript", tsify(type = "Provider | string"))]
    pub provider: String,
    /// The account's label (`""` when it has none).
    pub account: String,
    /// Certificates listed for it.
    pub count: u32,
    /// HTTP requests sent for it.
    pub requests: u32,
    /// Retries among them.
    pub retries: u32,
    /// Warnings of its listing.
    pub warnings: Vec<String>,
    /// Why it failed, when it did (its certificates are then absent, the others' are not).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub error: Option<ErrorInfo>,
}

/// Every certificate of every account.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "typescript", derive(Tsify))]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", tsify(hashmap_as_object))]
pub struct Inventory {
    /// All certificates of the accounts that succeeded.
    pub certificates: Vec<Certificate>,
    /// One entry per account, in the order given.
    pub accounts: Vec<AccountSummary>,
}

/// Paging progress, reported through `onProgress`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "typescript", derive(Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Progress {
    /// The provider being listed.
    pub provider: Provider,
    /// The account's label.
    pub account: String,
    /// Pages done.
    pub done: u32,
    /// Pages planned, once known.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub total: Option<u32>,
}

// One declaration gives both the reading of the JavaScript options and their TypeScript
// interface. `signal` and `onProgress` are JavaScript objects: the boundary takes them from the
// same options object; here they are only declared (`JsOnly`).
/// Options of the client calls. All are optional.
#[derive(Clone, Debug, Default, Deserialize)]
#[cfg_attr(feature = "typescript", derive(Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ClientOptions {
    /// Prefix put before the full vendor URL, e.g. `"http://127.0.0.1:8787/"` (a CORS proxy).
    #[serde(default)]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub proxy: Option<String>,
    /// Time limit of each attempt in ms (default 30000).
    #[serde(default)]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub timeout_ms: Option<f64>,
    /// Attempts per request (default 3), with full-jitter exponential backoff between them.
    #[serde(default)]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub max_attempts: Option<f64>,
    /// Aborts everything in flight; the call then rejects with `code: "Aborted"`.
    #[serde(default)]
    #[cfg_attr(feature = "typescript", tsify(optional, type = "AbortSignal"))]
    pub signal: JsOnly,
    /// Called after each page: `{provider, account, done, total?}` (pages); during
    /// `replaceCertificate`'s writes, after each write (a `WriteProgress`, with `step`).
    #[serde(default)]
    #[cfg_attr(
        feature = "typescript",
        tsify(optional, type = "(progress: Progress) => void")
    )]
    pub on_progress: JsOnly,
    /// Days before `notAfter` from which an issued certificate is `expiring` (default 30).
    #[serde(default)]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub expiring_within_days: Option<f64>,
    /// Keep private keys in `raw` (default false).
    #[serde(default)]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub include_private_key: Option<bool>,
    /// What the local clock says now, ms since the epoch (default `Date.now()`); the client corrects it from the vendor's `Date` header.
    #[serde(default)]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub now: Option<f64>,
    /// Requests in flight per account (default 4); the vendor's rate limit applies on top.
    #[serde(default)]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub concurrency: Option<f64>,
}

/// The client's settings: [`ClientOptions`] as the core reads them.
pub type ClientSettings = ClientOptions;

/// A member that only JavaScript uses (an `AbortSignal`, a callback): declared in the model for
/// the TypeScript interface, never read into Rust (its value is skipped).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct JsOnly;

impl<'de> Deserialize<'de> for JsOnly {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        deserializer
            .deserialize_ignored_any(serde::de::IgnoredAny)
            .map(|_| JsOnly)
    }
}

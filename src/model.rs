//! The data model shared by every part of the crate and exported to TypeScript.
//!
//! Field names are camelCase on the JavaScript side. Optional fields are absent (not `null`)
//! when unknown. No `u64` appears here: JavaScript numbers lose precision above 2^53.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};
use tsify::Tsify;

use crate::error::{Error, Result};

/// The five vendor APIs cloudcerts speaks. The id is the JavaScript spelling.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Tsify,
)]
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
}

impl Provider {
    /// Every provider, in documentation order.
    pub const ALL: [Provider; 5] = [
        Provider::TencentSsl,
        Provider::TencentLegacy,
        Provider::VolcengineLive,
        Provider::VolcengineCert,
        Provider::Qiniu,
    ];

    /// The provider id as JavaScript writes it, e.g. `"tencent-ssl"`.
    pub fn id(self) -> &'static str {
        match self {
            Provider::TencentSsl => "tencent-ssl",
            Provider::TencentLegacy => "tencent-legacy",
            Provider::VolcengineLive => "volcengine-live",
            Provider::VolcengineCert => "volcengine-cert",
            Provider::Qiniu => "qiniu",
        }
    }

    /// Parses a provider id; the error lists the valid ones.
    pub fn parse(id: &str) -> Result<Provider> {
        Provider::ALL
            .into_iter()
            .find(|p| p.id() == id)
            .ok_or_else(|| {
                let known: Vec<&str> = Provider::ALL.iter().map(|p| p.id()).collect();
                Error::invalid_input(
                    "account.provider",
                    format!(
                        "unknown provider {id:?}; expected one of {}",
                        known.join(", ")
                    ),
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
        impl serde::de::Visitor<'_> for SecretVisitor {
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
        }
        // Any other type reaches serde's default visitor methods, whose messages would quote the
        // value; replace them with one that does not.
        deserializer
            .deserialize_string(SecretVisitor)
            .map_err(|_| serde::de::Error::custom("a secret must be a string (value not shown)"))
    }
}

/// One set of credentials at one provider.
#[derive(Clone, Debug, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Account {
    /// Which vendor API this account talks to.
    #[tsify(type = "Provider")]
    pub provider: String,
    /// The access key id (Tencent `SecretId`, Volcengine `AccessKeyId`, Qiniu `AccessKey`).
    pub access_key_id: String,
    /// The secret key. Never logged, never returned, never in an error.
    #[tsify(type = "string")]
    pub secret_access_key: Secret,
    /// A temporary session token (STS), sent as `X-TC-Token`, `X-Security-Token` or `Token`.
    #[serde(default)]
    #[tsify(optional, type = "string")]
    pub session_token: Option<Secret>,
    /// Region for signing (Volcengine, default `cn-north-1`) or the `Region` parameter.
    #[serde(default)]
    #[tsify(optional)]
    pub region: Option<String>,
    /// Another host (or `https://host[:port]`) this account's requests may be signed for.
    #[serde(default)]
    #[tsify(optional)]
    pub endpoint: Option<String>,
    /// A name for this account in results and errors.
    #[serde(default)]
    #[tsify(optional)]
    pub label: Option<String>,
}

/// An HTTP request for a vendor's real URL, before signing.
#[derive(Clone, Debug, Default, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct HttpRequest {
    /// `GET`, `POST`, `DELETE`, ... (upper-cased when signed).
    pub method: String,
    /// The vendor's real `https://` URL, e.g. `https://ssl.tencentcloudapi.com/`.
    pub url: String,
    /// Request headers; names are case-insensitive and must be unique.
    #[serde(default)]
    #[tsify(optional)]
    pub headers: Option<BTreeMap<String, String>>,
    /// The exact body text that will be sent.
    #[serde(default)]
    #[tsify(optional)]
    pub body: Option<String>,
}

/// What makes a signature reproducible: the time and (Tencent API 2.0) the nonce.
#[derive(Clone, Debug, Default, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct SignContext {
    /// Signing time in milliseconds since the Unix epoch (default: now).
    #[serde(default)]
    #[tsify(optional)]
    pub timestamp_ms: Option<f64>,
    /// Nonce for `tencent-legacy` (default: random positive integer).
    #[serde(default)]
    #[tsify(optional)]
    pub nonce: Option<f64>,
}

/// A signed request, ready for `fetch(url, {method, headers, body})`. Never has a `Host` header.
#[derive(Clone, Debug, PartialEq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(hashmap_as_object)]
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
    #[tsify(optional)]
    pub body: Option<String>,
}

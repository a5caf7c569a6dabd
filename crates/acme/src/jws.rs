//! The JSON Web Signatures of ACME requests (RFC 8555 §6.2, RFC 7515 flattened JSON): ES256
//! with the account key, its JWK in the first request (`newAccount`) and its account URL (`kid`)
//! afterwards; the JWK thumbprint (RFC 7638) and the DNS-01 key authorization digest (RFC 8555
//! §8.1, §8.4); and the external account binding some CAs require (ZeroSSL; RFC 8555 §7.3.4).

use hmac::{Hmac, Mac as _};
use serde_json::{json, Value};
use sha2::{Digest as _, Sha256};

use crate::b64url;
use crate::keys::EcKey;
use cloudcerts::error::{Error, Result};

/// Who signs: the account key's JWK (before the account exists: `newAccount`, and revocation by
/// certificate key) or the account's URL.
#[derive(Clone, Copy, Debug)]
pub enum Signer<'a> {
    /// The JWK of the key in the protected header.
    Jwk,
    /// The account URL (`kid`) in the protected header.
    Kid(&'a str),
}

/// The account key's public JWK, members in lexicographic order (RFC 7638 §3.2): the
/// thumbprint hashes exactly this text.
pub fn jwk(key: &EcKey) -> Value {
    let (x, y) = key.coordinates();
    json!({ "crv": "P-256", "kty": "EC", "x": b64url(x), "y": b64url(y) })
}

/// The JWK thumbprint of the account key (RFC 7638, SHA-256), base64url.
pub fn thumbprint(key: &EcKey) -> String {
    let (x, y) = key.coordinates();
    let canonical = format!(
        r#"{{"crv":"P-256","kty":"EC","x":"{}","y":"{}"}}"#,
        b64url(x),
        b64url(y)
    );
    b64url(Sha256::digest(canonical.as_bytes()))
}

/// The key authorization of a challenge `token` (RFC 8555 §8.1): `token.thumbprint`.
pub fn key_authorization(token: &str, key: &EcKey) -> String {
    format!("{token}.{}", thumbprint(key))
}

/// The value of the `_acme-challenge` TXT record for a DNS-01 challenge (RFC 8555 §8.4):
/// base64url(SHA-256(key authorization)).
pub fn dns01_txt(token: &str, key: &EcKey) -> String {
    b64url(Sha256::digest(key_authorization(token, key).as_bytes()))
}

/// A signed request body (flattened JWS JSON) for `url` with `nonce`. `payload` is the JSON
/// to send, or `None` for a POST-as-GET (an empty payload, RFC 8555 §6.3).
pub fn sign(
    key: &EcKey,
    signer: Signer<'_>,
    nonce: &str,
    url: &str,
    payload: Option<&Value>,
) -> String {
    let mut protected = json!({ "alg": "ES256", "nonce": nonce, "url": url });
    match signer {
        Signer::Jwk => protected["jwk"] = jwk(key),
        Signer::Kid(kid) => protected["kid"] = Value::from(kid),
    }
    let protected = b64url(protected.to_string());
    let payload = payload.map(|p| b64url(p.to_string())).unwrap_or_default();
    let signature = key.sign_fixed(format!("{protected}.{payload}").as_bytes());
    json!({ "protected": protected, "payload": payload, "signature": b64url(signature) })
        .to_string()
}

/// The external account binding of a `newAccount` request (RFC 8555 §7.3.4): the account key's
/// JWK signed with HS256 under the key the CA issued (`hmac_key`, base64url as CAs hand it out),
/// for the `kid` the CA issued with it. The MAC key never appears in an error.
pub fn external_account_binding(
    key: &EcKey,
    kid: &str,
    hmac_key: &str,
    new_account_url: &str,
) -> Result<Value> {
    use base64::Engine as _;
    let mac_key = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(hmac_key.trim().trim_end_matches('='))
        .map_err(|_| Error::invalid_input("externalAccountBinding.hmacKey", "not base64url"))?;
    if mac_key.is_empty() {
        return Err(Error::invalid_input(
            "externalAccountBinding.hmacKey",
            "empty",
        ));
    }
    let protected =
        b64url(json!({ "alg": "HS256", "kid": kid, "url": new_account_url }).to_string());
    let payload = b64url(jwk(key).to_string());
    let mut mac = <Hmac<Sha256>>::new_from_slice(&mac_key)
        .map_err(|_| Error::invalid_input("externalAccountBinding.hmacKey", "unusable"))?;
    mac.update(format!("{protected}.{payload}").as_bytes());
    Ok(
        json!({ "protected": protected, "payload": payload, "signature": b64url(mac.finalize().into_bytes()) }),
    )
}

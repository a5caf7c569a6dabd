//! Tencent Cloud API 2.0 query signature (`tencent-legacy`).
//!
//! All parameters (the caller's, plus `SecretId`, `Timestamp`, `Nonce`, `SignatureMethod`,
//! `Token` and `Region` when they apply) are sorted by name, joined as `name=rawValue` with `&`,
//! prefixed with `METHOD host path ?`, and signed with HMAC-SHA256 (or HMAC-SHA1 when the caller
//! sets `SignatureMethod=HmacSHA1`). Then every parameter, `Signature` included, is percent-encoded
//! into the query (GET) or the form body (other methods).
//!
//! Two rules come from the official Node SDK (`qcloudapi-sdk`) and the PHP server behind it: in
//! the signed string, `_` in a parameter name becomes `.` unless the name starts with `_` (PHP
//! turns `.` into `_` when it parses a query), and for POST a value starting with `@` (a file
//! upload in that server's convention) is left out of the signed string, except in an API 3.0
//! call made with this signature (one with a non-empty `Version` parameter), where the SDK signs
//! every value (its 2018-10-25 change: "云APIv3调用不排除‘@’字符开头的参数").

use base64::engine::general_purpose::STANDARD;
use base64::Engine;

use crate::error::{Error, Result};
use crate::sign::context::Resolved;
use crate::sign::encoding::{
    by_name, form_decode, hmac_sha1, hmac_sha256, sort_pairs, strict_encode, Pair,
};
use crate::sign::qbox::is_form_content_type;
use crate::sign::request::{Credentials, PreparedRequest};

/// The HMAC of the API 2.0 signature.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum V2Method {
    /// `SignatureMethod=HmacSHA1` (also what the server assumes when the parameter is absent).
    HmacSha1,
    /// `SignatureMethod=HmacSHA256`, our default.
    HmacSha256,
}

/// The string to sign for `params` (any order).
///
/// Parameters with an empty name are left out; for POST without a non-empty `Version`
/// parameter, so are values starting with `@` (see the module documentation).
pub fn string_to_sign(method: &str, host: &str, path: &str, params: &[(String, String)]) -> String {
    let api3 = params.iter().any(|(k, v)| k == "Version" && !v.is_empty());
    let skip_uploads = method == "POST" && !api3;
    let mut sorted: Vec<Pair> = params
        .iter()
        .filter(|(k, _)| !k.is_empty())
        .cloned()
        .collect();
    sort_pairs(&mut sorted, by_name);
    let mut out = format!("{method}{host}{path}?");
    let signed = sorted
        .iter()
        .filter(|(_, v)| !(skip_uploads && v.starts_with('@')));
    for (index, (k, v)) in signed.enumerate() {
        if index > 0 {
            out.push('&');
        }
        if k.starts_with('_') {
            out.push_str(k);
        } else {
            out.extend(k.chars().map(|c| if c == '_' { '.' } else { c }));
        }
        out.push('=');
        out.push_str(v);
    }
    out
}

/// Base64 HMAC of `string_to_sign`.
pub fn signature(secret_key: &str, string_to_sign: &str, method: V2Method) -> String {
    match method {
        V2Method::HmacSha1 => {
            STANDARD.encode(hmac_sha1(secret_key.as_bytes(), string_to_sign.as_bytes()))
        }
        V2Method::HmacSha256 => STANDARD.encode(hmac_sha256(
            secret_key.as_bytes(),
            string_to_sign.as_bytes(),
        )),
    }
}

/// Signs a `tencent-legacy` request; the signature parameters go into the returned URL (GET)
/// or form body.
pub fn sign(
    creds: &Credentials<'_>,
    mut req: PreparedRequest,
    t: &Resolved,
) -> Result<PreparedRequest> {
    let in_body = req.method != "GET" && req.method != "HEAD";
    let source = if in_body {
        if req.body.as_deref().is_some_and(|b| !b.is_empty())
            && !is_form_content_type(req.header("Content-Type"))
        {
            return Err(Error::invalid_input(
                "request.body",
                "tencent-legacy signs form bodies only (Content-Type: application/x-www-form-urlencoded)",
            ));
        }
        req.body.clone().unwrap_or_default()
    } else {
        req.url.query_str().to_owned()
    };
    let mut params = form_decode(&source);
    if in_body && !req.url.query_str().is_empty() {
        return Err(Error::invalid_input(
            "request.url",
            "tencent-legacy POST parameters belong in the form body, not the URL",
        ));
    }
    for (index, (key, _)) in params.iter().enumerate() {
        if params.iter().skip(index + 1).any(|(k, _)| k == key) {
            return Err(Error::invalid_input(
                "request.url",
                "a parameter is given twice; tencent-legacy lists are written name.0, name.1, ...",
            ));
        }
    }
    let method = match params
        .iter()
        .find(|(k, _)| k == "SignatureMethod")
        .map(|(_, v)| v.as_str())
    {
        None => {
            params.push(("SignatureMethod".into(), "HmacSHA256".into()));
            V2Method::HmacSha256
        }
        Some("HmacSHA256") => V2Method::HmacSha256,
        Some("HmacSHA1") => V2Method::HmacSha1,
        Some(_) => {
            return Err(Error::invalid_input(
                "SignatureMethod",
                "must be HmacSHA1 or HmacSHA256",
            ))
        }
    };
    let mut set = |name: &str, value: String| {
        params.retain(|(k, _)| k != name);
        params.push((name.to_owned(), value));
    };
    set("SecretId", creds.access_key_id.to_owned());
    set("Timestamp", t.timestamp_s().to_string());
    set("Nonce", t.nonce.to_string());
    if let Some(token) = creds.session_token {
        set("Token", token.to_owned());
    }
    params.retain(|(k, _)| k != "Signature");
    if let Some(region) = creds.region {
        if !params.iter().any(|(k, _)| k == "Region") {
            params.push(("Region".into(), region.to_owned()));
        }
    }
    sort_pairs(&mut params, by_name);
    let to_sign = string_to_sign(&req.method, &req.url.host, &req.url.path, &params);
    params.push((
        "Signature".into(),
        signature(creds.secret, &to_sign, method),
    ));
    let mut encoded = String::new();
    for (index, (k, v)) in params.iter().enumerate() {
        if index > 0 {
            encoded.push('&');
        }
        encoded.push_str(&strict_encode(k));
        encoded.push('=');
        encoded.push_str(&strict_encode(v));
    }
    if in_body {
        req.body = Some(encoded);
        if !is_form_content_type(req.header("Content-Type")) {
            req.set_header("Content-Type", "application/x-www-form-urlencoded");
        }
    } else {
        req.url.query = Some(encoded);
    }
    Ok(req)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn post_upload_values_are_unsigned_except_in_api3_calls() {
        let v2 = pairs(&[("Action", "A"), ("file", "@x"), ("a_b", "1")]);
        assert_eq!(
            string_to_sign("POST", "h", "/p", &v2),
            "POSTh/p?Action=A&a.b=1"
        );
        assert_eq!(
            string_to_sign("GET", "h", "/p", &v2),
            "GETh/p?Action=A&a.b=1&file=@x"
        );
        let v3 = pairs(&[("Action", "A"), ("file", "@x"), ("Version", "2019-12-05")]);
        assert_eq!(
            string_to_sign("POST", "h", "/p", &v3),
            "POSTh/p?Action=A&Version=2019-12-05&file=@x"
        );
        let empty_version = pairs(&[("file", "@x"), ("Version", "")]);
        assert_eq!(
            string_to_sign("POST", "h", "/p", &empty_version),
            "POSTh/p?Version="
        );
    }
}

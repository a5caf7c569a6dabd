//! Qiniu management token, `QBox` (`qiniu`).
//!
//! HMAC-SHA1 over `path[?query]` + `\n`, plus the body when the content type is
//! `application/x-www-form-urlencoded`; URL-safe base64 with padding.

use base64::engine::general_purpose::URL_SAFE;
use base64::Engine;

use crate::error::Result;
use crate::sign::encoding::hmac_sha1;
use crate::sign::request::{Credentials, PreparedRequest};

/// Whether a `Content-Type` value is the form type whose body Qiniu signs.
pub fn is_form_content_type(content_type: Option<&str>) -> bool {
    content_type
        .and_then(|ct| ct.split(';').next())
        .is_some_and(|essence| {
            essence
                .trim()
                .eq_ignore_ascii_case("application/x-www-form-urlencoded")
        })
}

/// `AccessKey:EncodedSign` for `path_and_query` (path plus `?query` when the query is not
/// empty) and the form body, if any.
pub fn token(
    access_key: &str,
    secret_key: &str,
    path_and_query: &str,
    form_body: Option<&str>,
) -> String {
    let mut signing = format!("{path_and_query}\n");
    if let Some(body) = form_body {
        signing.push_str(body);
    }
    let digest = hmac_sha1(secret_key.as_bytes(), signing.as_bytes());
    format!("{access_key}:{}", URL_SAFE.encode(digest))
}

/// Signs a `qiniu` request: sets `Authorization: QBox <token>`.
pub fn sign(creds: &Credentials<'_>, mut req: PreparedRequest) -> Result<PreparedRequest> {
    let form_body = if is_form_content_type(req.header("Content-Type")) {
        req.body.as_deref().filter(|b| !b.is_empty())
    } else {
        None
    };
    let value = format!(
        "QBox {}",
        token(
            creds.access_key_id,
            creds.secret,
            &req.url.path_and_query(),
            form_body
        )
    );
    req.set_header("Authorization", value);
    Ok(req)
}

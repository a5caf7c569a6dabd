//! Qiniu management token, `QBox` (`qiniu`).
//!
//! HMAC-SHA1 over `path[?query]` + `\n`, plus the body when the content type is
//! `application/x-www-form-urlencoded`; URL-safe base64 with padding.
//!
//! "Is" means byte-for-byte equal (after the trimming `fetch` does): Qiniu's own code decides
//! with an exact comparison (the Go SDK's `incBody`: `req.Header.Get("Content-Type") ==
//! "application/x-www-form-urlencoded"`, the same test in its `qboxmac` verifier, and the Python
//! SDK's `content_type in ['application/x-www-form-urlencoded']`), so with
//! `application/x-www-form-urlencoded; charset=utf-8` or another letter case the server signs
//! no body, and neither do we.

use base64::engine::general_purpose::URL_SAFE;
use base64::Engine;

use crate::error::Result;
use crate::sign::encoding::hmac_sha1;
use crate::sign::request::{Credentials, PreparedRequest};

/// The one `Content-Type` value whose body a QBox token signs.
pub const SIGNED_BODY_CONTENT_TYPE: &str = "application/x-www-form-urlencoded";

/// Whether a `Content-Type` value is a form type (any parameters, any letter case): the test
/// for form bodies in general, not for QBox body signing ([`SIGNED_BODY_CONTENT_TYPE`]).
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

/// Signs a `qiniu` request: sets `Authorization: QBox <token>`. The body is signed only when the
/// `Content-Type` is exactly [`SIGNED_BODY_CONTENT_TYPE`] (see the module documentation).
pub fn sign(creds: &Credentials<'_>, mut req: PreparedRequest) -> Result<PreparedRequest> {
    let form_body = if req.header("Content-Type") == Some(SIGNED_BODY_CONTENT_TYPE) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Provider;
    use crate::sign::url::VendorUrl;

    fn signed_with(content_type: &str) -> Option<String> {
        let creds = Credentials {
            provider: Provider::Qiniu,
            access_key_id: "ak",
            secret: "sk",
            session_token: None,
            region: None,
        };
        let req = PreparedRequest {
            method: "POST".to_owned(),
            url: VendorUrl::parse("https://api.qiniu.com/p", "u").ok()?,
            headers: vec![("Content-Type".to_owned(), content_type.to_owned())],
            body: Some("a=1".to_owned()),
        };
        let out = sign(&creds, req).ok()?;
        out.header("Authorization").map(str::to_owned)
    }

    #[test]
    fn only_the_exact_form_type_signs_the_body() {
        let with_body = format!("QBox {}", token("ak", "sk", "/p", Some("a=1")));
        let without_body = format!("QBox {}", token("ak", "sk", "/p", None));
        assert_eq!(
            signed_with("application/x-www-form-urlencoded"),
            Some(with_body)
        );
        for other in [
            "application/x-www-form-urlencoded; charset=utf-8",
            "Application/X-WWW-Form-Urlencoded",
            "application/json",
        ] {
            assert_eq!(signed_with(other), Some(without_body.clone()), "{other}");
        }
    }
}

//! Checking what the caller gave us before anything is signed: the account, the method, the URL
//! and the headers. Every rule here exists because `fetch` or the vendor would otherwise fail
//! later with a less clear message (or a signature mismatch).

use crate::error::{Error, Result};
use crate::model::{Account, HttpRequest, Provider};
use crate::sign::url::VendorUrl;

/// Headers `fetch` refuses to set (the Fetch standard's forbidden request-header names).
const FORBIDDEN_HEADERS: &[&str] = &[
    "accept-charset",
    "accept-encoding",
    "access-control-request-headers",
    "access-control-request-method",
    "connection",
    "content-length",
    "cookie",
    "cookie2",
    "date",
    "dnt",
    "expect",
    "host",
    "keep-alive",
    "origin",
    "referer",
    "set-cookie",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
    "via",
    "x-http-method",
    "x-http-method-override",
    "x-method-override",
];

/// Credentials that passed validation. Its `Debug` hides the secret and the token.
pub struct Credentials<'a> {
    pub provider: Provider,
    pub access_key_id: &'a str,
    pub secret: &'a str,
    pub session_token: Option<&'a str>,
    pub region: Option<&'a str>,
}

impl std::fmt::Debug for Credentials<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credentials")
            .field("provider", &self.provider)
            .field("access_key_id", &self.access_key_id)
            .field("secret", &"***")
            .field("session_token", &self.session_token.map(|_| "***"))
            .field("region", &self.region)
            .finish()
    }
}

/// A request that passed validation: method upper-case, URL normalized, header values trimmed.
/// Its `Debug` shows no header values, query or body.
#[derive(Clone)]
pub struct PreparedRequest {
    pub method: String,
    pub url: VendorUrl,
    /// Headers in the caller's spelling, unique case-insensitively.
    pub headers: Vec<(String, String)>,
    pub body: Option<String>,
}

impl std::fmt::Debug for PreparedRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let url = format!("https://{}{}", self.url.authority(), self.url.path);
        crate::model::debug_request(
            f,
            "PreparedRequest",
            &self.method,
            &url,
            self.headers.iter().map(|(n, _)| n),
            self.body.as_deref(),
        )
    }
}

impl PreparedRequest {
    /// The value of header `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Sets header `name`, replacing any spelling of it the caller used.
    pub fn set_header(&mut self, name: &str, value: impl Into<String>) {
        self.headers.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
        self.headers.push((name.to_owned(), value.into()));
    }

    /// The body bytes (empty when there is none).
    pub fn body_bytes(&self) -> &[u8] {
        self.body.as_deref().unwrap_or("").as_bytes()
    }
}

fn printable_ascii(value: &str) -> bool {
    !value.is_empty() && value.bytes().all(|b| b.is_ascii_graphic())
}

/// Validates the account's fields; messages never contain secret values.
pub fn check_account(account: &Account) -> Result<Credentials<'_>> {
    let provider = Provider::parse(&account.provider, "account.provider")?;
    if !printable_ascii(&account.access_key_id) {
        return Err(Error::invalid_input(
            "account.accessKeyId",
            "must be a non-empty string of printable ASCII characters without spaces",
        ));
    }
    if !printable_ascii(account.secret_access_key.expose()) {
        return Err(Error::invalid_input(
            "account.secretAccessKey",
            "must be a non-empty string of printable ASCII characters without spaces (value not shown)",
        ));
    }
    let session_token = match account.session_token.as_ref().map(|t| t.expose()) {
        None | Some("") => None,
        Some(token) if printable_ascii(token) => Some(token),
        Some(_) => {
            return Err(Error::invalid_input(
                "account.sessionToken",
                "must be printable ASCII characters without spaces (value not shown)",
            ))
        }
    };
    let region = match account.region.as_deref() {
        None | Some("") => None,
        Some(region)
            if region
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') =>
        {
            Some(region)
        }
        Some(_) => {
            return Err(Error::invalid_input(
                "account.region",
                "is not a region name (letters, digits, '-', '_')",
            ))
        }
    };
    Ok(Credentials {
        provider,
        access_key_id: &account.access_key_id,
        secret: account.secret_access_key.expose(),
        session_token,
        region,
    })
}

/// Validates and normalizes the request for `account`'s provider.
pub fn prepare(
    account: &Account,
    provider: Provider,
    request: &HttpRequest,
) -> Result<PreparedRequest> {
    let method = check_method(&request.method)?;
    let url = VendorUrl::parse(&request.url, "request.url")?;
    check_host(account, provider, &url)?;
    let mut headers: Vec<(String, String)> = Vec::new();
    for (name, value) in request.headers.iter().flatten() {
        let value = check_header(name, value)?;
        if headers.iter().any(|(n, _)| n.eq_ignore_ascii_case(name)) {
            return Err(Error::invalid_input(
                "request.headers",
                "a header name is given twice with different letter case",
            ));
        }
        headers.push((name.clone(), value));
    }
    if request.body.is_some() && (method == "GET" || method == "HEAD") {
        return Err(Error::invalid_input(
            "request.body",
            format!("a {method} request cannot have a body (fetch refuses it)"),
        ));
    }
    Ok(PreparedRequest {
        method,
        url,
        headers,
        body: request.body.clone(),
    })
}

fn check_method(method: &str) -> Result<String> {
    let is_token = !method.is_empty() && method.bytes().all(is_token_byte);
    if !is_token {
        return Err(Error::invalid_input(
            "request.method",
            "is not an HTTP method (a token such as GET or POST)",
        ));
    }
    let upper = method.to_ascii_uppercase();
    if matches!(upper.as_str(), "CONNECT" | "TRACE" | "TRACK") {
        return Err(Error::invalid_input(
            "request.method",
            format!("fetch refuses the method {upper}"),
        ));
    }
    Ok(upper)
}

fn is_token_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

/// Accepts the URL's host when it is one of the provider's hosts or the account's endpoint.
fn check_host(account: &Account, provider: Provider, url: &VendorUrl) -> Result<()> {
    if let Some(endpoint) = account.endpoint.as_deref().filter(|e| !e.is_empty()) {
        let trimmed = endpoint.trim_end_matches('/');
        let with_scheme = if super::url::split_scheme(trimmed).is_some() {
            trimmed.to_owned()
        } else {
            format!("https://{trimmed}")
        };
        let endpoint_url = VendorUrl::parse(&with_scheme, "account.endpoint")?;
        if endpoint_url.authority() == url.authority() {
            return Ok(());
        }
        return Err(Error::invalid_input(
            "request.url",
            "its host is not the account's endpoint (account.endpoint)",
        ));
    }
    let matches = url.port.is_none()
        && provider
            .known_hosts()
            .iter()
            .any(|pattern| match pattern.strip_prefix("ssl.*.") {
                Some(suffix) => url
                    .host
                    .strip_suffix(suffix)
                    .and_then(|front| front.strip_prefix("ssl."))
                    .and_then(|region| region.strip_suffix('.'))
                    .is_some_and(|region| !region.is_empty() && !region.contains('.')),
                None => url.host == *pattern,
            });
    if matches {
        Ok(())
    } else {
        Err(Error::invalid_input(
            "request.url",
            format!(
                "its host does not belong to {provider} (expected {}); set account.endpoint to sign for another host",
                provider.known_hosts().join(" or ")
            ),
        ))
    }
}

/// Checks one header as `fetch` would and returns its value trimmed (fetch trims it too).
///
/// Errors name a header only by a name of [`FORBIDDEN_HEADERS`] (this crate's constant): a name
/// the caller wrote may be anything, a secret put in the wrong place included.
fn check_header(name: &str, value: &str) -> Result<String> {
    let field = "request.headers";
    if name.is_empty() || !name.bytes().all(is_token_byte) {
        return Err(Error::invalid_input(
            field,
            "a header name is not a valid HTTP token",
        ));
    }
    let lower = name.to_ascii_lowercase();
    if let Some(forbidden) = FORBIDDEN_HEADERS.iter().find(|h| **h == lower) {
        return Err(Error::invalid_input(
            // Quoted by hand: the names are plain lower-case ASCII, and `{:?}` would bring
            // `Debug`'s escaping into the wasm.
            &format!("{field}[\"{forbidden}\"]"),
            "is a header fetch does not let a page set; the proxy sends it",
        ));
    }
    if lower.starts_with("proxy-") || lower.starts_with("sec-") {
        return Err(Error::invalid_input(
            field,
            "a Proxy-* or Sec-* header is one fetch does not let a page set; the proxy sends it",
        ));
    }
    if !value
        .bytes()
        .all(|b| b == b'\t' || (b' '..=b'~').contains(&b))
    {
        return Err(Error::invalid_input(
            field,
            "a header value must be printable ASCII (no line breaks or control characters)",
        ));
    }
    Ok(value.trim_matches([' ', '\t']).to_owned())
}

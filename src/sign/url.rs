//! The vendor URL: parsed, checked and normalized exactly as a browser's `fetch` will send it.
//!
//! We sign the bytes the vendor will receive, so the URL is normalized first with the WHATWG
//! URL standard's rules for `https:` (lower-case scheme and host, default port dropped, empty path
//! becomes `/`, the path and query percent-encode sets applied, fragment dropped) and the
//! normalized form is what [`crate::model::SignedRequest::url`] returns.
//!
//! The `url` crate would do this too, but brings IDNA tables that cost more wasm than the whole
//! signer; vendor hosts are ASCII, so a narrow parser that refuses what it does not normalize
//! (dot segments, backslashes, whitespace, user info, non-ASCII hosts) is enough. The Node tests
//! compare its output with Node's own `URL` on random input.

use percent_encoding::{AsciiSet, CONTROLS};

use crate::error::{Error, Result};
use crate::sign::encoding::percent_encoded;

/// WHATWG "query percent-encode set" for special schemes (controls, non-ASCII, and these).
const QUERY_SET: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'<')
    .add(b'>')
    .add(b'\'');
/// WHATWG "path percent-encode set".
const PATH_SET: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}');

/// A normalized `https:` URL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VendorUrl {
    /// Lower-case host name, without the port.
    pub host: String,
    /// An explicit port other than 443.
    pub port: Option<u16>,
    /// The percent-encoded path, starting with `/`.
    pub path: String,
    /// The percent-encoded query without `?`; `None` when the URL had no `?`.
    pub query: Option<String>,
}

impl VendorUrl {
    /// Parses and normalizes `input`; the error names `field`.
    pub fn parse(input: &str, field: &str) -> Result<VendorUrl> {
        let bad = |why: &str| Error::invalid_input(field, why);
        // Bytes: a multi-byte UTF-8 sequence never holds an ASCII byte.
        if input.bytes().any(|b| b.is_ascii_control()) || input.trim_matches(' ') != input {
            return Err(bad(
                "URL must not contain control characters or leading or trailing spaces",
            ));
        }
        let (scheme, rest) = split_scheme(input)
            .ok_or_else(|| bad("not an absolute URL (expected https://host/...)"))?;
        if !scheme.eq_ignore_ascii_case("https") {
            return Err(bad("only https:// URLs can be signed"));
        }
        // Drop the fragment: fetch never sends it.
        let rest = rest.split_once('#').map_or(rest, |(before, _)| before);
        let authority_end = rest.find(['/', '?', '\\']).unwrap_or(rest.len());
        // At an ASCII byte `find` returned (or the end): always a character boundary.
        let (authority, after) = rest.split_at_checked(authority_end).unwrap_or((rest, ""));
        if authority.contains('@') {
            return Err(bad("URL must not contain user info (user:password@)"));
        }
        let (host, port) = parse_authority(authority).map_err(|why| bad(&why))?;
        let (raw_path, raw_query) = match after.split_once('?') {
            Some((path, query)) => (path, Some(query)),
            None => (after, None),
        };
        if raw_path.contains('\\') {
            return Err(bad("URL path must not contain a backslash"));
        }
        if raw_path.split('/').any(is_dot_segment) {
            return Err(bad("URL path must not contain '.' or '..' segments"));
        }
        let path = if raw_path.is_empty() {
            "/".to_owned()
        } else {
            percent_encoded(raw_path, PATH_SET)
        };
        let query = raw_query.map(|q| percent_encoded(q, QUERY_SET));
        Ok(VendorUrl {
            host,
            port,
            path,
            query,
        })
    }

    /// `host` or `host:port`.
    pub fn authority(&self) -> String {
        match self.port {
            Some(port) => format!("{}:{port}", self.host),
            None => self.host.clone(),
        }
    }

    /// `path` plus `?query` when the query is not empty (what `pathname + search` gives in JS).
    pub fn path_and_query(&self) -> String {
        match self.query.as_deref() {
            Some(q) if !q.is_empty() => format!("{}?{q}", self.path),
            _ => self.path.clone(),
        }
    }

    /// The query, or `""`.
    pub fn query_str(&self) -> &str {
        self.query.as_deref().unwrap_or("")
    }

    /// The whole normalized URL, as `new URL(input).href` would print it (without fragment).
    pub fn href(&self) -> String {
        let mut out = format!("https://{}{}", self.authority(), self.path);
        if let Some(q) = &self.query {
            out.push('?');
            out.push_str(q);
        }
        out
    }
}

fn is_dot_segment(segment: &str) -> bool {
    // The longest spelling of a dot segment is `%2e%2e`.
    if segment.len() > "%2e%2e".len() {
        return false;
    }
    let lowered = segment.to_ascii_lowercase();
    matches!(
        lowered.as_str(),
        "." | "%2e" | ".." | ".%2e" | "%2e." | "%2e%2e"
    )
}

/// `input` split at its first `://`, as `split_once("://")` would. A byte search: a `&str`
/// pattern brings core's two-way searcher (and its slicing panics) into the signing module.
pub(crate) fn split_scheme(input: &str) -> Option<(&str, &str)> {
    let at = input.as_bytes().windows(3).position(|w| w == b"://")?;
    Some((input.get(..at)?, input.get(at + 3..)?))
}

fn parse_authority(authority: &str) -> std::result::Result<(String, Option<u16>), String> {
    let (host, port) = match authority.rsplit_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (authority, None),
    };
    if host.is_empty() {
        return Err("URL has no host".into());
    }
    let valid_label = |label: &str| {
        !label.is_empty()
            && label
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    };
    if !host.split('.').all(valid_label) {
        return Err("URL host must be an ASCII domain name (letters, digits, '-' and '.')".into());
    }
    let port = match port {
        None | Some("") => None,
        Some(digits) => {
            let number = if digits.bytes().all(|b| b.is_ascii_digit()) {
                digits.parse::<u16>().ok()
            } else {
                None
            };
            match number {
                Some(443) => None,
                Some(n) => Some(n),
                None => return Err("URL port must be a number from 0 to 65535".into()),
            }
        }
    };
    Ok((host.to_ascii_lowercase(), port))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn href(input: &str) -> String {
        match VendorUrl::parse(input, "request.url") {
            Ok(url) => url.href(),
            Err(e) => format!("ERR {}", e.message),
        }
    }

    #[test]
    fn normalizes_like_whatwg() {
        assert_eq!(
            href("HTTPS://SSL.TencentCloudAPI.com"),
            "https://ssl.tencentcloudapi.com/"
        );
        assert_eq!(
            href("https://api.qiniu.com:443/sslcert?marker=&limit=100#x"),
            "https://api.qiniu.com/sslcert?marker=&limit=100"
        );
        assert_eq!(
            href("https://h.com:8443/a b/中?q=中 文'\"<>`{}"),
            "https://h.com:8443/a%20b/%E4%B8%AD?q=%E4%B8%AD%20%E6%96%87%27%22%3C%3E`{}"
        );
        assert_eq!(href("https://h.com/p?"), "https://h.com/p?");
        assert_eq!(href("https://h.com?a=1"), "https://h.com/?a=1");
        assert_eq!(href("https://h.com/%zz?%zz"), "https://h.com/%zz?%zz");
    }

    #[test]
    fn refuses_what_it_does_not_normalize() {
        for input in [
            "http://h.com/",
            "ftp://h.com/",
            "h.com/",
            "https://user:pw@h.com/",
            "https://h.com/a/../b",
            "https://h.com/%2E/b",
            // Every spelling of `..`, the longest (6 bytes) included.
            "https://h.com/%2E%2e/b",
            "https://h.com/.%2E/b",
            "https://h.com/%2e./b",
            "https://h.com/a/%2e%2e",
            "https://h.com\\a",
            " https://h.com/",
            "https://h.com./",
            "https://h.com/\n",
            "https://xn--fsq.com.中/",
            "https:///path",
            "https://h.com:99999/",
            "https://h.com:-1/",
            "https://[::1]/",
            "https://h..com/",
        ] {
            assert!(
                href(input).starts_with("ERR request.url"),
                "{input} -> {}",
                href(input)
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn split_scheme_splits_as_split_once_does(input in "(https|中|:|/|a|😀){0,12}") {
            proptest::prop_assert_eq!(split_scheme(&input), input.split_once("://"));
        }
    }

    #[test]
    fn split_scheme_at_the_first_separator() {
        for input in [
            "https://a://b",
            "://",
            "中://x",
            "a:/b",
            ":/",
            "",
            "https:/x://y",
        ] {
            assert_eq!(split_scheme(input), input.split_once("://"), "{input}");
        }
    }

    #[test]
    fn longer_segments_that_start_like_dots_are_kept() {
        assert_eq!(href("https://h.com/%2e%2ex/b"), "https://h.com/%2e%2ex/b");
        assert_eq!(href("https://h.com/...x"), "https://h.com/...x");
    }

    #[test]
    fn path_and_query_skips_an_empty_query() {
        let url = VendorUrl::parse("https://h.com/p?", "u").expect("valid");
        assert_eq!(url.path_and_query(), "/p");
        let url = VendorUrl::parse("https://h.com/p?a=%20", "u").expect("valid");
        assert_eq!(url.path_and_query(), "/p?a=%20");
    }
}

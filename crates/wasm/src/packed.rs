//! `signRequest`'s arguments and result as one string each way.
//!
//! Reading the three arguments member by member (one call into
//! JavaScript and one string copy per member, each key decoded from wasm memory again) and
//! building the result the same way took more of a Qiniu signature's time than its hashing
//! (BENCHMARKS.md §17). On the common path a small JavaScript function instead checks that every
//! member has the plain type the model expects and joins them into one string
//! (`cc_pack_sign` in `packed.js`, beside this file), which crosses into wasm in one
//! copy; the result comes back as one string that `cc_unpack_signed` splits into
//! `{method, url, headers, body}`. [`sign_args_from_js`] and [`signed_to_js`] are the two
//! crossings; [`crate::sign::sign_request`] calls them.
//!
//! The JavaScript side only checks types and joins strings: whenever anything is not a plain
//! string, number, `null` or `undefined` where the model expects one, when a string holds the
//! separator, or when the headers are not a plain object, it declines and the export reads the
//! arguments member by member ([`crate::read`]), so every error message is the one that path
//! gives (a getter that throws also makes it decline). All validation stays in Rust (`cloudcerts::sign`).
//!
//! # The argument string
//! Fields separated by NUL (`\0`), in this order: provider, accessKeyId, secretAccessKey,
//! sessionToken, region, endpoint, label, method, url, headers, body. Optional strings are `-`
//! when absent and `+` followed by the value when present. The headers field is `-` (absent) or
//! `+N` followed by N name and value fields. The body is last and taken whole (it may contain
//! NUL). The context's numbers travel beside it as `[hasTimestamp, timestampMs, hasNonce,
//! nonce]`, written by JavaScript into a slice of wasm memory.
//!
//! # The result string
//! method, url, the number of headers, each header's name and value, then `+body` or `-`,
//! separated by NUL. [`write_signed`] declines (so the result goes through serde-wasm-bindgen)
//! if any field but the body contains NUL, which validation already rules out.

use std::collections::BTreeMap;

use wasm_bindgen::prelude::*;

use cloudcerts::model::{Account, HttpRequest, Secret, SignContext, SignedRequest};

/// The separator between fields.
const SEP: char = '\0';

#[wasm_bindgen(module = "/src/packed.js")]
extern "C" {
    /// `signRequest`'s arguments as one string, or `undefined` to read them the general way;
    /// writes the context's numbers into `numbers`.
    /// What a getter throws is caught: the call then declines, and the general path names the
    /// member that cannot be read.
    #[wasm_bindgen(catch)]
    fn cc_pack_sign(
        account: &JsValue,
        request: &JsValue,
        context: &JsValue,
        numbers: &mut [f64],
    ) -> Result<Option<String>, JsValue>;
    /// The `SignedRequest` object of a result string.
    fn cc_unpack_signed(text: &str) -> JsValue;
}

/// `signRequest`'s three JavaScript arguments through the packed path, or `None` when it
/// declines them (the caller then reads them with [`crate::read::from_js`]).
pub fn sign_args_from_js(
    account: &JsValue,
    request: &JsValue,
    context: &JsValue,
) -> Option<(Account, HttpRequest, SignContext)> {
    let mut numbers = [0.0; 4];
    let packed = cc_pack_sign(account, request, context, &mut numbers).ok()??;
    read_sign_args(&packed, &numbers)
}

/// `signed` as a JavaScript object: through the result string, or through [`crate::write::to_js`]
/// when [`write_signed`] declines.
///
/// # Errors
/// Those of [`crate::write::to_js`].
pub fn signed_to_js(signed: &SignedRequest) -> cloudcerts::error::Result<JsValue> {
    match write_signed(signed) {
        Some(text) => Ok(cc_unpack_signed(&text)),
        None => crate::write::to_js(signed),
    }
}

/// Takes the next NUL-terminated field off the front of `rest`.
fn field<'a>(rest: &mut &'a str) -> Option<&'a str> {
    let (head, tail) = rest.split_once(SEP)?;
    *rest = tail;
    Some(head)
}

/// `-` is absent, `+value` present; anything else is not this format.
fn optional(field: &str) -> Option<Option<String>> {
    if field == "-" {
        Some(None)
    } else {
        field.strip_prefix('+').map(|v| Some(v.to_owned()))
    }
}

/// `[flag, value]`: the value when the flag is 1, none when it is 0.
fn number(flag: f64, value: f64) -> Option<Option<f64>> {
    if flag == 0.0 {
        Some(None)
    } else if flag == 1.0 {
        Some(Some(value))
    } else {
        None
    }
}

/// Reads the argument string and the context's numbers (see the module documentation).
/// `None` for anything that is not that format: the caller then reads the arguments the general
/// way. Never panics.
pub fn read_sign_args(
    packed: &str,
    numbers: &[f64; 4],
) -> Option<(Account, HttpRequest, SignContext)> {
    let mut rest = packed;
    let provider = field(&mut rest)?.to_owned();
    let access_key_id = field(&mut rest)?.to_owned();
    let secret_access_key = Secret::new(field(&mut rest)?);
    let session_token = optional(field(&mut rest)?)?.map(Secret::new);
    let region = optional(field(&mut rest)?)?;
    let endpoint = optional(field(&mut rest)?)?;
    let label = optional(field(&mut rest)?)?;
    let method = field(&mut rest)?.to_owned();
    let url = field(&mut rest)?.to_owned();
    let headers = match field(&mut rest)? {
        "-" => None,
        count => {
            let count: usize = count.strip_prefix('+')?.parse().ok()?;
            let mut headers = BTreeMap::new();
            for _ in 0..count {
                let name = field(&mut rest)?;
                let value = field(&mut rest)?;
                // A JavaScript object has no duplicate keys: two are not this format.
                if headers.insert(name.to_owned(), value.to_owned()).is_some() {
                    return None;
                }
            }
            Some(headers)
        }
    };
    let body = optional(rest)?;
    let account = Account {
        provider,
        access_key_id,
        secret_access_key,
        session_token,
        region,
        endpoint,
        label,
    };
    let request = HttpRequest {
        method,
        url,
        headers,
        body,
    };
    let context = SignContext {
        timestamp_ms: number(numbers[0], numbers[1])?,
        nonce: number(numbers[2], numbers[3])?,
    };
    Some((account, request, context))
}

/// Writes `signed` as the result string, or `None` when a field other than the body contains
/// NUL (validation rules that out; the result then goes the general way).
pub fn write_signed(signed: &SignedRequest) -> Option<String> {
    let fields = [signed.method.as_str(), signed.url.as_str()]
        .into_iter()
        .chain(
            signed
                .headers
                .iter()
                .flat_map(|(n, v)| [n.as_str(), v.as_str()]),
        );
    let mut out =
        String::with_capacity(64 + signed.url.len() + signed.body.as_deref().map_or(0, str::len));
    let count = signed.headers.len().to_string();
    for (i, text) in fields.enumerate() {
        if text.contains(SEP) {
            return None;
        }
        out.push_str(text);
        out.push(SEP);
        if i == 1 {
            out.push_str(&count);
            out.push(SEP);
        }
    }
    match &signed.body {
        Some(body) => {
            out.push('+');
            out.push_str(body);
        }
        None => out.push('-'),
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The argument string as `cc_pack_sign` writes it, for the Rust tests.
    fn pack(account: &Account, request: &HttpRequest) -> String {
        let opt = |v: Option<&str>| v.map_or("-".to_owned(), |v| format!("+{v}"));
        let mut fields = vec![
            account.provider.clone(),
            account.access_key_id.clone(),
            account.secret_access_key.expose().to_owned(),
            opt(account.session_token.as_ref().map(Secret::expose)),
            opt(account.region.as_deref()),
            opt(account.endpoint.as_deref()),
            opt(account.label.as_deref()),
            request.method.clone(),
            request.url.clone(),
        ];
        match &request.headers {
            None => fields.push("-".to_owned()),
            Some(h) => {
                fields.push(format!("+{}", h.len()));
                for (n, v) in h {
                    fields.push(n.clone());
                    fields.push(v.clone());
                }
            }
        }
        fields.push(opt(request.body.as_deref()));
        fields.join("\0")
    }

    fn sample() -> (Account, HttpRequest) {
        let account = Account {
            provider: "qiniu".into(),
            access_key_id: "ak".into(),
            secret_access_key: Secret::new("sk"),
            session_token: None,
            region: Some("".into()),
            endpoint: None,
            label: Some("main".into()),
        };
        let mut headers = BTreeMap::new();
        headers.insert("Content-Type".to_owned(), "application/json".to_owned());
        let request = HttpRequest {
            method: "POST".into(),
            url: "https://api.qiniu.com/sslcert".into(),
            headers: Some(headers),
            body: Some("{\"a\":\"\0-+\"}".into()),
        };
        (account, request)
    }

    #[test]
    fn reads_what_the_packer_writes() {
        let (account, request) = sample();
        let (a, r, c) = read_sign_args(&pack(&account, &request), &[1.0, 5e12, 0.0, 7.0])
            .expect("packed arguments");
        assert_eq!(a.provider, "qiniu");
        assert_eq!(a.access_key_id, "ak");
        assert_eq!(a.secret_access_key.expose(), "sk");
        assert!(a.session_token.is_none());
        assert_eq!(
            a.region.as_deref(),
            Some(""),
            "present but empty is not absent"
        );
        assert_eq!(a.endpoint, None);
        assert_eq!(a.label.as_deref(), Some("main"));
        assert_eq!(
            (r.method.as_str(), r.url.as_str()),
            ("POST", request.url.as_str())
        );
        assert_eq!(r.headers, request.headers);
        assert_eq!(
            r.body, request.body,
            "the body is taken whole, NUL included"
        );
        assert_eq!((c.timestamp_ms, c.nonce), (Some(5e12), None));
    }

    #[test]
    fn absent_and_empty_headers_and_body_stay_apart() {
        let (account, mut request) = sample();
        for (headers, body) in [(None, None), (Some(BTreeMap::new()), Some(String::new()))] {
            request.headers = headers.clone();
            request.body = body.clone();
            let (_, r, _) = read_sign_args(&pack(&account, &request), &[0.0; 4]).expect("packed");
            assert_eq!((r.headers, r.body), (headers, body));
        }
    }

    #[test]
    fn declines_what_is_not_the_format() {
        let (account, request) = sample();
        let good = pack(&account, &request);
        let numbers = [0.0; 4];
        assert!(read_sign_args(&good, &numbers).is_some());
        for bad in [
            "",
            "qiniu",
            "a\0b\0c\0x\0-\0-\0-\0GET\0u\0-\0-", // an optional field neither - nor +
            "a\0b\0c\0-\0-\0-\0-\0GET\0u\0+2\0n\0v\0-", // fewer headers than counted
            "a\0b\0c\0-\0-\0-\0-\0GET\0u\0+x\0-", // a count that is not a number
            "a\0b\0c\0-\0-\0-\0-\0GET\0u\0+2\0n\0v\0n\0w\0-", // a duplicate name
            "a\0b\0c\0-\0-\0-\0-\0GET\0u\0-\0body", // a body without its flag
        ] {
            assert!(read_sign_args(bad, &numbers).is_none(), "{bad:?}");
        }
        assert!(
            read_sign_args(&good, &[2.0, 0.0, 0.0, 0.0]).is_none(),
            "a flag not 0 or 1"
        );
    }

    #[test]
    fn writes_the_result_for_the_unpacker() {
        let mut headers = BTreeMap::new();
        headers.insert("Authorization".to_owned(), "QBox ak:sig".to_owned());
        headers.insert("Content-Type".to_owned(), "text/plain".to_owned());
        let mut signed = SignedRequest {
            method: "POST".into(),
            url: "https://api.qiniu.com/sslcert".into(),
            headers,
            body: Some("a\0b".into()),
        };
        assert_eq!(
            write_signed(&signed).as_deref(),
            Some(
                "POST\0https://api.qiniu.com/sslcert\x002\0Authorization\0QBox ak:sig\0\
                 Content-Type\0text/plain\0+a\0b"
            )
        );
        signed.body = None;
        assert!(write_signed(&signed).is_some_and(|s| s.ends_with("\0-")));
        signed.url.push('\0');
        assert_eq!(write_signed(&signed), None, "NUL outside the body declines");
    }

    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::super::*;
        use super::pack;
        use proptest::prelude::*;

        /// Any string without the separator.
        fn text() -> impl Strategy<Value = String> {
            "[^\u{0}]{0,12}"
        }

        fn optional() -> impl Strategy<Value = Option<String>> {
            proptest::option::of(text())
        }

        proptest! {
            #[test]
            fn reads_back_every_argument(
                provider in text(), key in text(), secret in text(),
                token in optional(), region in optional(), endpoint in optional(), label in optional(),
                method in text(), url in text(),
                headers in proptest::option::of(proptest::collection::btree_map(text(), text(), 0..5)),
                body in proptest::option::of(".{0,20}"),
                timestamp in proptest::option::of(-1e13f64..1e13), nonce in proptest::option::of(0f64..1e10),
            ) {
                let account = Account {
                    provider, access_key_id: key, secret_access_key: Secret::new(secret),
                    session_token: token.map(Secret::new), region, endpoint, label,
                };
                let request = HttpRequest { method, url, headers, body };
                let numbers = [
                    f64::from(u8::from(timestamp.is_some())), timestamp.unwrap_or(0.0),
                    f64::from(u8::from(nonce.is_some())), nonce.unwrap_or(0.0),
                ];
                let (a, r, c) = read_sign_args(&pack(&account, &request), &numbers)
                    .ok_or_else(|| TestCaseError::fail("declined its own format"))?;
                prop_assert_eq!(a.provider, account.provider);
                prop_assert_eq!(a.access_key_id, account.access_key_id);
                prop_assert_eq!(a.secret_access_key.expose(), account.secret_access_key.expose());
                prop_assert_eq!(
                    a.session_token.as_ref().map(Secret::expose),
                    account.session_token.as_ref().map(Secret::expose)
                );
                prop_assert_eq!((a.region, a.endpoint, a.label), (account.region, account.endpoint, account.label));
                prop_assert_eq!((r.method, r.url, r.headers, r.body), (request.method, request.url, request.headers, request.body));
                prop_assert_eq!((c.timestamp_ms, c.nonce), (timestamp, nonce));
            }

            #[test]
            fn never_panics(text in ".{0,200}", flags in proptest::array::uniform4(-2.0f64..3.0)) {
                let _ = read_sign_args(&text, &flags);
            }

            #[test]
            fn never_panics_near_the_format(
                fields in proptest::collection::vec("[-+0-9a-z\u{0}]{0,6}", 0..16),
            ) {
                let _ = read_sign_args(&fields.join("\0"), &[1.0, 0.0, 0.0, 0.0]);
            }
        }
    }
}

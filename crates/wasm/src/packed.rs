//! `signRequest`'s arguments and result as one string each way: its only way across.
//!
//! Reading the three arguments member by member (one call into JavaScript and one string copy
//! per member, each key decoded from wasm memory again) and building the result the same way
//! took more of a Qiniu signature's time than its hashing (BENCHMARKS.md §17). A small
//! JavaScript function instead reads every member the model declares once and joins them into
//! one string (`cc_pack_sign` in `packed.js`, beside this file), which crosses into wasm in one
//! copy; the result comes back as one string that `cc_unpack_signed` splits into
//! `{method, url, headers, body}`. [`sign_args_from_js`] and [`signed_to_js`] are the two
//! crossings; [`crate::sign::sign_request`] calls them.
//!
//! The JavaScript side reads members as [`crate::read`] does for the other exports (a `Map`'s
//! entries like an object's members, own enumerable keys for the headers or `Array.from` of a
//! `Map`, `undefined` and `null` absent, a getter that throws caught) and checks only their JavaScript types. A member of the
//! wrong type, one that cannot be read, or a required one that is missing is written as a
//! refusal, and this side writes the error with [`crate::read`]'s words for it: the same
//! message the other exports give for the same member. Every other check is Rust's
//! (`cloudcerts::sign`).
//!
//! # The argument string
//! The call's number (decimal) and NUL, then fields, in this order: provider, accessKeyId,
//! secretAccessKey, sessionToken, region, endpoint, label, method, url, headers, each ended by
//! its NUL. Each is `-` when absent and `+` followed by the value when present. The headers field is last: `-`
//! (absent) or `+N` followed by N name and value fields (each `+` and its text). A NUL inside a
//! field is written NUL 0x01: every field starts with `+` or `-`, so a NUL followed by anything
//! else ends a field.
//!
//! The body and the context's numbers come by a second call, `cc_pack_sign_rest` with the
//! call's number (refused unless it is the call packed last), which runs none of the caller's
//! code: the body as a string of its own (its NULs as they are, and no
//! copy of a large body into the argument string), the numbers as `[hasTimestamp, timestampMs,
//! hasNonce, nonce]` written into a view of wasm memory made for that call (a getter that called
//! into the module during the first may have grown the memory, which detaches older views).
//!
//! # A refusal
//! `\x01`, the member's path (`account.label`, `request.headers (a value)`), NUL, then the
//! problem: `r` (could not be read), `m` (missing), or `t`, the expected type's letter (`o` an
//! object, `s` a string, `f` a finite number) and the kind's letter ([`crate::read::kind_named`]).
//!
//! # The result string
//! method, url, the number of headers, each header's name and value, then `+body` or `-`,
//! separated by NUL. Validation rules out a NUL anywhere but in the body (method, URL and
//! headers are checked for what `fetch` accepts); [`write_signed`] refuses one all the same.

use std::borrow::Cow;
use std::collections::BTreeMap;

use wasm_bindgen::prelude::*;

use crate::read::{kind_named, MISSING, UNREADABLE};
use cloudcerts::error::{Error, Result};
use cloudcerts::model::{Account, HttpRequest, Secret, SignContext, SignedRequest};

/// The separator between fields.
const SEP: char = '\0';
/// After a NUL, marks it as the field's own.
const ESCAPED: u8 = 1;
/// Starts a refusal.
const REFUSAL: u8 = 1;

#[wasm_bindgen(module = "/src/packed.js")]
extern "C" {
    /// `signRequest`'s arguments but the body and the context's numbers as one string, or a
    /// refusal naming the member at fault. It catches what any getter throws; `catch` here is
    /// for what it cannot (nothing it calls is the caller's outside its own `try`).
    #[wasm_bindgen(catch)]
    fn cc_pack_sign(
        account: &JsValue,
        request: &JsValue,
        context: &JsValue,
    ) -> std::result::Result<String, JsValue>;
    /// The body of the arguments `cc_pack_sign` read as its call number `call`, and their
    /// context's numbers written into `numbers` (a flag of 2 when `call` is not the call packed
    /// last).
    fn cc_pack_sign_rest(call: u32, numbers: &mut [f64]) -> Option<String>;
    /// The `SignedRequest` object of a result string.
    fn cc_unpack_signed(text: &str) -> JsValue;
}

/// `signRequest`'s three JavaScript arguments, read through the argument string.
///
/// # Errors
/// `InvalidInput` naming the member at fault: of the wrong type, missing, or unreadable.
pub fn sign_args_from_js(
    account: &JsValue,
    request: &JsValue,
    context: &JsValue,
) -> Result<(Account, HttpRequest, SignContext)> {
    let packed = cc_pack_sign(account, request, context)
        .map_err(|_| Error::invalid_input("signRequest", UNREADABLE))?;
    if let Some(text) = after_byte(&packed, REFUSAL) {
        return Err(refusal(text));
    }
    // The call's number, then the arguments.
    let (call, arguments) = split_at_nul(&packed).unwrap_or(("", ""));
    let mut numbers = [0.0; 4];
    let body = match call.parse::<u32>() {
        Ok(call) => cc_pack_sign_rest(call, &mut numbers),
        Err(_) => return Err(unreadable_arguments()),
    };
    read_sign_args(arguments, body, &numbers)
}

/// The error for an argument string not of this format, which `packed.js` does not write.
fn unreadable_arguments() -> Error {
    Error::invalid_input("signRequest", "its arguments could not be read")
}

/// `signed` as a JavaScript object, through the result string.
///
/// # Errors
/// Those of [`write_signed`].
pub fn signed_to_js(signed: &SignedRequest) -> Result<JsValue> {
    Ok(cc_unpack_signed(&write_signed(signed)?))
}

/// `text` split at its first NUL, without it. A byte search: `split_once` with a `char` pattern
/// is a generic searcher that costs a Qiniu signature a tenth more time.
fn split_at_nul(text: &str) -> Option<(&str, &str)> {
    let at = text.bytes().position(|b| b == 0)?;
    Some((text.get(..at)?, text.get(at + 1..)?))
}

/// Takes the next field off the front of `rest` (see the module documentation: a NUL followed
/// by 0x01 is the field's own). Borrowed unless the field holds a NUL.
fn field<'a>(rest: &mut &'a str) -> Option<Cow<'a, str>> {
    let (head, mut tail) = split_at_nul(rest)?;
    if tail.as_bytes().first() != Some(&ESCAPED) {
        *rest = tail;
        return Some(Cow::Borrowed(head));
    }
    let mut text = head.to_owned();
    while let Some(after) = after_byte(tail, ESCAPED) {
        text.push(SEP);
        let (head, next) = split_at_nul(after)?;
        text.push_str(head);
        tail = next;
    }
    *rest = tail;
    Some(Cow::Owned(text))
}

/// `text` after its first byte, when that is `byte` (ASCII). Bytes, not a `char` pattern: see
/// [`split_at_nul`].
fn after_byte(text: &str, byte: u8) -> Option<&str> {
    if text.as_bytes().first() == Some(&byte) {
        text.get(1..)
    } else {
        None
    }
}

/// `+value`: the value; anything else is not this format.
fn present(field: &str) -> Option<String> {
    after_byte(field, b'+').map(str::to_owned)
}

/// `-` is absent, `+value` present; anything else is not this format.
fn optional(field: &str) -> Option<Option<String>> {
    if field == "-" {
        Some(None)
    } else {
        present(field).map(Some)
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

/// The error a refusal (after its first character) stands for, in [`crate::read`]'s words.
fn refusal(text: &str) -> Error {
    let (path, problem) = split_at_nul(text).unwrap_or(("signRequest", "r"));
    let expected = |letter| match letter {
        b'o' => "an object",
        b's' => "a string",
        b'f' => "a finite number",
        _ => "another type",
    };
    match problem.as_bytes() {
        [b'm'] => Error::invalid_input(path, MISSING),
        [b't', want, got] => Error::invalid_input(
            path,
            format_args!("expected {}, got {}", expected(*want), kind_named(*got)),
        ),
        _ => Error::invalid_input(path, UNREADABLE),
    }
}

/// Reads the argument string, the body and the context's numbers (see the module
/// documentation).
///
/// # Errors
/// `InvalidInput`: the refusal's, or (for a string not of this format, which `packed.js` does
/// not write) one naming `signRequest`. Never panics.
pub fn read_sign_args(
    packed: &str,
    body: Option<String>,
    numbers: &[f64; 4],
) -> Result<(Account, HttpRequest, SignContext)> {
    if let Some(text) = after_byte(packed, REFUSAL) {
        return Err(refusal(text));
    }
    parse_sign_args(packed, body, numbers).ok_or_else(unreadable_arguments)
}

fn parse_sign_args(
    packed: &str,
    body: Option<String>,
    numbers: &[f64; 4],
) -> Option<(Account, HttpRequest, SignContext)> {
    let mut rest = packed;
    let provider = present(&field(&mut rest)?)?;
    let access_key_id = present(&field(&mut rest)?)?;
    let secret_access_key = Secret::new(present(&field(&mut rest)?)?);
    let session_token = optional(&field(&mut rest)?)?.map(Secret::new);
    let region = optional(&field(&mut rest)?)?;
    let endpoint = optional(&field(&mut rest)?)?;
    let label = optional(&field(&mut rest)?)?;
    let method = present(&field(&mut rest)?)?;
    let url = present(&field(&mut rest)?)?;
    let headers = match &*field(&mut rest)? {
        "-" => None,
        count => {
            let count: usize = after_byte(count, b'+')?.parse().ok()?;
            let mut headers = BTreeMap::new();
            for _ in 0..count {
                let name = present(&field(&mut rest)?)?;
                let value = present(&field(&mut rest)?)?;
                // As serde fills a map: a name given twice (a Map whose iterator repeats one)
                // keeps its last value.
                headers.insert(name, value);
            }
            Some(headers)
        }
    };
    // Every field ends with its NUL, the last one too.
    if !rest.is_empty() {
        return None;
    }
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

/// Writes `signed` as the result string.
///
/// # Errors
/// `InvalidInput` if a field other than the body holds NUL, which validation rules out.
pub fn write_signed(signed: &SignedRequest) -> Result<String> {
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
            return Err(Error::invalid_input(
                "request",
                "a NUL outside the body cannot be signed",
            ));
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
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A field as `cc_pack_sign` writes it: `+` and the text, its NULs escaped.
    fn plus(text: &str) -> String {
        format!("+{}", text.replace('\0', "\0\u{1}"))
    }

    /// The argument string as `cc_pack_sign` writes it, for the Rust tests.
    fn pack(account: &Account, request: &HttpRequest) -> String {
        let opt = |v: Option<&str>| v.map_or("-".to_owned(), plus);
        let mut fields = vec![
            plus(&account.provider),
            plus(&account.access_key_id),
            plus(account.secret_access_key.expose()),
            opt(account.session_token.as_ref().map(Secret::expose)),
            opt(account.region.as_deref()),
            opt(account.endpoint.as_deref()),
            opt(account.label.as_deref()),
            plus(&request.method),
            plus(&request.url),
        ];
        match &request.headers {
            None => fields.push("-".to_owned()),
            Some(h) => {
                fields.push(format!("+{}", h.len()));
                for (n, v) in h {
                    fields.push(plus(n));
                    fields.push(plus(v));
                }
            }
        }
        let mut text = fields.join("\0");
        text.push('\0');
        text
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

    fn message(result: Result<(Account, HttpRequest, SignContext)>) -> String {
        match result {
            Ok(_) => "read".to_owned(),
            Err(e) => e.message,
        }
    }

    #[test]
    fn reads_what_the_packer_writes() {
        let (account, request) = sample();
        let (a, r, c) = read_sign_args(
            &pack(&account, &request),
            request.body.clone(),
            &[1.0, 5e12, 0.0, 7.0],
        )
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
    fn nuls_inside_fields_are_read_back() {
        let (mut account, mut request) = sample();
        for text in [
            "\0",
            "a\0",
            "\0a",
            "a\0\0b",
            "a\0\u{1}b",
            "\u{1}",
            "\0\u{1}\0",
        ] {
            account.label = Some(text.to_owned());
            account.access_key_id = format!("{text}k");
            request.headers = Some(BTreeMap::from([(text.to_owned(), text.to_owned())]));
            let (a, r, _) =
                read_sign_args(&pack(&account, &request), request.body.clone(), &[0.0; 4])
                    .expect("packed");
            assert_eq!(a.label.as_deref(), Some(text), "{text:?}");
            assert_eq!(a.access_key_id, format!("{text}k"));
            assert_eq!(r.headers, request.headers);
            assert_eq!(r.body, request.body);
        }
    }

    #[test]
    fn absent_and_empty_headers_and_body_stay_apart() {
        let (account, mut request) = sample();
        for (headers, body) in [(None, None), (Some(BTreeMap::new()), Some(String::new()))] {
            request.headers = headers.clone();
            request.body = body.clone();
            let (_, r, _) =
                read_sign_args(&pack(&account, &request), request.body.clone(), &[0.0; 4])
                    .expect("packed");
            assert_eq!((r.headers, r.body), (headers, body));
        }
    }

    #[test]
    fn refusals_are_written_in_the_readers_words() {
        for (refusal, expected) in [
            (
                "\u{1}account.label\0tsn",
                "account.label: expected a string, got a number",
            ),
            (
                "\u{1}account\0toa",
                "account: expected an object, got an array",
            ),
            (
                "\u{1}request.headers (a key)\0tsy",
                "request.headers (a key): expected a string, got a symbol",
            ),
            (
                "\u{1}context.nonce\0tfN",
                "context.nonce: expected a finite number, got NaN",
            ),
            ("\u{1}request.url\0m", "request.url: missing (required)"),
            (
                "\u{1}account.provider\0r",
                "account.provider: could not be read (reading it threw)",
            ),
            (
                "\u{1}signRequest\0r",
                "signRequest: could not be read (reading it threw)",
            ),
        ] {
            assert_eq!(message(read_sign_args(refusal, None, &[0.0; 4])), expected);
        }
    }

    #[test]
    fn refuses_what_is_not_the_format() {
        let (account, request) = sample();
        let good = pack(&account, &request);
        let numbers = [0.0; 4];
        assert!(read_sign_args(&good, None, &numbers).is_ok());
        for bad in [
            "",
            "+qiniu",
            "+a\0+b\0+c\0x\0-\0-\0-\0+GET\0+u\0-\0", // an optional field neither - nor +
            "a\0+b\0+c\0-\0-\0-\0-\0+GET\0+u\0-\0",  // a required field without +
            "+a\0+b\0+c\0-\0-\0-\0-\0+GET\0+u\0+2\0+n\0+v\0", // fewer headers than counted
            "+a\0+b\0+c\0-\0-\0-\0-\0+GET\0+u\0+x\0", // a count that is not a number
            "+a\0+b\0+c\0-\0-\0-\0-\0+GET\0+u\0-",   // the last field without its NUL
            "+a\0+b\0+c\0-\0-\0-\0-\0+GET\0+u\0-\0+x\0", // a field after the headers
            "+a\0\u{1}",                             // an escape at the end
        ] {
            assert_eq!(
                message(read_sign_args(bad, None, &numbers)),
                "signRequest: its arguments could not be read",
                "{bad:?}"
            );
        }
        assert!(
            read_sign_args(&good, None, &[2.0, 0.0, 0.0, 0.0]).is_err(),
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
            write_signed(&signed).ok().as_deref(),
            Some(
                "POST\0https://api.qiniu.com/sslcert\x002\0Authorization\0QBox ak:sig\0\
                 Content-Type\0text/plain\0+a\0b"
            )
        );
        signed.body = None;
        assert!(write_signed(&signed).is_ok_and(|s| s.ends_with("\0-")));
        signed.url.push('\0');
        assert!(write_signed(&signed).is_err(), "NUL outside the body");
    }

    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::super::*;
        use super::pack;
        use proptest::prelude::*;

        /// Any string, NUL and 0x01 included.
        fn text() -> impl Strategy<Value = String> {
            "[\u{0}\u{1}a-z+\\-]{0,12}|.{0,8}"
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
                body in proptest::option::of("[\u{0}\u{1}+-]{0,4}|.{0,20}"),
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
                let (a, r, c) = read_sign_args(&pack(&account, &request), request.body.clone(), &numbers)
                    .map_err(|e| TestCaseError::fail(e.message))?;
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
                let _ = read_sign_args(&text, None, &flags);
            }

            #[test]
            fn never_panics_near_the_format(
                fields in proptest::collection::vec("[-+0-9a-z\u{0}\u{1}]{0,6}", 0..16),
            ) {
                let _ = read_sign_args(&fields.join("\0"), Some(String::new()), &[1.0, 0.0, 0.0, 0.0]);
            }
        }
    }
}

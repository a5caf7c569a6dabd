//! Shared encoding and hashing primitives, written once for every signing scheme.

use std::borrow::Cow;

use hmac::{Hmac, Mac};
use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use sha1::Sha1;
use sha2::{Digest, Sha256};

/// Everything except the RFC 3986 unreserved characters `A-Z a-z 0-9 - _ . ~`.
const STRICT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// Percent-encodes every byte outside the RFC 3986 unreserved set, upper-case hex, space as
/// `%20`. This is `encodeURIComponent` plus `! ' ( ) *`, as Volcengine canonicalizes queries.
pub fn strict_encode(value: &str) -> String {
    percent_encoded(value, STRICT)
}

/// `value` with the bytes of `set` (and every non-ASCII byte) percent-encoded.
///
/// Through `Cow` rather than `to_string()`: text that needs no encoding is copied once, and
/// nothing goes through the formatting machinery (BENCHMARKS.md §15).
pub fn percent_encoded(value: &str, set: &'static AsciiSet) -> String {
    Cow::from(utf8_percent_encode(value, set)).into_owned()
}

/// Parses `application/x-www-form-urlencoded` text the way the WHATWG URL standard (and so
/// `URLSearchParams`) does: `&`-separated, empty pieces skipped, `+` is a space, a missing `=`
/// means an empty value, invalid UTF-8 after decoding becomes U+FFFD.
pub fn form_decode(text: &str) -> Vec<(String, String)> {
    text.split('&')
        .filter(|piece| !piece.is_empty())
        .map(|piece| {
            let (name, value) = piece.split_once('=').unwrap_or((piece, ""));
            (form_decode_component(name), form_decode_component(value))
        })
        .collect()
}

fn form_decode_component(text: &str) -> String {
    let spaced = if text.contains('+') {
        Cow::Owned(text.replace('+', " "))
    } else {
        Cow::Borrowed(text)
    };
    percent_decode_str(&spaced).decode_utf8_lossy().into_owned()
}

/// Orders strings by UTF-16 code units, as JavaScript's default `Array.prototype.sort` does.
/// The official Node SDKs sort parameter names this way.
pub fn cmp_utf16(a: &str, b: &str) -> std::cmp::Ordering {
    // ASCII (almost every parameter and header name) orders the same in bytes and in UTF-16.
    if a.is_ascii() && b.is_ascii() {
        return a.cmp(b);
    }
    a.encode_utf16().cmp(b.encode_utf16())
}

/// A name-value pair (query parameter, header).
pub type Pair = (String, String);

/// Orders pairs by name (UTF-16 order); equal names stay as they were.
pub fn by_name(a: &Pair, b: &Pair) -> std::cmp::Ordering {
    cmp_utf16(&a.0, &b.0)
}

/// Orders pairs by name, then by value (both in UTF-16 order).
pub fn by_name_then_value(a: &Pair, b: &Pair) -> std::cmp::Ordering {
    cmp_utf16(&a.0, &b.0).then_with(|| cmp_utf16(&a.1, &b.1))
}

/// The one stable sort the signers use. Every sort goes through here with a plain function as
/// the order: each distinct element type and comparator would link another copy of the
/// standard library's sort (about 4 KB of wasm each; BENCHMARKS.md §1).
pub fn sort_pairs(pairs: &mut [Pair], order: fn(&Pair, &Pair) -> std::cmp::Ordering) {
    pairs.sort_by(order);
}

/// Lower-case hex SHA-256 of `data`.
pub fn sha256_hex(data: &[u8]) -> String {
    lower_hex(&Sha256::digest(data))
}

/// Lower-case hex of a digest or MAC.
///
/// `hex::encode` builds its `String` one `char` at a time through an iterator. Writing the
/// digits into a buffer first made TC3 and Volcengine signatures 4–5% faster in Node
/// (BENCHMARKS.md §14).
pub fn lower_hex(bytes: &[u8]) -> String {
    let mut out = vec![0u8; bytes.len() * 2];
    // Neither can fail: the buffer is exactly twice as long, and hex digits are ASCII.
    if hex::encode_to_slice(bytes, &mut out).is_err() {
        return String::new();
    }
    String::from_utf8(out).unwrap_or_default()
}

/// HMAC-SHA256 of `data` under `key`.
pub fn hmac_sha256(key: &[u8], data: &[u8]) -> [u8; 32] {
    // `new_from_slice` accepts keys of any length for HMAC; the fallback keeps the code total.
    match Hmac::<Sha256>::new_from_slice(key) {
        Ok(mut mac) => {
            mac.update(data);
            mac.finalize().into_bytes().into()
        }
        Err(_) => [0; 32],
    }
}

/// HMAC-SHA1 of `data` under `key`.
pub fn hmac_sha1(key: &[u8], data: &[u8]) -> [u8; 20] {
    match Hmac::<Sha1>::new_from_slice(key) {
        Ok(mut mac) => {
            mac.update(data);
            mac.finalize().into_bytes().into()
        }
        Err(_) => [0; 20],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strict_encode_matches_rfc3986_unreserved() {
        assert_eq!(
            strict_encode("a b*c~d-e_f.g!'()"),
            "a%20b%2Ac~d-e_f.g%21%27%28%29"
        );
        assert_eq!(strict_encode("中"), "%E4%B8%AD");
        assert_eq!(strict_encode("+/%"), "%2B%2F%25");
    }

    #[test]
    fn form_decode_follows_urlsearchparams() {
        let pairs = form_decode("a=1&&b&c=x+y%2Bz&d=%zz&=e&a=2");
        let want: Vec<(String, String)> = [
            ("a", "1"),
            ("b", ""),
            ("c", "x y+z"),
            ("d", "%zz"),
            ("", "e"),
            ("a", "2"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        assert_eq!(pairs, want);
    }

    #[test]
    fn utf16_order_differs_from_utf8_order_above_the_bmp() {
        // U+FF5E (fullwidth tilde) is one UTF-16 unit 0xFF5E; U+1F600 is the surrogate 0xD83D...
        assert_eq!(cmp_utf16("\u{1F600}", "\u{FF5E}"), std::cmp::Ordering::Less);
        assert_eq!("\u{1F600}".cmp("\u{FF5E}"), std::cmp::Ordering::Greater);
    }

    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::*;
        use proptest::prelude::*;

        // ASCII, a BMP character above the surrogates, an astral one: the orders differ only
        // when the last two meet.
        const TEXT: &str = "[a-c_A.~ \u{FF5E}\u{E000}\u{1F600}中+%]{0,6}";

        proptest! {
            #[test]
            fn cmp_utf16_is_utf16_order(a in TEXT, b in TEXT) {
                prop_assert_eq!(cmp_utf16(&a, &b), a.encode_utf16().cmp(b.encode_utf16()));
            }

            #[test]
            fn percent_encoded_is_what_percent_encoding_prints(value in TEXT) {
                prop_assert_eq!(
                    percent_encoded(&value, STRICT),
                    utf8_percent_encode(&value, STRICT).to_string()
                );
            }
        }
    }

    #[test]
    fn hmac_matches_rfc4231_case_2() {
        let mac = hmac_sha256(b"Jefe", b"what do ya want for nothing?");
        assert_eq!(
            hex::encode(mac),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        assert_eq!(lower_hex(&mac), hex::encode(mac));
        let mac1 = hmac_sha1(b"Jefe", b"what do ya want for nothing?");
        assert_eq!(
            hex::encode(mac1),
            "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79"
        );
    }
}

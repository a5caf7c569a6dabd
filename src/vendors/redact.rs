//! Removing private keys from vendor records before they reach the caller.

use serde_json::Value;

/// Field names that hold private keys in the vendors' records: Volcengine Certificate Center
/// `ssl.certificate.private_key` and `encrypt_key`, Qiniu `pri`, Tencent's detail API
/// `CertificatePrivateKey`. Compared case-insensitively.
const PRIVATE_KEY_FIELDS: &[&str] = &[
    "private_key",
    "encrypt_key",
    "pri",
    "certificateprivatekey",
    "privatekey",
];

/// Whether `text` is (or contains) a PEM-armoured private key of any kind
/// (`PRIVATE KEY`, `RSA PRIVATE KEY`, `EC PRIVATE KEY`, `ENCRYPTED PRIVATE KEY`, ...).
pub fn is_pem_private_key(text: &str) -> bool {
    // Shorter texts cannot hold both markers; most fields are shorter (and the substring
    // searches are costly to set up for each of them).
    text.len() >= "-----BEGIN".len() + "PRIVATE KEY-----".len()
        && holds(text.as_bytes(), b"-----BEGIN")
        && holds(text.as_bytes(), b"PRIVATE KEY-----")
}

/// Whether `needle` occurs in `text`: each place its first byte occurs, compared there. Every
/// long string of a record is searched, and `str::contains` sets up a two-way searcher for each
/// (BENCHMARKS.md §20); these needles start with a byte that is rare or soon told apart.
fn holds(text: &[u8], needle: &[u8]) -> bool {
    let Some(&first) = needle.first() else {
        return true;
    };
    let mut rest = text;
    while let Some(at) = rest.iter().position(|&b| b == first) {
        let Some(tail) = rest.get(at..) else {
            return false;
        };
        if tail.starts_with(needle) {
            return true;
        }
        rest = tail.get(1..).unwrap_or_default();
    }
    false
}

/// One step of a path into a JSON value (declared with the model, which names the private keys
/// to remove from a `raw` by these paths).
pub use crate::model::Step;

/// Whether an object member of this name holds a private key (`PRIVATE_KEY_FIELDS`).
pub fn is_private_key_name(name: &str) -> bool {
    PRIVATE_KEY_FIELDS
        .iter()
        .any(|field| field.len() == name.len() && name.eq_ignore_ascii_case(field))
}

/// The paths [`remove_private_keys`] would remove, in reverse document order: removing them one
/// after the other (an array element by splicing it out) leaves what it leaves.
pub fn private_key_paths(value: &Value) -> Vec<Vec<Step>> {
    let mut out = private_key_paths_in_order(value);
    out.reverse();
    out
}

/// [`private_key_paths`] in document order.
pub fn private_key_paths_in_order(value: &Value) -> Vec<Vec<Step>> {
    fn walk(value: &Value, at: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
        match value {
            Value::Object(map) => {
                for (key, v) in map {
                    at.push(Step::Key(key.clone()));
                    if is_private_key_name(key)
                        || matches!(v, Value::String(s) if is_pem_private_key(s))
                    {
                        out.push(at.clone());
                    } else {
                        walk(v, at, out);
                    }
                    at.pop();
                }
            }
            Value::Array(items) => {
                for (index, v) in items.iter().enumerate() {
                    at.push(Step::Index(index));
                    if matches!(v, Value::String(s) if is_pem_private_key(s)) {
                        out.push(at.clone());
                    } else {
                        walk(v, at, out);
                    }
                    at.pop();
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(value, &mut Vec::new(), &mut out);
    out
}

/// Removes every private-key field and every PEM private key, at any depth.
pub fn remove_private_keys(value: &mut Value) {
    match value {
        Value::Object(map) => {
            map.retain(|key, v| {
                let pem = matches!(v, Value::String(s) if is_pem_private_key(s));
                !(is_private_key_name(key) || pem)
            });
            map.values_mut().for_each(remove_private_keys);
        }
        Value::Array(items) => {
            items.retain(|v| !matches!(v, Value::String(s) if is_pem_private_key(s)));
            items.iter_mut().for_each(remove_private_keys);
        }
        _ => {}
    }
}

/// Replaces integers JavaScript cannot hold exactly (beyond 2^53) by the nearest `f64`, as
/// `JSON.parse` would, so that `raw` always crosses into JavaScript.
pub fn to_js_numbers(value: &mut Value) {
    const MAX_SAFE: u64 = (1 << 53) - 1;
    match value {
        Value::Number(n) => {
            let unsafe_int = n.as_u64().is_some_and(|u| u > MAX_SAFE)
                || n.as_i64().is_some_and(|i| i.unsigned_abs() > MAX_SAFE);
            if unsafe_int {
                if let Some(f) = n.as_f64().and_then(serde_json::Number::from_f64) {
                    *n = f;
                }
            }
        }
        Value::Object(map) => map.values_mut().for_each(to_js_numbers),
        Value::Array(items) => items.iter_mut().for_each(to_js_numbers),
        _ => {}
    }
}

/// Fills in the `raw` of certificates read by reference (those with a [`super::RawReference`]
/// beside them in `references`) from `body`, without their private keys: each from its record's
/// own text, else from the record at its index in the list at `list_path`. What the wasm
/// boundary does on demand with the engine's `JSON.parse`, for when that is not at hand.
pub fn attach_raw(
    certificates: &mut [crate::model::Certificate],
    references: Vec<Option<super::RawReference>>,
    body: &str,
    list_path: &[&str],
) {
    let mut whole: Option<Option<Value>> = None;
    for (certificate, reference) in certificates.iter_mut().zip(references) {
        let Some(reference) = reference else {
            continue;
        };
        let from_span = reference
            .span
            .and_then(|(start, end)| body.get(start..end))
            .and_then(|text| super::json::parse_value(text).ok());
        let raw = from_span.or_else(|| {
            let list = whole
                .get_or_insert_with(|| {
                    let mut parsed = super::json::parse_value(body).ok()?;
                    for key in list_path {
                        parsed = parsed.get_mut(*key)?.take();
                    }
                    Some(parsed)
                })
                .as_ref()?;
            list.get(usize::try_from(reference.index).ok()?).cloned()
        });
        let Some(mut raw) = raw else {
            continue;
        };
        for path in &reference.removals {
            remove_path(&mut raw, path);
        }
        to_js_numbers(&mut raw);
        certificate.raw = raw;
    }
}

/// Removes the member or element at `path` (see [`private_key_paths`]).
fn remove_path(value: &mut Value, path: &[Step]) {
    let Some((last, parents)) = path.split_last() else {
        return;
    };
    let mut parent = value;
    for step in parents {
        let next = match step {
            Step::Key(key) => parent.get_mut(key.as_str()),
            Step::Index(index) => parent.get_mut(*index),
        };
        match next {
            Some(next) => parent = next,
            None => return,
        }
    }
    match (parent, last) {
        (Value::Object(map), Step::Key(key)) => {
            map.remove(key);
        }
        (Value::Array(items), Step::Index(index)) if *index < items.len() => {
            items.remove(*index);
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn removes_named_fields_and_pem_keys_anywhere() {
        let mut v = json!({
            "pri": "x", "Pri2": "keep",
            "ssl": {"certificate": {"private_key": "-----BEGIN RSA PRIVATE KEY-----\nMII\n-----END RSA PRIVATE KEY-----\n", "encrypt_key": "", "chain": ["-----BEGIN CERTIFICATE-----"]}},
            "note": "-----BEGIN EC PRIVATE KEY-----\nabc\n-----END EC PRIVATE KEY-----",
            "list": ["-----BEGIN PRIVATE KEY-----\n-----END PRIVATE KEY-----", "ok"]
        });
        remove_private_keys(&mut v);
        assert_eq!(
            v,
            json!({"Pri2": "keep", "ssl": {"certificate": {"chain": ["-----BEGIN CERTIFICATE-----"]}}, "list": ["ok"]})
        );
    }

    proptest::proptest! {
        /// The search agrees with `str::contains` on any text, the markers planted or not.
        #[test]
        fn holds_agrees_with_contains(
            parts in proptest::collection::vec(
                proptest::prop_oneof![
                    "\\PC{0,12}",
                    proptest::strategy::Just("-----BEGIN".to_string()),
                    proptest::strategy::Just("PRIVATE KEY-----".to_string()),
                    proptest::strategy::Just("----BEGI".to_string()),
                    proptest::strategy::Just("PRIVATE KEY----".to_string()),
                    proptest::strategy::Just("-".to_string()),
                    proptest::strategy::Just("P".to_string()),
                ],
                0..12,
            )
        ) {
            let text = parts.concat();
            for needle in ["-----BEGIN", "PRIVATE KEY-----", "-"] {
                proptest::prop_assert_eq!(holds(text.as_bytes(), needle.as_bytes()), text.contains(needle));
            }
            let expected = text.len() >= 26 && text.contains("-----BEGIN") && text.contains("PRIVATE KEY-----");
            proptest::prop_assert_eq!(is_pem_private_key(&text), expected);
        }
    }

    #[test]
    fn big_integers_become_doubles() {
        let mut v =
            json!({"a": 9007199254740993_u64, "b": [-9007199254740993_i64], "c": 42, "d": 1.5});
        to_js_numbers(&mut v);
        assert_eq!(v["a"].as_f64(), Some(9007199254740992.0));
        assert!(v["a"].is_f64() && v["b"][0].is_f64());
        assert_eq!(v["c"].as_u64(), Some(42));
    }
}

//! Lenient reading of vendor JSON: numbers given as strings and strings as numbers, `null`
//! where the docs allow it, missing and extra fields all accepted. Nothing here guesses: a value
//! that is neither the documented type nor its obvious text/number twin reads as absent.

use serde_json::Value;

/// Follows `path` through nested objects.
pub fn at<'a>(value: &'a Value, path: &[&str]) -> Option<&'a Value> {
    path.iter()
        .try_fold(value, |current, key| current.get(key))
        .filter(|v| !v.is_null())
}

/// A non-empty text field; numbers and booleans are written as text.
pub fn text(value: &Value, path: &[&str]) -> Option<String> {
    match at(value, path)? {
        Value::String(s) => Some(s.trim().to_owned()).filter(|s| !s.is_empty()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// An integer field; accepts `12`, `12.0` and `"12"`.
pub fn int(value: &Value, path: &[&str]) -> Option<i64> {
    match at(value, path)? {
        Value::Number(n) => n.as_i64().or_else(|| {
            n.as_f64()
                .filter(|f| f.fract() == 0.0 && f.abs() < 9.0e15)
                .map(|f| f as i64)
        }),
        Value::String(s) => s.trim().parse::<i64>().ok(),
        _ => None,
    }
}

/// A boolean field; accepts `true`, `1`, `"true"`, `"1"` (and their false twins).
pub fn flag(value: &Value, path: &[&str]) -> Option<bool> {
    match at(value, path)? {
        Value::Bool(b) => Some(*b),
        Value::Number(n) => n.as_f64().map(|f| f != 0.0),
        Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
            "true" | "1" => Some(true),
            "false" | "0" | "" => Some(false),
            _ => None,
        },
        _ => None,
    }
}

/// A list of texts; a single text counts as a one-item list, `null` as empty.
pub fn texts(value: &Value, path: &[&str]) -> Vec<String> {
    match at(value, path) {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|item| match item {
                Value::String(s) => Some(s.trim().to_owned()),
                Value::Number(n) => Some(n.to_string()),
                _ => None,
            })
            .filter(|s| !s.is_empty())
            .collect(),
        Some(Value::String(s)) if !s.trim().is_empty() => vec![s.trim().to_owned()],
        _ => Vec::new(),
    }
}

/// The items of a list field; `null` or absent is an empty list, anything else is `None`.
pub fn list<'a>(value: &'a Value, path: &[&str]) -> Option<&'a [Value]> {
    match at(value, path) {
        None => Some(&[]),
        Some(Value::Array(items)) => Some(items),
        Some(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn numbers_and_strings_are_interchangeable() {
        let v = json!({"a": "12", "b": 12, "c": 12.0, "d": "x", "e": null, "f": " 7 "});
        assert_eq!(int(&v, &["a"]), Some(12));
        assert_eq!(int(&v, &["b"]), Some(12));
        assert_eq!(int(&v, &["c"]), Some(12));
        assert_eq!(int(&v, &["d"]), None);
        assert_eq!(int(&v, &["e"]), None);
        assert_eq!(int(&v, &["f"]), Some(7));
        assert_eq!(text(&v, &["b"]).as_deref(), Some("12"));
        assert_eq!(text(&v, &["e"]), None);
    }

    #[test]
    fn flags_and_lists() {
        let v =
            json!({"t": 1, "f": "false", "l": ["a", 2, null, ""], "s": "x", "n": null, "o": {}});
        assert_eq!(flag(&v, &["t"]), Some(true));
        assert_eq!(flag(&v, &["f"]), Some(false));
        assert_eq!(texts(&v, &["l"]), vec!["a", "2"]);
        assert_eq!(texts(&v, &["s"]), vec!["x"]);
        assert!(list(&v, &["n"]).is_some_and(|l| l.is_empty()));
        assert!(list(&v, &["missing"]).is_some_and(|l| l.is_empty()));
        assert!(list(&v, &["o"]).is_none());
    }
}

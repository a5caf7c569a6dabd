//! Lenient reading of vendor JSON: numbers given as strings and strings as numbers, `null`
//! where the docs allow it, missing and extra fields all accepted. Nothing here guesses: a value
//! that is neither the documented type nor its obvious text/number twin reads as absent.
//!
//! The readers work on any [`Json`] value: a `serde_json::Value` (envelopes) or a borrowed
//! [`Node`] (records, as the one-pass list reader leaves them), with the same results.

use serde_json::{Number, Value};

use super::json::Node;

/// What a JSON value is, for the readers below.
pub enum View<'v, V> {
    Null,
    Bool(bool),
    Number(Number),
    String(&'v str),
    Array(&'v [V]),
    Object,
}

/// A JSON value the lenient readers can read.
pub trait Json: Sized {
    /// The member `key` of an object; `None` for anything else.
    fn member(&self, key: &str) -> Option<&Self>;
    /// What the value is.
    fn view(&self) -> View<'_, Self>;
}

impl Json for Value {
    fn member(&self, key: &str) -> Option<&Value> {
        self.get(key)
    }
    fn view(&self) -> View<'_, Value> {
        match self {
            Value::Null => View::Null,
            Value::Bool(b) => View::Bool(*b),
            Value::Number(n) => View::Number(n.clone()),
            Value::String(s) => View::String(s),
            Value::Array(items) => View::Array(items),
            Value::Object(_) => View::Object,
        }
    }
}

impl Json for Node<'_> {
    fn member(&self, key: &str) -> Option<&Self> {
        self.get(key)
    }
    fn view(&self) -> View<'_, Self> {
        match self {
            Node::Null => View::Null,
            Node::Bool(b) => View::Bool(*b),
            Node::Number(_) => self.number().map_or(View::Null, View::Number),
            Node::String(s) => View::String(s),
            Node::Array(items) => View::Array(items),
            Node::Object(_) => View::Object,
        }
    }
}

/// Follows `path` through nested objects; `null` is absent.
pub fn at<'a, V: Json>(value: &'a V, path: &[&str]) -> Option<&'a V> {
    path.iter()
        .try_fold(value, |current, key| current.member(key))
        .filter(|v| !matches!(v.view(), View::Null))
}

/// A non-empty text field; numbers and booleans are written as text.
pub fn text<V: Json>(value: &V, path: &[&str]) -> Option<String> {
    match at(value, path)?.view() {
        View::String(s) => Some(s.trim().to_owned()).filter(|s| !s.is_empty()),
        View::Number(n) => Some(n.to_string()),
        View::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// An integer field; accepts `12`, `12.0` and `"12"`.
pub fn int<V: Json>(value: &V, path: &[&str]) -> Option<i64> {
    match at(value, path)?.view() {
        View::Number(n) => n.as_i64().or_else(|| {
            n.as_f64()
                .filter(|f| f.fract() == 0.0 && f.abs() < 9.0e15)
                .map(|f| f as i64)
        }),
        View::String(s) => s.trim().parse::<i64>().ok(),
        _ => None,
    }
}

/// A boolean field; accepts `true`, `1`, `"true"`, `"1"` (and their false twins).
pub fn flag<V: Json>(value: &V, path: &[&str]) -> Option<bool> {
    match at(value, path)?.view() {
        View::Bool(b) => Some(b),
        View::Number(n) => n.as_f64().map(|f| f != 0.0),
        View::String(s) => match s.trim().to_ascii_lowercase().as_str() {
            "true" | "1" => Some(true),
            "false" | "0" | "" => Some(false),
            _ => None,
        },
        _ => None,
    }
}

/// A list of texts; a single text counts as a one-item list, `null` as empty.
pub fn texts<V: Json>(value: &V, path: &[&str]) -> Vec<String> {
    let Some(found) = at(value, path) else {
        return Vec::new();
    };
    match found.view() {
        View::Array(items) => items
            .iter()
            .filter_map(|item| match item.view() {
                View::String(s) => Some(s.trim().to_owned()),
                View::Number(n) => Some(n.to_string()),
                _ => None,
            })
            .filter(|s| !s.is_empty())
            .collect(),
        View::String(s) if !s.trim().is_empty() => vec![s.trim().to_owned()],
        _ => Vec::new(),
    }
}

/// The items of a list field; `null` or absent is an empty list, anything else is `None`.
pub fn list<'a, V: Json>(value: &'a V, path: &[&str]) -> Option<&'a [V]> {
    let Some(found) = at(value, path) else {
        return Some(&[]);
    };
    match found.view() {
        View::Array(items) => Some(items),
        _ => None,
    }
}

/// A number, or numeric text, as an `f64`.
pub fn number<V: Json>(value: &V) -> Option<f64> {
    match value.view() {
        View::Number(n) => n.as_f64(),
        View::String(s) => s.trim().parse::<f64>().ok(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// What a reader gives on `v`, checked to be the same on the same JSON read as a [`Node`]
    /// and on [`Node::from_value`].
    fn on_both<T: PartialEq + std::fmt::Debug>(
        v: &Value,
        value_read: impl Fn(&Value) -> T,
        node_read: impl Fn(&Node<'_>) -> T,
    ) -> T {
        let text = v.to_string();
        let mut lexer = super::super::json::Lexer::new(&text);
        let node = lexer
            .peek()
            .and_then(|peek| lexer.node(peek))
            .expect("JSON");
        let from_value = value_read(v);
        assert_eq!(from_value, node_read(&node), "{text}");
        assert_eq!(from_value, node_read(&Node::from_value(v)), "{text}");
        from_value
    }

    #[test]
    fn numbers_and_strings_are_interchangeable() {
        let v = json!({"a": "12", "b": 12, "c": 12.0, "d": "x", "e": null, "f": " 7 ", "g": 1e300, "h": -0.0});
        for (key, want) in [
            ("a", Some(12)),
            ("b", Some(12)),
            ("c", Some(12)),
            ("d", None),
            ("e", None),
            ("f", Some(7)),
            ("g", None),
        ] {
            assert_eq!(on_both(&v, |v| int(v, &[key]), |n| int(n, &[key])), want);
        }
        for (key, want) in [
            ("b", Some("12")),
            ("c", Some("12.0")),
            ("e", None),
            ("h", Some("-0.0")),
        ] {
            assert_eq!(
                on_both(&v, |v| text(v, &[key]), |n| text(n, &[key])).as_deref(),
                want
            );
        }
    }

    #[test]
    fn flags_and_lists() {
        let v =
            json!({"t": 1, "f": "false", "l": ["a", 2, null, ""], "s": "x", "n": null, "o": {}});
        assert_eq!(
            on_both(&v, |v| flag(v, &["t"]), |n| flag(n, &["t"])),
            Some(true)
        );
        assert_eq!(
            on_both(&v, |v| flag(v, &["f"]), |n| flag(n, &["f"])),
            Some(false)
        );
        assert_eq!(
            on_both(&v, |v| texts(v, &["l"]), |n| texts(n, &["l"])),
            vec!["a", "2"]
        );
        assert_eq!(
            on_both(&v, |v| texts(v, &["s"]), |n| texts(n, &["s"])),
            vec!["x"]
        );
        for (key, want) in [
            ("n", Some(0)),
            ("missing", Some(0)),
            ("o", None),
            ("l", Some(4)),
        ] {
            assert_eq!(
                on_both(
                    &v,
                    |v| list(v, &[key]).map(<[_]>::len),
                    |n| list(n, &[key]).map(<[_]>::len)
                ),
                want
            );
        }
    }
}

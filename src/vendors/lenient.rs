//! Lenient reading of vendor JSON: numbers given as strings and strings as numbers, `null`
//! where the docs allow it, missing and extra fields all accepted. Nothing here guesses: a value
//! that is neither the documented type nor its obvious text/number twin reads as absent.
//!
//! The readers work on a [`Node`]: a record as the one-pass list reader leaves it, or an
//! envelope or a get response read whole ([`super::json::parse_node`]).

use std::borrow::Cow;

use super::json::Node;

/// Follows `path` through nested objects; `null` is absent.
pub fn at<'a, 'j>(value: &'a Node<'j>, path: &[&str]) -> Option<&'a Node<'j>> {
    path.iter()
        .try_fold(value, |current, key| current.get(key))
        .filter(|v| !matches!(v, Node::Null))
}

/// A non-empty text field; numbers and booleans are written as text (a number as serde_json
/// writes it: `12.50` is `12.5`).
pub fn text(value: &Node<'_>, path: &[&str]) -> Option<String> {
    text_ref(value, path).map(Cow::into_owned)
}

/// [`text`], borrowed from the body where the body holds it as it is (a string without
/// escapes): what a vendor module's draft keeps, so that a certificate's text can be handed
/// to JavaScript as a slice of the body.
pub fn text_ref<'j>(value: &Node<'j>, path: &[&str]) -> Option<Cow<'j, str>> {
    item_text(at(value, path)?)
}

/// A string (trimmed, non-empty) or a number as text.
fn item_text<'j>(found: &Node<'j>) -> Option<Cow<'j, str>> {
    match found {
        Node::String(s) => Some(trimmed(s.clone())).filter(|s| !s.is_empty()),
        Node::Number(_) => found.number().map(|n| Cow::Owned(n.to_string())),
        Node::Bool(b) => Some(Cow::Owned(b.to_string())),
        _ => None,
    }
}

/// `text` without its leading and trailing white space, still borrowed when it was.
pub fn trimmed(text: Cow<'_, str>) -> Cow<'_, str> {
    match text {
        Cow::Borrowed(s) => Cow::Borrowed(s.trim()),
        Cow::Owned(s) if s.trim().len() == s.len() => Cow::Owned(s),
        Cow::Owned(s) => Cow::Owned(s.trim().to_owned()),
    }
}

/// An integer field; accepts `12`, `12.0` and `"12"`.
pub fn int(value: &Node<'_>, path: &[&str]) -> Option<i64> {
    let found = at(value, path)?;
    match found {
        Node::Number(_) => {
            let n = found.number()?;
            n.as_i64().or_else(|| {
                n.as_f64()
                    .filter(|f| f.fract() == 0.0 && f.abs() < 9.0e15)
                    .map(|f| f as i64)
            })
        }
        Node::String(s) => s.trim().parse::<i64>().ok(),
        _ => None,
    }
}

/// A boolean field; accepts `true`, `1`, `"true"`, `"1"` (and their false twins).
pub fn flag(value: &Node<'_>, path: &[&str]) -> Option<bool> {
    let found = at(value, path)?;
    match found {
        Node::Bool(b) => Some(*b),
        Node::Number(_) => found.number()?.as_f64().map(|f| f != 0.0),
        Node::String(s) => match s.trim().to_ascii_lowercase().as_str() {
            "true" | "1" => Some(true),
            "false" | "0" | "" => Some(false),
            _ => None,
        },
        _ => None,
    }
}

/// A list of texts; a single text counts as a one-item list, `null` as empty. Borrowed from
/// the body where they can be, as [`text_ref`].
pub fn texts<'j>(value: &Node<'j>, path: &[&str]) -> Vec<Cow<'j, str>> {
    match at(value, path) {
        Some(Node::Array(items)) => items
            .iter()
            .filter_map(|item| match item {
                Node::String(_) | Node::Number(_) => item_text(item),
                _ => None,
            })
            .collect(),
        Some(Node::String(s)) if !s.trim().is_empty() => vec![trimmed(s.clone())],
        _ => Vec::new(),
    }
}

/// The pieces of `text` between `separator`s, borrowed as `text` was.
pub fn split<'j>(text: Cow<'j, str>, separator: char) -> Vec<Cow<'j, str>> {
    match text {
        Cow::Borrowed(t) => t.split(separator).map(Cow::Borrowed).collect(),
        Cow::Owned(t) => t
            .split(separator)
            .map(|p| Cow::Owned(p.to_owned()))
            .collect(),
    }
}

/// The items of a list field; `null` or absent is an empty list, anything else is `None`.
pub fn list<'a, 'j>(value: &'a Node<'j>, path: &[&str]) -> Option<&'a [Node<'j>]> {
    match at(value, path) {
        None => Some(&[]),
        Some(Node::Array(items)) => Some(items),
        Some(_) => None,
    }
}

/// A number, or numeric text, as an `f64`.
pub fn number(value: &Node<'_>) -> Option<f64> {
    match value {
        Node::Number(_) => value.number()?.as_f64(),
        Node::String(s) => s.trim().parse::<f64>().ok(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn node(text: &str) -> Node<'_> {
        super::super::json::parse_node(text).expect("JSON")
    }

    #[test]
    fn numbers_and_strings_are_interchangeable() {
        let body = json!({"a": "12", "b": 12, "c": 12.0, "d": "x", "e": null, "f": " 7 ", "g": 1e300, "h": -0.0, "i": 12.50})
            .to_string();
        let v = node(&body);
        for (key, want) in [
            ("a", Some(12)),
            ("b", Some(12)),
            ("c", Some(12)),
            ("d", None),
            ("e", None),
            ("f", Some(7)),
            ("g", None),
        ] {
            assert_eq!(int(&v, &[key]), want, "{key}");
        }
        for (key, want) in [
            ("b", Some("12")),
            ("c", Some("12.0")),
            ("e", None),
            ("h", Some("-0.0")),
            ("i", Some("12.5")),
        ] {
            assert_eq!(text(&v, &[key]).as_deref(), want, "{key}");
        }
        // A number's text as serde_json writes it, whatever the body's spelling.
        let spelled = node(r#"{"n": 1.250e1, "m": 100}"#);
        assert_eq!(text(&spelled, &["n"]).as_deref(), Some("12.5"));
        assert_eq!(text(&spelled, &["m"]).as_deref(), Some("100"));
    }

    #[test]
    fn flags_and_lists() {
        let body =
            json!({"t": 1, "f": "false", "l": ["a", 2, null, ""], "s": "x", "n": null, "o": {}})
                .to_string();
        let v = node(&body);
        assert_eq!(flag(&v, &["t"]), Some(true));
        assert_eq!(flag(&v, &["f"]), Some(false));
        assert_eq!(texts(&v, &["l"]), vec!["a", "2"]);
        assert_eq!(texts(&v, &["s"]), vec!["x"]);
        assert!(list(&v, &["n"]).is_some_and(<[_]>::is_empty));
        assert!(list(&v, &["missing"]).is_some_and(<[_]>::is_empty));
        assert!(list(&v, &["o"]).is_none());
        assert_eq!(list(&v, &["l"]).map(<[_]>::len), Some(4));
    }
}

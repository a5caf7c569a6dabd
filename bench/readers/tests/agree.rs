//! Edge cases every reader must read alike, bodies every reader must refuse, and mutated bodies
//! on which no reader may panic and the scanner accepts nothing serde_json refuses.

use readers::{Collect, Reader, Vendor};
use serde_json::Value;

const PEM: &str = "-----BEGIN PRIVATE KEY-----\\nx\\n-----END PRIVATE KEY-----";

fn all(body: &str, vendor: Vendor) -> Vec<Result<Collect, String>> {
    Reader::ALL
        .iter()
        .map(|r| {
            let mut c = Collect::default();
            r.read(body, vendor, &mut c).map(|_| c)
        })
        .collect()
}

#[test]
fn edge_cases_agree() {
    let bodies = [
        format!(r#"{{"certs": [{{"certid": "a", "extra": {{"deep": [1, "{PEM}", {{"Pri": 1}}]}}, "pri": "k", "name": "x"}}]}}"#),
        r#"{"certs": [ {"name": "\u00e9证\"\\\/\b\f\n\r\t\ud83d\ude00"} ,
	{"name": "😀", "dnsnames": ["a", "b"], "not_before": -1.5e3}, {"x": {"p\u0072i": 1}} ]}"#.to_string(),
        format!(r#"{{"certs":[{{"certid":1,"x":{{"pri":1}},"x":["keep"],"y":{{"z":["{PEM}"],"z":"abc"}},"w":1,"w":["{PEM}"]}}]}}"#),
        r#"{"marker": "", "certs": [], "other": [1, {"a": null}]}"#.to_string(),
        r#"{"certs": [{"name": {"a": 1, "a": 2}, "common_name": [[], {}, true, false, null, 0, -0.0, 1E+2]}]}"#.to_string(),
    ];
    for body in &bodies {
        let results = all(body, Vendor::Qiniu);
        let first = results[0].as_ref().expect("current reads it");
        for (reader, got) in Reader::ALL.iter().zip(&results) {
            let got = got.as_ref().unwrap_or_else(|e| panic!("{}: {e} on {body}", reader.name()));
            assert_eq!(got.0, first.0, "{} on {body}", reader.name());
        }
    }
    // Private keys inside a kept field (Certificate Center's `ssl`).
    let body = format!(r#"{{"Result": {{"content": [{{"id": "x", "ssl": {{"certificate": {{"private_key": "k", "chain": ["{PEM}"]}}}}}}]}}}}"#);
    let results = all(&body, Vendor::VolcengineCert);
    let first = &results[0].as_ref().unwrap().0;
    assert_eq!(first[0].private_keys.len(), 2);
    for (reader, got) in Reader::ALL.iter().zip(&results) {
        assert_eq!(&got.as_ref().unwrap().0, first, "{}", reader.name());
    }
}

#[test]
fn malformed_bodies_are_refused_by_all() {
    let deep = format!(r#"{{"certs": [{{"x": {}1{}}}]}}"#, "[".repeat(200), "]".repeat(200));
    for body in [
        "", "{", r#"{"certs": [}"#, r#"{"certs": []} x"#, "nul", r#"{"certs": [{"a": "\ud800"}]}"#,
        r#"{"certs": [{"a": 01}]}"#, r#"{"certs": [{"a": 1.}]}"#, r#"{"certs": [{"a": .5}]}"#,
        r#"{"certs": [{"a": +1}]}"#, r#"{"certs": [{"a": 1e}]}"#, r#"{"certs": [{"a": NaN}]}"#,
        r#"{"certs": [{"a": Infinity}]}"#, r#"{"certs": [{"a": "x	y"}]}"#, r#"{"certs": [{"a": "\x"}]}"#,
        r#"{"certs": [{"a": "\u12"}]}"#, r#"{"certs": [{"a": 1,}]}"#, r#"{"certs": [1,]}"#,
        r#"{"certs": [{a: 1}]}"#, r#"{"certs": [{"a" 1}]}"#, r#"{"certs": [{"a": tru}]}"#,
        r#"{"certs": [{"a": [1 2]}]}"#, r#"{"a": 1 "certs": []}"#, r#"{"certs": ['x']}"#, &deep,
    ] {
        assert!(serde_json::from_str::<Value>(body).is_err(), "serde_json accepts {body}");
        for (reader, got) in Reader::ALL.iter().zip(all(body, Vendor::Qiniu)) {
            // serde_json skips ignored values (a `RawValue`, `IgnoredAny`) without its depth
            // limit: the typed reader accepts deep nesting outside the fields, as JSON.parse does.
            if body == deep.as_str() && *reader == Reader::Typed {
                assert!(got.is_ok());
                continue;
            }
            assert!(got.is_err(), "{} accepts {body}", reader.name());
        }
    }
}

#[test]
fn mutated_bodies_never_panic_and_the_scanner_is_no_laxer_than_serde_json() {
    let base = format!(
        r#"{{"marker": "m", "certs": [{{"certid": "a\"b", "name": "证书", "dnsnames": ["x.example", "\u0041"], "not_before": 1.5e3, "pri": "{PEM}", "z": [true, false, null, {{"k": -0}}]}}, {{"certid": 2}}]}}"#
    );
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let alphabet = b"{}[],:\"\\ 0123456789-+.eEtrufalsn\nxu\x01";
    for _ in 0..20_000 {
        let mut bytes = base.as_bytes().to_vec();
        for _ in 0..(next() % 3 + 1) {
            let at = (next() as usize) % bytes.len();
            match next() % 3 {
                0 => bytes[at] = alphabet[(next() as usize) % alphabet.len()],
                1 => {
                    bytes.remove(at);
                }
                _ => bytes.insert(at, alphabet[(next() as usize) % alphabet.len()]),
            }
        }
        let Ok(body) = String::from_utf8(bytes) else { continue };
        let strict = serde_json::from_str::<Value>(&body).is_ok();
        let results = all(&body, Vendor::Qiniu);
        for (reader, got) in Reader::ALL.iter().zip(&results) {
            if got.is_ok() && !strict {
                panic!("{} accepts what serde_json refuses: {body}", reader.name());
            }
        }
        if let Some(Ok(first)) = results.first() {
            for (reader, got) in Reader::ALL.iter().zip(&results) {
                match got {
                    Ok(got) => assert_eq!(got.0, first.0, "{} on {body}", reader.name()),
                    Err(e) => panic!("{} refuses what serde_json reads: {e}: {body}", reader.name()),
                }
            }
        }
    }
}

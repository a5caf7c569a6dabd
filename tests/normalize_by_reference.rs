//! `raw` by reference: the certificates `parse_page_by_reference` returns, with each left-out
//! `raw` taken from the body at `list_path[raw_index]` (as the JavaScript wrapper does after its
//! own `JSON.parse`) and its `raw_removals` spliced out, equal what `parse_page` returns.

use cloudcerts::model::{NormalizeOptions, Provider};
use cloudcerts::vendors::redact::{self, Step};
use cloudcerts::vendors::{parse_page, parse_page_by_reference};
use serde_json::{json, Value};

fn fixtures() -> Vec<(Provider, String)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let mut out = Vec::new();
    for (file, provider) in [
        ("tencent-ssl.seed.json", Provider::TencentSsl),
        ("tencent-legacy.seed.json", Provider::TencentLegacy),
        ("volcengine-live.seed.json", Provider::VolcengineLive),
        ("volcengine-cert.seed.json", Provider::VolcengineCert),
        ("qiniu-list.json", Provider::Qiniu),
        ("qiniu-get.json", Provider::Qiniu),
    ] {
        out.push((
            provider,
            std::fs::read_to_string(format!("{dir}/{file}")).unwrap(),
        ));
    }
    // A list mixing records with and without private keys.
    out.push((
        Provider::Qiniu,
        json!({"marker": "", "certs": [
            {"certid": "a", "name": "a", "common_name": "a.example", "not_before": 1, "not_after": 2, "create_time": 1},
            {"certid": "b", "name": "b", "common_name": "b.example", "pri": "-----BEGIN PRIVATE KEY-----\nx\n-----END PRIVATE KEY-----", "not_after": 9007199254740993u64},
            {"certid": "c", "name": "c", "common_name": "c.example", "big": 9007199254740993u64}
        ]})
        .to_string(),
    ));
    out
}

fn rebuild(provider: Provider, body: &str, options: &NormalizeOptions) -> Vec<Value> {
    let page = parse_page_by_reference(provider, body, options).unwrap();
    let parsed: Value = serde_json::from_str(body).unwrap();
    page.certificates
        .iter()
        .map(|certificate| {
            let mut value = serde_json::to_value(certificate).unwrap();
            if let Some(index) = certificate.raw_index {
                assert_eq!(certificate.raw, Value::Null);
                let mut list = &parsed;
                for key in page.list_path.expect("a list path with raw_index") {
                    list = &list[*key];
                }
                let mut raw = list[index as usize].clone();
                for path in &certificate.raw_removals {
                    let (last, parents) = path.split_last().unwrap();
                    let mut parent = &mut raw;
                    for step in parents {
                        parent = match step {
                            Step::Key(k) => &mut parent[k.as_str()],
                            Step::Index(i) => &mut parent[*i],
                        };
                    }
                    match (parent, last) {
                        (Value::Array(items), Step::Index(i)) => {
                            items.remove(*i);
                        }
                        (Value::Object(map), Step::Key(k)) => {
                            map.remove(k);
                        }
                        other => panic!("bad removal {other:?}"),
                    }
                }
                // What JSON.parse does to integers beyond 2^53.
                redact::to_js_numbers(&mut raw);
                value["raw"] = raw;
            }
            value
        })
        .collect()
}

#[test]
fn raw_by_reference_rebuilds_the_same_certificates() {
    for include_private_key in [false, true] {
        let options = NormalizeOptions {
            now: Some(1.7e12),
            include_private_key: Some(include_private_key),
            ..NormalizeOptions::default()
        };
        let mut referenced = 0;
        for (provider, body) in fixtures() {
            let expected: Vec<Value> = parse_page(provider, &body, &options)
                .unwrap()
                .certificates
                .iter()
                .map(|c| serde_json::to_value(c).unwrap())
                .collect();
            assert_eq!(rebuild(provider, &body, &options), expected, "{provider:?}");
            referenced += parse_page_by_reference(provider, &body, &options)
                .unwrap()
                .certificates
                .iter()
                .filter(|c| c.raw_index.is_some())
                .count();
        }
        assert!(referenced >= 6, "only {referenced} taken by reference");
    }
}

#[test]
fn private_keys_are_named_for_removal_deepest_last_first() {
    let (_, body) = fixtures().pop().unwrap();
    let page =
        parse_page_by_reference(Provider::Qiniu, &body, &NormalizeOptions::default()).unwrap();
    let indexes: Vec<Option<u32>> = page.certificates.iter().map(|c| c.raw_index).collect();
    assert_eq!(indexes, vec![Some(0), Some(1), Some(2)]);
    assert_eq!(
        page.certificates[1].raw_removals,
        vec![vec![Step::Key("pri".into())]]
    );
    let nested = json!({"a": ["x", "-----BEGIN PRIVATE KEY-----", {"pri": 1}, "-----BEGIN EC PRIVATE KEY-----"], "private_key": {"deep": "-----BEGIN RSA PRIVATE KEY-----"}});
    assert_eq!(
        redact::private_key_paths(&nested),
        vec![
            vec![Step::Key("private_key".into())],
            vec![Step::Key("a".into()), Step::Index(3)],
            vec![
                Step::Key("a".into()),
                Step::Index(2),
                Step::Key("pri".into())
            ],
            vec![Step::Key("a".into()), Step::Index(1)],
        ]
    );
    assert_eq!(page.list_path, Some(&["certs"][..]));
    let single = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/qiniu-get.json"
    ))
    .unwrap();
    let get =
        parse_page_by_reference(Provider::Qiniu, &single, &NormalizeOptions::default()).unwrap();
    assert!(
        get.list_path.is_none()
            && get
                .certificates
                .iter()
                .all(|c| c.raw_index.is_none() && c.raw.is_object())
    );
}

//! `raw` by reference: the certificates `parse_page_by_reference` returns, with each left-out
//! `raw` taken from the body as its `RawReference` says (the record's own text, which is the
//! record at `list_path[index]`; the wasm parses it on demand) and its `removals` spliced out,
//! equal what `parse_page` returns.

use cloudcerts::model::{NormalizeOptions, Provider};
use cloudcerts::vendors::redact::{self, Step};
use cloudcerts::vendors::{parse_page, parse_page_by_reference, Page, RawReference};
use serde_json::{json, Value};

fn fixtures() -> Vec<(Provider, String)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let mut out = Vec::new();
    for (file, provider) in [
        ("tencent-ssl.seed.json", Provider::TencentSsl),
        ("tencent-legacy.seed.json", Provider::TencentLegacy),
        ("volcengine-live.seed.json", Provider::VolcengineLive),
        ("volcengine-cert.seed.json", Provider::VolcengineCert),
        // A real chain with its certificate_detail (the route that does not decode the chain).
        ("volcengine-cert.real-chain.json", Provider::VolcengineCert),
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

/// Beside each certificate of `page`, its raw reference (none when the page has none).
fn reference_of(page: &Page) -> Vec<Option<RawReference>> {
    if page.raw_references.is_empty() {
        vec![None; page.certificates.len()]
    } else {
        assert_eq!(page.raw_references.len(), page.certificates.len());
        page.raw_references.clone()
    }
}

fn rebuild(provider: Provider, body: &str, options: &NormalizeOptions) -> Vec<Value> {
    let page = parse_page_by_reference(provider, body, options).unwrap();
    let parsed: Value = serde_json::from_str(body).unwrap();
    let references = reference_of(&page);
    page.certificates
        .iter()
        .zip(references)
        .map(|(certificate, reference)| {
            let mut value = serde_json::to_value(certificate).unwrap();
            if let Some(reference) = reference {
                let index = reference.index;
                assert_eq!(certificate.raw, Value::Null);
                let mut list = &parsed;
                for key in page.list_path.expect("a list path with a raw reference") {
                    list = &list[*key];
                }
                let mut raw = list[index as usize].clone();
                // The record's own text (the span) is the record at its index.
                let (start, end) = reference.span.expect("a span");
                let text: Value = serde_json::from_str(&body[start..end]).unwrap();
                assert_eq!(text, list[index as usize]);
                for path in &reference.removals {
                    let (last, parents) = path.split_last().unwrap();
                    let mut parent = &mut raw;
                    for step in parents {
                        parent = match step {
                            Step::Key(k) => &mut parent[k.as_str()],
                            Step::Index(i) => &mut parent[i],
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
            referenced +=
                reference_of(&parse_page_by_reference(provider, &body, &options).unwrap())
                    .iter()
                    .filter(|r| r.is_some())
                    .count();
        }
        assert!(referenced >= 6, "only {referenced} taken by reference");
    }
}

#[test]
fn a_record_that_is_a_private_key_is_not_returned() {
    let body = json!({"marker": "", "certs": ["-----BEGIN PRIVATE KEY-----\nx\n-----END PRIVATE KEY-----", {"certid": "a"}]})
        .to_string();
    let options = NormalizeOptions::default();
    for page in [
        parse_page(Provider::Qiniu, &body, &options).unwrap(),
        parse_page_by_reference(Provider::Qiniu, &body, &options).unwrap(),
    ] {
        let references = reference_of(&page);
        assert_eq!(page.certificates[0].raw, Value::Null);
        assert_eq!(references[0], None);
        assert_eq!(
            references[1].is_some(),
            page.list_path.is_some() && page.certificates[1].raw == Value::Null
        );
    }
}

#[test]
fn private_keys_are_named_for_removal_deepest_last_first() {
    let (_, body) = fixtures().pop().unwrap();
    let page =
        parse_page_by_reference(Provider::Qiniu, &body, &NormalizeOptions::default()).unwrap();
    let references = reference_of(&page);
    let indexes: Vec<Option<u32>> = references
        .iter()
        .map(|r| r.as_ref().map(|r| r.index))
        .collect();
    assert_eq!(indexes, vec![Some(0), Some(1), Some(2)]);
    assert_eq!(
        references[1].as_ref().map(|r| r.removals.clone()),
        Some(vec![vec![Step::Key("pri".into())]])
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
            && get.raw_references.is_empty()
            && get.certificates.iter().all(|c| c.raw.is_object())
    );
}

/// Generated bodies: every field name a vendor module mentions (the string literals of its
/// source, so a field its `draft` reads but `RECORD_FIELDS` forgot is generated too), with values
/// of every JSON type, private keys by name and as PEM, at any depth. The page read by reference
/// must fail exactly when the whole parse fails, and otherwise rebuild the same certificates.
#[cfg(not(target_arch = "wasm32"))]
mod generated {
    use super::*;
    use proptest::prelude::*;
    use proptest::test_runner::Config;
    use serde_json::Map;

    const PEM: &str = "-----BEGIN EC PRIVATE KEY-----\nMHc=\n-----END EC PRIVATE KEY-----";

    fn source(provider: Provider) -> &'static str {
        match provider {
            Provider::TencentSsl => include_str!("../src/vendors/tencent_ssl.rs"),
            Provider::TencentLegacy => include_str!("../src/vendors/tencent_legacy.rs"),
            Provider::VolcengineLive => include_str!("../src/vendors/volcengine_live.rs"),
            Provider::VolcengineCert => include_str!("../src/vendors/volcengine_cert.rs"),
            Provider::Qiniu => include_str!("../src/vendors/qiniu.rs"),
            Provider::TencentDns => include_str!("../src/dns/dnspod.rs"),
            Provider::VolcengineDns => include_str!("../src/dns/volcengine_dns.rs"),
        }
    }

    /// The identifier-like string literals of the vendor's module, plus private-key names.
    fn names(provider: Provider) -> Vec<String> {
        let mut names: Vec<String> = source(provider)
            .split('"')
            .skip(1)
            .step_by(2)
            .filter(|s| {
                !s.is_empty()
                    && s.len() <= 40
                    && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
            })
            .map(str::to_owned)
            .collect();
        names.extend(["pri", "private_key", "Extra", "x"].map(str::to_owned));
        names.sort();
        names.dedup();
        names
    }

    fn providers() -> impl Strategy<Value = Provider> {
        prop_oneof![
            Just(Provider::TencentSsl),
            Just(Provider::TencentLegacy),
            Just(Provider::VolcengineLive),
            Just(Provider::VolcengineCert),
            Just(Provider::Qiniu),
        ]
    }

    fn leaf() -> impl Strategy<Value = Value> {
        prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            (-3i64..20).prop_map(Value::from),
            Just(json!(1_700_000_000)),
            Just(json!(1.5)),
            Just(json!("2026-12-01 08:00:00")),
            Just(json!("2025-01-01T00:00:00Z")),
            Just(json!("1")),
            Just(json!(" a.example.com ")),
            Just(json!("*.Example.com")),
            Just(json!("ov")),
            Just(json!("免费")),
            Just(json!(PEM)),
            "[a-z]{0,6}".prop_map(Value::String),
        ]
    }

    /// A value whose object keys come from `names`.
    fn value(names: Vec<String>) -> impl Strategy<Value = Value> {
        leaf().prop_recursive(3, 24, 5, move |inner| {
            let keys = proptest::sample::select(names.clone());
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
                prop::collection::vec((keys, inner), 0..5)
                    .prop_map(|members| Value::Object(members.into_iter().collect::<Map<_, _>>())),
            ]
        })
    }

    fn records(provider: Provider) -> impl Strategy<Value = Vec<Value>> {
        let names = names(provider);
        let keys = proptest::sample::select(names.clone());
        let record = prop::collection::vec((keys, value(names.clone())), 0..14)
            .prop_map(|members| Value::Object(members.into_iter().collect::<Map<_, _>>()));
        prop::collection::vec(prop_oneof![8 => record, 1 => value(names)], 0..5)
    }

    fn body(provider: Provider, records: Vec<Value>) -> String {
        match provider {
            Provider::TencentSsl => {
                json!({"Response": {"TotalCount": 1, "Certificates": records, "RequestId": "r"}})
            }
            Provider::TencentLegacy => {
                json!({"code": 0, "data": {"totalNum": 1, "list": records}})
            }
            Provider::VolcengineLive => {
                json!({"ResponseMetadata": {}, "Result": {"CertList": records}})
            }
            Provider::VolcengineCert => {
                json!({"ResponseMetadata": {}, "Result": {"count": 1, "content": records}})
            }
            Provider::Qiniu => json!({"marker": "", "certs": records}),
            // DNS providers have no certificate lists: `Provider::ALL` leaves them out.
            Provider::TencentDns | Provider::VolcengineDns => json!({"records": records}),
        }
        .to_string()
    }

    fn cases() -> u32 {
        std::env::var("FUZZ_CASES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(1_000)
    }

    fn same_outcome(provider: Provider, body: &str, options: &NormalizeOptions) {
        let whole = parse_page(provider, body, options);
        let referenced = parse_page_by_reference(provider, body, options);
        match (whole, referenced) {
            (Ok(page), Ok(_)) => {
                let expected: Vec<Value> = page
                    .certificates
                    .iter()
                    .map(|c| serde_json::to_value(c).unwrap())
                    .collect();
                assert_eq!(rebuild(provider, body, options), expected, "{body}");
            }
            (Err(a), Err(b)) => assert_eq!((a.code, a.message), (b.code, b.message), "{body}"),
            (a, b) => panic!(
                "{body}: whole {:?}, by reference {:?}",
                a.is_ok(),
                b.is_ok()
            ),
        }
    }

    proptest! {
        #![proptest_config(Config { cases: cases(), failure_persistence: None, ..Config::default() })]

        #[test]
        fn generated_lists_rebuild_the_same_certificates(
            (provider, records) in providers().prop_flat_map(|p| (Just(p), records(p))),
            include_private_key in any::<bool>(),
        ) {
            let options = NormalizeOptions {
                now: Some(1.7e12),
                include_private_key: Some(include_private_key),
                ..NormalizeOptions::default()
            };
            same_outcome(provider, &body(provider, records), &options);
        }

        #[test]
        fn any_json_and_any_bytes_give_the_same_outcome(
            provider in providers(),
            value in value(vec!["Response".into(), "Certificates".into(), "data".into(), "list".into(),
                "Result".into(), "CertList".into(), "content".into(), "certs".into(), "code".into(),
                "CertificateId".into(), "cert".into(), "certid".into(), "pri".into()]),
            bytes in prop::collection::vec(any::<u8>(), 0..64),
        ) {
            let options = NormalizeOptions { now: Some(1.7e12), ..NormalizeOptions::default() };
            same_outcome(provider, &value.to_string(), &options);
            same_outcome(provider, &String::from_utf8_lossy(&bytes), &options);
        }
    }
}

/// A sink that records what it was told, in order.
#[derive(Default)]
struct Recorder {
    events: Vec<String>,
}

impl cloudcerts::vendors::CertificateSink for Recorder {
    fn certificate(
        &mut self,
        certificate: cloudcerts::model::CertificateOf<'_>,
        _raw: Option<RawReference>,
    ) {
        self.events.push(certificate.id.into_owned());
    }
    fn reset(&mut self) {
        self.events.push("reset".into());
    }
}

#[test]
fn streamed_certificates_are_the_collected_ones_and_resets_follow_json_parse() {
    let options = NormalizeOptions {
        now: Some(1.7e12),
        ..NormalizeOptions::default()
    };
    // Every fixture: the sink gets the certificates parse_page_by_reference collects, in order.
    for (provider, body) in fixtures() {
        let mut recorder = Recorder::default();
        let page =
            cloudcerts::vendors::parse_page_into(provider, &body, &options, &mut recorder).unwrap();
        assert!(
            page.certificates.is_empty(),
            "{provider:?}: streamed, not collected"
        );
        let ids: Vec<String> = parse_page_by_reference(provider, &body, &options)
            .unwrap()
            .certificates
            .into_iter()
            .map(|c| c.id.into_owned())
            .collect();
        let streamed: Vec<String> = recorder
            .events
            .split(|e| e == "reset")
            .next_back()
            .unwrap_or_default()
            .to_vec();
        assert_eq!(streamed, ids, "{provider:?}");
    }
    // A later duplicate of the list replaces it, as in JSON.parse: the sink is told to forget.
    let body = r#"{"marker": "", "certs": [{"certid": "a"}, {"certid": "b"}], "certs": [{"certid": "c"}]}"#;
    let mut recorder = Recorder::default();
    cloudcerts::vendors::parse_page_into(Provider::Qiniu, body, &options, &mut recorder).unwrap();
    assert_eq!(recorder.events, ["reset", "a", "b", "reset", "c"]);
    // A Tencent detail that also carries a list: the list streamed is forgotten, the detail stays.
    let body = json!({"Response": {"CertificateId": "detail", "Certificates": [{"CertificateId": "listed"}], "RequestId": "r"}})
        .to_string();
    let mut recorder = Recorder::default();
    cloudcerts::vendors::parse_page_into(Provider::TencentSsl, &body, &options, &mut recorder)
        .unwrap();
    assert_eq!(recorder.events.last().map(String::as_str), Some("detail"));
    let after_last_reset = recorder
        .events
        .rsplit(|e| e == "reset")
        .next()
        .unwrap_or_default();
    assert_eq!(after_last_reset, ["detail"]);
    // An error envelope after a list: an error; what the sink got is for the caller to drop.
    let body = r#"{"Response": {"Certificates": [{"CertificateId": "x"}], "Error": {"Code": "AuthFailure", "Message": "m"}, "RequestId": "r"}}"#;
    let mut recorder = Recorder::default();
    assert!(cloudcerts::vendors::parse_page_into(
        Provider::TencentSsl,
        body,
        &options,
        &mut recorder
    )
    .is_err());
}

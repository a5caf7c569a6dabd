#![cfg(not(target_arch = "wasm32"))]
//! No input makes `normalize_response` panic: arbitrary bytes, arbitrary JSON values (alone, in
//! each vendor's envelope, and grafted into the seed fixtures), arbitrary options, nesting
//! thousands of levels deep, and huge numbers. Each case must return `Ok` or `Err`.
//!
//! CI runs `FUZZ_CASES` cases per property (default 2,000). The one-off long run recorded in the
//! README: `FUZZ_CASES=250000 cargo test --release --test normalize_fuzz` (4 properties × 250,000,
//! before `certificate_detail_and_leaf_grafts` made them 5).

use cloudcerts::inspect::{self, x509};
use cloudcerts::model::{NormalizeOptions, Provider};
use cloudcerts::vendors::normalize_response;
use proptest::prelude::*;
use serde_json::{json, Map, Value};

#[path = "support/fuzz.rs"]
mod fuzz;
use fuzz::config;

fn provider() -> impl Strategy<Value = Provider> {
    prop::sample::select(Provider::ALL.to_vec())
}

fn number() -> impl Strategy<Value = Value> {
    prop_oneof![
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        prop::sample::select(vec![
            0.0,
            -0.0,
            1e300,
            -1e300,
            2.5e-308,
            9.007_199_254_740_993e15
        ])
        .prop_map(|f| json!(f)),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        prop::sample::select(vec![
            "",
            "1",
            "300",
            "-2",
            "OK",
            "Expire",
            "7days",
            "2023-12-09 07:59:59",
            "2024-02-29 00:00:00",
            "0000-00-00 00:00:00",
            "2024-08-18T07:19:00Z",
            "9999-12-31T23:59:59+14:00",
            ",a.com,,B.com,",
            "*.x.com",
            "-----BEGIN PRIVATE KEY-----",
            "1702079999000",
            "1e400",
            "NaN",
            "true",
            "AuthFailure.SignatureExpire",
            "000000000AC959EE6AD3ACE2B227560537A23E4A",
            "0A:1B:2C",
            "AC274E535A5B0C11D29A1BC154512967E3DDD92DC06B9C2ACDE68ED681BA1915",
            "RSA 2048",
            "-----BEGIN CERTIFICATE-----\nMIIF......1Wk=\n-----END CERTIFICATE-----\n",
            "-----BEGIN CERTIFICATE-----\nMAA=\n-----END CERTIFICATE-----",
        ])
        .prop_map(str::to_owned),
    ]
}

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        number(),
        text().prop_map(Value::String)
    ]
}

/// Field names the parsers read, so that random objects reach the interesting code.
fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(vec![
            "Response", "Certificates", "TotalCount", "Error", "Code", "Message", "RequestId", "CertificateId", "Status",
            "Domain", "SubjectAltName", "CertSANs", "CertBeginTime", "CertEndTime", "Tags", "TagKey", "CertificateExtra",
            "code", "data", "list", "totalNum", "id", "status", "domain", "certEndTime", "ResponseMetadata", "Result",
            "CertList", "CertID", "NotAfter", "content", "count", "order_status", "certificate_not_after_ms",
            "applicable_domains", "ssl", "certificate", "private_key", "certs", "cert", "marker", "certid", "not_after",
            "dnsnames", "error", "pri", "certificate_detail", "subject", "san", "common_name",
            "serial_number", "fingerprint_sha_256", "encryption_algorithm", "not_before", "chain",
        ])
        .prop_map(str::to_owned),
        1 => any::<String>(),
    ]
}

fn value() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(6, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            prop::collection::vec((key(), inner), 0..8)
                .prop_map(|pairs| Value::Object(pairs.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

fn options() -> impl Strategy<Value = NormalizeOptions> {
    let f = prop_oneof![
        Just(None),
        any::<f64>().prop_map(Some),
        (0u32..100).prop_map(|d| Some(f64::from(d)))
    ];
    (f.clone(), f.clone(), f, any::<Option<bool>>()).prop_map(
        |(now, expiring_within_days, http_status, include_private_key)| NormalizeOptions {
            now,
            expiring_within_days,
            include_private_key,
            http_status,
            label: None,
        },
    )
}

/// The value wrapped where `provider`'s records live.
fn in_envelope(provider: Provider, record: Value) -> Value {
    match provider {
        Provider::TencentSsl => {
            json!({"Response": {"TotalCount": 1, "Certificates": [record], "RequestId": "r"}})
        }
        Provider::TencentLegacy => json!({"code": 0, "data": {"totalNum": 1, "list": [record]}}),
        Provider::VolcengineLive => {
            json!({"ResponseMetadata": {}, "Result": {"CertList": [record]}})
        }
        Provider::VolcengineCert => {
            json!({"ResponseMetadata": {}, "Result": {"count": 1, "content": [record]}})
        }
        Provider::Qiniu => json!({"marker": "", "certs": [record]}),
        Provider::TencentDns | Provider::VolcengineDns => {
            unreachable!("not a certificate provider")
        }
    }
}

fn fixture(provider: Provider) -> Value {
    read_fixture(match provider {
        Provider::TencentSsl => "tencent-ssl.seed.json",
        Provider::TencentLegacy => "tencent-legacy.seed.json",
        Provider::VolcengineLive => "volcengine-live.seed.json",
        Provider::VolcengineCert => "volcengine-cert.seed.json",
        Provider::Qiniu => "qiniu-get.json",
        Provider::TencentDns | Provider::VolcengineDns => {
            unreachable!("not a certificate provider")
        }
    })
}

fn read_fixture(name: &str) -> Value {
    let text = std::fs::read_to_string(format!(
        "{}/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap_or_default();
    serde_json::from_str(&text).unwrap_or(Value::Null)
}

/// DER-like bytes for a leaf: sometimes with an outer SEQUENCE header of the right length, a
/// to-be-signed SEQUENCE header, a version and a serial INTEGER, so that the parse gets past
/// its first checks and the rest is random.
fn der_ish() -> impl Strategy<Value = Vec<u8>> {
    (
        prop::collection::vec(any::<u8>(), 0..160),
        prop::collection::vec(any::<u8>(), 0..24),
        0u8..4,
    )
        .prop_map(|(rest, serial, shape)| {
            let mut inner = Vec::new();
            if shape >= 1 {
                inner.extend([0x30, 0x81, 0x80]);
            }
            if shape >= 2 {
                inner.extend([0xa0, 0x03, 0x02, 0x01, 0x02]);
            }
            if shape >= 3 {
                inner.extend([0x02, u8::try_from(serial.len()).unwrap_or(0)]);
                inner.extend(&serial);
            }
            inner.extend(rest);
            let mut der = vec![0x30, 0x82];
            der.extend(u16::try_from(inner.len()).unwrap_or(0).to_be_bytes());
            der.extend(inner);
            der
        })
}

/// A PEM text around `der`, sometimes damaged: cut at `cut`, a character replaced at `at`.
fn pem_of(der: &[u8], cut: Option<usize>, at: Option<(usize, char)>) -> String {
    use base64::Engine;
    let mut body = base64::engine::general_purpose::STANDARD.encode(der);
    if let Some((index, c)) = at {
        let index = index % (body.len() + 1);
        if body.is_char_boundary(index) && index < body.len() {
            body.replace_range(index..=index, &c.to_string());
        }
    }
    let mut text = format!("-----BEGIN CERTIFICATE-----\n{body}\n-----END CERTIFICATE-----\n");
    if let Some(cut) = cut {
        let mut cut = cut % (text.len() + 1);
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        text.truncate(cut);
    }
    text
}

/// Replaces the node reached by following `path` (indices taken modulo the children) with `graft`.
fn graft_into(target: &mut Value, path: &[usize], graft: Value) {
    let Some((first, rest)) = path.split_first() else {
        *target = graft;
        return;
    };
    let child = match target {
        Value::Object(map) if !map.is_empty() => {
            let len = map.len();
            map.values_mut().nth(first % len)
        }
        Value::Array(items) if !items.is_empty() => {
            let len = items.len();
            items.get_mut(first % len)
        }
        _ => None,
    };
    match child {
        Some(child) => graft_into(child, rest, graft),
        None => *target = graft,
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn arbitrary_bytes(provider in provider(), bytes in prop::collection::vec(any::<u8>(), 0..512), opts in options()) {
        let body = String::from_utf8_lossy(&bytes);
        let _ = normalize_response(provider, &body, &opts);
    }

    #[test]
    fn arbitrary_json(provider in provider(), v in value(), opts in options()) {
        let _ = normalize_response(provider, &v.to_string(), &opts);
    }

    #[test]
    fn arbitrary_records_in_envelopes(provider in provider(), record in value(), opts in options()) {
        let _ = normalize_response(provider, &in_envelope(provider, record).to_string(), &opts);
    }

    /// Certificate Center records with a real chain and a whole `certificate_detail`, with the
    /// detail grafted into and the leaf replaced by DER-like bytes, damaged or cut. When
    /// `vouch`, the detail's fingerprint is set to the leaf's (whatever its DER), so that the
    /// route that does not parse the leaf is taken with any DER: the record then has the
    /// detail's fingerprint and no warning that the chain cannot be decoded.
    #[test]
    fn certificate_detail_and_leaf_grafts(
        path in prop::collection::vec(any::<usize>(), 0..4),
        graft in prop::option::of(value()),
        der in prop::option::of(der_ish()),
        cut in prop::option::of(any::<usize>()),
        at in prop::option::of((any::<usize>(), any::<char>())),
        vouch in any::<bool>(),
        opts in options(),
    ) {
        let mut body = read_fixture("volcengine-cert.real-chain.json");
        let leaf = &mut body["Result"]["content"][0]["ssl"]["certificate"]["chain"][0];
        let der = der.unwrap_or_else(|| {
            use base64::Engine;
            let pem = leaf.as_str().unwrap_or_default();
            let b64: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
            base64::engine::general_purpose::STANDARD.decode(b64).unwrap_or_default()
        });
        let pem = pem_of(&der, cut, at);
        let vouched = inspect::leaf_der(&pem).filter(|_| vouch).map(|der| x509::fingerprint(&der));
        *leaf = Value::String(pem);
        let detail = &mut body["Result"]["content"][0]["certificate_detail"];
        if let Some(fingerprint) = &vouched {
            detail["fingerprint_sha_256"] = json!(fingerprint.to_ascii_uppercase());
        }
        if let Some(graft) = &graft {
            graft_into(detail, &path, graft.clone());
        }
        let result = normalize_response(Provider::VolcengineCert, &body.to_string(), &opts);
        // (An error can only come of the options: the body is the fixture's.)
        if let (Some(fingerprint), None, Ok(certificates)) = (vouched, graft, result) {
            let c = certificates.first().ok_or_else(|| TestCaseError::fail("no certificate"))?;
            prop_assert_eq!(c.fingerprint_sha256.as_deref(), Some(fingerprint.as_str()));
            prop_assert!(!c.warnings.iter().flatten().any(|w| w.contains("cannot be decoded")));
        }
    }

    #[test]
    fn grafts_into_the_seed_fixtures(provider in provider(), path in prop::collection::vec(any::<usize>(), 0..8), graft in value(), opts in options()) {
        let mut body = fixture(provider);
        graft_into(&mut body, &path, graft);
        let _ = normalize_response(provider, &body.to_string(), &opts);
    }
}

#[test]
fn nesting_thousands_of_levels_deep() {
    for depth in [200, 5_000, 100_000] {
        let arrays = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        let objects = format!("{}1{}", r#"{"a":"#.repeat(depth), "}".repeat(depth));
        for provider in Provider::ALL {
            for nested in [&arrays, &objects] {
                let _ = normalize_response(provider, nested, &NormalizeOptions::default());
                let record = match provider {
                    Provider::TencentSsl => format!(
                        r#"{{"Response":{{"Certificates":[{{"CertificateId":{nested}}}]}}}}"#
                    ),
                    Provider::VolcengineCert => {
                        format!(r#"{{"Result":{{"content":[{{"ssl":{nested}}}]}}}}"#)
                    }
                    _ => format!(
                        r#"{{"certs":[{nested}],"code":0,"Result":{{"CertList":[{nested}]}}}}"#
                    ),
                };
                let result = normalize_response(provider, &record, &NormalizeOptions::default());
                if depth > 128 {
                    assert!(
                        result.is_err(),
                        "{provider} at depth {depth} must be refused, not recursed into"
                    );
                }
            }
        }
    }
}

#[test]
fn huge_numbers() {
    for number in [
        "1e400",
        "-1e400",
        "123456789012345678901234567890",
        "18446744073709551616",
        "-9223372036854775809",
        "1e-400",
        "0.0000000000000000000000001",
    ] {
        for provider in Provider::ALL {
            let body = in_envelope(provider, json!({})).to_string().replace("{}", &format!(
                r#"{{"Status":{number},"status":{number},"order_status":{number},"not_after":{number},"certificate_not_after_ms":{number},"CertificateId":{number},"certid":{number},"TotalCount":{number}}}"#
            ));
            let _ = normalize_response(provider, &body, &NormalizeOptions::default());
        }
    }
}

//! `inspect` against certificates and keys made at test time by OpenSSL
//! (`tests/support/make-certs.sh`): every case of `tests/support/inspect-cases.json`, and every
//! certificate's details against what OpenSSL and Node's `X509Certificate` say of it
//! (`manifest.json`).

#[path = "support/certs.rs"]
mod certs;

use std::time::{SystemTime, UNIX_EPOCH};

use cloudcerts::inspect::{self, InspectOptions, KeyDetails, ProblemCode, Severity};
use serde_json::Value;

fn read(name: &str) -> String {
    let bytes = std::fs::read(certs::dir().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    String::from_utf8_lossy(&bytes).into_owned()
}

fn concat(files: Option<&Value>) -> Option<String> {
    let files = files?.as_array()?;
    Some(files.iter().map(|f| read(f.as_str().unwrap())).collect())
}

fn now_ms() -> i64 {
    i64::try_from(
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_millis(),
    )
    .unwrap()
}

fn cases() -> Vec<Value> {
    let text = include_str!("support/inspect-cases.json");
    let json: Value = serde_json::from_str(text).unwrap();
    json["cases"].as_array().unwrap().clone()
}

#[test]
fn every_case_gives_the_expected_report() {
    let mut failures = Vec::new();
    for case in cases() {
        let name = case["name"].as_str().unwrap();
        let cert = concat(case.get("cert")).unwrap();
        let key = concat(case.get("key"));
        let options: InspectOptions = case
            .get("options")
            .map(|o| serde_json::from_value(o.clone()).unwrap())
            .unwrap_or_default();
        let report = inspect::inspect(&cert, key.as_deref(), &options, now_ms());
        let codes: Vec<String> = report
            .problems
            .iter()
            .map(|p| {
                serde_json::to_value(p.code)
                    .unwrap()
                    .as_str()
                    .unwrap()
                    .to_owned()
            })
            .collect();
        let expected: Vec<String> = case["problems"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap().to_owned())
            .collect();
        if codes != expected {
            failures.push(format!(
                "{name}: problems {codes:?}, expected {expected:?}: {:?}",
                report.problems
            ));
            continue;
        }
        let errors = report
            .problems
            .iter()
            .any(|p| p.severity == Severity::Error);
        let ok = case
            .get("ok")
            .and_then(Value::as_bool)
            .unwrap_or(expected.is_empty());
        if report.ok != ok || report.ok == errors {
            failures.push(format!("{name}: ok {} expected {ok}", report.ok));
        }
        if let Some(matches) = case.get("keyMatches") {
            if report.key_matches != matches.as_bool() {
                failures.push(format!(
                    "{name}: keyMatches {:?} expected {matches}",
                    report.key_matches
                ));
            }
        } else if key.is_none() && report.key_matches.is_some() {
            failures.push(format!("{name}: keyMatches without a key"));
        }
        if let Some(in_order) = case.get("chainInOrder").and_then(Value::as_bool) {
            if report.chain_in_order != in_order {
                failures.push(format!("{name}: chainInOrder {}", report.chain_in_order));
            }
        }
        if let Some(qiniu) = case.get("qiniuCodes").and_then(Value::as_array) {
            let got: Vec<u64> = report
                .problems
                .iter()
                .filter_map(|p| p.qiniu_code.map(u64::from))
                .collect();
            let want: Vec<u64> = qiniu.iter().filter_map(Value::as_u64).collect();
            if got != want {
                failures.push(format!("{name}: qiniu codes {got:?} expected {want:?}"));
            }
        }
        for problem in &report.problems {
            if problem.message.contains("PRIVATE") || problem.message.contains("MII") {
                failures.push(format!(
                    "{name}: message quotes key material: {}",
                    problem.message
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failing cases:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn details_agree_with_openssl_and_node() {
    let manifest: Value = serde_json::from_str(&read("manifest.json")).unwrap();
    let entries = manifest.as_array().unwrap();
    assert!(
        entries.len() >= 10,
        "manifest lists {} certificates",
        entries.len()
    );
    for entry in entries {
        let file = entry["file"].as_str().unwrap();
        let report = inspect::inspect(&read(file), None, &InspectOptions::default(), now_ms());
        let [details] = report.certificates.as_slice() else {
            panic!("{file}: {} certificates", report.certificates.len());
        };
        let text = |v: &Value| v.as_str().map(str::to_owned);
        assert_eq!(details.common_name, text(&entry["subjectCN"]), "{file} CN");
        assert_eq!(
            details.issuer_common_name,
            text(&entry["issuerCN"]),
            "{file} issuer CN"
        );
        assert_eq!(
            Some(details.serial_number.clone()),
            text(&entry["serialHex"]),
            "{file} serial"
        );
        assert_eq!(
            Some(details.fingerprint_sha256.clone()),
            text(&entry["sha256"]),
            "{file} sha256"
        );
        assert_eq!(
            Some(details.not_before.clone()),
            text(&entry["notBefore"]),
            "{file} notBefore"
        );
        assert_eq!(
            Some(details.not_after.clone()),
            text(&entry["notAfter"]),
            "{file} notAfter"
        );
        assert_eq!(
            Some(details.key_algorithm.clone()),
            text(&entry["keyAlgorithm"]),
            "{file} alg"
        );
        assert_eq!(
            details.key_bits.map(u64::from),
            entry["keyBits"].as_u64(),
            "{file} bits"
        );
        assert_eq!(details.curve, text(&entry["curve"]), "{file} curve");
        let sans: Vec<String> = entry["sans"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(text)
            .collect();
        assert_eq!(details.sans, sans, "{file} SANs");
        assert_eq!(
            Some(details.self_signed),
            entry["selfSigned"].as_bool(),
            "{file} self-signed"
        );
        assert!(details
            .subject
            .contains(&format!("CN={}", details.common_name.clone().unwrap())));
    }
}

#[test]
fn upload_refusal_carries_the_errors_and_no_key_material() {
    let report = inspect::inspect(
        &read("chain-reversed.pem"),
        Some(&read("other-rsa.pkcs1.key")),
        &InspectOptions::default(),
        now_ms(),
    );
    let error = inspect::refusal(&report, "upload").expect("refused");
    assert_eq!(error.code, cloudcerts::ErrorCode::InvalidInput);
    assert!(
        error.message.starts_with("upload refused before sending: "),
        "{}",
        error.message
    );
    assert!(
        error.message.contains("1 more problem"),
        "{}",
        error.message
    );
    let problems = error.problems.as_ref().unwrap();
    assert_eq!(problems.len(), 2);
    let key = read("other-rsa.pkcs1.key");
    let body_line = key.lines().nth(1).unwrap();
    assert!(!format!("{error:?}").contains(body_line));

    let fine = inspect::inspect(
        &read("chain-ok.pem"),
        None,
        &InspectOptions::default(),
        now_ms(),
    );
    assert!(inspect::refusal(&fine, "upload").is_none());
}

#[test]
fn leaf_reads_the_first_certificate_of_a_bundle() {
    let leaf = inspect::leaf(&read("chain-full.pem")).unwrap();
    assert_eq!(leaf.common_name.as_deref(), Some("www.example.test"));
    assert_eq!(leaf.public_key.summary(), "RSA 2048");
    assert!(inspect::leaf("no pem").is_none());
    let ec = inspect::leaf(&read("leaf-p384.crt")).unwrap();
    assert_eq!(ec.public_key.summary(), "EC P-384");
}

#[test]
fn certificate_center_records_gain_the_leaf_fields_and_mismatch_warnings() {
    use cloudcerts::model::{NormalizeOptions, Provider};
    let manifest: Value = serde_json::from_str(&read("manifest.json")).unwrap();
    let leaf = manifest
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["file"] == "leaf-rsa.crt")
        .unwrap();
    let ms = |field: &str| {
        let text = leaf[field].as_str().unwrap();
        cloudcerts::vendors::dates::parse_vendor_time(text).unwrap()
    };
    let chain = vec![read("leaf-rsa.crt"), read("inter.crt")];
    let record = |id: &str, sans: Vec<&str>, not_after_ms: i64| {
        serde_json::json!({
            "id": id,
            "common_name": "www.example.test",
            "certificate_not_before_ms": ms("notBefore"),
            "certificate_not_after_ms": not_after_ms,
            "certificate_exist": true,
            "certificate_detail": {"serial_number": "01:02", "encryption_algorithm": "rsa"},
            "ssl": {"san": sans, "certificate": {"chain": chain, "private_key": "-----BEGIN RSA PRIVATE KEY-----\nsecret\n-----END RSA PRIVATE KEY-----\n"}}
        })
    };
    let body = serde_json::json!({
        "ResponseMetadata": {"RequestId": "r", "Action": "CertificateGetInstance"},
        "Result": {"count": 2, "content": [
            record("agrees", vec!["example.test", "*.api.example.test"], ms("notAfter")),
            record("differs", vec!["shop.example.test"], ms("notAfter") + 86_400_000),
        ]}
    })
    .to_string();
    let options = NormalizeOptions {
        now: Some(1.8e12),
        ..NormalizeOptions::default()
    };
    let certificates =
        cloudcerts::vendors::normalize_response(Provider::VolcengineCert, &body, &options).unwrap();
    let [agrees, differs] = certificates.as_slice() else {
        panic!("two certificates")
    };
    for certificate in [agrees, differs] {
        assert_eq!(
            certificate.fingerprint_sha256.as_deref(),
            leaf["sha256"].as_str()
        );
        assert_eq!(
            certificate.serial_number.as_deref(),
            leaf["serialHex"].as_str()
        );
        assert_eq!(certificate.key_algorithm.as_deref(), Some("RSA 2048"));
        assert!(
            !certificate.raw.to_string().contains("secret"),
            "private key removed"
        );
    }
    let warnings = |c: &cloudcerts::model::Certificate| c.warnings.clone().unwrap_or_default();
    // The vendor's serial (01:02) differs from the certificate's: the only warning of the first.
    assert_eq!(warnings(agrees).len(), 1, "{:?}", warnings(agrees));
    assert!(warnings(agrees)[0].contains("serial number 01:02"));
    let differs = warnings(differs);
    assert_eq!(differs.len(), 3, "{differs:?}");
    assert!(differs[1].contains("shop.example.test") && differs[1].contains("*.api.example.test"));
    assert!(differs[2].starts_with("the vendor's notAfter"));
}

fn inspect_with_key(cert: &[&str], key: &str) -> inspect::CertificateReport {
    let cert: String = cert.iter().map(|f| read(f)).collect();
    inspect::inspect(
        &cert,
        Some(&read(key)),
        &InspectOptions::default(),
        now_ms(),
    )
}

fn p521_key(format: &str) -> Option<KeyDetails> {
    Some(KeyDetails {
        algorithm: "EC".into(),
        bits: Some(521),
        curve: Some("P-521".into()),
        format: format.into(),
    })
}

/// A P-521 key that carries its public point is described in full and matched by that point,
/// whether the point is uncompressed or compressed, in SEC1 or PKCS#8.
#[test]
fn p521_keys_are_reported_and_matched_by_their_public_point() {
    let leaf = ["leaf-p521.crt", "inter.crt"];
    for (key, format) in [
        ("leaf-p521.pkcs8.key", "PKCS#8"),
        ("leaf-p521.sec1.key", "SEC1"),
        ("leaf-p521.sec1-compressed.key", "SEC1"),
        // Re-exported from the key without its point by the command UnsupportedKey suggests.
        ("leaf-p521.sec1-repointed.key", "SEC1"),
    ] {
        let report = inspect_with_key(&leaf, key);
        assert_eq!(report.key, p521_key(format), "{key}");
        assert_eq!(report.key_matches, Some(true), "{key}");
        assert!(report.problems.is_empty(), "{key}: {:?}", report.problems);
        assert!(report.ok, "{key}");
        let [details, _] = report.certificates.as_slice() else {
            panic!("{key}: two certificates")
        };
        assert_eq!(
            (details.key_algorithm.as_str(), details.key_bits),
            ("EC", Some(521))
        );
        assert_eq!(details.curve.as_deref(), Some("P-521"));
    }
    for (cert, key) in [
        (&leaf[..], "other-p521.pkcs8.key"),
        (&leaf[..], "leaf-p256.sec1.key"),
        (&["chain-ok.pem"][..], "leaf-p521.sec1.key"),
    ] {
        let report = inspect_with_key(cert, key);
        let codes: Vec<ProblemCode> = report.problems.iter().map(|p| p.code).collect();
        assert_eq!(codes, [ProblemCode::KeyMismatch], "{key}");
        assert_eq!(report.key_matches, Some(false), "{key}");
    }
    let mismatch = inspect_with_key(&leaf, "other-p521.pkcs8.key");
    assert_eq!(
        mismatch.problems[0].message,
        "the private key (EC P-521) does not belong to the leaf certificate (EC P-521)"
    );
    let leaf = inspect::leaf(&read("leaf-p521.crt")).unwrap();
    assert_eq!(leaf.public_key.summary(), "EC P-521");
}

/// Without its public point a P-521 key cannot be matched (no P-521 arithmetic here): a warning
/// that says how to add the point, the key still described, and no verdict.
#[test]
fn p521_key_without_its_public_point_is_unsupported() {
    for (key, format) in [
        ("leaf-p521.sec1-nopub.key", "SEC1"),
        ("leaf-p521.pkcs8-nopub.key", "PKCS#8"),
    ] {
        let report = inspect_with_key(&["leaf-p521.crt", "inter.crt"], key);
        assert_eq!(report.key, p521_key(format), "{key}");
        assert_eq!(report.key_matches, None, "{key}");
        let [problem] = report.problems.as_slice() else {
            panic!("{key}: {:?}", report.problems)
        };
        assert_eq!(
            (problem.code, problem.severity),
            (ProblemCode::UnsupportedKey, Severity::Warning)
        );
        assert!(report.ok, "{key}: a warning only");
        assert_eq!(
            problem.message,
            "whether the key matches cannot be told: this P-521 key does not carry its public \
             point, which can be derived here only for P-256 and P-384 keys; re-export the key \
             with its point (openssl ec -in key.pem -out key-with-point.pem)"
        );
        assert!(
            inspect::refusal(&report, "upload").is_none(),
            "{key}: upload goes on"
        );
    }
}

/// A PKCS#8 key of an algorithm the inspector does not compare (DSA): `UnsupportedKey`.
#[test]
fn dsa_key_is_unsupported() {
    let report = inspect_with_key(&["chain-ok.pem"], "dsa.pkcs8.key");
    let codes: Vec<ProblemCode> = report.problems.iter().map(|p| p.code).collect();
    assert_eq!(codes, [ProblemCode::UnsupportedKey]);
    assert_eq!(report.key_matches, None);
    let key = report.key.unwrap();
    assert_eq!(
        (key.algorithm.as_str(), key.bits, key.format.as_str()),
        ("1.2.840.10040.4.1", None, "PKCS#8")
    );
}

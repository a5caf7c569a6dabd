#![cfg(not(target_arch = "wasm32"))]
//! Golden files: each fixture normalized natively, as JSON, in `tests/fixtures/expected/`. The
//! shipped-build suite (`tests/node/shipped.test.mjs`) checks that `normalizeResponse` of the
//! shipped builds, in Node and in Chromium, returns the same objects. Regenerate with `UPDATE_GOLDEN=1 cargo test --test normalize_golden` and review
//! the diff.

use cloudcerts::model::{NormalizeOptions, Provider};
use cloudcerts::vendors::normalize_response;
use serde_json::Value;

/// Fixture, provider, options as the browser test passes them.
pub const CASES: &[(&str, Provider, &str)] = &[
    (
        "tencent-ssl.seed.json",
        Provider::TencentSsl,
        r#"{"now":1701388800000,"label":"prod"}"#,
    ),
    (
        "tencent-legacy.seed.json",
        Provider::TencentLegacy,
        r#"{"now":1543622400000}"#,
    ),
    (
        "volcengine-live.seed.json",
        Provider::VolcengineLive,
        r#"{"now":1722470400000,"expiringWithinDays":20}"#,
    ),
    (
        "volcengine-cert.seed.json",
        Provider::VolcengineCert,
        r#"{"now":1701388800000}"#,
    ),
    (
        "qiniu-list.json",
        Provider::Qiniu,
        r#"{"now":1701388800000}"#,
    ),
    (
        "qiniu-get.json",
        Provider::Qiniu,
        r#"{"now":1701388800000,"includePrivateKey":true}"#,
    ),
];

#[test]
fn golden_files_match() {
    let dir = format!("{}/tests/fixtures", env!("CARGO_MANIFEST_DIR"));
    for (fixture, provider, options) in CASES {
        let body = std::fs::read_to_string(format!("{dir}/{fixture}")).expect("fixture");
        let options: NormalizeOptions = serde_json::from_str(options).expect("options");
        let certificates = normalize_response(*provider, &body, &options).expect("normalizes");
        let actual: Value = serde_json::to_value(&certificates).expect("serializes");
        let path = format!("{dir}/expected/{fixture}");
        if std::env::var_os("UPDATE_GOLDEN").is_some() {
            let text = serde_json::to_string_pretty(&actual).expect("pretty");
            std::fs::write(&path, text + "\n").expect("write golden");
        }
        let expected: Value = serde_json::from_str(
            &std::fs::read_to_string(&path).expect("golden file; run with UPDATE_GOLDEN=1"),
        )
        .expect("golden JSON");
        assert_eq!(actual, expected, "{fixture}");
    }
}

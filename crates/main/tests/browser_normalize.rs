//! `normalizeResponse` in Chromium returns the same objects as the native build: each fixture
//! against its golden file (written natively by `normalize_golden.rs`), and errors as
//! `CloudCertError`s with their fields.
#![cfg(target_arch = "wasm32")]

use js_sys::{Reflect, JSON};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

macro_rules! case {
    ($fixture:literal, $provider:literal, $options:literal) => {
        (
            $provider,
            include_str!(concat!("../../../tests/fixtures/", $fixture)),
            include_str!(concat!("../../../tests/fixtures/expected/", $fixture)),
            $options,
        )
    };
}

const CASES: &[(&str, &str, &str, &str)] = &[
    case!(
        "tencent-ssl.seed.json",
        "tencent-ssl",
        r#"{"now":1701388800000,"label":"prod"}"#
    ),
    case!(
        "tencent-legacy.seed.json",
        "tencent-legacy",
        r#"{"now":1543622400000}"#
    ),
    case!(
        "volcengine-live.seed.json",
        "volcengine-live",
        r#"{"now":1722470400000,"expiringWithinDays":20}"#
    ),
    case!(
        "volcengine-cert.seed.json",
        "volcengine-cert",
        r#"{"now":1701388800000}"#
    ),
    case!("qiniu-list.json", "qiniu", r#"{"now":1701388800000}"#),
    case!(
        "qiniu-get.json",
        "qiniu",
        r#"{"now":1701388800000,"includePrivateKey":true}"#
    ),
];

fn normalize(provider: &str, body: &str, options: &str) -> Result<JsValue, JsValue> {
    let options = JSON::parse(options).unwrap_or(JsValue::UNDEFINED);
    cloudcerts_main::normalize_response(
        JsValue::from_str(provider),
        JsValue::from_str(body),
        Some(options.unchecked_into()),
    )
    .map_err(JsValue::from)
}

fn get(object: &JsValue, key: &str) -> JsValue {
    Reflect::get(object, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

#[wasm_bindgen_test]
fn fixtures_match_the_native_golden_files() {
    for (provider, body, golden, options) in CASES {
        let result = normalize(provider, body, options).expect("normalizes");
        assert!(js_sys::Array::is_array(&result), "an array of certificates");
        let text = JSON::stringify(&result)
            .ok()
            .and_then(|s| s.as_string())
            .unwrap_or_default();
        let actual: serde_json::Value = serde_json::from_str(&text).expect("JSON");
        let expected: serde_json::Value = serde_json::from_str(golden).expect("golden JSON");
        assert_eq!(actual, expected, "{provider}");
    }
}

#[wasm_bindgen_test]
fn raw_is_a_plain_object_and_absent_fields_are_undefined() {
    let (provider, body, _, options) = CASES[3];
    let result = normalize(provider, body, options).expect("normalizes");
    let first = Reflect::get_u32(&result, 0).unwrap_or(JsValue::UNDEFINED);
    let raw = get(&first, "raw");
    assert_eq!(
        js_sys::Object::get_prototype_of(&raw),
        js_sys::Object::get_prototype_of(&js_sys::Object::new())
    );
    assert_eq!(get(&first, "replacedBy"), JsValue::UNDEFINED);
    assert_eq!(
        get(&first, "status").as_string().as_deref(),
        Some("expiring")
    );
    assert_eq!(get(&first, "daysRemaining").as_f64(), Some(7.0));
}

#[wasm_bindgen_test]
fn vendor_errors_are_cloudcert_errors() {
    let body = r#"{"Response":{"Error":{"Code":"AuthFailure.SignatureExpire","Message":"expired"},"RequestId":"req-9"}}"#;
    let error =
        normalize("tencent-ssl", body, r#"{"httpStatus":200}"#).expect_err("error envelope");
    assert_eq!(
        get(&error, "name").as_string().as_deref(),
        Some("CloudCertError")
    );
    assert_eq!(
        get(&error, "code").as_string().as_deref(),
        Some("ClockSkew")
    );
    assert_eq!(
        get(&error, "vendorCode").as_string().as_deref(),
        Some("AuthFailure.SignatureExpire")
    );
    assert_eq!(
        get(&error, "requestId").as_string().as_deref(),
        Some("req-9")
    );
    assert_eq!(get(&error, "httpStatus").as_f64(), Some(200.0));
    assert_eq!(get(&error, "retryable").as_bool(), Some(true));
    assert!(get(&error, "hint")
        .as_string()
        .is_some_and(|h| h.contains("5 minutes")));

    let error = normalize("qiniu", "<html>gateway</html>", "{}").expect_err("not JSON");
    assert_eq!(
        get(&error, "code").as_string().as_deref(),
        Some("BadResponse")
    );
    let error = normalize("aws", "{}", "{}").expect_err("unknown provider");
    assert_eq!(
        get(&error, "code").as_string().as_deref(),
        Some("InvalidInput")
    );
}

#[wasm_bindgen_test]
fn huge_integers_in_raw_cross_as_numbers() {
    let body = r#"{"marker":"","certs":[{"certid":"x","not_after":1893456000,"big":123456789012345678901234}]}"#;
    let result = normalize("qiniu", body, r#"{"now":1701388800000}"#).expect("normalizes");
    let first = Reflect::get_u32(&result, 0).unwrap_or(JsValue::UNDEFINED);
    assert!(get(&get(&first, "raw"), "big")
        .as_f64()
        .is_some_and(|f| f > 1e23));
}

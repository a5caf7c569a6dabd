//! `signRequest` in a real browser (Chromium, through `wasm-pack test --headless --chrome`):
//! one published vector per provider through the JS boundary, and the shape of a thrown
//! `CloudCertError`.
#![cfg(target_arch = "wasm32")]

use js_sys::{Reflect, JSON};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn js(json: &str) -> JsValue {
    JSON::parse(json).unwrap_or(JsValue::UNDEFINED)
}

fn get(object: &JsValue, key: &str) -> JsValue {
    Reflect::get(object, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn sign(account: &str, request: &str, context: Option<&str>) -> Result<JsValue, JsValue> {
    cloudcerts_main::sign_request(
        js(account),
        js(request),
        context.map(|c| js(c).unchecked_into()),
    )
    .map_err(JsValue::from)
}

fn authorization(signed: &JsValue) -> String {
    get(&get(signed, "headers"), "Authorization")
        .as_string()
        .unwrap_or_default()
}

#[wasm_bindgen_test]
fn tencent_ssl_vector() {
    let signed = sign(
        r#"{"provider":"tencent-ssl","accessKeyId":"AKIDEXAMPLE","secretAccessKey":"SECRETEXAMPLE"}"#,
        r#"{"method":"POST","url":"https://ssl.tencentcloudapi.com/","headers":{"Content-Type":"application/json; charset=utf-8"},"body":"{\"Limit\":1000,\"Offset\":0}"}"#,
        Some(r#"{"timestampMs":1700000000000}"#),
    )
    .expect("signed");
    assert!(authorization(&signed)
        .ends_with("Signature=a1b2874b1f659a73bc2332b954cead7ed0e937f20fb5d575cbffb40402668579"));
    assert_eq!(get(&get(&signed, "headers"), "Host"), JsValue::UNDEFINED);
}

#[wasm_bindgen_test]
fn tencent_legacy_vector() {
    let signed = sign(
        r#"{"provider":"tencent-legacy","accessKeyId":"AKIDEXAMPLE","secretAccessKey":"SECRETEXAMPLE"}"#,
        r#"{"method":"GET","url":"https://wss.api.qcloud.com/v2/index.php?Action=CertGetList&page=1&count=20"}"#,
        Some(r#"{"timestampMs":1700000000000,"nonce":11886}"#),
    )
    .expect("signed");
    let url = get(&signed, "url").as_string().unwrap_or_default();
    assert!(
        url.ends_with("&Signature=uQx%2FRveoVPa8mhRFEGJtImKulDCXmWUUPAt8kR%2FHsoU%3D"),
        "{url}"
    );
}

#[wasm_bindgen_test]
fn volcengine_live_vector() {
    let signed = sign(
        r#"{"provider":"volcengine-live","accessKeyId":"AKLTEXAMPLE","secretAccessKey":"WkdFeE1EQXdNREF3TURBd01EQXc="}"#,
        r#"{"method":"POST","url":"https://live.volcengineapi.com/?Action=ListCertV2&Version=2023-01-01","headers":{"Content-Type":"application/json"},"body":"{\"Available\":true,\"Expiring\":false}"}"#,
        Some(r#"{"timestampMs":1700000000000}"#),
    )
    .expect("signed");
    assert!(authorization(&signed)
        .ends_with("Signature=bb961e21a24eadaf189e3ba547369f6ab8391925299079a963292cb7a0e44f86"));
}

#[wasm_bindgen_test]
fn volcengine_cert_vector() {
    let signed = sign(
        r#"{"provider":"volcengine-cert","accessKeyId":"AKLTEXAMPLE","secretAccessKey":"WkdFeE1EQXdNREF3TURBd01EQXc=","sessionToken":"STSTOKENEXAMPLE"}"#,
        r#"{"method":"GET","url":"https://open.volcengineapi.com/?Action=CertificateGetInstance&Version=2021-06-01&limit=100&page=1&common_name=www.example.com%20*"}"#,
        Some(r#"{"timestampMs":1700000000000}"#),
    )
    .expect("signed");
    assert!(authorization(&signed)
        .ends_with("Signature=c8e27afe15834e36a16e5b893c7c4516402b35126243c9f7d7cc3b482d33a069"));
}

#[wasm_bindgen_test]
fn qiniu_vector_without_context() {
    let signed = sign(
        r#"{"provider":"qiniu","accessKeyId":"MY_ACCESS_KEY","secretAccessKey":"MY_SECRET_KEY"}"#,
        r#"{"method":"GET","url":"https://api.qiniu.com/sslcert?marker=&limit=100"}"#,
        None,
    )
    .expect("signed");
    assert_eq!(
        authorization(&signed),
        "QBox MY_ACCESS_KEY:kW24uQ7m9mkGxUsYYVsSmdn3flo="
    );
}

#[wasm_bindgen_test]
fn default_context_uses_the_browser_clock_and_random_nonce() {
    let signed = sign(
        r#"{"provider":"tencent-legacy","accessKeyId":"AKIDEXAMPLE","secretAccessKey":"SECRETEXAMPLE"}"#,
        r#"{"method":"GET","url":"https://wss.api.qcloud.com/v2/index.php?Action=CertGetList"}"#,
        None,
    )
    .expect("signed");
    let url = get(&signed, "url").as_string().unwrap_or_default();
    let now_s = (js_sys::Date::now() / 1000.0) as i64;
    let timestamp: i64 = url
        .split('&')
        .find_map(|p| p.strip_prefix("Timestamp="))
        .and_then(|t| t.parse().ok())
        .unwrap_or(0);
    assert!((timestamp - now_s).abs() <= 5, "{url}");
    assert!(url.contains("&Nonce="));
}

fn assert_cloudcert_error(error: &JsValue, field: &str) {
    assert!(error.is_instance_of::<js_sys::Error>());
    assert_eq!(
        get(error, "name").as_string().as_deref(),
        Some("CloudCertError")
    );
    assert_eq!(
        get(error, "code").as_string().as_deref(),
        Some("InvalidInput")
    );
    assert_eq!(get(error, "retryable").as_bool(), Some(false));
    let message = get(error, "message").as_string().unwrap_or_default();
    assert!(message.contains(field), "{message}");
    assert!(
        !message.contains("TopSecret") && !message.contains("987654321"),
        "{message}"
    );
}

#[wasm_bindgen_test]
fn bad_input_throws_a_cloudcert_error_without_the_secret() {
    let error = sign(
        r#"{"provider":"tencent-ssl","accessKeyId":"AKID","secretAccessKey":"TopSecret"}"#,
        r#"{"method":"POST","url":"http://ssl.tencentcloudapi.com/"}"#,
        None,
    )
    .expect_err("not https");
    assert_cloudcert_error(&error, "request.url");
    assert_eq!(
        get(&error, "provider").as_string().as_deref(),
        Some("tencent-ssl")
    );

    let error = sign(
        r#"{"provider":"nope","accessKeyId":"AKID","secretAccessKey":"TopSecret"}"#,
        r#"{"method":"GET","url":"https://api.qiniu.com/"}"#,
        None,
    )
    .expect_err("unknown provider");
    assert_cloudcert_error(&error, "account.provider");

    // A number where the secret goes: refused without echoing it.
    let error = sign(
        r#"{"provider":"qiniu","accessKeyId":"AKID","secretAccessKey":987654321}"#,
        r#"{"method":"GET","url":"https://api.qiniu.com/"}"#,
        None,
    )
    .expect_err("numeric secret");
    assert_cloudcert_error(&error, "account");

    let error = sign(
        r#"{"provider":"qiniu","accessKeyId":"AKID","secretAccessKey":"TopSecret"}"#,
        r#"{"method":"GET","url":"https://api.qiniu.com/","headers":{"Host":"evil"}}"#,
        None,
    )
    .expect_err("forbidden header");
    assert_cloudcert_error(&error, "request.headers");
}

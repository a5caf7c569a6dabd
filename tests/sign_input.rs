#![cfg(not(target_arch = "wasm32"))]
//! One test per bad-input rule of `sign_request`: each is `InvalidInput`, names the field, and
//! never contains the secret key.

use std::collections::BTreeMap;

use cloudcerts::model::{Account, HttpRequest, Secret, SignContext};
use cloudcerts::{sign_request, ErrorCode};

const SECRET: &str = "TopSecretValue123";

fn account(provider: &str) -> Account {
    Account {
        provider: provider.into(),
        access_key_id: "AKIDEXAMPLE".into(),
        secret_access_key: Secret::new(SECRET),
        session_token: None,
        region: None,
        endpoint: None,
        label: None,
    }
}

fn request(method: &str, url: &str) -> HttpRequest {
    HttpRequest {
        method: method.into(),
        url: url.into(),
        headers: None,
        body: None,
    }
}

fn with_header(mut req: HttpRequest, name: &str, value: &str) -> HttpRequest {
    req.headers
        .get_or_insert_with(BTreeMap::new)
        .insert(name.into(), value.into());
    req
}

const TENCENT: &str = "https://ssl.tencentcloudapi.com/";

/// Asserts `InvalidInput` whose message starts with `field` and shows no secret.
fn assert_invalid(account: &Account, request: &HttpRequest, field: &str) {
    let context = SignContext {
        timestamp_ms: Some(1.7e12),
        nonce: Some(1.0),
    };
    match sign_request(account, request, &context) {
        Ok(signed) => panic!("expected InvalidInput for {field}, got {signed:?}"),
        Err(error) => {
            assert_eq!(error.code, ErrorCode::InvalidInput, "{error:?}");
            assert!(
                error.message.starts_with(field),
                "message {:?} should name {field}",
                error.message
            );
            assert!(
                !error.message.contains(SECRET),
                "secret leaked: {:?}",
                error.message
            );
            assert!(
                !format!("{error:?}").contains(SECRET),
                "secret leaked in Debug"
            );
        }
    }
}

#[test]
fn unknown_provider() {
    assert_invalid(
        &account("aws-acm"),
        &request("POST", TENCENT),
        "account.provider",
    );
}

#[test]
fn empty_access_key() {
    let mut acc = account("tencent-ssl");
    acc.access_key_id = String::new();
    assert_invalid(&acc, &request("POST", TENCENT), "account.accessKeyId");
}

#[test]
fn non_ascii_access_key() {
    let mut acc = account("qiniu");
    acc.access_key_id = "AKID密钥".into();
    assert_invalid(
        &acc,
        &request("GET", "https://api.qiniu.com/sslcert"),
        "account.accessKeyId",
    );
}

#[test]
fn empty_secret_key() {
    let mut acc = account("volcengine-live");
    acc.secret_access_key = Secret::new("");
    assert_invalid(
        &acc,
        &request(
            "POST",
            "https://live.volcengineapi.com/?Action=ListCertV2&Version=2023-01-01",
        ),
        "account.secretAccessKey",
    );
}

#[test]
fn non_ascii_secret_key_is_not_echoed() {
    let mut acc = account("tencent-legacy");
    acc.secret_access_key = Secret::new(format!("{SECRET}密"));
    assert_invalid(
        &acc,
        &request(
            "GET",
            "https://wss.api.qcloud.com/v2/index.php?Action=CertGetList",
        ),
        "account.secretAccessKey",
    );
}

#[test]
fn secret_with_space_or_control_character() {
    for bad in [format!("{SECRET} x"), format!("{SECRET}\n")] {
        let mut acc = account("tencent-ssl");
        acc.secret_access_key = Secret::new(bad);
        assert_invalid(&acc, &request("POST", TENCENT), "account.secretAccessKey");
    }
}

#[test]
fn session_token_with_line_break() {
    let mut acc = account("volcengine-cert");
    acc.session_token = Some(Secret::new("tok\r\nX-Evil: 1"));
    assert_invalid(
        &acc,
        &request(
            "GET",
            "https://open.volcengineapi.com/?Action=CertificateGetInstance",
        ),
        "account.sessionToken",
    );
}

#[test]
fn qiniu_takes_no_session_token() {
    let mut acc = account("qiniu");
    acc.session_token = Some(Secret::new("token"));
    assert_invalid(
        &acc,
        &request("GET", "https://api.qiniu.com/sslcert"),
        "account.sessionToken",
    );
}

#[test]
fn bad_region() {
    let mut acc = account("volcengine-live");
    acc.region = Some("cn-north-1/../x".into());
    assert_invalid(
        &acc,
        &request("POST", "https://live.volcengineapi.com/"),
        "account.region",
    );
}

#[test]
fn url_that_is_not_https() {
    assert_invalid(
        &account("tencent-ssl"),
        &request("POST", "http://ssl.tencentcloudapi.com/"),
        "request.url",
    );
}

#[test]
fn url_that_is_not_a_url() {
    assert_invalid(
        &account("tencent-ssl"),
        &request("POST", "ssl.tencentcloudapi.com"),
        "request.url",
    );
}

#[test]
fn url_of_another_providers_host() {
    assert_invalid(
        &account("tencent-ssl"),
        &request("POST", "https://live.volcengineapi.com/"),
        "request.url",
    );
    assert_invalid(
        &account("qiniu"),
        &request("GET", "https://api.qiniu.com.evil.example/sslcert"),
        "request.url",
    );
    assert_invalid(
        &account("qiniu"),
        &request("GET", "https://api.qiniu.com:8443/sslcert"),
        "request.url",
    );
}

#[test]
fn url_with_user_info() {
    assert_invalid(
        &account("qiniu"),
        &request("GET", "https://user:pw@api.qiniu.com/sslcert"),
        "request.url",
    );
}

#[test]
fn endpoint_admits_another_host_and_only_that_one() {
    let mut acc = account("tencent-ssl");
    acc.endpoint = Some("https://ssl.internal.example:8443".into());
    let ok = sign_request(
        &acc,
        &request("POST", "https://ssl.internal.example:8443/"),
        &SignContext::default(),
    );
    assert!(ok.is_ok(), "{ok:?}");
    assert_invalid(&acc, &request("POST", TENCENT), "request.url");
}

#[test]
fn regional_tencent_host_is_accepted() {
    let ok = sign_request(
        &account("tencent-ssl"),
        &request("POST", "https://ssl.ap-guangzhou.tencentcloudapi.com/"),
        &SignContext::default(),
    );
    assert!(ok.is_ok(), "{ok:?}");
    assert_invalid(
        &account("tencent-ssl"),
        &request("POST", "https://ssl.a.b.tencentcloudapi.com/"),
        "request.url",
    );
}

#[test]
fn header_name_fetch_rejects() {
    assert_invalid(
        &account("tencent-ssl"),
        &with_header(request("POST", TENCENT), "X Bad", "1"),
        "request.headers: a header name is not a valid HTTP token",
    );
    assert_invalid(
        &account("tencent-ssl"),
        &with_header(request("POST", TENCENT), "X-Bad:", "1"),
        "request.headers",
    );
    assert_invalid(
        &account("tencent-ssl"),
        &with_header(request("POST", TENCENT), "", "1"),
        "request.headers",
    );
}

#[test]
fn forbidden_header_names() {
    for name in [
        "Host",
        "date",
        "Content-Length",
        "Cookie",
        "Proxy-Authorization",
        "Sec-Fetch-Mode",
        "Origin",
    ] {
        assert_invalid(
            &account("volcengine-live"),
            &with_header(
                request("POST", "https://live.volcengineapi.com/"),
                name,
                "x",
            ),
            "request.headers",
        );
    }
}

#[test]
fn header_value_fetch_rejects() {
    for value in ["a\r\nX-Injected: 1", "a\nb", "nul\0", "中文"] {
        assert_invalid(
            &account("qiniu"),
            &with_header(
                request("GET", "https://api.qiniu.com/sslcert"),
                "X-Note",
                value,
            ),
            "request.headers: a header value must be printable ASCII",
        );
    }
}

#[test]
fn header_errors_quote_no_name_or_value_the_caller_wrote() {
    // A name fetch forbids is named from the library's own list, in lower case.
    assert_invalid(
        &account("qiniu"),
        &with_header(request("GET", "https://api.qiniu.com/sslcert"), "HOST", "x"),
        "request.headers[\"host\"]: is a header fetch does not let a page set",
    );
    for (name, value) in [
        ("X-Secret-Name\u{e9}", "1"),
        ("Proxy-Secret-Name", "1"),
        ("X-Note", "secret-value\n"),
    ] {
        let req = with_header(request("GET", "https://api.qiniu.com/sslcert"), name, value);
        let context = SignContext {
            timestamp_ms: Some(1.7e12),
            nonce: Some(1.0),
        };
        let error = sign_request(&account("qiniu"), &req, &context).expect_err(name);
        assert!(
            !error.message.to_ascii_lowercase().contains("secret"),
            "{}",
            error.message
        );
    }
}

#[test]
fn header_given_twice_in_different_case() {
    let req = with_header(
        with_header(request("POST", TENCENT), "content-type", "application/json"),
        "Content-Type",
        "text/plain",
    );
    assert_invalid(&account("tencent-ssl"), &req, "request.headers");
}

#[test]
fn method_that_is_not_a_token_or_forbidden() {
    assert_invalid(
        &account("qiniu"),
        &request("GE T", "https://api.qiniu.com/sslcert"),
        "request.method",
    );
    assert_invalid(
        &account("qiniu"),
        &request("TRACE", "https://api.qiniu.com/sslcert"),
        "request.method",
    );
    assert_invalid(
        &account("qiniu"),
        &request("", "https://api.qiniu.com/sslcert"),
        "request.method",
    );
}

#[test]
fn get_with_a_body() {
    let mut req = request("GET", "https://api.qiniu.com/sslcert");
    req.body = Some("x".into());
    assert_invalid(&account("qiniu"), &req, "request.body");
}

#[test]
fn legacy_repeated_parameter() {
    assert_invalid(
        &account("tencent-legacy"),
        &request(
            "GET",
            "https://wss.api.qcloud.com/v2/index.php?Action=CertGetList&id=1&id=2",
        ),
        "request.url",
    );
}

#[test]
fn legacy_unknown_signature_method() {
    assert_invalid(
        &account("tencent-legacy"),
        &request(
            "GET",
            "https://wss.api.qcloud.com/v2/index.php?Action=CertGetList&SignatureMethod=MD5",
        ),
        "SignatureMethod",
    );
}

#[test]
fn bad_context_values() {
    let context = SignContext {
        timestamp_ms: Some(f64::INFINITY),
        nonce: None,
    };
    let error = sign_request(
        &account("qiniu"),
        &request("GET", "https://api.qiniu.com/sslcert"),
        &context,
    )
    .expect_err("invalid");
    assert_eq!(error.code, ErrorCode::InvalidInput);
    assert!(error.message.starts_with("context.timestampMs"));
}

#[test]
fn debug_output_of_an_account_hides_the_secret() {
    let mut acc = account("tencent-ssl");
    acc.session_token = Some(Secret::new("SessionTokenValue"));
    let shown = format!("{acc:?}");
    assert!(
        !shown.contains(SECRET) && !shown.contains("SessionTokenValue"),
        "{shown}"
    );
}

#[test]
fn lower_case_method_is_upper_cased_and_host_never_returned() {
    let out = sign_request(
        &account("qiniu"),
        &request("get", "https://API.qiniu.com/sslcert"),
        &SignContext::default(),
    )
    .expect("valid");
    assert_eq!(out.method, "GET");
    assert_eq!(out.url, "https://api.qiniu.com/sslcert");
    assert!(out.headers.keys().all(|k| !k.eq_ignore_ascii_case("host")));
}

#[test]
fn debug_output_of_requests_hides_tokens_and_bodies() {
    let mut acc = account("tencent-legacy");
    acc.session_token = Some(Secret::new("SessionTokenValue"));
    let req = request(
        "GET",
        "https://wss.api.qcloud.com/v2/index.php?Action=CertGetList&note=private",
    );
    let signed = sign_request(
        &acc,
        &req,
        &SignContext {
            timestamp_ms: Some(1.7e12),
            nonce: Some(1.0),
        },
    )
    .expect("signs");
    assert!(
        signed.url.contains("Token=SessionTokenValue"),
        "the token travels in the URL"
    );
    let shown = format!("{signed:?} {req:?}");
    assert!(
        !shown.contains("SessionTokenValue") && !shown.contains("private"),
        "{shown}"
    );
    let mut tc = account("tencent-ssl");
    tc.session_token = Some(Secret::new("SessionTokenValue"));
    let signed = sign_request(
        &tc,
        &with_header(request("POST", TENCENT), "X-Note", "n"),
        &SignContext::default(),
    )
    .expect("signs");
    assert_eq!(signed.headers["X-TC-Token"], "SessionTokenValue");
    assert!(!format!("{signed:?}").contains("SessionTokenValue"));
}

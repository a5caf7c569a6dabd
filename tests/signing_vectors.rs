#![cfg(not(target_arch = "wasm32"))]
//! Every published test vector of `shared/signing.md`, through the public `sign_request` where
//! the vector is for one of our providers' hosts, and through the scheme cores otherwise.

use std::collections::BTreeMap;

use cloudcerts::model::{Account, HttpRequest, Secret, SignContext, SignedRequest};
use cloudcerts::sign::{self, qbox, tc3, tencent_v2, volcengine};

fn account(provider: &str, ak: &str, sk: &str) -> Account {
    Account {
        provider: provider.into(),
        access_key_id: ak.into(),
        secret_access_key: Secret::new(sk),
        session_token: None,
        region: None,
        endpoint: None,
        label: None,
    }
}

fn request(method: &str, url: &str, headers: &[(&str, &str)], body: Option<&str>) -> HttpRequest {
    let headers: BTreeMap<String, String> = headers
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    HttpRequest {
        method: method.into(),
        url: url.into(),
        headers: Some(headers),
        body: body.map(str::to_owned),
    }
}

fn at(seconds: i64) -> SignContext {
    SignContext {
        timestamp_ms: Some(seconds as f64 * 1000.0),
        nonce: Some(11886.0),
    }
}

fn signed(account: &Account, request: &HttpRequest, context: &SignContext) -> SignedRequest {
    match sign::sign_request(account, request, context) {
        Ok(signed) => signed,
        Err(e) => panic!("signing failed: {e:?}"),
    }
}

fn signature_of(authorization: &str) -> &str {
    authorization.rsplit("Signature=").next().unwrap_or("")
}

// ---- Tencent Cloud API 3.0 (TC3-HMAC-SHA256) ----

#[test]
fn tc3_vector_1_describe_certificates() {
    let acc = account("tencent-ssl", "AKIDEXAMPLE", "SECRETEXAMPLE");
    let req = request(
        "POST",
        "https://ssl.tencentcloudapi.com/",
        &[
            ("Content-Type", "application/json; charset=utf-8"),
            ("X-TC-Action", "DescribeCertificates"),
        ],
        Some(r#"{"Limit":1000,"Offset":0}"#),
    );
    let out = signed(&acc, &req, &at(1_700_000_000));
    assert_eq!(
        out.headers["Authorization"],
        "TC3-HMAC-SHA256 Credential=AKIDEXAMPLE/2023-11-14/ssl/tc3_request, SignedHeaders=content-type;host, \
         Signature=a1b2874b1f659a73bc2332b954cead7ed0e937f20fb5d575cbffb40402668579"
    );
    assert_eq!(out.headers["X-TC-Timestamp"], "1700000000");
    assert_eq!(out.headers["X-TC-Action"], "DescribeCertificates");
    assert!(!out.headers.keys().any(|k| k.eq_ignore_ascii_case("host")));
    assert_eq!(out.body.as_deref(), Some(r#"{"Limit":1000,"Offset":0}"#));
}

#[test]
fn tc3_vector_2_empty_object_body() {
    let acc = account(
        "tencent-ssl",
        "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE",
        "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE",
    );
    let req = request(
        "POST",
        "https://ssl.tencentcloudapi.com/",
        &[("Content-Type", "application/json; charset=utf-8")],
        Some("{}"),
    );
    let out = signed(&acc, &req, &at(1_551_113_065));
    assert_eq!(
        signature_of(&out.headers["Authorization"]),
        "7dc38c6247004f3a95e578a174f8ada2e5940acfcd26297570c7dd02a44dec4f"
    );
    assert!(out.headers["Authorization"]
        .contains("Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/ssl/tc3_request"));
}

#[test]
fn tc3_default_content_type_is_the_signed_one() {
    let acc = account("tencent-ssl", "AKIDEXAMPLE", "SECRETEXAMPLE");
    let req = request(
        "POST",
        "https://ssl.tencentcloudapi.com/",
        &[],
        Some(r#"{"Limit":1000,"Offset":0}"#),
    );
    let out = signed(&acc, &req, &at(1_700_000_000));
    assert_eq!(
        out.headers["Content-Type"],
        "application/json; charset=utf-8"
    );
    assert_eq!(
        signature_of(&out.headers["Authorization"]),
        "a1b2874b1f659a73bc2332b954cead7ed0e937f20fb5d575cbffb40402668579"
    );
}

#[test]
fn tc3_session_token_is_sent_but_not_signed() {
    let mut acc = account("tencent-ssl", "AKIDEXAMPLE", "SECRETEXAMPLE");
    acc.session_token = Some(Secret::new("TOKEN123"));
    let req = request(
        "POST",
        "https://ssl.tencentcloudapi.com/",
        &[],
        Some(r#"{"Limit":1000,"Offset":0}"#),
    );
    let out = signed(&acc, &req, &at(1_700_000_000));
    assert_eq!(out.headers["X-TC-Token"], "TOKEN123");
    assert_eq!(
        signature_of(&out.headers["Authorization"]),
        "a1b2874b1f659a73bc2332b954cead7ed0e937f20fb5d575cbffb40402668579"
    );
}

#[test]
fn tc3_documentation_example_cvm() {
    let body =
        r#"{"Limit": 1, "Filters": [{"Values": ["\u672a\u547d\u540d"], "Name": "instance-name"}]}"#;
    let canonical = tc3::canonical_request(&tc3::Tc3Request {
        method: "POST",
        path: "/",
        query: "",
        content_type: "application/json; charset=utf-8",
        host: "cvm.tencentcloudapi.com",
        body: body.as_bytes(),
    });
    assert_eq!(
        cloudcerts::sign::encoding::sha256_hex(canonical.as_bytes()),
        "5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031"
    );
    let sig = tc3::signature(
        "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE",
        "cvm",
        1_551_113_065,
        "2019-02-25",
        &canonical,
    );
    assert_eq!(
        sig,
        "72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168"
    );
}

// ---- Volcengine (HMAC-SHA256) ----

#[test]
fn volcengine_live_vector() {
    let acc = account(
        "volcengine-live",
        "AKLTEXAMPLE",
        "WkdFeE1EQXdNREF3TURBd01EQXc=",
    );
    let req = request(
        "POST",
        "https://live.volcengineapi.com/?Action=ListCertV2&Version=2023-01-01",
        &[("Content-Type", "application/json")],
        Some(r#"{"Available":true,"Expiring":false}"#),
    );
    let out = signed(&acc, &req, &at(1_700_000_000));
    assert_eq!(out.headers["X-Date"], "20231114T221320Z");
    assert_eq!(
        out.headers["X-Content-Sha256"],
        "350648e74f97002f0d58505de9668746c314256b9cadfff8589b4f3986699099"
    );
    assert_eq!(
        out.headers["Authorization"],
        "HMAC-SHA256 Credential=AKLTEXAMPLE/20231114/cn-north-1/live/request, \
         SignedHeaders=host;x-content-sha256;x-date, \
         Signature=bb961e21a24eadaf189e3ba547369f6ab8391925299079a963292cb7a0e44f86"
    );
}

#[test]
fn volcengine_certificate_center_vector_with_session_token() {
    let mut acc = account(
        "volcengine-cert",
        "AKLTEXAMPLE",
        "WkdFeE1EQXdNREF3TURBd01EQXc=",
    );
    acc.session_token = Some(Secret::new("STSTOKENEXAMPLE"));
    let req = request(
        "GET",
        "https://open.volcengineapi.com/?Action=CertificateGetInstance&Version=2021-06-01&limit=100&page=1&common_name=www.example.com%20*",
        &[],
        None,
    );
    let out = signed(&acc, &req, &at(1_700_000_000));
    assert_eq!(
        volcengine::canonical_query("Action=CertificateGetInstance&Version=2021-06-01&limit=100&page=1&common_name=www.example.com%20*"),
        "Action=CertificateGetInstance&Version=2021-06-01&common_name=www.example.com%20%2A&limit=100&page=1"
    );
    assert_eq!(out.headers["X-Security-Token"], "STSTOKENEXAMPLE");
    assert!(!out.headers.contains_key("X-Content-Sha256"));
    assert!(out.headers["Authorization"].contains("SignedHeaders=host;x-date;x-security-token,"));
    assert_eq!(
        signature_of(&out.headers["Authorization"]),
        "c8e27afe15834e36a16e5b893c7c4516402b35126243c9f7d7cc3b482d33a069"
    );
}

const VOLC_DOC_AK: &str = "AKLTMjI2ODVlYzI3ZGY1NGU4ZjhjYWRjMTlmNTM5OTZkYzE";
const VOLC_DOC_SK: &str = "TnpCak5XWXpZV1U0WkRaaE5ERmxaR0ZpTmpjeVkyUXlZek0wTWpJMU1qWQ==";

#[test]
fn volcengine_documentation_example_iam_signs_content_type() {
    let empty_sha = cloudcerts::sign::encoding::sha256_hex(b"");
    let headers = vec![
        (
            "Content-Type".to_owned(),
            "application/x-www-form-urlencoded; charset=utf-8".to_owned(),
        ),
        ("Host".to_owned(), "iam.volcengineapi.com".to_owned()),
        ("X-Content-Sha256".to_owned(), empty_sha.clone()),
        ("X-Date".to_owned(), "20201230T081805Z".to_owned()),
    ];
    let canonical = volcengine::canonical_request(&volcengine::VolcRequest {
        method: "GET",
        path: "/",
        query: "Action=ListUsers&Version=2018-01-01&Limit=10&Offset=0",
        signed_headers: &headers,
        body_sha256: &empty_sha,
    });
    assert!(canonical.contains("\nAction=ListUsers&Limit=10&Offset=0&Version=2018-01-01\n"));
    assert_eq!(
        cloudcerts::sign::encoding::sha256_hex(canonical.as_bytes()),
        "3a4d4dee07c3308a52da01bc12d7a83c3705bfa543f51648f46de880bb2a7447"
    );
    let sig = volcengine::signature(
        VOLC_DOC_SK,
        "20201230T081805Z",
        "cn-north-1",
        "iam",
        &canonical,
    );
    assert_eq!(
        sig,
        "28eeabbbd726b87002e0fe58ad8c1c768e619b06e2646f35b6ad7ed029a6d8a7"
    );
}

#[test]
fn volcengine_documentation_keys_certificate_center() {
    let acc = account("volcengine-cert", VOLC_DOC_AK, VOLC_DOC_SK);
    let req = request("GET", "https://open.volcengineapi.com/?Action=CertificateGetInstance&Version=2021-06-01&limit=10&page=1", &[], None);
    // 2020-12-30T08:18:05Z
    let out = signed(&acc, &req, &at(1_609_316_285));
    assert_eq!(out.headers["X-Date"], "20201230T081805Z");
    assert!(out.headers["Authorization"]
        .contains("/20201230/cn-north-1/certificate_service/request, SignedHeaders=host;x-date,"));
    assert_eq!(
        signature_of(&out.headers["Authorization"]),
        "3aa3b7f3574a798656ae6960c85dae301c0cc7f8a8cb6cd229b69cea2b2172f9"
    );
}

// ---- Tencent Cloud API 2.0 (query signature) ----

fn params(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[test]
fn legacy_vectors_sha1_and_sha256() {
    let base = [
        ("page", "1"),
        ("count", "20"),
        ("Timestamp", "1700000000"),
        ("SecretId", "AKIDEXAMPLE"),
        ("Nonce", "11886"),
        ("Action", "CertGetList"),
    ];
    let sha1_string =
        tencent_v2::string_to_sign("GET", "wss.api.qcloud.com", "/v2/index.php", &params(&base));
    assert_eq!(
        sha1_string,
        "GETwss.api.qcloud.com/v2/index.php?Action=CertGetList&Nonce=11886&SecretId=AKIDEXAMPLE&Timestamp=1700000000&count=20&page=1"
    );
    assert_eq!(
        tencent_v2::signature(
            "SECRETEXAMPLE",
            &sha1_string,
            tencent_v2::V2Method::HmacSha1
        ),
        "r06Nsq3yUeQpYaIazv6Nkzd4pes="
    );
}

#[test]
fn legacy_sha256_vector_through_sign_request() {
    let acc = account("tencent-legacy", "AKIDEXAMPLE", "SECRETEXAMPLE");
    let req = request(
        "GET",
        "https://wss.api.qcloud.com/v2/index.php?Action=CertGetList&page=1&count=20",
        &[],
        None,
    );
    let out = signed(&acc, &req, &at(1_700_000_000));
    assert_eq!(
        out.url,
        "https://wss.api.qcloud.com/v2/index.php?Action=CertGetList&Nonce=11886&SecretId=AKIDEXAMPLE\
         &SignatureMethod=HmacSHA256&Timestamp=1700000000&count=20&page=1\
         &Signature=uQx%2FRveoVPa8mhRFEGJtImKulDCXmWUUPAt8kR%2FHsoU%3D"
    );
    assert!(out.headers.is_empty());
}

#[test]
fn legacy_explicit_sha1_is_honoured() {
    let acc = account("tencent-legacy", "AKIDEXAMPLE", "SECRETEXAMPLE");
    let req = request(
        "GET",
        "https://wss.api.qcloud.com/v2/index.php?Action=CertGetList&SignatureMethod=HmacSHA1",
        &[],
        None,
    );
    let out = signed(&acc, &req, &at(1_700_000_000));
    let expected_string = "GETwss.api.qcloud.com/v2/index.php?Action=CertGetList&Nonce=11886&SecretId=AKIDEXAMPLE&SignatureMethod=HmacSHA1&Timestamp=1700000000";
    let expected = tencent_v2::signature(
        "SECRETEXAMPLE",
        expected_string,
        tencent_v2::V2Method::HmacSha1,
    );
    let encoded = cloudcerts::sign::encoding::strict_encode(&expected);
    assert!(
        out.url.ends_with(&format!("&Signature={encoded}")),
        "{}",
        out.url
    );
}

#[test]
fn legacy_post_puts_everything_in_the_form_body() {
    let acc = account("tencent-legacy", "AKIDEXAMPLE", "SECRETEXAMPLE");
    let req = request(
        "POST",
        "https://wss.api.qcloud.com/v2/index.php",
        &[("Content-Type", "application/x-www-form-urlencoded")],
        Some("Action=CertGetList&page=1&count=20"),
    );
    let out = signed(&acc, &req, &at(1_700_000_000));
    assert_eq!(out.url, "https://wss.api.qcloud.com/v2/index.php");
    let string = "POSTwss.api.qcloud.com/v2/index.php?Action=CertGetList&Nonce=11886&SecretId=AKIDEXAMPLE&SignatureMethod=HmacSHA256&Timestamp=1700000000&count=20&page=1";
    let sig = cloudcerts::sign::encoding::strict_encode(&tencent_v2::signature(
        "SECRETEXAMPLE",
        string,
        tencent_v2::V2Method::HmacSha256,
    ));
    assert_eq!(
        out.body.as_deref(),
        Some(format!("Action=CertGetList&Nonce=11886&SecretId=AKIDEXAMPLE&SignatureMethod=HmacSHA256&Timestamp=1700000000&count=20&page=1&Signature={sig}").as_str())
    );
}

#[test]
fn legacy_documentation_examples() {
    let cvm = [
        ("Action", "DescribeInstances"),
        ("InstanceIds.0", "ins-09dx96dg"),
        ("Nonce", "11886"),
        ("Region", "ap-guangzhou"),
        ("SecretId", "AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA"),
        ("SignatureMethod", "HmacSHA256"),
        ("Timestamp", "1465185768"),
    ];
    let mut shuffled = params(&cvm);
    shuffled.reverse();
    let string =
        tencent_v2::string_to_sign("GET", "cvm.api.qcloud.com", "/v2/index.php", &shuffled);
    assert_eq!(string, "GETcvm.api.qcloud.com/v2/index.php?Action=DescribeInstances&InstanceIds.0=ins-09dx96dg&Nonce=11886&Region=ap-guangzhou&SecretId=AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA&SignatureMethod=HmacSHA256&Timestamp=1465185768");
    let key = "Gu5t9xGARNpq86cd98joQYCN3Cozk1qA";
    let sig = tencent_v2::signature(key, &string, tencent_v2::V2Method::HmacSha256);
    assert_eq!(sig, "0EEm/HtGRr/VJXTAD9tYMth1Bzm3lLHz5RCDv1GdM8s=");
    assert_eq!(
        cloudcerts::sign::encoding::strict_encode(&sig),
        "0EEm%2FHtGRr%2FVJXTAD9tYMth1Bzm3lLHz5RCDv1GdM8s%3D"
    );

    let sha1_string = string.replace("SignatureMethod=HmacSHA256", "SignatureMethod=HmacSHA1");
    assert_eq!(
        tencent_v2::signature(key, &sha1_string, tencent_v2::V2Method::HmacSha1),
        "nPVnY6njQmwQ8ciqbPl5Qe+Oru4="
    );

    // Older revision: byte order puts lower-case names after upper-case ones.
    let older = params(&[
        ("limit", "20"),
        ("offset", "0"),
        ("instanceIds.0", "ins-09dx96dg"),
        ("Timestamp", "1465185768"),
        ("SecretId", "AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA"),
        ("Region", "gz"),
        ("Nonce", "11886"),
        ("Action", "DescribeInstances"),
    ]);
    let older_string =
        tencent_v2::string_to_sign("GET", "cvm.api.qcloud.com", "/v2/index.php", &older);
    assert_eq!(older_string, "GETcvm.api.qcloud.com/v2/index.php?Action=DescribeInstances&Nonce=11886&Region=gz&SecretId=AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA&Timestamp=1465185768&instanceIds.0=ins-09dx96dg&limit=20&offset=0");
    assert_eq!(
        tencent_v2::signature(key, &older_string, tencent_v2::V2Method::HmacSha1),
        "NSI3UqqD99b/UJb4tbG/xZpRW64="
    );
}

#[test]
fn legacy_underscore_names_are_signed_with_dots() {
    let string =
        tencent_v2::string_to_sign("GET", "h", "/p", &params(&[("a_b", "1"), ("_c_d", "2")]));
    assert_eq!(string, "GETh/p?_c_d=2&a.b=1");
}

// ---- Qiniu (QBox) ----

#[test]
fn qiniu_documentation_example() {
    let token = qbox::token(
        "MY_ACCESS_KEY",
        "MY_SECRET_KEY",
        "/move/bmV3ZG9jczpmaW5kX21hbi50eHQ=/bmV3ZG9jczpmaW5kLm1hbi50eHQ=",
        None,
    );
    assert_eq!(token, "MY_ACCESS_KEY:FXsYh0wKHYPEsIAgdPD9OfjkeEM=");
    let hmac = cloudcerts::sign::encoding::hmac_sha1(
        b"MY_SECRET_KEY",
        b"/move/bmV3ZG9jczpmaW5kX21hbi50eHQ=/bmV3ZG9jczpmaW5kLm1hbi50eHQ=\n",
    );
    assert_eq!(
        hex::encode(hmac),
        "157b18874c0a1d83c4b0802074f0fd39f8e47843"
    );
}

#[test]
fn qiniu_vectors_through_sign_request() {
    let acc = account("qiniu", "MY_ACCESS_KEY", "MY_SECRET_KEY");
    let cases = [
        (
            request(
                "GET",
                "https://api.qiniu.com/sslcert?marker=&limit=100",
                &[],
                None,
            ),
            "kW24uQ7m9mkGxUsYYVsSmdn3flo=",
        ),
        (
            request(
                "DELETE",
                "https://api.qiniu.com/sslcert/5e8a2c1f0000000000000000",
                &[],
                None,
            ),
            "E69ESK9WDet5-EvyK_HJb02erS8=",
        ),
        (
            request(
                "POST",
                "https://api.qiniu.com/some/path?x=1",
                &[("Content-Type", "application/x-www-form-urlencoded")],
                Some("a=1&b=2"),
            ),
            "m5AUt4bsx_5nikpZlhkdILBgd7g=",
        ),
    ];
    for (req, sign) in cases {
        let out = signed(&acc, &req, &SignContext::default());
        assert_eq!(
            out.headers["Authorization"],
            format!("QBox MY_ACCESS_KEY:{sign}"),
            "{}",
            req.url
        );
    }
}

#[test]
fn qiniu_json_body_is_not_signed() {
    let acc = account("qiniu", "MY_ACCESS_KEY", "MY_SECRET_KEY");
    let with_json = request(
        "POST",
        "https://api.qiniu.com/some/path?x=1",
        &[("Content-Type", "application/json")],
        Some("a=1&b=2"),
    );
    let out = signed(&acc, &with_json, &SignContext::default());
    assert_eq!(
        out.headers["Authorization"],
        format!(
            "QBox {}",
            qbox::token("MY_ACCESS_KEY", "MY_SECRET_KEY", "/some/path?x=1", None)
        )
    );
}

#[test]
fn qiniu_go_sdk_vectors() {
    assert_eq!(
        qbox::token("ak", "sk", "", Some("name=test&language=go")),
        "ak:h8gBb1Adb2Jgoys1N8sRVAnNvpw="
    );
    assert_eq!(
        qbox::token("ak", "sk", "", None),
        "ak:qfWnqF1E_vfzjZnReCVkcSMl29M="
    );
}

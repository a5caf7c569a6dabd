//! The ACME building blocks (src/acme/) against independent implementations: Node's `crypto`
//! verifies the ES256 signatures, recomputes the JWK thumbprint, the DNS-01 digest and the
//! external account binding's HMAC, and reads our PEM; OpenSSL verifies the CSR's signature and
//! lists its names and key. Problem documents and the CA's objects are read from RFC 8555's
//! examples, from broken variants, and from arbitrary JSON (property tests) without a panic.

use std::io::Write as _;
use std::process::{Command, Stdio};

use cloudcerts::ErrorCode;
use cloudcerts_acme::csr::certificate_request;
use cloudcerts_acme::jws::{self, Signer};
use cloudcerts_acme::keys::{CertificateKey, EcKey, RsaKey};
use cloudcerts_acme::objects::{Authorization, Directory, Order, Status};
use cloudcerts_acme::problem::Problem;
use proptest::prelude::*;
use serde_json::{json, Value};

/// Runs `node` with `script` (an ES module) and `input` on stdin; returns stdout.
fn node(script: &str, input: &str) -> String {
    let mut child = Command::new("node")
        .args(["--input-type=module", "-e", script])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("node runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("write stdin");
    let out = child.wait_with_output().expect("node ends");
    assert!(
        out.status.success(),
        "node failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .expect("utf-8")
        .trim()
        .to_owned()
}

/// Runs `openssl` with `args` and `input` on stdin; returns stdout and stderr.
fn openssl(args: &[&str], input: &[u8]) -> String {
    let mut child = Command::new("openssl")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("openssl runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input)
        .expect("write stdin");
    let out = child.wait_with_output().expect("openssl ends");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "openssl {args:?} failed: {text}");
    text
}

const NODE_READS_JWS: &str = r#"
import { createHash, createPrivateKey, createPublicKey, verify } from "node:crypto";
const { jws, jwk, pem } = JSON.parse(await new Response(process.stdin).text());
const key = createPublicKey({ key: jwk, format: "jwk" });
const signed = Buffer.from(`${jws.protected}.${jws.payload}`);
const ok = verify("sha256", signed, { key, dsaEncoding: "ieee-p1363" }, Buffer.from(jws.signature, "base64url"));
const canonical = JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y });
const fromPem = createPrivateKey(pem).export({ format: "jwk" });
console.log(JSON.stringify({
  ok,
  protected: JSON.parse(Buffer.from(jws.protected, "base64url").toString()),
  payload: jws.payload === "" ? null : JSON.parse(Buffer.from(jws.payload, "base64url").toString()),
  thumbprint: createHash("sha256").update(canonical).digest("base64url"),
  pemPublic: [fromPem.x, fromPem.y],
}));
"#;

#[test]
fn es256_signatures_verify_in_node_with_the_jwk_the_header_carries() {
    let key = EcKey::generate().expect("a key");
    let pem = key.to_pem().expect("pem");
    let payload = json!({ "termsOfServiceAgreed": true, "contact": ["mailto:ops@example.com"] });
    for (signer, payload) in [
        (Signer::Jwk, Some(&payload)),
        (Signer::Kid("https://ca.example/acct/7"), None),
    ] {
        let body: Value = serde_json::from_str(&jws::sign(
            &key,
            signer,
            "nonce-1",
            "https://ca.example/new-acct",
            payload,
        ))
        .expect("JSON");
        let input = json!({ "jws": body, "jwk": jws::jwk(&key), "pem": pem.as_str() });
        let node: Value =
            serde_json::from_str(&node(NODE_READS_JWS, &input.to_string())).expect("node's JSON");
        assert_eq!(node["ok"], true, "Node's verify");
        assert_eq!(node["protected"]["alg"], "ES256");
        assert_eq!(node["protected"]["nonce"], "nonce-1");
        assert_eq!(node["protected"]["url"], "https://ca.example/new-acct");
        match signer {
            Signer::Jwk => {
                assert_eq!(node["protected"]["jwk"], jws::jwk(&key));
                assert!(node["protected"].get("kid").is_none());
                assert_eq!(node["payload"], payload.cloned().unwrap_or(Value::Null));
            }
            Signer::Kid(kid) => {
                assert_eq!(node["protected"]["kid"], kid);
                assert!(node["protected"].get("jwk").is_none());
                assert_eq!(
                    node["payload"],
                    Value::Null,
                    "POST-as-GET: an empty payload"
                );
            }
        }
        assert_eq!(
            node["thumbprint"],
            jws::thumbprint(&key),
            "RFC 7638, as Node computes it"
        );
        let jwk = jws::jwk(&key);
        assert_eq!(
            node["pemPublic"],
            json!([jwk["x"], jwk["y"]]),
            "Node reads our PKCS#8 PEM as the same key"
        );
    }
}

#[test]
fn a_signature_over_other_bytes_does_not_verify() {
    let key = EcKey::generate().expect("a key");
    let mut body: Value = serde_json::from_str(&jws::sign(
        &key,
        Signer::Jwk,
        "n",
        "https://ca.example/x",
        Some(&json!({"a": 1})),
    ))
    .expect("JSON");
    body["payload"] = Value::from(cloudcerts_b64url(br#"{"a":2}"#));
    let input =
        json!({ "jws": body, "jwk": jws::jwk(&key), "pem": key.to_pem().expect("pem").as_str() });
    let node: Value =
        serde_json::from_str(&node(NODE_READS_JWS, &input.to_string())).expect("node's JSON");
    assert_eq!(node["ok"], false);
}

fn cloudcerts_b64url(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

#[test]
fn dns01_values_and_key_authorizations_agree_with_node() {
    let key = EcKey::generate().expect("a key");
    let token = "evaGxfADs6pSRb2LAv9IZf17Dt3juxGJ-PCt92wr-oA";
    let script = r#"
import { createHash } from "node:crypto";
const { token, jwk } = JSON.parse(await new Response(process.stdin).text());
const thumbprint = createHash("sha256").update(JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y })).digest("base64url");
console.log(createHash("sha256").update(`${token}.${thumbprint}`).digest("base64url"));
"#;
    let expected = node(
        script,
        &json!({ "token": token, "jwk": jws::jwk(&key) }).to_string(),
    );
    assert_eq!(jws::dns01_txt(token, &key), expected);
    assert_eq!(
        jws::key_authorization(token, &key),
        format!("{token}.{}", jws::thumbprint(&key))
    );
    assert_eq!(
        jws::dns01_txt(token, &key).len(),
        43,
        "SHA-256 in base64url"
    );
}

#[test]
fn the_external_account_binding_is_hs256_over_the_account_jwk() {
    let key = EcKey::generate().expect("a key");
    let hmac_key = "zWNDZM6eQGHWpSRTPal5eIUYFTu7EajVIoguysqZ9wG44nMEtx3MUAsUDkMTQ12W";
    let eab = jws::external_account_binding(&key, "kid-1", hmac_key, "https://ca.example/new-acct")
        .expect("binding");
    let script = r#"
import { createHmac } from "node:crypto";
const { eab, hmacKey } = JSON.parse(await new Response(process.stdin).text());
const mac = createHmac("sha256", Buffer.from(hmacKey, "base64url")).update(`${eab.protected}.${eab.payload}`).digest("base64url");
console.log(JSON.stringify({ ok: mac === eab.signature, protected: JSON.parse(Buffer.from(eab.protected, "base64url").toString()), payload: JSON.parse(Buffer.from(eab.payload, "base64url").toString()) }));
"#;
    let node: Value = serde_json::from_str(&node(
        script,
        &json!({ "eab": eab, "hmacKey": hmac_key }).to_string(),
    ))
    .expect("node's JSON");
    assert_eq!(node["ok"], true);
    assert_eq!(
        node["protected"],
        json!({ "alg": "HS256", "kid": "kid-1", "url": "https://ca.example/new-acct" })
    );
    assert_eq!(node["payload"], jws::jwk(&key));
    for bad in ["", "not base64!"] {
        let error =
            jws::external_account_binding(&key, "kid-1", bad, "https://ca.example/new-acct")
                .expect_err("refused");
        assert_eq!(error.code, ErrorCode::InvalidInput);
        assert!(
            error.message.starts_with("externalAccountBinding.hmacKey"),
            "{}",
            error.message
        );
    }
}

#[test]
fn the_csr_verifies_in_openssl_with_every_name_and_the_certificate_key() {
    let key = CertificateKey::Ec(EcKey::generate().expect("a key"));
    let domains = vec![
        "shop.example.com".to_owned(),
        "*.shop.example.com".to_owned(),
        "api.example.com".to_owned(),
    ];
    let der = certificate_request(&domains, &key).expect("a CSR");
    let text = openssl(
        &["req", "-inform", "DER", "-verify", "-noout", "-text"],
        &der,
    );
    assert!(text.contains("verify OK"), "{text}");
    assert!(
        text.contains("CN = shop.example.com") || text.contains("CN=shop.example.com"),
        "{text}"
    );
    assert!(
        text.contains("DNS:shop.example.com, DNS:*.shop.example.com, DNS:api.example.com"),
        "{text}"
    );
    assert!(text.contains("ecdsa-with-SHA256"), "{text}");
    let csr_key = openssl(&["req", "-inform", "DER", "-pubkey", "-noout"], &der);
    let our_key = openssl(&["pkey", "-pubout"], key.to_pem().expect("pem").as_bytes());
    assert_eq!(
        csr_key.trim(),
        our_key.trim(),
        "the CSR carries the certificate key"
    );

    // A name longer than a common name allows goes in subjectAltName alone.
    let long = format!("{}.example.com", "a".repeat(60));
    let text = openssl(
        &["req", "-inform", "DER", "-verify", "-noout", "-text"],
        &certificate_request(std::slice::from_ref(&long), &key).expect("a CSR"),
    );
    assert!(
        text.contains(&format!("DNS:{long}")) && !text.contains("CN ="),
        "{text}"
    );
}

#[test]
fn a_csr_is_refused_without_names_or_with_names_that_are_not_ascii() {
    let key = CertificateKey::Ec(EcKey::generate().expect("a key"));
    for domains in [vec![], vec!["bücher.example".to_owned()]] {
        let error = certificate_request(&domains, &key).expect_err("refused");
        assert_eq!(error.code, ErrorCode::InvalidInput);
        assert!(error.message.starts_with("domains:"), "{}", error.message);
    }
}

#[test]
fn keys_go_out_and_come_back_as_pkcs8_pem_and_never_show_in_debug() {
    let key = EcKey::generate().expect("a key");
    let pem = key.to_pem().expect("pem");
    assert!(
        pem.starts_with("-----BEGIN PRIVATE KEY-----\n"),
        "{}",
        &pem[..30]
    );
    let again = EcKey::from_pem(&pem, "accountKey").expect("read back");
    assert_eq!(jws::jwk(&again), jws::jwk(&key));
    assert_eq!(format!("{key:?}"), "EcKey(P-256, private)");
    // OpenSSL reads it as a P-256 key.
    let text = openssl(&["pkey", "-noout", "-text"], pem.as_bytes());
    assert!(
        text.contains("prime256v1") || text.contains("P-256"),
        "{text}"
    );
    // Two keys differ (the random source is used).
    assert_ne!(jws::jwk(&EcKey::generate().expect("a key")), jws::jwk(&key));
    for bad in [
        "",
        "garbage",
        "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----",
    ] {
        let error = EcKey::from_pem(bad, "accountKey").expect_err("refused");
        assert_eq!(error.code, ErrorCode::InvalidInput);
        assert!(
            error.message.starts_with("accountKey:") && !error.message.contains("AAAA"),
            "{}",
            error.message
        );
    }
}

#[test]
fn problem_documents_keep_type_detail_status_and_subproblems() {
    // RFC 8555 §6.7.1's example.
    let body = r#"{
      "type": "urn:ietf:params:acme:error:malformed",
      "detail": "Some of the identifiers requested were rejected",
      "subproblems": [
        { "type": "urn:ietf:params:acme:error:malformed", "detail": "Invalid underscore in DNS name \"_example.org\"", "identifier": { "type": "dns", "value": "_example.org" } },
        { "type": "urn:ietf:params:acme:error:rejectedIdentifier", "detail": "This CA will not issue for \"example.net\"", "identifier": { "type": "dns", "value": "example.net" } }
      ]
    }"#;
    let problem = Problem::parse(body).expect("a problem");
    assert_eq!(problem.acme_name(), Some("malformed"));
    assert_eq!(problem.subproblems.len(), 2);
    assert_eq!(
        problem.subproblems[1].identifier.as_deref(),
        Some("example.net")
    );
    let error = problem.into_error(Some(400));
    assert_eq!(error.code, ErrorCode::InvalidInput);
    assert_eq!(
        error.vendor_code.as_deref(),
        Some("urn:ietf:params:acme:error:malformed")
    );
    assert_eq!(error.http_status, Some(400));
    assert!(
        error.message.contains("_example.org: Invalid underscore")
            && error
                .message
                .contains("example.net: This CA will not issue"),
        "{}",
        error.message
    );

    for (kind, code, retryable) in [
        ("rateLimited", ErrorCode::RateLimited, true),
        ("badNonce", ErrorCode::Vendor, true),
        ("serverInternal", ErrorCode::Vendor, true),
        ("unauthorized", ErrorCode::Forbidden, false),
        ("accountDoesNotExist", ErrorCode::Auth, false),
        ("externalAccountRequired", ErrorCode::Auth, false),
        ("rejectedIdentifier", ErrorCode::InvalidInput, false),
        ("caa", ErrorCode::InvalidInput, false),
        ("dns", ErrorCode::Vendor, false),
        ("incorrectResponse", ErrorCode::Vendor, false),
    ] {
        let error = Problem::parse(&json!({ "type": format!("urn:ietf:params:acme:error:{kind}"), "detail": "d", "status": 403 }).to_string()).expect("a problem").into_error(None);
        assert_eq!(
            (error.code, error.retryable, error.http_status),
            (code, retryable, Some(403)),
            "{kind}"
        );
    }
    assert!(
        Problem::parse(r#"{"type":"urn:ietf:params:acme:error:externalAccountRequired"}"#)
            .expect("a problem")
            .into_error(None)
            .hint
            .is_some()
    );
    for not_one in [
        "",
        "null",
        "[]",
        "{}",
        r#"{"status":400}"#,
        r#"{"type":7}"#,
        "<html>",
    ] {
        assert_eq!(Problem::parse(not_one), None, "{not_one}");
    }
}

#[test]
fn directories_orders_and_authorizations_read_as_rfc_8555_shows_them() {
    let directory = Directory::from_value(&json!({
        "newNonce": "https://example.com/acme/new-nonce", "newAccount": "https://example.com/acme/new-account",
        "newOrder": "https://example.com/acme/new-order", "revokeCert": "https://example.com/acme/revoke-cert",
        "keyChange": "https://example.com/acme/key-change",
        "meta": { "termsOfService": "https://example.com/acme/terms/2017-5-30", "externalAccountRequired": false }
    }))
    .expect("a directory");
    assert_eq!(directory.new_order, "https://example.com/acme/new-order");
    assert_eq!(
        directory.terms_of_service.as_deref(),
        Some("https://example.com/acme/terms/2017-5-30")
    );
    assert!(!directory.external_account_required);

    let order = Order::from_value(&json!({
        "status": "pending", "expires": "2016-01-05T14:09:07.99Z",
        "identifiers": [{ "type": "dns", "value": "www.example.org" }, { "type": "dns", "value": "example.org" }],
        "authorizations": ["https://example.com/acme/authz/PAniVnsZcis", "https://example.com/acme/authz/r4HqLzrSrpI"],
        "finalize": "https://example.com/acme/order/TOlocE8rfgo/finalize"
    }))
    .expect("an order");
    assert_eq!(
        (
            order.status,
            order.authorizations.len(),
            order.certificate.clone()
        ),
        (Status::Pending, 2, None)
    );

    let authorization = Authorization::from_value(&json!({
        "status": "pending", "expires": "2016-01-02T14:09:30Z", "identifier": { "type": "dns", "value": "www.example.org" },
        "wildcard": true,
        "challenges": [
            { "type": "http-01", "url": "https://example.com/acme/chall/prV_B7yEyA4", "status": "pending", "token": "DGyRejmCefe7v4NfDGDKfA" },
            { "type": "dns-01", "url": "https://example.com/acme/chall/Rg5dV14Gh1Q", "status": "pending", "token": "DGyRejmCefe7v4NfDGDKfA" },
            { "type": "dns-01", "url": "https://example.com/acme/chall/bad", "status": "pending", "token": "../../etc" }
        ]
    }))
    .expect("an authorization");
    assert!(authorization.wildcard);
    assert_eq!(
        authorization.challenges.len(),
        2,
        "a token that is not base64url is left out"
    );
    assert_eq!(
        authorization.dns01().map(|c| c.url.as_str()),
        Some("https://example.com/acme/chall/Rg5dV14Gh1Q")
    );

    for (what, broken) in [
        (
            "directory",
            json!({ "newNonce": "https://x/n", "newAccount": "https://x/a" }),
        ),
        (
            "directory",
            json!({ "newNonce": "ftp://x/n", "newAccount": "https://x/a", "newOrder": "https://x/o" }),
        ),
        (
            "order",
            json!({ "status": "pending", "finalize": "https://x/f" }),
        ),
        (
            "order",
            json!({ "status": "weird", "authorizations": [], "finalize": "https://x/f" }),
        ),
        (
            "order",
            json!({ "status": "ready", "authorizations": [7], "finalize": "https://x/f" }),
        ),
        (
            "authorization",
            json!({ "status": "pending", "challenges": [] }),
        ),
        ("authorization", json!([])),
    ] {
        let error = match what {
            "directory" => Directory::from_value(&broken).map(|_| ()),
            "order" => Order::from_value(&broken).map(|_| ()),
            _ => Authorization::from_value(&broken).map(|_| ()),
        }
        .expect_err("refused");
        assert_eq!(error.code, ErrorCode::BadResponse, "{broken}");
    }
}

/// Arbitrary JSON values, nested a few levels.
fn arbitrary_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        "[a-z:/._-]{0,40}".prop_map(Value::from),
        Just(Value::from("urn:ietf:params:acme:error:badNonce")),
        Just(Value::from("https://ca.example/x")),
        Just(Value::from("pending")),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::from),
            prop::collection::btree_map(
                prop_oneof![
                    Just("type".to_owned()),
                    Just("detail".to_owned()),
                    Just("status".to_owned()),
                    Just("subproblems".to_owned()),
                    Just("identifier".to_owned()),
                    Just("value".to_owned()),
                    Just("challenges".to_owned()),
                    Just("authorizations".to_owned()),
                    Just("finalize".to_owned()),
                    Just("token".to_owned()),
                    Just("url".to_owned()),
                    Just("newNonce".to_owned()),
                    Just("newAccount".to_owned()),
                    Just("newOrder".to_owned()),
                    Just("meta".to_owned()),
                    Just("error".to_owned()),
                    "[a-zA-Z]{1,8}",
                ],
                inner,
                0..8,
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: std::env::var("FUZZ_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(2_000), ..ProptestConfig::default() })]

    #[test]
    fn no_json_from_a_ca_panics_a_reader(value in arbitrary_json()) {
        let _ = Problem::from_value(&value).map(|p| p.into_error(Some(400)));
        let _ = Directory::from_value(&value);
        let _ = Order::from_value(&value);
        let _ = Authorization::from_value(&value);
    }

    #[test]
    fn no_text_from_a_ca_panics_the_problem_reader(text in any::<String>()) {
        let _ = Problem::parse(&text);
    }
}

#[test]
fn an_rsa_2048_csr_verifies_in_openssl_with_the_certificate_key() {
    let rsa = RsaKey::generate().expect("an RSA key");
    let pem = rsa.to_pem().expect("pem");
    assert!(pem.starts_with("-----BEGIN PRIVATE KEY-----\n"));
    assert_eq!(format!("{rsa:?}"), "RsaKey(2048, private)");
    let key = CertificateKey::Rsa(Box::new(rsa));
    let domains = vec!["rsa.example.com".to_owned(), "*.rsa.example.com".to_owned()];
    let der = certificate_request(&domains, &key).expect("a CSR");
    let text = openssl(
        &["req", "-inform", "DER", "-verify", "-noout", "-text"],
        &der,
    );
    assert!(text.contains("verify OK"), "{text}");
    assert!(text.contains("sha256WithRSAEncryption"), "{text}");
    assert!(text.contains("Public-Key: (2048 bit)"), "{text}");
    assert!(text.contains("Exponent: 65537"), "{text}");
    assert!(
        text.contains("DNS:rsa.example.com, DNS:*.rsa.example.com"),
        "{text}"
    );
    let csr_key = openssl(&["req", "-inform", "DER", "-pubkey", "-noout"], &der);
    let our_key = openssl(&["pkey", "-pubout"], pem.as_bytes());
    assert_eq!(
        csr_key.trim(),
        our_key.trim(),
        "the CSR carries the certificate key"
    );
    // OpenSSL reads the PKCS#8 key as a consistent RSA key.
    let check = openssl(&["rsa", "-check", "-noout"], pem.as_bytes());
    assert!(check.contains("RSA key ok"), "{check}");
}

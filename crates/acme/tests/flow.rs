//! The issuance flow (src/flow.rs) against an in-memory CA that follows RFC 8555 closely
//! enough to notice a reused or unknown nonce, a wrong `url`, a `kid` where a `jwk` belongs, a
//! signature that does not verify, and a TXT record that is not there; and an in-memory DNS
//! provider. Each fault a real CA or DNS provider can produce is played once: `badNonce`,
//! `Retry-After`, validation that never settles, an invalid challenge, `rateLimited`, a record
//! that never appears, an abort mid-order, a removal that fails. After every failure that came
//! after a record was published, no record is left.

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, HashSet};

use base64::Engine as _;
use cloudcerts::error::{Error, ErrorCode, Result};
use cloudcerts_acme::flow::{issue, IssueRequest, Options};
use cloudcerts_acme::jws;
use cloudcerts_acme::keys::{EcKey, KeyType};
use cloudcerts_acme::runtime::{
    AcmeRequest, AcmeResponse, AcmeRuntime, DnsProvider, Step, TxtRecord,
};
use futures_executor::block_on;
use p256::ecdsa::signature::Verifier as _;
use serde_json::{json, Value};

const CA: &str = "https://ca.test";
const CERTIFICATE: &str = "-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----\n-----BEGIN CERTIFICATE-----\nMIIBissuer\n-----END CERTIFICATE-----\n";

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}
fn unb64(text: &str) -> Vec<u8> {
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(text)
        .expect("base64url")
}

/// What the CA does wrong, or slowly.
#[derive(Default, Clone)]
struct Faults {
    /// Answer `badNonce` to this many POSTs first.
    bad_nonces: u32,
    /// Answer newOrder with `rateLimited` and `Retry-After: 120`.
    rate_limited: bool,
    /// Polls of an authorization answered `processing` (with `Retry-After: 3`) before it settles.
    processing_polls: u32,
    /// The authorization of this name ends `invalid`.
    invalid: Option<&'static str>,
    /// The authorization of this name is `expired` from the start (one the CA reused).
    expired: Option<&'static str>,
    /// Requires an external account binding.
    eab_required: bool,
    /// Abort once this many requests were sent and DNS records checked.
    abort_after: Option<usize>,
    /// A resolver that answers the TXT record after this many lookups of it (`u32::MAX`:
    /// never); `None`: no resolver.
    resolves_after: Option<u32>,
}

struct Authz {
    domain: String,
    wildcard: bool,
    token: String,
    status: &'static str,
    polls: u32,
}

#[derive(Default)]
struct CaState {
    nonces: HashSet<String>,
    next: u32,
    accounts: BTreeMap<String, String>, // thumbprint -> account URL
    account_keys: BTreeMap<String, Value>, // account URL -> jwk
    authz: BTreeMap<String, Authz>,
    order_status: &'static str,
    order_domains: Vec<String>,
    posts: u32,
    requests: Vec<String>,
    sleeps: Vec<f64>,
    steps: Vec<Step>,
    csr: Option<Vec<u8>>,
    eab: Option<Value>,
    /// The names the resolver was asked for.
    lookups: Vec<String>,
}

struct FakeCa<'d> {
    state: RefCell<CaState>,
    faults: Faults,
    dns: &'d FakeDns,
    now: Cell<f64>,
}

fn problem(status: u16, kind: &str, detail: &str, nonce: String) -> AcmeResponse {
    AcmeResponse { status, replay_nonce: Some(nonce), location: None, retry_after: None, body: json!({ "type": format!("urn:ietf:params:acme:error:{kind}"), "detail": detail, "status": status }).to_string() }
}

impl<'d> FakeCa<'d> {
    fn new(faults: Faults, dns: &'d FakeDns) -> Self {
        FakeCa {
            state: RefCell::new(CaState {
                order_status: "pending",
                ..CaState::default()
            }),
            faults,
            dns,
            now: Cell::new(1_700_000_000_000.0),
        }
    }

    fn nonce(&self) -> String {
        let mut s = self.state.borrow_mut();
        s.next += 1;
        let nonce = format!("nonce-{}", s.next);
        s.nonces.insert(nonce.clone());
        nonce
    }

    fn ok(&self, status: u16, body: Value) -> AcmeResponse {
        AcmeResponse {
            status,
            replay_nonce: Some(self.nonce()),
            location: None,
            retry_after: None,
            body: body.to_string(),
        }
    }

    fn order_json(&self) -> Value {
        let s = self.state.borrow();
        let mut order = json!({
            "status": s.order_status,
            "identifiers": s.order_domains.iter().map(|d| json!({"type": "dns", "value": d})).collect::<Vec<_>>(),
            "authorizations": s.authz.keys().map(|id| format!("{CA}/authz/{id}")).collect::<Vec<_>>(),
            "finalize": format!("{CA}/order/1/finalize"),
        });
        if s.order_status == "valid" {
            order["certificate"] = json!(format!("{CA}/cert/1"));
        }
        order
    }

    fn authz_json(&self, id: &str) -> Value {
        let s = self.state.borrow();
        let a = &s.authz[id];
        let mut challenge = json!({ "type": "dns-01", "url": format!("{CA}/chall/{id}"), "status": if a.status == "valid" { "valid" } else if a.status == "invalid" { "invalid" } else { "pending" }, "token": a.token });
        if a.status == "invalid" {
            challenge["error"] = json!({ "type": "urn:ietf:params:acme:error:incorrectResponse", "detail": "TXT record not found" });
        }
        json!({
            "status": a.status,
            "identifier": { "type": "dns", "value": a.domain },
            "wildcard": a.wildcard,
            "challenges": [{ "type": "http-01", "url": format!("{CA}/chall/{id}-http"), "status": "pending", "token": a.token }, challenge],
        })
    }

    /// Checks a JWS as a CA does; the payload (or `None` for POST-as-GET) and the account URL.
    fn verify(
        &self,
        url: &str,
        body: &str,
    ) -> std::result::Result<(Option<Value>, Option<String>), AcmeResponse> {
        let jws: Value = serde_json::from_str(body).expect("a JWS");
        let protected: Value =
            serde_json::from_slice(&unb64(jws["protected"].as_str().expect("protected")))
                .expect("header JSON");
        let nonce = protected["nonce"].as_str().expect("nonce").to_owned();
        if !self.state.borrow_mut().nonces.remove(&nonce) {
            return Err(problem(
                400,
                "badNonce",
                "unknown or reused nonce",
                self.nonce(),
            ));
        }
        assert_eq!(protected["url"], url, "the JWS url is the request's");
        assert_eq!(protected["alg"], "ES256");
        let (jwk, kid) = match (protected.get("jwk"), protected.get("kid")) {
            (Some(jwk), None) => {
                assert_eq!(
                    url,
                    format!("{CA}/new-account"),
                    "a jwk only for newAccount"
                );
                (jwk.clone(), None)
            }
            (None, Some(kid)) => {
                let kid = kid.as_str().expect("kid").to_owned();
                let jwk = self
                    .state
                    .borrow()
                    .account_keys
                    .get(&kid)
                    .cloned()
                    .expect("a known account");
                (jwk, Some(kid))
            }
            _ => panic!("exactly one of jwk and kid: {protected}"),
        };
        let mut point = vec![4u8];
        point.extend(unb64(jwk["x"].as_str().expect("x")));
        point.extend(unb64(jwk["y"].as_str().expect("y")));
        let key = p256::ecdsa::VerifyingKey::from_sec1_bytes(&point).expect("a P-256 key");
        let signature = p256::ecdsa::Signature::from_slice(&unb64(
            jws["signature"].as_str().expect("signature"),
        ))
        .expect("r||s");
        let signed = format!(
            "{}.{}",
            jws["protected"].as_str().unwrap_or(""),
            jws["payload"].as_str().unwrap_or("")
        );
        key.verify(signed.as_bytes(), &signature)
            .expect("the signature verifies");
        let payload = jws["payload"].as_str().expect("payload");
        let payload = (!payload.is_empty())
            .then(|| serde_json::from_slice(&unb64(payload)).expect("payload JSON"));
        Ok((payload, kid.or_else(|| Some(format!("jwk:{jwk}")))))
    }

    fn handle(&self, request: &AcmeRequest) -> AcmeResponse {
        let path = request
            .url
            .strip_prefix(CA)
            .expect("the CA's URL")
            .to_owned();
        if request.method == "GET" && path == "/directory" {
            let mut directory = json!({ "newNonce": format!("{CA}/new-nonce"), "newAccount": format!("{CA}/new-account"), "newOrder": format!("{CA}/new-order"), "meta": { "termsOfService": format!("{CA}/terms") } });
            if self.faults.eab_required {
                directory["meta"]["externalAccountRequired"] = json!(true);
            }
            return AcmeResponse {
                status: 200,
                body: directory.to_string(),
                ..AcmeResponse::default()
            };
        }
        if request.method == "HEAD" && path == "/new-nonce" {
            return AcmeResponse {
                status: 200,
                replay_nonce: Some(self.nonce()),
                ..AcmeResponse::default()
            };
        }
        assert_eq!(request.method, "POST", "{path}");
        {
            let mut s = self.state.borrow_mut();
            s.posts += 1;
            if s.posts <= self.faults.bad_nonces {
                drop(s);
                // The nonce is consumed as a real CA does, then refused.
                let jws: Value =
                    serde_json::from_str(request.body.as_deref().unwrap_or("{}")).expect("JWS");
                let protected: Value =
                    serde_json::from_slice(&unb64(jws["protected"].as_str().expect("protected")))
                        .expect("header");
                self.state
                    .borrow_mut()
                    .nonces
                    .remove(protected["nonce"].as_str().expect("nonce"));
                return problem(
                    400,
                    "badNonce",
                    "JWS has an invalid anti-replay nonce",
                    self.nonce(),
                );
            }
        }
        let (payload, signer) =
            match self.verify(&request.url, request.body.as_deref().expect("a body")) {
                Ok(ok) => ok,
                Err(answer) => return answer,
            };
        match path.as_str() {
            "/new-account" => {
                let payload = payload.expect("a payload");
                let only_existing = payload["onlyReturnExisting"] == true;
                assert!(only_existing || payload["termsOfServiceAgreed"] == true);
                let jwk = signer
                    .expect("jwk")
                    .strip_prefix("jwk:")
                    .expect("signed with its jwk")
                    .to_owned();
                let jwk: Value = serde_json::from_str(&jwk).expect("jwk");
                if only_existing {
                    let thumbprint = jwk.to_string();
                    let Some(url) = self.state.borrow().accounts.get(&thumbprint).cloned() else {
                        return problem(
                            400,
                            "accountDoesNotExist",
                            "no account for this key",
                            self.nonce(),
                        );
                    };
                    let mut answer = self.ok(200, json!({ "status": "valid" }));
                    answer.location = Some(url);
                    return answer;
                }
                if self.faults.eab_required {
                    let Some(eab) = payload.get("externalAccountBinding") else {
                        return problem(
                            400,
                            "externalAccountRequired",
                            "an external account binding is required",
                            self.nonce(),
                        );
                    };
                    self.state.borrow_mut().eab = Some(eab.clone());
                }
                let thumbprint = jwk.to_string();
                let existing = self.state.borrow().accounts.get(&thumbprint).cloned();
                let (status, url) = match existing {
                    Some(url) => (200, url),
                    None => {
                        let url = format!("{CA}/acct/{}", self.state.borrow().accounts.len() + 1);
                        let mut s = self.state.borrow_mut();
                        s.accounts.insert(thumbprint, url.clone());
                        s.account_keys.insert(url.clone(), jwk);
                        (201, url)
                    }
                };
                let mut answer = self.ok(status, json!({ "status": "valid" }));
                answer.location = Some(url);
                answer
            }
            "/new-order" => {
                if self.faults.rate_limited {
                    let mut answer = problem(
                        429,
                        "rateLimited",
                        "too many new orders recently",
                        self.nonce(),
                    );
                    answer.retry_after = Some("120".into());
                    return answer;
                }
                let payload = payload.expect("a payload");
                let domains: Vec<String> = payload["identifiers"]
                    .as_array()
                    .expect("identifiers")
                    .iter()
                    .map(|i| i["value"].as_str().expect("value").to_owned())
                    .collect();
                {
                    let mut s = self.state.borrow_mut();
                    for (i, d) in domains.iter().enumerate() {
                        let (domain, wildcard) = match d.strip_prefix("*.") {
                            Some(base) => (base.to_owned(), true),
                            None => (d.clone(), false),
                        };
                        s.authz.insert(
                            format!("a{i}"),
                            Authz {
                                domain,
                                wildcard,
                                token: format!("token{i}_-AbC"),
                                status: if self.faults.expired == Some(d.as_str()) {
                                    "expired"
                                } else {
                                    "pending"
                                },
                                polls: 0,
                            },
                        );
                    }
                    s.order_domains = domains;
                }
                let mut answer = self.ok(201, self.order_json());
                answer.location = Some(format!("{CA}/order/1"));
                answer
            }
            p if p.starts_with("/authz/") => {
                let id = p.trim_start_matches("/authz/").to_owned();
                let mut retry_after = None;
                {
                    let mut s = self.state.borrow_mut();
                    let a = s.authz.get_mut(&id).expect("an authorization");
                    if a.status == "processing" {
                        a.polls += 1;
                        if a.polls > self.faults.processing_polls {
                            a.status = if self.faults.invalid.is_some_and(|d| d == a.domain) {
                                "invalid"
                            } else {
                                "valid"
                            };
                        } else {
                            retry_after = Some("3".to_owned());
                        }
                    }
                }
                let mut answer = self.ok(200, self.authz_json(&id));
                answer.retry_after = retry_after;
                answer
            }
            p if p.starts_with("/chall/") => {
                let id = p.trim_start_matches("/chall/").to_owned();
                assert_eq!(
                    payload,
                    Some(json!({})),
                    "a challenge is answered with {{}}"
                );
                let kid = signer.expect("kid");
                let jwk = self.state.borrow().account_keys[&kid].clone();
                let thumbprint = {
                    use sha2::Digest as _;
                    b64(&sha2::Sha256::digest(json!({ "crv": jwk["crv"], "kty": jwk["kty"], "x": jwk["x"], "y": jwk["y"] }).to_string().as_bytes()))
                };
                let (name, expected) = {
                    use sha2::Digest as _;
                    let s = self.state.borrow();
                    let a = &s.authz[&id];
                    (
                        format!("_acme-challenge.{}", a.domain),
                        b64(&sha2::Sha256::digest(
                            format!("{}.{thumbprint}", a.token).as_bytes(),
                        )),
                    )
                };
                let present = self
                    .dns
                    .records
                    .borrow()
                    .iter()
                    .any(|r| r.name == name && r.value == expected);
                let mut s = self.state.borrow_mut();
                let a = s.authz.get_mut(&id).expect("an authorization");
                a.status = if present { "processing" } else { "invalid" };
                drop(s);
                self.ok(200, json!({ "type": "dns-01", "url": request.url, "status": "processing", "token": "t" }))
            }
            "/order/1/finalize" => {
                let payload = payload.expect("a payload");
                let ready = self
                    .state
                    .borrow()
                    .authz
                    .values()
                    .all(|a| a.status == "valid");
                if !ready {
                    return problem(
                        403,
                        "orderNotReady",
                        "authorizations are not valid",
                        self.nonce(),
                    );
                }
                let mut s = self.state.borrow_mut();
                s.csr = Some(unb64(payload["csr"].as_str().expect("csr")));
                s.order_status = "processing";
                drop(s);
                self.ok(200, self.order_json())
            }
            "/order/1" => {
                let status = self.state.borrow().order_status;
                if status == "pending"
                    && self
                        .state
                        .borrow()
                        .authz
                        .values()
                        .all(|a| a.status == "valid")
                {
                    self.state.borrow_mut().order_status = "ready";
                } else if status == "processing" {
                    self.state.borrow_mut().order_status = "valid";
                }
                self.ok(200, self.order_json())
            }
            "/cert/1" => {
                assert_eq!(request.accept, Some("application/pem-certificate-chain"));
                AcmeResponse {
                    status: 200,
                    replay_nonce: Some(self.nonce()),
                    body: CERTIFICATE.into(),
                    ..AcmeResponse::default()
                }
            }
            other => panic!("no such resource: {other}"),
        }
    }
}

impl AcmeRuntime for FakeCa<'_> {
    fn now_ms(&self) -> f64 {
        self.now.get()
    }
    /// Aborted once `abort_after` requests and DNS checks were made.
    fn aborted(&self) -> bool {
        self.faults.abort_after.is_some_and(|n| {
            self.state.borrow().requests.len() + self.dns.checks.get() as usize >= n
        })
    }
    async fn sleep(&self, ms: f64) -> Result<()> {
        self.state.borrow_mut().sleeps.push(ms);
        self.now.set(self.now.get() + ms);
        if self.aborted() {
            return Err(Error::new(ErrorCode::Aborted, "aborted"));
        }
        Ok(())
    }
    async fn send(&self, request: &AcmeRequest) -> Result<AcmeResponse> {
        self.state.borrow_mut().requests.push(format!(
            "{} {}",
            request.method,
            request.url.trim_start_matches(CA)
        ));
        Ok(self.handle(request))
    }
    fn progress(&self, step: &Step) {
        self.state.borrow_mut().steps.push(step.clone());
    }
    async fn resolves(&self, name: &str, value: &str) -> Option<bool> {
        let after = self.faults.resolves_after?;
        let mut state = self.state.borrow_mut();
        state.lookups.push(name.to_owned());
        let asked = state.lookups.iter().filter(|n| *n == name).count() as u32;
        // Only what the DNS provider holds can resolve.
        let published = self
            .dns
            .records
            .borrow()
            .iter()
            .any(|r| r.name == name && r.value == value);
        Some(published && asked > after)
    }
}

#[derive(Default)]
struct FakeDns {
    records: RefCell<Vec<TxtRecord>>,
    added: Cell<u32>,
    removed: RefCell<Vec<String>>,
    checks: Cell<u32>,
    /// `is_live` answers false this many times per record first (u32::MAX: never live).
    not_live_for: u32,
    fail_remove: bool,
    /// A name `check` refuses (as a provider with no zone for it).
    unserved: Option<&'static str>,
    /// The names `check` was asked about.
    checked: RefCell<Vec<String>>,
}

impl DnsProvider for FakeDns {
    async fn check(&self, names: &[String]) -> Result<()> {
        self.checked.borrow_mut().extend(names.iter().cloned());
        match self.unserved {
            Some(unserved) if names.iter().any(|n| n == unserved) => Err(Error::new(
                ErrorCode::NotFound,
                format!("no zone holds {unserved}"),
            )),
            _ => Ok(()),
        }
    }
    async fn add_txt(&self, name: &str, value: &str) -> Result<TxtRecord> {
        self.added.set(self.added.get() + 1);
        let record = TxtRecord {
            name: name.to_owned(),
            value: value.to_owned(),
            id: format!("r{}", self.added.get()),
        };
        self.records.borrow_mut().push(record.clone());
        Ok(record)
    }
    async fn is_live(&self, _record: &TxtRecord) -> Result<bool> {
        self.checks.set(self.checks.get() + 1);
        Ok(self.checks.get() > self.not_live_for)
    }
    async fn remove_txt(&self, record: &TxtRecord) -> Result<()> {
        if self.fail_remove {
            return Err(Error::new(ErrorCode::Network, "the DNS API did not answer"));
        }
        self.records.borrow_mut().retain(|r| r.id != record.id);
        self.removed.borrow_mut().push(record.id.clone());
        Ok(())
    }
}

fn request(domains: &[&str]) -> IssueRequest {
    IssueRequest {
        directory_url: format!("{CA}/directory"),
        account_key: None,
        contact: vec!["mailto:ops@example.com".into()],
        external_account: None,
        domains: domains.iter().map(|d| d.to_string()).collect(),
        key_type: KeyType::EcP256,
    }
}

const OPTIONS: Options = Options {
    poll_interval_ms: 500.0,
    max_polls: 6,
    bad_nonce_retries: 3,
};

#[test]
fn two_names_and_a_wildcard_are_issued_and_every_record_removed() {
    let dns = FakeDns {
        not_live_for: 2,
        ..FakeDns::default()
    };
    let ca = FakeCa::new(
        Faults {
            processing_polls: 1,
            ..Faults::default()
        },
        &dns,
    );
    let issued = block_on(issue(
        &ca,
        &dns,
        &request(&["shop.example.com", "*.shop.example.com", "api.example.com"]),
        OPTIONS,
    ))
    .expect("issued");
    assert_eq!(issued.certificate_pem, CERTIFICATE);
    assert!(issued
        .private_key_pem
        .starts_with("-----BEGIN PRIVATE KEY-----"));
    assert_eq!(issued.account_url, format!("{CA}/acct/1"));
    let state = ca.state.borrow();
    // One TXT record per name, the wildcard's beside its base name's, all gone now.
    assert_eq!(dns.added.get(), 3);
    assert!(
        dns.records.borrow().is_empty(),
        "records left: {:?}",
        dns.records.borrow()
    );
    // The CSR names every domain, and is for the returned key (not the account key).
    let csr = state.csr.clone().expect("a CSR");
    let account = EcKey::from_pem(&issued.account_key_pem, "accountKey").expect("account key");
    let certificate_key =
        EcKey::from_pem(&issued.private_key_pem, "privateKey").expect("certificate key");
    assert!(
        csr.windows(65).any(|w| w == certificate_key.public_point()),
        "the CSR carries the certificate key"
    );
    assert!(
        !csr.windows(65).any(|w| w == account.public_point()),
        "never the account key"
    );
    for name in ["shop.example.com", "*.shop.example.com", "api.example.com"] {
        assert!(
            csr.windows(name.len()).any(|w| w == name.as_bytes()),
            "{name} in the CSR"
        );
    }
    // One newNonce at the start; afterwards every nonce came with the previous answer.
    assert_eq!(
        state
            .requests
            .iter()
            .filter(|r| r.starts_with("HEAD"))
            .count(),
        1,
        "{:?}",
        state.requests
    );
    // Retry-After: 3 was waited for.
    assert!(state.sleeps.contains(&3_000.0), "{:?}", state.sleeps);
    assert_eq!(
        state.steps,
        vec![
            Step::Account,
            Step::Order,
            Step::Challenge {
                domain: "shop.example.com".into()
            },
            Step::Challenge {
                domain: "shop.example.com".into()
            },
            Step::Challenge {
                domain: "api.example.com".into()
            },
            Step::Validation,
            Step::Cleanup,
            Step::Finalize,
            Step::Download,
        ]
    );
}

#[test]
fn a_kept_account_key_finds_its_account_again() {
    let dns = FakeDns::default();
    let ca = FakeCa::new(Faults::default(), &dns);
    let key = EcKey::generate().expect("a key");
    let mut r = request(&["a.example.com"]);
    r.account_key = Some(key.clone());
    let first = block_on(issue(&ca, &dns, &r, OPTIONS)).expect("issued");
    ca.state.borrow_mut().order_status = "pending";
    let second = block_on(issue(&ca, &dns, &r, OPTIONS)).expect("issued again");
    assert_eq!(first.account_url, second.account_url);
    assert_eq!(
        ca.state.borrow().accounts.len(),
        1,
        "one account for one key"
    );
    assert_eq!(
        jws::jwk(&EcKey::from_pem(&second.account_key_pem, "k").expect("pem")),
        jws::jwk(&key)
    );
}

#[test]
fn bad_nonce_is_sent_again_with_the_fresh_nonce_and_given_up_after_the_retries() {
    let dns = FakeDns::default();
    let ca = FakeCa::new(
        Faults {
            bad_nonces: 2,
            ..Faults::default()
        },
        &dns,
    );
    block_on(issue(&ca, &dns, &request(&["a.example.com"]), OPTIONS))
        .expect("issued after two badNonce answers");
    assert_eq!(
        ca.state
            .borrow()
            .requests
            .iter()
            .filter(|r| r.starts_with("HEAD"))
            .count(),
        1,
        "the refused answers' nonces were used"
    );

    let dns = FakeDns::default();
    let ca = FakeCa::new(
        Faults {
            bad_nonces: 10,
            ..Faults::default()
        },
        &dns,
    );
    let error =
        block_on(issue(&ca, &dns, &request(&["a.example.com"]), OPTIONS)).expect_err("refused");
    assert_eq!(
        error.vendor_code.as_deref(),
        Some("urn:ietf:params:acme:error:badNonce")
    );
    assert!(error.retryable);
    assert_eq!(ca.state.borrow().posts, 1 + OPTIONS.bad_nonce_retries);
}

#[test]
fn validation_that_never_settles_is_a_timeout_and_the_records_go() {
    let dns = FakeDns::default();
    let ca = FakeCa::new(
        Faults {
            processing_polls: 1_000,
            ..Faults::default()
        },
        &dns,
    );
    let error = block_on(issue(
        &ca,
        &dns,
        &request(&["a.example.com", "b.example.com"]),
        OPTIONS,
    ))
    .expect_err("timeout");
    assert_eq!(error.code, ErrorCode::Timeout);
    assert!(error.message.contains("authorization"), "{}", error.message);
    assert!(dns.records.borrow().is_empty());
    assert_eq!(dns.removed.borrow().len(), 2);
}

#[test]
fn an_invalid_challenge_names_its_domain_and_the_cas_problem() {
    let dns = FakeDns::default();
    let ca = FakeCa::new(
        Faults {
            invalid: Some("b.example.com"),
            ..Faults::default()
        },
        &dns,
    );
    let error = block_on(issue(
        &ca,
        &dns,
        &request(&["a.example.com", "b.example.com"]),
        OPTIONS,
    ))
    .expect_err("invalid");
    assert_eq!(error.code, ErrorCode::Vendor);
    assert_eq!(
        error.vendor_code.as_deref(),
        Some("urn:ietf:params:acme:error:incorrectResponse")
    );
    assert!(
        error
            .message
            .starts_with("b.example.com: TXT record not found"),
        "{}",
        error.message
    );
    assert!(dns.records.borrow().is_empty());
    assert_eq!(ca.state.borrow().csr, None, "nothing finalized");
}

#[test]
fn rate_limited_is_not_retried_and_says_how_long_to_wait() {
    let dns = FakeDns::default();
    let ca = FakeCa::new(
        Faults {
            rate_limited: true,
            ..Faults::default()
        },
        &dns,
    );
    let error =
        block_on(issue(&ca, &dns, &request(&["a.example.com"]), OPTIONS)).expect_err("limited");
    assert_eq!(
        (error.code, error.http_status),
        (ErrorCode::RateLimited, Some(429))
    );
    assert!(
        error.hint.as_deref().is_some_and(|h| h.contains("120 s")),
        "{:?}",
        error.hint
    );
    assert_eq!(
        ca.state
            .borrow()
            .requests
            .iter()
            .filter(|r| r.contains("/new-order"))
            .count(),
        1,
        "not retried"
    );
    assert_eq!(dns.added.get(), 0);
}

#[test]
fn a_record_that_never_appears_is_a_timeout_before_the_ca_validates() {
    let dns = FakeDns {
        not_live_for: u32::MAX,
        ..FakeDns::default()
    };
    let ca = FakeCa::new(Faults::default(), &dns);
    let error =
        block_on(issue(&ca, &dns, &request(&["a.example.com"]), OPTIONS)).expect_err("timeout");
    assert_eq!(error.code, ErrorCode::Timeout);
    assert!(
        error.message.contains("_acme-challenge.a.example.com"),
        "{}",
        error.message
    );
    assert!(
        !ca.state
            .borrow()
            .requests
            .iter()
            .any(|r| r.contains("/chall/")),
        "the CA was not asked to validate"
    );
    assert!(dns.records.borrow().is_empty());
}

#[test]
fn an_abort_mid_order_is_aborted_and_leaves_no_record() {
    // Before the order; while a record is awaited; after the CA was asked to validate.
    for after in [3, 8, 10] {
        let dns = FakeDns {
            not_live_for: 3,
            ..FakeDns::default()
        };
        let ca = FakeCa::new(
            Faults {
                abort_after: Some(after),
                ..Faults::default()
            },
            &dns,
        );
        let error = block_on(issue(
            &ca,
            &dns,
            &request(&["a.example.com", "b.example.com"]),
            OPTIONS,
        ))
        .expect_err("aborted");
        assert_eq!(
            error.code,
            ErrorCode::Aborted,
            "after {after} requests: {error:?}"
        );
        assert!(
            dns.records.borrow().is_empty(),
            "after {after}: {:?}",
            dns.records.borrow()
        );
    }
}

#[test]
fn a_removal_that_fails_is_reported_not_hidden() {
    let dns = FakeDns {
        fail_remove: true,
        ..FakeDns::default()
    };
    let ca = FakeCa::new(
        Faults {
            invalid: Some("a.example.com"),
            ..Faults::default()
        },
        &dns,
    );
    let error =
        block_on(issue(&ca, &dns, &request(&["a.example.com"]), OPTIONS)).expect_err("invalid");
    assert!(
        error
            .message
            .contains("TXT records not removed: _acme-challenge.a.example.com"),
        "{}",
        error.message
    );
    let dns = FakeDns {
        fail_remove: true,
        ..FakeDns::default()
    };
    let ca = FakeCa::new(Faults::default(), &dns);
    // Issued: the certificate is kept (the CA counted it), the record left behind a warning.
    let issued = block_on(issue(&ca, &dns, &request(&["a.example.com"]), OPTIONS))
        .expect("issued, not cleaned");
    assert!(issued.certificate_pem.contains("BEGIN CERTIFICATE"));
    assert_eq!(issued.warnings.len(), 1);
    assert!(
        issued.warnings[0].starts_with("TXT records could not be removed")
            && issued.warnings[0].contains("_acme-challenge.a.example.com"),
        "{:?}",
        issued.warnings
    );
}

#[test]
fn an_external_account_binding_is_required_where_the_ca_says_and_sent_when_given() {
    let dns = FakeDns::default();
    let ca = FakeCa::new(
        Faults {
            eab_required: true,
            ..Faults::default()
        },
        &dns,
    );
    let error = block_on(issue(&ca, &dns, &request(&["a.example.com"]), OPTIONS))
        .expect_err("needs a binding");
    assert_eq!(error.code, ErrorCode::InvalidInput);
    assert!(
        error.message.starts_with("request.externalAccountBinding:"),
        "{}",
        error.message
    );
    let mut r = request(&["a.example.com"]);
    r.external_account = Some(("kid-7".into(), "c2VjcmV0LW1hYy1rZXk".into()));
    block_on(issue(&ca, &dns, &r, OPTIONS)).expect("issued");
    let eab = ca.state.borrow().eab.clone().expect("sent");
    let protected: Value =
        serde_json::from_slice(&unb64(eab["protected"].as_str().expect("protected")))
            .expect("JSON");
    assert_eq!(
        (protected["alg"].as_str(), protected["kid"].as_str()),
        (Some("HS256"), Some("kid-7"))
    );
}

#[test]
fn a_kept_key_finds_its_bound_account_without_the_binding_again() {
    let dns = FakeDns::default();
    let ca = FakeCa::new(
        Faults {
            eab_required: true,
            ..Faults::default()
        },
        &dns,
    );
    let mut first = request(&["a.example.com"]);
    first.external_account = Some(("kid-7".into(), "c2VjcmV0LW1hYy1rZXk".into()));
    let issued = block_on(issue(&ca, &dns, &first, OPTIONS)).expect("issued with a binding");
    // The same key, no binding: the account is found (onlyReturnExisting), and it issues.
    ca.state.borrow_mut().order_status = "pending";
    let mut again = request(&["b.example.com"]);
    again.account_key = Some(EcKey::from_pem(&issued.account_key_pem, "accountKey").expect("key"));
    let renewed = block_on(issue(&ca, &dns, &again, OPTIONS)).expect("issued with the kept key");
    assert_eq!(renewed.account_url, issued.account_url);
    // A key the CA does not know, no binding: the binding is what is missing.
    let mut unknown = request(&["c.example.com"]);
    unknown.account_key = Some(EcKey::generate().expect("key"));
    let error = block_on(issue(&ca, &dns, &unknown, OPTIONS)).expect_err("needs a binding");
    assert_eq!(error.code, ErrorCode::InvalidInput);
    assert!(
        error.message.starts_with("request.externalAccountBinding:"),
        "{}",
        error.message
    );
}

#[test]
fn bad_names_are_refused_before_any_request() {
    for (domains, field) in [
        (vec![], "request.domains"),
        (vec!["a.example.com", "A.example.com"], "request.domains[1]"),
        (vec!["localhost"], "request.domains[0]"),
        (vec!["a..example.com"], "request.domains[0]"),
        (vec!["ex ample.com"], "request.domains[0]"),
        (vec!["*.*.example.com"], "request.domains[0]"),
        (vec!["bücher.example"], "request.domains[0]"),
        (vec!["192.168.0.1"], "request.domains[0]"),
    ] {
        let dns = FakeDns::default();
        let ca = FakeCa::new(Faults::default(), &dns);
        let error = block_on(issue(&ca, &dns, &request(&domains), OPTIONS)).expect_err("refused");
        assert_eq!(error.code, ErrorCode::InvalidInput, "{domains:?}");
        assert!(
            error.message.starts_with(&format!("{field}:")),
            "{domains:?}: {}",
            error.message
        );
        assert!(ca.state.borrow().requests.is_empty());
    }
}

#[test]
fn a_name_the_dns_cannot_serve_fails_before_the_ca_hears_of_the_order() {
    let dns = FakeDns {
        unserved: Some("_acme-challenge.b.example.org"),
        ..FakeDns::default()
    };
    let ca = FakeCa::new(Faults::default(), &dns);
    let error = block_on(issue(
        &ca,
        &dns,
        &request(&["a.example.com", "*.b.example.org"]),
        OPTIONS,
    ))
    .expect_err("refused");
    assert_eq!(error.code, ErrorCode::NotFound);
    assert_eq!(
        *dns.checked.borrow(),
        [
            "_acme-challenge.a.example.com",
            "_acme-challenge.b.example.org"
        ]
    );
    assert!(
        ca.state.borrow().requests.is_empty(),
        "nothing sent to the CA"
    );
    assert_eq!(dns.added.get(), 0, "nothing published");
}

#[test]
fn with_a_resolver_the_ca_validates_only_once_the_dns_answers() {
    let dns = FakeDns::default();
    let faults = Faults {
        resolves_after: Some(2),
        ..Faults::default()
    };
    let ca = FakeCa::new(faults, &dns);
    block_on(issue(
        &ca,
        &dns,
        &request(&["a.example.com", "*.b.example.com"]),
        OPTIONS,
    ))
    .expect("issued");
    let state = ca.state.borrow();
    // Each name looked up until the third lookup answered, before the CA heard of any challenge.
    assert_eq!(
        state.lookups,
        [
            "_acme-challenge.a.example.com",
            "_acme-challenge.a.example.com",
            "_acme-challenge.a.example.com",
            "_acme-challenge.b.example.com",
            "_acme-challenge.b.example.com",
            "_acme-challenge.b.example.com",
        ]
    );
    let validation = state.steps.iter().position(|s| *s == Step::Validation);
    assert!(validation.is_some());
}

#[test]
fn a_record_the_dns_never_answers_is_a_timeout_and_the_records_go() {
    let dns = FakeDns::default();
    let faults = Faults {
        resolves_after: Some(u32::MAX),
        ..Faults::default()
    };
    let ca = FakeCa::new(faults, &dns);
    let error =
        block_on(issue(&ca, &dns, &request(&["a.example.com"]), OPTIONS)).expect_err("timeout");
    assert_eq!(error.code, ErrorCode::Timeout);
    assert!(
        error
            .message
            .contains("the DNS never answered _acme-challenge.a.example.com"),
        "{}",
        error.message
    );
    assert!(
        !ca.state
            .borrow()
            .requests
            .iter()
            .any(|r| r.contains("/chall")),
        "no challenge answered"
    );
    assert!(dns.records.borrow().is_empty(), "the record was removed");
}

#[test]
fn a_request_shows_no_key_in_debug() {
    let mut issue = request(&["a.example.com"]);
    issue.external_account = Some(("kid-7".into(), "SECRET-HMAC-KEY".into()));
    issue.account_key = Some(EcKey::generate().expect("a key"));
    let shown = format!("{issue:?}");
    assert!(shown.contains("kid-7") && shown.contains("***"), "{shown}");
    assert!(!shown.contains("SECRET-HMAC-KEY"), "{shown}");
    assert!(!shown.contains("BEGIN"), "{shown}");
}

#[test]
fn an_order_the_ca_finalized_before_is_an_error_not_a_certificate_of_another_key() {
    let dns = FakeDns::default();
    let ca = FakeCa::new(Faults::default(), &dns);
    block_on(issue(&ca, &dns, &request(&["a.example.com"]), OPTIONS)).expect("issued");
    // The fake CA answers the next order with the same, valid order.
    let error = block_on(issue(&ca, &dns, &request(&["a.example.com"]), OPTIONS))
        .expect_err("not this call's certificate");
    assert_eq!(error.code, ErrorCode::Vendor);
    assert!(
        error.message.contains("finalized already"),
        "{}",
        error.message
    );
    assert!(dns.records.borrow().is_empty(), "no record left");
}

#[test]
fn an_authorization_that_cannot_become_valid_fails_the_order_before_any_record() {
    let dns = FakeDns::default();
    let ca = FakeCa::new(
        Faults {
            expired: Some("b.example.com"),
            ..Faults::default()
        },
        &dns,
    );
    let error = block_on(issue(
        &ca,
        &dns,
        &request(&["a.example.com", "b.example.com"]),
        OPTIONS,
    ))
    .expect_err("expired");
    assert_eq!(error.code, ErrorCode::Vendor);
    assert!(
        error.message.starts_with("b.example.com: "),
        "{}",
        error.message
    );
    assert!(error.message.contains("Expired"), "{}", error.message);
    assert_eq!(dns.added.get(), 0, "nothing published");
    assert!(!ca
        .state
        .borrow()
        .requests
        .iter()
        .any(|r| r.contains("/chall")));
}

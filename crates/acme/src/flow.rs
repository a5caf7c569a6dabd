//! Issuing a certificate (RFC 8555 §7): the directory, the account (created, or found again for
//! a key the caller kept), the order, one DNS-01 challenge per name through the caller's DNS
//! provider, validation, finalize with a CSR for a new certificate key, and the chain.
//!
//! - Every request carries a fresh nonce: the last answer's `Replay-Nonce`, else one from
//!   `newNonce`. A `badNonce` answer is sent again with the nonce it came with, up to
//!   [`Options::bad_nonce_retries`] times.
//! - Polling (authorizations, the order) waits what `Retry-After` says, else an interval that
//!   doubles from [`Options::poll_interval_ms`] up to 8×, at most [`Options::max_polls`] times;
//!   then `Timeout`.
//! - A DNS record that the provider never reports as in effect within [`Options::max_polls`]
//!   checks is `Timeout`, before the CA is asked to validate anything; so is one that the DNS
//!   never answers with, where the runtime can resolve names ([`AcmeRuntime::resolves`]).
//! - Whatever happens after the first TXT record is published (an error, an abort), every
//!   record published is removed before the call returns; a removal that fails is added to the
//!   error's message, never hidden.
//! - A CA's problem document is a typed error ([`crate::problem::Problem::into_error`]); a
//!   `rateLimited` one is not retried (a CA's limits count attempts).

use serde_json::{json, Value};
use zeroize::Zeroizing;

use crate::csr::certificate_request;
use crate::jws::{self, Signer};
use crate::keys::{CertificateKey, EcKey, KeyType};
use crate::objects::{Authorization, Directory, Order, Status};
use crate::problem::Problem;
use crate::runtime::{AcmeRequest, AcmeResponse, AcmeRuntime, DnsProvider, Step, TxtRecord};
use cloudcerts::error::{Error, ErrorCode, Result};

/// What to issue, and where. Its `Debug` shows no key.
#[derive(Clone)]
pub struct IssueRequest {
    /// The CA's directory URL.
    pub directory_url: String,
    /// The account key; `None`: a new one (returned with the result, to keep).
    pub account_key: Option<EcKey>,
    /// Contact URLs for the account (`mailto:…`).
    pub contact: Vec<String>,
    /// The external account binding a CA may require: its key id and HMAC key (base64url).
    pub external_account: Option<(String, String)>,
    /// The names, wildcards (`*.example.com`) included; the first is the common name.
    pub domains: Vec<String>,
    /// The certificate key's type (P-256 unless asked otherwise).
    pub key_type: KeyType,
}

impl std::fmt::Debug for IssueRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IssueRequest")
            .field("directory_url", &self.directory_url)
            .field("account_key", &self.account_key)
            .field("contact", &self.contact)
            .field(
                "external_account",
                &self.external_account.as_ref().map(|(kid, _)| (kid, "***")),
            )
            .field("domains", &self.domains)
            .field("key_type", &self.key_type)
            .finish()
    }
}

/// Timing of the flow.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// The first wait between polls, ms (doubled each time, up to 8×).
    pub poll_interval_ms: f64,
    /// How many times an authorization, the order or a DNS record is polled before `Timeout`.
    pub max_polls: u32,
    /// How many times a `badNonce` answer is sent again.
    pub bad_nonce_retries: u32,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            poll_interval_ms: 1_000.0,
            max_polls: 30,
            // Each request on its own: a CA that rejects one nonce in N (pebble's default is 1
            // in 20) fails a request only after 6 rejections in a row.
            bad_nonce_retries: 5,
        }
    }
}

/// A certificate and the keys that go with it.
#[derive(Clone)]
pub struct Issued {
    /// The chain, leaf first, PEM.
    pub certificate_pem: String,
    /// The certificate's private key, PKCS#8 PEM.
    pub private_key_pem: Zeroizing<String>,
    /// The account key, PKCS#8 PEM (the caller's, or the one made for this call).
    pub account_key_pem: Zeroizing<String>,
    /// The account's URL at the CA.
    pub account_url: String,
    /// What went wrong without stopping the issuance: TXT records that could not be removed.
    pub warnings: Vec<String>,
}

impl std::fmt::Debug for Issued {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Issued")
            .field("certificate_pem", &self.certificate_pem.len())
            .field("account_url", &self.account_url)
            .finish_non_exhaustive()
    }
}

/// A session with one CA: its directory, the account key and URL, and the next nonce.
struct Session<'r, R: AcmeRuntime> {
    runtime: &'r R,
    options: Options,
    directory: Directory,
    key: EcKey,
    account_url: Option<String>,
    nonce: Option<String>,
}

fn check_domains(domains: &[String]) -> Result<()> {
    if domains.is_empty() {
        return Err(Error::invalid_input(
            "request.domains",
            "at least one name is needed",
        ));
    }
    for (i, domain) in domains.iter().enumerate() {
        let name = domain.strip_prefix("*.").unwrap_or(domain);
        let ok = !name.is_empty()
            && name.len() <= 253
            && name.split('.').count() >= 2
            && name.split('.').all(|label| {
                !label.is_empty()
                    && label.len() <= 63
                    && label
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'-')
                    && !label.starts_with('-')
                    && !label.ends_with('-')
            })
            // An all-digit last label is an IP address, not a name DNS-01 can prove.
            && !name
                .rsplit('.')
                .next()
                .is_some_and(|tld| tld.bytes().all(|b| b.is_ascii_digit()));
        if !ok {
            return Err(Error::invalid_input(&format!("request.domains[{i}]"), "not a DNS name (ASCII labels; a wildcard only as `*.` in front; punycode for other scripts)"));
        }
        if domains[..i].iter().any(|d| d.eq_ignore_ascii_case(domain)) {
            return Err(Error::invalid_input(
                &format!("request.domains[{i}]"),
                "given twice",
            ));
        }
    }
    Ok(())
}

/// What a `Retry-After` value asks for, ms from `now_ms` (seconds, or an HTTP date).
fn retry_after_ms(value: Option<&str>, now_ms: f64) -> Option<f64> {
    let value = value?.trim();
    let ms = if let Ok(seconds) = value.parse::<u32>() {
        f64::from(seconds) * 1_000.0
    } else {
        let at = httpdate::parse_http_date(value).ok()?;
        let at_ms = at.duration_since(std::time::UNIX_EPOCH).ok()?.as_millis() as f64;
        (at_ms - now_ms).max(0.0)
    };
    Some(ms)
}

fn json_body(response: &AcmeResponse, what: &str) -> Result<Value> {
    serde_json::from_str(&response.body).map_err(|_| {
        let mut error = Error::new(
            ErrorCode::BadResponse,
            format!("the CA's {what} is not JSON"),
        );
        error.http_status = Some(response.status);
        error
    })
}

impl<'r, R: AcmeRuntime> Session<'r, R> {
    /// Asks `done` until it says yes, waiting between asks an interval that doubles from
    /// [`Options::poll_interval_ms`] up to 8×, at most [`Options::max_polls`] times; `false` when
    /// it never did. `Aborted` as soon as the caller aborts.
    async fn wait_until<F: std::future::Future<Output = Result<bool>>>(
        &self,
        mut done: impl FnMut() -> F,
    ) -> Result<bool> {
        let mut interval = self.options.poll_interval_ms;
        for _ in 0..self.options.max_polls {
            self.check_abort()?;
            if done().await? {
                return Ok(true);
            }
            self.runtime.sleep(interval).await?;
            interval = (interval * 2.0).min(self.options.poll_interval_ms * 8.0);
        }
        Ok(false)
    }

    fn check_abort(&self) -> Result<()> {
        if self.runtime.aborted() {
            return Err(Error::new(ErrorCode::Aborted, "aborted"));
        }
        Ok(())
    }

    async fn send(&mut self, request: AcmeRequest) -> Result<AcmeResponse> {
        self.check_abort()?;
        let response = self.runtime.send(&request).await?;
        if let Some(nonce) = &response.replay_nonce {
            self.nonce = Some(nonce.clone());
        }
        Ok(response)
    }

    async fn fresh_nonce(&mut self) -> Result<String> {
        if let Some(nonce) = self.nonce.take() {
            return Ok(nonce);
        }
        let url = self.directory.new_nonce.clone();
        self.send(AcmeRequest {
            method: "HEAD",
            url,
            body: None,
            accept: None,
        })
        .await?;
        self.nonce.take().ok_or_else(|| {
            Error::new(
                ErrorCode::BadResponse,
                "the CA's newNonce gave no Replay-Nonce",
            )
        })
    }

    /// A signed POST to `url` (`payload` `None`: POST-as-GET), sent again on `badNonce`.
    /// Answers of 400 and above are the CA's problem as an error.
    async fn post(
        &mut self,
        url: &str,
        payload: Option<&Value>,
        accept: Option<&'static str>,
    ) -> Result<AcmeResponse> {
        let mut attempts = 0;
        loop {
            let nonce = self.fresh_nonce().await?;
            let signer = match &self.account_url {
                Some(kid) => Signer::Kid(kid),
                None => Signer::Jwk,
            };
            let body = jws::sign(&self.key, signer, &nonce, url, payload);
            let response = self
                .send(AcmeRequest {
                    method: "POST",
                    url: url.to_owned(),
                    body: Some(body),
                    accept,
                })
                .await?;
            if response.status < 400 {
                return Ok(response);
            }
            let problem = Problem::parse(&response.body);
            let bad_nonce = problem.as_ref().and_then(Problem::acme_name) == Some("badNonce");
            if bad_nonce && attempts < self.options.bad_nonce_retries {
                attempts += 1;
                continue;
            }
            let mut error = match problem {
                Some(problem) => {
                    self.runtime.problem(&problem);
                    problem.into_error(Some(response.status))
                }
                None => {
                    let mut error = Error::new(
                        if response.status >= 500 {
                            ErrorCode::Vendor
                        } else {
                            ErrorCode::BadResponse
                        },
                        format!(
                            "the CA answered HTTP {} without a problem document",
                            response.status
                        ),
                    );
                    error.http_status = Some(response.status);
                    error
                }
            };
            if let Some(wait) =
                retry_after_ms(response.retry_after.as_deref(), self.runtime.now_ms())
            {
                let hint = format!(
                    "the CA asks to wait {} s before trying again",
                    (wait / 1_000.0).ceil()
                );
                error.hint = Some(match error.hint {
                    Some(h) => format!("{h}; {hint}"),
                    None => hint,
                });
            }
            return Err(error);
        }
    }

    async fn post_json(
        &mut self,
        url: &str,
        payload: Option<&Value>,
        what: &str,
    ) -> Result<(AcmeResponse, Value)> {
        let response = self.post(url, payload, None).await?;
        let value = json_body(&response, what)?;
        Ok((response, value))
    }

    async fn account(&mut self, request: &IssueRequest) -> Result<String> {
        let mut payload = json!({ "termsOfServiceAgreed": true });
        if !request.contact.is_empty() {
            payload["contact"] = json!(request.contact);
        }
        if let Some((kid, hmac_key)) = &request.external_account {
            payload["externalAccountBinding"] = jws::external_account_binding(
                &self.key,
                kid,
                hmac_key,
                &self.directory.new_account,
            )?;
        } else if self.directory.external_account_required {
            let needed = || {
                Error::invalid_input(
                    "request.externalAccountBinding",
                    "this CA requires an external account binding (its key id and HMAC key)",
                )
            };
            if request.account_key.is_none() {
                return Err(needed());
            }
            // A kept key's account was bound when it was made: find it again (RFC 8555
            // §7.3.1) without the binding; only an unknown key needs one.
            payload = json!({ "onlyReturnExisting": true });
            let url = self.directory.new_account.clone();
            return match self.post_json(&url, Some(&payload), "account").await {
                Ok((response, _)) => {
                    let location = response.location.ok_or_else(|| {
                        Error::new(
                            ErrorCode::BadResponse,
                            "the CA's newAccount answer has no Location",
                        )
                    })?;
                    self.account_url = Some(location.clone());
                    Ok(location)
                }
                Err(error)
                    if error.vendor_code.as_deref()
                        == Some("urn:ietf:params:acme:error:accountDoesNotExist") =>
                {
                    Err(needed())
                }
                Err(error) => Err(error),
            };
        }
        let url = self.directory.new_account.clone();
        let (response, _) = self.post_json(&url, Some(&payload), "account").await?;
        let location = response.location.ok_or_else(|| {
            Error::new(
                ErrorCode::BadResponse,
                "the CA's newAccount answer has no Location",
            )
        })?;
        self.account_url = Some(location.clone());
        Ok(location)
    }

    /// Polls `url` (POST-as-GET) until `done` says the object is settled.
    async fn poll<T>(
        &mut self,
        url: &str,
        what: &str,
        read: impl Fn(&Value) -> Result<T>,
        done: impl Fn(&T) -> bool,
    ) -> Result<T> {
        let mut interval = self.options.poll_interval_ms;
        for _ in 0..self.options.max_polls {
            let (response, value) = self.post_json(url, None, what).await?;
            let object = read(&value)?;
            if done(&object) {
                return Ok(object);
            }
            // The CA's Retry-After, up to a minute a poll; else the doubling interval.
            let wait = retry_after_ms(response.retry_after.as_deref(), self.runtime.now_ms())
                .map_or(interval, |ms| ms.min(60_000.0));
            self.runtime.sleep(wait).await?;
            interval = (interval * 2.0).min(self.options.poll_interval_ms * 8.0);
        }
        Err(Error::new(
            ErrorCode::Timeout,
            format!(
                "the CA's {what} did not settle after {} polls",
                self.options.max_polls
            ),
        ))
    }
}

/// The challenges of one order: what to publish, and where to say it is there.
struct Pending {
    authorization_url: String,
    challenge_url: String,
    domain: String,
    name: String,
    value: String,
    /// Whether the challenge still waits for our answer (`pending`); one the CA is already
    /// validating (`processing`, an earlier call's) is only polled.
    respond: bool,
}

/// Issues a certificate for `request.domains`, proving control of each name with a DNS-01
/// TXT record that `dns` publishes (and removes afterwards, whatever happens).
pub async fn issue<R: AcmeRuntime, D: DnsProvider>(
    runtime: &R,
    dns: &D,
    request: &IssueRequest,
    options: Options,
) -> Result<Issued> {
    check_domains(&request.domains)?;
    // Every name's DNS zone is found before the CA hears of the order.
    let names: Vec<String> = request
        .domains
        .iter()
        .map(|d| format!("_acme-challenge.{}", d.strip_prefix("*.").unwrap_or(d)))
        .collect();
    dns.check(&names).await?;
    let key = match &request.account_key {
        Some(key) => key.clone(),
        None => EcKey::generate()?,
    };
    runtime.progress(&Step::Account);
    if runtime.aborted() {
        return Err(Error::new(ErrorCode::Aborted, "aborted"));
    }
    let directory_response = runtime
        .send(&AcmeRequest {
            method: "GET",
            url: request.directory_url.clone(),
            body: None,
            accept: None,
        })
        .await?;
    if directory_response.status >= 400 {
        let mut error = Error::new(
            ErrorCode::BadResponse,
            format!(
                "the CA's directory answered HTTP {}",
                directory_response.status
            ),
        );
        error.http_status = Some(directory_response.status);
        return Err(error);
    }
    let directory = Directory::from_value(&json_body(&directory_response, "directory")?)?;
    let mut session = Session {
        runtime,
        options,
        directory,
        key,
        account_url: None,
        nonce: None,
    };
    let account_url = session.account(request).await?;

    runtime.progress(&Step::Order);
    let identifiers: Vec<Value> = request
        .domains
        .iter()
        .map(|d| json!({ "type": "dns", "value": d }))
        .collect();
    let new_order = session.directory.new_order.clone();
    let (response, value) = session
        .post_json(
            &new_order,
            Some(&json!({ "identifiers": identifiers })),
            "order",
        )
        .await?;
    let order_url = response.location.ok_or_else(|| {
        Error::new(
            ErrorCode::BadResponse,
            "the CA's newOrder answer has no Location",
        )
    })?;
    let order = Order::from_value(&value)?;

    let mut pending = Vec::new();
    for url in &order.authorizations {
        let (_, value) = session.post_json(url, None, "authorization").await?;
        let authorization = Authorization::from_value(&value)?;
        if authorization.status == Status::Valid {
            continue; // proven recently: the CA reuses it
        }
        if authorization.status != Status::Pending {
            // Invalid, expired, deactivated or revoked: this order cannot be finalized, and no
            // record would change that.
            return Err(authorization_error(session.runtime, &authorization, || {
                format!(
                    "the CA's authorization for {} is {:?}: ask again for a new order",
                    authorization.identifier, authorization.status
                )
            }));
        }
        let challenge = authorization.dns01().ok_or_else(|| {
            Error::new(
                ErrorCode::Unsupported,
                format!(
                    "the CA offers no dns-01 challenge for {}",
                    authorization.identifier
                ),
            )
        })?;
        pending.push(Pending {
            authorization_url: url.clone(),
            challenge_url: challenge.url.clone(),
            domain: authorization.identifier.clone(),
            name: format!("_acme-challenge.{}", authorization.identifier),
            value: jws::dns01_txt(&challenge.token, &session.key),
            respond: challenge.status == Status::Pending,
        });
    }

    let mut published: Vec<TxtRecord> = Vec::new();
    let validated = validate(&mut session, dns, &pending, &mut published).await;
    // Whatever happened, the records go.
    if !published.is_empty() {
        runtime.progress(&Step::Cleanup);
    }
    let mut cleanup_failures = Vec::new();
    for record in &published {
        if let Err(error) = dns.remove_txt(record).await {
            cleanup_failures.push(format!("{} ({})", record.name, error.message));
        }
    }
    let result = match validated {
        Ok(()) => {
            finalize(
                &mut session,
                &order,
                &order_url,
                &request.domains,
                request.key_type,
            )
            .await
        }
        Err(error) => Err(error),
    };
    match (result, cleanup_failures.is_empty()) {
        // Issued: the certificate is the caller's even when a record stayed behind (the CA
        // counted the issuance; an error would throw it and its key away): that is a warning.
        (Ok((certificate_pem, certificate_key)), _) => Ok(Issued {
            certificate_pem,
            private_key_pem: certificate_key.to_pem()?,
            account_key_pem: session.key.to_pem()?,
            account_url,
            warnings: if cleanup_failures.is_empty() {
                Vec::new()
            } else {
                vec![format!(
                    "TXT records could not be removed (remove them at the DNS provider): {}",
                    cleanup_failures.join(", ")
                )]
            },
        }),
        (Err(mut error), false) => {
            error.message.push_str(&format!(
                "; TXT records not removed: {}",
                cleanup_failures.join(", ")
            ));
            Err(error)
        }
        (Err(error), true) => Err(error),
    }
}

/// Publishes every record, waits until the provider reports each, asks the CA to validate, and
/// polls every authorization until it is valid.
async fn validate<R: AcmeRuntime, D: DnsProvider>(
    session: &mut Session<'_, R>,
    dns: &D,
    pending: &[Pending],
    published: &mut Vec<TxtRecord>,
) -> Result<()> {
    for p in pending {
        session.check_abort()?;
        session.runtime.progress(&Step::Challenge {
            domain: p.domain.clone(),
        });
        published.push(dns.add_txt(&p.name, &p.value).await?);
    }
    for record in published.iter() {
        if !session.wait_until(|| dns.is_live(record)).await? {
            return Err(Error::new(
                ErrorCode::Timeout,
                format!(
                    "the DNS provider never reported the TXT record {} as in effect",
                    record.name
                ),
            ));
        }
    }
    // Then, where the runtime can resolve names, until the DNS answers with every record.
    let runtime = session.runtime;
    for record in published.iter() {
        let resolved = session
            .wait_until(|| async {
                // No resolver: nothing to wait for.
                Ok(runtime.resolves(&record.name, &record.value).await != Some(false))
            })
            .await?;
        if !resolved {
            return Err(Error::new(
                ErrorCode::Timeout,
                format!(
                    "the DNS never answered {} with the TXT record (the provider lists it)",
                    record.name
                ),
            )
            .with_hint("the resolver may cache an earlier answer (the name's negative TTL): wait, or raise maxPolls or pollIntervalMs"));
        }
    }
    session.runtime.progress(&Step::Validation);
    for p in pending.iter().filter(|p| p.respond) {
        session
            .post_json(&p.challenge_url, Some(&json!({})), "challenge")
            .await?;
    }
    for p in pending {
        let authorization = session
            .poll(
                &p.authorization_url,
                "authorization",
                Authorization::from_value,
                |a| a.status != Status::Pending && a.status != Status::Processing,
            )
            .await?;
        if authorization.status != Status::Valid {
            return Err(authorization_error(session.runtime, &authorization, || {
                format!("the CA did not validate {}", p.domain)
            }));
        }
    }
    Ok(())
}

/// Finalizes the order with a CSR for a new certificate key and downloads the chain.
async fn finalize<R: AcmeRuntime>(
    session: &mut Session<'_, R>,
    order: &Order,
    order_url: &str,
    domains: &[String],
    key_type: KeyType,
) -> Result<(String, CertificateKey)> {
    session.runtime.progress(&Step::Finalize);
    let ready = if order.status == Status::Ready {
        order.clone()
    } else {
        session
            .poll(order_url, "order", Order::from_value, |o| {
                o.status != Status::Pending
            })
            .await?
    };
    if ready.status == Status::Valid {
        // An order finalized before (the CA gave back an earlier call's): its certificate's
        // key is not this call's to return.
        return Err(Error::new(
            ErrorCode::Vendor,
            "the CA answered with an order it had finalized already (an earlier call's, for the same names): ask again later",
        ));
    }
    if ready.status != Status::Ready {
        return Err(order_error(
            session.runtime,
            &ready,
            "the order is not ready to finalize",
        ));
    }
    let certificate_key = CertificateKey::generate(key_type)?;
    let csr = certificate_request(domains, &certificate_key)?;
    let (_, value) = session
        .post_json(
            &ready.finalize,
            Some(&json!({ "csr": crate::b64url(csr) })),
            "order",
        )
        .await?;
    let mut finalized = Order::from_value(&value)?;
    if finalized.status != Status::Valid {
        finalized = session
            .poll(order_url, "order", Order::from_value, |o| {
                o.status != Status::Processing && o.status != Status::Ready
            })
            .await?;
    }
    if finalized.status != Status::Valid {
        return Err(order_error(
            session.runtime,
            &finalized,
            "the CA did not issue the certificate",
        ));
    }
    let certificate_url = finalized.certificate.clone().ok_or_else(|| {
        Error::new(
            ErrorCode::BadResponse,
            "the CA's valid order has no certificate URL",
        )
    })?;
    session.runtime.progress(&Step::Download);
    let response = session
        .post(
            &certificate_url,
            None,
            Some("application/pem-certificate-chain"),
        )
        .await?;
    if !response.body.contains("-----BEGIN CERTIFICATE-----") {
        return Err(Error::new(
            ErrorCode::BadResponse,
            "the CA's certificate is not a PEM chain",
        ));
    }
    Ok((response.body, certificate_key))
}

/// The error of an authorization that did not become valid, naming its domain: the problem its
/// dns-01 challenge carries (shown to the runtime), else `Vendor` with `otherwise`.
fn authorization_error(
    runtime: &impl AcmeRuntime,
    authorization: &Authorization,
    otherwise: impl FnOnce() -> String,
) -> Error {
    let cause = authorization.dns01().and_then(|c| c.error.clone());
    let mut error = match cause {
        Some(problem) => {
            runtime.problem(&problem);
            problem.into_error(None)
        }
        None => Error::new(ErrorCode::Vendor, otherwise()),
    };
    error.message = format!("{}: {}", authorization.identifier, error.message);
    error
}

fn order_error(runtime: &impl AcmeRuntime, order: &Order, what: &str) -> Error {
    match &order.error {
        Some(problem) => {
            runtime.problem(problem);
            problem.clone().into_error(None)
        }
        None => Error::new(
            ErrorCode::Vendor,
            format!("{what} (status {:?})", order.status),
        ),
    }
}

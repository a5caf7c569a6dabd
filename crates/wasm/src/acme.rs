//! `issueCertificate`: the ACME flow of `cloudcerts-acme` on `fetch` through the CORS proxy,
//! with the caller's DNS accounts publishing the DNS-01 records. Only the ACME module
//! (`crates/acme-module`) enables this (the `acme` feature): its P-256 signing stays out of the
//! other modules.
//!
//! - Every ACME URL (the directory, and each URL the CA gives) goes through `options.proxy`, as
//!   the vendor requests do, by the client's own `fetch` (`crate::fetch::send_raw`), which reads
//!   `Replay-Nonce`, `Location` and `Retry-After` too (the proxy exposes them).
//! - The DNS requests run on a runtime without the caller's `AbortSignal`: after an abort the
//!   flow still removes every record it published (the flow itself stops at the next step).
//! - Progress: `onProgress({step, domain?})` as each step starts.

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use crate::error::JsError;
use crate::fetch::{
    attempt_failure, runtime_from_options, send_raw, sleep_promise, web_sys_abort, JsRuntime,
};
use crate::read::{from_js, member};
use cloudcerts::client::session::Settings;
use cloudcerts::client::Runtime;
use cloudcerts::error::{Error, ErrorCode, Result};
use cloudcerts::model::{Account, ClientSettings, Secret};
use cloudcerts_acme::dns::AccountsDns;
use cloudcerts_acme::flow::{self, IssueRequest, Options};
use cloudcerts_acme::keys::{EcKey, KeyType};
use cloudcerts_acme::problem::Problem;
use cloudcerts_acme::runtime::{AcmeRequest, AcmeResponse, AcmeRuntime, Step};

/// The directories known by name.
const DIRECTORIES: &[(&str, &str)] = &[
    (
        "letsencrypt",
        "https://acme-v02.api.letsencrypt.org/directory",
    ),
    (
        "letsencrypt-staging",
        "https://acme-staging-v02.api.letsencrypt.org/directory",
    ),
    ("zerossl", "https://acme.zerossl.com/v2/DV90"),
];

/// The directory URL `directory` names: one of [`DIRECTORIES`] by name, or an `https://` URL.
fn directory_url(directory: &str) -> Result<String> {
    if let Some((_, url)) = DIRECTORIES.iter().find(|(name, _)| *name == directory) {
        return Ok((*url).to_owned());
    }
    let ok = directory
        .get(..8)
        .is_some_and(|scheme| scheme.eq_ignore_ascii_case("https://"))
        && directory.len() > 8
        && !directory.chars().any(char::is_whitespace);
    if !ok {
        return Err(Error::invalid_input(
            "request.directory",
            "expected \"letsencrypt\", \"letsencrypt-staging\", \"zerossl\" or an https:// directory URL",
        ));
    }
    Ok(directory.to_owned())
}

/// `request.externalAccountBinding`.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ExternalAccountBinding {
    key_id: String,
    hmac_key: Secret,
}

/// The fields of `issueCertificate`'s request besides `dns`.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct IssueArgs {
    directory: String,
    domains: Vec<String>,
    #[serde(default)]
    account_key: Option<Secret>,
    #[serde(default)]
    contact: Option<Vec<String>>,
    #[serde(default)]
    external_account_binding: Option<ExternalAccountBinding>,
    #[serde(default)]
    key_type: Option<String>,
}

/// How one `cc_acme_send` ended (the body read apart).
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Outcome {
    kind: String,
    #[serde(default)]
    status: Option<u16>,
    #[serde(default)]
    replay_nonce: Option<String>,
    #[serde(default)]
    location: Option<String>,
    #[serde(default)]
    retry_after: Option<String>,
    #[serde(default)]
    message: Option<String>,
}

/// What `issueCertificate` resolves to.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct IssuedJs {
    certificate_pem: String,
    private_key_pem: String,
    account_key_pem: String,
    account_url: String,
    domains: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    not_before: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    not_after: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    serial_number: Option<String>,
    /// TXT records that could not be removed (the issuance went on).
    warnings: Vec<String>,
}

/// The progress event of a step.
#[derive(Serialize)]
struct ProgressJs<'a> {
    step: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    domain: Option<&'a str>,
}

/// The ACME runtime on `fetch`, through the proxy, with the caller's signal and progress.
struct JsAcme {
    js: JsRuntime,
    proxy: String,
    timeout_ms: u32,
    /// The last problem document the CA answered with ([`AcmeRuntime::problem`]).
    problem: std::cell::RefCell<Option<Problem>>,
    /// `options.resolveTxt`: the caller's TXT lookup, when it gave one.
    resolve_txt: Option<js_sys::Function>,
}

/// Whether `answer` (what `resolveTxt` resolved to: strings, or arrays of a record's strings as
/// Node's `dns.resolveTxt` gives them) holds `value` ([`cloudcerts::dns::txt_matches`]: DNS-over-
/// HTTPS JSON answers give TXT data quoted).
fn txt_answer_holds(answer: &JsValue, value: &str) -> bool {
    cc_txt_texts(answer).iter().any(|text| {
        text.as_string()
            .is_some_and(|text| cloudcerts::dns::txt_matches(&text, value))
    })
}

#[wasm_bindgen(module = "/src/txt.js")]
extern "C" {
    /// The TXT texts of a `resolveTxt` answer: each record a string, or its chunks joined (a
    /// plain array of strings, empty when the answer is not an array or cannot be read).
    fn cc_txt_texts(answer: &JsValue) -> js_sys::Array;
}

#[wasm_bindgen]
extern "C" {
    /// The platform's `AbortController`, to clear a lookup's deadline once the lookup answered.
    type AbortController;
    #[wasm_bindgen(constructor)]
    fn new() -> AbortController;
    #[wasm_bindgen(method, getter)]
    fn signal(this: &AbortController) -> web_sys_abort::AbortSignal;
    #[wasm_bindgen(method)]
    fn abort(this: &AbortController);
}

/// One subproblem as `CloudCertError.subproblems` lists it.
#[derive(Serialize)]
struct SubproblemJs<'a> {
    #[serde(rename = "type")]
    kind: &'a str,
    detail: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    identifier: Option<&'a str>,
}

impl JsAcme {
    /// `error` as JavaScript; when it is the CA's last problem document, with that document's
    /// `subproblems` (one per name) beside its type (`vendorCode`) and detail (`message`).
    fn error_to_js(&self, error: &Error) -> JsValue {
        let js = crate::error::to_js_error(error);
        let problem = self.problem.borrow();
        let Some(problem) = problem
            .as_ref()
            .filter(|p| error.vendor_code.as_deref() == Some(p.kind.as_str()))
        else {
            return js;
        };
        if problem.subproblems.is_empty() {
            return js;
        }
        let list: Vec<SubproblemJs<'_>> = problem
            .subproblems
            .iter()
            .map(|sub| SubproblemJs {
                kind: &sub.kind,
                detail: &sub.detail,
                identifier: sub.identifier.as_deref(),
            })
            .collect();
        if let Ok(value) = crate::write::to_js(&list) {
            let _ = js_sys::Reflect::set(&js, &JsValue::from_str("subproblems"), &value);
        }
        js
    }
}

impl AcmeRuntime for JsAcme {
    fn now_ms(&self) -> f64 {
        js_sys::Date::now()
    }

    fn aborted(&self) -> bool {
        self.js.aborted()
    }

    async fn sleep(&self, ms: f64) -> Result<()> {
        self.js.sleep(ms).await
    }

    async fn send(&self, request: &AcmeRequest) -> Result<AcmeResponse> {
        let headers = js_sys::Object::new();
        let set = |name: &str, value: &str| {
            let _ = js_sys::Reflect::set(
                &headers,
                &JsValue::from_str(name),
                &JsValue::from_str(value),
            );
        };
        if request.body.is_some() {
            set("Content-Type", "application/jose+json");
        }
        if let Some(accept) = request.accept {
            set("Accept", accept);
        }
        let (value, body) = send_raw(
            &format!("{}{}", self.proxy, request.url),
            request.method,
            &headers,
            request.body.clone(),
            self.timeout_ms,
            self.js.signal.as_ref(),
        )
        .await?;
        let outcome: Outcome = from_js(&value, "fetch outcome")
            .map_err(|_| Error::new(ErrorCode::Network, "fetch returned an unreadable outcome"))?;
        match outcome.kind.as_str() {
            "response" => Ok(AcmeResponse {
                status: outcome.status.unwrap_or(0),
                replay_nonce: outcome.replay_nonce,
                location: outcome.location,
                retry_after: outcome.retry_after,
                body: body.unwrap_or_default(),
            }),
            kind => {
                let mut error = attempt_failure(kind, outcome.message, self.timeout_ms);
                if error.code == ErrorCode::Network {
                    error.hint = Some("check the proxy option, that the CORS proxy is running, and that it admits the CA's host".into());
                }
                Err(error)
            }
        }
    }

    async fn resolves(&self, name: &str, value: &str) -> Option<bool> {
        let resolve = self.resolve_txt.as_ref()?;
        // A throwing or rejecting lookup is "not yet": asked again at the next poll.
        let Ok(result) = resolve.call1(&JsValue::UNDEFINED, &JsValue::from_str(name)) else {
            return Some(false);
        };
        // A lookup gets `timeoutMs`, as a request does: one that never settles is "not yet".
        let deadline = AbortController::new();
        let lookup = js_sys::Promise::race(&js_sys::Array::of2(
            &js_sys::Promise::resolve(&result),
            &sleep_promise(f64::from(self.timeout_ms), Some(&deadline.signal())),
        ));
        let answer = wasm_bindgen_futures::JsFuture::from(lookup).await;
        deadline.abort();
        Some(answer.is_ok_and(|answer| txt_answer_holds(&answer, value)))
    }

    fn problem(&self, problem: &Problem) {
        *self.problem.borrow_mut() = Some(problem.clone());
    }

    fn progress(&self, step: &Step) {
        let Some(callback) = &self.js.on_progress else {
            return;
        };
        let (name, domain) = match step {
            Step::Account => ("account", None),
            Step::Order => ("order", None),
            Step::Challenge { domain } => ("challenge", Some(domain.as_str())),
            Step::Validation => ("validation", None),
            Step::Finalize => ("finalize", None),
            Step::Download => ("download", None),
            Step::Cleanup => ("cleanup", None),
        };
        if let Ok(value) = crate::write::to_js(&ProgressJs { step: name, domain }) {
            // A throwing callback must not break the issuance.
            let _ = callback.call1(&JsValue::UNDEFINED, &value);
        }
    }
}

/// `request.dns`: one account, or an array of them.
fn dns_accounts(request: &JsValue) -> Result<Vec<Account>> {
    let Some(dns) = member(request, "dns", "request")? else {
        return Err(Error::invalid_input(
            "request.dns",
            "a DNS account (tencent-dns or volcengine-dns), or an array of them, is needed",
        ));
    };
    if crate::read::is_array(&dns) {
        from_js(&dns, "request.dns")
    } else {
        Ok(vec![from_js(&dns, "request.dns")?])
    }
}

/// A number option of `options`, when given: finite and within `range`.
fn number_option(
    options: &JsValue,
    key: &str,
    range: std::ops::RangeInclusive<f64>,
) -> Result<Option<f64>> {
    let Some(value) = member(options, key, "options")? else {
        return Ok(None);
    };
    match value.as_f64() {
        Some(n) if n.is_finite() && range.contains(&n) => Ok(Some(n)),
        _ => Err(Error::invalid_input(
            &format!("options.{key}"),
            format!(
                "expected a number from {} to {}",
                range.start(),
                range.end()
            ),
        )),
    }
}

/// Why `issueCertificate` rejects: an error to convert, or one converted already (with the
/// CA's subproblems).
enum Rejection {
    Error(JsError),
    Js(JsValue),
}

impl<E: Into<JsError>> From<E> for Rejection {
    fn from(error: E) -> Self {
        Rejection::Error(error.into())
    }
}

impl From<Rejection> for JsValue {
    fn from(rejection: Rejection) -> Self {
        match rejection {
            Rejection::Error(error) => error.into(),
            Rejection::Js(value) => value,
        }
    }
}

async fn issue_certificate_async(request: JsValue, options: JsValue) -> Result<JsValue, Rejection> {
    let options = if options.is_undefined() || options.is_null() {
        js_sys::Object::new().into()
    } else {
        options
    };
    let args: IssueArgs = from_js(&request, "request")?;
    let accounts = dns_accounts(&request)?;
    let settings_in: ClientSettings = from_js(&options, "options")?;
    let settings = Settings::new(&settings_in, js_sys::Date::now())?;
    let mut flow_options = Options::default();
    if let Some(ms) = number_option(&options, "pollIntervalMs", 0.0..=600_000.0)? {
        flow_options.poll_interval_ms = ms;
    }
    if let Some(n) = number_option(&options, "maxPolls", 1.0..=1_000.0)? {
        flow_options.max_polls = n as u32;
    }
    let key_type = match args.key_type.as_deref() {
        None | Some("ec-p256") => KeyType::EcP256,
        Some("rsa-2048") => KeyType::Rsa2048,
        Some(_) => {
            return Err(Error::invalid_input(
                "request.keyType",
                "expected \"ec-p256\" (the default) or \"rsa-2048\"",
            )
            .into())
        }
    };
    let account_key = match &args.account_key {
        None => None,
        Some(pem) => Some(EcKey::from_pem(pem.expose(), "request.accountKey")?),
    };
    let issue = IssueRequest {
        directory_url: directory_url(&args.directory)?,
        account_key,
        contact: args.contact.unwrap_or_default(),
        external_account: args
            .external_account_binding
            .map(|eab| (eab.key_id, eab.hmac_key.expose().to_owned())),
        // DNS names compare without case: the CA, the CSR and the records get them lower-case.
        domains: args
            .domains
            .into_iter()
            .map(|d| d.trim().to_ascii_lowercase())
            .collect(),
        key_type,
    };
    let acme = JsAcme {
        js: runtime_from_options(&options)?,
        proxy: settings.proxy.clone(),
        timeout_ms: settings.timeout_ms,
        problem: std::cell::RefCell::default(),
        resolve_txt: match member(&options, "resolveTxt", "options")? {
            None => None,
            Some(value) => Some(value.dyn_into::<js_sys::Function>().map_err(|value| {
                Error::invalid_input(
                    "options.resolveTxt",
                    format!(
                        "expected a function (name) => TXT values, got {}",
                        crate::read::kind_of(&value)
                    ),
                )
            })?),
        },
    };
    // The DNS requests: no AbortSignal (the records are removed after an abort too).
    let dns_runtime = JsRuntime {
        signal: None,
        on_progress: None,
        pages: std::cell::RefCell::default(),
        kept: std::cell::RefCell::default(),
    };
    let dns = AccountsDns::new(&dns_runtime, &accounts, &settings_in)?;
    let issued = flow::issue(&acme, &dns, &issue, flow_options)
        .await
        .map_err(|error| Rejection::Js(acme.error_to_js(&error)))?;
    let leaf = cloudcerts::inspect::leaf(&issued.certificate_pem);
    let result = IssuedJs {
        domains: issue.domains.clone(),
        not_before: leaf
            .as_ref()
            .and_then(|l| cloudcerts::dates::to_rfc3339(l.not_before_ms)),
        not_after: leaf
            .as_ref()
            .and_then(|l| cloudcerts::dates::to_rfc3339(l.not_after_ms)),
        serial_number: leaf.map(|l| l.serial_number),
        certificate_pem: issued.certificate_pem,
        private_key_pem: issued.private_key_pem.to_string(),
        account_key_pem: issued.account_key_pem.to_string(),
        account_url: issued.account_url,
        warnings: issued.warnings,
    };
    Ok(crate::write::to_js(&result)?)
}

/// `issueCertificate`: a promise of the certificate and its keys, or of its `CloudCertError`.
pub fn issue_certificate(request: JsValue, options: JsValue) -> js_sys::Promise {
    crate::install_clock();
    wasm_bindgen_futures::future_to_promise(async move {
        Ok(issue_certificate_async(request, options).await?)
    })
}

//! The seam between the ACME flow and the world: HTTP to the CA (through the CORS proxy in the
//! page), timers, the caller's abort signal and progress, and the DNS provider that publishes
//! the DNS-01 TXT records. The wasm boundary implements it with `fetch`; native tests with an
//! in-memory CA and DNS.

use cloudcerts::error::Result;

/// A request to the CA. `body` is a JWS (`application/jose+json`) or nothing (`GET`, `HEAD`).
#[derive(Clone, PartialEq, Eq)]
pub struct AcmeRequest {
    /// `GET`, `HEAD` or `POST`.
    pub method: &'static str,
    /// The CA's URL, as the directory gives it.
    pub url: String,
    /// The signed body of a `POST`.
    pub body: Option<String>,
    /// `Accept`, when the answer is not JSON (the certificate chain).
    pub accept: Option<&'static str>,
}

impl std::fmt::Debug for AcmeRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The body is signed by the account key: not secret, but long and of no use in a log.
        f.debug_struct("AcmeRequest")
            .field("method", &self.method)
            .field("url", &self.url)
            .field("body", &self.body.as_ref().map(|b| b.len()))
            .finish()
    }
}

/// The CA's answer: the status, the headers ACME reads, and the body.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AcmeResponse {
    /// HTTP status.
    pub status: u16,
    /// `Replay-Nonce`: the next request's nonce.
    pub replay_nonce: Option<String>,
    /// `Location`: the URL of what a `POST` created (the account, the order).
    pub location: Option<String>,
    /// `Retry-After`: seconds, or an HTTP date.
    pub retry_after: Option<String>,
    /// The body as text.
    pub body: String,
}

/// One step of an issuance, for progress reports.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    /// The directory is read and the account found or created.
    Account,
    /// The order is placed for these names.
    Order,
    /// A TXT record is published for a name.
    Challenge {
        /// The name the record proves (without `*.`).
        domain: String,
    },
    /// The CA is validating.
    Validation,
    /// The CSR is sent.
    Finalize,
    /// The chain is downloaded.
    Download,
    /// The TXT records are removed.
    Cleanup,
}

/// Everything the flow needs from its environment.
#[allow(async_fn_in_trait)] // single-threaded (wasm): the futures need not be `Send`
pub trait AcmeRuntime {
    /// The clock, ms since the epoch.
    fn now_ms(&self) -> f64;
    /// Whether the caller has aborted.
    fn aborted(&self) -> bool;
    /// Waits `ms`; `Aborted` if the caller aborts meanwhile.
    async fn sleep(&self, ms: f64) -> Result<()>;
    /// Sends one request: `Network`, `Timeout` or `Aborted` when no answer arrives.
    async fn send(&self, request: &AcmeRequest) -> Result<AcmeResponse>;
    /// Reports a step as it starts (errors of the callback are ignored).
    fn progress(&self, step: &Step);
    /// Whether the DNS answers `name` with the TXT record `value`: `None` when the runtime has
    /// no resolver (a page has none of its own; the caller may give one), `Some(false)` also
    /// when the lookup failed (asked again at the next poll). The default has none.
    async fn resolves(&self, name: &str, value: &str) -> Option<bool> {
        let _ = (name, value);
        None
    }
    /// Shown each problem document the CA answered with, as it becomes the call's error: the
    /// error keeps its type, detail and status, and a runtime that can say more (the wasm
    /// boundary: `subproblems` on the JavaScript error) keeps the rest. The default keeps
    /// nothing.
    fn problem(&self, problem: &crate::problem::Problem) {
        let _ = problem;
    }
}

/// A TXT record the DNS provider published, to remove afterwards.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TxtRecord {
    /// The record's full name (`_acme-challenge.example.com`).
    pub name: String,
    /// Its value.
    pub value: String,
    /// The provider's id of the record (and of its zone), to delete it by.
    pub id: String,
}

/// The DNS provider of the names being validated (Tencent Cloud DNSPod, Volcengine DNS).
#[allow(async_fn_in_trait)]
pub trait DnsProvider {
    /// Checks, before anything is ordered or published, that it can publish records of these
    /// names (`_acme-challenge.…`): a name it cannot serve fails the issuance here, not after
    /// the records of the other names went out. The default accepts every name.
    async fn check(&self, names: &[String]) -> Result<()> {
        let _ = names;
        Ok(())
    }
    /// Publishes a TXT record `name` = `value` (beside any others of that name).
    async fn add_txt(&self, name: &str, value: &str) -> Result<TxtRecord>;
    /// Whether the provider reports the record as in effect.
    async fn is_live(&self, record: &TxtRecord) -> Result<bool>;
    /// Removes the record; a record already gone is not an error.
    async fn remove_txt(&self, record: &TxtRecord) -> Result<()>;
}

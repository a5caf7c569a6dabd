//! The seam between the client's logic and the world: clock, randomness, timers, HTTP and
//! progress. `crates/wasm/src/fetch.rs` implements it with the global `fetch` and `setTimeout`; native
//! tests implement it with a virtual clock and an in-memory vendor.

use std::collections::BTreeMap;

use crate::error::Result;
use crate::model::{Certificate, Progress};
use crate::vendors::RawReference;

/// A signed request on its way out: the URL already carries the proxy prefix. Its `Debug` shows
/// no header values, query values or body.
#[derive(Clone, PartialEq)]
pub struct OutgoingRequest {
    pub method: String,
    pub url: String,
    pub headers: BTreeMap<String, String>,
    pub body: Option<String>,
    /// Time limit of this attempt.
    pub timeout_ms: u32,
}

impl std::fmt::Debug for OutgoingRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        crate::model::debug_request(
            f,
            "OutgoingRequest",
            &self.method,
            &self.url,
            self.headers.keys(),
            self.body.as_deref(),
        )
    }
}

/// What came back.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct HttpResponse {
    pub status: u16,
    /// The `Date` header, when the proxy exposes it.
    pub date: Option<String>,
    /// A vendor request-id header (`X-Tc-Requestid`, `X-Reqid`, `X-Tt-Logid`), if any.
    pub request_id: Option<String>,
    pub body: String,
}

/// Everything the client needs from its environment.
#[allow(async_fn_in_trait)] // single-threaded (wasm): the futures need not be `Send`
pub trait Runtime {
    /// The local clock, ms since the epoch (possibly wrong: the client corrects it).
    fn now_ms(&self) -> f64;
    /// A uniform random number in `[0, 1)`.
    fn random(&self) -> f64;
    /// Whether the caller has aborted.
    fn aborted(&self) -> bool;
    /// Waits `ms`; `Aborted` if the caller aborts meanwhile.
    async fn sleep(&self, ms: f64) -> Result<()>;
    /// Sends one request: `Network`, `Timeout` or `Aborted` when no answer arrives.
    async fn send(&self, request: &OutgoingRequest) -> Result<HttpResponse>;
    /// Reports paging progress (errors of the callback are ignored).
    fn progress(&self, progress: &Progress);
    /// Offered each page's certificates as soon as the page is read, while the listing goes on.
    /// A runtime that returns a token has kept a converted copy (the wasm runtime hands the page
    /// to JavaScript then, during the waits the rate limit imposes anyway, instead of converting
    /// every certificate at the end); the client then keeps `(token, index)` beside each
    /// certificate and hands them over with the result ([`Runtime::kept_copies`]). The default
    /// keeps nothing.
    ///
    /// `raw_references` (beside `certificates`, or empty) and `body`: when the page was read
    /// with `raw` left out ([`Runtime::raw_by_reference`]), the kept copy must take each `raw`
    /// from the body as its [`RawReference`] says. If it returns `None`, the client fills `raw`
    /// itself.
    fn keep_page(
        &self,
        certificates: &[Certificate],
        raw_references: &[Option<RawReference>],
        body: Option<&str>,
    ) -> Option<u32> {
        let _ = (certificates, raw_references, body);
        None
    }
    /// Where the runtime keeps the copies of the certificates of the result about to be returned
    /// (one call, before the result), in its order: `(token of` [`Runtime::keep_page`]`, index)`,
    /// `None` where it kept none. A runtime that keeps no copies ignores it.
    fn kept_copies(&self, kept: Vec<Option<(u32, u32)>>) {
        let _ = kept;
    }
    /// Whether pages of a listing may be read with `raw` left out of their listed certificates,
    /// for [`Runtime::keep_page`] to take from the body (the wasm runtime: each `raw` is parsed
    /// by the engine's `JSON.parse` from its record's own text when first read, far cheaper than
    /// writing every record out of wasm). The default: no.
    fn raw_by_reference(&self) -> bool {
        false
    }
}

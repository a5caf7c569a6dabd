//! The only place that performs HTTP: the client's [`Runtime`] on the global `fetch`,
//! `setTimeout` and `AbortSignal`, so it runs on a page, in a Web Worker and in Node 20.
//!
//! Two small JavaScript functions do the I/O (no `window` needed): `send` ties the caller's
//! `AbortSignal` and a per-attempt timer to one `AbortController` and reports how an attempt
//! ended as data (`timeout`, `aborted`, `network`) rather than as an exception (never with the
//! engine's message, which quotes the URL); `sleep` is an abortable `setTimeout`. Everything else (retries, paging, parsing) stays in Rust.

use serde::Deserialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::certificates::CertificateWriter;
use cloudcerts::client::{HttpResponse, OutgoingRequest, Runtime};
use cloudcerts::error::{Error, ErrorCode, Result};
use cloudcerts::model::{Certificate, Progress};
use cloudcerts::vendors::RawReference;

#[wasm_bindgen(inline_js = r#"
// A caller's signal is a real AbortSignal (checked when the options are read), but its own
// members may be anything: it is used through AbortSignal's and EventTarget's own methods, which
// its own properties cannot replace.
const abortedOf = Object.getOwnPropertyDescriptor(AbortSignal.prototype, "aborted").get;
export function cc_aborted(signal) {
  try { return abortedOf.call(signal) === true; } catch { return false; }
}
function listen(signal, onAbort) {
  if (signal) EventTarget.prototype.addEventListener.call(signal, "abort", onAbort, { once: true });
}
function unlisten(signal, onAbort) {
  if (signal) EventTarget.prototype.removeEventListener.call(signal, "abort", onAbort);
}
export function cc_sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    if (signal && cc_aborted(signal)) { reject(new Error("aborted")); return; }
    const onAbort = () => { clearTimeout(timer); reject(new Error("aborted")); };
    const timer = setTimeout(() => {
      unlisten(signal, onAbort);
      resolve();
    }, ms);
    listen(signal, onAbort);
  });
}

export async function cc_send(url, method, headers, body, timeoutMs, signal) {
  // AbortSignal.timeout/any are recent (Chrome 116, Safari 17.4, Node 20.3): fall back to a
  // controller wired by hand where they are missing.
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => { timedOut = true; controller.abort(); }, timeoutMs);
  const onAbort = () => controller.abort();
  listen(signal, onAbort);
  try {
    const response = await fetch(url, {
      method, headers, body: body === undefined || body === null ? undefined : body,
      signal: controller.signal, credentials: "omit", cache: "no-store",
    });
    const text = await response.text();
    const h = response.headers;
    const requestId = h.get("x-tc-requestid") || h.get("x-reqid") || h.get("x-tt-logid") || h.get("x-request-id");
    return {
      kind: "response", status: response.status, date: h.get("date"), requestId, body: text,
      // What an ACME CA's answers carry (issueCertificate).
      replayNonce: h.get("replay-nonce"), location: h.get("location"), retryAfter: h.get("retry-after"),
    };
  } catch (error) {
    if (signal && cc_aborted(signal)) return { kind: "aborted" };
    if (timedOut) return { kind: "timeout" };
    // Never the error's message: engines quote the URL in it, and a tencent-legacy URL carries
    // the session token. The error's name and the system's code are enough to tell causes apart.
    const name = (error && error.name) || "Error";
    const code = error && error.cause && error.cause.code ? ` (${error.cause.code})` : "";
    return { kind: "network", message: name + code };
  } finally {
    clearTimeout(timer);
    unlisten(signal, onAbort);
  }
}
"#)]
extern "C" {
    /// Whether `signal` has fired, read through `AbortSignal.prototype`'s getter (false if that
    /// throws, which a real signal's cannot).
    pub fn cc_aborted(signal: &web_sys_abort::AbortSignal) -> bool;
    fn cc_sleep(ms: f64, signal: Option<&web_sys_abort::AbortSignal>) -> js_sys::Promise;
    fn cc_send(
        url: &str,
        method: &str,
        headers: &JsValue,
        body: Option<String>,
        timeout_ms: u32,
        signal: Option<&web_sys_abort::AbortSignal>,
    ) -> js_sys::Promise;
}

/// The `AbortSignal` type, bound directly (no `web-sys` for one type); whether one has fired is
/// [`cc_aborted`].
pub mod web_sys_abort {
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen]
    extern "C" {
        /// A DOM `AbortSignal`.
        #[wasm_bindgen(typescript_type = "AbortSignal")]
        #[derive(Clone, Debug)]
        pub type AbortSignal;
    }
}

/// How one `cc_send` ended.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Outcome {
    kind: String,
    #[serde(default)]
    status: Option<u16>,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    request_id: Option<String>,
    #[serde(default)]
    message: Option<String>,
}

/// A promise that resolves after `ms`, or rejects when `signal` fires first (its timer then
/// cleared). Only the ACME module uses it.
#[cfg_attr(not(feature = "acme"), allow(dead_code))]
pub(crate) fn sleep_promise(
    ms: f64,
    signal: Option<&web_sys_abort::AbortSignal>,
) -> js_sys::Promise {
    cc_sleep(ms.max(0.0), signal)
}

/// Sends one request through `cc_send`: how it ended (`{kind, status, …}`, without its body)
/// and the body, which crosses as its own string (through the JSON bridge it would be escaped,
/// copied and unescaped once more before the parser even sees it).
///
/// # Errors
/// `Network` when `fetch` failed in a way `cc_send` did not catch.
pub(crate) async fn send_raw(
    url: &str,
    method: &str,
    headers: &JsValue,
    body: Option<String>,
    timeout_ms: u32,
    signal: Option<&web_sys_abort::AbortSignal>,
) -> Result<(JsValue, Option<String>)> {
    let promise = cc_send(url, method, headers, body, timeout_ms, signal);
    let value = JsFuture::from(promise)
        .await
        .map_err(|_| Error::new(ErrorCode::Network, "fetch failed unexpectedly"))?;
    let body_key = JsValue::from_str("body");
    let body = js_sys::Reflect::get(&value, &body_key)
        .ok()
        .and_then(|b| b.as_string());
    let _ = js_sys::Reflect::delete_property(value.unchecked_ref::<js_sys::Object>(), &body_key);
    Ok((value, body))
}

/// The error of an attempt that got no answer: `kind` is `aborted`, `timeout` or `network` (with
/// `message`, the error's name and system code, never the engine's message).
pub(crate) fn attempt_failure(kind: &str, message: Option<String>, timeout_ms: u32) -> Error {
    match kind {
        "aborted" => Error::new(ErrorCode::Aborted, "aborted by the caller's AbortSignal"),
        "timeout" => {
            let mut e = Error::new(
                ErrorCode::Timeout,
                format!("no answer within {timeout_ms} ms (timeoutMs)"),
            );
            e.retryable = true;
            e
        }
        _ => {
            let mut e = Error::new(
                ErrorCode::Network,
                format!(
                    "the request did not get through: {}",
                    message.unwrap_or_default()
                ),
            )
            .with_hint("check the proxy option and that the CORS proxy is running");
            e.retryable = true;
            e
        }
    }
}

/// The client's runtime in JavaScript: the caller's `AbortSignal` and `onProgress`.
pub struct JsRuntime {
    pub signal: Option<web_sys_abort::AbortSignal>,
    pub on_progress: Option<js_sys::Function>,
    /// Pages already handed to JavaScript ([`Runtime::keep_page`]), by token.
    pub pages: std::cell::RefCell<Vec<js_sys::Array>>,
    /// Where the result's certificates are among `pages` ([`Runtime::kept_copies`]), in order.
    pub kept: std::cell::RefCell<Vec<Option<(u32, u32)>>>,
}

impl JsRuntime {
    /// `certificates` as a JavaScript array, reusing the copies [`Runtime::keep_page`] made while
    /// the listing ran and converting only the rest.
    pub fn certificates_to_js(&self, certificates: &[Certificate]) -> Result<js_sys::Array> {
        let pages = self.pages.borrow();
        let kept_copies = self.kept.borrow();
        // Only when the client said where every certificate of this result is.
        let kept_at = |i: usize| {
            (kept_copies.len() == certificates.len())
                .then(|| kept_copies.get(i).copied().flatten())
                .flatten()
        };
        // The certificates without a kept copy are written in one go, then put in their places.
        let kept: Vec<Option<JsValue>> = (0..certificates.len())
            .map(|i| {
                kept_at(i)
                    .and_then(|(token, index)| pages.get(token as usize).map(|p| p.get(index)))
                    .filter(|v| !v.is_undefined())
            })
            .collect();
        let unkept = certificates
            .iter()
            .zip(&kept)
            .filter_map(|(certificate, kept)| kept.is_none().then_some(certificate));
        let written = CertificateWriter::all(unkept).ok_or_else(|| {
            Error::new(
                ErrorCode::BadResponse,
                "result: the certificates could not be written",
            )
        })?;
        let out = js_sys::Array::new();
        let mut written = written.iter();
        for kept in kept {
            let value = kept
                .or_else(|| written.next())
                .unwrap_or(JsValue::UNDEFINED);
            out.push(&value);
        }
        Ok(out)
    }
}

impl Runtime for JsRuntime {
    fn now_ms(&self) -> f64 {
        js_sys::Date::now()
    }

    fn random(&self) -> f64 {
        js_sys::Math::random()
    }

    fn aborted(&self) -> bool {
        self.signal.as_ref().is_some_and(cc_aborted)
    }

    async fn sleep(&self, ms: f64) -> Result<()> {
        JsFuture::from(cc_sleep(ms.max(0.0), self.signal.as_ref()))
            .await
            .map(|_| ())
            .map_err(|_| Error::new(ErrorCode::Aborted, "aborted by the caller's AbortSignal"))
    }

    async fn send(&self, request: &OutgoingRequest) -> Result<HttpResponse> {
        let headers = js_sys::Object::new();
        for (name, value) in &request.headers {
            let _ = js_sys::Reflect::set(
                &headers,
                &JsValue::from_str(name),
                &JsValue::from_str(value),
            );
        }
        let (value, body) = send_raw(
            &request.url,
            &request.method,
            &headers,
            request.body.clone(),
            request.timeout_ms,
            self.signal.as_ref(),
        )
        .await?;
        let outcome: Outcome = crate::read::from_js(&value, "fetch outcome")
            .map_err(|_| Error::new(ErrorCode::Network, "fetch returned an unreadable outcome"))?;
        match outcome.kind.as_str() {
            "response" => Ok(HttpResponse {
                status: outcome.status.unwrap_or(0),
                date: outcome.date,
                request_id: outcome.request_id,
                body: body.unwrap_or_default(),
            }),
            kind => Err(attempt_failure(kind, outcome.message, request.timeout_ms)),
        }
    }

    fn raw_by_reference(&self) -> bool {
        true
    }

    fn keep_page(
        &self,
        certificates: &[Certificate],
        raw_references: &[Option<RawReference>],
        body: Option<&str>,
    ) -> Option<u32> {
        let text: Option<JsValue> = body.map(|body| js_sys::JsString::from(body).into());
        let array =
            certificates_with_raw_js(certificates, raw_references, text.as_ref().zip(body))?;
        let mut pages = self.pages.borrow_mut();
        let token = u32::try_from(pages.len()).ok()?;
        pages.push(array.into());
        Some(token)
    }

    fn kept_copies(&self, kept: Vec<Option<(u32, u32)>>) {
        *self.kept.borrow_mut() = kept;
    }

    fn progress(&self, progress: &Progress) {
        if let Some(callback) = &self.on_progress {
            if let Ok(value) = crate::write::to_js(progress) {
                // A throwing callback must not break the listing.
                let _ = callback.call1(&JsValue::UNDEFINED, &value);
            }
        }
    }
}

/// `certificates` as a JavaScript array; with `body` (the response's text, as a JavaScript
/// string and in Rust), the `raw` of those read by reference (`raw_references`, beside them)
/// is read on demand from it ([`crate::certificates`]). `None` if they cannot be written, or if
/// that body does not hold them where the wasm found them: the caller then fills `raw` in Rust
/// (`redact::attach_raw`).
fn certificates_with_raw_js(
    certificates: &[Certificate],
    raw_references: &[Option<RawReference>],
    body: Option<(&JsValue, &str)>,
) -> Option<JsValue> {
    let mut writer = CertificateWriter::new(body);
    for (i, certificate) in certificates.iter().enumerate() {
        let reference = if body.is_some() {
            raw_references.get(i).and_then(Option::as_ref)
        } else {
            None
        };
        writer.push(certificate, reference);
    }
    writer.finish().map(Into::into)
}

/// Builds the runtime from the `signal` and `onProgress` members of a JS options object (or
/// `Map`).
///
/// # Errors
/// `InvalidInput` naming the member when it is not an `AbortSignal` or a function, or when
/// reading it threw.
pub fn runtime_from_options(options: &JsValue) -> Result<JsRuntime> {
    let signal = match crate::read::member(options, "signal", "options")? {
        None => None,
        Some(value) if crate::read::is_abort_signal(&value) => {
            Some(value.unchecked_into::<web_sys_abort::AbortSignal>())
        }
        Some(value) => {
            return Err(Error::invalid_input(
                "options.signal",
                format!(
                    "expected an AbortSignal, got {}",
                    crate::read::kind_of(&value)
                ),
            ))
        }
    };
    let on_progress = match crate::read::member(options, "onProgress", "options")? {
        None => None,
        Some(value) => Some(value.dyn_into::<js_sys::Function>().map_err(|value| {
            Error::invalid_input(
                "options.onProgress",
                format!("expected a function, got {}", crate::read::kind_of(&value)),
            )
        })?),
    };
    Ok(JsRuntime {
        signal,
        on_progress,
        pages: std::cell::RefCell::default(),
        kept: std::cell::RefCell::default(),
    })
}

//! The ACME module: `issueCertificate`. Loaded on first use, as the inspector is: account keys,
//! ES256 signatures and CSRs need P-256 signing, which consoles that never issue never download.
//! Built by its own `cargo build` (scripts/build.sh), so that the features it enables are not
//! unified into the other modules.

use cloudcerts_wasm::fetch::web_sys_abort::AbortSignal;
use cloudcerts_wasm::types::{optional, IssueOptionsArg};
use wasm_bindgen::prelude::*;

// One request to the CA, through the proxy: the headers ACME reads come back as data, and how an
// attempt failed (aborted, timed out, no connection) too, never with the engine's message.
#[wasm_bindgen(inline_js = r#"
export async function cc_acme_send(url, method, body, accept, timeoutMs, signal) {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => { timedOut = true; controller.abort(); }, timeoutMs);
  const onAbort = () => controller.abort();
  if (signal) signal.addEventListener("abort", onAbort, { once: true });
  try {
    const headers = {};
    if (body !== undefined && body !== null) headers["Content-Type"] = "application/jose+json";
    if (accept) headers["Accept"] = accept;
    const response = await fetch(url, {
      method, headers, body: body === undefined || body === null ? undefined : body,
      signal: controller.signal, credentials: "omit", cache: "no-store",
    });
    const text = method === "HEAD" ? "" : await response.text();
    const h = response.headers;
    return {
      kind: "response", status: response.status, replayNonce: h.get("replay-nonce"),
      location: h.get("location"), retryAfter: h.get("retry-after"), body: text,
    };
  } catch (error) {
    if (signal && signal.aborted) return { kind: "aborted" };
    if (timedOut) return { kind: "timeout" };
    const name = (error && error.name) || "Error";
    const code = error && error.cause && error.cause.code ? ` (${error.cause.code})` : "";
    return { kind: "network", message: name + code };
  } finally {
    clearTimeout(timer);
    if (signal) signal.removeEventListener("abort", onAbort);
  }
}
"#)]
extern "C" {
    fn cc_acme_send(
        url: &str,
        method: &str,
        body: Option<String>,
        accept: Option<String>,
        timeout_ms: u32,
        signal: Option<&AbortSignal>,
    ) -> js_sys::Promise;
}

/// Issues a certificate from an ACME CA (RFC 8555) for `request.domains`, proving control of
/// each name with a DNS-01 TXT record published through the caller's DNS accounts
/// (`tencent-dns`, `volcengine-dns`) and removed afterwards, whatever happens. Every request
/// goes through `options.proxy`.
///
/// The certificate's key (P-256) is made in the page; so is the account key, unless
/// `request.accountKey` gives the one a previous call returned (keep it: CAs limit new
/// accounts). Resolves to the chain (leaf first), both keys as PKCS#8 PEM, the account's URL
/// and the leaf's validity.
///
/// # Errors
/// Rejects with a `CloudCertError`: `InvalidInput` for unusable arguments; a CA's problem
/// document with its `type` as `vendorCode` (`RateLimited` for `rateLimited`, `Vendor` for a
/// failed validation, with each name's reason in the message); a DNS provider's typed errors;
/// `Timeout` when a record never shows or the CA never settles; `Aborted`.
#[wasm_bindgen(js_name = issueCertificate, unchecked_return_type = "Promise<IssuedCertificate>", return_description = "the certificate chain, its key, the account key and URL, and the leaf's validity")]
pub fn issue_certificate(
    #[wasm_bindgen(
        unchecked_param_type = "IssueRequest",
        param_description = "`{directory, domains, dns, accountKey?, contact?, externalAccountBinding?, keyType?}`"
    )]
    request: JsValue,
    #[wasm_bindgen(
        param_description = "`{proxy, signal?, onProgress?, timeoutMs?, maxAttempts?, pollIntervalMs?, maxPolls?}`"
    )]
    options: Option<IssueOptionsArg>,
) -> js_sys::Promise {
    cloudcerts_wasm::acme::issue_certificate(request, optional(options), cc_acme_send)
}

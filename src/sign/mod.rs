//! Request signing for the five providers: pure functions of the account, the request, a time
//! and a nonce.
//!
//! One module per scheme ([`tc3`], [`tencent_v2`], [`volcengine`], [`qbox`]) on top of shared
//! canonical encoding ([`encoding`]) and URL normalization ([`url`]). [`sign_request`] checks the
//! input ([`request`]), resolves time and nonce ([`context`]) and dispatches by provider.

pub mod context;
pub mod encoding;
pub mod qbox;
pub mod request;
pub mod tc3;
pub mod tencent_v2;
pub mod url;
pub mod volcengine;

use crate::error::{Error, Result};
use crate::model::{Account, HttpRequest, Provider, SignContext, SignedRequest};

/// Signs `request` for `account` at the time (and nonce) of `context`.
///
/// The result is ready for `fetch`: the URL normalized as a browser sends it, the caller's headers
/// plus the signature headers, and no `Host` header (the CORS proxy sets the vendor's real host).
///
/// # Errors
/// `InvalidInput` for an unknown provider, an empty or non-ASCII key, a URL that is not `https`
/// or whose host does not belong to the provider (unless `account.endpoint` names it), a header
/// name or value `fetch` would refuse, or an out-of-range time or nonce.
pub fn sign_request(
    account: &Account,
    request: &HttpRequest,
    context: &SignContext,
) -> Result<SignedRequest> {
    let creds = request::check_account(account)?;
    let provider = creds.provider;
    let attribute = |e: Error| e.with_provider(provider);
    let prepared = request::prepare(account, provider, request).map_err(attribute)?;
    let t = context::resolve(context, provider == Provider::TencentLegacy).map_err(attribute)?;
    let signed = match provider {
        Provider::TencentSsl => tc3::sign(&creds, "ssl", prepared, &t),
        Provider::TencentDns => tc3::sign(&creds, "dnspod", prepared, &t),
        Provider::TencentLegacy => tencent_v2::sign(&creds, prepared, &t),
        Provider::VolcengineLive => volcengine::sign(&creds, "live", prepared, &t),
        Provider::VolcengineCert => volcengine::sign(&creds, "certificate_service", prepared, &t),
        Provider::VolcengineDns => volcengine::sign(&creds, "dns", prepared, &t),
        Provider::Qiniu => {
            if creds.session_token.is_some() {
                Err(Error::invalid_input(
                    "account.sessionToken",
                    "qiniu management tokens take no session token",
                ))
            } else {
                qbox::sign(&creds, prepared)
            }
        }
    }
    .map_err(attribute)?;
    Ok(SignedRequest {
        method: signed.method,
        url: signed.url.href(),
        // Inserted one by one: collecting into a `BTreeMap` links another copy of the sort.
        headers: {
            let mut headers = std::collections::BTreeMap::new();
            for (name, value) in signed.headers {
                headers.insert(name, value);
            }
            headers
        },
        body: signed.body,
    })
}

//! ACME (RFC 8555) building blocks for issuing a certificate from the page: the keys
//! ([`keys`]: P-256, generated from the platform's secure random source, exported and imported
//! as PKCS#8 PEM), the JSON Web Signatures every request carries ([`jws`]: ES256, the account
//! key's JWK and thumbprint, DNS-01 key authorizations, external account binding), the
//! certificate signing request that finalizes an order ([`csr`]), the CA's objects
//! ([`objects`]: directory, account, order, authorization, challenge) and its problem documents
//! ([`problem`]), each read without panicking whatever the CA sends; and the flow that issues a
//! certificate with them ([`flow`]) over a runtime and a DNS provider ([`runtime`]).
//!
//! A crate of its own so that its p256 features stay out of the other modules. Nothing here
//! sends a request itself: the runtime does (the wasm boundary: `fetch` through the CORS proxy),
//! and the DNS provider publishes the records ([`dns`]: the caller's DNSPod and Volcengine DNS accounts).

pub mod csr;
pub mod dns;
pub mod flow;
pub mod jws;
pub mod keys;
pub mod objects;
pub mod problem;
pub mod runtime;

/// Base64url without padding (RFC 7515 §2), as every ACME field encodes bytes.
pub(crate) fn b64url(bytes: impl AsRef<[u8]>) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

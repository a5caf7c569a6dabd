//! Size variant `no-client` of `bench/size.mjs`: the main module without its async client,
//! `signRequest` and `normalizeResponse` only, declared as `crates/main` declares them.

cloudcerts_wasm::export_sign_request!();

cloudcerts_wasm::export_normalize_response!();

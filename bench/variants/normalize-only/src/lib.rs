//! Size variant `normalize-only` of `bench/size.mjs`: `normalizeResponse` alone, declared as
//! `crates/main` declares it.

cloudcerts_wasm::export_normalize_response!();

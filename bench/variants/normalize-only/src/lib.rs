//! Size variant `normalize-only` of `bench/size.mjs`: `normalizeResponse` alone, declared as
//! `crates/main` declares it.

include!("../../normalize_response.rs");

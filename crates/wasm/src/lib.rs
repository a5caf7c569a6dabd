//! The JavaScript boundary of cloudcerts, in one place: reading arguments ([`read`]), writing
//! results ([`write`]), errors ([`JsError`]), the fetch runtime ([`fetch`]), `signRequest`'s
//! packed crossing ([`packed`]), and one function per export that reads, calls the core and
//! writes. The shipped modules (`crates/main`, `crates/sign`, `crates/inspect`) are thin
//! cdylibs that only declare their exports, with their documentation and `.d.ts` signatures,
//! and call these functions.
//!
//! The core crate (`cloudcerts`, the workspace root) knows nothing of wasm-bindgen.

#[cfg(feature = "acme")]
pub mod acme;
mod certificates;
pub mod client;
mod error;
mod fetch;
pub mod inspect;
pub mod normalize;
mod packed;
mod read;
pub mod sign;
pub mod types;
mod write;

pub use error::{is_cloud_cert_error, JsError};
// For the expansion of `export_sign_request!` in the shipped modules.
pub use wasm_bindgen;

/// Gives the core its clock (`Date.now`), which it cannot read itself without wasm-bindgen.
/// Every export calls it first (a `start` function is not run by every host: wasm-bindgen-test
/// does not run it); after the first call it is one check of a `OnceLock`.
pub(crate) fn install_clock() {
    cloudcerts::sign::context::install_clock(js_sys::Date::now);
}

/// The allocator of every shipped module: talc, 2.4-2.9 KB gzipped smaller than Rust's default
/// (dlmalloc) in each module and about as fast (normalization the same, signing about 3% slower
/// in Node; BENCHMARKS.md §23). It grows the memory as dlmalloc does, by `memory.grow`.
#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

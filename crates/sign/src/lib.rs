//! The signing module of `cloudcerts/sign`: `signRequest` alone, for pages that sign and send
//! their requests themselves (BENCHMARKS.md: a third of the main module's size). Built for
//! speed (`opt-level = 2`, see `scripts/build.sh`).

cloudcerts_wasm::export_sign_request!();

cloudcerts_wasm::export_is_cloud_cert_error!();

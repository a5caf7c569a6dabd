//! # cloudcerts
//!
//! See every SSL certificate an organisation keeps at Tencent Cloud, Volcengine and Qiniu, from
//! the browser. This crate signs vendor requests ([`sign`]), and (through `src/wasm/`) exposes
//! them to JavaScript as typed functions.
//!
//! The core modules know nothing of wasm-bindgen and are tested natively; `wasm` only converts
//! types at the boundary.

pub mod bridge;
pub mod client;
pub mod dates;
pub mod error;
pub mod inspect;
pub mod model;
pub mod problem;
pub mod sign;
pub mod transport;
pub mod vendors;
pub mod wasm;

pub use error::{Error, ErrorCode, Result};
pub use model::{Account, HttpRequest, Provider, Secret, SignContext, SignedRequest};
pub use sign::sign_request;

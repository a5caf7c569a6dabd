//! # cloudcerts
//!
//! See every SSL certificate an organisation keeps at Tencent Cloud, Volcengine and Qiniu, from
//! the browser. This is the core crate: it signs vendor requests ([`sign`]), normalizes their
//! answers ([`vendors`]), lists, uploads and deletes through a [`client::Runtime`] ([`client`]),
//! and inspects PEM bundles ([`inspect`]). It knows nothing of wasm-bindgen and is tested
//! natively; `crates/wasm` is its JavaScript boundary and `crates/{main,sign,inspect}` the
//! shipped wasm modules, which only declare exports.

pub mod client;
pub mod dates;
pub mod dns;
pub mod error;
pub mod inspect;
pub mod model;
pub mod problem;
pub mod sign;
pub mod vendors;

pub use error::{Error, ErrorCode, Result};
pub use model::{Account, HttpRequest, Provider, Secret, SignContext, SignedRequest};
pub use sign::sign_request;

//! The inspection exports: `inspectCertificate`, and `checkUpload`, which the package's
//! `uploadCertificate` wrapper calls before the main module's upload when inspection ships as its
//! own module (feature `inspector-only`, see Cargo.toml).

use wasm_bindgen::prelude::*;

use super::{optional_arg, string_arg, to_js, to_js_error, InspectOptionsArg, StringArg};
use crate::inspect::InspectOptions;
use crate::model::{Account, Provider, UploadRequest};

/// `now` checked, or the clock, as JavaScript sees the error.
fn now_from(now: Option<f64>) -> Result<i64, JsValue> {
    crate::sign::context::checked_now_ms(now, "options.now").map_err(|e| to_js_error(&e))
}

/// Inspects a PEM certificate bundle (leaf first, then its chain) and, optionally, its private
/// key, locally: nothing is sent anywhere, and the key never leaves this call.
///
/// Returns each certificate's subject, SANs, issuer, validity (RFC 3339 UTC), serial, SHA-256
/// fingerprint, key algorithm and size; whether the chain is in order; whether the key belongs to
/// the leaf (RSA, ECDSA P-256/P-384, Ed25519; PKCS#1, PKCS#8 or SEC1); and `problems`, each with
/// a stable `code`, a `severity`, a message and, where Qiniu has one, the `qiniuCode` an upload
/// would have met. `uploadCertificate` runs the same checks and refuses on any `error`.
///
/// # Errors
/// Throws `InvalidInput` only for unusable options; what is wrong with the PEM is reported in
/// `problems`, never thrown.
#[wasm_bindgen(js_name = inspectCertificate, unchecked_return_type = "CertificateReport", return_description = "the certificates, the key, and the problems found")]
pub fn inspect_certificate(
    #[wasm_bindgen(
        unchecked_param_type = "string",
        param_description = "the certificate PEM, leaf first, then intermediates"
    )]
    certificate_pem: JsValue,
    #[wasm_bindgen(param_description = "the private key PEM, to check that it matches the leaf")]
    private_key_pem: Option<StringArg>,
    #[wasm_bindgen(param_description = "`{now?, minValidityDays?}`")] options: Option<
        InspectOptionsArg,
    >,
) -> Result<JsValue, JsValue> {
    let certificate_pem = string_arg(&certificate_pem, "certificatePem")?;
    let private_key_pem: Option<String> = optional_arg(private_key_pem, "privateKeyPem")?;
    let options: InspectOptions = optional_arg(options, "options")?;
    let now_ms = now_from(options.now)?;
    let report = crate::inspect::inspect(
        &certificate_pem,
        private_key_pem.as_deref(),
        &options,
        now_ms,
    );
    to_js(&report)
}

/// Runs the checks `uploadCertificate` makes before sending, with the same three arguments:
/// throws the `CloudCertError` (`code: "InvalidInput"`, `provider: "qiniu"`, `problems`) an
/// upload would be refused with, or returns nothing. Only a Qiniu upload with both PEMs given is
/// checked; arguments it cannot read are left to the main module's `uploadCertificate`, which
/// reports them.
///
/// # Errors
/// The refusal, when inspection finds a problem of severity `error`.
#[wasm_bindgen(js_name = checkUpload)]
pub fn check_upload(
    #[wasm_bindgen(unchecked_param_type = "Account", param_description = "the account")]
    account: JsValue,
    #[wasm_bindgen(
        unchecked_param_type = "UploadRequest",
        param_description = "the upload `uploadCertificate` is about to send"
    )]
    upload: JsValue,
    #[wasm_bindgen(
        unchecked_param_type = "ClientOptions",
        param_description = "the upload's options (`now` is read)"
    )]
    options: JsValue,
) -> Result<(), JsValue> {
    let Ok(account) = crate::bridge::from_js::<Account>(&account, "account") else {
        return Ok(());
    };
    if Provider::parse(&account.provider, "account.provider") != Ok(Provider::Qiniu) {
        return Ok(());
    }
    let Ok(upload) = crate::bridge::from_js::<UploadRequest>(&upload, "upload") else {
        return Ok(());
    };
    if upload.certificate_pem.trim().is_empty() || upload.private_key_pem.expose().trim().is_empty()
    {
        return Ok(());
    }
    let now = match crate::bridge::member(&options, "now", "options") {
        Ok(Some(value)) => match crate::bridge::from_js::<f64>(&value, "options.now") {
            Ok(now) => Some(now),
            Err(_) => return Ok(()),
        },
        Ok(None) => None,
        Err(_) => return Ok(()),
    };
    let Ok(now_ms) = now_from(now) else {
        return Ok(());
    };
    crate::inspect::check_upload(&upload, now_ms).map_err(|e| to_js_error(&e))
}

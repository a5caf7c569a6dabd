//! The inspector module: `inspectCertificate`, and `checkUpload`, which the package's
//! `uploadCertificate` calls before the main module's upload. Loaded on first use: key matching
//! needs the P-256/P-384/Ed25519 arithmetic, which consoles that never inspect never download.

use cloudcerts_wasm::types::{optional, InspectOptionsArg, StringArg};
use cloudcerts_wasm::JsError;
use wasm_bindgen::prelude::*;

/// Inspects a PEM certificate bundle (leaf first, then its chain) and, optionally, its private
/// key, locally: nothing is sent anywhere, and the key never leaves this call.
///
/// Returns each certificate's subject, SANs, issuer, validity (RFC 3339 UTC), serial, SHA-256
/// fingerprint, key algorithm and size; whether the chain is in order; whether the key belongs to
/// the leaf (RSA, ECDSA P-256/P-384/P-521, Ed25519; PKCS#1, PKCS#8 or SEC1); and `problems`, each with
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
) -> Result<JsValue, JsError> {
    cloudcerts_wasm::inspect::inspect_certificate(
        &certificate_pem,
        &optional(private_key_pem),
        &optional(options),
    )
}

/// Runs the checks `uploadCertificate` makes before sending, with the same three arguments:
/// throws the `CloudCertError` (`code: "InvalidInput"`, the account's `provider`, `problems`)
/// an upload would be refused with, or returns nothing. An upload with both PEMs given is
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
    cloudcerts_wasm::inspect::check_upload(&account, &upload, &options)
}

/// Runs the checks `replaceCertificate` makes before listing anything: those of `checkUpload`,
/// for a bundle bound for many accounts (the refusal names no provider). Returns nothing, or
/// throws the refusal.
///
/// # Errors
/// The refusal, when inspection finds a problem of severity `error`.
#[wasm_bindgen(js_name = checkBundle)]
pub fn check_bundle(
    #[wasm_bindgen(
        unchecked_param_type = "UploadRequest",
        param_description = "the bundle `replaceCertificate` is about to upload"
    )]
    bundle: JsValue,
    #[wasm_bindgen(
        unchecked_param_type = "ClientOptions",
        param_description = "the replacement's options (`now` is read)"
    )]
    options: JsValue,
) -> Result<(), JsValue> {
    cloudcerts_wasm::inspect::check_bundle(&bundle, &options)
}

//! `inspectCertificate`, and `checkUpload`, which the package's `uploadCertificate` calls before
//! the main module's upload: inspection ships as its own, lazily loaded module.

use wasm_bindgen::JsValue;

use crate::error::JsError;
use crate::read::optional_from_js;
use crate::read::{from_js, member};
use cloudcerts::error::Error;
use cloudcerts::inspect::InspectOptions;
use cloudcerts::model::{Account, Provider, Secret};

/// The members of an upload the pre-check reads. Reading a whole `UploadRequest` here would put
/// the reader of its vendor extras (a map of tags) in this module: 3.7 KB gzipped, measured.
#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct Bundle {
    certificate_pem: String,
    private_key_pem: Secret,
    #[serde(default)]
    min_validity_days: Option<f64>,
}

/// `now` checked, or the clock.
fn now_from(now: Option<f64>) -> cloudcerts::Result<i64> {
    cloudcerts::sign::context::checked_now_ms(now, "options.now")
}

/// Inspects a PEM bundle and, optionally, its key (see the `inspectCertificate` export).
///
/// # Errors
/// `InvalidInput` for arguments of the wrong type or unusable options; what is wrong with the
/// PEM is reported in `problems`, never thrown.
pub fn inspect_certificate(
    certificate_pem: &JsValue,
    private_key_pem: &JsValue,
    options: &JsValue,
) -> Result<JsValue, JsError> {
    crate::install_clock();
    let certificate_pem: String = from_js(certificate_pem, "certificatePem")?;
    let private_key_pem: Option<String> = optional_from_js(private_key_pem, "privateKeyPem")?;
    let options: InspectOptions = optional_from_js(options, "options")?;
    let now_ms = now_from(options.now)?;
    let report = cloudcerts::inspect::inspect(
        &certificate_pem,
        private_key_pem.as_deref(),
        &options,
        now_ms,
    );
    Ok(crate::write::to_js(&report)?)
}

/// The checks `uploadCertificate` makes before sending, with its three arguments: the refusal,
/// for the account's provider, or nothing. This is the one upload pre-check: the main module
/// does not inspect (it would carry the curve arithmetic). An upload to any known provider with
/// both PEMs given is checked; arguments it cannot read are left to the main module's
/// `uploadCertificate`, which reports them.
///
/// # Errors
/// The refusal (`InvalidInput` with `problems`) when inspection finds a problem of severity
/// `error`.
pub fn check_upload(account: &JsValue, upload: &JsValue, options: &JsValue) -> Result<(), JsValue> {
    crate::install_clock();
    let Ok(account) = from_js::<Account>(account, "account") else {
        return Ok(());
    };
    // Every provider uploads (`client::upload_certificate`); an unknown one the main module
    // reports itself.
    let Ok(provider) = Provider::parse(&account.provider, "account.provider") else {
        return Ok(());
    };
    check(upload, options, Some(provider))
}

/// The checks `replaceCertificate` makes before listing anything: [`check_upload`]'s, for a
/// bundle that goes to many accounts (the refusal names no provider).
///
/// # Errors
/// As [`check_upload`].
pub fn check_bundle(bundle: &JsValue, options: &JsValue) -> Result<(), JsValue> {
    crate::install_clock();
    check(bundle, options, None)
}

fn check(upload: &JsValue, options: &JsValue, provider: Option<Provider>) -> Result<(), JsValue> {
    let Ok(bundle) = from_js::<Bundle>(upload, "upload") else {
        return Ok(());
    };
    if bundle.certificate_pem.trim().is_empty() || bundle.private_key_pem.expose().trim().is_empty()
    {
        return Ok(());
    }

    let now = match member(options, "now", "options") {
        Ok(Some(value)) => match from_js::<f64>(&value, "options.now") {
            Ok(now) => Some(now),
            Err(_) => return Ok(()),
        },
        Ok(None) => None,
        Err(_) => return Ok(()),
    };
    let Ok(now_ms) = now_from(now) else {
        return Ok(());
    };
    cloudcerts::inspect::check_upload(
        &bundle.certificate_pem,
        bundle.private_key_pem.expose(),
        bundle.min_validity_days,
        now_ms,
        provider,
    )
    .map_err(|error| refusal_to_js(&error))
}

/// The upload pre-check's refusal: a `CloudCertError` ([`crate::error::to_js_error`]) with its
/// `problems`, each as `inspectCertificate` reports it.
fn refusal_to_js(error: &Error) -> JsValue {
    let js = crate::error::to_js_error(error);
    if let Some(problems) = &error.problems {
        if let Ok(value) = crate::write::to_js(problems) {
            // Setting a property on a fresh Error object cannot fail.
            let _ = js_sys::Reflect::set(&js, &JsValue::from_str("problems"), &value);
        }
    }
    js
}

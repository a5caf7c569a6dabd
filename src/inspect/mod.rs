//! Inspecting a certificate bundle and its private key locally, before anything is sent:
//! what `inspectCertificate` returns and what `uploadCertificate` checks first.
//!
//! The pieces: [`pem`] finds the blocks, [`x509`] reads certificates (over [`der_walk`]),
//! [`keys`] reads private keys, [`chain`] tells whether the bundle is in order, [`report`] is
//! the model. Nothing here panics on any input (fuzzed in `tests/inspect_fuzz.rs`).

pub mod chain;
pub mod der_walk;
pub mod keys;
pub mod pem;
pub mod report;
pub mod x509;

use crate::dates;
use crate::error::{Error, ErrorCode};
use crate::model::Provider;
pub use report::{
    CertificateDetails, CertificateReport, InspectOptions, KeyDetails, Problem, ProblemCode,
    Severity, DEFAULT_MIN_VALIDITY_DAYS,
};
use x509::X509;

const DAY_MS: f64 = 86_400_000.0;

/// Qiniu: the certificate cannot be decoded.
pub const QINIU_UNDECODABLE: u32 = 404_906;
/// Qiniu: the chain does not verify.
pub const QINIU_CHAIN: u32 = 400_323;
/// Qiniu: the validity is too short.
pub const QINIU_TOO_SHORT: u32 = 400_322;
/// Qiniu: the certificate has expired.
pub const QINIU_EXPIRED: u32 = 400_329;

/// Inspects `certificate_pem` (leaf first, then its chain) and, when given, `private_key_pem`,
/// at `now_ms`.
pub fn inspect(
    certificate_pem: &str,
    private_key_pem: Option<&str>,
    options: &InspectOptions,
    now_ms: i64,
) -> CertificateReport {
    let mut problems = Vec::new();
    let certificates = read_certificates(certificate_pem, &mut problems);

    let links: Vec<_> = certificates.iter().map(|c| c.link.clone()).collect();
    let faults = chain::faults(&links);
    let leaf = chain::leaf_index(&links);
    for fault in &faults {
        problems.push(chain_problem(fault, &certificates));
    }
    for (index, certificate) in certificates.iter().enumerate() {
        validity_problems(
            certificate,
            index,
            index == leaf,
            options,
            now_ms,
            &mut problems,
        );
    }
    if let [only] = certificates.as_slice() {
        if only.link.self_signed() {
            problems.push(problem(
                ProblemCode::SelfSigned,
                Severity::Warning,
                format!(
                    "{} is self-signed: browsers will not trust it",
                    describe(only, 0, true)
                ),
                None,
                Some(0),
            ));
        }
    }

    let (key, key_matches) = match private_key_pem.filter(|k| !k.trim().is_empty()) {
        Some(text) => inspect_key(text, certificates.get(leaf), leaf, &mut problems),
        None => (None, None),
    };

    // Errors first, each group in the order found.
    let (mut problems, warnings): (Vec<_>, Vec<_>) = problems
        .into_iter()
        .partition(|p| p.severity == Severity::Error);
    problems.extend(warnings);
    CertificateReport {
        ok: !problems.iter().any(|p| p.severity == Severity::Error),
        chain_in_order: !certificates.is_empty()
            && !faults
                .iter()
                .any(|f| matches!(f, chain::Fault::OutOfOrder { .. })),
        certificates: certificates.iter().map(|c| details(c, now_ms)).collect(),
        key,
        key_matches,
        problems,
    }
}

/// `InvalidInput` carrying the report's errors when it has any: what an upload refuses with,
/// naming the `argument` the bundle came in (`upload`, or `replaceCertificate`'s `bundle`).
pub fn refusal(report: &CertificateReport, argument: &str) -> Option<Error> {
    let errors: Vec<Problem> = report
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .cloned()
        .collect();
    let first = errors.first()?;
    let more = match errors.len() {
        1 => String::new(),
        n => format!(
            " (and {} more problem{})",
            n - 1,
            if n == 2 { "" } else { "s" }
        ),
    };
    let mut error = Error::new(
        ErrorCode::InvalidInput,
        format!("{argument} refused before sending: {}{more}", first.message),
    );
    error.problems = Some(errors.into_boxed_slice());
    Some(error)
}

/// What `uploadCertificate` and `replaceCertificate` check before sending: an upload's bundle
/// and key (`certificatePem`, `privateKeyPem`) inspected at `now_ms` with its `minValidityDays`,
/// refused on any `error` (`InvalidInput` with the problems; for `provider` when one is given,
/// else, a bundle bound for many accounts, naming `bundle` as the argument refused).
///
/// # Errors
/// The refusal.
pub fn check_upload(
    certificate_pem: &str,
    private_key_pem: &str,
    min_validity_days: Option<f64>,
    now_ms: i64,
    provider: Option<Provider>,
) -> Result<(), Error> {
    let options = InspectOptions {
        now: None,
        min_validity_days,
    };
    let report = inspect(certificate_pem, Some(private_key_pem), &options, now_ms);
    let argument = if provider.is_some() {
        "upload"
    } else {
        "bundle"
    };
    match refusal(&report, argument) {
        Some(error) => Err(match provider {
            Some(provider) => error.with_provider(provider),
            None => error,
        }),
        None => Ok(()),
    }
}

/// The leaf of a PEM bundle, when it has a readable one (for enriching vendor records).
pub fn leaf(certificate_pem: &str) -> Option<X509> {
    x509::parse(&leaf_der(certificate_pem)?).ok()
}

/// The DER of the first certificate block of a PEM bundle, when its base64 decodes: what
/// [`leaf`] parses, for callers that first compare its fingerprint ([`x509::fingerprint`]) and
/// parse it only when they must ([`x509::parse_leaf`]).
pub fn leaf_der(certificate_pem: &str) -> Option<Vec<u8>> {
    pem::first_certificate(certificate_pem)
}

fn read_certificates(text: &str, problems: &mut Vec<Problem>) -> Vec<X509> {
    let blocks = pem::blocks(text);
    let mut certificates = Vec::new();
    for block in &blocks {
        if block.is_private_key() {
            problems.push(problem(
                ProblemCode::KeyInCertificateField,
                Severity::Error,
                "the certificate field holds a private key: paste it into the key field".into(),
                Some(QINIU_UNDECODABLE),
                None,
            ));
            continue;
        }
        let read = match &block.body {
            Err(why) => Err(why.clone()),
            Ok(_) if !block.is_certificate() => Err(format!(
                "a {} block is not a certificate",
                block.shown_label()
            )),
            Ok(der) => x509::parse(der).map_err(|why| {
                format!(
                    "certificate {} cannot be decoded: {why}",
                    certificates.len() + 1
                )
            }),
        };
        match read {
            Ok(certificate) => certificates.push(certificate),
            Err(message) => problems.push(problem(
                ProblemCode::Undecodable,
                Severity::Error,
                message,
                Some(QINIU_UNDECODABLE),
                None,
            )),
        }
    }
    if blocks.is_empty() {
        problems.push(problem(
            ProblemCode::Undecodable,
            Severity::Error,
            "no PEM block (-----BEGIN CERTIFICATE-----) found".into(),
            Some(QINIU_UNDECODABLE),
            None,
        ));
    }
    certificates
}

fn inspect_key(
    text: &str,
    leaf: Option<&X509>,
    leaf_index: usize,
    problems: &mut Vec<Problem>,
) -> (Option<KeyDetails>, Option<bool>) {
    let blocks = pem::blocks(text);
    let undecodable = |message: String, problems: &mut Vec<Problem>| {
        problems.push(problem(
            ProblemCode::UndecodableKey,
            Severity::Error,
            message,
            Some(QINIU_UNDECODABLE),
            None,
        ));
    };
    let Some(block) = blocks.iter().find(|b| b.is_private_key()) else {
        if blocks.iter().any(pem::Block::is_certificate) {
            problems.push(problem(
                ProblemCode::CertificateInKeyField,
                Severity::Error,
                "the private key field holds a certificate: paste it into the certificate field"
                    .into(),
                Some(QINIU_UNDECODABLE),
                None,
            ));
        } else {
            undecodable(
                "no PEM private key block (-----BEGIN PRIVATE KEY-----) found".into(),
                problems,
            );
        }
        return (None, None);
    };
    if block.encrypted || block.label == "ENCRYPTED PRIVATE KEY" {
        problems.push(problem(
            ProblemCode::EncryptedKey,
            Severity::Error,
            "the private key is encrypted: decrypt it first (openssl pkey -in key.pem)".into(),
            Some(QINIU_UNDECODABLE),
            None,
        ));
        return (None, None);
    }
    let key = match block
        .body
        .as_deref()
        .map_err(String::clone)
        .and_then(|der| keys::parse(&block.label, der).map_err(str::to_owned))
    {
        Ok(key) => key,
        Err(why) => {
            undecodable(
                format!("the private key cannot be decoded: {why}"),
                problems,
            );
            return (None, None);
        }
    };
    let details = KeyDetails {
        algorithm: key.algorithm.clone(),
        bits: key.bits,
        curve: key.curve.clone(),
        format: key.format.name().into(),
    };
    let Some(leaf) = leaf else {
        return (Some(details), None);
    };
    let matches = keys::matches(&key, &leaf.public_key);
    match (matches, &key.public) {
        (Some(true), _) => {}
        (Some(false), _) => problems.push(problem(
            ProblemCode::KeyMismatch,
            Severity::Error,
            format!(
                "the private key ({}) does not belong to the leaf certificate ({})",
                key_summary(&details),
                leaf.public_key.summary()
            ),
            None,
            u32::try_from(leaf_index).ok(),
        )),
        (None, Err(why)) => problems.push(problem(
            ProblemCode::UnsupportedKey,
            Severity::Warning,
            format!("whether the key matches cannot be told: {why}"),
            None,
            None,
        )),
        (None, Ok(_)) => {}
    }
    (Some(details), matches)
}

fn key_summary(key: &KeyDetails) -> String {
    match (&key.curve, key.bits) {
        (Some(curve), _) => format!("{} {curve}", key.algorithm),
        (None, Some(bits)) if key.algorithm == "RSA" => format!("RSA {bits}"),
        _ => key.algorithm.clone(),
    }
}

fn chain_problem(fault: &chain::Fault, certificates: &[X509]) -> Problem {
    match *fault {
        chain::Fault::OutOfOrder { at } => problem(
            ProblemCode::ChainOutOfOrder,
            Severity::Error,
            format!(
                "the chain is out of order at {}: put the leaf first, then each issuer",
                certificates
                    .get(at)
                    .map_or_else(|| format!("#{}", at + 1), |c| describe(c, at, false))
            ),
            Some(QINIU_CHAIN),
            u32::try_from(at).ok(),
        ),
        chain::Fault::MissingIssuer { at } => {
            let (what, issuer) = certificates.get(at).map_or_else(
                || (format!("#{}", at + 1), String::new()),
                |c| (describe(c, at, !c.link.is_ca), c.issuer()),
            );
            problem(
                ProblemCode::MissingIntermediate,
                Severity::Error,
                format!("the issuer of {what} ({issuer}) is missing: append the intermediate certificate"),
                Some(QINIU_CHAIN),
                u32::try_from(at).ok(),
            )
        }
    }
}

fn validity_problems(
    certificate: &X509,
    index: usize,
    leaf: bool,
    options: &InspectOptions,
    now_ms: i64,
    problems: &mut Vec<Problem>,
) {
    let which = describe(certificate, index, leaf);
    let at = u32::try_from(index).ok();
    if certificate.not_after_ms <= now_ms {
        problems.push(problem(
            ProblemCode::Expired,
            Severity::Error,
            format!("{which} expired on {}", certificate.not_after()),
            Some(if leaf { QINIU_EXPIRED } else { QINIU_CHAIN }),
            at,
        ));
    } else if certificate.not_before_ms > now_ms {
        problems.push(problem(
            ProblemCode::NotYetValid,
            Severity::Error,
            format!("{which} is not valid before {}", certificate.not_before()),
            None,
            at,
        ));
    } else if leaf {
        let min_days = options
            .min_validity_days
            .filter(|d| d.is_finite() && *d >= 0.0)
            .unwrap_or(DEFAULT_MIN_VALIDITY_DAYS);
        #[allow(clippy::cast_precision_loss)] // millisecond spans far below 2^53
        let left_days = (certificate.not_after_ms - now_ms) as f64 / DAY_MS;
        if left_days < min_days {
            problems.push(problem(
                ProblemCode::ValidityTooShort,
                Severity::Error,
                format!(
                    "{which} has {} left (until {}), less than {} days: not worth deploying",
                    left_text(left_days),
                    certificate.not_after(),
                    days_text(min_days)
                ),
                Some(QINIU_TOO_SHORT),
                at,
            ));
        }
    }
}

/// A caller's number of days as text, to the thousandth (`7`, `0.5`, `2.125`), without
/// `f64`'s `Display`, whose printing code would add 14 KB to the wasm.
fn days_text(days: f64) -> String {
    // Finite and at least 0 (checked above); beyond 2^53 thousandths nothing is lost here.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let thousandths = (days * 1000.0).round() as u64;
    let (whole, fraction) = (thousandths / 1000, thousandths % 1000);
    if fraction == 0 {
        whole.to_string()
    } else {
        let digits = format!("{fraction:03}");
        format!("{whole}.{}", digits.trim_end_matches('0'))
    }
}

fn left_text(days: f64) -> String {
    if days >= 1.0 {
        format!("{} days", days.floor() as i64)
    } else {
        format!("{} hours", (days * 24.0).floor() as i64)
    }
}

fn describe(certificate: &X509, index: usize, leaf: bool) -> String {
    let role = if leaf {
        "the leaf certificate".to_owned()
    } else {
        format!("certificate {}", index + 1)
    };
    match &certificate.common_name {
        Some(cn) => format!("{role} ({cn})"),
        None => role,
    }
}

fn details(certificate: &X509, now_ms: i64) -> CertificateDetails {
    let key = &certificate.public_key;
    CertificateDetails {
        subject: certificate.subject(),
        common_name: certificate.common_name.clone(),
        sans: certificate.sans.clone(),
        issuer: certificate.issuer(),
        issuer_common_name: certificate.issuer_common_name.clone(),
        not_before: certificate.not_before(),
        not_after: certificate.not_after(),
        days_remaining: dates::days_remaining(certificate.not_after_ms, now_ms),
        serial_number: certificate.serial_number.clone(),
        fingerprint_sha256: certificate.fingerprint_sha256.clone(),
        key_algorithm: key.algorithm(),
        key_bits: key.bits(),
        curve: key.curve(),
        self_signed: certificate.link.self_signed(),
        is_ca: certificate.link.is_ca,
        subject_key_id: certificate.link.subject_key_id.as_deref().map(hex::encode),
        authority_key_id: certificate
            .link
            .authority_key_id
            .as_deref()
            .map(hex::encode),
    }
}

fn problem(
    code: ProblemCode,
    severity: Severity,
    message: String,
    qiniu_code: Option<u32>,
    certificate: Option<u32>,
) -> Problem {
    Problem {
        code,
        severity,
        message,
        qiniu_code,
        certificate,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn days_are_written_like_numbers_to_the_thousandth() {
        for (days, text) in [
            (7.0, "7"),
            (0.0, "0"),
            (0.5, "0.5"),
            (2.125, "2.125"),
            (30.25, "30.25"),
            (1.0004, "1"),
            (0.0625, "0.063"),
            (36_500.0, "36500"),
        ] {
            assert_eq!(super::days_text(days), text);
        }
    }
}

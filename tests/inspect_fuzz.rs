#![cfg(not(target_arch = "wasm32"))]
//! No input makes inspection panic: arbitrary text in both fields, and real certificates and keys
//! (made by OpenSSL through `tests/support/make-certs.sh`) with their DER truncated, bit-flipped,
//! spliced and re-wrapped in PEM, under every key label. Each case must return a report whose
//! `ok` agrees with its problems; certificate parsing of mutated DER must return `Ok` or `Err`.
//! The lighter readings that vendor enrichment uses in the main module (`pem::first_certificate`,
//! `x509::parse_leaf`, `x509::fingerprint`) must agree with the full ones on every input.
//!
//! CI runs `FUZZ_CASES` cases per property (default 2,000). Long run:
//! `FUZZ_CASES=250000 cargo test --release --test inspect_fuzz`.

use std::sync::OnceLock;

#[path = "support/certs.rs"]
mod certs;

use base64::Engine;
use cloudcerts::inspect::{self, keys, x509, InspectOptions, Severity};
use proptest::prelude::*;
#[path = "support/fuzz.rs"]
mod fuzz;
use fuzz::config;

/// DER bodies of every certificate and key the fixture script makes: (label, der).
fn seeds() -> &'static Vec<(String, Vec<u8>)> {
    static SEEDS: OnceLock<Vec<(String, Vec<u8>)>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let mut seeds = Vec::new();
        for entry in std::fs::read_dir(certs::dir()).unwrap() {
            let text = String::from_utf8_lossy(&std::fs::read(entry.unwrap().path()).unwrap())
                .into_owned();
            for block in inspect::pem::blocks(&text) {
                if let Ok(der) = block.body {
                    seeds.push((block.label, der));
                }
            }
        }
        assert!(seeds.len() >= 30, "only {} seeds", seeds.len());
        seeds
    })
}

fn pem(label: &str, der: &[u8]) -> String {
    let body = base64::engine::general_purpose::STANDARD.encode(der);
    format!("-----BEGIN {label}-----\n{body}\n-----END {label}-----\n")
}

/// `parse_leaf` is `parse` without the link and the issuer's common name; `fingerprint` is the
/// parsed fingerprint.
fn leaf_agrees(der: &[u8]) {
    let full = x509::parse(der);
    let leaf = x509::parse_leaf(der);
    match (&full, &leaf) {
        (Ok(full), Ok(leaf)) => {
            assert_eq!(leaf.link, Default::default());
            assert_eq!(leaf.issuer_common_name, None);
            let expected = x509::X509 {
                link: Default::default(),
                issuer_common_name: None,
                ..full.clone()
            };
            assert_eq!(leaf, &expected);
            assert_eq!(x509::fingerprint(der), full.fingerprint_sha256);
        }
        (Err(a), Err(b)) => assert_eq!(a, b),
        _ => panic!("parse {:?} but parse_leaf {:?}", full.is_ok(), leaf.is_ok()),
    }
}

/// `first_certificate` is the body of the first certificate block `blocks` finds, when it
/// decodes.
fn first_certificate_agrees(text: &str) {
    let expected = inspect::pem::blocks(text)
        .into_iter()
        .find(inspect::pem::Block::is_certificate)
        .and_then(|block| block.body.ok());
    assert_eq!(inspect::pem::first_certificate(text), expected);
    assert_eq!(inspect::leaf_der(text), expected);
}

fn check(cert: &str, key: Option<&str>, options: &InspectOptions, now: i64) {
    let report = inspect::inspect(cert, key, options, now);
    let errors = report
        .problems
        .iter()
        .any(|p| p.severity == Severity::Error);
    assert_eq!(report.ok, !errors);
    if let Some(refusal) = inspect::refusal(&report, "upload") {
        assert!(!report.ok && refusal.problems.is_some());
    }
}

/// A seed's DER changed in one of several ways.
fn mutated() -> impl Strategy<Value = (String, Vec<u8>)> {
    (
        any::<prop::sample::Index>(),
        0usize..4,
        any::<prop::sample::Index>(),
        any::<u8>(),
        prop::collection::vec(any::<u8>(), 0..8),
    )
        .prop_map(|(which, how, at, byte, insert)| {
            let (label, der) = which.get(seeds()).clone();
            let mut der = der;
            let i = at.index(der.len().max(1)).min(der.len());
            match how {
                0 => der.truncate(i),
                1 => {
                    if let Some(b) = der.get_mut(i) {
                        *b ^= byte | 1;
                    }
                }
                2 => {
                    let tail = der.split_off(i);
                    der.extend(insert);
                    der.extend(tail);
                }
                _ => {
                    if let Some(b) = der.get_mut(i) {
                        *b = byte;
                    }
                    der.truncate(der.len().saturating_sub(usize::from(byte % 3)));
                }
            }
            (label, der)
        })
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn arbitrary_text_in_either_field(cert in ".{0,300}", key in prop::option::of(".{0,300}"), now in any::<i64>(), min in prop::option::of(any::<f64>())) {
        let options = InspectOptions { now: None, min_validity_days: min };
        check(&cert, key.as_deref(), &options, now);
        first_certificate_agrees(&cert);
    }

    #[test]
    fn arbitrary_bytes_as_pem_bodies(der in prop::collection::vec(any::<u8>(), 0..400), label in prop::sample::select(vec!["CERTIFICATE", "PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY", "ENCRYPTED PRIVATE KEY"])) {
        let text = pem(label, &der);
        check(&text, Some(&text), &InspectOptions::default(), 1_800_000_000_000);
        leaf_agrees(&der);
        first_certificate_agrees(&text);
        let _ = keys::parse(label, &der);
    }

    #[test]
    fn mutated_certificates_and_keys((label, der) in mutated(), key_label in prop::sample::select(vec!["PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY"])) {
        leaf_agrees(&der);
        let _ = keys::parse(key_label, &der);
        let _ = keys::parse(&label, &der);
        let text = pem(&label, &der);
        let good_key = seeds().iter().find(|(l, _)| l.ends_with("PRIVATE KEY")).map(|(l, d)| pem(l, d));
        check(&text, good_key.as_deref(), &InspectOptions::default(), 1_800_000_000_000);
        check(&pem("CERTIFICATE", &der), Some(&pem(key_label, &der)), &InspectOptions::default(), 0);
    }

    #[test]
    fn bundles_of_mutated_and_real_certificates(parts in prop::collection::vec((mutated(), any::<bool>()), 1..5)) {
        let mut bundle = String::new();
        for ((label, der), keep_real) in &parts {
            if *keep_real {
                if let Some((l, d)) = seeds().iter().find(|(l, _)| l == "CERTIFICATE") {
                    bundle.push_str(&pem(l, d));
                }
            }
            bundle.push_str(&pem(label, der));
        }
        check(&bundle, None, &InspectOptions::default(), 1_800_000_000_000);
        first_certificate_agrees(&bundle);
    }

    /// PEM framing of a real certificate damaged line by line: labels, `END` lines, headers,
    /// whitespace, characters outside base64, text around and between blocks.
    #[test]
    fn damaged_pem_framing(
        (label, der) in mutated(),
        lines in prop::collection::vec((0usize..9, ".{0,12}", any::<prop::sample::Index>()), 0..6),
    ) {
        let mut text: Vec<String> = pem(&label, &der).lines().map(str::to_owned).collect();
        for (how, extra, at) in &lines {
            let i = at.index(text.len() + 1);
            let line = match how {
                0 => "-----BEGIN CERTIFICATE-----".to_owned(),
                1 => "-----END CERTIFICATE-----".to_owned(),
                2 => "-----END PRIVATE KEY-----".to_owned(),
                3 => format!("Proc-Type: 4,ENCRYPTED{extra}"),
                4 => format!("  \t{extra}\r"),
                5 => String::new(),
                6 => format!("-----BEGIN {extra}-----"),
                7 => extra.replace(|c: char| !c.is_ascii_alphanumeric(), "="),
                _ => extra.clone(),
            };
            text.insert(i, line);
        }
        first_certificate_agrees(&text.join("\n"));
        first_certificate_agrees(&text.join("\r\n"));
    }
}

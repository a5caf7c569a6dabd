//! Finding PEM blocks in pasted text.
//!
//! Lenient where people paste carelessly (CRLF, indentation, text around the blocks such as
//! `openssl pkcs12`'s "Bag Attributes", base64 lines of any length, missing padding), strict
//! where it matters: a block without its `END` line, or whose body is not base64, is reported,
//! not skipped. RFC 1421 headers (`Proc-Type: 4,ENCRYPTED`, `DEK-Info: ...`) are recognised so
//! that an encrypted legacy key is named as such.

use base64::alphabet::STANDARD;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::DecodePaddingMode;
use base64::Engine;

/// Base64 as PEM writes it, padding optional.
const PEM_BASE64: GeneralPurpose = GeneralPurpose::new(
    &STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// One `-----BEGIN label-----` … `-----END label-----` block.
#[derive(Clone, PartialEq, Eq)]
pub struct Block {
    /// The label, e.g. `CERTIFICATE`, `RSA PRIVATE KEY`.
    pub label: String,
    /// The decoded body, or why it could not be decoded.
    pub body: Result<Vec<u8>, String>,
    /// Whether RFC 1421 headers say the body is encrypted (`Proc-Type: 4,ENCRYPTED`).
    pub encrypted: bool,
}

// The body may be key material: Debug shows its length only.
impl std::fmt::Debug for Block {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Block")
            .field("label", &self.label)
            .field("body_len", &self.body.as_ref().map(Vec::len))
            .field("encrypted", &self.encrypted)
            .finish()
    }
}

/// The PEM labels (RFC 7468 and OpenSSL's) that messages may name: a label is the caller's text,
/// so any other is not quoted.
const KNOWN_LABELS: &[&str] = &[
    "CERTIFICATE",
    "X509 CERTIFICATE",
    "TRUSTED CERTIFICATE",
    "CERTIFICATE REQUEST",
    "NEW CERTIFICATE REQUEST",
    "X509 CRL",
    "PRIVATE KEY",
    "ENCRYPTED PRIVATE KEY",
    "RSA PRIVATE KEY",
    "EC PRIVATE KEY",
    "DSA PRIVATE KEY",
    "OPENSSH PRIVATE KEY",
    "PUBLIC KEY",
    "RSA PUBLIC KEY",
    "EC PARAMETERS",
    "DH PARAMETERS",
    "PKCS7",
    "CMS",
];

/// How a message names a block of `label`: the label when it is a known one, else a phrase.
pub fn shown_label(label: &str) -> &str {
    KNOWN_LABELS
        .iter()
        .find(|known| **known == label)
        .copied()
        .unwrap_or("unrecognised PEM")
}

impl Block {
    /// The label as messages may show it ([`shown_label`]).
    pub fn shown_label(&self) -> &str {
        shown_label(&self.label)
    }

    /// Whether the label names a private key of any form.
    pub fn is_private_key(&self) -> bool {
        self.label.ends_with("PRIVATE KEY")
    }

    /// Whether the label names a certificate (`CERTIFICATE`, `X509 CERTIFICATE`,
    /// `TRUSTED CERTIFICATE`).
    pub fn is_certificate(&self) -> bool {
        self.label.ends_with("CERTIFICATE")
    }
}

/// Every block of `text`, in order. Text outside blocks is ignored.
pub fn blocks(text: &str) -> Vec<Block> {
    scan::<true>(text)
}

/// The body of the first certificate block of `text`, when it decodes: what [`blocks`] gives
/// for it, without composing the messages of bodies that do not decode (vendor records are
/// enriched with it in the main wasm module, which has no use for them).
pub fn first_certificate(text: &str) -> Option<Vec<u8>> {
    scan::<false>(text)
        .into_iter()
        .find(Block::is_certificate)?
        .body
        .ok()
}

/// [`blocks`], with each undecodable body's message when `MESSAGES` (else an empty one).
fn scan<const MESSAGES: bool>(text: &str) -> Vec<Block> {
    let mut found = Vec::new();
    let mut lines = text.lines().map(str::trim);
    while let Some(line) = lines.next() {
        let Some(label) = boundary(line, "BEGIN") else {
            continue;
        };
        let mut body = Vec::new();
        let mut encrypted = false;
        let mut terminated = false;
        let mut in_headers = true;
        for line in lines.by_ref() {
            if let Some(end) = boundary(line, "END") {
                terminated = end == label;
                break;
            }
            if in_headers && line.contains(':') {
                let (name, value) = line.split_once(':').unwrap_or((line, ""));
                if name.trim().eq_ignore_ascii_case("Proc-Type")
                    && value.to_ascii_uppercase().contains("ENCRYPTED")
                {
                    encrypted = true;
                }
                continue;
            }
            in_headers = false;
            body.extend(line.bytes().filter(|b| !b.is_ascii_whitespace()));
        }
        let problem = |what: &str| {
            if MESSAGES {
                format!("the {} block {what}", shown_label(label))
            } else {
                String::new()
            }
        };
        let body = if !terminated {
            Err(problem("has no matching END line"))
        } else if body.is_empty() {
            Err(problem("is empty"))
        } else {
            PEM_BASE64
                .decode(&body)
                .map_err(|_| problem("is not valid base64"))
        };
        found.push(Block {
            label: label.to_owned(),
            body,
            encrypted,
        });
    }
    found
}

/// The label of a `-----BEGIN label-----` (or `END`) line.
fn boundary<'a>(line: &'a str, kind: &str) -> Option<&'a str> {
    let rest = line.strip_prefix("-----")?.strip_prefix(kind)?;
    let rest = rest.strip_prefix(' ')?;
    let label = rest.strip_suffix("-----")?.trim();
    (!label.is_empty() && label.len() <= 64).then_some(label)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_blocks_among_other_text_with_crlf_and_indentation() {
        let text = "Bag Attributes\r\n  -----BEGIN CERTIFICATE-----\r\n  AAEC\r\nAw==\r\n-----END CERTIFICATE-----\r\nsubject=x\n-----BEGIN PRIVATE KEY-----\nBAU\n-----END PRIVATE KEY-----";
        let found = blocks(text);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].label, "CERTIFICATE");
        assert_eq!(found[0].body, Ok(vec![0, 1, 2, 3]));
        assert!(found[0].is_certificate() && !found[0].is_private_key());
        assert_eq!(found[1].body, Ok(vec![4, 5]));
        assert!(found[1].is_private_key());
    }

    #[test]
    fn reports_bad_base64_unterminated_and_empty_blocks() {
        let bad = blocks("-----BEGIN CERTIFICATE-----\nnot base64!!\n-----END CERTIFICATE-----");
        assert!(bad[0].body.as_ref().is_err_and(|e| e.contains("base64")));
        let open = blocks("-----BEGIN CERTIFICATE-----\nAAEC\n");
        assert!(open[0].body.as_ref().is_err_and(|e| e.contains("END")));
        let wrong_end = blocks("-----BEGIN CERTIFICATE-----\nAAEC\n-----END PRIVATE KEY-----");
        assert!(wrong_end[0].body.is_err());
        let empty = blocks("-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----");
        assert!(empty[0].body.as_ref().is_err_and(|e| e.contains("empty")));
    }

    #[test]
    fn recognises_legacy_encryption_headers() {
        let text = "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\nAAEC\n-----END RSA PRIVATE KEY-----\n";
        let found = blocks(text);
        assert!(found[0].encrypted);
        assert_eq!(found[0].body, Ok(vec![0, 1, 2]));
    }

    #[test]
    fn debug_never_shows_the_body() {
        let found = blocks("-----BEGIN PRIVATE KEY-----\nc2VjcmV0\n-----END PRIVATE KEY-----");
        let shown = format!("{:?}", found[0]);
        assert!(
            !shown.contains("115") && !shown.contains("secret"),
            "{shown}"
        );
    }

    #[test]
    fn ignores_text_without_blocks() {
        assert!(blocks("").is_empty());
        assert!(blocks("hello\n-----BEGIN-----\n-----BEGIN  -----").is_empty());
    }
}

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
    let mut found = Vec::new();
    let mut lines = text.lines().map(str::trim);
    while let Some(line) = lines.next() {
        let Some(label) = boundary(line, "BEGIN") else {
            continue;
        };
        let mut body = String::new();
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
            body.extend(line.chars().filter(|c| !c.is_ascii_whitespace()));
        }
        let body = if !terminated {
            Err(format!(
                "the {} block has no matching END line",
                shown_label(label)
            ))
        } else if body.is_empty() {
            Err(format!("the {} block is empty", shown_label(label)))
        } else {
            PEM_BASE64
                .decode(body.as_bytes())
                .map_err(|_| format!("the {} block is not valid base64", shown_label(label)))
        };
        found.push(Block {
            label: label.to_owned(),
            body,
            encrypted,
        });
    }
    found
}

/// How many base64 characters of a body [`certificate_outline`] decodes: 96 characters, 72
/// bytes, enough for a certificate's headers, its version and a serial of up to 56 bytes.
const OUTLINE_CHARS: usize = 96;

/// A certificate block read in outline by [`certificate_outline`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outline {
    /// The first bytes of the DER (at most 72).
    pub prefix: Vec<u8>,
    /// The length of the whole DER, counted from the base64 without decoding it.
    pub len: usize,
}

/// The first block of `text`, when it is a certificate, in outline: its first DER bytes and the
/// length of its DER, without decoding the rest. Checks what [`blocks`] would: the block ends
/// with its own `END` line, every character of its body is base64 (padding only at the end, no
/// impossible length, no stray bits in the last character). `None` when any check fails, and
/// also when the block has RFC 1421 headers: [`blocks`] is then the judge.
pub fn certificate_outline(text: &str) -> Option<Outline> {
    let mut lines = text.lines().map(str::trim);
    let label = lines.by_ref().find_map(|line| boundary(line, "BEGIN"))?;
    if !label.ends_with("CERTIFICATE") {
        return None;
    }
    let mut head = [0u8; OUTLINE_CHARS];
    // The last four base64 characters, in a ring: the final group is decoded to check its bits.
    let mut tail = [0u8; 4];
    let mut data = 0usize;
    let mut padding = 0usize;
    for line in lines {
        if let Some(end) = boundary(line, "END") {
            if end != label {
                return None;
            }
            let whole =
                data % 4 != 1 && (padding == 0 || (padding <= 2 && (data + padding) % 4 == 0));
            if data == 0 || !whole {
                return None;
            }
            let decoded = data.min(OUTLINE_CHARS);
            let prefix = PEM_BASE64.decode(head.get(..decoded)?).ok()?;
            if data > OUTLINE_CHARS {
                let last = match data % 4 {
                    0 => 4,
                    n => n,
                };
                let group: Vec<u8> = (data - last..data)
                    .filter_map(|i| tail.get(i % 4).copied())
                    .collect();
                PEM_BASE64.decode(group).ok()?;
            }
            return Some(Outline {
                prefix,
                len: data.checked_mul(3)? / 4,
            });
        }
        let bytes = line.as_bytes();
        if padding == 0 && bytes.iter().all(|&b| is_base64(b)) {
            // The usual line, base64 only: copied into `head` while it has room, its last four
            // characters into `tail`.
            for (slot, &byte) in head.iter_mut().skip(data).zip(bytes) {
                *slot = byte;
            }
            let skip = bytes.len().saturating_sub(4);
            for (i, &byte) in bytes.iter().enumerate().skip(skip) {
                if let Some(slot) = tail.get_mut((data + i) % 4) {
                    *slot = byte;
                }
            }
            data += bytes.len();
            continue;
        }
        for &byte in bytes {
            match byte {
                b'=' => padding += 1,
                _ if padding == 0 && is_base64(byte) => {
                    if let Some(slot) = head.get_mut(data) {
                        *slot = byte;
                    }
                    if let Some(slot) = tail.get_mut(data % 4) {
                        *slot = byte;
                    }
                    data += 1;
                }
                _ if byte.is_ascii_whitespace() => {}
                _ => return None,
            }
        }
    }
    None
}

/// Which bytes are in the standard base64 alphabet (padding aside): a table, which checks a
/// body several times faster than comparing ranges.
static BASE64_ALPHABET: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 256 {
        table[byte] = matches!(byte as u8, b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'+' | b'/');
        byte += 1;
    }
    table
};

/// Whether `byte` is in the standard base64 alphabet (padding aside).
fn is_base64(byte: u8) -> bool {
    BASE64_ALPHABET
        .get(usize::from(byte))
        .copied()
        .unwrap_or(false)
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
    fn outlines_agree_with_blocks() {
        let body: Vec<u8> = (0u8..=200).collect();
        let encoded = PEM_BASE64.encode(&body);
        let lines: Vec<&str> = encoded
            .as_bytes()
            .chunks(64)
            .filter_map(|c| std::str::from_utf8(c).ok())
            .collect();
        let pem = format!(
            "text before\r\n  -----BEGIN CERTIFICATE-----\r\n{}\r\n-----END CERTIFICATE-----\r\n",
            lines.join("\r\n  ")
        );
        let outline = certificate_outline(&pem).unwrap();
        assert_eq!(outline.len, body.len());
        assert_eq!(outline.prefix, body[..72].to_vec());
        assert_eq!(blocks(&pem)[0].body, Ok(body.clone()));
        // Short bodies, with and without padding.
        for n in 1..8 {
            let short = &body[..n];
            for text in [
                PEM_BASE64.encode(short),
                PEM_BASE64.encode(short).replace('=', ""),
            ] {
                let pem = format!("-----BEGIN CERTIFICATE-----\n{text}\n-----END CERTIFICATE-----");
                let outline = certificate_outline(&pem).unwrap();
                assert_eq!((outline.len, outline.prefix), (n, short.to_vec()), "{text}");
            }
        }
    }

    #[test]
    fn outlines_refuse_what_blocks_refuse() {
        let long = |end: &str| {
            format!(
                "-----BEGIN CERTIFICATE-----\n{}{end}\n-----END CERTIFICATE-----",
                "A".repeat(200)
            )
        };
        let (stray_bits, stray_bits_unpadded, long_with_a_dot) =
            (long("AAF="), long("AAF"), long("A.AA"));
        for text in [
            "",
            "no pem",
            "-----BEGIN CERTIFICATE-----\nMIIF......1Wk=\n-----END CERTIFICATE-----\n",
            "-----BEGIN CERTIFICATE-----\nAAEC\n",
            "-----BEGIN CERTIFICATE-----\nAAEC\n-----END PRIVATE KEY-----",
            "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----",
            "-----BEGIN CERTIFICATE-----\nAA=C\n-----END CERTIFICATE-----",
            "-----BEGIN CERTIFICATE-----\nAAECA\n-----END CERTIFICATE-----",
            "-----BEGIN CERTIFICATE-----\nAAE===\n-----END CERTIFICATE-----",
            "-----BEGIN CERTIFICATE-----\nAAF=\n-----END CERTIFICATE-----",
            stray_bits.as_str(),
            stray_bits_unpadded.as_str(),
            long_with_a_dot.as_str(),
            "-----BEGIN PRIVATE KEY-----\nAAEC\n-----END PRIVATE KEY-----",
            "-----BEGIN CERTIFICATE REQUEST-----\nAAEC\n-----END CERTIFICATE REQUEST-----",
            "-----BEGIN CERTIFICATE-----\nProc-Type: 4,ENCRYPTED\n\nAAEC\n-----END CERTIFICATE-----",
        ] {
            assert!(blocks(text).first().is_none_or(|b| b.body.is_err() || !b.is_certificate() || b.encrypted));
            assert_eq!(certificate_outline(text), None, "{text}");
        }
    }

    #[test]
    fn ignores_text_without_blocks() {
        assert!(blocks("").is_empty());
        assert!(blocks("hello\n-----BEGIN-----\n-----BEGIN  -----").is_empty());
    }
}

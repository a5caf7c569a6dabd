//! Reading an X.509 certificate (RFC 5280) into what a console shows and what chain and key
//! checks need.

use der::asn1::ObjectIdentifier;
use der::Tag;
use sha2::{Digest, Sha256};

use super::chain::Link;
use super::der_walk::{bit_length, magnitude, Tlv, Walker};
use crate::dates;

const OID_CN: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.3");
const OID_SAN: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.17");
const OID_SKI: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.14");
const OID_AKI: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.35");
const OID_BASIC_CONSTRAINTS: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.19");
pub(crate) const OID_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
pub(crate) const OID_EC: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
pub(crate) const OID_ED25519: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.112");
pub(crate) const OID_P256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7");
pub(crate) const OID_P384: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.34");
pub(crate) const OID_P521: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.35");

/// Short names of the attributes RFC 4514 and OpenSSL print by name.
const ATTRIBUTE_NAMES: &[(&str, &str)] = &[
    ("2.5.4.3", "CN"),
    ("2.5.4.6", "C"),
    ("2.5.4.7", "L"),
    ("2.5.4.8", "ST"),
    ("2.5.4.9", "STREET"),
    ("2.5.4.10", "O"),
    ("2.5.4.11", "OU"),
    ("2.5.4.5", "serialNumber"),
    ("0.9.2342.19200300.100.1.25", "DC"),
    ("0.9.2342.19200300.100.1.1", "UID"),
    ("1.2.840.113549.1.9.1", "emailAddress"),
];

/// A certificate's public key, in the form key matching compares.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PublicKey {
    /// RSA modulus and exponent, without sign padding.
    Rsa {
        /// Modulus, big-endian magnitude.
        modulus: Vec<u8>,
        /// Public exponent, big-endian magnitude.
        exponent: Vec<u8>,
    },
    /// An EC point on a named curve, SEC1-encoded as found.
    Ec {
        /// The curve's OID.
        curve: ObjectIdentifier,
        /// The point, `04 || x || y` (or compressed).
        point: Vec<u8>,
    },
    /// An Ed25519 public key.
    Ed25519(Vec<u8>),
    /// Anything else, by algorithm OID.
    Other(ObjectIdentifier),
}

impl PublicKey {
    /// `RSA`, `EC`, `Ed25519` or the OID.
    pub fn algorithm(&self) -> String {
        match self {
            PublicKey::Rsa { .. } => "RSA".into(),
            PublicKey::Ec { .. } => "EC".into(),
            PublicKey::Ed25519(_) => "Ed25519".into(),
            PublicKey::Other(oid) => oid.to_string(),
        }
    }

    /// Size in bits: the modulus, the curve.
    pub fn bits(&self) -> Option<u32> {
        match self {
            PublicKey::Rsa { modulus, .. } => Some(bit_length(modulus)),
            PublicKey::Ec { curve, .. } => curve_bits(curve),
            PublicKey::Ed25519(_) => Some(256),
            PublicKey::Other(_) => None,
        }
    }

    /// The curve's name (`P-256`) or OID, for EC keys.
    pub fn curve(&self) -> Option<String> {
        match self {
            PublicKey::Ec { curve, .. } => Some(curve_name(curve)),
            _ => None,
        }
    }

    /// `RSA 2048`, `EC P-256`, `Ed25519`: the form `Certificate.keyAlgorithm` uses.
    pub fn summary(&self) -> String {
        match (self, self.bits()) {
            (PublicKey::Rsa { .. }, Some(bits)) => format!("RSA {bits}"),
            (PublicKey::Ec { curve, .. }, _) => format!("EC {}", curve_name(curve)),
            _ => self.algorithm(),
        }
    }
}

/// `P-256`, `P-384`, `P-521`, or the OID.
pub fn curve_name(curve: &ObjectIdentifier) -> String {
    match *curve {
        OID_P256 => "P-256".into(),
        OID_P384 => "P-384".into(),
        OID_P521 => "P-521".into(),
        other => other.to_string(),
    }
}

/// The size of a named curve in bits: 256, 384, 521.
pub fn curve_bits(curve: &ObjectIdentifier) -> Option<u32> {
    match *curve {
        OID_P256 => Some(256),
        OID_P384 => Some(384),
        OID_P521 => Some(521),
        _ => None,
    }
}

/// One certificate, read. Names are kept as DER and formatted on demand ([`X509::subject`]),
/// so that callers that need only the common name (vendor enrichment) do not carry the
/// formatter into the main wasm module.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct X509 {
    /// Subject common name.
    pub common_name: Option<String>,
    /// DNS and IP SANs.
    pub sans: Vec<String>,
    /// Issuer common name.
    pub issuer_common_name: Option<String>,
    /// Validity start, ms since the epoch.
    pub not_before_ms: i64,
    /// Validity end, ms since the epoch.
    pub not_after_ms: i64,
    /// Serial, upper-case hex.
    pub serial_number: String,
    /// SHA-256 of the DER, lower-case hex.
    pub fingerprint_sha256: String,
    /// The subject public key.
    pub public_key: PublicKey,
    /// What chain order needs.
    pub link: Link,
}

/// Reads a DER certificate, or says what is wrong with it.
pub fn parse(der: &[u8]) -> Result<X509, &'static str> {
    read::<true>(der)
}

/// [`parse`] for enriching vendor records: the same checks and fields, but without what only
/// chain checks need ([`X509::link`] stays empty, [`X509::issuer_common_name`] `None`), so that
/// the main wasm module does not carry their reading.
pub fn parse_leaf(der: &[u8]) -> Result<X509, &'static str> {
    read::<false>(der)
}

fn read<const CHAIN: bool>(der: &[u8]) -> Result<X509, &'static str> {
    let mut top = Walker::new(der);
    let certificate = top.tagged(Tag::Sequence).ok_or("not a DER SEQUENCE")?;
    if !top.is_empty() {
        return Err("trailing bytes after the certificate");
    }
    let mut parts = certificate.children();
    let tbs = parts
        .tagged(Tag::Sequence)
        .ok_or("no to-be-signed certificate")?;
    parts
        .tagged(Tag::Sequence)
        .ok_or("no signature algorithm")?;
    parts.tagged(Tag::BitString).ok_or("no signature")?;

    let mut fields = tbs.children();
    fields.optional_context(0); // version
    let serial = fields.tagged(Tag::Integer).ok_or("no serial number")?;
    fields
        .tagged(Tag::Sequence)
        .ok_or("no signature algorithm")?;
    let issuer = fields.tagged(Tag::Sequence).ok_or("no issuer")?;
    let validity = fields.tagged(Tag::Sequence).ok_or("no validity")?;
    let subject = fields.tagged(Tag::Sequence).ok_or("no subject")?;
    let spki = fields
        .tagged(Tag::Sequence)
        .ok_or("no subject public key")?;
    fields.optional_context(1);
    fields.optional_context(2);
    let extensions = fields.optional_context(3);

    let mut times = validity.children();
    let not_before = times
        .next_tlv()
        .and_then(|t| t.unix_seconds())
        .ok_or("bad notBefore")?;
    let not_after = times
        .next_tlv()
        .and_then(|t| t.unix_seconds())
        .ok_or("bad notAfter")?;

    let public_key = public_key(&spki).ok_or("bad subject public key")?;
    let mut link = Link::default();
    if CHAIN {
        link.subject = subject.raw.to_vec();
        link.issuer = issuer.raw.to_vec();
    }
    let mut sans = Vec::new();
    if let Some(extensions) = extensions {
        read_extensions::<CHAIN>(&extensions, &mut link, &mut sans).ok_or("bad extensions")?;
    }

    Ok(X509 {
        common_name: common_name(&subject),
        sans,
        issuer_common_name: if CHAIN { common_name(&issuer) } else { None },
        not_before_ms: not_before.saturating_mul(1000),
        not_after_ms: not_after.saturating_mul(1000),
        serial_number: serial_hex(serial.content),
        fingerprint_sha256: hex::encode(Sha256::digest(der)),
        public_key,
        link,
    })
}

impl X509 {
    /// The subject, RFC 4514.
    pub fn subject(&self) -> String {
        name_text(&self.link.subject)
    }

    /// The issuer, RFC 4514.
    pub fn issuer(&self) -> String {
        name_text(&self.link.issuer)
    }

    /// Start of validity, RFC 3339 UTC.
    pub fn not_before(&self) -> String {
        dates::to_rfc3339(self.not_before_ms).unwrap_or_default()
    }

    /// End of validity, RFC 3339 UTC.
    pub fn not_after(&self) -> String {
        dates::to_rfc3339(self.not_after_ms).unwrap_or_default()
    }
}

/// The SHA-256 fingerprint of the certificate `der` holds, lower-case hex (as
/// [`X509::fingerprint_sha256`]), without parsing it: tells whether a vendor record's reading
/// of its certificate describes exactly this DER, not that the DER decodes ([`parse`] does).
pub fn fingerprint(der: &[u8]) -> String {
    hex::encode(Sha256::digest(der))
}

/// Serial as `openssl x509 -serial` prints it: upper-case hex, sign padding dropped.
fn serial_hex(content: &[u8]) -> String {
    let bytes = match content {
        [0, rest @ ..] if !rest.is_empty() => rest,
        other => other,
    };
    hex::encode_upper(bytes)
}

// Always inlined into `read`: with two instantiations of it (`parse`, `parse_leaf`), LLVM would
// keep it out of line, which made the main module 196 B and the inspector 26 B larger gzipped
// (measured for issue 15, item 4).
#[inline(always)]
fn public_key(spki: &Tlv) -> Option<PublicKey> {
    let mut parts = spki.children();
    let algorithm = parts.tagged(Tag::Sequence)?;
    let key = parts.tagged(Tag::BitString)?.bit_string_bytes()?;
    let mut alg = algorithm.children();
    let oid = alg.next_tlv()?.oid()?;
    Some(match oid {
        OID_RSA => {
            let mut rsa = Walker::new(key).tagged(Tag::Sequence)?.children();
            let modulus = magnitude(rsa.tagged(Tag::Integer)?.content).to_vec();
            let exponent = magnitude(rsa.tagged(Tag::Integer)?.content).to_vec();
            PublicKey::Rsa { modulus, exponent }
        }
        OID_EC => PublicKey::Ec {
            curve: alg.next_tlv()?.oid()?,
            point: key.to_vec(),
        },
        OID_ED25519 => PublicKey::Ed25519(key.to_vec()),
        other => PublicKey::Other(other),
    })
}

fn read_extensions<const CHAIN: bool>(
    extensions: &Tlv,
    link: &mut Link,
    sans: &mut Vec<String>,
) -> Option<()> {
    let list = extensions.children().tagged(Tag::Sequence)?;
    let mut items = list.children();
    while let Some(extension) = items.next_tlv() {
        let mut parts = extension.children();
        let oid = parts.next_tlv()?.oid()?;
        let mut value = parts.next_tlv()?;
        if value.tag == Tag::Boolean {
            value = parts.next_tlv()?;
        }
        if value.tag != Tag::OctetString {
            return None;
        }
        let inner = Walker::new(value.content).next_tlv()?;
        match oid {
            OID_SAN => {
                let mut names = inner.children();
                while let Some(name) = names.next_tlv() {
                    match name.tag {
                        Tag::ContextSpecific { number, .. } if number.value() == 2 => {
                            sans.push(String::from_utf8_lossy(name.content).into_owned());
                        }
                        Tag::ContextSpecific { number, .. } if number.value() == 7 => {
                            if let Some(ip) = ip_text(name.content) {
                                sans.push(ip);
                            }
                        }
                        _ => {}
                    }
                }
            }
            _ if !CHAIN => {}
            OID_SKI if inner.tag == Tag::OctetString => {
                link.subject_key_id = Some(inner.content.to_vec());
            }
            OID_AKI => {
                let mut fields = inner.children();
                while let Some(field) = fields.next_tlv() {
                    if matches!(field.tag, Tag::ContextSpecific { number, .. } if number.value() == 0)
                    {
                        link.authority_key_id = Some(field.content.to_vec());
                    }
                }
            }
            OID_BASIC_CONSTRAINTS => {
                let first = inner.children().next_tlv();
                link.is_ca = first
                    .is_some_and(|b| b.tag == Tag::Boolean && b.content.first() == Some(&0xff));
            }
            _ => {}
        }
    }
    Some(())
}

fn ip_text(bytes: &[u8]) -> Option<String> {
    if let Ok(v4) = <[u8; 4]>::try_from(bytes) {
        return Some(std::net::Ipv4Addr::from(v4).to_string());
    }
    <[u8; 16]>::try_from(bytes)
        .ok()
        .map(|v6| std::net::Ipv6Addr::from(v6).to_string())
}

fn name_text(der: &[u8]) -> String {
    Walker::new(der)
        .tagged(Tag::Sequence)
        .map(|name| rfc4514(&name))
        .unwrap_or_default()
}

/// The attributes of a Name, RDN by RDN in encoded order: `(oid, value)`.
fn attributes(name: &Tlv) -> Vec<Vec<(ObjectIdentifier, String)>> {
    let mut rdns = Vec::new();
    let mut sets = name.children();
    while let Some(set) = sets.next_tlv() {
        let mut rdn = Vec::new();
        let mut pairs = set.children();
        while let Some(pair) = pairs.next_tlv() {
            let mut parts = pair.children();
            let oid = parts.next_tlv().and_then(|t| t.oid());
            let value = parts.next_tlv();
            if let (Some(oid), Some(value)) = (oid, value) {
                let text = value
                    .text()
                    .unwrap_or_else(|| format!("#{}", hex::encode(value.raw)));
                rdn.push((oid, text));
            }
        }
        rdns.push(rdn);
    }
    rdns
}

/// The last (most specific) common name of a Name.
fn common_name(name: &Tlv) -> Option<String> {
    attributes(name)
        .into_iter()
        .flatten()
        .rev()
        .find(|(oid, _)| *oid == OID_CN)
        .map(|(_, value)| value)
}

/// RFC 4514: RDNs in reverse order, `,` between them, `+` inside one, specials escaped.
fn rfc4514(name: &Tlv) -> String {
    let rdns: Vec<String> = attributes(name)
        .iter()
        .rev()
        .map(|rdn| {
            rdn.iter()
                .map(|(oid, value)| {
                    let dotted = oid.to_string();
                    let short = ATTRIBUTE_NAMES
                        .iter()
                        .find(|(o, _)| *o == dotted)
                        .map_or(dotted.as_str(), |(_, n)| n);
                    format!("{short}={}", escape_value(value))
                })
                .collect::<Vec<_>>()
                .join("+")
        })
        .collect();
    rdns.join(",")
}

fn escape_value(value: &str) -> String {
    let hex_form = value
        .strip_prefix('#')
        .is_some_and(|h| !h.is_empty() && h.bytes().all(|b| b.is_ascii_hexdigit()));
    if hex_form {
        // Already the hex form of a non-string value.
        return value.to_owned();
    }
    let last = value.chars().count().saturating_sub(1);
    let mut out = String::with_capacity(value.len());
    for (i, c) in value.chars().enumerate() {
        let special = matches!(c, ',' | '+' | '"' | '\\' | '<' | '>' | ';')
            || (i == 0 && matches!(c, '#' | ' '))
            || (i == last && c == ' ');
        if special {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serials_print_like_openssl() {
        assert_eq!(serial_hex(&[0x00, 0x8f, 0x01]), "8F01");
        assert_eq!(serial_hex(&[0x02, 0xf0]), "02F0");
        assert_eq!(serial_hex(&[0x00]), "00");
        assert_eq!(serial_hex(&[]), "");
    }

    #[test]
    fn rfc4514_escapes_specials() {
        assert_eq!(escape_value("a,b+c"), "a\\,b\\+c");
        assert_eq!(escape_value(" lead"), "\\ lead");
        assert_eq!(escape_value("trail "), "trail\\ ");
        assert_eq!(escape_value("#04ab"), "#04ab");
        assert_eq!(escape_value("#x"), "\\#x");
    }

    #[test]
    fn ip_addresses_in_text_form() {
        assert_eq!(ip_text(&[192, 0, 2, 1]).unwrap(), "192.0.2.1");
        let mut v6 = [0u8; 16];
        v6[0] = 0x20;
        v6[1] = 0x01;
        v6[15] = 1;
        assert_eq!(ip_text(&v6).unwrap(), "2001::1");
        assert!(ip_text(&[1, 2, 3]).is_none());
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        assert!(parse(&[]).is_err());
        assert!(parse(&[0x30, 0x00]).is_err());
        assert!(parse(&[0x30, 0x03, 0x02, 0x01]).is_err());
    }
}

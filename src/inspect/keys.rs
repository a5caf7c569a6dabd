//! Private keys: PKCS#1 (RSA), SEC1 (EC), PKCS#8 (RSA, EC, Ed25519), and the public key each
//! one implies, to compare with a certificate's.
//!
//! An EC key usually carries its public point, and is matched by it on any curve (P-256, P-384,
//! P-521). When it does not (`openssl ec -no_public`, some Java exports), and for Ed25519 seeds,
//! the public key is derived with the RustCrypto `p256` / `p384` crates and `curve25519-dalek`;
//! there is no P-521 arithmetic here, so a P-521 key without its point cannot be matched (an
//! `UnsupportedKey` warning). Key material is never copied into messages or `Debug`.

use der::asn1::ObjectIdentifier;
use der::Tag;
use sha2::{Digest, Sha512};

use super::der_walk::{bit_length, magnitude, Walker};
use super::x509::{
    curve_bits, curve_name, PublicKey, OID_EC, OID_ED25519, OID_P256, OID_P384, OID_RSA,
};

/// The encoding a key came in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyFormat {
    /// `RSA PRIVATE KEY`.
    Pkcs1,
    /// `PRIVATE KEY`.
    Pkcs8,
    /// `EC PRIVATE KEY`.
    Sec1,
}

impl KeyFormat {
    /// `PKCS#1`, `PKCS#8`, `SEC1`.
    pub fn name(self) -> &'static str {
        match self {
            KeyFormat::Pkcs1 => "PKCS#1",
            KeyFormat::Pkcs8 => "PKCS#8",
            KeyFormat::Sec1 => "SEC1",
        }
    }
}

/// A decoded private key, reduced to what matching needs.
#[derive(Clone, PartialEq, Eq)]
pub struct PrivateKey {
    /// How it was encoded.
    pub format: KeyFormat,
    /// Its public half, or why it cannot be told.
    pub public: Result<PublicKey, String>,
    /// `RSA`, `EC`, `Ed25519` or the OID.
    pub algorithm: String,
    /// Size in bits.
    pub bits: Option<u32>,
    /// EC curve name.
    pub curve: Option<String>,
}

impl std::fmt::Debug for PrivateKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PrivateKey")
            .field("format", &self.format)
            .field("algorithm", &self.algorithm)
            .field("bits", &self.bits)
            .finish_non_exhaustive()
    }
}

/// Decodes the DER of a key block labelled `label`.
pub fn parse(label: &str, der: &[u8]) -> Result<PrivateKey, &'static str> {
    match label {
        "RSA PRIVATE KEY" => rsa(der, KeyFormat::Pkcs1).ok_or("not a PKCS#1 RSA private key"),
        "EC PRIVATE KEY" => ec(der, None, KeyFormat::Sec1).ok_or("not a SEC1 EC private key"),
        "PRIVATE KEY" => pkcs8(der).ok_or("not a PKCS#8 private key"),
        _ => Err("not a private key block"),
    }
}

fn rsa(der: &[u8], format: KeyFormat) -> Option<PrivateKey> {
    let mut fields = Walker::new(der).tagged(Tag::Sequence)?.children();
    fields.tagged(Tag::Integer)?; // version
    let modulus = magnitude(fields.tagged(Tag::Integer)?.content).to_vec();
    let exponent = magnitude(fields.tagged(Tag::Integer)?.content).to_vec();
    fields.tagged(Tag::Integer)?; // private exponent: present, never kept
    Some(PrivateKey {
        format,
        algorithm: "RSA".into(),
        bits: Some(bit_length(&modulus)),
        curve: None,
        public: Ok(PublicKey::Rsa { modulus, exponent }),
    })
}

/// SEC1 `ECPrivateKey`; `outer_curve` is the curve named by a PKCS#8 wrapper.
fn ec(der: &[u8], outer_curve: Option<ObjectIdentifier>, format: KeyFormat) -> Option<PrivateKey> {
    let mut fields = Walker::new(der).tagged(Tag::Sequence)?.children();
    fields.tagged(Tag::Integer)?;
    let scalar = fields.tagged(Tag::OctetString)?.content;
    let inner_curve = fields
        .optional_context(0)
        .and_then(|p| p.children().next_tlv())
        .and_then(|t| t.oid());
    let point = fields
        .optional_context(1)
        .and_then(|p| p.children().next_tlv())
        .and_then(|t| t.bit_string_bytes())
        .map(<[u8]>::to_vec);
    let curve = inner_curve.or(outer_curve)?;
    let public = match point {
        Some(point) => Ok(point),
        None => derive_ec(curve, scalar),
    }
    .map(|point| PublicKey::Ec { curve, point });
    Some(PrivateKey {
        format,
        algorithm: "EC".into(),
        bits: curve_bits(&curve),
        curve: Some(curve_name(&curve)),
        public,
    })
}

fn derive_ec(curve: ObjectIdentifier, scalar: &[u8]) -> Result<Vec<u8>, String> {
    use p256::elliptic_curve::sec1::ToEncodedPoint;
    let invalid = || "the private scalar is not valid for its curve".to_owned();
    match curve {
        OID_P256 => p256::SecretKey::from_slice(scalar)
            .map(|k| k.public_key().to_encoded_point(false).as_bytes().to_vec())
            .map_err(|_| invalid()),
        OID_P384 => p384::SecretKey::from_slice(scalar)
            .map(|k| k.public_key().to_encoded_point(false).as_bytes().to_vec())
            .map_err(|_| invalid()),
        // P-521 and other curves: no arithmetic here to derive the point from the scalar.
        other => Err(format!(
            "this {} key does not carry its public point, which can be derived here only for \
             P-256 and P-384 keys; re-export the key with its point \
             (openssl ec -in key.pem -out key-with-point.pem)",
            curve_name(&other)
        )),
    }
}

fn pkcs8(der: &[u8]) -> Option<PrivateKey> {
    let mut fields = Walker::new(der).tagged(Tag::Sequence)?.children();
    fields.tagged(Tag::Integer)?;
    let algorithm = fields.tagged(Tag::Sequence)?;
    let private = fields.tagged(Tag::OctetString)?.content;
    fields.optional_context(0); // attributes
    let public = fields.optional_context(1).and_then(|p| {
        let (unused, bytes) = p.content.split_first()?;
        (*unused == 0).then(|| bytes.to_vec())
    });
    let mut alg = algorithm.children();
    let oid = alg.next_tlv()?.oid()?;
    match oid {
        OID_RSA => rsa(private, KeyFormat::Pkcs8),
        OID_EC => {
            let curve = alg.next_tlv().and_then(|t| t.oid());
            ec(private, curve, KeyFormat::Pkcs8)
        }
        OID_ED25519 => {
            let seed = Walker::new(private).tagged(Tag::OctetString)?.content;
            let derived = derive_ed25519(seed);
            let public = match (public, derived) {
                (Some(given), _) => Ok(given),
                (None, derived) => derived,
            };
            Some(PrivateKey {
                format: KeyFormat::Pkcs8,
                algorithm: "Ed25519".into(),
                bits: Some(256),
                curve: None,
                public: public.map(PublicKey::Ed25519),
            })
        }
        other => Some(PrivateKey {
            format: KeyFormat::Pkcs8,
            algorithm: other.to_string(),
            bits: None,
            curve: None,
            public: Err(format!("{other} keys cannot be compared here")),
        }),
    }
}

/// RFC 8032 §5.1.5: the public key is the clamped first half of SHA-512(seed) times the base.
fn derive_ed25519(seed: &[u8]) -> Result<Vec<u8>, String> {
    if seed.len() != 32 {
        return Err("an Ed25519 seed must be 32 bytes".into());
    }
    let hash = Sha512::digest(seed);
    let mut scalar = [0u8; 32];
    scalar.copy_from_slice(hash.get(..32).unwrap_or(&[0; 32]));
    let point = curve25519_dalek::EdwardsPoint::mul_base_clamped(scalar);
    Ok(point.compress().to_bytes().to_vec())
}

/// Whether `key`'s public half is `certificate`'s key; `None` when it cannot be told.
pub fn matches(key: &PrivateKey, certificate: &PublicKey) -> Option<bool> {
    let public = key.public.as_ref().ok()?;
    Some(match (public, certificate) {
        (
            PublicKey::Ec { curve, point },
            PublicKey::Ec {
                curve: cert_curve,
                point: cert_point,
            },
        ) => curve == cert_curve && same_point(point, cert_point),
        (mine, theirs) => mine == theirs,
    })
}

/// Compares SEC1 points, one of which may be compressed.
fn same_point(a: &[u8], b: &[u8]) -> bool {
    if a == b {
        return true;
    }
    compressed(a).is_some_and(|ca| compressed(b).is_some_and(|cb| ca == cb))
}

fn compressed(point: &[u8]) -> Option<Vec<u8>> {
    match point.split_first()? {
        (0x02 | 0x03, _) => Some(point.to_vec()),
        (0x04, xy) if xy.len() % 2 == 0 => {
            let (x, y) = xy.split_at(xy.len() / 2);
            let parity = y.last().map_or(0, |b| b & 1);
            let mut out = vec![0x02 | parity];
            out.extend_from_slice(x);
            Some(out)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ed25519_derivation_matches_rfc8032_test_1() {
        let seed = hex::decode("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")
            .unwrap();
        assert_eq!(
            hex::encode(derive_ed25519(&seed).unwrap()),
            "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"
        );
        assert!(derive_ed25519(&seed[..31]).is_err());
    }

    #[test]
    fn compressed_and_uncompressed_points_compare_equal() {
        let uncompressed = [0x04, 1, 2, 3, 5];
        assert!(same_point(&uncompressed, &[0x03, 1, 2]));
        assert!(!same_point(&uncompressed, &[0x02, 1, 2]));
        assert!(!same_point(&[0x05], &[0x05, 1]));
    }

    #[test]
    fn debug_shows_no_key_material() {
        let key = PrivateKey {
            format: KeyFormat::Pkcs1,
            public: Ok(PublicKey::Rsa {
                modulus: vec![0xab; 4],
                exponent: vec![1, 0, 1],
            }),
            algorithm: "RSA".into(),
            bits: Some(32),
            curve: None,
        };
        assert!(!format!("{key:?}").contains("171"));
    }

    #[test]
    fn garbage_keys_are_errors() {
        for label in ["RSA PRIVATE KEY", "EC PRIVATE KEY", "PRIVATE KEY", "OTHER"] {
            assert!(
                parse(label, &[0x30, 0x03, 0x02, 0x01, 0x00]).is_err(),
                "{label}"
            );
            assert!(parse(label, &[]).is_err(), "{label}");
        }
    }
}

//! ECDSA P-256 keys for ACME: the account key that signs every request (ES256) and the
//! certificate's key that signs the CSR. Generated from the platform's secure random source
//! (`getrandom`: `crypto.getRandomValues` in the page), exported and imported as PKCS#8 PEM so
//! that the caller can keep the account key between pages (a CA's account rate limits count
//! accounts). The private scalar never appears in a `Debug` output or an error.

use p256::ecdsa::{signature::Signer as _, Signature, SigningKey};
use p256::pkcs8::{DecodePrivateKey as _, EncodePrivateKey as _, LineEnding};
use zeroize::Zeroizing;

use cloudcerts::error::{Error, ErrorCode, Result};

/// An ECDSA P-256 private key.
#[derive(Clone)]
pub struct EcKey(SigningKey);

impl std::fmt::Debug for EcKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("EcKey(P-256, private)")
    }
}

impl EcKey {
    /// A new key from the platform's secure random source. A draw that is not a valid scalar
    /// (zero, or not below the group order: about one in 2^32) is drawn again.
    pub fn generate() -> Result<Self> {
        for _ in 0..8 {
            let mut seed = Zeroizing::new([0u8; 32]);
            getrandom::fill(seed.as_mut()).map_err(|_| {
                Error::new(
                    ErrorCode::Unsupported,
                    "no secure random source to generate a key with",
                )
            })?;
            if let Ok(key) = SigningKey::from_slice(seed.as_ref()) {
                return Ok(EcKey(key));
            }
        }
        Err(Error::new(
            ErrorCode::Unsupported,
            "the random source gave no usable P-256 key",
        ))
    }

    /// The key from PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`), as [`EcKey::to_pem`] writes
    /// it. `field` names the argument in the error, which never quotes the PEM.
    pub fn from_pem(pem: &str, field: &str) -> Result<Self> {
        SigningKey::from_pkcs8_pem(pem.trim())
            .map(EcKey)
            .map_err(|_| {
                Error::invalid_input(
                    field,
                    "not a PKCS#8 PEM private key on P-256 (-----BEGIN PRIVATE KEY-----)",
                )
            })
    }

    /// The key as PKCS#8 PEM, in memory that is wiped when dropped.
    pub fn to_pem(&self) -> Result<Zeroizing<String>> {
        self.0.to_pkcs8_pem(LineEnding::LF).map_err(|_| {
            Error::new(
                ErrorCode::InvalidInput,
                "the key could not be written as PEM",
            )
        })
    }

    /// The public point, uncompressed (`04 || x || y`, 65 bytes).
    pub fn public_point(&self) -> [u8; 65] {
        let point = self.0.verifying_key().to_encoded_point(false);
        let mut out = [0u8; 65];
        // An uncompressed P-256 point is always 65 bytes.
        if point.as_bytes().len() == 65 {
            out.copy_from_slice(point.as_bytes());
        }
        out
    }

    /// The public point's coordinates, 32 bytes each.
    pub fn coordinates(&self) -> ([u8; 32], [u8; 32]) {
        let point = self.public_point();
        let mut x = [0u8; 32];
        let mut y = [0u8; 32];
        x.copy_from_slice(&point[1..33]);
        y.copy_from_slice(&point[33..65]);
        (x, y)
    }

    /// An ECDSA P-256 signature of SHA-256(`message`) with a deterministic nonce (RFC 6979), as
    /// `r || s` (64 bytes, JWS ES256).
    pub fn sign_fixed(&self, message: &[u8]) -> [u8; 64] {
        let signature: Signature = self.0.sign(message);
        signature.to_bytes().into()
    }

    /// The same signature as a DER `ECDSA-Sig-Value` (X.509 and PKCS#10).
    pub fn sign_der(&self, message: &[u8]) -> Vec<u8> {
        let signature: Signature = self.0.sign(message);
        signature.to_der().as_bytes().to_vec()
    }
}

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

/// The random source of RSA key generation: the platform's (`getrandom`), as for the P-256 keys.
struct PlatformRandom;

impl rand_core::RngCore for PlatformRandom {
    fn next_u32(&mut self) -> u32 {
        rand_core::impls::next_u32_via_fill(self)
    }
    fn next_u64(&mut self) -> u64 {
        rand_core::impls::next_u64_via_fill(self)
    }
    fn fill_bytes(&mut self, dest: &mut [u8]) {
        // `RsaKey::generate` checks that the source works just before it draws; `getrandom`
        // does not fail after a first success in the page or in Node.
        let _ = getrandom::fill(dest);
    }
    fn try_fill_bytes(&mut self, dest: &mut [u8]) -> std::result::Result<(), rand_core::Error> {
        getrandom::fill(dest).map_err(|_| {
            rand_core::Error::from(
                std::num::NonZeroU32::new(rand_core::Error::CUSTOM_START)
                    .unwrap_or(std::num::NonZeroU32::MIN),
            )
        })
    }
}

impl rand_core::CryptoRng for PlatformRandom {}

/// An RSA private key (2048 bits), for certificates that must be RSA.
#[derive(Clone)]
pub struct RsaKey(rsa::RsaPrivateKey);

impl std::fmt::Debug for RsaKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RsaKey(2048, private)")
    }
}

impl RsaKey {
    /// A new 2048-bit key (public exponent 65537) from the platform's secure random source.
    pub fn generate() -> Result<Self> {
        let mut probe = [0u8; 1];
        getrandom::fill(&mut probe).map_err(|_| {
            Error::new(
                ErrorCode::Unsupported,
                "no secure random source to generate a key with",
            )
        })?;
        rsa::RsaPrivateKey::new(&mut PlatformRandom, 2048)
            .map(RsaKey)
            .map_err(|_| Error::new(ErrorCode::Unsupported, "no RSA key could be generated"))
    }

    /// The key as PKCS#8 PEM, in memory that is wiped when dropped.
    pub fn to_pem(&self) -> Result<Zeroizing<String>> {
        use rsa::pkcs8::EncodePrivateKey as _;
        self.0.to_pkcs8_pem(LineEnding::LF).map_err(|_| {
            Error::new(
                ErrorCode::InvalidInput,
                "the key could not be written as PEM",
            )
        })
    }

    /// The public key as a DER `SubjectPublicKeyInfo` (rsaEncryption).
    pub fn public_key_der(&self) -> Result<Vec<u8>> {
        use rsa::pkcs8::EncodePublicKey as _;
        self.0
            .to_public_key()
            .to_public_key_der()
            .map(|der| der.as_bytes().to_vec())
            .map_err(|_| {
                Error::new(
                    ErrorCode::InvalidInput,
                    "the RSA public key could not be encoded",
                )
            })
    }

    /// An RSASSA-PKCS1-v1_5 signature of SHA-256(`message`) (sha256WithRSAEncryption).
    pub fn sign(&self, message: &[u8]) -> Result<Vec<u8>> {
        use rsa::signature::{SignatureEncoding as _, Signer as _};
        let key = rsa::pkcs1v15::SigningKey::<sha2::Sha256>::new(self.0.clone());
        key.try_sign(message)
            .map(|signature| signature.to_vec())
            .map_err(|_| Error::new(ErrorCode::InvalidInput, "the RSA signature failed"))
    }
}

/// The certificate's key: P-256 (the default) or RSA 2048.
#[derive(Clone, Debug)]
pub enum CertificateKey {
    /// ECDSA P-256.
    Ec(EcKey),
    /// RSA 2048 (boxed: its numbers are larger than a P-256 key).
    Rsa(Box<RsaKey>),
}

/// Which certificate key to make.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum KeyType {
    /// ECDSA P-256 (`"ec-p256"`).
    #[default]
    EcP256,
    /// RSA 2048 (`"rsa-2048"`).
    Rsa2048,
}

impl CertificateKey {
    /// A new key of `key_type`.
    pub fn generate(key_type: KeyType) -> Result<Self> {
        Ok(match key_type {
            KeyType::EcP256 => CertificateKey::Ec(EcKey::generate()?),
            KeyType::Rsa2048 => CertificateKey::Rsa(Box::new(RsaKey::generate()?)),
        })
    }

    /// The key as PKCS#8 PEM, in memory that is wiped when dropped.
    pub fn to_pem(&self) -> Result<Zeroizing<String>> {
        match self {
            CertificateKey::Ec(key) => key.to_pem(),
            CertificateKey::Rsa(key) => key.to_pem(),
        }
    }
}

//! The certificate signing request that finalizes an order (RFC 8555 §7.4; PKCS#10, RFC 2986):
//! the certificate key's public key, every name of the order as a DNS subjectAltName (RFC 5280
//! §4.2.1.6), the first as the subject's common name when it fits (64 characters), signed with
//! the key: ECDSA P-256 SHA-256, or RSASSA-PKCS1-v1_5 SHA-256 for an RSA key. DER built with the
//! `der` crate's encoders.

use der::asn1::{Any, BitStringRef, Ia5StringRef, ObjectIdentifier, OctetStringRef, Utf8StringRef};
use der::{Encode as _, Tag, TagNumber};

use crate::keys::CertificateKey;
use cloudcerts::error::{Error, Result};

const EC_PUBLIC_KEY: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
const PRIME256V1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7");
const ECDSA_WITH_SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.2");
const SHA256_WITH_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.11");
const COMMON_NAME: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.3");
const EXTENSION_REQUEST: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.14");
const SUBJECT_ALT_NAME: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.17");

/// A DER TLV of `tag` around `content` (already DER).
fn tlv(tag: Tag, content: &[u8]) -> Result<Vec<u8>> {
    Any::new(tag, content)
        .and_then(|any| any.to_der())
        .map_err(|_| Error::invalid_input("domains", "too long for a certificate request"))
}

fn der_of(value: der::Result<Vec<u8>>) -> Result<Vec<u8>> {
    value.map_err(|_| Error::invalid_input("domains", "not encodable in a certificate request"))
}

/// The CSR, DER, for `domains` (at least one, each an ASCII DNS name, `*.` allowed) and `key`.
pub fn certificate_request(domains: &[String], key: &CertificateKey) -> Result<Vec<u8>> {
    let first = domains
        .first()
        .ok_or_else(|| Error::invalid_input("domains", "at least one name is needed"))?;
    // subject: CN=<first name> when it fits the 64 characters X.520 allows, else empty (the
    // names are in subjectAltName either way).
    let mut rdns = Vec::new();
    if first.len() <= 64 {
        let cn = der_of(Utf8StringRef::new(first).and_then(|s| s.to_der()))?;
        let attribute = tlv(Tag::Sequence, &[der_of(COMMON_NAME.to_der())?, cn].concat())?;
        rdns = tlv(Tag::Set, &attribute)?;
    }
    let subject = tlv(Tag::Sequence, &rdns)?;

    let spki = match key {
        CertificateKey::Ec(key) => {
            let algorithm = tlv(
                Tag::Sequence,
                &[
                    der_of(EC_PUBLIC_KEY.to_der())?,
                    der_of(PRIME256V1.to_der())?,
                ]
                .concat(),
            )?;
            let point = key.public_point();
            tlv(
                Tag::Sequence,
                &[
                    algorithm,
                    der_of(BitStringRef::from_bytes(&point).and_then(|b| b.to_der()))?,
                ]
                .concat(),
            )?
        }
        CertificateKey::Rsa(key) => key.public_key_der()?,
    };

    // subjectAltName: GeneralNames of dNSName ([2] IMPLICIT IA5String).
    let mut names = Vec::new();
    for domain in domains {
        let ia5 = Ia5StringRef::new(domain).map_err(|_| {
            Error::invalid_input(
                "domains",
                "a name that is not ASCII (use its punycode form)",
            )
        })?;
        let context = Tag::ContextSpecific {
            constructed: false,
            number: TagNumber::N2,
        };
        names.extend(tlv(context, ia5.as_bytes())?);
    }
    let general_names = tlv(Tag::Sequence, &names)?;
    let san = tlv(
        Tag::Sequence,
        &[
            der_of(SUBJECT_ALT_NAME.to_der())?,
            der_of(OctetStringRef::new(&general_names).and_then(|o| o.to_der()))?,
        ]
        .concat(),
    )?;
    let extensions = tlv(Tag::Sequence, &san)?;
    let request = tlv(
        Tag::Sequence,
        &[
            der_of(EXTENSION_REQUEST.to_der())?,
            tlv(Tag::Set, &extensions)?,
        ]
        .concat(),
    )?;
    let attributes = tlv(
        Tag::ContextSpecific {
            constructed: true,
            number: TagNumber::N0,
        },
        &request,
    )?;

    let version = der_of(0u8.to_der())?;
    let info = tlv(
        Tag::Sequence,
        &[version, subject, spki, attributes].concat(),
    )?;
    let (signature, signature_algorithm) = match key {
        CertificateKey::Ec(key) => (
            key.sign_der(&info),
            tlv(Tag::Sequence, &der_of(ECDSA_WITH_SHA256.to_der())?)?,
        ),
        // AlgorithmIdentifier of sha256WithRSAEncryption: parameters NULL (RFC 4055 §5).
        CertificateKey::Rsa(key) => (
            key.sign(&info)?,
            tlv(
                Tag::Sequence,
                &[der_of(SHA256_WITH_RSA.to_der())?, vec![0x05, 0x00]].concat(),
            )?,
        ),
    };
    tlv(
        Tag::Sequence,
        &[
            info,
            signature_algorithm,
            der_of(BitStringRef::from_bytes(&signature).and_then(|b| b.to_der()))?,
        ]
        .concat(),
    )
}

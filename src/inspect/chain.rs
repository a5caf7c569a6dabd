//! Whether a bundle is a chain in order: leaf first, then each certificate's issuer.
//!
//! "Issued by" is told from names and key identifiers, as path building does: the child's issuer
//! name equals the parent's subject name and, when the child has an authority key identifier and
//! the parent a subject key identifier, the two are equal. Signatures are not verified.

/// What chain order needs to know of one certificate.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Link {
    /// DER of the subject name.
    pub subject: Vec<u8>,
    /// DER of the issuer name.
    pub issuer: Vec<u8>,
    /// Subject key identifier.
    pub subject_key_id: Option<Vec<u8>>,
    /// Authority key identifier (its `keyIdentifier`).
    pub authority_key_id: Option<Vec<u8>>,
    /// Basic constraints say CA.
    pub is_ca: bool,
}

impl Link {
    /// Whether `parent` issued `self`.
    pub fn issued_by(&self, parent: &Link) -> bool {
        if self.issuer != parent.subject {
            return false;
        }
        match (&self.authority_key_id, &parent.subject_key_id) {
            (Some(aki), Some(ski)) => aki == ski,
            _ => true,
        }
    }

    /// Whether it issued itself.
    pub fn self_signed(&self) -> bool {
        self.issued_by(self)
    }
}

/// What is wrong with the order of a bundle.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fault {
    /// Certificate `at` is followed by one that did not issue it, though its issuer is elsewhere
    /// in the bundle (or a CA certificate comes before the leaf).
    OutOfOrder {
        /// Index of the certificate whose successor is wrong.
        at: usize,
    },
    /// Certificate `at` is not a CA and its issuer is nowhere in the bundle.
    MissingIssuer {
        /// Index of the certificate whose issuer is missing.
        at: usize,
    },
}

/// The faults of `links`, in bundle order. Empty for a chain in order, including a lone
/// self-signed certificate and a chain that stops at an intermediate.
pub fn faults(links: &[Link]) -> Vec<Fault> {
    let mut found = Vec::new();
    if let (Some(first), true) = (links.first(), links.len() > 1) {
        // The leaf must come first: a CA certificate that issued another certificate of the
        // bundle before it is out of place.
        if first.is_ca && links.iter().skip(1).any(|l| !l.is_ca && l.issued_by(first)) {
            found.push(Fault::OutOfOrder { at: 0 });
        }
    }
    for (at, link) in links.iter().enumerate() {
        if link.self_signed() {
            if at + 1 < links.len() && !found.contains(&Fault::OutOfOrder { at: 0 }) {
                // A root is the end of a chain: anything after it is out of order.
                found.push(Fault::OutOfOrder { at });
            }
            continue;
        }
        let next = links.get(at + 1);
        if next.is_some_and(|n| link.issued_by(n)) {
            continue;
        }
        let issuer_elsewhere = links
            .iter()
            .enumerate()
            .any(|(i, other)| i != at && link.issued_by(other));
        if issuer_elsewhere {
            if !found.iter().any(|f| matches!(f, Fault::OutOfOrder { .. })) {
                found.push(Fault::OutOfOrder { at });
            }
        } else if !link.is_ca {
            // A leaf whose issuer (an intermediate) is not given. A CA certificate whose issuer
            // is absent is normal: that issuer is a root, which clients already have.
            found.push(Fault::MissingIssuer { at });
        }
    }
    found
}

/// Index of the end-entity certificate: the first that issued no other certificate of the
/// bundle (`0` for an empty bundle or one where every certificate issued another).
pub fn leaf_index(links: &[Link]) -> usize {
    links
        .iter()
        .position(|candidate| {
            !links
                .iter()
                .any(|other| other != candidate && other.issued_by(candidate))
        })
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cert(subject: &str, issuer: &str, is_ca: bool) -> Link {
        Link {
            subject: subject.as_bytes().to_vec(),
            issuer: issuer.as_bytes().to_vec(),
            subject_key_id: Some(format!("key-{subject}").into_bytes()),
            authority_key_id: Some(format!("key-{issuer}").into_bytes()),
            is_ca,
        }
    }

    fn leaf() -> Link {
        cert("leaf", "inter", false)
    }
    fn inter() -> Link {
        cert("inter", "root", true)
    }
    fn root() -> Link {
        cert("root", "root", true)
    }

    #[test]
    fn chains_in_order_have_no_fault() {
        assert!(faults(&[leaf(), inter()]).is_empty());
        assert!(faults(&[leaf(), inter(), root()]).is_empty());
        assert!(faults(&[root()]).is_empty());
        assert!(
            faults(&[inter()]).is_empty(),
            "a lone intermediate ends at a root"
        );
        assert!(faults(&[]).is_empty());
    }

    #[test]
    fn reversed_chain_is_out_of_order() {
        assert_eq!(
            faults(&[inter(), leaf()]),
            vec![Fault::OutOfOrder { at: 0 }]
        );
        let shuffled = faults(&[leaf(), root(), inter()]);
        assert!(
            shuffled.contains(&Fault::OutOfOrder { at: 0 }),
            "{shuffled:?}"
        );
    }

    #[test]
    fn the_leaf_is_found_wherever_it_is() {
        assert_eq!(leaf_index(&[leaf(), inter(), root()]), 0);
        assert_eq!(leaf_index(&[inter(), leaf()]), 1);
        assert_eq!(leaf_index(&[root(), inter(), leaf()]), 2);
        assert_eq!(leaf_index(&[]), 0);
    }

    #[test]
    fn leaf_without_its_intermediate_is_missing_an_issuer() {
        assert_eq!(faults(&[leaf()]), vec![Fault::MissingIssuer { at: 0 }]);
        assert_eq!(
            faults(&[leaf(), root()]),
            vec![Fault::MissingIssuer { at: 0 }]
        );
    }

    #[test]
    fn key_identifiers_must_agree_when_both_present() {
        let mut impostor = inter();
        impostor.subject_key_id = Some(b"other key".to_vec());
        assert!(!leaf().issued_by(&impostor));
        impostor.subject_key_id = None;
        assert!(
            leaf().issued_by(&impostor),
            "names alone decide without identifiers"
        );
        assert_eq!(faults(&[leaf(), impostor]), vec![]);
    }
}

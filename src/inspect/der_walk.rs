//! Walking DER one TLV at a time, on top of the `der` crate's header, length, time and OID
//! decoding.
//!
//! The typed X.509 crates (`x509-cert`, `x509-parser`) cost 46–49 KB gzipped in our wasm
//! (BENCHMARKS.md); reading the few fields we need TLV by TLV with `der`'s primitives costs a
//! fraction of that. Every function here returns `None` on malformed input; nothing panics.

use der::asn1::{GeneralizedTime, ObjectIdentifier, UtcTime};
use der::{Decode, Encode, Header, SliceReader, Tag};

/// One DER element: its tag, its whole encoding and its content.
#[derive(Clone, Copy, Debug)]
pub struct Tlv<'a> {
    /// The tag.
    pub tag: Tag,
    /// Header and content.
    pub raw: &'a [u8],
    /// Content only.
    pub content: &'a [u8],
}

/// A cursor over consecutive DER elements.
#[derive(Clone, Copy, Debug)]
pub struct Walker<'a> {
    rest: &'a [u8],
}

impl<'a> Walker<'a> {
    /// A walker over `bytes`.
    pub fn new(bytes: &'a [u8]) -> Self {
        Walker { rest: bytes }
    }

    /// Whether every element has been read.
    pub fn is_empty(&self) -> bool {
        self.rest.is_empty()
    }

    /// The next element, or `None` at the end or on malformed input.
    pub fn next_tlv(&mut self) -> Option<Tlv<'a>> {
        let mut reader = SliceReader::new(self.rest).ok()?;
        let header = Header::decode(&mut reader).ok()?;
        let header_len = usize::try_from(header.encoded_len().ok()?).ok()?;
        let content_len = usize::try_from(header.length).ok()?;
        let total = header_len.checked_add(content_len)?;
        let raw = self.rest.get(..total)?;
        let content = raw.get(header_len..)?;
        self.rest = self.rest.get(total..)?;
        Some(Tlv {
            tag: header.tag,
            raw,
            content,
        })
    }

    /// The next element if it has `tag`.
    pub fn tagged(&mut self, tag: Tag) -> Option<Tlv<'a>> {
        let tlv = self.next_tlv()?;
        (tlv.tag == tag).then_some(tlv)
    }

    /// The next element if it is context-specific `[number]`; otherwise leaves the walker as is.
    pub fn optional_context(&mut self, number: u8) -> Option<Tlv<'a>> {
        let mut probe = *self;
        let tlv = probe.next_tlv()?;
        match tlv.tag {
            Tag::ContextSpecific { number: n, .. } if n.value() == number => {
                *self = probe;
                Some(tlv)
            }
            _ => None,
        }
    }
}

impl<'a> Tlv<'a> {
    /// A walker over the content (for SEQUENCE, SET and constructed context tags).
    pub fn children(&self) -> Walker<'a> {
        Walker::new(self.content)
    }

    /// The object identifier, when this is one.
    pub fn oid(&self) -> Option<ObjectIdentifier> {
        (self.tag == Tag::ObjectIdentifier)
            .then(|| ObjectIdentifier::from_bytes(self.content).ok())
            .flatten()
    }

    /// A UTCTime or GeneralizedTime as seconds since the Unix epoch.
    pub fn unix_seconds(&self) -> Option<i64> {
        let duration = match self.tag {
            Tag::UtcTime => UtcTime::from_der(self.raw).ok()?.to_unix_duration(),
            Tag::GeneralizedTime => GeneralizedTime::from_der(self.raw).ok()?.to_unix_duration(),
            _ => return None,
        };
        i64::try_from(duration.as_secs()).ok()
    }

    /// The bits of a BIT STRING with no unused bits.
    pub fn bit_string_bytes(&self) -> Option<&'a [u8]> {
        if self.tag != Tag::BitString {
            return None;
        }
        let (unused, bytes) = self.content.split_first()?;
        (*unused == 0).then_some(bytes)
    }

    /// A directory string (UTF8, Printable, IA5, Visible, Teletex, BMP) as text. (`der` does not
    /// know UniversalString's tag, so a name using it does not decode.)
    pub fn text(&self) -> Option<String> {
        let bytes = self.content;
        match self.tag {
            Tag::Utf8String | Tag::PrintableString | Tag::Ia5String | Tag::VisibleString => {
                Some(String::from_utf8_lossy(bytes).into_owned())
            }
            // T.61 in theory, Latin-1 in practice.
            Tag::TeletexString => Some(bytes.iter().map(|&b| char::from(b)).collect()),
            Tag::BmpString => {
                let units = bytes
                    .chunks_exact(2)
                    .filter_map(|c| <[u8; 2]>::try_from(c).ok())
                    .map(u16::from_be_bytes);
                Some(
                    char::decode_utf16(units)
                        .map(|c| c.unwrap_or('\u{fffd}'))
                        .collect(),
                )
            }
            _ => None,
        }
    }
}

/// An unsigned INTEGER's magnitude: the content without its sign-padding zero bytes.
pub fn magnitude(integer: &[u8]) -> &[u8] {
    let first_nonzero = integer
        .iter()
        .position(|&b| b != 0)
        .unwrap_or(integer.len());
    integer.get(first_nonzero..).unwrap_or_default()
}

/// The number of significant bits of a big-endian unsigned integer.
pub fn bit_length(integer: &[u8]) -> u32 {
    let bytes = magnitude(integer);
    match bytes.first() {
        None => 0,
        Some(&top) => {
            let len = u32::try_from(bytes.len()).unwrap_or(u32::MAX / 8);
            (len - 1) * 8 + (8 - top.leading_zeros())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_nested_elements_and_stops_on_truncation() {
        // SEQUENCE { INTEGER 5, OCTET STRING "ab" }
        let der = [0x30, 0x07, 0x02, 0x01, 0x05, 0x04, 0x02, b'a', b'b'];
        let mut top = Walker::new(&der);
        let seq = top.tagged(Tag::Sequence).unwrap();
        assert!(top.is_empty());
        let mut inner = seq.children();
        assert_eq!(inner.tagged(Tag::Integer).unwrap().content, &[5]);
        assert_eq!(inner.next_tlv().unwrap().content, b"ab");
        assert!(inner.next_tlv().is_none());
        assert!(Walker::new(&der[..5]).next_tlv().is_none(), "truncated");
        assert!(Walker::new(&[0x30, 0x84, 0xff, 0xff, 0xff, 0xff])
            .next_tlv()
            .is_none());
    }

    #[test]
    fn optional_context_leaves_the_walker_alone_when_absent() {
        let der = [0xa0, 0x03, 0x02, 0x01, 0x02, 0x02, 0x01, 0x07];
        let mut w = Walker::new(&der);
        assert!(w.optional_context(1).is_none());
        assert!(w.optional_context(0).is_some());
        assert!(w.optional_context(0).is_none());
        assert_eq!(w.tagged(Tag::Integer).unwrap().content, &[7]);
    }

    #[test]
    fn integers_lose_their_sign_padding() {
        assert_eq!(magnitude(&[0, 0x80, 1]), &[0x80, 1]);
        assert_eq!(bit_length(&[0, 0x80, 1]), 16);
        assert_eq!(bit_length(&[0x01, 0, 1]), 17);
        assert_eq!(bit_length(&[]), 0);
        assert_eq!(bit_length(&[0, 0]), 0);
    }

    #[test]
    fn strings_of_every_directory_kind() {
        let bmp = Tlv {
            tag: Tag::BmpString,
            raw: &[],
            content: &[0x4e, 0x2d, 0x65, 0x87],
        };
        assert_eq!(bmp.text().unwrap(), "中文");
        let teletex = Tlv {
            tag: Tag::TeletexString,
            raw: &[],
            content: &[0x63, 0xe9],
        };
        assert_eq!(teletex.text().unwrap(), "cé");
        let odd_bmp = Tlv {
            tag: Tag::BmpString,
            raw: &[],
            content: &[0x00],
        };
        assert_eq!(odd_bmp.text().unwrap(), "");
    }
}

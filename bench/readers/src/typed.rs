//! (b) serde_json with borrowed typed structs per vendor: each record's text (a `&RawValue`,
//! for its span, as in [`crate::current`]) is read into a struct whose fields are the vendor's
//! record fields as borrowed [`Small`] values, every other member skipped by serde's derive
//! (`IgnoredAny`). The private-key scan runs over the record's text only when a cheap
//! pre-check on that text says it may hold one ([`may_hold_private_key`]). A record the
//! derive refuses (a duplicate field, say) is read by [`crate::current`] instead.

use std::borrow::Cow;
use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::{Map, Value};

use crate::current::{self, At, KeySeed, Scan};
use crate::{Fields, Sink, Small, Step, Vendor};

impl<'de: 'a, 'a> Deserialize<'de> for Small<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(SmallVisitor(std::marker::PhantomData))
    }
}

struct SmallVisitor<'a>(std::marker::PhantomData<&'a ()>);

impl<'de: 'a, 'a> Visitor<'de> for SmallVisitor<'a> {
    type Value = Small<'a>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("JSON")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Small<'a>, E> {
        Ok(Small::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Small<'a>, E> {
        Ok(Small::I64(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Small<'a>, E> {
        Ok(Small::U64(v))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Small<'a>, E> {
        Ok(Small::F64(v))
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Small<'a>, E> {
        Ok(Small::Str(Cow::Borrowed(v)))
    }
    fn visit_str<E>(self, v: &str) -> Result<Small<'a>, E> {
        Ok(Small::Str(Cow::Owned(v.to_owned())))
    }
    fn visit_string<E>(self, v: String) -> Result<Small<'a>, E> {
        Ok(Small::Str(Cow::Owned(v)))
    }
    fn visit_unit<E>(self) -> Result<Small<'a>, E> {
        Ok(Small::Null)
    }
    fn visit_none<E>(self) -> Result<Small<'a>, E> {
        Ok(Small::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Small<'a>, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Small<'a>>()? {
            items.push(item);
        }
        Ok(Small::Arr(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Small<'a>, A::Error> {
        let mut members = Vec::new();
        while let Some(key) = map.next_key_seed(KeySeed)? {
            let value = map.next_value::<Small<'a>>()?;
            Small::insert(&mut members, key, value);
        }
        Ok(Small::Obj(members))
    }
}

macro_rules! typed_record {
    ($name:ident { $($field:ident = $json:literal),* $(,)? }) => {
        #[derive(Deserialize)]
        pub struct $name<'a> {
            $( #[serde(borrow, default, rename = $json)] pub $field: Small<'a>, )*
        }
        impl Fields for $name<'_> {
            fn to_value(&self) -> Value {
                let mut map = Map::new();
                $( if self.$field != Small::Absent {
                    map.insert($json.to_owned(), self.$field.to_value());
                } )*
                Value::Object(map)
            }
        }
    };
}

typed_record!(TencentSslRecord {
    certificate_id = "CertificateId", alias = "Alias", domain = "Domain",
    subject_alt_name = "SubjectAltName", cert_sans = "CertSANs", cert_begin_time = "CertBeginTime",
    cert_end_time = "CertEndTime", status = "Status", status_name = "StatusName",
    product_zh_name = "ProductZhName", is_dv = "IsDv", package_type_name = "PackageTypeName",
    is_wildcard = "IsWildcard", from = "From", certificate_extra = "CertificateExtra",
    encrypt_algorithm = "EncryptAlgorithm", tags = "Tags", project_info = "ProjectInfo",
    project_id = "ProjectId", bound_resource = "BoundResource",
});

typed_record!(QiniuRecord {
    certid = "certid", cert_id = "cert_id", name = "name", common_name = "common_name",
    dnsnames = "dnsnames", not_before = "not_before", not_after = "not_after",
});

typed_record!(VolcengineCertRecord {
    id = "id", tag = "tag", common_name = "common_name", certificate_detail = "certificate_detail",
    ssl = "ssl", applicable_domains = "applicable_domains",
    certificate_not_before_ms = "certificate_not_before_ms",
    certificate_not_before = "certificate_not_before",
    certificate_not_after_ms = "certificate_not_after_ms",
    certificate_not_after = "certificate_not_after", order_status = "order_status",
    certificate_revoked = "certificate_revoked", disabled = "disabled",
    certificate_exist = "certificate_exist", issuer = "issuer", kind = "type",
    instance_type = "instance_type", chain_id = "chain_id", source_id = "source_id",
    project_name = "project_name",
});

/// Whether `text` (a record's JSON text) may hold a private key: a member named like one
/// (`pri`, `private_key`, `privatekey`, `certificateprivatekey`, `encrypt_key`, in any case) or
/// a PEM private key, written plainly or through a `\u` escape. `false` is certain; `true` only
/// means that the scan must run.
pub fn may_hold_private_key(text: &str) -> bool {
    let b = text.as_bytes();
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        match c {
            b'\\' => {
                if b.get(i + 1) == Some(&b'u') {
                    return true;
                }
                i += 2;
                continue;
            }
            b'p' | b'P' => {
                // `pri` as a whole name, or `private` (private_key, privatekey,
                // certificateprivatekey, PEM's "PRIVATE KEY").
                if let Some(rest) = b.get(i + 1..) {
                    if starts_with_ci(rest, b"rivate") {
                        return true;
                    }
                    if starts_with_ci(rest, b"ri\"") && i > 0 && b.get(i - 1) == Some(&b'"') {
                        return true;
                    }
                }
            }
            b'_' => {
                // encrypt_key: found by its `_key` preceded by `encrypt`.
                if i >= 7 {
                    if let (Some(before), Some(after)) = (b.get(i - 7..i), b.get(i + 1..)) {
                        if starts_with_ci(before, b"encrypt") && starts_with_ci(after, b"key") {
                            return true;
                        }
                    }
                }
            }
            _ => {}
        }
        i += 1;
    }
    false
}

fn starts_with_ci(text: &[u8], prefix: &[u8]) -> bool {
    text.get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
}

/// The private keys of a record's text, in removal order, by the scan of [`crate::current`].
fn scan_private_keys(text: &str) -> serde_json::Result<Vec<Vec<Step>>> {
    let mut found = Vec::new();
    let mut at: Vec<At<'_>> = Vec::new();
    let mut de = serde_json::Deserializer::from_str(text);
    Scan {
        at: &mut at,
        found: &mut found,
    }
    .deserialize(&mut de)?;
    found.reverse();
    Ok(found)
}

fn read_as<'de, T, S>(body: &'de str, vendor: Vendor, sink: &mut S) -> Result<(), String>
where
    T: Deserialize<'de> + Fields,
    S: Sink,
{
    current::envelope(body, vendor.list_path(), &mut |text: &'de str, span| {
        match serde_json::from_str::<T>(text) {
            Ok(fields) => {
                let keys = if may_hold_private_key(text) {
                    scan_private_keys(text).map_err(|e| e.to_string())?
                } else {
                    Vec::new()
                };
                sink.record(span, fields, keys);
            }
            Err(_) => {
                let (value, keys) = current::read_record(text, vendor.fields()).map_err(|e| e.to_string())?;
                sink.record(span, value, keys);
            }
        }
        Ok(())
    })
    .map(|_| ())
}

pub fn read<S: Sink>(body: &str, vendor: Vendor, sink: &mut S) -> Result<(), String> {
    match vendor {
        Vendor::TencentSsl => read_as::<TencentSslRecord<'_>, S>(body, vendor, sink),
        Vendor::Qiniu => read_as::<QiniuRecord<'_>, S>(body, vendor, sink),
        Vendor::VolcengineCert => read_as::<VolcengineCertRecord<'_>, S>(body, vendor, sink),
    }
}

#[cfg(test)]
mod tests {
    use super::may_hold_private_key;

    #[test]
    fn the_pre_check_finds_every_way_of_writing_a_private_key() {
        for text in [
            r#"{"pri":1}"#, r#"{"PRI":1}"#, r#"{"a":{"private_key":1}}"#, r#"{"PrivateKey":1}"#,
            r#"{"CertificatePrivateKey":1}"#, r#"{"Encrypt_Key":1}"#,
            r#"{"x":"-----BEGIN RSA PRIVATE KEY-----"}"#, r#"{"p\u0072i":1}"#,
        ] {
            assert!(may_hold_private_key(text), "{text}");
        }
        // Not a private-key name, nor a PEM key: no scan needed.
        assert!(!may_hold_private_key(r#"{"price":1,"prio":"x","encrypt":"key"}"#));
        assert!(!may_hold_private_key(r#"{"IsExpiring":true,"Description":"x"}"#));
    }
}

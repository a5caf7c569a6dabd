//! One task, several readers (bench/notes/18-json-readers.md): for each record of the list at
//! the vendor's list path, its byte span in the body, the values of the vendor's record fields,
//! and the paths of its private keys (member names like one, PEM private keys at any depth).
//!
//! - [`current`]: today's `src/vendors/records.rs` (a `&RawValue` per record, then a serde
//!   visitor building a `serde_json::Value` of the named fields and scanning the rest);
//! - [`typed`]: serde_json with borrowed typed structs per vendor, and a pre-check on the
//!   record's text that decides whether the private-key scan runs at all;
//! - [`walk`] over [`jit`] (jiter's iterator API) or over [`scan`] (a scanner of our own).

use std::borrow::Cow;

use serde_json::{Map, Value};

pub mod current;
#[cfg(feature = "jiter")]
pub mod jit;
pub mod scan;
pub mod typed;
pub mod walk;

/// One step of a path into a record (as `crate::model::Step`).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Step {
    Key(String),
    Index(usize),
}

/// The vendors measured, with where their records are and which fields the model reads
/// (copied from `src/vendors/*.rs`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Vendor {
    TencentSsl,
    Qiniu,
    VolcengineCert,
}

impl Vendor {
    pub const ALL: [Vendor; 3] = [Vendor::TencentSsl, Vendor::Qiniu, Vendor::VolcengineCert];

    pub fn id(self) -> &'static str {
        match self {
            Vendor::TencentSsl => "tencent-ssl",
            Vendor::Qiniu => "qiniu",
            Vendor::VolcengineCert => "volcengine-cert",
        }
    }

    pub fn from_code(code: u32) -> Option<Vendor> {
        Vendor::ALL.get(usize::try_from(code).ok()?).copied()
    }

    pub fn list_path(self) -> &'static [&'static str] {
        match self {
            Vendor::TencentSsl => &["Response", "Certificates"],
            Vendor::Qiniu => &["certs"],
            Vendor::VolcengineCert => &["Result", "content"],
        }
    }

    pub fn fields(self) -> &'static [&'static str] {
        match self {
            Vendor::TencentSsl => TENCENT_SSL_FIELDS,
            Vendor::Qiniu => QINIU_FIELDS,
            Vendor::VolcengineCert => VOLCENGINE_CERT_FIELDS,
        }
    }
}

pub const TENCENT_SSL_FIELDS: &[&str] = &[
    "CertificateId", "Alias", "Domain", "SubjectAltName", "CertSANs", "CertBeginTime",
    "CertEndTime", "Status", "StatusName", "ProductZhName", "IsDv", "PackageTypeName",
    "IsWildcard", "From", "CertificateExtra", "EncryptAlgorithm", "Tags", "ProjectInfo",
    "ProjectId", "BoundResource",
];
pub const QINIU_FIELDS: &[&str] = &[
    "certid", "cert_id", "name", "common_name", "dnsnames", "not_before", "not_after",
];
pub const VOLCENGINE_CERT_FIELDS: &[&str] = &[
    "id", "tag", "common_name", "certificate_detail", "ssl", "applicable_domains",
    "certificate_not_before_ms", "certificate_not_before", "certificate_not_after_ms",
    "certificate_not_after", "order_status", "certificate_revoked", "disabled",
    "certificate_exist", "issuer", "type", "instance_type", "chain_id", "source_id",
    "project_name",
];

/// Field names that hold private keys (`src/vendors/redact.rs`), compared case-insensitively.
const PRIVATE_KEY_FIELDS: &[&str] = &[
    "private_key",
    "encrypt_key",
    "pri",
    "certificateprivatekey",
    "privatekey",
];

pub fn is_private_key_name(name: &str) -> bool {
    PRIVATE_KEY_FIELDS
        .iter()
        .any(|field| field.len() == name.len() && name.eq_ignore_ascii_case(field))
}

pub fn is_pem_private_key(text: &str) -> bool {
    text.len() >= "-----BEGIN".len() + "PRIVATE KEY-----".len()
        && text.contains("-----BEGIN")
        && text.contains("PRIVATE KEY-----")
}

/// A field's value, borrowed from the body where it can be: what the typed and the walking
/// readers hand over instead of a `serde_json::Value`.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Small<'a> {
    /// Not in the record (or not built).
    #[default]
    Absent,
    Null,
    Bool(bool),
    /// A number as its text in the body (the walking readers).
    Num(&'a str),
    /// Numbers as serde reads them (the typed reader).
    U64(u64),
    I64(i64),
    F64(f64),
    Str(Cow<'a, str>),
    Arr(Vec<Small<'a>>),
    /// Members in order; a later duplicate replaces the earlier one in place.
    Obj(Vec<(Cow<'a, str>, Small<'a>)>),
}

impl<'a> Small<'a> {
    /// Adds a member to an object, a later duplicate replacing the earlier one (`JSON.parse`).
    pub fn insert(members: &mut Vec<(Cow<'a, str>, Small<'a>)>, key: Cow<'a, str>, value: Small<'a>) {
        if let Some(slot) = members.iter_mut().find(|(k, _)| *k == key) {
            slot.1 = value;
        } else {
            members.push((key, value));
        }
    }

    pub fn to_value(&self) -> Value {
        match self {
            Small::Absent | Small::Null => Value::Null,
            Small::Bool(b) => Value::Bool(*b),
            Small::Num(text) => match text.parse::<u64>() {
                // Plain digits: what serde_json makes of them when they fit.
                Ok(n) if text.bytes().all(|b| b.is_ascii_digit()) => Value::from(n),
                _ => serde_json::from_str(text).unwrap_or(Value::Null),
            },
            Small::U64(n) => Value::from(*n),
            Small::I64(n) => Value::from(*n),
            Small::F64(n) => Value::from(*n),
            Small::Str(s) => Value::String(s.as_ref().to_owned()),
            Small::Arr(items) => Value::Array(items.iter().map(Small::to_value).collect()),
            Small::Obj(members) => Value::Object(
                members
                    .iter()
                    .map(|(k, v)| (k.as_ref().to_owned(), v.to_value()))
                    .collect(),
            ),
        }
    }
}

/// What a reader hands over for a record's fields: turned into a `Value` only to compare.
pub trait Fields {
    fn to_value(&self) -> Value;
}

impl Fields for Value {
    fn to_value(&self) -> Value {
        self.clone()
    }
}

/// The named fields of a record, by their index in the vendor's field list.
pub struct Kept<'a> {
    pub names: &'static [&'static str],
    pub values: Vec<Small<'a>>,
}

impl Fields for Kept<'_> {
    fn to_value(&self) -> Value {
        let mut map = Map::new();
        for (name, value) in self.names.iter().zip(&self.values) {
            if *value != Small::Absent {
                map.insert((*name).to_owned(), value.to_value());
            }
        }
        Value::Object(map)
    }
}

/// Where a reader hands each record.
pub trait Sink {
    fn record<F: Fields>(&mut self, span: (usize, usize), fields: F, private_keys: Vec<Vec<Step>>);
}

/// A record as compared between readers: private-key paths sorted (their removal order only
/// matters within one array, where every reader gives reverse document order).
#[derive(Debug, PartialEq)]
pub struct Canon {
    pub span: (usize, usize),
    pub fields: Value,
    pub private_keys: Vec<Vec<Step>>,
}

#[derive(Default)]
pub struct Collect(pub Vec<Canon>);

impl Sink for Collect {
    fn record<F: Fields>(&mut self, span: (usize, usize), fields: F, mut private_keys: Vec<Vec<Step>>) {
        private_keys.sort();
        self.0.push(Canon {
            span,
            fields: fields.to_value(),
            private_keys,
        });
    }
}

/// Counts records and sums what it sees, so that nothing is optimized away.
#[derive(Default)]
pub struct Count {
    pub records: usize,
    pub sum: usize,
}

impl Sink for Count {
    fn record<F: Fields>(&mut self, span: (usize, usize), fields: F, private_keys: Vec<Vec<Step>>) {
        self.records += 1;
        self.sum = self
            .sum
            .wrapping_add(span.1 - span.0)
            .wrapping_add(private_keys.len());
        std::hint::black_box(&fields);
        drop(fields);
    }
}

/// The candidates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reader {
    Current,
    Typed,
    #[cfg(feature = "jiter")]
    Jiter,
    Scan,
    /// (d), each record's fields turned into a `serde_json::Value` before they are handed over
    /// (what today's `draft` functions read).
    ScanValue,
}

/// Hands each record's fields over as a `Value`.
struct AsValue<'s, S>(&'s mut S);

impl<S: Sink> Sink for AsValue<'_, S> {
    fn record<F: Fields>(&mut self, span: (usize, usize), fields: F, private_keys: Vec<Vec<Step>>) {
        self.0.record(span, fields.to_value(), private_keys);
    }
}

impl Reader {
    pub const ALL: &'static [Reader] = &[
        Reader::Current,
        Reader::Typed,
        #[cfg(feature = "jiter")]
        Reader::Jiter,
        Reader::Scan,
        Reader::ScanValue,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Reader::Current => "(a) current: RawValue + serde visitor -> Value",
            Reader::Typed => "(b) serde_json borrowed typed structs + pre-check",
            #[cfg(feature = "jiter")]
            Reader::Jiter => "(c) jiter iterator + our walker",
            Reader::Scan => "(d) own scanner + our walker",
            Reader::ScanValue => "(d') own scanner, fields handed over as Value",
        }
    }

    /// Reads `body` for `vendor`; `Err` when the body is not JSON (or not strict enough JSON).
    pub fn read<S: Sink>(self, body: &str, vendor: Vendor, sink: &mut S) -> Result<(), String> {
        match self {
            Reader::Current => current::read(body, vendor, sink),
            Reader::Typed => typed::read(body, vendor, sink),
            #[cfg(feature = "jiter")]
            Reader::Jiter => walk::read(jit::Lexer::new(body), vendor, sink).map_err(|e| e.0),
            Reader::Scan => walk::read(scan::Lexer::new(body), vendor, sink).map_err(|e| e.0),
            Reader::ScanValue => {
                walk::read(scan::Lexer::new(body), vendor, &mut AsValue(sink)).map_err(|e| e.0)
            }
        }
    }
}

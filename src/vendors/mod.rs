//! Vendor responses to the one certificate model: one module per provider, each with its
//! status table and its error table; shared leniency ([`lenient`]), dates ([`dates`]) and
//! private-key removal ([`redact`]).

pub mod dates;
/// The JSON lexer and its borrowed values (`crates/json`: optimized for speed, BENCHMARKS.md §20).
pub use cloudcerts_json as json;
pub mod lenient;
pub mod qiniu;
pub mod records;
pub mod redact;
pub mod requests;
pub mod tencent_legacy;
pub mod tencent_ssl;
pub mod volcengine;
pub mod volcengine_cert;
pub mod volcengine_live;

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde_json::Value;

use crate::error::{Error, ErrorCode, Result};
use crate::model::{
    CertSource, CertStatus, Certificate, CertificateOf, NormalizeOptions, Provider, Validation,
};
use json::Node;
pub use records::Record;

/// Default of `expiringWithinDays`.
pub const DEFAULT_EXPIRING_WITHIN_DAYS: i64 = 30;

/// One parsed response: its certificates and what paging needs.
#[derive(Clone, Debug, PartialEq)]
pub struct Page {
    /// The certificates of this response, in vendor order.
    pub certificates: Vec<Certificate>,
    /// The total the vendor reports across all pages (Tencent, the legacy API, Certificate Center).
    pub total: Option<u64>,
    /// Qiniu's marker for the next page (`None` or empty: the last page).
    pub next_marker: Option<String>,
    /// The vendor's request id.
    pub request_id: Option<String>,
    /// Where the records are in the body (`["Response", "Certificates"]`), when they came from a
    /// list: with [`Normalizer::raw_by_reference`], `raw` is then left for the caller to take
    /// from the body ([`RawReference`]).
    pub list_path: Option<&'static [&'static str]>,
    /// Beside each of `certificates`, where its `raw` is in the body when it was left out
    /// ([`Normalizer::raw_by_reference`]); empty when none was.
    pub raw_references: Vec<Option<RawReference>>,
}

/// Where a certificate's `raw` is when it was left out of the certificate
/// ([`Normalizer::raw_by_reference`]): its record in the body, less its private keys.
#[derive(Clone, Debug, PartialEq)]
pub struct RawReference {
    /// The record's index in the list at [`Page::list_path`].
    pub index: u32,
    /// The byte range of the record's own text in the body.
    pub span: Option<(usize, usize)>,
    /// The paths of the private keys to remove from it, in the order to remove them.
    pub removals: Vec<Vec<crate::model::Step>>,
}

impl Page {
    /// Keeps the certificates (and their raw references) for which `keep` is true.
    pub fn retain(&mut self, mut keep: impl FnMut(&Certificate) -> bool) {
        let mut references = std::mem::take(&mut self.raw_references).into_iter();
        let mut kept_references = Vec::new();
        let had_references = references.len() > 0;
        self.certificates.retain(|certificate| {
            let reference = references.next().flatten();
            let keep = keep(certificate);
            if keep && had_references {
                kept_references.push(reference);
            }
            keep
        });
        self.raw_references = kept_references;
    }
}

/// The settings every vendor module normalizes with.
#[derive(Clone, Debug)]
pub struct Normalizer {
    pub provider: Provider,
    pub label: String,
    pub now_ms: i64,
    pub expiring_within_days: i64,
    pub include_private_key: bool,
    pub http_status: Option<u16>,
    /// Leave `raw` out (`null`, with a [`RawReference`] beside the certificate naming the record
    /// and the private keys to remove) for records of a list: the wasm boundary gives each
    /// certificate a `raw` that the engine's `JSON.parse` reads from the record's own text on
    /// first access, far cheaper than writing every record out of wasm (BENCHMARKS.md §9).
    pub raw_by_reference: bool,
}

impl Normalizer {
    /// Checks `options` and fills in defaults.
    pub fn new(provider: Provider, options: &NormalizeOptions) -> Result<Normalizer> {
        let now_ms = crate::sign::context::checked_now_ms(options.now, "options.now")?;
        let expiring_within_days = match options.expiring_within_days {
            Some(days) if days.is_finite() && (0.0..=36_500.0).contains(&days) => {
                days.floor() as i64
            }
            Some(_) => {
                return Err(Error::invalid_input(
                    "options.expiringWithinDays",
                    "must be a number of days from 0 to 36500",
                ))
            }
            None => DEFAULT_EXPIRING_WITHIN_DAYS,
        };
        let http_status = match options.http_status {
            Some(s) if s.is_finite() && (100.0..=599.0).contains(&s) => Some(s as u16),
            Some(_) => {
                return Err(Error::invalid_input(
                    "options.httpStatus",
                    "must be an HTTP status from 100 to 599",
                ))
            }
            None => None,
        };
        Ok(Normalizer {
            provider,
            label: options.label.clone().unwrap_or_default(),
            now_ms,
            expiring_within_days,
            include_private_key: options.include_private_key.unwrap_or(false),
            http_status,
            raw_by_reference: false,
        })
    }

    /// An error attributed to this provider, with the response's HTTP status.
    pub fn error(&self, code: ErrorCode, message: impl Into<String>) -> Error {
        let mut error = Error::new(code, message).with_provider(self.provider);
        error.http_status = self.http_status;
        error
    }

    /// The response body was not what the vendor sends.
    pub fn bad_response(&self, what: &str, body: &str) -> Error {
        self.error(
            ErrorCode::BadResponse,
            format!("{}: {what} ({})", self.provider, describe(body)),
        )
        // A proxy's or gateway's page, a truncated body: reading again may get the vendor's
        // answer (the one rule, `Error::retryable_for`, as for a read).
        .with_retryable_for(crate::error::Idempotence::Safe, true)
    }

    /// Turns each whole record (of a get response, or of a list read whole) into a
    /// [`Certificate`] with the vendor module's `draft` reader; `raw` is the record.
    pub fn finish_all(&self, records: Vec<Node<'_>>, draft: DraftReader) -> Vec<Certificate> {
        records
            .iter()
            .map(|record| self.finish(draft(record), record.to_value()).into_owned())
            .collect()
    }

    /// Turns the record at `index` of a list, as [`records::read`] handed it over, into a
    /// [`Certificate`], with where its `raw` is ([`Normalizer::raw_by_reference`]).
    pub fn finish_record<'j>(
        &self,
        index: u32,
        record: Record<'j>,
        draft: DraftReader,
    ) -> (CertificateOf<'j>, Option<RawReference>) {
        // A record that is itself a PEM private key cannot be taken by reference: no path inside
        // it names what to remove (`finish` drops it whole).
        let whole_key = matches!(&record.fields, Node::String(s) if redact::is_pem_private_key(s));
        let drafted = draft(&record.fields);
        if self.include_private_key || !whole_key {
            let removals = if self.include_private_key {
                Vec::new()
            } else {
                record.private_keys
            };
            let reference = RawReference {
                index,
                span: Some(record.span),
                removals,
            };
            (self.finish(drafted, Value::Null), Some(reference))
        } else {
            // The record is a private key and private keys are not kept: no `raw` at all.
            (self.finish(drafted, Value::Null), None)
        }
    }

    /// Turns a draft and its raw record into a [`Certificate`].
    pub fn finish<'j>(&self, draft: Draft<'j>, mut raw: Value) -> CertificateOf<'j> {
        if !self.include_private_key {
            redact::remove_private_keys(&mut raw);
            if matches!(&raw, Value::String(s) if redact::is_pem_private_key(s)) {
                raw = Value::Null;
            }
        }
        redact::to_js_numbers(&mut raw);
        // ASCII lower-casing: DNS names compare case-insensitively only in ASCII (IDNs arrive
        // as punycode or already-mapped Unicode), and it spares the Unicode case tables.
        let common_name = draft
            .common_name
            .map(domain_name)
            .filter(|cn| !cn.is_empty());
        let mut domains: Vec<Text<'j>> = Vec::with_capacity(draft.sans.len() + 1);
        for domain in common_name
            .iter()
            .cloned()
            .chain(draft.sans.into_iter().map(domain_name))
        {
            if !domain.is_empty() && !domains.contains(&domain) {
                domains.push(domain);
            }
        }
        let wildcard = draft.wildcard || domains.iter().any(|d| d.starts_with("*."));
        let days_remaining = draft
            .not_after_ms
            .map(|ms| crate::dates::days_remaining(ms, self.now_ms));
        let status = match draft.status {
            StatusClass::Fixed(status) => status,
            StatusClass::Issued => match days_remaining {
                Some(days) if days < 0 => CertStatus::Expired,
                Some(days) if i64::from(days) <= self.expiring_within_days => CertStatus::Expiring,
                _ => CertStatus::Active,
            },
        };
        CertificateOf {
            provider: self.provider,
            account: self.label.clone(),
            id: draft.id,
            name: draft.name,
            common_name,
            domains,
            not_before: draft.not_before_ms.and_then(crate::dates::to_rfc3339),
            not_after: draft.not_after_ms.and_then(crate::dates::to_rfc3339),
            days_remaining,
            status,
            vendor_status: draft.vendor_status,
            vendor_status_text: draft.vendor_status_text,
            issuer: draft.issuer,
            validation: draft.validation,
            wildcard,
            source: draft.source,
            chain_id: draft.chain_id,
            replaced_by: draft.replaced_by,
            replaces: draft.replaces,
            fingerprint_sha256: draft.fingerprint_sha256.map(|f| bare_hex(f, Case::Lower)),
            serial_number: draft.serial_number.map(|s| bare_hex(s, Case::Upper)),
            key_algorithm: draft.key_algorithm,
            tags: draft.tags.filter(|t| !t.is_empty()),
            project: draft.project,
            bound_resources: draft.bound_resources.filter(|b| !b.is_empty()),
            warnings: Some(draft.warnings).filter(|w| !w.is_empty()),
            raw,
        }
    }
}

/// A domain name as the model keeps it: trimmed and ASCII lower-case (still borrowed from the
/// body when it was already so).
fn domain_name(name: Text<'_>) -> Text<'_> {
    let name = lenient::trimmed(name);
    if name.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(name.to_ascii_lowercase())
    } else {
        name
    }
}

/// The ASCII case [`bare_hex`] writes.
#[derive(Clone, Copy)]
enum Case {
    Lower,
    Upper,
}

/// Hex `text` without its `:` separators, in one ASCII case (still borrowed from the body when
/// it was already so).
fn bare_hex(text: Text<'_>, case: Case) -> Text<'_> {
    let other_case = |b: u8| match case {
        Case::Lower => b.is_ascii_uppercase(),
        Case::Upper => b.is_ascii_lowercase(),
    };
    if !text.bytes().any(|b| b == b':' || other_case(b)) {
        return text;
    }
    let bare = text.replace(':', "");
    Cow::Owned(match case {
        Case::Lower => bare.to_ascii_lowercase(),
        Case::Upper => bare.to_ascii_uppercase(),
    })
}

/// A vendor module's reader of one record's fields.
pub type DraftReader = for<'j> fn(&Node<'j>) -> Draft<'j>;

/// How a vendor status value decides the normalized status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StatusClass {
    /// Issued: the dates decide between active, expiring and expired.
    Issued,
    /// The vendor's value decides.
    Fixed(CertStatus),
}

/// Text of a certificate: borrowed from the body it was read from where the body holds it as
/// it is, else owned.
pub type Text<'j> = Cow<'j, str>;

/// What a vendor module reads from one record, before the shared finishing.
#[derive(Clone, Debug)]
pub struct Draft<'j> {
    pub id: Text<'j>,
    pub name: Option<Text<'j>>,
    pub common_name: Option<Text<'j>>,
    pub sans: Vec<Text<'j>>,
    pub not_before_ms: Option<i64>,
    pub not_after_ms: Option<i64>,
    pub status: StatusClass,
    pub vendor_status: Option<Text<'j>>,
    pub vendor_status_text: Option<Text<'j>>,
    pub issuer: Option<Text<'j>>,
    pub validation: Option<Validation>,
    pub wildcard: bool,
    pub source: Option<CertSource>,
    pub chain_id: Option<Text<'j>>,
    pub replaced_by: Option<Text<'j>>,
    pub replaces: Option<Text<'j>>,
    pub fingerprint_sha256: Option<Text<'j>>,
    pub serial_number: Option<Text<'j>>,
    pub key_algorithm: Option<Text<'j>>,
    pub tags: Option<BTreeMap<String, String>>,
    pub project: Option<Text<'j>>,
    pub bound_resources: Option<Vec<Text<'j>>>,
    pub warnings: Vec<String>,
}

impl<'j> Draft<'j> {
    /// Sets the status from a vendor table row (unknown when there is none), keeping the
    /// vendor's value and its label (the vendor's own label first, else the table's).
    pub fn set_status(
        &mut self,
        row: Option<(StatusClass, &'static str)>,
        value: Option<Text<'j>>,
        vendor_label: Option<Text<'j>>,
    ) {
        self.status = row.map_or(StatusClass::Fixed(CertStatus::Unknown), |(class, _)| class);
        self.vendor_status = value;
        self.vendor_status_text =
            vendor_label.or_else(|| row.map(|(_, label)| Cow::Borrowed(label)));
    }

    /// An empty draft for certificate `id`, status unknown.
    pub fn new(id: Text<'j>) -> Draft<'j> {
        Draft {
            id,
            name: None,
            common_name: None,
            sans: Vec::new(),
            not_before_ms: None,
            not_after_ms: None,
            status: StatusClass::Fixed(CertStatus::Unknown),
            vendor_status: None,
            vendor_status_text: None,
            issuer: None,
            validation: None,
            wildcard: false,
            source: None,
            chain_id: None,
            replaced_by: None,
            replaces: None,
            fingerprint_sha256: None,
            serial_number: None,
            key_algorithm: None,
            tags: None,
            project: None,
            warnings: Vec::new(),
            bound_resources: None,
        }
    }
}

/// One row of a vendor's error table: code (or dotted prefix), our code, retryable, hint.
pub type ErrorRow = (&'static str, ErrorCode, bool, Option<&'static str>);

/// Looks `code` up in `table`: an exact match, else the longest row that is a dotted prefix of
/// it (`InternalError` matches `InternalError.DB`); unknown codes are non-retryable `Vendor`.
pub fn lookup_error(table: &[ErrorRow], code: &str) -> (ErrorCode, bool, Option<&'static str>) {
    error_row_of(table, code).map_or((ErrorCode::Vendor, false, None), |(_, c, r, h)| {
        (*c, *r, *h)
    })
}

/// The row of `table` for `code`: an exact match, else the longest row that is a dotted prefix
/// of it; `None` when no row matches.
pub fn error_row_of<'t>(table: &'t [ErrorRow], code: &str) -> Option<&'t ErrorRow> {
    table
        .iter()
        .filter(|(name, ..)| {
            code == *name
                || code
                    .strip_prefix(name)
                    .is_some_and(|rest| rest.starts_with('.'))
        })
        .max_by_key(|(name, ..)| name.len())
}

/// Describes a body for an error message without quoting any of it: its length and whether it
/// looks like an HTML page (a gateway's or proxy's error page). A body is never quoted, because
/// it is `normalizeResponse`'s input and may carry a private key or whatever the caller put in
/// the wrong place.
pub fn describe(body: &str) -> String {
    let trimmed = body.trim_start();
    if trimmed.is_empty() {
        "an empty body".to_owned()
    } else if trimmed.starts_with('<') {
        format!("an HTML or XML page of {} bytes, not shown", body.len())
    } else {
        format!("{} bytes, not shown", body.len())
    }
}

/// The error for an HTTP failure whose body carries no vendor envelope.
/// `retryable` is as for a read, by the one rule (`Error::retryable_for`): 408, 429 and 5xx.
pub fn status_error(n: &Normalizer, status: u16, body: &str) -> Error {
    let code = match status {
        401 => ErrorCode::Auth,
        403 => ErrorCode::Forbidden,
        404 => ErrorCode::NotFound,
        408 => ErrorCode::Timeout,
        429 => ErrorCode::RateLimited,
        _ => ErrorCode::Vendor,
    };
    let error = n.error(
        code,
        format!("{}: HTTP {status} ({})", n.provider, describe(body)),
    );
    error.with_retryable_for(crate::error::Idempotence::Safe, true)
}

/// Parses the body as JSON, or explains why it is not a vendor answer. A proxy's own refusal
/// (`{"code": "Proxy..."}`) becomes a `Proxy` error.
pub fn parse_json<'j>(n: &Normalizer, body: &'j str) -> Result<Node<'j>> {
    let value = json::parse_node(body).map_err(|_| not_json(n, body))?;
    check_proxy(n, &value)?;
    Ok(value)
}

/// The error for a body that is not JSON. With HTTP 5xx it is a gateway's or proxy's page, not
/// the vendor's answer: `BadResponse` (retryable for a read, as every body that is not the
/// vendor's answer); 4xx statuses still say what they mean (401 `Auth`, 404 `NotFound`, ...).
fn not_json(n: &Normalizer, body: &str) -> Error {
    match n.http_status {
        Some(status) if status >= 500 => {
            n.bad_response("a gateway's error page, not the vendor's answer", body)
        }
        Some(status) if status >= 400 => status_error(n, status, body),
        _ if body.trim().is_empty() => n.bad_response("the body is empty", body),
        _ => n.bad_response("the body is not JSON", body),
    }
}

/// A proxy's own refusal (`{"code": "Proxy..."}`) as a `Proxy` error.
fn check_proxy(n: &Normalizer, value: &Node<'_>) -> Result<()> {
    if let Some(code) = lenient::text(value, &["code"]).filter(|c| c.starts_with("Proxy")) {
        let message = lenient::text(value, &["error"]).unwrap_or_default();
        let mut error = n.error(ErrorCode::Proxy, format!("CORS proxy: {code}: {message}"));
        // The proxy could not reach the vendor (502) or timed out (504): transient.
        error.retryable = n.http_status.is_some_and(|status| status >= 500);
        error.vendor_code = Some(code);
        return Err(error);
    }
    Ok(())
}

/// Parses one list or get response of `provider` into a [`Page`].
///
/// # Errors
/// The vendor's error envelope as a typed error (see each vendor module's table); `BadResponse`
/// when the body is not JSON or not the documented shape; `InvalidInput` for bad options.
pub fn parse_page(provider: Provider, body: &str, options: &NormalizeOptions) -> Result<Page> {
    parse_page_collected(Normalizer::new(provider, options)?, body)
}

/// [`parse_page`] with `raw` by reference where it can be ([`Normalizer::raw_by_reference`]).
pub fn parse_page_by_reference(
    provider: Provider,
    body: &str,
    options: &NormalizeOptions,
) -> Result<Page> {
    let mut n = Normalizer::new(provider, options)?;
    n.raw_by_reference = true;
    parse_page_collected(n, body)
}

/// Where a provider's list response holds its records, and the fields of a record its vendor
/// module reads (`LIST_PATH` and `RECORD_FIELDS` of that module).
pub fn list_shape(provider: Provider) -> (&'static [&'static str], &'static [&'static str]) {
    match provider {
        Provider::TencentSsl => (tencent_ssl::LIST_PATH, tencent_ssl::RECORD_FIELDS),
        Provider::TencentLegacy => (tencent_legacy::LIST_PATH, tencent_legacy::RECORD_FIELDS),
        Provider::VolcengineLive => (volcengine_live::LIST_PATH, volcengine_live::RECORD_FIELDS),
        Provider::VolcengineCert => (volcengine_cert::LIST_PATH, volcengine_cert::RECORD_FIELDS),
        Provider::Qiniu => (qiniu::LIST_PATH, qiniu::RECORD_FIELDS),
        Provider::TencentDns | Provider::VolcengineDns => (&[], &[]),
    }
}

/// Where the certificates of a response go, one by one as they are made ([`parse_page_into`]).
pub trait CertificateSink {
    /// The next certificate, in vendor order, with where its `raw` is when it was left out.
    fn certificate(&mut self, certificate: CertificateOf<'_>, raw: Option<RawReference>);
    /// Forget every certificate handed over until now (the list read so far was replaced by a
    /// later duplicate key, or the response turned out not to be a list).
    fn reset(&mut self);
}

/// Certificates and their raw references, collected into a [`Page`].
#[derive(Default)]
struct Collected {
    certificates: Vec<Certificate>,
    raw_references: Vec<Option<RawReference>>,
}

impl CertificateSink for Collected {
    fn certificate(&mut self, certificate: CertificateOf<'_>, raw: Option<RawReference>) {
        self.certificates.push(certificate.into_owned());
        self.raw_references.push(raw);
    }
    fn reset(&mut self) {
        self.certificates.clear();
        self.raw_references.clear();
    }
}

/// Turns each record of a list into its certificate as soon as [`records::read`] has read it.
struct Finishing<'a> {
    n: &'a Normalizer,
    draft: DraftReader,
    index: u32,
    sink: &'a mut dyn CertificateSink,
}

impl<'j> records::RecordSink<'j> for Finishing<'_> {
    fn record(&mut self, record: Record<'j>) {
        let (certificate, raw) = self.n.finish_record(self.index, record, self.draft);
        self.index = self.index.saturating_add(1);
        self.sink.certificate(certificate, raw);
    }
    fn reset(&mut self) {
        self.index = 0;
        self.sink.reset();
    }
}

/// The vendor module's reader of one record.
fn draft_of(provider: Provider) -> DraftReader {
    match provider {
        Provider::TencentSsl => tencent_ssl::draft,
        Provider::TencentLegacy => tencent_legacy::draft,
        Provider::VolcengineLive => volcengine_live::draft,
        Provider::VolcengineCert => volcengine_cert::draft,
        Provider::Qiniu => qiniu::draft,
        // Never read: `parse_page_with` refuses a DNS provider before any record is read.
        Provider::TencentDns | Provider::VolcengineDns => |_| Draft::new(Cow::Borrowed("")),
    }
}

/// [`parse_page_by_reference`], handing each certificate to `sink` as soon as it is made
/// instead of collecting them: normalizing a list holds the body, what `sink` keeps, and one
/// record at a time. The returned page has no certificates. On an error, `sink` may have
/// received certificates: the caller discards them.
///
/// # Errors
/// Those of [`parse_page`].
pub fn parse_page_into(
    provider: Provider,
    body: &str,
    options: &NormalizeOptions,
    sink: &mut dyn CertificateSink,
) -> Result<Page> {
    let mut n = Normalizer::new(provider, options)?;
    n.raw_by_reference = true;
    parse_page_with(n, body, sink)
}

fn parse_page_with(n: Normalizer, body: &str, sink: &mut dyn CertificateSink) -> Result<Page> {
    let provider = n.provider;
    provider.check_certificates()?;
    // With `raw` by reference, the records of the list need only the fields the vendor module
    // reads (and where their private keys are): `records::read` skips the rest (§11), and each
    // record becomes its certificate as soon as it is read. The vendor module then sees an
    // empty list and reads the envelope (errors, totals, markers).
    let (value, listed) = if n.raw_by_reference {
        let (list_path, fields) = list_shape(provider);
        let mut finishing = Finishing {
            n: &n,
            draft: draft_of(provider),
            index: 0,
            sink: &mut *sink,
        };
        let read = records::read(body, list_path, fields, &mut finishing)
            .map_err(|_| not_json(&n, body))?;
        check_proxy(&n, &read.envelope)?;
        (read.envelope, read.listed)
    } else {
        (parse_json(&n, body)?, false)
    };
    let mut page = match provider {
        Provider::TencentSsl => tencent_ssl::parse(&n, value, listed, body),
        Provider::TencentLegacy => tencent_legacy::parse(&n, value, listed, body),
        Provider::VolcengineLive => volcengine_live::parse(&n, value, listed, body),
        Provider::VolcengineCert => volcengine_cert::parse(&n, value, listed, body),
        Provider::Qiniu => qiniu::parse(&n, value, listed, body),
        Provider::TencentDns | Provider::VolcengineDns => Err(provider.no_certificates()),
    }
    .map_err(retryable_by_status)?;
    if page.list_path.is_none() {
        // Not a list after all (a Tencent detail that also carries a list): what was streamed
        // from the list is not the answer.
        sink.reset();
    }
    for certificate in std::mem::take(&mut page.certificates) {
        sink.certificate(certificate, None);
    }
    Ok(page)
}

/// [`parse_page_with`], collecting the certificates into the page.
fn parse_page_collected(n: Normalizer, body: &str) -> Result<Page> {
    let mut collected = Collected::default();
    let mut page = parse_page_with(n, body, &mut collected)?;
    page.certificates = collected.certificates;
    if collected.raw_references.iter().any(Option::is_some) {
        page.raw_references = collected.raw_references;
    }
    Ok(page)
}

/// A delete's `result`, with the vendor's own "no such certificate" (`gone`, by its code) as
/// success. Only the vendor's code counts: a bare HTTP 404 without it may come from a proxy or
/// a wrong endpoint that never reached the vendor.
pub fn gone_is_done(result: Result<()>, gone: fn(&str) -> bool) -> Result<()> {
    match result {
        Err(e) if e.vendor_code.as_deref().is_some_and(gone) => Ok(()),
        other => other,
    }
}

/// Sets `retryable` of an error read from one answer, as for a read, by the one rule the client
/// also retries by (`Error::retryable_for`; the client decides again for its own request): a
/// vendor error that came with HTTP 429 or 5xx is retryable even when its code is not in the
/// vendor's table (Volcengine's `ServiceUnavailableTemp`, say), as is one the table calls
/// transient, a body that is not the vendor's answer, and `ClockSkew` (signed again with the
/// vendor's time, the call may succeed: the client does that when a `Date` header tells it).
pub fn retryable_by_status(error: Error) -> Error {
    error.with_retryable_for(crate::error::Idempotence::Safe, true)
}

/// The certificates of one list or get response (see [`parse_page`]).
pub fn normalize_response(
    provider: Provider,
    body: &str,
    options: &NormalizeOptions,
) -> Result<Vec<Certificate>> {
    parse_page(provider, body, options).map(|page| page.certificates)
}

/// Takes the list at `path` out of `value`: absent or `null` is empty; anything else but an array
/// is a bad response. `listed`: [`records::read`] took the records from there and handed them
/// over already (the list is then empty here).
pub fn take_list<'j>(
    n: &Normalizer,
    value: &mut Node<'j>,
    path: &[&str],
    body: &str,
    listed: bool,
) -> Result<Vec<Node<'j>>> {
    if listed {
        return Ok(Vec::new());
    }
    let mut current = &mut *value;
    for key in path {
        match current.get_mut(key) {
            Some(next) => current = next,
            None => return Ok(Vec::new()),
        }
    }
    match current.take() {
        Node::Null => Ok(Vec::new()),
        Node::Array(items) => Ok(items),
        _ => Err(n.bad_response(&format!("{} is not a list", path.join(".")), body)),
    }
}

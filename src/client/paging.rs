//! How each provider's list is walked to the end.
//!
//! - Tencent (`Offset`), the legacy API and Certificate Center (`page`): the first page, then the
//!   rest concurrently, since the first answer gives the total; at the largest page size allowed.
//! - Volcengine Live: the four `Available`/`Expiring` combinations at once, merged by id (its
//!   default hides disabled and expired certificates); those listed as not available are `disabled`.
//! - Qiniu: marker after marker, stopping at an empty marker, or at a repeated one with a warning.
//!
//! Every certificate appears once (by id). A total that changes while paging, or fewer
//! certificates than the vendor reported, is a warning on the result.

use std::collections::HashSet;

use futures_util::stream::{self, StreamExt, TryStreamExt};

use crate::client::runtime::Runtime;
use crate::client::session::{Idempotence, Session};
use crate::error::{Error, ErrorCode, Result};
use crate::model::{CertStatus, Certificate, CertificatePage, HttpRequest, ListQuery, Provider};
use crate::vendors::requests::non_empty;
use crate::vendors::{self, requests, Page};

/// Most pages one listing will fetch (100 million certificates at Tencent's page size).
const MAX_PAGES: u64 = 100_000;

/// Where a page starts, per paging scheme.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cursor {
    /// The n-th page (from 0) of an offset or page-number API.
    Index(u64),
    /// Volcengine Live's n-th filter combination.
    Combination(usize),
    /// Qiniu's marker (empty: the start).
    Marker(String),
}

impl Cursor {
    /// The first page of `provider`.
    pub fn start(provider: Provider) -> Cursor {
        match provider {
            Provider::VolcengineLive => Cursor::Combination(0),
            Provider::Qiniu => Cursor::Marker(String::new()),
            _ => Cursor::Index(0),
        }
    }

    /// Parses a cursor returned earlier for `provider`.
    pub fn parse(provider: Provider, text: &str) -> Result<Cursor> {
        let bad = || {
            Error::invalid_input(
                "pageRequest.cursor",
                "is not a cursor this provider returned",
            )
            .with_provider(provider)
        };
        match provider {
            Provider::Qiniu => text
                .strip_prefix("m:")
                .map(|m| Cursor::Marker(m.to_owned()))
                .ok_or_else(bad),
            Provider::VolcengineLive => {
                let n = text
                    .strip_prefix("c:")
                    .and_then(|n| n.parse::<usize>().ok())
                    .filter(|n| *n < 4)
                    .ok_or_else(bad)?;
                Ok(Cursor::Combination(n))
            }
            _ => {
                let n = text
                    .strip_prefix("p:")
                    .and_then(|n| n.parse::<u64>().ok())
                    .filter(|n| *n < MAX_PAGES)
                    .ok_or_else(bad)?;
                Ok(Cursor::Index(n))
            }
        }
    }

    /// The text handed to the caller.
    pub fn to_text(&self) -> String {
        match self {
            Cursor::Index(n) => format!("p:{n}"),
            Cursor::Combination(n) => format!("c:{n}"),
            Cursor::Marker(m) => format!("m:{m}"),
        }
    }
}

/// Fetches and normalizes one page.
pub async fn fetch<R: Runtime>(
    session: &Session<'_, R>,
    cursor: &Cursor,
    size: u32,
    query: &ListQuery,
) -> Result<Fetched> {
    let provider = session.provider;
    let base = requests::base_url(session.account, provider);
    let request = match (provider, cursor) {
        (Provider::TencentSsl, Cursor::Index(n)) => {
            requests::tencent_ssl_list(&base, n * u64::from(size), size, query)
        }
        (Provider::TencentLegacy, Cursor::Index(n)) => {
            let form = super::legacy_form(session.account);
            requests::tencent_legacy_list(&base, n + 1, size, query, None, form)
        }
        (Provider::VolcengineCert, Cursor::Index(n)) => {
            requests::volcengine_cert_list(&base, n + 1, size, query, None)
        }
        (Provider::VolcengineLive, Cursor::Combination(n)) => {
            let (available, expiring) = requests::LIVE_COMBINATIONS
                .get(*n)
                .copied()
                .unwrap_or((true, false));
            requests::volcengine_live_list(&base, available, expiring, query)
        }
        (Provider::Qiniu, Cursor::Marker(marker)) => requests::qiniu_list(&base, marker, size),
        _ => {
            return Err(Error::invalid_input(
                "pageRequest.cursor",
                "does not belong to this provider",
            )
            .with_provider(provider))
        }
    };
    let by_reference = session.rt.raw_by_reference();
    let (mut page, body) = read_page(session, &request, by_reference).await?;
    if let Cursor::Combination(n) = cursor {
        let available = requests::LIVE_COMBINATIONS
            .get(*n)
            .is_none_or(|(available, _)| *available);
        if !available {
            page.certificates
                .iter_mut()
                .for_each(|c| c.status = CertStatus::Disabled);
        }
    }
    // What the vendor returned, before this client's own filters narrow it: whether a page is
    // full is told by this.
    let records = page.certificates.len();
    if provider == Provider::Qiniu {
        page.retain(|c| matches_query(c, query));
    } else if provider == Provider::TencentSsl
        && non_empty(&query.search).is_some()
        && non_empty(&query.domain).is_some()
    {
        // One `SearchKey` carries the search; the domain then narrows what came back.
        let domain_only = ListQuery {
            search: None,
            domain: query.domain.clone(),
        };
        page.retain(|c| matches_query(c, &domain_only));
    }
    let body = body.as_deref().filter(|_| !page.raw_references.is_empty());
    let token = session
        .rt
        .keep_page(&page.certificates, &page.raw_references, body);
    if token.is_none() {
        if let (Some(body), Some(list_path)) = (body, page.list_path) {
            let references = std::mem::take(&mut page.raw_references);
            vendors::redact::attach_raw(&mut page.certificates, references, body, list_path);
        }
    }
    Ok(Fetched {
        page,
        token,
        records,
    })
}

/// A page as [`fetch`] leaves it, with the token of the copy the runtime kept of its
/// certificates ([`Runtime::keep_page`]), if it kept one.
pub struct Fetched {
    pub page: Page,
    pub token: Option<u32>,
    /// Records the vendor returned on this page (before the client's own filters).
    pub records: usize,
}

impl Fetched {
    /// Where the runtime keeps each certificate's copy: `(token, index in the page)`.
    pub fn kept(&self) -> Vec<Option<(u32, u32)>> {
        (0u32..)
            .take(self.page.certificates.len())
            .map(|index| self.token.map(|token| (token, index)))
            .collect()
    }
}

/// The certificates of a listing, each beside where the runtime keeps its converted copy (for
/// [`Runtime::kept_copies`]); a certificate whose id was already listed is left out.
#[derive(Default)]
pub struct Listed {
    pub certificates: Vec<Certificate>,
    pub kept: Vec<Option<(u32, u32)>>,
    seen: HashSet<String>,
}

impl Listed {
    /// Appends the page's certificates, skipping ids already present (certificates without an
    /// id are all kept).
    fn merge(&mut self, fetched: Fetched) {
        let kept = fetched.kept();
        for (certificate, kept) in fetched.page.certificates.into_iter().zip(kept) {
            if certificate.id.is_empty() || self.seen.insert(certificate.id.to_string()) {
                self.certificates.push(certificate);
                self.kept.push(kept);
            }
        }
    }
}

/// Sends a list or get request (safe to retry) and parses the answer into a [`Page`]. With
/// `by_reference`, listed records come without `raw` ([`vendors::parse_page_by_reference`]) and
/// the body comes back too, to take it from.
pub async fn read_page<R: Runtime>(
    session: &Session<'_, R>,
    request: &HttpRequest,
    by_reference: bool,
) -> Result<(Page, Option<String>)> {
    let provider = session.provider;
    session
        .exchange(request, Idempotence::Safe, |s, response| {
            let options = s.normalize_options(response.status);
            if by_reference {
                vendors::parse_page_by_reference(provider, &response.body, &options)
                    .map(|page| (page, Some(response.body.clone())))
            } else {
                vendors::parse_page(provider, &response.body, &options).map(|page| (page, None))
            }
        })
        .await
}

/// Qiniu has no server-side filters: `domain` must be one of the domains, `search` a part of
/// the id, the name or a domain (case-insensitive).
fn matches_query(c: &Certificate, query: &ListQuery) -> bool {
    let domain_ok = non_empty(&query.domain).is_none_or(|d| {
        let d = d.to_ascii_lowercase();
        c.domains.iter().any(|domain| *domain == d)
    });
    let search_ok = non_empty(&query.search).is_none_or(|s| {
        let s = s.to_ascii_lowercase();
        c.id.to_ascii_lowercase().contains(&s)
            || c.name
                .as_deref()
                .is_some_and(|n| n.to_ascii_lowercase().contains(&s))
            || c.domains.iter().any(|d| d.contains(&s))
    });
    domain_ok && search_ok
}

/// Every certificate of the session's account.
pub async fn list_all<R: Runtime>(session: &Session<'_, R>, query: &ListQuery) -> Result<Listed> {
    session.provider.check_certificates()?;
    let planned = (session.provider == Provider::VolcengineLive)
        .then_some(requests::LIVE_COMBINATIONS.len() as u32);
    session.started(planned);
    match session.provider {
        Provider::VolcengineLive => list_live(session, query).await,
        Provider::Qiniu => list_by_marker(session, query).await,
        _ => list_numbered(session, query).await,
    }
}

async fn list_numbered<R: Runtime>(session: &Session<'_, R>, query: &ListQuery) -> Result<Listed> {
    let size = requests::max_page_size(session.provider);
    let first = fetch(session, &Cursor::Index(0), size, query).await?;
    let mut all = Listed::default();
    let Some(total) = first.page.total else {
        // No total reported (Tencent documents it as possibly null): walk until a short page.
        session.page_done(None);
        let mut fetched = first;
        let mut index = 0;
        loop {
            let full = fetched.records >= size as usize;
            all.merge(fetched);
            index += 1;
            if !full || index >= MAX_PAGES {
                return Ok(all);
            }
            fetched = fetch(session, &Cursor::Index(index), size, query).await?;
            session.page_done(None);
        }
    };
    let pages = total.div_ceil(u64::from(size)).clamp(1, MAX_PAGES);
    let pages_u32 = u32::try_from(pages).unwrap_or(u32::MAX);
    session.page_done(Some(pages_u32));
    let full = |fetched: &Fetched| fetched.records >= size as usize;
    // A vendor total can lie (an absurd `TotalCount`): the plan is capped by what the pages
    // actually return. A short first page holds everything; later, the first short (or empty)
    // page ends the listing, and the pages not yet sent are never sent.
    let mut fetched_pages = Vec::new();
    let mut ended_at = None;
    if full(&first) {
        let mut rest = stream::iter(1..pages)
            .map(|index| async move {
                let page = fetch(session, &Cursor::Index(index), size, query).await;
                session.page_done(Some(pages_u32));
                page
            })
            .buffered(session.settings.concurrency);
        while let Some(fetched) = rest.next().await {
            let fetched = fetched?;
            let last = !full(&fetched);
            fetched_pages.push(fetched);
            if last {
                ended_at = Some(fetched_pages.len() as u64 + 1);
                break;
            }
        }
    } else {
        ended_at = Some(1);
    }
    let mut largest_total = total;
    all.merge(first);
    for fetched in fetched_pages {
        if let Some(t) = fetched.page.total.filter(|t| *t != total) {
            session.warn(format!("the vendor's total changed while paging ({total} → {t}): run the listing again for a consistent view"));
            largest_total = largest_total.max(t);
        }
        all.merge(fetched);
    }
    match ended_at {
        Some(ended) if ended < pages => session.warn(format!(
            "the vendor reported {largest_total} certificates ({pages} pages) but page {ended} was its last ({} listed): the listing stopped there",
            all.certificates.len()
        )),
        _ if (all.certificates.len() as u64) < largest_total => session.warn(format!(
            "listed {} of the {largest_total} certificates the vendor reports",
            all.certificates.len()
        )),
        _ => {}
    }
    Ok(all)
}

async fn list_live<R: Runtime>(session: &Session<'_, R>, query: &ListQuery) -> Result<Listed> {
    let combinations = requests::LIVE_COMBINATIONS.len();
    let pages: Vec<Fetched> = stream::iter(0..combinations)
        .map(|n| async move {
            let page = fetch(session, &Cursor::Combination(n), 0, query).await;
            session.page_done(Some(combinations as u32));
            page
        })
        .buffered(session.settings.concurrency)
        .try_collect()
        .await?;
    let mut all = Listed::default();
    for fetched in pages {
        all.merge(fetched);
    }
    Ok(all)
}

async fn list_by_marker<R: Runtime>(session: &Session<'_, R>, query: &ListQuery) -> Result<Listed> {
    let size = requests::max_page_size(session.provider);
    let mut all = Listed::default();
    let mut markers = HashSet::new();
    let mut marker = String::new();
    for _ in 0..MAX_PAGES {
        let mut fetched = fetch(session, &Cursor::Marker(marker.clone()), size, query).await?;
        session.page_done(None);
        let next_marker = fetched.page.next_marker.take();
        all.merge(fetched);
        match next_marker.filter(|m| !m.is_empty()) {
            None => return Ok(all),
            Some(next) if !markers.insert(next.clone()) || next == marker => {
                session.warn(format!(
                    "Qiniu returned the marker {next:?} twice; stopped there to avoid a loop"
                ));
                return Ok(all);
            }
            Some(next) => marker = next,
        }
    }
    session.warn(format!("stopped after {MAX_PAGES} pages"));
    Ok(all)
}

/// One page for `listCertificatesPage`.
pub async fn one_page<R: Runtime>(
    session: &Session<'_, R>,
    cursor: Option<&str>,
    page_size: Option<f64>,
    query: &ListQuery,
) -> Result<CertificatePage> {
    let provider = session.provider;
    provider.check_certificates()?;
    let cursor = match cursor {
        Some(text) => Cursor::parse(provider, text)?,
        None => Cursor::start(provider),
    };
    let max = requests::max_page_size(provider);
    let size = match page_size {
        None => max,
        Some(s) if s.is_finite() && s >= 1.0 => (s.floor() as u32).min(max.max(1)),
        Some(_) => {
            return Err(
                Error::invalid_input("pageRequest.pageSize", "must be a positive number")
                    .with_provider(provider),
            )
        }
    };
    let fetched = fetch(session, &cursor, size, query).await?;
    session.rt.kept_copies(fetched.kept());
    let page = fetched.page;
    let next = match &cursor {
        Cursor::Index(n) => {
            let seen_so_far = (n + 1) * u64::from(size);
            let more = match page.total {
                Some(total) => seen_so_far < total,
                None => page.certificates.len() >= size as usize,
            };
            more.then(|| Cursor::Index(n + 1))
        }
        Cursor::Combination(n) => {
            (n + 1 < requests::LIVE_COMBINATIONS.len()).then(|| Cursor::Combination(n + 1))
        }
        Cursor::Marker(_) => page
            .next_marker
            .clone()
            .filter(|m| !m.is_empty())
            .map(Cursor::Marker),
    };
    Ok(CertificatePage {
        certificates: page.certificates,
        next_cursor: next.map(|c| c.to_text()),
        total: page.total.map(|t| t as f64),
        requests: session.counts().0,
    })
}

/// The `NotFound` error for a certificate id (which it does not quote: it is the caller's input).
pub fn not_found(provider: Provider) -> Error {
    Error::new(
        ErrorCode::NotFound,
        format!("{provider}: no certificate with that id"),
    )
    .with_provider(provider)
}

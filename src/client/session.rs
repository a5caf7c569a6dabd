//! One account's conversation with its vendor: every request is rate-limited, signed with the
//! corrected clock, sent through the proxy, checked for clock skew, and retried with backoff when
//! that is safe. Counts requests, retries and warnings for the result.

use std::cell::RefCell;

use crate::client::limits;
use crate::client::runtime::{HttpResponse, OutgoingRequest, Runtime};
pub use crate::error::Idempotence;
use crate::error::{Error, ErrorCode, Result};
use crate::model::{
    Account, ClientSettings, HttpRequest, NormalizeOptions, Progress, Provider, SignContext,
};
use crate::sign::request::check_account;

/// Defaults of the client options.
pub const DEFAULT_TIMEOUT_MS: u32 = 30_000;
pub const DEFAULT_MAX_ATTEMPTS: u32 = 3;
pub const DEFAULT_CONCURRENCY: usize = 4;
/// A `Date` header further than this from our corrected clock corrects it.
pub const SKEW_TOLERANCE_MS: f64 = 5_000.0;

#[derive(Clone, Debug, Default)]
struct Stats {
    requests: u32,
    retries: u32,
    warnings: Vec<String>,
    pages_done: u32,
}

/// Checked settings of one call.
#[derive(Clone, Debug)]
pub struct Settings {
    pub proxy: String,
    pub timeout_ms: u32,
    pub max_attempts: u32,
    pub concurrency: usize,
    pub expiring_within_days: Option<f64>,
    pub include_private_key: bool,
    /// `options.now − real clock` at the start of the call: how wrong the caller says its clock is.
    pub local_offset_ms: f64,
}

impl Settings {
    /// Checks the options (the `now` option is read against `rt`'s clock): every one, so that
    /// `inventory` can refuse unusable options once, before any account is listed.
    ///
    /// # Errors
    /// `InvalidInput` naming the option (`options.timeoutMs: ...`), with no provider.
    pub fn new(options: &ClientSettings, real_now_ms: f64) -> Result<Settings> {
        // Whole bounds, written as integers (formatting an `f64` would bring its 14 KB of
        // printing code into the wasm).
        let bounded =
            |value: Option<f64>, field: &str, min: u32, max: u32, default: u32| -> Result<u32> {
                match value {
                    None => Ok(default),
                    Some(v) if v.is_finite() && (f64::from(min)..=f64::from(max)).contains(&v) => {
                        Ok(v.floor() as u32)
                    }
                    Some(_) => Err(Error::invalid_input(
                        field,
                        format!("must be a number from {min} to {max}"),
                    )),
                }
            };
        let mut proxy = options.proxy.clone().unwrap_or_default().trim().to_owned();
        let absolute = proxy.starts_with("http://") || proxy.starts_with("https://");
        if !(proxy.is_empty() || absolute || proxy.starts_with('/')) || proxy.contains(['?', '#']) {
            return Err(Error::invalid_input(
                "options.proxy",
                "must be an http(s) URL prefix such as http://127.0.0.1:8787/",
            ));
        }
        // The vendor URL is appended as a path: `http://host:8787` means `http://host:8787/`.
        if !proxy.is_empty() && !proxy.ends_with('/') {
            proxy.push('/');
        }
        let local_offset_ms = match options.now {
            None => 0.0,
            Some(now) if now.is_finite() && now > 0.0 && now < 2.5e14 => now - real_now_ms,
            Some(_) => {
                return Err(Error::invalid_input(
                    "options.now",
                    "must be milliseconds since 1970",
                ))
            }
        };
        // `expiringWithinDays` is checked where it is used, by the normalizer (which provider
        // does not matter to that check).
        let probe = NormalizeOptions {
            expiring_within_days: options.expiring_within_days,
            now: Some(0.0),
            ..NormalizeOptions::default()
        };
        crate::vendors::Normalizer::new(Provider::Qiniu, &probe)?;
        Ok(Settings {
            proxy,
            timeout_ms: bounded(
                options.timeout_ms,
                "options.timeoutMs",
                1,
                600_000,
                DEFAULT_TIMEOUT_MS,
            )?,
            max_attempts: bounded(
                options.max_attempts,
                "options.maxAttempts",
                1,
                20,
                DEFAULT_MAX_ATTEMPTS,
            )?,
            concurrency: bounded(
                options.concurrency,
                "options.concurrency",
                1,
                64,
                DEFAULT_CONCURRENCY as u32,
            )? as usize,
            expiring_within_days: options.expiring_within_days,
            include_private_key: options.include_private_key.unwrap_or(false),
            local_offset_ms,
        })
    }
}

/// One account's requests.
pub struct Session<'a, R: Runtime> {
    pub rt: &'a R,
    pub account: &'a Account,
    pub provider: Provider,
    pub label: String,
    pub settings: Settings,
    stats: RefCell<Stats>,
}

impl<'a, R: Runtime> Session<'a, R> {
    /// A session for `account`; checks the account and the options first.
    pub fn new(
        rt: &'a R,
        account: &'a Account,
        options: &ClientSettings,
    ) -> Result<Session<'a, R>> {
        let provider = check_account(account)?.provider;
        let settings =
            Settings::new(options, rt.now_ms()).map_err(|e| e.with_provider(provider))?;
        Self::with_settings(rt, account, settings)
    }

    /// A session for `account` with options checked already ([`Settings::new`]); checks the
    /// account.
    pub fn with_settings(
        rt: &'a R,
        account: &'a Account,
        settings: Settings,
    ) -> Result<Session<'a, R>> {
        let provider = check_account(account)?.provider;
        Ok(Session {
            rt,
            account,
            provider,
            label: account.label.clone().unwrap_or_default(),
            settings,
            stats: RefCell::default(),
        })
    }

    /// Our best estimate of the vendor's time: once a vendor `Date` header has corrected us, the
    /// real clock plus that learned offset (for every later call, whatever its `now` says);
    /// before that, the local clock as the caller says it is (`options.now`).
    pub fn clock_ms(&self) -> f64 {
        let offset = limits::clock_offset(self.provider).unwrap_or(self.settings.local_offset_ms);
        self.rt.now_ms() + offset
    }

    /// Normalization options for a response with `http_status`, at the corrected clock.
    pub fn normalize_options(&self, http_status: u16) -> NormalizeOptions {
        NormalizeOptions {
            now: Some(self.clock_ms()),
            expiring_within_days: self.settings.expiring_within_days,
            include_private_key: Some(self.settings.include_private_key),
            http_status: Some(f64::from(http_status)),
            label: Some(self.label.clone()),
        }
    }

    /// Requests and retries so far.
    pub fn counts(&self) -> (u32, u32) {
        let stats = self.stats.borrow();
        (stats.requests, stats.retries)
    }

    /// Warnings so far.
    pub fn warnings(&self) -> Vec<String> {
        self.stats.borrow().warnings.clone()
    }

    /// Records a warning (once).
    pub fn warn(&self, warning: String) {
        let mut stats = self.stats.borrow_mut();
        if !stats.warnings.contains(&warning) {
            stats.warnings.push(warning);
        }
    }

    /// Reports the start of a listing (`done: 0`), with the pages planned when known up front.
    pub fn started(&self, total_pages: Option<u32>) {
        self.rt.progress(&Progress {
            provider: self.provider,
            account: self.label.clone(),
            done: 0,
            total: total_pages,
        });
    }

    /// Records one more page done and reports progress.
    pub fn page_done(&self, total_pages: Option<u32>) {
        let done = {
            let mut stats = self.stats.borrow_mut();
            stats.pages_done += 1;
            stats.pages_done
        };
        self.rt.progress(&Progress {
            provider: self.provider,
            account: self.label.clone(),
            done,
            total: total_pages,
        });
    }

    /// Learns the vendor's clock from a `Date` header; true when it corrected the clock.
    fn learn_clock(&self, response: &HttpResponse) -> bool {
        let Some(server_ms) = response.date.as_deref().and_then(parse_http_date) else {
            return false;
        };
        // The header has whole seconds: the vendor's time is, on average, half a second later.
        let skew = server_ms + 500.0 - self.clock_ms();
        if skew.abs() <= SKEW_TOLERANCE_MS {
            return false;
        }
        limits::set_clock_offset(self.provider, server_ms + 500.0 - self.rt.now_ms());
        true
    }

    /// Sends `request` until it succeeds, a retry is not safe, or the attempts run out; `parse`
    /// turns each answer into the result or a typed error. The error's `retryable` is set by
    /// [`Error::retryable_for`], and it is what decides whether the request is sent again.
    pub async fn exchange<T>(
        &self,
        request: &HttpRequest,
        idempotence: Idempotence,
        parse: impl Fn(&Self, &HttpResponse) -> Result<T>,
    ) -> Result<T> {
        // One retry loop for every result type (each instance of it was ~1 KB of wasm): the
        // loop hands each answer to `parse`, which keeps the value it reads here.
        let parsed = RefCell::new(None);
        self.send_until_parsed(request, idempotence, &|session, response| {
            let value = parse(session, response)?;
            *parsed.borrow_mut() = Some(value);
            Ok(())
        })
        .await?;
        parsed.into_inner().ok_or_else(|| {
            Error::new(ErrorCode::BadResponse, "no answer was read").with_provider(self.provider)
        })
    }

    /// [`Session::exchange`]'s loop, for a `parse` that keeps what it read itself.
    async fn send_until_parsed(
        &self,
        request: &HttpRequest,
        idempotence: Idempotence,
        parse: &dyn Fn(&Self, &HttpResponse) -> Result<()>,
    ) -> Result<()> {
        let mut attempts = 0;
        let mut skew_retried = false;
        loop {
            if self.rt.aborted() {
                return Err(aborted(self.provider));
            }
            // Asked again after each wait: other requests may have left meanwhile.
            loop {
                let wait =
                    limits::admit(self.provider, &self.account.access_key_id, self.rt.now_ms());
                if wait <= 0.0 {
                    break;
                }
                self.rt
                    .sleep(wait)
                    .await
                    .map_err(|e| e.with_provider(self.provider))?;
                if self.rt.aborted() {
                    return Err(aborted(self.provider));
                }
            }
            let offset_when_signed = limits::clock_offset(self.provider);
            let context = SignContext {
                timestamp_ms: Some(self.clock_ms().max(0.0)),
                nonce: None,
            };
            let signed = crate::sign::sign_request(self.account, request, &context)?;
            let outgoing = OutgoingRequest {
                method: signed.method,
                url: format!("{}{}", self.settings.proxy, signed.url),
                headers: signed.headers,
                body: signed.body,
                timeout_ms: self.settings.timeout_ms,
            };
            attempts += 1;
            self.stats.borrow_mut().requests += 1;
            let (result, clock_corrected) = match self.rt.send(&outgoing).await {
                Ok(response) => {
                    let corrected = self.learn_clock(&response);
                    let parsed = parse(self, &response).map_err(|mut e| {
                        if e.request_id.is_none() {
                            e.request_id = response.request_id.clone();
                        }
                        e
                    });
                    (parsed, corrected)
                }
                Err(e) => (Err(e.with_provider(self.provider)), false),
            };
            let mut error = match result {
                Ok(value) => return Ok(value),
                Err(error) => error,
            };
            if error.code == ErrorCode::Aborted {
                return Err(error);
            }
            if error.code == ErrorCode::RateLimited {
                // This vendor counts more finely than "N per second": stop sending bursts.
                limits::throttled(self.provider, &self.account.access_key_id, self.rt.now_ms());
            }
            // Corrected by this answer, or by another request's answer while this one was in
            // flight (concurrent pages, other accounts of the same provider).
            let clock_changed =
                clock_corrected || limits::clock_offset(self.provider) != offset_when_signed;
            // One rule for the flag and for what is sent again.
            error.retryable = error.retryable_for(idempotence, clock_changed);
            if !error.retryable {
                return Err(error);
            }
            if error.code == ErrorCode::ClockSkew {
                if skew_retried {
                    // Corrected again since: a later call is signed with that time.
                    return Err(error);
                }
                // Re-sign with the vendor's time at once; this does not use up an attempt.
                skew_retried = true;
                attempts -= 1;
                self.stats.borrow_mut().retries += 1;
                continue;
            }
            if attempts >= self.settings.max_attempts {
                return Err(error);
            }
            self.stats.borrow_mut().retries += 1;
            let pause = limits::backoff_ms(attempts, self.rt.random());
            self.rt
                .sleep(pause)
                .await
                .map_err(|e| e.with_provider(self.provider))?;
        }
    }
}

/// The `Aborted` error.
pub fn aborted(provider: Provider) -> Error {
    Error::new(ErrorCode::Aborted, "aborted by the caller's AbortSignal").with_provider(provider)
}

/// Milliseconds of an HTTP `Date` header (`Sun, 06 Nov 1994 08:49:37 GMT`).
pub fn parse_http_date(text: &str) -> Option<f64> {
    let time = httpdate::parse_http_date(text.trim()).ok()?;
    let since = time.duration_since(std::time::UNIX_EPOCH).ok()?;
    Some(since.as_millis() as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_dates() {
        assert_eq!(
            parse_http_date("Tue, 14 Nov 2023 22:13:20 GMT"),
            Some(1_700_000_000_000.0)
        );
        assert_eq!(parse_http_date("yesterday"), None);
    }

    #[test]
    fn uploads_retry_only_when_the_vendor_surely_did_not_act() {
        use Idempotence::{Safe, Unsafe};
        let e = |code| Error::new(code, "x");
        let retryable = |error: &Error, idempotence| error.retryable_for(idempotence, false);
        assert!(retryable(&e(ErrorCode::RateLimited), Unsafe));
        assert!(!retryable(&e(ErrorCode::Network), Unsafe));
        assert!(!retryable(&e(ErrorCode::Timeout), Unsafe));
        assert!(!retryable(&e(ErrorCode::BadResponse), Unsafe));
        let mut five_hundred = e(ErrorCode::Vendor);
        five_hundred.http_status = Some(500);
        assert!(!retryable(&five_hundred, Unsafe));
        assert!(retryable(&five_hundred, Safe));
        let mut internal = e(ErrorCode::Vendor);
        internal.retryable = true; // the vendor's table: an internal error
        assert!(retryable(&internal, Safe) && !retryable(&internal, Unsafe));
        assert!(!retryable(&e(ErrorCode::Vendor), Safe));
        assert!(retryable(&e(ErrorCode::Network), Safe));
        assert!(retryable(&e(ErrorCode::BadResponse), Safe));
        assert!(!retryable(&e(ErrorCode::Auth), Safe));
        assert!(!retryable(&e(ErrorCode::NotFound), Safe));
        // A clock refusal: only with a corrected clock, and then for an upload too.
        let skew = e(ErrorCode::ClockSkew);
        assert!(!skew.retryable_for(Safe, false) && !skew.retryable_for(Unsafe, false));
        assert!(skew.retryable_for(Safe, true) && skew.retryable_for(Unsafe, true));
    }
}

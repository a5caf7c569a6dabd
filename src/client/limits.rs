//! State shared by every call in this module instance: a rate limiter per provider and access
//! key (so concurrent calls share the vendor's rate limit), and the clock offset learned per
//! provider (so later calls sign with the corrected clock). Plus the retry backoff.

use std::cell::RefCell;
use std::collections::{HashMap, VecDeque};

use crate::model::Provider;

/// Requests per second each vendor documents (Qiniu: a conservative 5).
pub fn rate_per_second(provider: Provider) -> f64 {
    match provider {
        Provider::TencentSsl | Provider::TencentLegacy => 10.0,
        Provider::VolcengineLive => 10.0,
        Provider::VolcengineCert => 20.0,
        Provider::Qiniu => 5.0,
        // The slowest action used (sandbox/dns-apis.md): DNSPod's DescribeDomainList, 20/s;
        // Volcengine's CreateRecord and DeleteRecord, 10/s.
        Provider::TencentDns => 20.0,
        Provider::VolcengineDns => 10.0,
    }
}

/// How long one window of the limiter lasts, ms: the vendors' one second plus an allowance for
/// requests that arrive closer together than they left (network and proxy jitter).
pub const WINDOW_MS: f64 = 1_050.0;

/// After the vendor throttled a key, its requests leave evenly spaced, this much further apart
/// than the documented rate, ...
pub const SPACED_MARGIN: f64 = 1.1;

/// ... for this long after the last throttling answer, ms.
pub const SPACED_FOR_MS: f64 = 60_000.0;

/// The limiter of one (provider, access key): at most the documented rate of requests in any
/// window of [`WINDOW_MS`], which lets a listing of up to that many pages leave at once instead
/// of one page every `1 / rate` seconds.
///
/// It counts departures, not reservations: a request asks when it is about to be sent and is
/// told how long to wait otherwise. A page that keeps the JavaScript thread busy therefore
/// cannot make two requests leave closer together than the limiter allowed (a timer that
/// fires late only delays its own request).
///
/// The vendors document "N requests per second" (and the sandbox, like them, counts a sliding
/// one-second window). A vendor that counts more finely would throttle a burst: a throttling
/// answer switches the key to evenly spaced requests ([`SPACED_MARGIN`]) for the next minute
/// ([`SPACED_FOR_MS`], counted again from each later throttling answer), so that the retries,
/// and what follows them, get through; a console that stays open goes back to bursts later.
#[derive(Clone, Debug, Default)]
struct Limiter {
    /// When the last requests left (ms, local clock), oldest first; at most `per_window`.
    departures: VecDeque<f64>,
    /// Until when (ms, local clock) requests leave at most every `SPACED_MARGIN / rate`, after a
    /// throttling answer.
    spaced_until: Option<f64>,
}

impl Limiter {
    /// Lets a request leave at `now_ms` (recorded; returns 0) or returns how long to wait
    /// before asking again.
    fn admit(&mut self, per_window: usize, spacing_ms: f64, now_ms: f64) -> f64 {
        let last = self.departures.back().copied();
        if self.spaced_until.is_some_and(|until| now_ms < until) {
            if let Some(wait) = last
                .map(|last| last + spacing_ms - now_ms)
                .filter(|w| *w > 0.0)
            {
                return wait;
            }
        }
        if self.departures.len() >= per_window {
            if let Some(wait) = self
                .departures
                .front()
                .map(|oldest| oldest + WINDOW_MS - now_ms)
                .filter(|w| *w > 0.0)
            {
                return wait;
            }
        }
        // A clock that stepped back must not reorder the departures.
        self.departures
            .push_back(last.map_or(now_ms, |last| now_ms.max(last)));
        while self.departures.len() > per_window {
            self.departures.pop_front();
        }
        0.0
    }
}

#[derive(Default)]
struct Shared {
    limiters: HashMap<(Provider, String), Limiter>,
    clock_offsets: HashMap<Provider, f64>,
}

thread_local! {
    static SHARED: RefCell<Shared> = RefCell::new(Shared::default());
}

/// Lets a request of `(provider, access_key)` leave now (returns 0, and counts it), or returns
/// how many ms to wait before asking again.
pub fn admit(provider: Provider, access_key: &str, now_ms: f64) -> f64 {
    let rate = rate_per_second(provider);
    // The rates are small whole numbers (5 to 20).
    let per_window = rate as usize;
    let spacing_ms = SPACED_MARGIN * 1000.0 / rate;
    SHARED.with(|shared| {
        let mut shared = shared.borrow_mut();
        let limiter = shared
            .limiters
            .entry((provider, access_key.to_owned()))
            .or_default();
        limiter.admit(per_window, spacing_ms, now_ms)
    })
}

/// Records that the vendor throttled a request of `(provider, access_key)` at `now_ms`: its
/// requests leave evenly spaced for [`SPACED_FOR_MS`] (see `Limiter`).
pub fn throttled(provider: Provider, access_key: &str, now_ms: f64) {
    SHARED.with(|shared| {
        shared
            .borrow_mut()
            .limiters
            .entry((provider, access_key.to_owned()))
            .or_default()
            .spaced_until = Some(now_ms + SPACED_FOR_MS);
    });
}

/// The learned offset (vendor clock − the runtime's real clock) for `provider`, ms; `None`
/// until a `Date` header has disagreed with our clock.
pub fn clock_offset(provider: Provider) -> Option<f64> {
    SHARED.with(|shared| shared.borrow().clock_offsets.get(&provider).copied())
}

/// Records that `provider`'s clock is `offset` ms ahead of the runtime's real clock.
pub fn set_clock_offset(provider: Provider, offset: f64) {
    SHARED.with(|shared| {
        shared.borrow_mut().clock_offsets.insert(provider, offset);
    });
}

/// Forgets all learned state (tests).
pub fn reset() {
    SHARED.with(|shared| *shared.borrow_mut() = Shared::default());
}

/// Full-jitter exponential backoff before attempt `attempt + 1`: uniform in
/// `[0, min(4 s, 250 ms · 2^(attempt-1))]`.
pub fn backoff_ms(attempt: u32, random: f64) -> f64 {
    let ceiling = (250.0 * 2f64.powi(attempt.saturating_sub(1).min(16) as i32)).min(4000.0);
    random.clamp(0.0, 1.0) * ceiling
}

#[cfg(test)]
mod tests {
    use super::*;

    /// When `n` requests of `(provider, key)` that all ask at `now` leave: each waits as told
    /// and asks again.
    fn departures(provider: Provider, key: &str, now: f64, n: usize) -> Vec<f64> {
        (0..n)
            .map(|_| {
                let mut at = now;
                loop {
                    let wait = admit(provider, key, at);
                    if wait <= 0.0 {
                        return (at - now).round();
                    }
                    at += wait;
                }
            })
            .collect()
    }

    #[test]
    fn a_window_lets_the_documented_rate_leave_at_once() {
        reset();
        let mut expected = vec![0.0; 10];
        expected.extend([1050.0, 1050.0]);
        assert_eq!(departures(Provider::TencentSsl, "k1", 1000.0, 12), expected);
        assert_eq!(
            departures(Provider::TencentSsl, "k2", 1000.0, 1),
            vec![0.0],
            "another key has its own limiter"
        );
        assert_eq!(
            departures(Provider::VolcengineCert, "k1", 1000.0, 21)[19..],
            [0.0, 1050.0]
        );
        assert_eq!(
            departures(Provider::Qiniu, "k1", 1000.0, 6)[4..],
            [0.0, 1050.0]
        );
        // Time passing frees the window.
        assert_eq!(departures(Provider::TencentSsl, "k1", 5000.0, 1), vec![0.0]);
    }

    #[test]
    fn a_late_departure_counts_from_when_it_left() {
        reset();
        // Ten leave at 0 except one that left late, at 300 (its timer fired late): the
        // eleventh may leave at 1050, the twelfth only 1050 after the late one.
        for at in [0.0; 9] {
            assert_eq!(admit(Provider::TencentSsl, "k", at), 0.0);
        }
        assert_eq!(admit(Provider::TencentSsl, "k", 300.0), 0.0);
        assert_eq!(admit(Provider::TencentSsl, "k", 1050.0), 0.0);
        assert_eq!(admit(Provider::TencentSsl, "k", 1050.0), 0.0, "9 left at 0");
        for _ in 0..7 {
            assert_eq!(admit(Provider::TencentSsl, "k", 1050.0), 0.0);
        }
        assert_eq!(
            admit(Provider::TencentSsl, "k", 1050.0),
            300.0,
            "the late one + 1050"
        );
    }

    #[test]
    fn a_throttled_key_is_spaced_evenly_for_a_minute() {
        reset();
        departures(Provider::TencentLegacy, "k", 0.0, 3);
        throttled(Provider::TencentLegacy, "k", 0.0);
        assert_eq!(
            departures(Provider::TencentLegacy, "k", 0.0, 3),
            vec![110.0, 220.0, 330.0],
            "10/s, 10% margin: each leaves 110 ms after the one before it"
        );
        assert_eq!(
            departures(Provider::TencentLegacy, "other", 0.0, 2),
            vec![0.0, 0.0]
        );
        assert_eq!(
            departures(Provider::TencentLegacy, "k", 59_000.0, 2),
            vec![0.0, 110.0],
            "still spaced 59 s after the throttling answer"
        );
        assert_eq!(
            departures(Provider::TencentLegacy, "k", 61_000.0, 3),
            vec![0.0, 0.0, 0.0],
            "bursts again after a minute"
        );
        throttled(Provider::TencentLegacy, "k", 61_000.0);
        assert_eq!(
            departures(Provider::TencentLegacy, "k", 61_000.0, 1),
            vec![110.0]
        );
    }

    // proptest is a native-only dev-dependency (Cargo.toml).
    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        /// Whatever the times requests ask at, no window of `WINDOW_MS` sees more departures
        /// than the rate, a request never leaves before it asked, and once throttled, departures
        /// are spaced.
        #[test]
        fn no_window_holds_more_than_the_rate(
            steps in proptest::collection::vec((0u32..400, proptest::bool::ANY), 1..120),
            provider in 0usize..5,
        ) {
            let providers = [Provider::TencentSsl, Provider::TencentLegacy,
                Provider::VolcengineLive, Provider::VolcengineCert, Provider::Qiniu];
            let provider = providers.get(provider).copied().unwrap_or(Provider::Qiniu);
            let per_window = rate_per_second(provider) as usize;
            let mut limiter = Limiter::default();
            let mut now = 0.0;
            let mut left: Vec<f64> = Vec::new();
            for (advance, throttle) in steps {
                now += f64::from(advance);
                if throttle && left.len() % 7 == 3 {
                    limiter.spaced_until = Some(now + 1_000.0);
                }
                let asked = now;
                let mut at = now;
                let mut waits = 0;
                loop {
                    let wait = limiter.admit(per_window, 110.0, at);
                    if wait <= 0.0 {
                        break;
                    }
                    waits += 1;
                    proptest::prop_assert!(waits < 3, "one wait suffices when nobody else asks");
                    at += wait;
                }
                proptest::prop_assert!(at >= asked);
                let spaced = limiter.spaced_until.is_some_and(|until| at < until);
                if let (true, Some(last)) = (spaced, left.last()) {
                    proptest::prop_assert!(at - last >= 110.0 - 1e-9);
                }
                left.push(at);
                now = at;
            }
            for (first, later) in left.iter().zip(left.iter().skip(per_window)) {
                proptest::prop_assert!(later - first >= WINDOW_MS - 1e-9, "{first} {later}");
            }
        }
    }

    #[test]
    fn backoff_is_bounded_full_jitter() {
        assert_eq!(backoff_ms(1, 1.0), 250.0);
        assert_eq!(backoff_ms(3, 1.0), 1000.0);
        assert_eq!(backoff_ms(30, 1.0), 4000.0);
        assert_eq!(backoff_ms(5, 0.0), 0.0);
        assert_eq!(backoff_ms(2, f64::NAN.max(0.5)), 250.0);
    }

    #[test]
    fn clock_offsets_are_kept_per_provider() {
        reset();
        assert_eq!(clock_offset(Provider::Qiniu), None);
        set_clock_offset(Provider::Qiniu, 3_600_000.0);
        set_clock_offset(Provider::Qiniu, 3_599_000.0);
        assert_eq!(clock_offset(Provider::Qiniu), Some(3_599_000.0));
        assert_eq!(clock_offset(Provider::TencentSsl), None);
    }
}

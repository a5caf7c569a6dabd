//! State shared by every call in this module instance: a token bucket per provider and access
//! key (so concurrent calls share the vendor's rate limit), and the clock offset learned per
//! provider (so later calls sign with the corrected clock). Plus the retry backoff.

use std::cell::RefCell;
use std::collections::HashMap;

use crate::model::Provider;

/// Requests per second each vendor documents (Qiniu: a conservative 5).
pub fn rate_per_second(provider: Provider) -> f64 {
    match provider {
        Provider::TencentSsl | Provider::TencentLegacy => 10.0,
        Provider::VolcengineLive => 10.0,
        Provider::VolcengineCert => 20.0,
        Provider::Qiniu => 5.0,
    }
}

/// A token bucket of capacity one: requests leave at most every `1 / rate` seconds, so no window
/// of any length sees more than the documented rate.
#[derive(Clone, Debug, Default)]
struct Bucket {
    /// When the next request may leave, ms (local clock).
    next_free_ms: f64,
}

#[derive(Default)]
struct Shared {
    buckets: HashMap<(Provider, String), Bucket>,
    clock_offsets: HashMap<Provider, f64>,
}

thread_local! {
    static SHARED: RefCell<Shared> = RefCell::new(Shared::default());
}

/// Requests leave 10% further apart than the documented rate: clocks and windows differ between
/// us and the vendor, and exactly at the rate the sandbox (like a vendor) still throttles a few.
pub const RATE_MARGIN: f64 = 1.1;

/// Reserves the next slot for `(provider, access_key)` and returns how long to wait for it.
pub fn reserve_slot(provider: Provider, access_key: &str, now_ms: f64) -> f64 {
    let interval = RATE_MARGIN * 1000.0 / rate_per_second(provider);
    SHARED.with(|shared| {
        let mut shared = shared.borrow_mut();
        let bucket = shared
            .buckets
            .entry((provider, access_key.to_owned()))
            .or_default();
        let slot = bucket.next_free_ms.max(now_ms);
        bucket.next_free_ms = slot + interval;
        slot - now_ms
    })
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

    #[test]
    fn slots_are_spaced_at_the_documented_rate_per_key() {
        reset();
        let waits: Vec<f64> = (0..4)
            .map(|_| reserve_slot(Provider::TencentSsl, "k1", 1000.0).round())
            .collect();
        assert_eq!(waits, vec![0.0, 110.0, 220.0, 330.0], "10/s, 10% margin");
        assert_eq!(
            reserve_slot(Provider::TencentSsl, "k2", 1000.0),
            0.0,
            "another key has its own bucket"
        );
        assert_eq!(reserve_slot(Provider::VolcengineCert, "k1", 1000.0), 0.0);
        assert_eq!(
            reserve_slot(Provider::VolcengineCert, "k1", 1000.0).round(),
            55.0
        );
        // Time passing frees the bucket.
        assert_eq!(reserve_slot(Provider::TencentSsl, "k1", 5000.0), 0.0);
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

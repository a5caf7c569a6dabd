//! The two inputs that make a signature unique, time and nonce, resolved from the caller's
//! [`SignContext`] or, when absent, from the clock and the random source. This is the seam
//! that makes every signature reproducible in tests.

use crate::error::{Error, Result};
use crate::model::SignContext;

/// Largest integer JavaScript numbers represent exactly.
const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;
/// 9999-12-31T23:59:59.999Z: the last instant every date format here can write.
const MAX_TIMESTAMP_MS: f64 = 253_402_300_799_999.0;

/// Time and nonce for one signature.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Resolved {
    /// Milliseconds since the Unix epoch.
    pub timestamp_ms: i64,
    /// A positive integer (only `tencent-legacy` uses it); 0 when none was given and none was
    /// needed.
    pub nonce: u64,
}

impl Resolved {
    /// Whole seconds since the epoch.
    pub fn timestamp_s(&self) -> i64 {
        self.timestamp_ms.div_euclid(1000)
    }

    /// The UTC calendar date and time of the timestamp.
    pub fn utc(&self) -> Result<time::OffsetDateTime> {
        time::OffsetDateTime::from_unix_timestamp(self.timestamp_s())
            .map_err(|_| Error::invalid_input("context.timestampMs", "out of range"))
    }
}

/// Fills in what `context` leaves out and checks what it gives. A random nonce is drawn only
/// when `needs_nonce`: the random source costs more than the rest of a signature in Node
/// (`crypto.randomFillSync`, a quarter of a Qiniu signature's time when drawn every call).
pub fn resolve(context: &SignContext, needs_nonce: bool) -> Result<Resolved> {
    let timestamp_ms = match context.timestamp_ms {
        Some(ms) if ms.is_finite() && (0.0..=MAX_TIMESTAMP_MS).contains(&ms) => ms.floor() as i64,
        Some(_) => {
            return Err(Error::invalid_input(
                "context.timestampMs",
                "must be milliseconds since 1970 before the year 10000",
            ))
        }
        None => now_ms(),
    };
    let nonce = match context.nonce {
        Some(n) if n.is_finite() && n.fract() == 0.0 && (1.0..=MAX_SAFE_INTEGER).contains(&n) => {
            n as u64
        }
        Some(_) => {
            return Err(Error::invalid_input(
                "context.nonce",
                "must be a positive safe integer",
            ))
        }
        None if needs_nonce => random_nonce()?,
        None => 0,
    };
    Ok(Resolved {
        timestamp_ms,
        nonce,
    })
}

/// A caller's "now" option in milliseconds since the epoch (absent: the clock), or
/// `InvalidInput` naming `field` for a value no date can have.
pub fn checked_now_ms(now: Option<f64>, field: &str) -> Result<i64> {
    match now {
        None => Ok(now_ms()),
        Some(now) if now.is_finite() && now.abs() < 8.64e15 => Ok(now.floor() as i64),
        Some(_) => Err(Error::invalid_input(
            field,
            "must be milliseconds since 1970",
        )),
    }
}

/// The clock of a target without `std::time` (wasm32 in a browser or Node): installed by the
/// JavaScript boundary at the start of every export ([`install_clock`]). The core stays free of
/// wasm-bindgen.
#[cfg(target_arch = "wasm32")]
static CLOCK: std::sync::OnceLock<fn() -> f64> = std::sync::OnceLock::new();

/// Installs the clock `now_ms` reads on wasm32 (`Date.now` in JavaScript); the first one wins.
pub fn install_clock(now: fn() -> f64) {
    #[cfg(target_arch = "wasm32")]
    {
        let _ = CLOCK.set(now);
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = now;
    }
}

/// The current time in milliseconds since the epoch (on wasm32, from the installed clock;
/// 0 if none was installed, which the boundary always does before any export runs).
pub fn now_ms() -> i64 {
    #[cfg(target_arch = "wasm32")]
    {
        CLOCK.get().map_or(0, |now| now() as i64)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_millis() as i64)
            .unwrap_or(0)
    }
}

/// Random bytes drawn 256 at a time: one call to the random source (`crypto.getRandomValues` or
/// Node's `randomFillSync`, which costs more than the rest of a signature) serves 64 nonces.
const POOL_BYTES: usize = 256;

thread_local! {
    static POOL: std::cell::RefCell<([u8; POOL_BYTES], usize)> =
        const { std::cell::RefCell::new(([0; POOL_BYTES], POOL_BYTES)) };
}

/// A random integer in 1..=2^31-1 (servers parse `Nonce` as a signed 32-bit integer).
fn random_nonce() -> Result<u64> {
    POOL.with(|pool| {
        let mut pool = pool.borrow_mut();
        let (bytes, used) = &mut *pool;
        if *used + 4 > POOL_BYTES {
            getrandom::fill(bytes).map_err(|_| {
                Error::new(
                    crate::error::ErrorCode::InvalidInput,
                    "no random source available for the nonce; pass context.nonce",
                )
            })?;
            *used = 0;
        }
        let mut four = [0u8; 4];
        four.copy_from_slice(bytes.get(*used..*used + 4).unwrap_or(&[1, 0, 0, 0]));
        *used += 4;
        Ok(u64::from(u32::from_le_bytes(four) & 0x7fff_ffff).max(1))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pooled_nonces_are_valid_and_vary() {
        let nonces: Vec<u64> = (0..200)
            .map(|_| resolve(&SignContext::default(), true).expect("valid").nonce)
            .collect();
        assert!(nonces.iter().all(|n| (1..=0x7fff_ffff).contains(n)));
        let mut distinct = nonces.clone();
        distinct.sort_unstable();
        distinct.dedup();
        assert!(
            distinct.len() > 190,
            "only {} distinct of 200",
            distinct.len()
        );
    }

    #[test]
    fn no_nonce_is_drawn_when_the_provider_needs_none() {
        let r = resolve(&SignContext::default(), false).expect("valid");
        assert_eq!(r.nonce, 0);
        let given = SignContext {
            nonce: Some(7.0),
            ..SignContext::default()
        };
        assert_eq!(resolve(&given, false).expect("valid").nonce, 7);
        let bad = SignContext {
            nonce: Some(0.5),
            ..SignContext::default()
        };
        assert!(
            resolve(&bad, false).is_err(),
            "a given nonce is still checked"
        );
    }

    #[test]
    fn given_values_are_used_as_is() {
        let r = resolve(
            &SignContext {
                timestamp_ms: Some(1_700_000_000_999.0),
                nonce: Some(11886.0),
            },
            true,
        )
        .expect("valid");
        assert_eq!(
            r,
            Resolved {
                timestamp_ms: 1_700_000_000_999,
                nonce: 11886
            }
        );
        assert_eq!(r.timestamp_s(), 1_700_000_000);
    }

    #[test]
    fn bad_values_are_invalid_input() {
        for ctx in [
            SignContext {
                timestamp_ms: Some(f64::NAN),
                nonce: None,
            },
            SignContext {
                timestamp_ms: Some(-1.0),
                nonce: None,
            },
            SignContext {
                timestamp_ms: Some(1e20),
                nonce: None,
            },
            SignContext {
                timestamp_ms: None,
                nonce: Some(0.0),
            },
            SignContext {
                timestamp_ms: None,
                nonce: Some(1.5),
            },
            SignContext {
                timestamp_ms: None,
                nonce: Some(1e300),
            },
        ] {
            let err = resolve(&ctx, true).expect_err("must fail");
            assert_eq!(err.code, crate::error::ErrorCode::InvalidInput);
        }
    }

    #[test]
    fn defaults_come_from_clock_and_random_source() {
        let r = resolve(&SignContext::default(), true).expect("valid");
        assert!(r.timestamp_ms > 1_700_000_000_000);
        assert!((1..=0x7fff_ffff).contains(&r.nonce));
    }
}

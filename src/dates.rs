//! Instants (milliseconds since the Unix epoch, UTC) written out: as RFC 3339 and as days
//! remaining. What the vendors' normalizers ([`crate::vendors`]) and the inspector
//! ([`crate::inspect`]) both write, below both. Never uses the machine's time zone. Reading the
//! vendors' own time formats is `vendors::dates`.

/// Milliseconds in a day.
pub const DAY_MS: i64 = 86_400_000;

/// RFC 3339 UTC with a `Z`, to the second (`2023-12-08T23:59:59Z`).
pub fn to_rfc3339(ms: i64) -> Option<String> {
    let t = time::OffsetDateTime::from_unix_timestamp(ms.div_euclid(1000)).ok()?;
    if !(0..=9999).contains(&t.year()) {
        return None;
    }
    Some(format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    ))
}

/// `floor((not_after - now) / 1 day)`.
pub fn days_remaining(not_after_ms: i64, now_ms: i64) -> i32 {
    let days = (not_after_ms - now_ms).div_euclid(DAY_MS);
    days.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_remaining_floors() {
        assert_eq!(days_remaining(DAY_MS, 0), 1);
        assert_eq!(days_remaining(DAY_MS - 1, 0), 0);
        assert_eq!(days_remaining(-1, 0), -1);
        assert_eq!(days_remaining(0, 0), 0);
    }
}

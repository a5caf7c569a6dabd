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
    // Written digit by digit rather than through `format!`: this runs for every certificate of
    // every list, and `core::fmt` is slower and larger.
    let year = u32::try_from(t.year()).ok()?;
    let mut out = String::with_capacity(20);
    for (value, width, after) in [
        (year, 4, '-'),
        (u32::from(u8::from(t.month())), 2, '-'),
        (u32::from(t.day()), 2, 'T'),
        (u32::from(t.hour()), 2, ':'),
        (u32::from(t.minute()), 2, ':'),
        (u32::from(t.second()), 2, 'Z'),
    ] {
        push_digits(&mut out, value, width);
        out.push(after);
    }
    Some(out)
}

/// Appends the last `width` decimal digits of `value`, zero-padded.
fn push_digits(out: &mut String, value: u32, width: u32) {
    for place in (0..width).rev() {
        let digit = (value / 10u32.pow(place)) % 10;
        out.push(char::from(b'0' + digit as u8));
    }
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
    fn rfc3339_is_what_format_writes() {
        let mut ms: i64 = -62_167_219_200_000; // 0000-01-01T00:00:00Z
        let last = 253_402_300_799_000; // 9999-12-31T23:59:59Z
        let step = 7_777_777_777; // about 90 days and odd hours, minutes and seconds
        let mut checked = 0;
        while ms <= last {
            let t = time::OffsetDateTime::from_unix_timestamp(ms.div_euclid(1000)).unwrap();
            let expected = format!(
                "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
                t.year(),
                u8::from(t.month()),
                t.day(),
                t.hour(),
                t.minute(),
                t.second()
            );
            assert_eq!(to_rfc3339(ms).as_deref(), Some(expected.as_str()), "{ms}");
            ms += step;
            checked += 1;
        }
        assert!(checked > 40_000);
        assert_eq!(to_rfc3339(last + 1000), None, "year 10000");
        assert_eq!(to_rfc3339(-62_167_219_200_001), None, "before year 0");
        assert_eq!(
            to_rfc3339(1_700_000_000_123).as_deref(),
            Some("2023-11-14T22:13:20Z")
        );
    }

    #[test]
    fn days_remaining_floors() {
        assert_eq!(days_remaining(DAY_MS, 0), 1);
        assert_eq!(days_remaining(DAY_MS - 1, 0), 0);
        assert_eq!(days_remaining(-1, 0), -1);
        assert_eq!(days_remaining(0, 0), 0);
    }
}

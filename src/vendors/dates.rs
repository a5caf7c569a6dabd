//! Vendor time formats to one instant (milliseconds since the Unix epoch, UTC). Never uses the
//! machine's time zone. Writing an instant out (RFC 3339, days remaining) is [`crate::dates`],
//! which the inspector shares.
//!
//! - Tencent (both APIs) and Volcengine Certificate Center: naive `YYYY-MM-DD HH:MM:SS`, which is
//!   Beijing time (UTC+8).
//! - Volcengine Live: RFC 3339 (`2024-08-18T07:19:00Z`).
//! - Qiniu: Unix seconds. Certificate Center also: `certificate_not_after_ms`.

use super::json::Node;
use super::lenient;
use time::{Date, Month, PrimitiveDateTime, Time, UtcOffset};

/// For the vendor modules, which take their dates from here.
pub(super) use crate::dates::to_rfc3339;

/// Beijing time, the zone of every naive vendor time, in seconds east of UTC.
const BEIJING_OFFSET_S: i32 = 8 * 3600;

/// Parses `YYYY-MM-DD HH:MM:SS` (or with `T`), with optional fractional seconds and an optional
/// `Z` or `±HH:MM` offset; a time without an offset is Beijing time. `None` for anything else,
/// including `0000-00-00 00:00:00` and impossible dates such as 2023-02-29.
///
/// A strict hand-written reader rather than `time`'s format-description parser, which costs
/// about 15 KB of wasm for two fixed layouts; `time` still validates the calendar.
pub fn parse_vendor_time(text: &str) -> Option<i64> {
    let b = text.trim().as_bytes();
    let num = |range: std::ops::Range<usize>| -> Option<u32> {
        let digits = b.get(range)?;
        digits.iter().try_fold(0u32, |acc, &d| {
            d.is_ascii_digit().then(|| acc * 10 + u32::from(d - b'0'))
        })
    };
    let separators_ok = b.get(4) == Some(&b'-')
        && b.get(7) == Some(&b'-')
        && matches!(b.get(10), Some(b' ' | b'T' | b't'))
        && b.get(13) == Some(&b':')
        && b.get(16) == Some(&b':');
    if !separators_ok {
        return None;
    }
    let month = Month::try_from(u8::try_from(num(5..7)?).ok()?).ok()?;
    let date = Date::from_calendar_date(
        i32::try_from(num(0..4)?).ok()?,
        month,
        u8::try_from(num(8..10)?).ok()?,
    )
    .ok()?;
    let time = Time::from_hms(
        u8::try_from(num(11..13)?).ok()?,
        u8::try_from(num(14..16)?).ok()?,
        u8::try_from(num(17..19)?).ok()?,
    )
    .ok()?;
    let mut rest = b.get(19..)?;
    let mut millis = 0i64;
    if let Some((b'.', fraction)) = rest.split_first() {
        let digits = fraction.iter().take_while(|d| d.is_ascii_digit()).count();
        if digits == 0 {
            return None;
        }
        let first_three = fraction.get(..digits.min(3))?;
        let scale = [100, 10, 1];
        millis = first_three
            .iter()
            .zip(scale)
            .map(|(d, s)| i64::from(d - b'0') * s)
            .sum();
        rest = fraction.get(digits..)?;
    }
    let offset_s = match rest {
        [] => BEIJING_OFFSET_S,
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let two = |a: u8, b: u8| {
                (a.is_ascii_digit() && b.is_ascii_digit())
                    .then(|| i32::from(a - b'0') * 10 + i32::from(b - b'0'))
            };
            let (hours, minutes) = (two(*h1, *h2)?, two(*m1, *m2)?);
            if hours > 23 || minutes > 59 {
                return None;
            }
            let seconds = hours * 3600 + minutes * 60;
            if *sign == b'-' {
                -seconds
            } else {
                seconds
            }
        }
        _ => return None,
    };
    let offset = UtcOffset::from_whole_seconds(offset_s).ok()?;
    let instant = PrimitiveDateTime::new(date, time).assume_offset(offset);
    Some(instant.unix_timestamp() * 1000 + millis)
}

/// Unix seconds (number or numeric text) to milliseconds; zero or negative is "unknown".
pub fn from_unix_seconds(value: &Node<'_>) -> Option<i64> {
    in_range(lenient::number(value)? * 1000.0)
}

/// Unix milliseconds (number or numeric text); zero or negative is "unknown".
pub fn from_unix_ms(value: &Node<'_>) -> Option<i64> {
    in_range(lenient::number(value)?)
}

fn in_range(ms: f64) -> Option<i64> {
    // Year 1970 (exclusive) up to the end of 9999, the range RFC 3339 output can represent.
    (ms.is_finite() && ms > 0.0 && ms <= 253_402_300_799_999.0).then_some(ms.floor() as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rfc(text: &str) -> Option<String> {
        parse_vendor_time(text).and_then(to_rfc3339)
    }

    #[test]
    fn naive_times_are_beijing() {
        assert_eq!(
            rfc("2023-12-09 07:59:59").as_deref(),
            Some("2023-12-08T23:59:59Z")
        );
        assert_eq!(
            rfc("2023-12-09T08:00:00").as_deref(),
            Some("2023-12-09T00:00:00Z")
        );
        // The UTC+8 day boundary: just after midnight in Beijing is the previous day in UTC.
        assert_eq!(
            rfc("2024-01-01 00:00:01").as_deref(),
            Some("2023-12-31T16:00:01Z")
        );
    }

    #[test]
    fn leap_days() {
        assert_eq!(
            rfc("2024-02-29 12:00:00").as_deref(),
            Some("2024-02-29T04:00:00Z")
        );
        assert_eq!(
            rfc("2024-03-01 07:00:00").as_deref(),
            Some("2024-02-29T23:00:00Z")
        );
        assert_eq!(rfc("2023-02-29 12:00:00"), None);
    }

    #[test]
    fn rfc3339_keeps_its_offset() {
        assert_eq!(
            rfc("2024-08-18T07:19:00Z").as_deref(),
            Some("2024-08-18T07:19:00Z")
        );
        assert_eq!(
            rfc("2024-08-18T15:19:00+08:00").as_deref(),
            Some("2024-08-18T07:19:00Z")
        );
        assert_eq!(
            rfc("2024-08-18T01:19:00-06:00").as_deref(),
            Some("2024-08-18T07:19:00Z")
        );
        assert_eq!(
            parse_vendor_time("2024-08-18T07:19:00.789123Z"),
            Some(1_723_965_540_789)
        );
        assert_eq!(
            rfc("2024-08-18t07:19:00z").as_deref(),
            Some("2024-08-18T07:19:00Z")
        );
    }

    #[test]
    fn garbage_is_unknown() {
        for bad in [
            "",
            "0000-00-00 00:00:00",
            "abc",
            "2023-13-01 00:00:00",
            "2023-12-09",
            "2023-12-09 07:59:59X",
            "2023-12-09 07:59:60",
            "2023-12-09 24:00:00",
            "2023-12-09 07:59:59.",
            "2023-12-09 07:59:59+24:00",
            "2023-12-09 07:59:59+0800",
            "+2023-12-09 07:59:59",
            "2023/12/09 07:59:59",
            "２０２３-12-09 07:59:59",
        ] {
            assert_eq!(parse_vendor_time(bad), None, "{bad}");
        }
    }

    #[test]
    fn unix_values() {
        let node = |text: &'static str| crate::vendors::json::parse_node(text).expect("JSON");
        assert_eq!(
            from_unix_seconds(&node("1702079999")),
            Some(1_702_079_999_000)
        );
        assert_eq!(
            from_unix_seconds(&node(r#"" 1702079999 ""#)),
            Some(1_702_079_999_000)
        );
        assert_eq!(from_unix_seconds(&node("0")), None);
        assert_eq!(from_unix_seconds(&node("1e300")), None);
        assert_eq!(from_unix_seconds(&node("true")), None);
        assert_eq!(
            from_unix_ms(&node("1702079999000")),
            Some(1_702_079_999_000)
        );
        assert_eq!(
            to_rfc3339(1_702_079_999_000).as_deref(),
            Some("2023-12-08T23:59:59Z")
        );
    }
}

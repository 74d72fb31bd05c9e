//! Time as the core sees it: whole seconds since the Unix epoch, UTC days, RFC 3339 text.
//! Callers pass `now` explicitly so that tests and the host program can simulate any day.

pub const SECONDS_PER_DAY: i64 = 86_400;

/// Seconds since the Unix epoch, UTC.
pub type UnixSeconds = i64;

pub fn now() -> UnixSeconds {
    jiff::Timestamp::now().as_second()
}

/// Seconds since boot, sleep included, from a clock that no one can set (Linux and Android
/// `CLOCK_BOOTTIME`; Apple `CLOCK_MONOTONIC`, which counts sleep there). `None` elsewhere.
pub fn elapsed_since_boot() -> Option<i64> {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    let id = libc::CLOCK_BOOTTIME;
    #[cfg(any(target_os = "ios", target_os = "macos"))]
    let id = libc::CLOCK_MONOTONIC;
    #[cfg(any(
        target_os = "linux",
        target_os = "android",
        target_os = "ios",
        target_os = "macos"
    ))]
    {
        let mut ts = libc::timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        // SAFETY: `ts` is a valid, writable timespec; the call only writes into it.
        let rc = unsafe { libc::clock_gettime(id, &mut ts) };
        // `time_t` is 32 bits on armv7 Android.
        #[allow(clippy::unnecessary_cast)]
        let seconds = ts.tv_sec as i64;
        (rc == 0).then_some(seconds)
    }
    #[cfg(not(any(
        target_os = "linux",
        target_os = "android",
        target_os = "ios",
        target_os = "macos"
    )))]
    None
}

/// The UTC epoch day of an instant (floor division, so instants before 1970 stay consistent).
pub fn epoch_day(t: UnixSeconds) -> i64 {
    t.div_euclid(SECONDS_PER_DAY)
}

/// The last second of a UTC epoch day.
pub fn end_of_day(day: i64) -> UnixSeconds {
    day.saturating_add(1)
        .saturating_mul(SECONDS_PER_DAY)
        .saturating_sub(1)
}

pub fn to_rfc3339(t: UnixSeconds) -> String {
    // jiff writes a whole-second UTC instant as RFC 3339 (`2026-11-22T07:00:00Z`); years outside
    // 0000..=9999 are not RFC 3339, so they are refused here.
    if !rfc3339::RANGE.contains(&t) {
        return "invalid-time".to_string();
    }
    jiff::Timestamp::from_second(t)
        .map(|d| d.to_string())
        .unwrap_or_else(|_| "invalid-time".to_string())
}

pub fn parse_rfc3339(s: &str) -> Option<UnixSeconds> {
    s.parse::<jiff::Timestamp>().ok().map(|d| d.as_second())
}

/// Serde adapter: `UnixSeconds` as RFC 3339 text.
pub mod rfc3339 {
    use super::UnixSeconds;
    use serde::{Serializer, ser::Error};

    /// 0000-01-01T00:00:00Z (RFC 3339 has no negative years) to 9999-12-30T22:00:00Z (jiff's
    /// last instant, `Timestamp::MAX`, which keeps every offset within year 9999).
    pub(super) const RANGE: std::ops::RangeInclusive<UnixSeconds> =
        -62_167_219_200..=253_402_207_200;

    /// An instant outside RFC 3339's years (a crafted or broken device clock passed as `now`) is
    /// written at the nearest end, so `status` never fails for it (review n3).
    pub fn serialize<S: Serializer>(t: &UnixSeconds, s: S) -> Result<S::Ok, S::Error> {
        let text = super::to_rfc3339((*t).clamp(*RANGE.start(), *RANGE.end()));
        if text == "invalid-time" {
            return Err(S::Error::custom("time out of range"));
        }
        s.serialize_str(&text)
    }

    pub mod option {
        use super::UnixSeconds;
        use serde::Serializer;

        pub fn serialize<S: Serializer>(t: &Option<UnixSeconds>, s: S) -> Result<S::Ok, S::Error> {
            match t {
                Some(t) => super::serialize(t, s),
                None => s.serialize_none(),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_day_and_rfc3339_agree() {
        let t = parse_rfc3339("2026-11-22T07:00:00Z").unwrap();
        assert_eq!(to_rfc3339(t), "2026-11-22T07:00:00Z");
        assert_eq!(
            epoch_day(t),
            epoch_day(parse_rfc3339("2026-11-22T00:00:00Z").unwrap())
        );
        assert_eq!(to_rfc3339(end_of_day(epoch_day(t))), "2026-11-22T23:59:59Z");
        assert_eq!(epoch_day(-1), -1);
    }

    #[test]
    fn instants_out_of_rfc3339_range_are_written_at_its_ends() {
        #[derive(serde::Serialize)]
        struct At(#[serde(with = "rfc3339")] UnixSeconds);
        assert_eq!(
            serde_json::to_string(&At(i64::MAX)).unwrap(),
            "\"9999-12-30T22:00:00Z\""
        );
        assert_eq!(
            serde_json::to_string(&At(i64::MIN)).unwrap(),
            "\"0000-01-01T00:00:00Z\""
        );
        assert!(
            end_of_day(epoch_day(i64::MAX)) > i64::MAX - SECONDS_PER_DAY,
            "no overflow"
        );
    }
}

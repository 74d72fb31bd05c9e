//! A local time of day ("M H * * *" or "HH:MM") and its instants in an IANA time zone.
//!
//! All instants are Unix milliseconds, as the platforms count them. Local times that do not exist
//! or exist twice follow RFC 5545 and Temporal's "compatible" rule: a time inside the
//! spring-forward gap moves forward by the gap's length (02:30 becomes 03:30), and a time inside
//! the fall-back overlap is its first (earlier) instant, so a daily schedule fires once a day.

use jiff::civil::Date;
use std::path::PathBuf;
use std::sync::OnceLock;

use jiff::tz::{TimeZone, TimeZoneDatabase};
use jiff::{Timestamp, Zoned};

use crate::error::{CoreError, ErrorCode, Result};

/// Unix epoch milliseconds.
pub type Millis = i64;

/// A device's time zone, by IANA name (e.g. `Australia/Lord_Howe`), from the platform's time zone
/// database, else from the copy bundled on platforms whose database may be unreadable
/// (docs/dependencies.md, "Time zones").
#[derive(Clone, Debug)]
pub struct Zone(TimeZone);

impl Zone {
    pub fn named(name: &str) -> Result<Self> {
        // The name is not a secret, but messages never echo input.
        system_database()
            .get(name)
            .or_else(|_| TimeZoneDatabase::bundled().get(name))
            .ok()
            .or_else(|| custom_offset(name))
            .map(Zone)
            .ok_or(())
            .map_err(|_| {
                CoreError::new(
                    ErrorCode::InvalidArgument,
                    "zone is not a known IANA time zone",
                )
            })
    }
}

/// Android 10+ keeps its updatable time zone data in the tzdata APEX (a Mainline module updated
/// apart from the OS); jiff's own search reads only the system image's copy
/// (`/system/usr/share/zoneinfo/tzdata`), which is as old as the OS build. Elsewhere jiff's search
/// (`/usr/share/zoneinfo`, `TZDIR`) is the system's database.
fn system_database() -> &'static TimeZoneDatabase {
    static DB: OnceLock<TimeZoneDatabase> = OnceLock::new();
    DB.get_or_init(|| {
        if cfg!(target_os = "android") {
            let root = std::env::var_os("ANDROID_TZDATA_ROOT")
                .map(PathBuf::from)
                .unwrap_or_else(|| PathBuf::from("/apex/com.android.tzdata"));
            if let Ok(db) = TimeZoneDatabase::from_concatenated_path(root.join("etc/tz/tzdata"))
                && !db.is_definitively_empty()
            {
                return db;
            }
        }
        jiff::tz::db().clone()
    })
}

/// Java's custom zone ids ("GMT+05:30", "GMT-08:00", what `TimeZone.getDefault().getID()` gives
/// when a device has a fixed offset instead of a region): a zone without DST. Other forms are not
/// zones.
fn custom_offset(name: &str) -> Option<TimeZone> {
    let rest = name.strip_prefix("GMT")?;
    let (sign, hhmm) = match rest.as_bytes().first()? {
        b'+' => (1, &rest[1..]),
        b'-' => (-1, &rest[1..]),
        _ => return None,
    };
    let (h, m) = hhmm.split_once(':')?;
    let hours = field(h, 23)?;
    let minutes = field(m, 59)?;
    let seconds = sign * (i32::from(hours) * 3600 + i32::from(minutes) * 60);
    jiff::tz::Offset::from_seconds(seconds)
        .ok()
        .map(TimeZone::fixed)
}

/// A time of day, minute precision.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DailyTime {
    pub hour: i8,
    pub minute: i8,
}

fn field(s: &str, max: i8) -> Option<i8> {
    if s.is_empty() || s.len() > 2 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse::<i8>().ok().filter(|v| *v <= max)
}

impl DailyTime {
    /// The time of a daily cron expression "M H * * *" (any whitespace between the five fields,
    /// plain numbers), or None for anything else.
    pub fn from_cron(cron: &str) -> Option<Self> {
        let fields: Vec<&str> = cron.split_whitespace().collect();
        if fields.len() != 5 || fields[2..].iter().any(|f| *f != "*") {
            return None;
        }
        Some(Self {
            minute: field(fields[0], 59)?,
            hour: field(fields[1], 23)?,
        })
    }

    /// The time of "HH:MM" (two digits each, 00:00 to 23:59), or None.
    pub fn from_hhmm(s: &str) -> Option<Self> {
        let (h, m) = s.split_once(':')?;
        if h.len() != 2 || m.len() != 2 {
            return None;
        }
        Some(Self {
            hour: field(h, 23)?,
            minute: field(m, 59)?,
        })
    }

    /// The canonical cron form, "M H * * *".
    pub fn cron(self) -> String {
        format!("{} {} * * *", self.minute, self.hour)
    }

    pub fn hhmm(self) -> String {
        format!("{:02}:{:02}", self.hour, self.minute)
    }

    /// This time of day on `date` in `zone` (compatible disambiguation, see the module doc).
    fn on(self, date: Date, zone: &Zone) -> Result<Millis> {
        date.at(self.hour, self.minute, 0, 0)
            .to_zoned(zone.0.clone())
            .map(|z| z.timestamp().as_millisecond())
            .map_err(|_| out_of_range())
    }

    /// The first instant strictly after `t` at this local time of day.
    pub fn next_after(self, t: Millis, zone: &Zone) -> Result<Millis> {
        let mut date = local_date(t, zone)?;
        // Two rounds at most: a DST change moves a wall-clock time by at most a few hours.
        loop {
            let at = self.on(date, zone)?;
            if at > t {
                return Ok(at);
            }
            date = date.tomorrow().map_err(|_| out_of_range())?;
        }
    }

    /// The last instant at or before `t` at this local time of day.
    pub fn last_at_or_before(self, t: Millis, zone: &Zone) -> Result<Millis> {
        let mut date = local_date(t, zone)?;
        loop {
            let at = self.on(date, zone)?;
            if at <= t {
                return Ok(at);
            }
            date = date.yesterday().map_err(|_| out_of_range())?;
        }
    }
}

fn out_of_range() -> CoreError {
    CoreError::new(ErrorCode::InvalidArgument, "now is out of range")
}

fn local_date(t: Millis, zone: &Zone) -> Result<Date> {
    let ts = Timestamp::from_millisecond(t).map_err(|_| out_of_range())?;
    Ok(Zoned::new(ts, zone.0.clone()).date())
}

/// An instant as RFC 3339 UTC text, `2026-03-29T01:30:00Z`.
pub fn rfc3339(t: Millis) -> String {
    Timestamp::from_millisecond(t)
        .map(|ts| ts.to_string())
        .unwrap_or_else(|_| "invalid-time".to_string())
}

/// `yyyyMMdd-HHmmZ`: an occurrence in UTC, the same text whatever the device's zone was when a
/// notification was posted and when it is replaced.
pub fn occurrence_key(t: Millis) -> String {
    Timestamp::from_millisecond(t)
        .map(|ts| ts.strftime("%Y%m%d-%H%MZ").to_string())
        .unwrap_or_else(|_| "invalid".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(s: &str) -> Millis {
        s.parse::<Timestamp>().unwrap().as_millisecond()
    }

    fn zone(name: &str) -> Zone {
        Zone::named(name).unwrap()
    }

    #[test]
    fn only_plain_daily_cron_expressions_have_a_time() {
        assert_eq!(
            DailyTime::from_cron(" 25  18 * * *"),
            Some(DailyTime {
                hour: 18,
                minute: 25
            })
        );
        assert!(DailyTime::from_cron("0 0 * * *").is_some());
        assert!(DailyTime::from_cron("59 23 * * *").is_some());
        for bad in [
            "60 1 * * *",
            "0 24 * * *",
            "*/5 * * * *",
            "0 9 * * 1",
            "0 9 * *",
            "a b * * *",
            "",
            "0 9 * * * *",
            "-1 9 * * *",
            "000 9 * * *",
        ] {
            assert_eq!(DailyTime::from_cron(bad), None, "{bad}");
        }
    }

    #[test]
    fn hhmm_needs_two_digits_each_in_range() {
        assert_eq!(
            DailyTime::from_hhmm("09:05"),
            Some(DailyTime { hour: 9, minute: 5 })
        );
        for bad in ["9:05", "24:00", "12:60", "12-00", "12:0", ""] {
            assert_eq!(DailyTime::from_hhmm(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_time_in_the_spring_forward_gap_fires_after_the_gap() {
        // Berlin, 2026-03-29: 02:00 CET jumps to 03:00 CEST; 02:30 does not exist.
        let t = DailyTime {
            hour: 2,
            minute: 30,
        };
        let next = t
            .next_after(ms("2026-03-28T12:00:00Z"), &zone("Europe/Berlin"))
            .unwrap();
        assert_eq!(rfc3339(next), "2026-03-29T01:30:00Z"); // 03:30 CEST
    }

    #[test]
    fn a_time_in_the_fall_back_overlap_fires_once_at_its_first_instant() {
        // Berlin, 2026-10-25: 03:00 CEST goes back to 02:00 CET; 02:30 happens twice.
        let t = DailyTime {
            hour: 2,
            minute: 30,
        };
        let z = zone("Europe/Berlin");
        let first = t.next_after(ms("2026-10-24T12:00:00Z"), &z).unwrap();
        assert_eq!(rfc3339(first), "2026-10-25T00:30:00Z"); // 02:30 CEST
        let second = t.next_after(first, &z).unwrap();
        assert_eq!(rfc3339(second), "2026-10-26T01:30:00Z"); // the next day, not 02:30 CET
    }

    #[test]
    fn lord_howe_moves_by_thirty_minutes() {
        // Lord Howe, 2026-10-04: 02:00 +10:30 jumps to 02:30 +11:00.
        let z = zone("Australia/Lord_Howe");
        let gap = DailyTime {
            hour: 2,
            minute: 15,
        };
        assert_eq!(
            rfc3339(gap.next_after(ms("2026-10-03T00:00:00Z"), &z).unwrap()),
            "2026-10-03T15:45:00Z"
        );
        // 2026-04-05: 02:00 +11:00 goes back to 01:30 +10:30; 01:45 happens twice.
        let overlap = DailyTime {
            hour: 1,
            minute: 45,
        };
        assert_eq!(
            rfc3339(overlap.next_after(ms("2026-04-04T00:00:00Z"), &z).unwrap()),
            "2026-04-04T14:45:00Z"
        );
    }

    #[test]
    fn kathmandu_keeps_its_quarter_hour_offset() {
        let t = DailyTime {
            hour: 18,
            minute: 30,
        };
        let z = zone("Asia/Kathmandu");
        assert_eq!(
            rfc3339(t.next_after(ms("2026-06-01T00:00:00Z"), &z).unwrap()),
            "2026-06-01T12:45:00Z"
        );
        assert_eq!(
            rfc3339(t.last_at_or_before(ms("2026-06-01T12:44:59Z"), &z).unwrap()),
            "2026-05-31T12:45:00Z"
        );
        assert_eq!(
            rfc3339(t.last_at_or_before(ms("2026-06-01T12:45:00Z"), &z).unwrap()),
            "2026-06-01T12:45:00Z"
        );
    }

    #[test]
    fn unknown_zones_are_refused_without_echo() {
        let e = Zone::named("Mars/Olympus").unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidArgument);
        assert!(!e.message.contains("Mars"));
    }

    #[test]
    fn java_custom_offset_ids_are_fixed_zones() {
        let t = DailyTime { hour: 9, minute: 0 };
        let kathmandu_like = zone("GMT+05:45");
        assert_eq!(
            rfc3339(
                t.next_after(ms("2026-06-01T00:00:00Z"), &kathmandu_like)
                    .unwrap()
            ),
            "2026-06-01T03:15:00Z"
        );
        let west = zone("GMT-08:00");
        assert_eq!(
            rfc3339(t.next_after(ms("2026-06-01T00:00:00Z"), &west).unwrap()),
            "2026-06-01T17:00:00Z"
        );
        for bad in ["GMT+24:00", "GMT+5:3x", "GMT05:00", "GMT+", "UTC+01:00"] {
            assert!(Zone::named(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn occurrence_keys_are_utc() {
        assert_eq!(occurrence_key(ms("2026-06-01T12:45:00Z")), "20260601-1245Z");
    }
}

//! The schedule's decisions through the JSON facade, as a platform sees them: what is armed, what
//! is shown at fire time (content within contentTimeout, the default, or nothing), the TTL of
//! late content, occurrence tags, how far ahead iOS arms under its 64-request limit, and how
//! boot, clock and zone changes re-arm.

use daily_notification_core::json;
use serde_json::{Value, json};

const MIN: i64 = 60_000;
const DAY: i64 = 86_400_000;

fn ms(s: &str) -> i64 {
    s.parse::<jiff::Timestamp>().unwrap().as_millisecond()
}

struct Device {
    platform: &'static str,
    zone: &'static str,
    state: Value,
}

impl Device {
    fn new(platform: &'static str, zone: &'static str) -> Self {
        Self {
            platform,
            zone,
            state: Value::Null,
        }
    }

    /// Sends one event at `now`, keeps the returned state, returns the whole answer.
    fn send(&mut self, now: i64, event: Value) -> Value {
        let request = json!({ "platform": self.platform, "zone": self.zone, "now": now, "state": self.state, "event": event });
        let out: Value =
            serde_json::from_str(&json::schedule(&request.to_string()).unwrap()).unwrap();
        self.state = out["state"].clone();
        out
    }
}

fn config(fetch: &str, notify: &str, fallback: &str) -> Value {
    json!({ "config": {
        "contentFetch": { "enabled": true, "schedule": fetch },
        "userNotification": { "schedule": notify, "title": "Default title", "body": "Default body" },
        "relationship": { "contentTimeout": 30 * MIN, "fallbackBehavior": fallback },
    }})
}

fn actions_of<'a>(out: &'a Value, kind: &str) -> Vec<&'a Value> {
    out["actions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["type"] == kind)
        .collect()
}

fn schedule(d: &mut Device, now: i64, fallback: &str) -> Value {
    d.send(now, json!({ "type": "scheduleDualNotification", "options": config("25 18 * * *", "30 18 * * *", fallback) }))
}

// Kolkata (+05:30): 18:30 local is 13:00Z.
const NOW: &str = "2026-06-01T06:00:00Z";
const T: &str = "2026-06-01T13:00:00Z";

#[test]
fn android_arms_one_alarm_and_queues_its_prefetch_once() {
    let mut d = Device::new("android", "Asia/Kolkata");
    let out = schedule(&mut d, ms(NOW), "skip");
    assert_eq!(actions_of(&out, "armAlarm")[0]["at"], ms(T));
    let fetch = actions_of(&out, "enqueueFetch");
    assert_eq!(fetch.len(), 1);
    assert_eq!(
        fetch[0]["name"],
        format!("daily_notification_prefetch@{}", ms(T) - 5 * MIN)
    );
    assert_eq!(fetch[0]["delayMillis"], ms(T) - 5 * MIN - ms(NOW));
    assert_eq!(actions_of(&out, "cancelLegacyFetches").len(), 1);
    // Scheduling again: the same instant is kept (KEEP), the old plugin's work is not cancelled twice.
    let again = schedule(&mut d, ms(NOW) + MIN, "skip");
    assert!(actions_of(&again, "cancelLegacyFetches").is_empty());
    assert!(actions_of(&again, "cancelFetch").is_empty());
}

fn fire(d: &mut Device, now: i64, content: Value) -> Value {
    d.send(now, json!({ "type": "fired", "target": "dualSchedule", "occurrence": ms(T), "content": content }))
}

#[test]
fn fire_time_shows_content_fetched_for_the_occurrence_once() {
    let mut d = Device::new("android", "Asia/Kolkata");
    schedule(&mut d, ms(NOW), "show_default");
    let content = json!({ "title": "3 starred projects changed", "body": "See what's new", "fetchedAt": ms(T) - 4 * MIN });
    let out = fire(&mut d, ms(T), content.clone());
    assert_eq!(
        actions_of(&out, "removeContent")[0]["fetchedAt"],
        ms(T) - 4 * MIN
    );
    let post = actions_of(&out, "post");
    assert_eq!(post.len(), 1);
    assert_eq!(post[0]["title"], "3 starred projects changed");
    assert_eq!(post[0]["source"], "content");
    assert_eq!(post[0]["tag"], "dual_notify_20260601-1300Z");
    // The next day is armed, with its prefetch.
    assert_eq!(actions_of(&out, "armAlarm")[0]["at"], ms(T) + 86_400_000);
    // The same alarm again (a duplicate delivery) shows nothing.
    assert!(actions_of(&fire(&mut d, ms(T) + 1000, content), "post").is_empty());
}

#[test]
fn fire_time_shows_the_default_or_nothing_without_fresh_content() {
    for (fallback, shown) in [("show_default", true), ("skip", false)] {
        let mut d = Device::new("android", "Asia/Kolkata");
        schedule(&mut d, ms(NOW), fallback);
        // Fetched for yesterday: removed, never shown.
        let stale = json!({ "title": "Old", "body": "news", "fetchedAt": ms(T) - 86_400_000 });
        let out = fire(&mut d, ms(T), stale);
        assert_eq!(actions_of(&out, "removeContent").len(), 1);
        let post = actions_of(&out, "post");
        assert_eq!(post.len(), usize::from(shown), "{fallback}");
        if shown {
            assert_eq!(post[0]["title"], "Default title");
            assert_eq!(post[0]["source"], "default");
        }
    }
}

#[test]
fn no_changes_means_no_notification_not_even_the_default() {
    let mut d = Device::new("android", "Asia/Kolkata");
    schedule(&mut d, ms(NOW), "show_default");
    d.send(
        ms(T) - 4 * MIN,
        json!({ "type": "prefetched", "outcome": "no_changes" }),
    );
    assert!(actions_of(&fire(&mut d, ms(T), Value::Null), "post").is_empty());
}

#[test]
fn late_content_is_shown_within_content_timeout_and_dropped_after() {
    for (late, shown) in [(10 * MIN, true), (30 * MIN, true), (31 * MIN, false)] {
        let mut d = Device::new("android", "Asia/Kolkata");
        schedule(&mut d, ms(NOW), "show_default");
        fire(&mut d, ms(T), Value::Null); // the default is up
        let content = json!({ "title": "Late", "body": "news", "fetchedAt": ms(T) + late });
        let out = d.send(
            ms(T) + late,
            json!({ "type": "prefetched", "outcome": "ok", "content": content }),
        );
        let post = actions_of(&out, "post");
        assert_eq!(post.len(), usize::from(shown), "{late}");
        if shown {
            // Same tag: it replaces the default of that occurrence.
            assert_eq!(post[0]["tag"], "dual_notify_20260601-1300Z");
            d.send(
                ms(T) + late,
                json!({ "type": "shown", "occurrence": ms(T), "source": "content" }),
            );
            let again = d.send(
                ms(T) + late + 1,
                json!({ "type": "prefetched", "outcome": "ok", "content": content }),
            );
            assert!(
                actions_of(&again, "post").is_empty(),
                "content is shown once per occurrence"
            );
        }
    }
}

#[test]
fn ios_arms_requests_ahead_within_its_share_of_the_64_pending_limit() {
    let mut d = Device::new("ios", "Asia/Kolkata");
    let out = schedule(&mut d, ms(NOW), "show_default");
    let requests = actions_of(&out, "addRequest");
    assert_eq!(requests.len(), 48);
    assert_eq!(requests[0]["id"], "dnp.dual.20260601-1300Z");
    assert_eq!(requests[47]["at"], ms(T) + 47 * DAY);
    assert_eq!(actions_of(&out, "submitFetch")[0]["at"], ms(T) - 5 * MIN);
    // Three reminders take three of them.
    for id in ["a", "b", "c"] {
        d.send(ms(NOW), json!({ "type": "scheduleDailyNotification", "options": { "time": "08:00", "title": "T", "body": "B", "id": id } }));
    }
    let ids = d.state["armedIds"].as_array().unwrap().len();
    assert_eq!(ids, 45);
    // A launch the next day adds only the newly needed day and removes the one that passed.
    let out = d.send(ms(NOW) + DAY, json!({ "type": "load" }));
    assert_eq!(actions_of(&out, "addRequest").len(), 1);
    assert_eq!(
        actions_of(&out, "removePending")[0]["ids"],
        json!(["dnp.dual.20260601-1300Z"])
    );
}

#[test]
fn ios_with_skip_arms_nothing_ahead_and_arms_fetched_content_for_its_occurrence() {
    let mut d = Device::new("ios", "Asia/Kolkata");
    let out = schedule(&mut d, ms(NOW), "skip");
    assert!(actions_of(&out, "addRequest").is_empty());
    let out = d.send(
        ms(T) - 4 * MIN,
        json!({ "type": "prefetched", "outcome": "ok",
        "content": { "title": "News", "body": "B", "fetchedAt": ms(T) - 4 * MIN } }),
    );
    let add = actions_of(&out, "addRequest");
    assert_eq!(add.len(), 1);
    assert_eq!(
        (
            add[0]["id"].as_str().unwrap(),
            add[0]["at"].as_i64().unwrap()
        ),
        ("dnp.dual.20260601-1300Z", ms(T))
    );
    // The next fetch is for tomorrow's occurrence, not again now.
    assert_eq!(
        actions_of(&out, "submitFetch")[0]["at"],
        ms(T) - 5 * MIN + DAY
    );
}

#[test]
fn ios_no_changes_removes_the_fallback_and_a_relaunch_does_not_restore_it() {
    let mut d = Device::new("ios", "Asia/Kolkata");
    schedule(&mut d, ms(NOW), "show_default");
    let out = d.send(
        ms(T) - 4 * MIN,
        json!({ "type": "prefetched", "outcome": "no_changes" }),
    );
    assert_eq!(
        actions_of(&out, "removePending")[0]["ids"],
        json!(["dnp.dual.20260601-1300Z"])
    );
    let relaunch = d.send(ms(T) - 3 * MIN, json!({ "type": "load" }));
    assert!(
        actions_of(&relaunch, "addRequest")
            .iter()
            .all(|a| a["id"] != "dnp.dual.20260601-1300Z")
    );
}

#[test]
fn a_zone_change_re_arms_the_same_local_time_in_the_new_zone() {
    let mut d = Device::new("ios", "Asia/Kolkata");
    schedule(&mut d, ms(NOW), "show_default");
    d.zone = "Asia/Kathmandu";
    let out = d.send(ms(NOW), json!({ "type": "timeChange" }));
    let removed = actions_of(&out, "removePending")[0]["ids"]
        .as_array()
        .unwrap()
        .len();
    assert_eq!(removed, 48);
    assert_eq!(
        actions_of(&out, "addRequest")[0]["id"],
        "dnp.dual.20260601-1245Z"
    );
    let mut a = Device::new("android", "Asia/Kolkata");
    schedule(&mut a, ms(NOW), "skip");
    a.zone = "Asia/Kathmandu";
    let out = a.send(ms(NOW), json!({ "type": "timeChange" }));
    assert_eq!(
        actions_of(&out, "armAlarm")[0]["at"],
        ms("2026-06-01T12:45:00Z")
    );
    // The old instant's prefetch is cancelled, the new one queued.
    assert_eq!(
        actions_of(&out, "cancelFetch")[0]["name"],
        format!("daily_notification_prefetch@{}", ms(T) - 5 * MIN)
    );
}

#[test]
fn an_alarm_missed_while_off_fires_at_boot_within_the_grace_hour_only() {
    for (off, fires_now) in [(30 * MIN, true), (61 * MIN, false)] {
        let mut d = Device::new("android", "Asia/Kolkata");
        schedule(&mut d, ms(NOW), "skip");
        let out = d.send(ms(T) + off, json!({ "type": "boot" }));
        let at = actions_of(&out, "armAlarm")[0]["at"].as_i64().unwrap();
        assert_eq!(at == ms(T), fires_now, "{off}");
    }
}

#[test]
fn cancel_all_cancels_every_schedule_on_both_platforms_and_pending_counts_schedules() {
    for platform in ["android", "ios"] {
        let mut d = Device::new(platform, "UTC");
        schedule(&mut d, ms(NOW), "show_default");
        let out = d.send(ms(NOW), json!({ "type": "scheduleDailyNotification", "options": { "time": "08:00", "title": "T", "body": "B" } }));
        assert_eq!(out["status"]["notifications"]["pending"], 2, "{platform}");
        let out = d.send(ms(NOW), json!({ "type": "cancelAllNotifications" }));
        assert_eq!(
            out["status"]["notifications"],
            json!({ "isScheduled": false, "nextNotificationAt": null, "pending": 0 })
        );
        assert_eq!(out["status"]["dual"]["scheduled"], false);
        assert_eq!(actions_of(&out, "clearShown").len(), 1);
        assert_eq!(actions_of(&out, "cancelAllFetches").len(), 1);
    }
}

#[test]
fn the_daily_chain_crosses_spring_forward() {
    // Berlin 02:30 daily: 2026-03-28 01:30Z (CET), then 03:30 CEST on the 29th (01:30Z), then
    // 02:30 CEST on the 30th (00:30Z).
    let mut d = Device::new("android", "Europe/Berlin");
    d.send(ms("2026-03-27T12:00:00Z"), json!({ "type": "scheduleDualNotification", "options": config("25 2 * * *", "30 2 * * *", "skip") }));
    let mut at = ms("2026-03-28T01:30:00Z");
    for expected in ["2026-03-29T01:30:00Z", "2026-03-30T00:30:00Z"] {
        let out = d.send(
            at,
            json!({ "type": "fired", "target": "dualSchedule", "occurrence": at }),
        );
        at = actions_of(&out, "armAlarm")[0]["at"].as_i64().unwrap();
        assert_eq!(at, ms(expected));
    }
}

#[test]
fn bad_requests_are_typed_errors_and_leave_nothing_half_done() {
    let request = |zone: &str, state: Value| {
        json!({ "platform": "android", "zone": zone, "now": 0, "state": state, "event": { "type": "load" } }).to_string()
    };
    let e = json::schedule(&request("Nowhere/City", Value::Null)).unwrap_err();
    assert_eq!(e.code.as_str(), "INVALID_ARGUMENT");
    let e = json::schedule(&request("UTC", json!({ "version": 99 }))).unwrap_err();
    assert_eq!(e.code.as_str(), "STORE_UNSUPPORTED_VERSION");
    let e = json::schedule("{\"platform\":\"android\"").unwrap_err();
    assert_eq!(e.code.as_str(), "INVALID_ARGUMENT");
}

#[test]
fn an_unreadable_state_is_reported_and_replaced_not_fatal() {
    for state in [json!("not json at all"), json!({ "dual": 5 })] {
        let request = json!({ "platform": "android", "zone": "UTC", "now": ms(NOW), "state": state,
            "event": { "type": "scheduleDualNotification", "options": config("25 18 * * *", "30 18 * * *", "skip") } });
        let out: Value =
            serde_json::from_str(&json::schedule(&request.to_string()).unwrap()).unwrap();
        assert_eq!(out["stateReset"], true);
        assert_eq!(
            out["status"]["dual"]["scheduled"], true,
            "the event still applies to the new state"
        );
    }
    let mut d = Device::new("android", "UTC");
    let out = schedule(&mut d, ms(NOW), "skip");
    assert!(
        out.get("stateReset").is_none(),
        "a readable state is not reported"
    );
}

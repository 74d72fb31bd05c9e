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
    /// What the platform keeps out of backups (`privateState`).
    private: Value,
    /// Android: AlarmManager.canScheduleExactAlarms().
    exact: bool,
}

impl Device {
    fn new(platform: &'static str, zone: &'static str) -> Self {
        Self {
            platform,
            zone,
            state: Value::Null,
            private: Value::Null,
            exact: false,
        }
    }

    /// Sends one event at `now`, keeps the returned state, returns the whole answer.
    fn send(&mut self, now: i64, event: Value) -> Value {
        let request = json!({ "platform": self.platform, "zone": self.zone, "now": now, "state": self.state,
            "privateState": self.private, "exactAlarmsPermitted": self.exact, "event": event });
        let out: Value =
            serde_json::from_str(&json::schedule(&request.to_string()).unwrap()).unwrap();
        self.state = out["state"].clone();
        self.private = out["privateState"].clone();
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
fn the_post_of_fetched_content_carries_its_cursor_for_the_acknowledgement() {
    // The content store is cleared by the removeContent listed before the post, so the platform
    // learns the cursor to acknowledge from the post itself.
    let mut d = Device::new("android", "Asia/Kolkata");
    schedule(&mut d, ms(NOW), "show_default");
    let content = json!({ "title": "News", "body": "B", "fetchedAt": ms(T) - 4 * MIN,
        "cursor": "01M80V4R0S68JZJ7E8FY5D8DV9" });
    let out = fire(&mut d, ms(T), content);
    let kinds: Vec<&str> = out["actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["type"].as_str().unwrap())
        .collect();
    let (remove, post) = (
        kinds.iter().position(|k| *k == "removeContent"),
        kinds.iter().position(|k| *k == "post"),
    );
    assert!(remove < post, "{kinds:?}");
    assert_eq!(
        actions_of(&out, "post")[0]["cursor"],
        "01M80V4R0S68JZJ7E8FY5D8DV9"
    );
    // The default carries none.
    let mut d = Device::new("android", "Asia/Kolkata");
    schedule(&mut d, ms(NOW), "show_default");
    let out = fire(&mut d, ms(T), Value::Null);
    let post = &actions_of(&out, "post")[0];
    assert_eq!(post["source"], "default");
    assert!(post.get("cursor").is_none());
}

#[test]
fn ios_logout_drops_the_fetched_content_armed_ahead_and_its_day_gets_the_default() {
    let mut d = Device::new("ios", "Asia/Kolkata");
    schedule(&mut d, ms(NOW), "show_default");
    d.send(
        ms(T) - 4 * MIN,
        json!({ "type": "prefetched", "outcome": "ok",
        "content": { "title": "\"Plan A\" changed", "body": "B", "fetchedAt": ms(T) - 4 * MIN } }),
    );
    let out = d.send(ms(T) - 3 * MIN, json!({ "type": "fetcherCleared" }));
    let today: Vec<&Value> = actions_of(&out, "addRequest")
        .into_iter()
        .filter(|a| a["id"] == "dnp.dual.20260601-1300Z")
        .collect();
    assert_eq!(today.len(), 1, "{out}");
    assert_eq!(
        (&today[0]["source"], &today[0]["title"]),
        (&json!("default"), &json!("Default title"))
    );
    // Later re-arms never bring the old user's text back.
    for event in ["timeChange", "permissionChange", "load"] {
        let again = d.send(ms(T) - 2 * MIN, json!({ "type": event }));
        assert!(
            actions_of(&again, "addRequest")
                .iter()
                .all(|a| a["source"] != "content"),
            "{event}"
        );
    }
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
fn ios_arms_the_default_ahead_with_skip_too_and_fetched_content_replaces_it() {
    for fallback in ["skip", "show_default"] {
        let mut d = Device::new("ios", "Asia/Kolkata");
        let out = schedule(&mut d, ms(NOW), fallback);
        // Nothing of the app runs at T: the default is armed for every coming day (see ios.rs).
        let add = actions_of(&out, "addRequest");
        assert_eq!(add.len(), 48, "{fallback}");
        assert_eq!(
            (&add[0]["id"], &add[0]["source"]),
            (&json!("dnp.dual.20260601-1300Z"), &json!("default"))
        );
        let out = d.send(
            ms(T) - 4 * MIN,
            json!({ "type": "prefetched", "outcome": "ok",
            "content": { "title": "News", "body": "B", "fetchedAt": ms(T) - 4 * MIN } }),
        );
        // The content replaces the pending default of its day (same id), nothing else is re-added.
        let add = actions_of(&out, "addRequest");
        assert_eq!(add.len(), 1, "{fallback}");
        assert_eq!(
            (
                &add[0]["id"],
                &add[0]["at"],
                &add[0]["title"],
                &add[0]["source"]
            ),
            (
                &json!("dnp.dual.20260601-1300Z"),
                &json!(ms(T)),
                &json!("News"),
                &json!("content")
            )
        );
        // The next fetch is for tomorrow's occurrence, not again now.
        assert_eq!(
            actions_of(&out, "submitFetch")[0]["at"],
            ms(T) - 5 * MIN + DAY
        );
        // A relaunch keeps the content armed (it is not replaced by the default again).
        let relaunch = d.send(ms(T) - 3 * MIN, json!({ "type": "load" }));
        assert!(actions_of(&relaunch, "addRequest").is_empty());
    }
}

#[test]
fn ios_skip_removes_the_default_after_a_prefetch_without_content_show_default_keeps_it() {
    let today = json!(["dnp.dual.20260601-1300Z"]);
    for (fallback, outcome, removed) in [
        ("skip", "failed", true),
        ("skip", "no_token", true),
        ("skip", "no_changes", true),
        ("skip", "retry", false),
        ("show_default", "failed", false),
        ("show_default", "no_changes", true),
    ] {
        let mut d = Device::new("ios", "Asia/Kolkata");
        schedule(&mut d, ms(NOW), fallback);
        let out = d.send(
            ms(T) - 4 * MIN,
            json!({ "type": "prefetched", "outcome": outcome }),
        );
        let removes = actions_of(&out, "removePending");
        assert_eq!(
            removes.first().map(|a| &a["ids"]) == Some(&today),
            removed,
            "{fallback} {outcome}"
        );
        // A relaunch does not bring a removed default back.
        let relaunch = d.send(ms(T) - 3 * MIN, json!({ "type": "load" }));
        let armed = d.state["armedIds"].as_array().unwrap().contains(&today[0]);
        assert_eq!(armed, !removed, "{fallback} {outcome}");
        assert!(actions_of(&relaunch, "addRequest").is_empty());
    }
}

#[test]
fn ios_keeps_arming_weeks_ahead_without_the_app_being_opened() {
    // No launch for 30 days (July 1), then a background run: still 48 days ahead of that day
    // (July 1 to August 17), the one it served removed.
    let mut d = Device::new("ios", "Asia/Kolkata");
    schedule(&mut d, ms(NOW), "skip");
    let later = ms(NOW) + 30 * DAY;
    d.send(
        later,
        json!({ "type": "prefetched", "outcome": "no_changes" }),
    );
    let ids = d.state["armedIds"].as_array().unwrap().clone();
    assert_eq!(ids.len(), 47, "48 days, minus the one the prefetch removed");
    assert_eq!(ids.last().unwrap(), "dnp.dual.20260817-1300Z");
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
        // The next launch, boot or background run arms nothing again (iOS parity with Android).
        for event in ["load", "boot", "timeChange"] {
            let out = d.send(ms(NOW) + DAY, json!({ "type": event }));
            assert!(
                out["actions"].as_array().unwrap().is_empty(),
                "{platform} {event}"
            );
        }
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

/// The answer to fetchStart: exactly one runFetch or skipFetch (next to the plan's alarms re-armed).
fn fetch_start(d: &mut Device, now: i64, by: &str) -> Value {
    let out = d.send(now, json!({ "type": "fetchStart", "by": by }));
    let answers: Vec<&Value> = out["actions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["type"] == "runFetch" || a["type"] == "skipFetch")
        .collect();
    assert_eq!(answers.len(), 1, "one runFetch or skipFetch: {answers:?}");
    answers[0].clone()
}

/// The alarms an answer arms, as (target, at).
fn armed(out: &Value) -> Vec<(String, i64)> {
    actions_of(out, "armAlarm")
        .iter()
        .map(|a| {
            (
                a["target"].as_str().unwrap().to_string(),
                a["at"].as_i64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn android_the_job_and_its_report_re_arm_alarms_removed_without_a_broadcast() {
    // An exact-alarm revoke, an OEM task killer or a force stop removes the alarms and sends
    // nothing; the WorkManager job survives. Its start and its report re-arm the whole plan, the
    // same alarms at the same instants (AlarmManager replaces an equal PendingIntent).
    let mut d = Device::new("android", "Asia/Kolkata");
    schedule(&mut d, ms(NOW), "skip");
    d.send(
        ms(NOW),
        json!({ "type": "scheduleDailyNotification",
        "options": { "id": "r1", "time": "09:00", "title": "R", "body": "b" } }),
    );
    let reminder_at = d.state["reminders"][0]["armedAt"].as_i64().unwrap();
    let before = d.state.clone();
    let start = d.send(
        ms(T) - 5 * MIN,
        json!({ "type": "fetchStart", "by": "work" }),
    );
    let expected = vec![
        ("dualSchedule".to_string(), ms(T)),
        ("reminder/r1".to_string(), reminder_at),
    ];
    assert_eq!(armed(&start), expected);
    assert!(
        actions_of(&start, "enqueueFetch").is_empty(),
        "the job asking is the prefetch"
    );
    let report = prefetched_by(&mut d, ms(T) - 5 * MIN + 3_000, "work", "no_changes");
    assert_eq!(armed(&report), expected);
    assert_eq!(d.state["armedAt"], before["armedAt"]);
    assert_eq!(d.state["handled"], before["handled"]);
    // The alarm then fires as armed and shows nothing twice.
    let out = fire(&mut d, ms(T), Value::Null);
    assert!(
        actions_of(&out, "post").is_empty(),
        "no_changes with skip shows nothing"
    );
    assert_eq!(armed(&out)[0], ("dualSchedule".to_string(), ms(T) + DAY));
}

#[test]
fn android_any_alarm_that_fires_re_arms_the_rest_of_the_plan() {
    let mut d = Device::new("android", "Asia/Kolkata");
    schedule(&mut d, ms(NOW), "show_default");
    for (id, time) in [("r1", "12:00"), ("r2", "13:00")] {
        d.send(
            ms(NOW),
            json!({ "type": "scheduleDailyNotification",
            "options": { "id": id, "time": time, "title": "R", "body": "b" } }),
        );
    }
    let r1_at = d.state["reminders"][0]["armedAt"].as_i64().unwrap();
    let r2_at = d.state["reminders"][1]["armedAt"].as_i64().unwrap();
    // r1 fires (the others were removed without a broadcast): the dual alarm and r2 come back.
    let out = d.send(
        r1_at,
        json!({ "type": "fired", "target": "reminder/r1", "occurrence": r1_at }),
    );
    let targets = armed(&out);
    assert!(
        targets.contains(&("reminder/r1".to_string(), r1_at + DAY)),
        "{targets:?}"
    );
    assert!(
        targets.contains(&("dualSchedule".to_string(), ms(T))),
        "{targets:?}"
    );
    assert!(
        targets.contains(&("reminder/r2".to_string(), r2_at)),
        "{targets:?}"
    );
    assert_eq!(targets.len(), 3, "each target once: {targets:?}");
    // The dual alarm fires: the reminders come back, each once.
    let out = fire(&mut d, ms(T), Value::Null);
    let targets = armed(&out);
    assert_eq!(
        targets
            .iter()
            .filter(|(t, _)| t.starts_with("reminder/"))
            .count(),
        2,
        "{targets:?}"
    );
    assert_eq!(
        targets.iter().filter(|(t, _)| t == "dualSchedule").count(),
        1
    );
}

#[test]
fn android_a_fetch_alarm_without_a_schedule_does_nothing() {
    // Left armed by a schedule that is gone (cancelled, or a stored state that could not be read).
    let mut d = Device::new("android", "Asia/Kolkata");
    d.exact = true;
    let out = d.send(ms(NOW), json!({ "type": "fetchStart", "by": "alarm" }));
    assert_eq!(
        out["actions"],
        json!([{ "type": "skipFetch", "reason": "done" }])
    );
    // The job without a schedule runs as before (a host's own use of the prefetch).
    assert_eq!(fetch_start(&mut d, ms(NOW), "work")["type"], "runFetch");
}

fn prefetched_by(d: &mut Device, now: i64, by: &str, outcome: &str) -> Value {
    let content = json!({ "title": "News", "body": "B", "fetchedAt": now });
    d.send(
        now,
        json!({ "type": "prefetched", "by": by, "outcome": outcome,
        "content": if outcome == "ok" { content } else { Value::Null } }),
    )
}

#[test]
fn android_with_exact_alarms_an_alarm_starts_the_prefetch_10_minutes_ahead_and_the_job_never_fetches_again()
 {
    let mut d = Device::new("android", "Asia/Kolkata");
    d.exact = true;
    let out = schedule(&mut d, ms(NOW), "skip");
    let alarms: Vec<(&Value, &Value)> = actions_of(&out, "armAlarm")
        .iter()
        .map(|a| (&a["target"], &a["at"]))
        .collect();
    // T-10 min, not the fetch time T-5: Doze fires one app's while-idle alarms at most about
    // every 9 minutes, so a fetch alarm at T-5 would defer the notification alarm at T.
    assert_eq!(
        alarms,
        [
            (&json!("dualSchedule"), &json!(ms(T))),
            (&json!("dualFetch"), &json!(ms(T) - 10 * MIN))
        ]
    );
    // The WorkManager job stays queued at the fetch time, as the fallback.
    assert_eq!(actions_of(&out, "enqueueFetch")[0]["at"], ms(T) - 5 * MIN);
    assert_eq!(out["status"]["dual"]["nextFetchAt"], "2026-06-01T12:50:00Z");

    let run = fetch_start(&mut d, ms(T) - 10 * MIN, "alarm");
    assert_eq!(run, json!({ "type": "runFetch", "deadlineMillis": 9000 }));
    // The job starting while the alarm's prefetch runs waits (retry), it does not fetch too.
    let busy = fetch_start(&mut d, ms(T) - 10 * MIN + 2_000, "work");
    assert_eq!(busy, json!({ "type": "skipFetch", "reason": "running" }));
    prefetched_by(&mut d, ms(T) - 10 * MIN + 5_000, "alarm", "ok");
    // The job at T-5: the occurrence's prefetch is done, no token is spent on it again.
    let done = fetch_start(&mut d, ms(T) - 5 * MIN, "work");
    assert_eq!(done, json!({ "type": "skipFetch", "reason": "done" }));
    // The alarm's content (fetched before the fetch time) is fresh at T.
    let content = json!({ "title": "News", "body": "B", "fetchedAt": ms(T) - 10 * MIN + 5_000 });
    let out = fire(&mut d, ms(T), content);
    assert_eq!(actions_of(&out, "post")[0]["source"], "content");
    // Tomorrow's fetch alarm is armed with tomorrow's notification.
    assert!(
        actions_of(&out, "armAlarm")
            .iter()
            .any(|a| a["target"] == "dualFetch" && a["at"] == ms(T) + DAY - 10 * MIN)
    );
}

#[test]
fn android_an_alarm_prefetch_that_says_retry_leaves_the_occurrence_to_the_job() {
    let mut d = Device::new("android", "Asia/Kolkata");
    d.exact = true;
    schedule(&mut d, ms(NOW), "skip");
    fetch_start(&mut d, ms(T) - 10 * MIN, "alarm");
    prefetched_by(&mut d, ms(T) - 10 * MIN + 9_000, "alarm", "retry");
    let run = fetch_start(&mut d, ms(T) - 5 * MIN, "work");
    assert_eq!(run, json!({ "type": "runFetch", "deadlineMillis": 25000 }));
    prefetched_by(&mut d, ms(T) - 5 * MIN + 3_000, "work", "ok");
    // An alarm delivered late after the job's prefetch finished does not fetch again.
    let late = fetch_start(&mut d, ms(T) - 4 * MIN, "alarm");
    assert_eq!(late, json!({ "type": "skipFetch", "reason": "done" }));
}

#[test]
fn android_a_prefetch_that_never_reported_stops_blocking_after_its_deadline_and_a_margin() {
    let mut d = Device::new("android", "Asia/Kolkata");
    d.exact = true;
    schedule(&mut d, ms(NOW), "skip");
    let start = ms(T) - 10 * MIN;
    fetch_start(&mut d, start, "alarm"); // its process was killed: no `prefetched` follows
    let busy = fetch_start(&mut d, start + 9_000 + 15_000 - 1, "work");
    assert_eq!(busy["type"], "skipFetch");
    let run = fetch_start(&mut d, start + 9_000 + 15_000, "work");
    assert_eq!(run["type"], "runFetch");
}

#[test]
fn android_without_exact_alarms_only_the_job_fetches_and_a_revoked_grant_cancels_the_fetch_alarm() {
    let mut d = Device::new("android", "Asia/Kolkata");
    let out = schedule(&mut d, ms(NOW), "skip");
    assert!(
        actions_of(&out, "armAlarm")
            .iter()
            .all(|a| a["target"] != "dualFetch")
    );
    assert_eq!(out["status"]["dual"]["nextFetchAt"], "2026-06-01T12:55:00Z");
    d.exact = true;
    let granted = d.send(ms(NOW), json!({ "type": "permissionChange" }));
    assert!(
        actions_of(&granted, "armAlarm")
            .iter()
            .any(|a| a["target"] == "dualFetch")
    );
    // Cancelling the schedule cancels the fetch alarm too.
    let mut cancelling = Device::new("android", "Asia/Kolkata");
    cancelling.state = d.state.clone();
    let out = cancelling.send(ms(NOW), json!({ "type": "cancelDualSchedule" }));
    let cancelled: Vec<&Value> = actions_of(&out, "cancelAlarm")
        .iter()
        .map(|a| &a["target"])
        .collect();
    assert_eq!(cancelled, [&json!("dualSchedule"), &json!("dualFetch")]);
    d.exact = false;
    let revoked = d.send(ms(NOW), json!({ "type": "permissionChange" }));
    assert_eq!(
        actions_of(&revoked, "cancelAlarm")[0]["target"],
        "dualFetch"
    );
    // Without the alarm, each job run prefetches as before.
    for _ in 0..2 {
        assert_eq!(
            fetch_start(&mut d, ms(T) - 5 * MIN, "work")["type"],
            "runFetch"
        );
        prefetched_by(&mut d, ms(T) - 5 * MIN, "work", "no_changes");
    }
}

#[test]
fn android_app_start_queues_the_next_prefetch_when_the_alarm_never_fired() {
    let mut d = Device::new("android", "Asia/Kolkata");
    schedule(&mut d, ms(NOW), "skip");
    // The phone maker suppressed today's alarm: it never fired, so it queued nothing. The app
    // is opened two hours later: tomorrow is armed and its prefetch queued.
    let out = d.send(ms(T) + 2 * 60 * MIN, json!({ "type": "load" }));
    assert_eq!(actions_of(&out, "armAlarm")[0]["at"], ms(T) + DAY);
    let fetch = actions_of(&out, "enqueueFetch");
    assert_eq!(fetch.len(), 1);
    assert_eq!(fetch[0]["at"], ms(T) + DAY - 5 * MIN);
    // Opening it again the same day queues the same unique work (KEEP keeps the pending one).
    let again = d.send(ms(T) + 3 * 60 * MIN, json!({ "type": "load" }));
    assert_eq!(
        actions_of(&again, "enqueueFetch")[0]["name"],
        fetch[0]["name"]
    );
    assert!(actions_of(&again, "cancelFetch").is_empty());
}

/// iOS `load` with the ids really pending: what the state lists as armed but iOS lost (a backup
/// restore, `removeAllPendingNotificationRequests`, an add refused before permission) is added
/// back, dual days and reminders alike; what is still pending is not added again.
#[test]
fn ios_re_adds_the_requests_the_notification_center_lost_and_only_those() {
    let mut d = Device::new("ios", "Europe/Berlin");
    let now = ms("2026-06-01T10:00:00Z");
    schedule(&mut d, now, "skip");
    let reminder = json!({ "id": "gratitude", "time": "21:00", "title": "T", "body": "B" });
    d.send(
        now,
        json!({ "type": "scheduleDailyNotification", "options": reminder }),
    );
    let armed: Vec<String> = d.state["armedIds"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect();
    assert_eq!(armed.len(), 47, "48 requests: 47 days and one reminder");
    let mut all_pending = armed.clone();
    all_pending.push("dnp.reminder.gratitude".into());

    let load = |d: &mut Device, pending: &[String]| {
        let request = json!({ "platform": "ios", "zone": d.zone, "now": now + MIN, "state": d.state,
            "privateState": d.private, "pendingIds": pending, "event": { "type": "load" } });
        let out: Value =
            serde_json::from_str(&json::schedule(&request.to_string()).unwrap()).unwrap();
        d.state = out["state"].clone();
        d.private = out["privateState"].clone();
        out
    };
    let ids = |out: &Value| -> Vec<String> {
        actions_of(out, "addRequest")
            .iter()
            .map(|a| a["id"].as_str().unwrap().to_string())
            .collect()
    };

    assert!(
        ids(&load(&mut d, &all_pending)).is_empty(),
        "nothing lost, nothing added"
    );

    // Another plugin removed every pending request: everything comes back.
    let restored = ids(&load(&mut d, &[]));
    assert_eq!(restored.len(), 48);
    assert!(restored.contains(&"dnp.reminder.gratitude".to_string()));

    // Only the third day and the reminder were lost.
    let mut some = all_pending.clone();
    some.retain(|id| id != &armed[2] && id != "dnp.reminder.gratitude");
    assert_eq!(
        ids(&load(&mut d, &some)),
        vec![armed[2].clone(), "dnp.reminder.gratitude".to_string()]
    );

    // Without pendingIds (Android, older callers) the saved list is trusted as before.
    let out = d.send(now + 2 * MIN, json!({ "type": "load" }));
    assert!(ids(&out).is_empty());
}

/// A repeating reminder whose first occurrence falls in the spring-forward gap fires after the gap
/// that day (03:30 CEST) but repeats at its configured 02:30: the request carries both.
#[test]
fn ios_a_reminder_first_due_in_the_spring_forward_gap_repeats_at_its_configured_time() {
    let mut d = Device::new("ios", "Europe/Berlin");
    let reminder = json!({ "id": "night", "time": "02:30", "title": "T", "body": "B" });
    let out = d.send(
        ms("2026-03-28T12:00:00Z"),
        json!({ "type": "scheduleDailyNotification", "options": reminder }),
    );
    let adds = actions_of(&out, "addRequest");
    assert_eq!(adds.len(), 1);
    assert_eq!(
        adds[0]["at"],
        ms("2026-03-29T01:30:00Z"),
        "03:30 CEST, just after the gap"
    );
    assert_eq!(adds[0]["repeatsDaily"], true);
    assert_eq!(adds[0]["dailyAt"], json!({ "hour": 2, "minute": 30 }));
}

/// Fetched titles and bodies name the user's projects: they travel in `privateState` (kept out of
/// backups), never in `state`, and a platform that lost them (a restore) re-arms the default.
#[test]
fn ios_fetched_content_armed_ahead_is_private_state_not_state() {
    let mut d = Device::new("ios", "UTC");
    let now = ms("2026-06-01T10:00:00Z");
    schedule(&mut d, now, "skip");
    let content =
        json!({ "title": "Starred Project Updates", "body": "Plan A changed", "fetchedAt": now });
    d.send(
        now,
        json!({ "type": "prefetched", "outcome": "ok", "content": content }),
    );
    assert!(
        !d.state.to_string().contains("Plan A"),
        "the state names no project"
    );
    assert_eq!(d.private["armedContent"]["body"], "Plan A changed");

    // A time change re-adds everything: the content from privateState for its day.
    let out = d.send(now + MIN, json!({ "type": "timeChange" }));
    let bodies: Vec<&Value> = actions_of(&out, "addRequest")
        .iter()
        .map(|a| &a["body"])
        .collect();
    assert!(bodies.contains(&&json!("Plan A changed")));

    // Restored from a backup: the state came back, the private state did not.
    d.private = Value::Null;
    let out = d.send(now + 2 * MIN, json!({ "type": "timeChange" }));
    let bodies: Vec<&Value> = actions_of(&out, "addRequest")
        .iter()
        .map(|a| &a["body"])
        .collect();
    assert!(!bodies.contains(&&json!("Plan A changed")));
    assert_eq!(
        bodies.len(),
        48,
        "the default for every day, that one included"
    );
}

/// Requests the state does not account for (left by a state that was reset or not written) are
/// removed when the platform lists what is pending, or they would fire beside the ones armed now.
#[test]
fn ios_removes_pending_requests_the_state_does_not_account_for() {
    let mut d = Device::new("ios", "UTC");
    let now = ms("2026-06-01T10:00:00Z");
    schedule(&mut d, now, "skip");
    let mut pending: Vec<String> = d.state["armedIds"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect();
    pending.push("dnp.dual.20260601-0900Z".into());
    pending.push("dnp.reminder.ghost".into());
    pending.push("app.own.request".into());
    let request = json!({ "platform": "ios", "zone": "UTC", "now": now + MIN, "state": d.state,
        "pendingIds": pending, "event": { "type": "load" } });
    let out: Value = serde_json::from_str(&json::schedule(&request.to_string()).unwrap()).unwrap();
    let removed: Vec<&Value> = actions_of(&out, "removePending")
        .iter()
        .flat_map(|a| a["ids"].as_array().unwrap())
        .collect();
    assert_eq!(
        removed,
        vec![
            &json!("dnp.dual.20260601-0900Z"),
            &json!("dnp.reminder.ghost")
        ],
        "the orphans, and never the app's own requests"
    );
    assert!(actions_of(&out, "addRequest").is_empty());
}

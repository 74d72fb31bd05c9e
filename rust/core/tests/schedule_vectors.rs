//! tests/vectors/schedule.json through the core's JSON facade, on both platforms: each entry's
//! error (code and message), or its normalized configuration or reminder and next instants. The
//! TypeScript, Java and C suites run the same file.

use daily_notification_core::json;
use serde_json::{Value, json};

fn vectors() -> Vec<Value> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/vectors/schedule.json"
    );
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    doc["vectors"].as_array().unwrap().clone()
}

fn millis(rfc3339: &str) -> i64 {
    rfc3339.parse::<jiff::Timestamp>().unwrap().as_millisecond()
}

/// The facade's answer to one vector, as the vector states its expectation.
fn run(v: &Value, platform: &str) -> Value {
    let request = json!({
        "platform": platform,
        "zone": v["zone"],
        "now": millis(v["now"].as_str().unwrap()),
        "state": null,
        "event": { "type": v["call"], "options": v["options"] },
    });
    match json::schedule(&request.to_string()) {
        Err(e) => json!({ "error": { "code": e.code.as_str(), "message": e.message } }),
        Ok(out) => {
            let out: Value = serde_json::from_str(&out).unwrap();
            let status = &out["status"];
            let mut got = serde_json::Map::new();
            let expect = v["expect"].as_object().unwrap();
            if expect.contains_key("config") {
                got.insert("config".into(), status["dual"]["config"].clone());
                got.insert("nextFetchAt".into(), status["dual"]["nextFetchAt"].clone());
                got.insert(
                    "nextNotificationAt".into(),
                    status["dual"]["nextNotificationAt"].clone(),
                );
            }
            if expect.contains_key("reminder") {
                got.insert("reminder".into(), status["reminders"][0].clone());
                got.insert(
                    "nextNotificationAt".into(),
                    status["notifications"]["nextNotificationAt"].clone(),
                );
            }
            Value::Object(got)
        }
    }
}

/// The iOS request a vector's call adds, projected on the fields its `iosRequest` names.
fn ios_request(v: &Value) -> Value {
    let request = json!({
        "platform": "ios",
        "zone": v["zone"],
        "now": millis(v["now"].as_str().unwrap()),
        "state": null,
        "event": { "type": v["call"], "options": v["options"] },
    });
    let out: Value = serde_json::from_str(&json::schedule(&request.to_string()).unwrap()).unwrap();
    let add = out["actions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["type"] == "addRequest")
        .cloned()
        .unwrap_or(Value::Null);
    let fields = v["iosRequest"].as_object().unwrap();
    Value::Object(fields.keys().map(|k| (k.clone(), add[k].clone())).collect())
}

#[test]
fn every_ios_request_expectation_holds() {
    let with: Vec<Value> = vectors()
        .into_iter()
        .filter(|v| v.get("iosRequest").is_some())
        .collect();
    assert!(
        !with.is_empty(),
        "the DST reminder vector lost its iosRequest"
    );
    for v in &with {
        assert_eq!(ios_request(v), v["iosRequest"], "{}", v["name"]);
    }
}

#[test]
fn every_vector_gives_its_expectation_on_android_and_on_ios() {
    let all = vectors();
    assert!(all.len() >= 40, "the vector file lost entries");
    let mut failures = Vec::new();
    for v in &all {
        for platform in ["android", "ios"] {
            let got = run(v, platform);
            if got != v["expect"] {
                failures.push(format!(
                    "{} on {platform}:\n  expected {}\n  got      {}",
                    v["name"], v["expect"], got
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} vectors failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn no_error_message_echoes_an_option_value() {
    for v in vectors() {
        let Some(message) = v["expect"]["error"]["message"].as_str() else {
            continue;
        };
        assert!(
            !message.contains("eyJ") && !message.contains("example"),
            "{message}"
        );
    }
}

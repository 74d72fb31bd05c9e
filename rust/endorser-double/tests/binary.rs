//! The binary as Java and C tests use it: spawn, read one JSON line, trust the CA from a file,
//! drive it through the control endpoints, and stop it by closing stdin.

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use endorser_double::test_token;
use reqwest::blocking::Client;
use serde_json::{Value, json};

/// The spawned binary; killed on drop so a failing test leaves nothing behind.
struct Spawned {
    child: Child,
    stdin: Option<ChildStdin>,
    line: Value,
}

impl Drop for Spawned {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn spawn(args: &[&str]) -> Spawned {
    let mut child = Command::new(env!("CARGO_BIN_EXE_endorser-double"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("the binary starts");
    let stdin = child.stdin.take();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .expect("a line on stdout");
    let line = serde_json::from_str(&line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}"));
    Spawned { child, stdin, line }
}

fn bearer() -> String {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    format!("Bearer {}", test_token("did:ethr:0x2", now, now + 3_600))
}

fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .expect("an array")
        .iter()
        .map(|v| v.as_str().expect("a string").to_owned())
        .collect()
}

#[test]
fn prints_one_line_and_serves_https_trusted_through_the_ca_file() {
    let ca_path = format!(
        "{}/ca-{}.pem",
        env!("CARGO_TARGET_TMPDIR"),
        std::process::id()
    );
    let spawned = spawn(&["--tls", "--plans", "3", "--ca-out", &ca_path]);
    let line = &spawned.line;

    let base_url = line["baseUrl"].as_str().unwrap();
    assert!(base_url.starts_with("https://127.0.0.1:"), "{line}");
    assert_eq!(
        line["reportUrl"],
        format!("{base_url}/api/v2/report/plansLastUpdatedBetween")
    );
    assert_eq!(line["pid"], spawned.child.id());
    let pem = std::fs::read_to_string(&ca_path).unwrap();
    assert_eq!(line["caCertPem"], pem);
    let plan_ids = strings(&line["planIds"]);
    let jwt_ids = strings(&line["jwtIds"]);
    assert_eq!(plan_ids.len(), 3);

    let client = Client::builder()
        .no_proxy()
        .tls_certs_only([reqwest::Certificate::from_pem(pem.as_bytes()).unwrap()])
        .build()
        .unwrap();
    let answer: Value = client
        .post(line["reportUrl"].as_str().unwrap())
        .header("Authorization", bearer())
        .json(&json!({"planIds": plan_ids, "afterId": "0"}))
        .send()
        .unwrap()
        .json()
        .unwrap();
    let returned: Vec<&str> = answer["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| row["plan"]["jwtId"].as_str().unwrap())
        .collect();
    let mut expected = jwt_ids.clone();
    expected.reverse();
    assert_eq!(returned, expected);
    let _ = std::fs::remove_file(ca_path);
}

#[test]
fn control_endpoints_add_and_edit_plans_set_faults_and_show_requests() {
    let spawned = spawn(&[]);
    let base = spawned.line["baseUrl"].as_str().unwrap().to_owned();
    assert!(base.starts_with("http://"));
    assert_eq!(spawned.line["caCertPem"], Value::Null);
    let client = Client::builder().no_proxy().build().unwrap();
    let control = |method: reqwest::Method, path: &str, body: Value| -> (u16, Value) {
        let response = client
            .request(method, format!("{base}/__double/{path}"))
            .json(&body)
            .send()
            .unwrap();
        (response.status().as_u16(), response.json().unwrap())
    };
    let report = |plan_id: &str| {
        client
            .post(format!("{base}/api/v2/report/plansLastUpdatedBetween"))
            .header("Authorization", bearer())
            .json(&json!({"planIds": [plan_id], "afterId": "0"}))
            .send()
            .unwrap()
    };

    let (status, added) = control(
        reqwest::Method::POST,
        "plans",
        json!({"name": "Plan A", "description": "initial"}),
    );
    assert_eq!(status, 200);
    let handle = added["handleId"].as_str().unwrap().to_owned();
    let (_, edited) = control(
        reqwest::Method::POST,
        "plans",
        json!({"handleId": handle, "description": "edited"}),
    );
    assert!(edited["jwtId"].as_str().unwrap() > added["jwtId"].as_str().unwrap());
    let (status, _) = control(
        reqwest::Method::POST,
        "plans",
        json!({"handleId": "https://endorser.ch/entity/NOPE", "name": "x"}),
    );
    assert_eq!(status, 404);
    let (_, listed) = control(reqwest::Method::GET, "plans", json!({}));
    assert_eq!(
        listed,
        json!([{"handleId": handle, "jwtId": edited["jwtId"]}])
    );

    let (status, switches) = control(
        reqwest::Method::POST,
        "faults",
        json!({"fail": "status429", "count": 2, "retryAfterSeconds": 7}),
    );
    assert_eq!(status, 200);
    assert_eq!(switches["pendingFaults"], json!(["status429", "status429"]));
    assert_eq!(report(&handle).status().as_u16(), 429);
    let second = report(&handle);
    assert_eq!(second.status().as_u16(), 429);
    assert_eq!(second.headers()["retry-after"], "7");
    let ok: Value = report(&handle).json().unwrap();
    assert_eq!(ok["data"][0]["plan"]["description"], "edited");
    assert_eq!(
        ok["data"][0]["wrappedClaimBefore"]["claim"]["description"],
        "initial"
    );

    let (status, _) = control(reqwest::Method::POST, "faults", json!({"fail": "teapot"}));
    assert_eq!(status, 400);

    let (_, requests) = control(reqwest::Method::GET, "requests", json!({}));
    let statuses: Vec<&Value> = requests
        .as_array()
        .unwrap()
        .iter()
        .map(|r| &r["status"])
        .collect();
    assert_eq!(statuses, vec![&json!(429), &json!(429), &json!(200)]);
    assert_eq!(requests[0]["fault"], "status429");
    assert!(
        requests[0]["authorization"]
            .as_str()
            .unwrap()
            .starts_with("Bearer ey")
    );
    control(reqwest::Method::DELETE, "requests", json!({}));
    let (_, requests) = control(reqwest::Method::GET, "requests", json!({}));
    assert_eq!(requests, json!([]));
}

#[test]
fn flags_set_faults_and_one_time_use() {
    let spawned = spawn(&["--plans", "1", "--fail", "500:1", "--one-time-use"]);
    let client = Client::builder().no_proxy().build().unwrap();
    let auth = bearer();
    let send = || {
        client
            .post(spawned.line["reportUrl"].as_str().unwrap())
            .header("Authorization", &auth)
            .json(&json!({"planIds": spawned.line["planIds"], "afterId": "0"}))
            .send()
            .unwrap()
    };
    let first = send();
    assert_eq!(first.status().as_u16(), 500);
    assert_eq!(first.json::<Value>().unwrap(), json!("Internal error"));
    assert_eq!(send().status().as_u16(), 200);
    let reused: Value = send().json().unwrap();
    assert_eq!(reused["error"]["code"], "JWT_VERIFY_FAILED");
}

#[test]
fn the_strict_flag_spends_a_token_on_a_faulted_request() {
    let spawned = spawn(&["--plans", "1", "--fail", "500:1", "--strict-one-time-use"]);
    let client = Client::builder().no_proxy().build().unwrap();
    let auth = bearer();
    let send = || {
        client
            .post(spawned.line["reportUrl"].as_str().unwrap())
            .header("Authorization", &auth)
            .json(&json!({"planIds": spawned.line["planIds"], "afterId": "0"}))
            .send()
            .unwrap()
    };
    assert_eq!(send().status().as_u16(), 500);
    let reused: Value = send().json().unwrap();
    assert_eq!(reused["error"]["code"], "JWT_VERIFY_FAILED");
}

#[test]
fn exits_when_its_stdin_closes() {
    let mut spawned = spawn(&["--plans", "1"]);
    spawned
        .stdin
        .as_mut()
        .unwrap()
        .write_all(b"ignored\n")
        .unwrap();
    drop(spawned.stdin.take());
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Some(status) = spawned.child.try_wait().unwrap() {
            assert!(status.success(), "{status:?}");
            break;
        }
        assert!(
            Instant::now() < deadline,
            "still running after stdin closed"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn an_unknown_flag_is_a_usage_error() {
    let output = Command::new(env!("CARGO_BIN_EXE_endorser-double"))
        .arg("--frobnicate")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    assert!(String::from_utf8_lossy(&output.stderr).contains("usage: endorser-double"));
}

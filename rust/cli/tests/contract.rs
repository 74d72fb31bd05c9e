//! The `dnp` command-line contract other checks rely on: JSON shapes, exit codes, files.

use std::path::Path;
use std::process::Command;

use endorser_double::{EndorserDouble, Options};

fn dnp(store: &Path, args: &[&str]) -> (i32, serde_json::Value, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_dnp"))
        .arg("--store")
        .arg(store)
        .args(args)
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let json = serde_json::from_str(&stdout).unwrap_or(serde_json::Value::Null);
    (out.status.code().unwrap(), json, stdout)
}

/// `dnp mint` output: the DID and a tokens file.
fn mint(dir: &Path, count: usize) -> (String, std::path::PathBuf) {
    let file = dir.join("tokens.txt");
    let (code, v, _) = dnp(
        dir,
        &[
            "mint",
            "--count",
            &count.to_string(),
            "--out",
            file.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0);
    (v["did"].as_str().unwrap().to_string(), file)
}

#[test]
fn configure_status_prefetch_and_clear_follow_the_contract() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let double = EndorserDouble::start(Options::default()).unwrap();
    let plan = double.add_plan("Plan A", "initial");
    let (did, tokens) = mint(dir.path(), 5);
    let mut lines: Vec<String> = std::fs::read_to_string(&tokens)
        .unwrap()
        .lines()
        .map(String::from)
        .collect();
    lines.push("garbage".into());
    std::fs::write(&tokens, lines.join("\n")).unwrap();

    let (code, v, out) = dnp(
        &store,
        &[
            "configure",
            "--api",
            &double.base_url(),
            "--did",
            &did,
            "--tokens-file",
            tokens.to_str().unwrap(),
            "--plan",
            &plan.handle_id,
            "--policy",
            "per-day",
        ],
    );
    assert_eq!(code, 0, "{out}");
    assert_eq!(v["accepted"], 5);
    assert_eq!(
        v["rejected"],
        serde_json::json!([{"index": 5, "reason": "MALFORMED"}])
    );
    assert!(v["coverageUntil"].as_str().unwrap().ends_with('Z'));
    assert_eq!(v["lowWater"], true, "5 tokens cover 5 days");
    for line in &lines[..5] {
        assert!(!out.contains(&line[40..60]), "output holds a token");
    }

    let (code, v, _) = dnp(&store, &["status", "--json"]);
    assert_eq!(code, 0);
    for key in [
        "configured",
        "activeDid",
        "apiBaseUrl",
        "pool",
        "coverageUntil",
        "lowWater",
        "cursor",
        "lastPrefetch",
    ] {
        assert!(v.get(key).is_some(), "status lacks {key}");
    }
    assert_eq!(
        v["pool"],
        serde_json::json!({"size": 5, "usable": 5, "used": 0, "rejected": 0, "expired": 0})
    );
    assert_eq!(v["activeDid"], did.as_str());

    // The first run establishes the cursor silently.
    let (code, v, _) = dnp(&store, &["prefetch", "--json"]);
    assert_eq!(code, 0);
    assert_eq!(
        (v["outcome"].as_str(), v["baseline"].as_bool()),
        (Some("no_changes"), Some(true))
    );
    assert_eq!(v["cursor"], plan.jwt_id.as_str());

    let edited = double
        .update_plan(&plan.handle_id, Some("Plan A2"), None)
        .unwrap();
    let (code, v, _) = dnp(&store, &["prefetch", "--json", "--deadline-ms", "10000"]);
    assert_eq!(code, 0);
    assert_eq!(v["outcome"], "ok");
    assert_eq!(v["httpStatus"], 200);
    assert_eq!(
        (v["changedPlans"].as_u64(), v["complete"].as_bool()),
        (Some(1), Some(true))
    );
    assert_eq!(
        (v["requests"].as_u64(), v["tokensSent"].as_u64()),
        (Some(1), Some(1))
    );
    assert_eq!(v["notification"]["title"], "Starred Project Update");
    assert_eq!(v["cursor"], edited.as_str());
    let (_, s, _) = dnp(&store, &["status", "--json"]);
    assert_eq!(s["cursor"], plan.jwt_id.as_str(), "not delivered yet");
    let (code, v, _) = dnp(&store, &["acknowledge", &edited]);
    assert_eq!((code, v["cursor"].as_str()), (0, Some(edited.as_str())));
    let (_, s, _) = dnp(&store, &["status", "--json"]);
    assert_eq!(s["cursor"], edited.as_str());
    assert_eq!(s["lastPrefetch"]["complete"], true);
    let (code, v, _) = dnp(&store, &["prefetch", "--json", "--deadline-ms", "0"]);
    assert_eq!(
        (code, v["error"]["code"].as_str()),
        (2, Some("INVALID_ARGUMENT"))
    );

    let tomorrow = "2099-01-01T00:00:00Z";
    let (code, v, _) = dnp(&store, &["prefetch", "--json", "--now", tomorrow]);
    assert_eq!(
        (code, v["outcome"].as_str()),
        (0, Some("no_token")),
        "expired by then"
    );

    let (code, _, _) = dnp(&store, &["clear"]);
    assert_eq!(code, 0);
    let (_, v, _) = dnp(&store, &["status", "--json"]);
    assert_eq!(v["configured"], false);
    let (code, v, _) = dnp(&store, &["prefetch", "--json"]);
    assert_eq!((code, v["outcome"].as_str()), (0, Some("not_configured")));
}

#[test]
fn a_rejected_configure_exits_non_zero_with_a_typed_error_and_keeps_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let (did, tokens) = mint(dir.path(), 2);
    let (code, _, _) = dnp(
        &store,
        &[
            "configure",
            "--api",
            "https://api.endorser.ch",
            "--did",
            &did,
            "--tokens-file",
            tokens.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0);
    let before = std::fs::read(store.join("vault.state")).unwrap();
    for (args, expected) in [
        (
            vec!["--api", "http://api.endorser.ch", "--did", did.as_str()],
            "INVALID_API_BASE_URL",
        ),
        (
            vec!["--api", "https://api.endorser.ch", "--did", "nope"],
            "INVALID_ACTIVE_DID",
        ),
        (
            vec![
                "--api",
                "https://api.endorser.ch",
                "--did",
                "did:ethr:0xother",
            ],
            "NO_USABLE_TOKENS",
        ),
        (
            vec![
                "--api",
                "https://api.endorser.ch",
                "--did",
                did.as_str(),
                "--policy",
                "weekly",
            ],
            "INVALID_TOKEN_POLICY",
        ),
    ] {
        let mut full = vec!["configure", "--tokens-file", tokens.to_str().unwrap()];
        full.extend(args);
        let (code, v, _) = dnp(&store, &full);
        assert_ne!(code, 0, "{expected}");
        assert_eq!(v["error"]["code"], expected);
        assert!(v["error"]["message"].is_string());
        assert_eq!(
            std::fs::read(store.join("vault.state")).unwrap(),
            before,
            "{expected}"
        );
    }
}

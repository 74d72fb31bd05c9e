//! Test support: unsigned-but-well-formed pool tokens (the core never checks signatures) and
//! fresh stores with the host key wrapper.
#![allow(dead_code)]

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use daily_notification_core::{ConfigureOptions, Fetcher, FileKeyWrapper, Secret};

pub const DID: &str = "did:ethr:0x000000000000000000000000000000000000dEaD";
pub const DAY: i64 = 86_400;
/// 2026-11-22T06:00:00Z
pub const T0: i64 = 1_795_327_200;

pub fn jwt(iss: &str, iat: i64, exp: i64, jti: &str) -> String {
    let header = URL_SAFE_NO_PAD.encode(br#"{"typ":"JWT","alg":"ES256K"}"#);
    let payload = serde_json::json!({"iat": iat, "exp": exp, "iss": iss, "jti": jti});
    let payload = URL_SAFE_NO_PAD.encode(payload.to_string());
    format!("{header}.{payload}.c2lnbmF0dXJlLW5vdC1jaGVja2VkLWJ5LXRoZS1jbGllbnQ")
}

/// The app's pool: `n` distinct tokens, all expiring `days` after `now`.
pub fn pool(n: usize, now: i64, days: i64) -> Vec<String> {
    (0..n)
        .map(|i| jwt(DID, now, now + days * DAY, &format!("{DID}#bg#{i}")))
        .collect()
}

pub fn options(tokens: &[String]) -> ConfigureOptions {
    ConfigureOptions {
        api_base_url: "https://api.endorser.ch".into(),
        active_did: DID.into(),
        jwt_tokens: Some(tokens.iter().cloned().map(Secret::new).collect()),
        starred_plan_ids: Some(vec![
            "https://endorser.ch/entity/01M80V4QY5VAHEENK1VFTX3P33".into(),
        ]),
        ..ConfigureOptions::default()
    }
}

pub struct Store {
    pub dir: tempfile::TempDir,
}

impl Store {
    pub fn new() -> Self {
        Self {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    pub fn store_dir(&self) -> std::path::PathBuf {
        self.dir.path().join("store")
    }

    pub fn key_file(&self) -> std::path::PathBuf {
        self.dir.path().join("host.kek")
    }

    pub fn open(&self) -> Fetcher {
        Fetcher::open(
            self.store_dir(),
            Box::new(FileKeyWrapper::new(self.key_file())),
        )
        .unwrap()
    }

    pub fn state_file(&self) -> std::path::PathBuf {
        self.store_dir().join("vault.state")
    }
}

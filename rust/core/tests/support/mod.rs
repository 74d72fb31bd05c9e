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
    // A signature of its own per token (the client never checks it), so a leak test can look
    // for it.
    let signature = URL_SAFE_NO_PAD.encode(format!("signature-not-checked-by-the-client:{jti}"));
    format!("{header}.{payload}.{signature}")
}

/// Whether `text` holds the payload or the signature of `token`, or a 16-character piece of
/// either. (The header is the same for every token and public: finding it proves nothing.)
pub fn leaks(text: &str, token: &str) -> bool {
    token.split('.').skip(1).any(|part| {
        let chars: Vec<char> = part.chars().collect();
        chars.len() >= 16
            && chars
                .windows(16)
                .step_by(8)
                .any(|w| text.contains(&w.iter().collect::<String>()))
    })
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

    /// A fetcher over this store. Tests simulate the wall clock (`T0 + DAY`…) while the boot
    /// clock runs in real time, so its guard is off here and tested on the pool itself.
    pub fn open(&self) -> Fetcher {
        let f = Fetcher::open(
            self.store_dir(),
            Box::new(FileKeyWrapper::new(self.key_file())),
        )
        .unwrap();
        f.use_boot_clock(false);
        f
    }

    pub fn state_file(&self) -> std::path::PathBuf {
        self.store_dir().join("vault.state")
    }
}

/// A cursor below every plan's jwtId: with it, the first prefetch reports every plan (with no
/// cursor at all, the first prefetch only establishes one, silently).
pub const BEFORE_ALL: &str = "00000000000000000000000000";

/// A double over HTTPS with `n` plans, and a store configured for them with `tokens` and the
/// cursor `BEFORE_ALL`.
pub fn served(n: usize, tokens: &[String]) -> (endorser_double::EndorserDouble, Store, Fetcher) {
    let double = endorser_double::EndorserDouble::start(endorser_double::Options {
        tls: true,
        ..Default::default()
    })
    .unwrap();
    let plans: Vec<String> = (0..n)
        .map(|i| double.add_plan(&format!("Plan {i}"), "initial").handle_id)
        .collect();
    let store = Store::new();
    let f = store.open();
    trust(&f, &double);
    let mut opts = options(tokens);
    opts.api_base_url = double.base_url();
    opts.starred_plan_ids = Some(plans);
    opts.after_id = Some(BEFORE_ALL.into());
    f.configure(&opts, now()).unwrap();
    (double, store, f)
}

/// Trusts the double's CA on top of the platform roots.
pub fn trust(f: &Fetcher, double: &endorser_double::EndorserDouble) {
    f.set_http_settings(daily_notification_core::HttpSettings {
        extra_roots_pem: double.ca_cert_pem().into_iter().collect(),
        ..Default::default()
    });
}

/// The real clock: the double checks `exp` against it.
pub fn now() -> i64 {
    daily_notification_core::clock::now()
}

/// Tokens the double accepts: issued now, valid for `days`.
pub fn live_pool(n: usize, days: i64) -> Vec<String> {
    pool(n, now(), days)
}

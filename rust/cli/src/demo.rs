//! `dnp demo`: the README's main job. The whole story on loopback with no set-up: an Endorser
//! double over HTTPS with a few starred projects, a pool minted for a throw-away identity, a fresh
//! store, a prefetch, a project change, the next day's prefetch, and the pool's health.

use daily_notification_core::{
    ConfigureOptions, CoreError, Fetcher, FileKeyWrapper, HttpSettings, Secret, clock,
};
use endorser_double::{EndorserDouble, Options};

use crate::internal;
use crate::mint::Identity;
use crate::print::{print_prefetch, print_status};

const DAY: i64 = 86_400;

pub fn run() -> Result<(), CoreError> {
    let double = EndorserDouble::start(Options {
        tls: true,
        one_time_use: true,
        ..Options::default()
    })
    .map_err(|e| internal(format!("cannot start the Endorser double: {e}")))?;
    let plans: Vec<_> = ["Community Garden", "Tool Library", "Saturday Soup Kitchen"]
        .iter()
        .map(|name| double.add_plan(name, "initial"))
        .collect();
    println!(
        "1. Endorser double on {} (one-time-use tokens), {} starred projects",
        double.base_url(),
        plans.len()
    );

    let dir = tempdir()?;
    let result = story(&double, &plans, &dir);
    let _ = std::fs::remove_dir_all(&dir);
    result
}

fn story(
    double: &EndorserDouble,
    plans: &[endorser_double::Plan],
    dir: &std::path::Path,
) -> Result<(), CoreError> {
    let now = clock::now();
    let id = Identity::generate().map_err(internal)?;
    let pool = id.mint_pool(now, 100, 90).map_err(internal)?;
    println!(
        "2. Throw-away identity {}: minted {} ES256K tokens, 90-day expiry",
        id.did,
        pool.len()
    );

    let fetcher = Fetcher::open(
        dir.join("store"),
        Box::new(FileKeyWrapper::new(dir.join("host.kek"))),
    )?;
    fetcher.set_http_settings(HttpSettings {
        extra_roots_pem: double.ca_cert_pem().into_iter().collect(),
        ..HttpSettings::default()
    });
    let opts = ConfigureOptions {
        api_base_url: double.base_url(),
        active_did: id.did.clone(),
        jwt_tokens: Some(pool.into_iter().map(Secret::new).collect()),
        starred_plan_ids: Some(plans.iter().map(|p| p.handle_id.clone()).collect()),
        ..ConfigureOptions::default()
    };
    let r = fetcher.configure(&opts, now)?;
    println!(
        "3. configureNativeFetcher: {} accepted, {} rejected; coverage until {}",
        r.accepted,
        r.rejected.len(),
        r.coverage_until.map(clock::to_rfc3339).unwrap_or_default()
    );

    println!("4. Background prefetch (no JavaScript), today, the first run:");
    print_prefetch(&fetcher.prefetch(now)?);

    double
        .update_plan(&plans[1].handle_id, None, Some("Now open on Sundays too"))
        .map_err(|e| internal(e.to_string()))?;
    println!("5. Someone edits \"Tool Library\"; tomorrow's prefetch:");
    let r = fetcher.prefetch(now + DAY)?;
    print_prefetch(&r);
    if let Some(cursor) = r.cursor.as_deref().filter(|_| r.notification.is_some()) {
        let acked = fetcher.acknowledge_delivery(cursor)?;
        println!(
            "   shown; acknowledged: cursor now {}",
            acked.cursor.as_deref().unwrap_or("-")
        );
    }

    println!("6. The day after, nothing changed:");
    print_prefetch(&fetcher.prefetch(now + 2 * DAY)?);

    let sent: Vec<String> = double
        .requests()
        .iter()
        .filter_map(|r| {
            r.bearer_token()
                .map(daily_notification_core::redact::fingerprint)
        })
        .collect();
    println!("7. Tokens the server saw, one per day: {}", sent.join(", "));
    println!("8. Pool health:");
    print_status(&fetcher.status(now + 2 * DAY));
    fetcher.clear()?;
    println!("9. clearNativeFetcher (logout): store and key deleted");
    Ok(())
}

fn tempdir() -> Result<std::path::PathBuf, CoreError> {
    let mut suffix = [0u8; 8];
    aws_lc_rs::rand::fill(&mut suffix).map_err(|_| internal("no randomness".into()))?;
    let name: String = suffix.iter().map(|b| format!("{b:02x}")).collect();
    Ok(std::env::temp_dir().join(format!("dnp-demo-{name}")))
}

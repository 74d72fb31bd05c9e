//! `dnp demo`: the README's main job. The whole story on loopback with no set-up: an Endorser
//! double over HTTPS with a few starred projects, a pool minted for a throw-away identity, a fresh
//! store, a prefetch, a project change, the next day's prefetch, and the pool's health.

use daily_notification_core::{
    ConfigureOptions, CoreError, Fetcher, FileKeyWrapper, HttpSettings, PrefetchResult, Secret,
    Status, clock,
};
use endorser_double::{EndorserDouble, Options};

use crate::internal;
use crate::mint::Identity;

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

/// Human-readable prefetch result.
pub fn print_prefetch(r: &PrefetchResult) {
    print_prefetch_json(&serde_json::to_value(r).unwrap_or_default());
}

/// Human-readable prefetch result, from the facade's JSON (what JNI and C return).
pub fn print_prefetch_json(r: &serde_json::Value) {
    let text = |key: &str| r[key].as_str().map(str::to_string);
    let number = |key: &str| r[key].as_u64().unwrap_or(0);
    let status = r["httpStatus"]
        .as_u64()
        .map(|s| format!("HTTP {s}"))
        .unwrap_or_else(|| "no HTTP".into());
    let more = if r["complete"] == false {
        " or more"
    } else {
        ""
    };
    println!(
        "   outcome {} ({status}), {}{more} changed; {} requests, {} tokens",
        text("outcome").unwrap_or_default(),
        number("changedPlans"),
        number("requests"),
        number("tokensSent")
    );
    match r["notification"].as_object() {
        Some(n) => println!(
            "   ┌ {}\n   └ {}",
            n["title"].as_str().unwrap_or_default(),
            n["body"].as_str().unwrap_or_default()
        ),
        None => println!("   (no notification)"),
    }
    if let Some(c) = text("cursor") {
        let what = if r["notification"].is_object() {
            "acknowledge with"
        } else {
            "cursor"
        };
        println!("   {what} {c}");
    }
    if let Some(refusal) = text("tokenRefusal") {
        println!("   the server refused the token: {refusal}");
    }
    if let Some(s) = r["retryAfterSeconds"].as_u64() {
        println!("   retry after {s} s");
    }
    if let Some(m) = text("message") {
        println!("   {m}");
    }
}

/// Human-readable `status`.
pub fn print_status(s: &Status) {
    if let Some(e) = &s.store_error {
        println!(
            "   store unreadable ({}): {}; configure again",
            e.code, e.message
        );
    }
    if !s.configured {
        println!("   not configured");
        return;
    }
    let p = &s.pool;
    println!("   identity     {}", s.active_did.as_deref().unwrap_or("-"));
    println!(
        "   server       {}",
        s.api_base_url.as_deref().unwrap_or("-")
    );
    println!(
        "   pool         {} tokens: {} usable, {} used, {} rejected, {} expired",
        p.size, p.usable, p.used, p.rejected, p.expired
    );
    println!(
        "   coverage     until {}{}",
        s.coverage_until
            .map(clock::to_rfc3339)
            .unwrap_or_else(|| "-".into()),
        if s.low_water {
            "  (LOW WATER: mint a new pool)"
        } else {
            ""
        }
    );
    println!("   cursor       {}", s.cursor.as_deref().unwrap_or("-"));
    if let Some(l) = &s.last_prefetch {
        println!(
            "   last fetch   {} at {} (HTTP {}, {}{} changed)",
            serde_json::to_string(&l.outcome)
                .unwrap_or_default()
                .trim_matches('"'),
            clock::to_rfc3339(l.at),
            l.http_status
                .map(|s| s.to_string())
                .unwrap_or_else(|| "-".into()),
            l.changed_plans,
            if l.complete { "" } else { " or more" }
        );
        if let Some(r) = l.token_refusal {
            println!(
                "   refused      {} (mint a new pool)",
                serde_json::to_string(&r)
                    .unwrap_or_default()
                    .trim_matches('"')
            );
        }
    }
}

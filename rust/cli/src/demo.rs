//! `dnp demo`: the README's main job, end to end on loopback with no set-up.

use daily_notification_core::{
    ConfigureOptions, CoreError, Fetcher, FileKeyWrapper, Secret, Status, clock,
};

use crate::internal;
use crate::mint::Identity;

pub fn run() -> Result<(), CoreError> {
    let dir = std::env::temp_dir().join(format!("dnp-demo-{}", std::process::id()));
    let fetcher = Fetcher::open(
        dir.join("store"),
        Box::new(FileKeyWrapper::new(dir.join("host.kek"))),
    )?;
    let now = clock::now();
    let id = Identity::generate().map_err(internal)?;
    println!("1. Throw-away identity {}", id.did);
    let pool = id.mint_pool(now, 100, 90).map_err(internal)?;
    println!(
        "   minted a pool of {} ES256K tokens, 90-day expiry",
        pool.len()
    );
    let opts = ConfigureOptions {
        api_base_url: "http://127.0.0.1:3000".into(),
        active_did: id.did.clone(),
        jwt_tokens: Some(pool.into_iter().map(Secret::new).collect()),
        ..ConfigureOptions::default()
    };
    let result = fetcher.configure(&opts, now)?;
    println!(
        "2. configureNativeFetcher: {} accepted, {} rejected, coverage until {}",
        result.accepted,
        result.rejected.len(),
        result
            .coverage_until
            .map(clock::to_rfc3339)
            .unwrap_or_default()
    );
    println!("3. Pool health:");
    print_status(&fetcher.status(now));
    fetcher.clear()?;
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
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
            "   last fetch   {} at {} (HTTP {}, {} changed)",
            serde_json::to_string(&l.outcome)
                .unwrap_or_default()
                .trim_matches('"'),
            clock::to_rfc3339(l.at),
            l.http_status
                .map(|s| s.to_string())
                .unwrap_or_else(|| "-".into()),
            l.changed_plans
        );
    }
}

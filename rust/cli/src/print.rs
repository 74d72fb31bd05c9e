//! Human-readable answers of `dnp status` and `dnp prefetch` (and of the demo's steps).

use daily_notification_core::{PrefetchResult, Status, clock};

/// Human-readable prefetch result.
pub fn print_prefetch(r: &PrefetchResult) {
    let outcome = serde_json::to_string(&r.outcome).unwrap_or_default();
    let status = r
        .http_status
        .map(|s| format!("HTTP {s}"))
        .unwrap_or_else(|| "no HTTP".into());
    println!(
        "   outcome {} ({status}), {} changed",
        outcome.trim_matches('"'),
        r.changed_plans
    );
    match &r.notification {
        Some(n) => println!("   ┌ {}\n   └ {}", n.title, n.body),
        None => println!("   (no notification)"),
    }
    if let Some(m) = &r.message {
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

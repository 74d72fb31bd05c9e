//! Human-readable answers of `dnp status` and `dnp prefetch` (and of the demo's steps).

#[cfg(feature = "demo")]
use daily_notification_core::PrefetchResult;
use daily_notification_core::{Status, clock};

/// Human-readable prefetch result (the demo's steps, which call the core directly).
#[cfg(feature = "demo")]
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

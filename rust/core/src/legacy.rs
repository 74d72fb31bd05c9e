//! The old plugin's stored state (`@timesafari/daily-notification-plugin`): what to do with the
//! starred plan ids it left behind. The platform reads its old key (Android SharedPreferences
//! `daily_notification_timesafari` / `starredPlanIds`, the iOS equivalent) and hands the raw value
//! here; the decision (import, keep ours, or leave it alone) is made once, here, where it is
//! tested, and the platform only deletes the old key when told to.

use serde::Serialize;

use crate::config::MAX_PLAN_IDS;
use crate::error::Result;
use crate::fetcher::Fetcher;

/// What became of the old value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LegacyOutcome {
    /// The plugin had no starred plans: the old ids are now its starred plans.
    Imported,
    /// The plugin already has starred plans (the app set them): ours win, the old ones go.
    KeptCurrent,
    /// The old value holds no id: nothing to import.
    Empty,
    /// The old value is not a list of strings: left where it is, for a person to look at.
    Unreadable,
}

/// The answer to the platform: how many ids were taken, and whether to delete the old key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LegacyImport {
    pub outcome: LegacyOutcome,
    pub imported: usize,
    /// Ids of the old list left out: blank, over 2 KiB, control characters, or past 1,000.
    pub skipped: usize,
    pub delete_legacy: bool,
}

/// The old plugin's ids from its stored value: a JSON array of strings, either as JSON (a string
/// set or array read by the platform) or as the JSON text the old plugin wrote into a string.
/// `None` when the value has any other shape.
pub fn parse_legacy_value(value: &serde_json::Value) -> Option<Vec<String>> {
    match value {
        serde_json::Value::Null => Some(Vec::new()),
        serde_json::Value::Array(items) => items
            .iter()
            .map(|v| v.as_str().map(str::to_owned))
            .collect(),
        serde_json::Value::String(text) if text.trim().is_empty() => Some(Vec::new()),
        serde_json::Value::String(text) => match serde_json::from_str(text) {
            Ok(serde_json::Value::Array(items)) => {
                parse_legacy_value(&serde_json::Value::Array(items))
            }
            _ => None,
        },
        _ => None,
    }
}

/// The usable ids of an old list, in order, once each; and how many were left out. An old list
/// is imported leniently (one bad id does not lose the others), within the limits
/// `updateStarredPlans` enforces.
pub fn usable_ids(old: &[String]) -> (Vec<String>, usize) {
    let mut ids: Vec<String> = Vec::new();
    let mut skipped = 0;
    for id in old {
        if !crate::config::plan_id_is_valid(id) || ids.len() >= MAX_PLAN_IDS {
            skipped += 1;
        } else if !ids.contains(id) {
            ids.push(id.clone());
        }
    }
    (ids, skipped)
}

/// Decides, and stores the old ids when the plugin has none. The check and the write happen
/// under the vault's lock, so an `updateStarredPlans` racing with it is never overwritten. An
/// unreadable store is an error (the platform keeps the old key and tries again next launch).
pub fn import_starred_plans(f: &Fetcher, value: &serde_json::Value) -> Result<LegacyImport> {
    let Some(old) = parse_legacy_value(value) else {
        log::warn!("the old plugin's starred plan ids are not a list of strings; left in place");
        return Ok(LegacyImport {
            outcome: LegacyOutcome::Unreadable,
            imported: 0,
            skipped: 0,
            delete_legacy: false,
        });
    };
    let (ids, skipped) = usable_ids(&old);
    let current = f.starred_plans()?;
    let answer = |outcome, imported| LegacyImport {
        outcome,
        imported,
        skipped,
        delete_legacy: true,
    };
    if !current.is_empty() {
        return Ok(answer(LegacyOutcome::KeptCurrent, 0));
    }
    if ids.is_empty() {
        return Ok(answer(LegacyOutcome::Empty, 0));
    }
    let outcome = if f.adopt_starred_plans(&ids)? {
        answer(LegacyOutcome::Imported, ids.len())
    } else {
        answer(LegacyOutcome::KeptCurrent, 0)
    };
    log::info!(
        "old plugin's starred plans: {:?}, {} imported, {} skipped",
        outcome.outcome,
        outcome.imported,
        outcome.skipped
    );
    Ok(outcome)
}

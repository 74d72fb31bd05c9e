//! The process's one `Fetcher`, installed by `NativeCore.init`. Natives take a clone of the `Arc`
//! and release the lock at once, so a long prefetch never blocks `init` or another call.

use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use daily_notification_core::{CoreError, ErrorCode, Fetcher, json};

struct Installed {
    dir: PathBuf,
    fetcher: Arc<Fetcher>,
}

struct Slot {
    installed: Option<Installed>,
    /// The last `setHttpSettings` input, applied again to a fetcher that replaces this one.
    http_settings: Option<String>,
}

static SLOT: RwLock<Slot> = RwLock::new(Slot {
    installed: None,
    http_settings: None,
});

/// Installs a fetcher over `dir` unless one over the same directory is already installed (then
/// nothing happens and `open` is not called). Returns whether a fetcher was opened.
pub(crate) fn install(
    dir: &Path,
    open: impl FnOnce() -> Result<Fetcher, CoreError>,
) -> Result<bool, CoreError> {
    // A panic elsewhere cannot leave the slot half-written: it is replaced in one assignment.
    let mut slot = SLOT.write().unwrap_or_else(|p| p.into_inner());
    if slot.installed.as_ref().is_some_and(|i| i.dir == dir) {
        return Ok(false);
    }
    let fetcher = open()?;
    if let Some(settings) = &slot.http_settings {
        json::set_http_settings(&fetcher, settings)?;
    }
    slot.installed = Some(Installed {
        dir: dir.to_path_buf(),
        fetcher: Arc::new(fetcher),
    });
    Ok(true)
}

/// The installed fetcher, or `NOT_INITIALIZED`.
pub(crate) fn current() -> Result<Arc<Fetcher>, CoreError> {
    let slot = SLOT.read().unwrap_or_else(|p| p.into_inner());
    slot.installed
        .as_ref()
        .map(|i| Arc::clone(&i.fetcher))
        .ok_or_else(|| {
            CoreError::new(
                ErrorCode::NotInitialized,
                "NativeCore.init has not been called in this process",
            )
        })
}

/// Validates and applies HTTP settings to the installed fetcher and remembers them for the next.
pub(crate) fn set_http_settings(input: &str) -> Result<(), CoreError> {
    let mut slot = SLOT.write().unwrap_or_else(|p| p.into_inner());
    let fetcher = slot.installed.as_ref().map(|i| Arc::clone(&i.fetcher));
    let fetcher = fetcher.ok_or_else(|| {
        CoreError::new(
            ErrorCode::NotInitialized,
            "NativeCore.init has not been called in this process",
        )
    })?;
    json::set_http_settings(&fetcher, input)?;
    slot.http_settings = Some(input.to_string());
    Ok(())
}

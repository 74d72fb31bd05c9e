//! The process's one `Fetcher`, set by `dnp_init`. Calls clone an `Arc` and run outside the lock,
//! so a slow prefetch never blocks `dnp_init` or another call.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

use daily_notification_core::{CoreError, ErrorCode, Fetcher};

use crate::key_wrapper::CallbackKeyWrapper;

pub(crate) struct Loaded {
    dir: PathBuf,
    pub(crate) fetcher: Fetcher,
}

static CURRENT: Mutex<Option<Arc<Loaded>>> = Mutex::new(None);

fn current_slot() -> MutexGuard<'static, Option<Arc<Loaded>>> {
    // The slot is replaced whole, so a panic elsewhere cannot leave it half-written.
    CURRENT.lock().unwrap_or_else(|p| p.into_inner())
}

/// The same directory spelled differently (trailing slash, symlink) is the same store.
fn canonical(dir: &Path) -> PathBuf {
    std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf())
}

/// Opens the store at `dir`. The same directory again keeps the open fetcher (and drops
/// `wrapper`); another directory replaces it, keeping the HTTP settings.
pub(crate) fn init(dir: &str, wrapper: CallbackKeyWrapper) -> Result<(), CoreError> {
    if dir.is_empty() {
        return Err(crate::boundary::invalid("store_dir is empty"));
    }
    let missing = wrapper.missing_callbacks();
    if !missing.is_empty() {
        return Err(crate::boundary::invalid(format!(
            "the key wrapper lacks callbacks: {}",
            missing.join(", ")
        )));
    }
    let mut slot = current_slot();
    if let Some(loaded) = slot.as_ref()
        && loaded.dir == canonical(Path::new(dir))
    {
        drop(slot);
        // Not needed: the open fetcher keeps the wrapper it was opened with.
        drop(wrapper);
        return Ok(());
    }
    let fetcher = Fetcher::open(dir, Box::new(wrapper))?;
    if let Some(old) = slot.as_ref() {
        fetcher.set_http_settings(old.fetcher.http_settings());
    }
    let dir = canonical(Path::new(dir));
    let old = slot.replace(Arc::new(Loaded { dir, fetcher }));
    drop(slot);
    // The old fetcher and its key wrapper go when their last running call returns; dropped
    // outside the lock because releasing the wrapper runs platform code.
    drop(old);
    Ok(())
}

pub(crate) fn current() -> Result<Arc<Loaded>, CoreError> {
    current_slot()
        .clone()
        .ok_or_else(|| CoreError::new(ErrorCode::NotInitialized, "dnp_init has not been called"))
}

/// Forgets the fetcher; the next call needs `dnp_init` again.
pub(crate) fn shutdown() {
    let old = current_slot().take();
    // Dropped outside the lock (the guard is a temporary): releasing runs platform code.
    drop(old);
}

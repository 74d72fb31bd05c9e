//! Token text must not stay behind in memory the core frees: buffers that carry tokens are sized
//! up front (no reallocation leaves a copy) and wiped before they are freed. An allocator that
//! looks into every block freed while a test is armed finds any unwiped copy.

mod support;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use daily_notification_core::json;
use support::*;

struct Watching;

static ARMED: AtomicBool = AtomicBool::new(false);
static FOUND: AtomicUsize = AtomicUsize::new(0);
/// The bytes looked for; written only while disarmed.
static MARKER: Mutex<Vec<u8>> = Mutex::new(Vec::new());

fn check(ptr: *const u8, len: usize) {
    if !ARMED.load(Ordering::Relaxed) {
        return;
    }
    // Disarm while looking, so the look itself (the lock) is not watched.
    ARMED.store(false, Ordering::Relaxed);
    if let Ok(marker) = MARKER.try_lock()
        && !marker.is_empty()
        && len >= marker.len()
    {
        // SAFETY: the block is still allocated and `len` bytes long.
        let block = unsafe { std::slice::from_raw_parts(ptr, len) };
        if block.windows(marker.len()).any(|w| w == marker.as_slice()) {
            FOUND.fetch_add(1, Ordering::Relaxed);
        }
    }
    ARMED.store(true, Ordering::Relaxed);
}

// SAFETY: every call is passed on to `System` with the same layouts.
unsafe impl GlobalAlloc for Watching {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        check(ptr, layout.size());
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // Move by hand, so the old block is looked into before it is freed.
        let new_layout = unsafe { Layout::from_size_align_unchecked(new_size, layout.align()) };
        let new = unsafe { System.alloc(new_layout) };
        if !new.is_null() {
            unsafe { std::ptr::copy_nonoverlapping(ptr, new, layout.size().min(new_size)) };
            check(ptr, layout.size());
            unsafe { System.dealloc(ptr, layout) };
        }
        new
    }
}

#[global_allocator]
static GLOBAL: Watching = Watching;

/// The allocator is the whole process's: the tests take turns, or one test's frees (its own pool,
/// minted from the same seeds) would be counted while another is armed.
static SERIAL: Mutex<()> = Mutex::new(());

fn serial() -> std::sync::MutexGuard<'static, ()> {
    SERIAL
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn watch<T>(marker: &str, f: impl FnOnce() -> T) -> (T, usize) {
    *MARKER.lock().unwrap() = marker.as_bytes().to_vec();
    FOUND.store(0, Ordering::Relaxed);
    ARMED.store(true, Ordering::Relaxed);
    let out = f();
    ARMED.store(false, Ordering::Relaxed);
    (out, FOUND.load(Ordering::Relaxed))
}

/// The start of the payload segment (claims, not the public header).
fn payload(token: &str) -> &str {
    &token.split('.').nth(1).unwrap()[..32]
}

#[test]
fn a_vault_write_of_a_large_pool_frees_no_copy_of_a_token() {
    let _turn = serial();
    let store = Store::new();
    let f = store.open();
    let tokens = pool(1000, now(), 90);
    f.configure(&options(&tokens), now()).unwrap();
    // A read-modify-write of the whole store (about 400 KB of state, the pool included).
    // The first token: a buffer that grew by reallocation freed copies of the beginning.
    let (result, found) = watch(payload(&tokens[0]), || {
        f.update_starred_plans(&["https://endorser.ch/entity/01B".into()])
    });
    result.unwrap();
    assert_eq!(found, 0, "freed blocks held a token");
}

#[test]
fn the_acquire_token_output_is_built_without_leaving_copies() {
    let _turn = serial();
    let store = Store::new();
    let f = store.open();
    let tokens = pool(3, now(), 90);
    f.configure(&options(&tokens), now()).unwrap();
    let chosen = f.acquire_token(now()).unwrap().token.expose().to_string();
    let (out, found) = watch(payload(&chosen), || {
        zeroize::Zeroizing::new(json::acquire_token(&f, now()).unwrap())
    });
    assert!(out.contains(payload(&chosen)), "the day's token again");
    assert!(
        out.capacity() > out.len(),
        "room for the C bridge's NUL: no reallocation there either"
    );
    drop(out);
    assert_eq!(found, 0, "freed blocks held the token");
}

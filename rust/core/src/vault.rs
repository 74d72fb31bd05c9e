//! The vault: the whole `State`, sealed with AES-256-GCM under a random data key, in one file.
//!
//! File format, version 1 (all of the header is bound as associated data):
//!
//! ```text
//! "DNPV" | version u8 = 1 | key id [16] | wrapped-key length u16 BE | wrapped key | nonce [12] | ciphertext+tag
//! ```
//!
//! The data key travels wrapped by the platform `KeyWrapper` inside the same file, so state and key
//! always change together in one atomic rename: a crash leaves the old file or the new one.
//! Writers are serialised by an in-process mutex and an advisory lock on `.lock` in the store
//! directory (the app process and a WorkManager process may share the store).

use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use ring::aead::{AES_256_GCM, Aad, LessSafeKey, NONCE_LEN, Nonce, UnboundKey};
use ring::rand::{SecureRandom, SystemRandom};
use zeroize::Zeroizing;

use crate::error::{CoreError, ErrorCode, Result};
use crate::key_wrapper::KeyWrapper;
use crate::state::State;

const MAGIC: &[u8; 4] = b"DNPV";
const VERSION: u8 = 1;
const KEY_ID_LEN: usize = 16;
const STATE_FILE: &str = "vault.state";
const TEMP_FILE: &str = "vault.state.tmp";
const LOCK_FILE: &str = ".lock";

/// The data key of the current file, kept so that each operation need not ask the platform key
/// store again (a Keystore unwrap costs milliseconds).
struct DataKey {
    id: [u8; KEY_ID_LEN],
    wrapped: Vec<u8>,
    key: Zeroizing<[u8; 32]>,
}

pub struct Vault {
    dir: PathBuf,
    wrapper: Box<dyn KeyWrapper>,
    key: Mutex<Option<DataKey>>,
}

/// Holds both locks for the length of one read-modify-write.
struct Guard<'a> {
    key: MutexGuard<'a, Option<DataKey>>,
    _file: File,
}

impl Vault {
    /// Opens (creating if needed) the store directory. Reads nothing yet.
    pub fn open(dir: impl Into<PathBuf>, wrapper: Box<dyn KeyWrapper>) -> Result<Self> {
        let dir = dir.into();
        let mut builder = fs::DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        builder
            .create(&dir)
            .map_err(|e| CoreError::io("cannot create the store directory", &e))?;
        Ok(Self {
            dir,
            wrapper,
            key: Mutex::new(None),
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn lock(&self) -> Result<Guard<'_>> {
        // A panic while holding the mutex leaves nothing half-written on disk (writes are
        // atomic), so a poisoned lock is safe to take over.
        let key = self.key.lock().unwrap_or_else(|p| p.into_inner());
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(self.dir.join(LOCK_FILE))
            .map_err(|e| CoreError::io("cannot open the store lock", &e))?;
        file.lock()
            .map_err(|e| CoreError::io("cannot lock the store", &e))?;
        Ok(Guard { key, _file: file })
    }

    /// The stored state; an empty state when nothing was stored yet.
    pub fn load(&self) -> Result<State> {
        let mut guard = self.lock()?;
        Ok(self.read(&mut guard.key)?.unwrap_or_default())
    }

    /// Reads, changes and durably writes the state. When `f` fails nothing is written.
    pub fn update<T>(&self, f: impl FnOnce(&mut State) -> Result<T>) -> Result<T> {
        let mut guard = self.lock()?;
        let mut state = self.read(&mut guard.key)?.unwrap_or_default();
        let out = f(&mut state)?;
        self.write(&mut guard.key, &state)?;
        Ok(out)
    }

    /// Like `update`, but only on a store that exists: with no store file nothing is created
    /// (no file, no data key, no platform key) and the answer is `None`. Prefetch and delivery
    /// acknowledgements use it, so that one finishing after `clear` (logout) cannot bring the
    /// store back.
    pub fn update_existing<T>(&self, f: impl FnOnce(&mut State) -> Result<T>) -> Result<Option<T>> {
        let mut guard = self.lock()?;
        let Some(mut state) = self.read(&mut guard.key)? else {
            return Ok(None);
        };
        let out = f(&mut state)?;
        self.write(&mut guard.key, &state)?;
        Ok(Some(out))
    }

    /// Like `update`, but an unreadable store (corrupt, newer format, lost key) starts over from
    /// an empty state under a new data key: this is how `configure` recovers a store.
    pub fn update_or_reset<T>(&self, f: impl FnOnce(&mut State) -> Result<T>) -> Result<T> {
        let mut guard = self.lock()?;
        let mut state = match self.read(&mut guard.key) {
            Ok(s) => s.unwrap_or_default(),
            Err(e) if e.code.needs_configure() => {
                log::warn!("replacing an unreadable store ({})", e.code);
                *guard.key = None;
                State::default()
            }
            Err(e) => return Err(e),
        };
        let out = f(&mut state)?;
        self.write(&mut guard.key, &state)?;
        Ok(out)
    }

    /// Deletes the store and asks the platform to delete its wrapping key (logout).
    pub fn clear(&self) -> Result<()> {
        let mut guard = self.lock()?;
        for name in [STATE_FILE, TEMP_FILE] {
            match fs::remove_file(self.dir.join(name)) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                    return Err(CoreError::io("cannot delete the store", &e));
                }
                _ => {}
            }
        }
        sync_dir(&self.dir)?;
        *guard.key = None;
        self.wrapper.delete().map_err(|e| {
            CoreError::new(
                ErrorCode::KeyWrapperFailed,
                format!("cannot delete the key: {e}"),
            )
        })
    }

    fn read(&self, cache: &mut Option<DataKey>) -> Result<Option<State>> {
        let bytes = match fs::read(self.dir.join(STATE_FILE)) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                *cache = None;
                return Ok(None);
            }
            Err(e) => return Err(CoreError::io("cannot read the store", &e)),
        };
        let parsed = Parsed::from_bytes(&bytes)?;
        let reuse = cache
            .as_ref()
            .is_some_and(|k| k.id == parsed.key_id && k.wrapped == parsed.wrapped);
        if !reuse {
            *cache = Some(self.unwrap_key(parsed.key_id, parsed.wrapped)?);
        }
        let key = cache
            .as_ref()
            .map(|k| &k.key)
            .ok_or_else(|| CoreError::corrupt("no key"))?;
        let mut buf = Zeroizing::new(parsed.sealed.to_vec());
        let nonce = Nonce::try_assume_unique_for_key(parsed.nonce)
            .map_err(|_| CoreError::corrupt("the store's nonce is malformed"))?;
        let plain = aead_key(key)?
            .open_in_place(nonce, Aad::from(parsed.header), &mut buf)
            .map_err(|_| {
                CoreError::corrupt("the store does not decrypt (tampered or wrong key)")
            })?;
        serde_json::from_slice(plain)
            .map(Some)
            .map_err(|_| CoreError::corrupt("the store's content does not parse"))
    }

    fn unwrap_key(&self, id: [u8; KEY_ID_LEN], wrapped: &[u8]) -> Result<DataKey> {
        let raw = self.wrapper.unwrap(wrapped)?;
        let mut key = Zeroizing::new([0u8; 32]);
        if raw.len() != key.len() {
            return Err(CoreError::new(
                ErrorCode::KeyUnavailable,
                "the unwrapped data key has the wrong size",
            ));
        }
        key.copy_from_slice(&raw);
        Ok(DataKey {
            id,
            wrapped: wrapped.to_vec(),
            key,
        })
    }

    fn new_key(&self) -> Result<DataKey> {
        let rng = SystemRandom::new();
        let mut key = Zeroizing::new([0u8; 32]);
        let mut id = [0u8; KEY_ID_LEN];
        rng.fill(&mut key[..])
            .and_then(|_| rng.fill(&mut id))
            .map_err(|_| CoreError::new(ErrorCode::Internal, "no randomness"))?;
        let wrapped = self.wrapper.wrap(&key[..]).map_err(|e| {
            CoreError::new(
                ErrorCode::KeyWrapperFailed,
                format!("cannot wrap the data key: {e}"),
            )
        })?;
        if wrapped.len() > u16::MAX as usize {
            return Err(CoreError::new(
                ErrorCode::KeyWrapperFailed,
                "wrapped key too large",
            ));
        }
        Ok(DataKey { id, wrapped, key })
    }

    fn write(&self, cache: &mut Option<DataKey>, state: &State) -> Result<()> {
        if cache.is_none() {
            *cache = Some(self.new_key()?);
        }
        let key = cache.as_ref().ok_or_else(|| CoreError::corrupt("no key"))?;
        let mut nonce = [0u8; NONCE_LEN];
        SystemRandom::new()
            .fill(&mut nonce)
            .map_err(|_| CoreError::new(ErrorCode::Internal, "no randomness"))?;
        let mut out = Vec::with_capacity(64 + key.wrapped.len());
        out.extend_from_slice(MAGIC);
        out.push(VERSION);
        out.extend_from_slice(&key.id);
        out.extend_from_slice(&(key.wrapped.len() as u16).to_be_bytes());
        out.extend_from_slice(&key.wrapped);
        out.extend_from_slice(&nonce);
        let header_len = out.len();

        // Sized up front (plaintext and tag): a buffer that grew by reallocation would leave
        // freed, unwiped copies of the tokens behind.
        let encode_error = |e: serde_json::Error| {
            CoreError::new(ErrorCode::Internal, format!("cannot encode state: {e}"))
        };
        let len = crate::secret::encoded_len(state).map_err(encode_error)?;
        let mut buf = Zeroizing::new(Vec::with_capacity(len + AES_256_GCM.tag_len()));
        serde_json::to_writer(&mut *buf, state).map_err(encode_error)?;
        debug_assert_eq!(buf.capacity(), len + AES_256_GCM.tag_len());
        aead_key(&key.key)?
            .seal_in_place_append_tag(
                Nonce::assume_unique_for_key(nonce),
                Aad::from(&out[..header_len]),
                &mut *buf,
            )
            .map_err(|_| CoreError::new(ErrorCode::Internal, "seal failed"))?;
        out.extend_from_slice(&buf);
        self.write_atomically(&out)
    }

    /// Temporary file, fsync, rename over the old file, fsync of the directory.
    fn write_atomically(&self, bytes: &[u8]) -> Result<()> {
        let tmp = self.dir.join(TEMP_FILE);
        let mut options = OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut f = options
            .open(&tmp)
            .map_err(|e| CoreError::io("cannot create the store file", &e))?;
        f.write_all(bytes)
            .and_then(|_| f.sync_all())
            .map_err(|e| CoreError::io("cannot write the store file", &e))?;
        drop(f);
        fs::rename(&tmp, self.dir.join(STATE_FILE))
            .map_err(|e| CoreError::io("cannot replace the store file", &e))?;
        sync_dir(&self.dir)
    }
}

fn aead_key(key: &[u8; 32]) -> Result<LessSafeKey> {
    UnboundKey::new(&AES_256_GCM, key)
        .map(LessSafeKey::new)
        .map_err(|_| CoreError::new(ErrorCode::Internal, "bad data key"))
}

fn sync_dir(dir: &Path) -> Result<()> {
    #[cfg(unix)]
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|e| CoreError::io("cannot sync the store directory", &e))?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// Whether `bytes` have a vault file's layout (the fuzz target's entry, see `crate::fuzzing`).
#[cfg(feature = "fuzzing")]
pub(crate) fn layout_is_valid(bytes: &[u8]) -> bool {
    Parsed::from_bytes(bytes).is_ok()
}

/// The parts of a version-1 file, borrowed from its bytes.
struct Parsed<'a> {
    header: &'a [u8],
    key_id: [u8; KEY_ID_LEN],
    wrapped: &'a [u8],
    nonce: &'a [u8],
    sealed: &'a [u8],
}

impl<'a> Parsed<'a> {
    fn from_bytes(b: &'a [u8]) -> Result<Self> {
        let fixed = MAGIC.len() + 1 + KEY_ID_LEN + 2;
        if b.len() < fixed || &b[..4] != MAGIC {
            return Err(CoreError::corrupt("the store file is not a vault"));
        }
        match b[4] {
            VERSION => {}
            v if v > VERSION => {
                return Err(CoreError::new(
                    ErrorCode::StoreUnsupportedVersion,
                    format!("the store was written by a newer version ({v})"),
                ));
            }
            _ => return Err(CoreError::corrupt("the store's version is invalid")),
        }
        let mut key_id = [0u8; KEY_ID_LEN];
        key_id.copy_from_slice(&b[5..5 + KEY_ID_LEN]);
        let wrapped_len = u16::from_be_bytes([b[fixed - 2], b[fixed - 1]]) as usize;
        let header_len = fixed + wrapped_len + NONCE_LEN;
        // 16 bytes of GCM tag at least.
        if b.len() < header_len + 16 {
            return Err(CoreError::corrupt("the store file is truncated"));
        }
        Ok(Self {
            header: &b[..header_len],
            key_id,
            wrapped: &b[fixed..fixed + wrapped_len],
            nonce: &b[fixed + wrapped_len..header_len],
            sealed: &b[header_len..],
        })
    }
}

//! `KeyWrapper`: how a platform protects the vault's data key. Android wraps it with an
//! AndroidKeyStore AES key, iOS keeps it in the Keychain; the host program and the tests use
//! `FileKeyWrapper`, a key-encryption key in a 0600 file.

use std::fs;
use std::io::Write;
use std::path::PathBuf;

use ring::aead::{
    AES_256_GCM, Aad, LessSafeKey, MAX_TAG_LEN as TAG_LEN, NONCE_LEN, Nonce, UnboundKey,
};
use ring::rand::{SecureRandom, SystemRandom};
use zeroize::Zeroizing;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyWrapError {
    /// The wrapping key is gone or can no longer decrypt (deleted, invalidated): the data key is
    /// lost and the store needs a new `configure`.
    #[error("key unavailable: {0}")]
    Unavailable(String),
    /// Any other failure of the platform key store.
    #[error("key wrapper failed: {0}")]
    Failed(String),
}

/// How a key wrapper failure reaches the caller: a lost key needs a new `configure`
/// (`KEY_UNAVAILABLE`); anything else may pass (`KEY_WRAPPER_FAILED`).
impl From<KeyWrapError> for crate::CoreError {
    fn from(e: KeyWrapError) -> Self {
        use crate::ErrorCode;
        match e {
            KeyWrapError::Unavailable(m) => Self::new(ErrorCode::KeyUnavailable, m),
            KeyWrapError::Failed(m) => Self::new(ErrorCode::KeyWrapperFailed, m),
        }
    }
}

/// Wraps and unwraps the 32-byte data key. Implementations must be callable from any thread.
pub trait KeyWrapper: Send + Sync {
    fn wrap(&self, data_key: &[u8]) -> Result<Vec<u8>, KeyWrapError>;
    fn unwrap(&self, wrapped: &[u8]) -> Result<Zeroizing<Vec<u8>>, KeyWrapError>;
    /// Deletes the wrapping key (logout). Deleting a key that does not exist is not an error.
    fn delete(&self) -> Result<(), KeyWrapError>;
}

const FILE_WRAP_AAD: &[u8] = b"dnp host key wrap v1";

/// A key-encryption key kept in a file readable only by its owner (mode 0600).
/// For the host program and tests; it protects nothing from someone who can read the file.
pub struct FileKeyWrapper {
    path: PathBuf,
}

impl FileKeyWrapper {
    pub fn new(path: impl Into<PathBuf>) -> Self {
        Self { path: path.into() }
    }

    fn read_kek(&self) -> Result<Option<LessSafeKey>, KeyWrapError> {
        match fs::read(&self.path) {
            Ok(bytes) => {
                let bytes = Zeroizing::new(bytes);
                let key = UnboundKey::new(&AES_256_GCM, &bytes)
                    .map_err(|_| KeyWrapError::Unavailable("key file has the wrong size".into()))?;
                Ok(Some(LessSafeKey::new(key)))
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(KeyWrapError::Failed(format!("cannot read key file: {e}"))),
        }
    }

    fn create_kek(&self) -> Result<LessSafeKey, KeyWrapError> {
        let mut bytes = Zeroizing::new([0u8; 32]);
        SystemRandom::new()
            .fill(&mut bytes[..])
            .map_err(|_| KeyWrapError::Failed("no randomness".into()))?;
        let mut options = fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut f = options
            .open(&self.path)
            .map_err(|e| KeyWrapError::Failed(format!("cannot create key file: {e}")))?;
        f.write_all(&bytes[..])
            .and_then(|_| f.sync_all())
            .map_err(|e| KeyWrapError::Failed(format!("cannot write key file: {e}")))?;
        let key = UnboundKey::new(&AES_256_GCM, &bytes[..])
            .map_err(|_| KeyWrapError::Failed("bad key".into()))?;
        Ok(LessSafeKey::new(key))
    }
}

impl KeyWrapper for FileKeyWrapper {
    fn wrap(&self, data_key: &[u8]) -> Result<Vec<u8>, KeyWrapError> {
        let kek = match self.read_kek()? {
            Some(k) => k,
            None => self.create_kek()?,
        };
        let mut nonce = [0u8; NONCE_LEN];
        SystemRandom::new()
            .fill(&mut nonce)
            .map_err(|_| KeyWrapError::Failed("no randomness".into()))?;
        // Wiped on drop and sized for the tag: the plaintext key is never left in freed memory,
        // neither when sealing fails nor by a reallocation (review n4).
        let mut buf = Zeroizing::new(Vec::with_capacity(data_key.len() + TAG_LEN));
        buf.extend_from_slice(data_key);
        kek.seal_in_place_append_tag(
            Nonce::assume_unique_for_key(nonce),
            Aad::from(FILE_WRAP_AAD),
            &mut *buf,
        )
        .map_err(|_| KeyWrapError::Failed("seal failed".into()))?;
        let mut out = Vec::with_capacity(NONCE_LEN + buf.len());
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&buf);
        Ok(out)
    }

    fn unwrap(&self, wrapped: &[u8]) -> Result<Zeroizing<Vec<u8>>, KeyWrapError> {
        let kek = self
            .read_kek()?
            .ok_or_else(|| KeyWrapError::Unavailable("key file is missing".into()))?;
        if wrapped.len() < NONCE_LEN {
            return Err(KeyWrapError::Unavailable("wrapped key is truncated".into()));
        }
        let (nonce, sealed) = wrapped.split_at(NONCE_LEN);
        let nonce = Nonce::try_assume_unique_for_key(nonce)
            .map_err(|_| KeyWrapError::Unavailable("bad nonce".into()))?;
        let mut buf = Zeroizing::new(sealed.to_vec());
        let plain = kek
            .open_in_place(nonce, Aad::from(FILE_WRAP_AAD), &mut buf)
            .map_err(|_| KeyWrapError::Unavailable("the key file does not open this key".into()))?;
        Ok(Zeroizing::new(plain.to_vec()))
    }

    fn delete(&self) -> Result<(), KeyWrapError> {
        match fs::remove_file(&self.path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(KeyWrapError::Failed(format!("cannot delete key file: {e}"))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_wrapper_round_trips_and_fails_closed() {
        let dir = tempfile::tempdir().unwrap();
        let w = FileKeyWrapper::new(dir.path().join("kek"));
        let wrapped = w.wrap(&[7u8; 32]).unwrap();
        assert_eq!(&w.unwrap(&wrapped).unwrap()[..], &[7u8; 32]);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(dir.path().join("kek"))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let mut flipped = wrapped.clone();
        flipped[20] ^= 1;
        assert!(matches!(
            w.unwrap(&flipped),
            Err(KeyWrapError::Unavailable(_))
        ));
        w.delete().unwrap();
        assert!(matches!(
            w.unwrap(&wrapped),
            Err(KeyWrapError::Unavailable(_))
        ));
        w.delete().unwrap();
    }
}

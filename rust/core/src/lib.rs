//! Native core of the TimeSafari daily notification plugin.
//!
//! The app hands over a pool of long-lived Endorser JWTs (`configure`); the core validates them,
//! keeps them encrypted in a vault whose data key is wrapped by the platform key store, picks the
//! right token for each background request, performs the Endorser prefetch and composes the
//! notification text. Pure logic and storage: no FFI and no platform code live here.

pub mod clock;
pub mod config;
pub mod diagnosis;
pub mod endorser;
pub mod error;
pub mod fetcher;
pub mod json;
pub mod key_wrapper;
pub mod legacy;
pub mod notification;
pub mod outcome;
pub mod pool;
pub mod prefetch;
pub mod redact;
pub mod results;
pub mod schedule;
pub mod secret;
pub mod state;
pub mod tls;
pub mod token;
pub mod vault;

/// Entry points for the fuzz targets (fuzz/, docs/testing.md) into private parsers of untrusted
/// input. Not part of the API: built only with the `fuzzing` feature.
#[cfg(feature = "fuzzing")]
#[doc(hidden)]
pub mod fuzzing {
    /// The vault file's layout, as read from disk.
    pub fn vault_file(bytes: &[u8]) -> bool {
        crate::vault::layout_is_valid(bytes)
    }
}

pub use config::ConfigureOptions;
pub use endorser::HttpSettings;
pub use error::{CoreError, ErrorCode, Result};
pub use fetcher::Fetcher;
pub use key_wrapper::{FileKeyWrapper, KeyWrapError, KeyWrapper};
pub use notification::Notification;
pub use outcome::Outcome;
pub use pool::{PoolHealth, Refusal, TokenPolicy};
pub use prefetch::PrefetchResult;
pub use results::{Acknowledged, AcquiredToken, ConfigureResult, Rejection, Status};
pub use secret::Secret;

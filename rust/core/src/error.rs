//! The core's one error type. Every layer (JSON, JNI, C, Swift, TypeScript) shows the same stable
//! code strings; messages are for people and never carry a token or any part of one.

use serde::Serialize;

/// Stable error codes, in SCREAMING_SNAKE_CASE (see docs/core-contract.md). The strings live
/// once, in `as_str`, which serialization uses too.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorCode {
    InvalidArgument,
    InvalidApiBaseUrl,
    InvalidActiveDid,
    InvalidPlanId,
    InvalidAfterId,
    InvalidTokenPolicy,
    PoolTooLarge,
    NoUsableTokens,
    NotConfigured,
    NoToken,
    StoreCorrupt,
    StoreUnsupportedVersion,
    KeyUnavailable,
    KeyWrapperFailed,
    StoreIo,
    NotInitialized,
    Internal,
    /// A scheduling option the plugin does not support: a schedule other than the daily
    /// "M H * * *", or `contentFetch.url`.
    Unsupported,
}

impl ErrorCode {
    /// The code as it appears in JSON, Java exceptions and C error strings.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::InvalidArgument => "INVALID_ARGUMENT",
            Self::InvalidApiBaseUrl => "INVALID_API_BASE_URL",
            Self::InvalidActiveDid => "INVALID_ACTIVE_DID",
            Self::InvalidPlanId => "INVALID_PLAN_ID",
            Self::InvalidAfterId => "INVALID_AFTER_ID",
            Self::InvalidTokenPolicy => "INVALID_TOKEN_POLICY",
            Self::PoolTooLarge => "POOL_TOO_LARGE",
            Self::NoUsableTokens => "NO_USABLE_TOKENS",
            Self::NotConfigured => "NOT_CONFIGURED",
            Self::NoToken => "NO_TOKEN",
            Self::StoreCorrupt => "STORE_CORRUPT",
            Self::StoreUnsupportedVersion => "STORE_UNSUPPORTED_VERSION",
            Self::KeyUnavailable => "KEY_UNAVAILABLE",
            Self::KeyWrapperFailed => "KEY_WRAPPER_FAILED",
            Self::StoreIo => "STORE_IO",
            Self::NotInitialized => "NOT_INITIALIZED",
            Self::Internal => "INTERNAL",
            Self::Unsupported => "UNSUPPORTED",
        }
    }

    /// Errors after which the store is unreadable and only a new `configure` helps.
    pub fn needs_configure(self) -> bool {
        matches!(
            self,
            Self::StoreCorrupt | Self::StoreUnsupportedVersion | Self::KeyUnavailable
        )
    }
}

impl Serialize for ErrorCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An error with its stable code and a short, token-free message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{code}: {message}")]
pub struct CoreError {
    pub code: ErrorCode,
    pub message: String,
    /// Structured details for the caller, e.g. `{"rejected": [{index, reason}]}` with
    /// `NO_USABLE_TOKENS`. Never token content.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data: Option<serde_json::Value>,
}

impl CoreError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            data: None,
        }
    }

    pub fn with_data(mut self, data: serde_json::Value) -> Self {
        self.data = Some(data);
        self
    }

    pub(crate) fn io(what: &str, err: &std::io::Error) -> Self {
        // io::Error texts name paths and OS reasons, never file contents.
        Self::new(ErrorCode::StoreIo, format!("{what}: {err}"))
    }

    pub(crate) fn corrupt(what: &str) -> Self {
        Self::new(ErrorCode::StoreCorrupt, what)
    }
}

pub type Result<T, E = CoreError> = std::result::Result<T, E>;

#[cfg(test)]
mod code_tests {
    use super::*;

    #[test]
    fn codes_serialize_as_their_stable_strings() {
        for (code, text) in [
            (ErrorCode::InvalidAfterId, "INVALID_AFTER_ID"),
            (
                ErrorCode::StoreUnsupportedVersion,
                "STORE_UNSUPPORTED_VERSION",
            ),
            (ErrorCode::Unsupported, "UNSUPPORTED"),
        ] {
            assert_eq!(code.as_str(), text);
            assert_eq!(serde_json::to_string(&code).unwrap(), format!("\"{text}\""));
        }
    }
}

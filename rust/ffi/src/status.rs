//! The status codes of the C ABI: the one place where a core `ErrorCode` becomes an `int32_t`.
//! Each code has its own value so C and Swift can switch on the status without parsing the
//! error JSON; the JSON in `error_out` carries the same code as a string.

use daily_notification_core::ErrorCode;

/// Success.
pub const DNP_OK: i32 = 0;
/// Malformed input JSON, a null pointer, invalid UTF-8, a missing field, a number out of range.
pub const DNP_INVALID_ARGUMENT: i32 = 1;
/// `apiBaseUrl` is not an absolute https URL (http only for loopback), has user-info, or is long.
pub const DNP_INVALID_API_BASE_URL: i32 = 2;
/// `activeDid` is not `did:<method>:<id>` or is too long.
pub const DNP_INVALID_ACTIVE_DID: i32 = 3;
/// A plan id is empty, too long or has a control character, or there are too many.
pub const DNP_INVALID_PLAN_ID: i32 = 4;
/// `afterId` is empty, too long or not printable.
pub const DNP_INVALID_AFTER_ID: i32 = 5;
/// `tokenPolicy` is not `perDay` or `perRequest`.
pub const DNP_INVALID_TOKEN_POLICY: i32 = 6;
/// More than 1,000 tokens.
pub const DNP_POOL_TOO_LARGE: i32 = 7;
/// Configure: no token passed validation.
pub const DNP_NO_USABLE_TOKENS: i32 = 8;
/// The operation needs a configured fetcher.
pub const DNP_NOT_CONFIGURED: i32 = 9;
/// Acquire token: nothing usable is left.
pub const DNP_NO_TOKEN: i32 = 10;
/// The store does not decrypt or parse: configure again.
pub const DNP_STORE_CORRUPT: i32 = 11;
/// The store was written by a newer format: configure again.
pub const DNP_STORE_UNSUPPORTED_VERSION: i32 = 12;
/// The key wrapper reported the key unavailable (lost or invalidated): configure again.
pub const DNP_KEY_UNAVAILABLE: i32 = 13;
/// The key wrapper failed for another reason (may be transient, e.g. a locked device).
pub const DNP_KEY_WRAPPER_FAILED: i32 = 14;
/// The store directory cannot be read or written.
pub const DNP_STORE_IO: i32 = 15;
/// A call before `dnp_init` (or after `dnp_shutdown`).
pub const DNP_NOT_INITIALIZED: i32 = 16;
/// A bug, including a panic caught at the boundary.
pub const DNP_INTERNAL: i32 = 17;
/// A scheduling option the plugin does not support (a non-daily schedule, `contentFetch.url`).
pub const DNP_UNSUPPORTED: i32 = 18;

/// The status returned for a core error. Exhaustive on purpose: a new `ErrorCode` in the core
/// must get its own value here before this crate compiles.
pub fn status_of(code: ErrorCode) -> i32 {
    match code {
        ErrorCode::InvalidArgument => DNP_INVALID_ARGUMENT,
        ErrorCode::InvalidApiBaseUrl => DNP_INVALID_API_BASE_URL,
        ErrorCode::InvalidActiveDid => DNP_INVALID_ACTIVE_DID,
        ErrorCode::InvalidPlanId => DNP_INVALID_PLAN_ID,
        ErrorCode::InvalidAfterId => DNP_INVALID_AFTER_ID,
        ErrorCode::InvalidTokenPolicy => DNP_INVALID_TOKEN_POLICY,
        ErrorCode::PoolTooLarge => DNP_POOL_TOO_LARGE,
        ErrorCode::NoUsableTokens => DNP_NO_USABLE_TOKENS,
        ErrorCode::NotConfigured => DNP_NOT_CONFIGURED,
        ErrorCode::NoToken => DNP_NO_TOKEN,
        ErrorCode::StoreCorrupt => DNP_STORE_CORRUPT,
        ErrorCode::StoreUnsupportedVersion => DNP_STORE_UNSUPPORTED_VERSION,
        ErrorCode::KeyUnavailable => DNP_KEY_UNAVAILABLE,
        ErrorCode::KeyWrapperFailed => DNP_KEY_WRAPPER_FAILED,
        ErrorCode::StoreIo => DNP_STORE_IO,
        ErrorCode::NotInitialized => DNP_NOT_INITIALIZED,
        ErrorCode::Internal => DNP_INTERNAL,
        ErrorCode::Unsupported => DNP_UNSUPPORTED,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [ErrorCode; 18] = [
        ErrorCode::InvalidArgument,
        ErrorCode::InvalidApiBaseUrl,
        ErrorCode::InvalidActiveDid,
        ErrorCode::InvalidPlanId,
        ErrorCode::InvalidAfterId,
        ErrorCode::InvalidTokenPolicy,
        ErrorCode::PoolTooLarge,
        ErrorCode::NoUsableTokens,
        ErrorCode::NotConfigured,
        ErrorCode::NoToken,
        ErrorCode::StoreCorrupt,
        ErrorCode::StoreUnsupportedVersion,
        ErrorCode::KeyUnavailable,
        ErrorCode::KeyWrapperFailed,
        ErrorCode::StoreIo,
        ErrorCode::NotInitialized,
        ErrorCode::Internal,
        ErrorCode::Unsupported,
    ];

    #[test]
    fn every_code_has_its_own_non_zero_status_in_contract_order() {
        for (i, code) in ALL.iter().enumerate() {
            assert_eq!(status_of(*code), i as i32 + 1, "{code}");
        }
    }
}

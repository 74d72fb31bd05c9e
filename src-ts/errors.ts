// Typed errors: the runtime lists of the contract's codes and the error objects this package
// throws. Native rejections reach JavaScript with the same `code`, `message` and `data` fields.
import { CapacitorException } from '@capacitor/core';
import type { ExceptionCode } from '@capacitor/core';

import type { DailyNotificationErrorCode, TokenRejection, TokenRejectionReason } from './definitions';

/** Every {@link DailyNotificationErrorCode}, in the contract's order. */
export const DAILY_NOTIFICATION_ERROR_CODES: readonly DailyNotificationErrorCode[] = [
  'INVALID_ARGUMENT',
  'INVALID_API_BASE_URL',
  'INVALID_ACTIVE_DID',
  'INVALID_PLAN_ID',
  'INVALID_AFTER_ID',
  'INVALID_TOKEN_POLICY',
  'POOL_TOO_LARGE',
  'NO_USABLE_TOKENS',
  'NOT_CONFIGURED',
  'NO_TOKEN',
  'STORE_CORRUPT',
  'STORE_UNSUPPORTED_VERSION',
  'KEY_UNAVAILABLE',
  'KEY_WRAPPER_FAILED',
  'STORE_IO',
  'NOT_INITIALIZED',
  'INTERNAL',
  'UNSUPPORTED',
  'UNAVAILABLE',
  'UNIMPLEMENTED',
];

/** Every {@link TokenRejectionReason}, in the contract's order. */
export const TOKEN_REJECTION_REASONS: readonly TokenRejectionReason[] = [
  'MALFORMED',
  'TOO_LARGE',
  'ISSUER_MISMATCH',
  'MISSING_EXP',
  'EXPIRED',
  'ISSUED_IN_FUTURE',
  'DUPLICATE',
];

/**
 * Extra data a rejection may carry: the token rejections of `NO_USABLE_TOKENS` (where the platform
 * attaches them; the web always does) and of the web's `UNAVAILABLE` from `configureNativeFetcher`.
 * Nothing here ever holds a token.
 *
 * @since 0.1.0
 */
export interface DailyNotificationErrorData {
  /** Tokens left out of the pool, by index in the combined list. */
  rejected?: TokenRejection[];
  /** Web `configureNativeFetcher`: how many tokens would have been accepted. */
  accepted?: number;
}

/**
 * The shape of a rejected call, native or web.
 *
 * @since 0.1.0
 */
export interface DailyNotificationError extends Error {
  /** One of the contract's codes. */
  code: DailyNotificationErrorCode;
  /** Details, when the code has any. */
  data?: DailyNotificationErrorData;
}

/**
 * True when `error` is a rejection of this plugin carrying a known code, so that
 * `error.code` can be switched on.
 *
 * @since 0.1.0
 */
export function isDailyNotificationError(error: unknown): error is DailyNotificationError {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && (DAILY_NOTIFICATION_ERROR_CODES as readonly string[]).includes(code);
}

/**
 * Build the error this package throws. The message must never contain a token: callers pass
 * fixed text and counts only.
 */
export function dailyNotificationError(
  code: DailyNotificationErrorCode,
  message: string,
  data?: DailyNotificationErrorData,
): DailyNotificationError {
  // CapacitorException types `code` as its own two-value enum; the contract's codes are wider
  // strings that reach JavaScript the same way from native, so the cast only widens the type.
  return new CapacitorException(message, code as unknown as ExceptionCode, data) as DailyNotificationError;
}

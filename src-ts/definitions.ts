// The public API of the DailyNotification plugin: the plugin interface and every option, result and
// code shared with the native layers (docs/core-contract.md). The README's API section is generated
// from this file by @capacitor/docgen.
import type { PermissionState, PluginListenerHandle } from '@capacitor/core';

/**
 * The error codes a rejected call carries in its `code`: the core's stable codes
 * (docs/core-contract.md, "ErrorCode"), plus the two Capacitor codes the web implementation uses.
 *
 * The rule for the three "cannot" codes: `UNSUPPORTED` means the options ask for something the
 * plugin does on no platform (fix the call); `UNAVAILABLE` means the method exists on this
 * platform but what it needs is missing here (the web's background worker, a browser without
 * notifications, a device without the exact-alarm screen); `UNIMPLEMENTED` means the method has no
 * meaning on this platform (the Android-only exact-alarm methods on iOS and the web).
 *
 * - `INVALID_ARGUMENT`: malformed options, a missing field, a wrong type or a number out of range.
 * - `INVALID_API_BASE_URL`: not an absolute https URL (http only for loopback hosts, or for
 *   private-range addresses with `allowDevelopmentHttp` in a debug build), user-info,
 *   a query or a fragment in the URL, or over 2 KiB.
 * - `INVALID_ACTIVE_DID`: not `did:<method>:<id>`, or over 512 characters.
 * - `INVALID_PLAN_ID`: a blank, over-long (2 KiB) or control-character plan id, or over 1,000 ids.
 * - `INVALID_AFTER_ID`: an empty, over-long (128) or non-printable cursor.
 * - `INVALID_TOKEN_POLICY`: not `perDay` / `perRequest`.
 * - `POOL_TOO_LARGE`: more than 1,000 tokens.
 * - `NO_USABLE_TOKENS`: configure: no token passed validation. The message counts the reasons;
 *   `data.rejected` lists each `TokenRejection` where the platform attaches it (the web does).
 * - `NOT_CONFIGURED`: an operation that needs a configured fetcher.
 * - `NO_TOKEN`: nothing usable is left in the pool.
 * - `STORE_CORRUPT`: the vault does not decrypt or parse (tampered, truncated, wrong key).
 * - `STORE_UNSUPPORTED_VERSION`: the vault was written by a newer format.
 * - `KEY_UNAVAILABLE`: the platform key wrapper cannot unwrap the data key.
 * - `KEY_WRAPPER_FAILED`: the platform key wrapper failed to wrap or delete.
 * - `STORE_IO`: the store directory cannot be read or written.
 * - `NOT_INITIALIZED`: the native core was used before it was initialised.
 * - `INTERNAL`: a bug in the plugin, including a caught panic.
 * - `UNSUPPORTED`: an option the plugin does not support on any platform: a schedule other than
 *   the daily `"M H * * *"`, `contentFetch.url`, or the old plugin's `url`, `retryConfig`,
 *   `priority` and `{ options }` wrapper of `scheduleDailyNotification`.
 * - `UNAVAILABLE`: the method exists here but cannot work here: on the web, everything that needs
 *   the native background worker, and permissions without the Notification API; on Android,
 *   `requestExactAlarmPermission` / `openExactAlarmSettings` on a device without that screen
 *   (Capacitor's `ExceptionCode.Unavailable`).
 * - `UNIMPLEMENTED`: the method has no meaning on this platform: `getExactAlarmStatus`,
 *   `requestExactAlarmPermission` and `openExactAlarmSettings` on iOS and the web (Capacitor's
 *   `ExceptionCode.Unimplemented`).
 *
 * @since 0.1.0
 */
export type DailyNotificationErrorCode =
  | 'INVALID_ARGUMENT'
  | 'INVALID_API_BASE_URL'
  | 'INVALID_ACTIVE_DID'
  | 'INVALID_PLAN_ID'
  | 'INVALID_AFTER_ID'
  | 'INVALID_TOKEN_POLICY'
  | 'POOL_TOO_LARGE'
  | 'NO_USABLE_TOKENS'
  | 'NOT_CONFIGURED'
  | 'NO_TOKEN'
  | 'STORE_CORRUPT'
  | 'STORE_UNSUPPORTED_VERSION'
  | 'KEY_UNAVAILABLE'
  | 'KEY_WRAPPER_FAILED'
  | 'STORE_IO'
  | 'NOT_INITIALIZED'
  | 'INTERNAL'
  | 'UNSUPPORTED'
  | 'UNAVAILABLE'
  | 'UNIMPLEMENTED';

/**
 * Why one token of a configure call was not taken into the pool (docs/core-contract.md,
 * "Rejection reasons").
 *
 * - `MALFORMED`: not a compact JWT of three base64url parts with a JSON header and payload.
 * - `TOO_LARGE`: over 8 KiB.
 * - `ISSUER_MISMATCH`: `iss` is not `activeDid`.
 * - `MISSING_EXP`: no `exp` claim.
 * - `EXPIRED`: `exp - expiryMarginSeconds <= now`.
 * - `ISSUED_IN_FUTURE`: `iat > now + 300 s`.
 * - `DUPLICATE`: a valid token equal to an earlier valid token of the list.
 *
 * @since 0.1.0
 */
export type TokenRejectionReason =
  | 'MALFORMED'
  | 'TOO_LARGE'
  | 'ISSUER_MISMATCH'
  | 'MISSING_EXP'
  | 'EXPIRED'
  | 'ISSUED_IN_FUTURE'
  | 'DUPLICATE';

/**
 * How the background fetcher spends the pool.
 *
 * - `perDay`: one token per calendar day; retries on the same day reuse it; a token is never used
 *   again on a later day.
 * - `perRequest`: a fresh token for every request (for a server that enforces one-time use).
 *
 * @since 0.1.0
 */
export type TokenPolicy = 'perDay' | 'perRequest';

/**
 * What the last background prefetch did. A worker treats `ok`, `no_changes`, `not_configured`,
 * `no_plans` and `no_token` as success, `retry` as "try again later" and `failed` as failure.
 *
 * @since 0.1.0
 */
export type PrefetchOutcome =
  | 'ok'
  | 'no_changes'
  | 'not_configured'
  | 'no_plans'
  | 'no_token'
  | 'retry'
  | 'failed';

/**
 * Options of `configureNativeFetcher`: the contract's `ConfigureOptions`, read by the native layers
 * under exactly these keys.
 *
 * @since 0.1.0
 */
export interface ConfigureNativeFetcherOptions {
  /**
   * The Endorser server the background fetch calls, e.g. `https://api.endorser.ch`.
   * Absolute `https` URL; `http` only for loopback hosts (`localhost`, `127.0.0.0/8`, `[::1]`),
   * and, with `allowDevelopmentHttp` in a debug build, for private-range addresses; no user-info,
   * query or fragment; an ASCII host name (an internationalized one in its `xn--` form); at most
   * 2 KiB. Stored without a trailing `/` (compare
   * `getNativeFetcherStatus().apiBaseUrl` with the app's URL the same way).
   *
   * @since 0.1.0
   */
  apiBaseUrl: string;

  /**
   * The identity the tokens are issued by, `did:<method>:<id>` (at most 512 characters). Every
   * token's `iss` must equal it.
   *
   * @since 0.1.0
   */
  activeDid: string;

  /**
   * One token. Alone it is a pool of one (the old plugin's only token). With `jwtTokens` it is
   * counted after them (rejection index `jwtTokens.length`), and merged silently when it equals
   * one of them.
   *
   * @since 0.1.0
   */
  jwtToken?: string;

  /**
   * The pool: distinct long-lived JWTs signed by `activeDid`, each with a unique `jti` (see
   * `mintBackgroundJwtPool`). At most 1,000 tokens; each at most 8 KiB. Replaces the stored pool.
   *
   * @since 0.1.0
   */
  jwtTokens?: string[];

  /**
   * Plan handle IRIs to ask the server about. Replaces the stored list when given; when absent the
   * stored list is kept, except on a switch to another `activeDid`, which starts with none (one
   * account's projects never appear in another's notification). Same rules as
   * `updateStarredPlans`.
   *
   * @since 0.1.0
   */
  starredPlanIds?: string[];

  /**
   * The cursor: the last acknowledged plan `jwtId`: `"0"` or a ULID (26 Crockford base-32
   * characters; lower case is read as upper case). Anything else rejects with `INVALID_AFTER_ID`.
   *
   * Hand the app's old cursor over once, on the first configure. For the same identity
   * the stored cursor never moves back, so passing an older one later changes nothing. With no
   * cursor, or `"0"`, the first prefetch only establishes the cursor and notifies nothing; to have
   * every starred plan announced once, pass an id below all others (26 zeros). After that the
   * cursor moves only when a shown notification is acknowledged (docs/core-contract.md, "The
   * cursor").
   *
   * @since 0.1.0
   */
  afterId?: string;

  /**
   * How the pool is spent.
   *
   * @default "perDay"
   * @since 0.1.0
   */
  tokenPolicy?: TokenPolicy;

  /**
   * `lowWater` turns true when the pool covers fewer than this many days. 0 to 365.
   *
   * @default 7
   * @since 0.1.0
   */
  lowWaterDays?: number;

  /**
   * A token counts as expired this many seconds before its `exp`, so that it is never sent just as
   * it expires. 0 to 86,400.
   *
   * @default 600
   * @since 0.1.0
   */
  expiryMarginSeconds?: number;

  /**
   * Development only: also accept plain `http` to a private-range address, such as the Android
   * emulator's `http://10.0.2.2:3000` or a LAN server (`10.0.0.0/8`, `172.16.0.0/12`,
   * `192.168.0.0/16`, IPv6 `fc00::/7`). Honoured only in a debug build of the app (Android
   * `FLAG_DEBUGGABLE`, iOS `DEBUG`, decided natively, not from JavaScript); a release build
   * rejects such a URL with `INVALID_API_BASE_URL` as if the flag were absent. Public addresses and
   * host names other than `localhost` always need `https`. The web behaves as a release build.
   *
   * @default false
   * @since 0.1.0
   */
  allowDevelopmentHttp?: boolean;
}

/**
 * One token of a configure call that was not taken into the pool.
 *
 * @since 0.1.0
 */
export interface TokenRejection {
  /**
   * Position in the combined list: `jwtTokens[0..n)` then `jwtToken` at `n`.
   *
   * @since 0.1.0
   */
  index: number;

  /**
   * Why it was rejected.
   *
   * @since 0.1.0
   */
  reason: TokenRejectionReason;
}

/**
 * What `configureNativeFetcher` stored: the contract's `ConfigureResult`.
 *
 * @since 0.1.0
 */
export interface ConfigureNativeFetcherResult {
  /**
   * How many tokens are in the pool now.
   *
   * @since 0.1.0
   */
  accepted: number;

  /**
   * The tokens that were left out, and why. Never contains a token.
   *
   * @since 0.1.0
   */
  rejected: TokenRejection[];

  /**
   * Until when (RFC 3339, UTC) the pool can authenticate the background fetch under the policy;
   * null when nothing can be sent.
   *
   * @since 0.1.0
   */
  coverageUntil: string | null;

  /**
   * True when the pool covers fewer than `lowWaterDays` days: mint a new pool and configure again.
   *
   * @since 0.1.0
   */
  lowWater: boolean;
}

/**
 * An error the native store reports without failing the call.
 *
 * @since 0.1.0
 */
export interface StoreError {
  /**
   * `STORE_CORRUPT`, `STORE_UNSUPPORTED_VERSION`, `KEY_UNAVAILABLE`, `STORE_IO`, …
   *
   * @since 0.1.0
   */
  code: DailyNotificationErrorCode;

  /**
   * A description for logs. Never contains a token.
   *
   * @since 0.1.0
   */
  message: string;
}

/**
 * Counters of the stored pool.
 *
 * @since 0.1.0
 */
export interface TokenPoolCounters {
  /**
   * Tokens stored.
   *
   * @since 0.1.0
   */
  size: number;

  /**
   * Tokens that can still be sent now or on a later day under the policy.
   *
   * @since 0.1.0
   */
  usable: number;

  /**
   * Tokens ever sent.
   *
   * @since 0.1.0
   */
  used: number;

  /**
   * Tokens the server refused.
   *
   * @since 0.1.0
   */
  rejected: number;

  /**
   * Tokens not refused but past `exp - expiryMarginSeconds`.
   *
   * @since 0.1.0
   */
  expired: number;
}

/**
 * The last background prefetch.
 *
 * @since 0.1.0
 */
export interface LastPrefetch {
  /**
   * When it ran (RFC 3339, UTC).
   *
   * @since 0.1.0
   */
  at: string;

  /**
   * What it did.
   *
   * @since 0.1.0
   */
  outcome: PrefetchOutcome;

  /**
   * The server's HTTP status, or null when no request was sent.
   *
   * @since 0.1.0
   */
  httpStatus: number | null;

  /**
   * How many starred plans changed (at least this many when `complete` is false).
   *
   * @since 0.1.0
   */
  changedPlans: number;

  /**
   * False when paging ended early (the run's token budget or deadline): the notification then
   * says "or more".
   *
   * @since 0.1.0
   */
  complete: boolean;

  /**
   * Why the server refused the run's last token, or null: `ALREADY_USED`, `NOT_YET_VALID`,
   * `EXPIRED`, `INVALID_SIGNATURE` or `INVALID`. After two refusals for the same reason the pool
   * is refused until a new one is configured (`lowWater` turns true).
   *
   * @since 0.1.0
   */
  tokenRefusal: 'ALREADY_USED' | 'NOT_YET_VALID' | 'EXPIRED' | 'INVALID_SIGNATURE' | 'INVALID' | null;
}

/**
 * State of the native fetcher: the contract's `Status`. Holds no token.
 *
 * @since 0.1.0
 */
export interface NativeFetcherStatus {
  /**
   * A readable configuration is stored.
   *
   * @since 0.1.0
   */
  configured: boolean;

  /**
   * True when not configured or when the store is unreadable (see `storeError`): call
   * `configureNativeFetcher`.
   *
   * @since 0.1.0
   */
  needsConfigure: boolean;

  /**
   * Why the store could not be read, or null.
   *
   * @since 0.1.0
   */
  storeError: StoreError | null;

  /**
   * The configured identity, or null when not configured.
   *
   * @since 0.1.0
   */
  activeDid: string | null;

  /**
   * The configured server, or null when not configured.
   *
   * @since 0.1.0
   */
  apiBaseUrl: string | null;

  /**
   * The configured policy, or null when not configured.
   *
   * @since 0.1.0
   */
  tokenPolicy: TokenPolicy | null;

  /**
   * How many starred plan ids are stored.
   *
   * @since 0.1.0
   */
  starredPlanIds: number;

  /**
   * Pool counters.
   *
   * @since 0.1.0
   */
  pool: TokenPoolCounters;

  /**
   * Until when (RFC 3339, UTC) the pool can authenticate the background fetch; null when nothing
   * can be sent.
   *
   * @since 0.1.0
   */
  coverageUntil: string | null;

  /**
   * True when the pool covers fewer than `lowWaterDays` days: mint a new pool and configure again.
   *
   * @since 0.1.0
   */
  lowWater: boolean;

  /**
   * The stored cursor (last acknowledged plan `jwtId`), or null.
   *
   * @since 0.1.0
   */
  cursor: string | null;

  /**
   * The last background prefetch, or null when none ran since configure.
   *
   * @since 0.1.0
   */
  lastPrefetch: LastPrefetch | null;
}

/**
 * Options of `updateStarredPlans`.
 *
 * @since 0.1.0
 */
export interface UpdateStarredPlansOptions {
  /**
   * Plan handle IRIs, e.g. `https://endorser.ch/entity/01M80V4QY5VAHEENK1VFTX3P33`. Replaces the
   * stored list; repeated ids are stored once. At most 1,000 ids of at most 2 KiB each, none blank
   * or with a control character.
   *
   * @since 0.1.0
   */
  planIds: string[];
}

/**
 * The stored starred plans.
 *
 * @since 0.1.0
 */
export interface StarredPlansResult {
  /**
   * Plan handle IRIs.
   *
   * @since 0.1.0
   */
  planIds: string[];
}

/**
 * What the plugin does when the content fetch has not finished by notification time.
 *
 * - `skip`: show nothing (the app's choice: no "No updates" notification). On iOS nothing of the
 *   app runs at notification time and background refresh runs only when iOS allows it (never after
 *   a force-quit, with Background App Refresh off or in Low Power Mode), so the default is armed
 *   ahead and a prefetch replaces it with content or removes it (no changes, or no content): when
 *   no prefetch ran before the notification time, iOS shows the `userNotification` title and body.
 * - `show_default`: show the `userNotification` title and body.
 *
 * @since 0.1.0
 */
export type DualScheduleFallbackBehavior = 'skip' | 'show_default';

/**
 * The content-fetch half of a dual schedule.
 *
 * @since 0.1.0
 */
export interface ContentFetchConfig {
  /**
   * Whether to fetch before notifying.
   *
   * @since 0.1.0
   */
  enabled: boolean;

  /**
   * When to fetch: a daily cron expression `"M H * * *"` in device local time, e.g.
   * `"25 18 * * *"` (five minutes before an 18:30 notification). Any other cron expression is
   * rejected with `UNSUPPORTED` on every platform.
   *
   * @since 0.1.0
   */
  schedule: string;

  /**
   * Not supported: the old plugin's fetch URL. Every platform rejects a configuration that has
   * it with `UNSUPPORTED`; the native fetcher configured with `configureNativeFetcher` is used.
   *
   * @since 0.1.0
   */
  url?: never;
}

/**
 * The notification half of a dual schedule.
 *
 * @since 0.1.0
 */
export interface UserNotificationConfig {
  /**
   * When to notify: a daily cron expression `"M H * * *"` in device local time, e.g.
   * `"30 18 * * *"`. Any other cron expression is rejected with `UNSUPPORTED`.
   *
   * @since 0.1.0
   */
  schedule: string;

  /**
   * Title used when the fetch brings no text of its own (see `fallbackBehavior`).
   *
   * @since 0.1.0
   */
  title: string;

  /**
   * Body used when the fetch brings no text of its own (see `fallbackBehavior`).
   *
   * @since 0.1.0
   */
  body: string;

  /**
   * Play the default sound.
   *
   * @default true
   * @since 0.1.0
   */
  sound?: boolean;
}

/**
 * How the fetch and the notification relate.
 *
 * @since 0.1.0
 */
export interface DualScheduleRelationship {
  /**
   * How long (milliseconds) the notification waits for the fetch: 0 to 86400000 (a day).
   *
   * @since 0.1.0
   */
  contentTimeout?: number;

  /**
   * What to show when the fetch did not finish in time.
   *
   * @default "skip"
   * @since 0.1.0
   */
  fallbackBehavior?: DualScheduleFallbackBehavior;
}

/**
 * The "New Activity" schedule: fetch at T−5 min, notify at T, daily.
 *
 * @since 0.1.0
 */
export interface DualScheduleConfiguration {
  /**
   * The background fetch.
   *
   * @since 0.1.0
   */
  contentFetch: ContentFetchConfig;

  /**
   * The notification.
   *
   * @since 0.1.0
   */
  userNotification: UserNotificationConfig;

  /**
   * How the two relate.
   *
   * @since 0.1.0
   */
  relationship?: DualScheduleRelationship;
}

/**
 * Options of `scheduleDualNotification`.
 *
 * @since 0.1.0
 */
export interface ScheduleDualNotificationOptions {
  /**
   * The schedule; replaces any earlier dual schedule.
   *
   * @since 0.1.0
   */
  config: DualScheduleConfiguration;
}

/**
 * State of the dual schedule.
 *
 * @since 0.1.0
 */
export interface DualScheduleStatus {
  /**
   * A dual schedule is active.
   *
   * @since 0.1.0
   */
  scheduled: boolean;

  /**
   * The active configuration, or null.
   *
   * @since 0.1.0
   */
  config: DualScheduleConfiguration | null;

  /**
   * Next planned fetch (RFC 3339, UTC), or null. On iOS the system decides the real time.
   *
   * @since 0.1.0
   */
  nextFetchAt: string | null;

  /**
   * Next planned notification (RFC 3339, UTC), or null.
   *
   * @since 0.1.0
   */
  nextNotificationAt: string | null;

  /**
   * The last background prefetch, or null.
   *
   * @since 0.1.0
   */
  lastPrefetch: LastPrefetch | null;
}

/**
 * Options of `scheduleDailyNotification`: a static daily reminder.
 *
 * @since 0.1.0
 */
export interface ScheduleDailyNotificationOptions {
  /**
   * Local time of day, `"HH:MM"` (24-hour).
   *
   * @since 0.1.0
   */
  time: string;

  /**
   * Notification title.
   *
   * @since 0.1.0
   */
  title: string;

  /**
   * Notification body.
   *
   * @since 0.1.0
   */
  body: string;

  /**
   * Play the default sound.
   *
   * @default true
   * @since 0.1.0
   */
  sound?: boolean;

  /**
   * Reminder id, used by `cancelDailyReminder`. Scheduling the same id again replaces it.
   *
   * @default "daily_timesafari_reminder"
   * @since 0.1.0
   */
  id?: string;
}

/**
 * Options of `cancelDailyReminder`.
 *
 * @since 0.1.0
 */
export interface CancelDailyReminderOptions {
  /**
   * The `id` given to `scheduleDailyNotification`. Give this or `id`; both, naming different
   * reminders, reject with `INVALID_ARGUMENT`.
   *
   * @since 0.1.0
   */
  reminderId?: string;

  /**
   * The same as `reminderId`, under the name `scheduleDailyNotification` uses.
   *
   * @since 0.1.0
   */
  id?: string;
}

/**
 * Notification permission.
 *
 * @since 0.1.0
 */
export interface NotificationPermissionStatus {
  /**
   * Permission to show notifications (Android 13+ `POST_NOTIFICATIONS`; iOS alert, sound, badge).
   *
   * @since 0.1.0
   */
  display: PermissionState;

  /**
   * Everything the schedules need is granted (as the old plugin reported it).
   *
   * @since 0.1.0
   */
  allPermissionsGranted: boolean;
}

/**
 * Overview of notifications.
 *
 * @since 0.1.0
 */
export interface NotificationStatus {
  /**
   * Notifications are allowed for the app.
   *
   * @since 0.1.0
   */
  isEnabled: boolean;

  /**
   * At least one schedule (dual or daily reminder) is active.
   *
   * @since 0.1.0
   */
  isScheduled: boolean;

  /**
   * Next planned notification (RFC 3339, UTC), or null.
   *
   * @since 0.1.0
   */
  nextNotificationAt: string | null;

  /**
   * How many notifications are pending.
   *
   * @since 0.1.0
   */
  pending: number;
}

/**
 * The last notification the plugin showed.
 *
 * @since 0.1.0
 */
export interface LastNotification {
  /**
   * Notification id (`dual_notify_*` or the reminder id).
   *
   * @since 0.1.0
   */
  id: string;

  /**
   * Title shown.
   *
   * @since 0.1.0
   */
  title: string;

  /**
   * Body shown.
   *
   * @since 0.1.0
   */
  body: string;

  /**
   * When it was shown (RFC 3339, UTC).
   *
   * @since 0.1.0
   */
  shownAt: string;
}

/**
 * Exact alarm state (Android 12+ `SCHEDULE_EXACT_ALARM`): what `getExactAlarmStatus` and
 * `requestExactAlarmPermission` resolve, and `getDiagnostics().exactAlarms`, under the same names.
 *
 * @since 0.1.0
 */
export interface ExactAlarmStatus {
  /**
   * The platform has the exact-alarm permission concept (Android 12+).
   *
   * @since 0.1.0
   */
  supported: boolean;

  /**
   * Exact alarms can be scheduled now (always true below Android 12). Inexact alarms drift in Doze.
   *
   * @since 0.1.0
   */
  enabled: boolean;
}

/**
 * How a `DiagnosticReason` changes what the user sees: `blocks` (no notification at all), `late`
 * (it comes, possibly late), `stale` (the prefetch may not run in time: the default text with
 * `fallbackBehavior: "show_default"`, else nothing), `warns` (nothing lost yet; act before it is).
 *
 * @since 0.1.0
 */
export type DiagnosticEffect = 'blocks' | 'late' | 'stale' | 'warns';

/**
 * Why a notification may not come, or not with fresh content. The native core decides them from
 * the platform's facts and its own status, identically on Android and iOS.
 *
 * - `NOTHING_SCHEDULED` (blocks): no dual schedule or reminder is armed.
 * - `NOTIFICATIONS_DENIED` (blocks): the permission or the app's notification switch is off.
 * - `CHANNEL_DISABLED` (blocks, Android 8+): the user turned off one of the plugin's channels.
 * - `EXACT_ALARMS_DENIED` (late, Android 12+): inexact alarms, up to an hour late and later in Doze.
 * - `STANDBY_BUCKET_RESTRICTED` (stale, Android 9+): the app is in the `rare` or `restricted` bucket.
 * - `BACKGROUND_REFRESH_OFF` (stale, iOS): Background App Refresh is denied or restricted.
 * - `LOW_POWER_MODE` (stale): iOS Low Power Mode or Android Battery Saver holds back background work.
 * - `BACKGROUND_TASK_NOT_REGISTERED` (stale, iOS): the app did not call
 *   `DailyNotificationPlugin.registerBackgroundTasks()` at launch, so no prefetch is submitted.
 *   After the swap this is also what an AppDelegate that still registers the old plugin's
 *   identifier `com.timesafari.dailynotification.prefetch` itself shows (the same identifier;
 *   remove that registration, see the migration guide's section 3).
 * - `FETCHER_NOT_CONFIGURED`, `STORE_UNREADABLE`, `NO_USABLE_TOKENS`, `NO_STARRED_PLANS` (stale):
 *   the prefetch has nothing to run with; configure (again) with a fresh pool, star plans.
 * - `TOKENS_REFUSED_BY_SERVER` (stale): the server refused the pool's tokens for a reason they all
 *   share (wrong signer, expired, invalid; `getNativeFetcherStatus().lastPrefetch.tokenRefusal`);
 *   nothing is sent until the app configures a newly minted pool.
 * - `POOL_LOW` (warns): the pool covers fewer days than `lowWaterDays`; mint a new one soon.
 * - `LAST_PREFETCH_FAILED` (warns): the last prefetch ended `retry` or `failed`.
 *
 * The background-work reasons count only when the dual schedule fetches content.
 *
 * @since 0.1.0
 */
export type DiagnosticReasonCode =
  | 'NOTHING_SCHEDULED'
  | 'NOTIFICATIONS_DENIED'
  | 'CHANNEL_DISABLED'
  | 'EXACT_ALARMS_DENIED'
  | 'STANDBY_BUCKET_RESTRICTED'
  | 'BACKGROUND_REFRESH_OFF'
  | 'LOW_POWER_MODE'
  | 'BACKGROUND_TASK_NOT_REGISTERED'
  | 'FETCHER_NOT_CONFIGURED'
  | 'STORE_UNREADABLE'
  | 'NO_USABLE_TOKENS'
  | 'TOKENS_REFUSED_BY_SERVER'
  | 'NO_STARRED_PLANS'
  | 'POOL_LOW'
  | 'LAST_PREFETCH_FAILED';

/**
 * One reason of the verdict.
 *
 * @since 0.1.0
 */
export interface DiagnosticReason {
  /**
   * Stable code to branch on.
   *
   * @since 0.1.0
   */
  code: DiagnosticReasonCode;

  /**
   * What it does to the notification.
   *
   * @since 0.1.0
   */
  effect: DiagnosticEffect;
}

/**
 * Android's App Standby bucket (Android 9+): from `active` (no limits) to `restricted` (background
 * work about once a day).
 *
 * @since 0.1.0
 */
export type StandbyBucket = 'exempted' | 'active' | 'working_set' | 'frequent' | 'rare' | 'restricted';

/**
 * The answer of `getDiagnostics`: "will my notification come, and if not, why?". A field a platform
 * cannot know is `null`.
 *
 * @since 0.1.0
 */
export interface DeliveryDiagnostics {
  /**
   * The platform that answered.
   *
   * @since 0.1.0
   */
  platform: 'android' | 'ios' | 'web';

  /**
   * The next notification is expected (no reason `blocks`).
   *
   * @since 0.1.0
   */
  willNotify: boolean;

  /**
   * It is expected with freshly fetched content (no reason `blocks` or `stale`).
   *
   * @since 0.1.0
   */
  freshContentExpected: boolean;

  /**
   * Every reason found, in a fixed order; empty when all is well.
   *
   * @since 0.1.0
   */
  reasons: DiagnosticReason[];

  /**
   * Notification permission, as `checkPermissions().display`.
   *
   * @since 0.1.0
   */
  notificationPermission: PermissionState;

  /**
   * Android 8+: both of the plugin's channels are on. `true` below Android 8; `null` on iOS/web.
   *
   * @since 0.1.0
   */
  channelEnabled: boolean | null;

  /**
   * Android: the exact-alarm permission, as `getExactAlarmStatus()` answers it (`supported`:
   * Android 12+ has the concept; `enabled`: exact alarms can be set now). `null` on iOS and the web.
   *
   * @since 0.1.0
   */
  exactAlarms: ExactAlarmStatus | null;

  /**
   * Android 9+: the App Standby bucket. `null` elsewhere.
   *
   * @since 0.1.0
   */
  standbyBucket: StandbyBucket | null;

  /**
   * iOS: `UIApplication.backgroundRefreshStatus`. `null` elsewhere.
   *
   * @since 0.1.0
   */
  backgroundRefresh: 'available' | 'denied' | 'restricted' | null;

  /**
   * iOS Low Power Mode, Android Battery Saver. `null` on the web.
   *
   * @since 0.1.0
   */
  lowPowerMode: boolean | null;

  /**
   * iOS: the app called `DailyNotificationPlugin.registerBackgroundTasks()` at launch. `null`
   * elsewhere.
   *
   * @since 0.1.0
   */
  backgroundTaskRegistered: boolean | null;

  /**
   * The next prefetch (RFC 3339, UTC), or `null` when none is scheduled.
   *
   * @since 0.1.0
   */
  nextFetchAt: string | null;

  /**
   * The next notification of any schedule (RFC 3339, UTC), or `null`.
   *
   * @since 0.1.0
   */
  nextNotificationAt: string | null;

  /**
   * The native fetcher's status: configuration, pool health (`pool`, `coverageUntil`, `lowWater`)
   * and the last prefetch's outcome and time (`lastPrefetch`). `null` on the web.
   *
   * @since 0.1.0
   */
  fetcher: NativeFetcherStatus | null;
}

/**
 * The answer of the old plugin's `isAlarmScheduled()`.
 *
 * @since 0.1.0
 */
export interface AlarmScheduledResult {
  /**
   * A notification is armed (as `getDiagnostics()` reports: `nextNotificationAt` is not null).
   *
   * @since 0.1.0
   */
  scheduled: boolean;
}

/**
 * The answer of the old plugin's `getNextAlarmTime()`.
 *
 * @since 0.1.0
 */
export interface NextAlarmTimeResult {
  /**
   * A notification is armed.
   *
   * @since 0.1.0
   */
  scheduled: boolean;

  /**
   * When (RFC 3339, UTC; `getDiagnostics().nextNotificationAt`), or `null`.
   *
   * @since 0.1.0
   */
  nextAlarmAt: string | null;
}

/**
 * Which of the plugin's notifications: `content` (what the prefetch fetched, e.g. "Starred Project
 * Updates"), `default` (the dual schedule's own text, shown when nothing was fetched) or `reminder`
 * (a `scheduleDailyNotification` reminder).
 *
 * @since 0.1.0
 */
export type NotificationKind = 'content' | 'default' | 'reminder';

/**
 * The `notificationTapped` event: the user tapped one of the plugin's notifications, which opened
 * the app. A tap that cold-starts the app is kept until the first `notificationTapped` listener is
 * added (Capacitor's retained events), so add it early, e.g. before the first `await` of start-up.
 *
 * @since 0.1.0
 */
export interface NotificationTappedEvent {
  /**
   * Which notification it was: deep-link `content` to the starred projects.
   *
   * @since 0.1.0
   */
  kind: NotificationKind;

  /**
   * The notification's id, as `getLastNotification().id` gives it.
   *
   * @since 0.1.0
   */
  id: string;

  /**
   * With `kind: 'content'`: the handle ids of the starred plans the notification names (the
   * changes the prefetch found), to open those plans. Empty for `default` and `reminder`.
   *
   * @since 0.1.0
   */
  planIds: string[];

  /**
   * With `kind: 'reminder'`: the reminder's id (`scheduleDailyNotification`'s `id`).
   *
   * @since 0.1.0
   */
  reminderId?: string;

  /**
   * When the notification was shown (RFC 3339, UTC). On iOS, when it was delivered.
   *
   * @since 0.1.0
   */
  shownAt: string;
}

/**
 * The `permissionChanged` event: the notification permission changed, seen by the plugin when it
 * asked (`requestPermissions`) or when the app came back to the foreground (a change in Settings).
 *
 * @since 0.1.0
 */
export interface PermissionChangedEvent {
  /**
   * The new state, as `checkPermissions().display`.
   *
   * @since 0.1.0
   */
  display: PermissionState;
}

/**
 * What started a prefetch: Android's exact fetch `alarm` or its WorkManager `work`, iOS's
 * background refresh `task`.
 *
 * @since 0.1.0
 */
export type PrefetchTrigger = 'alarm' | 'work' | 'task';

/**
 * The `prefetchFinished` event: a background prefetch ended while the app was running (its
 * process alive). Prefetches that run while the app is not running are not replayed: read
 * `getDualScheduleStatus().lastPrefetch` at start-up for those.
 *
 * @since 0.1.0
 */
export interface PrefetchFinishedEvent {
  /**
   * How it ended.
   *
   * @since 0.1.0
   */
  outcome: PrefetchOutcome;

  /**
   * Changed starred plans it found.
   *
   * @since 0.1.0
   */
  changedPlans: number;

  /**
   * What started it.
   *
   * @since 0.1.0
   */
  by: PrefetchTrigger;

  /**
   * When it ended (RFC 3339, UTC).
   *
   * @since 0.1.0
   */
  at: string;
}

/**
 * The `DailyNotification` plugin. Drop-in for `@timesafari/daily-notification-plugin`, with the
 * JWT pool added to `configureNativeFetcher`. Rejections carry a `DailyNotificationErrorCode`
 * in `code`; messages never contain a token.
 *
 * @since 0.1.0
 */
export interface DailyNotificationPlugin {
  /**
   * Configure the background fetcher: server, identity, tokens, starred plans and cursor. Replaces
   * the stored pool. Call it on start-up, on resume when the pool is low, and when the identity
   * changes. `{ apiBaseUrl, activeDid, jwtToken }` alone still works (a pool of one).
   *
   * Rejects with `INVALID_*` or `POOL_TOO_LARGE` for bad options and `NO_USABLE_TOKENS` when no
   * token passes validation. On the web it validates the options the same way, stores nothing and
   * rejects with `UNAVAILABLE`.
   *
   * @since 0.1.0
   */
  configureNativeFetcher(options: ConfigureNativeFetcherOptions): Promise<ConfigureNativeFetcherResult>;

  /**
   * The fetcher's state, pool counters and last prefetch. Holds no token.
   *
   * Web: rejects with `UNAVAILABLE`.
   *
   * @since 0.1.0
   */
  getNativeFetcherStatus(): Promise<NativeFetcherStatus>;

  /**
   * Delete the stored configuration, pool, starred plans and cursor (call it on logout or identity
   * reset). Resolves when nothing is stored any more; succeeds when nothing was stored.
   *
   * Web: resolves (there is nothing to clear).
   *
   * @since 0.1.0
   */
  clearNativeFetcher(): Promise<void>;

  /**
   * Replace the starred plan ids the prefetch asks about.
   *
   * Rejects with `INVALID_ARGUMENT` when `planIds` is missing and `INVALID_PLAN_ID` for a bad id.
   * Web: validates, then rejects with `UNAVAILABLE`.
   *
   * @since 0.1.0
   */
  updateStarredPlans(options: UpdateStarredPlansOptions): Promise<StarredPlansResult>;

  /**
   * The stored starred plan ids.
   *
   * Web: rejects with `UNAVAILABLE`.
   *
   * @since 0.1.0
   */
  getStarredPlans(): Promise<StarredPlansResult>;

  /**
   * Schedule the "New Activity" notification: a background fetch before a daily notification.
   * Replaces an earlier dual schedule; leaves the daily reminder alone.
   *
   * Web: validates, then rejects with `UNAVAILABLE`.
   *
   * @since 0.1.0
   */
  scheduleDualNotification(options: ScheduleDualNotificationOptions): Promise<void>;

  /**
   * Change the active dual schedule. Takes the configuration itself or, like
   * `scheduleDualNotification`, `{ config }` (the old plugin's shape), on every platform.
   *
   * Web: validates, then rejects with `UNAVAILABLE`.
   *
   * @since 0.1.0
   */
  updateDualScheduleConfig(config: DualScheduleConfiguration | ScheduleDualNotificationOptions): Promise<void>;

  /**
   * Cancel the dual schedule (fetch and notification). Does not cancel the daily reminder.
   *
   * Web: resolves (nothing is scheduled).
   *
   * @since 0.1.0
   */
  cancelDualSchedule(): Promise<void>;

  /**
   * State of the dual schedule.
   *
   * Web: rejects with `UNAVAILABLE`.
   *
   * @since 0.1.0
   */
  getDualScheduleStatus(): Promise<DualScheduleStatus>;

  /**
   * Schedule a static daily reminder.
   *
   * Web: validates, then rejects with `UNAVAILABLE`.
   *
   * @since 0.1.0
   */
  scheduleDailyNotification(options: ScheduleDailyNotificationOptions): Promise<void>;

  /**
   * Cancel a daily reminder by id: `{ reminderId }` or `{ id }`.
   *
   * Web: validates, then resolves (nothing is scheduled).
   *
   * @since 0.1.0
   */
  cancelDailyReminder(options: CancelDailyReminderOptions): Promise<void>;

  /**
   * Ask for notification permission (Android 13+ `POST_NOTIFICATIONS`; iOS alert, sound, badge).
   *
   * Web: the browser's Notification permission; `UNAVAILABLE` without the Notification API.
   *
   * @since 0.1.0
   */
  requestPermissions(): Promise<NotificationPermissionStatus>;

  /**
   * Read notification permission without asking.
   *
   * Web: the browser's Notification permission; `UNAVAILABLE` without the Notification API.
   *
   * @since 0.1.0
   */
  checkPermissions(): Promise<NotificationPermissionStatus>;

  /**
   * Overview of notifications: enabled, scheduled, next time, pending count.
   *
   * Web: rejects with `UNAVAILABLE`.
   *
   * @since 0.1.0
   */
  getNotificationStatus(): Promise<NotificationStatus>;

  /**
   * Cancel every schedule and pending notification of the plugin (dual schedule and reminders).
   * Does not clear the fetcher's configuration: use `clearNativeFetcher` for that.
   *
   * Web: resolves (nothing is scheduled).
   *
   * @since 0.1.0
   */
  cancelAllNotifications(): Promise<void>;

  /**
   * The last notification shown. Resolves with no value (`undefined`) when none was shown: a
   * native plugin call cannot resolve `null`, and this is what Android and iOS resolve themselves,
   * so every handle on the plugin sees the same answer. Test it with `if (!last)` or
   * `last == null`, not `=== null`.
   *
   * Web: rejects with `UNAVAILABLE`.
   *
   * @since 0.1.0
   */
  getLastNotification(): Promise<LastNotification | undefined>;

  /**
   * Android only: whether exact alarms can be scheduled.
   *
   * iOS and web: rejects with `UNIMPLEMENTED`.
   *
   * @since 0.1.0
   */
  getExactAlarmStatus(): Promise<ExactAlarmStatus>;

  /**
   * Android only: ask for the exact-alarm permission. On Android 12+ without the grant it opens the
   * system screen and resolves with the new status when the user comes back to the app (like
   * local-notifications' `changeExactNotificationSetting`); otherwise it resolves at once. Rejects
   * with `UNAVAILABLE` on a device without that screen.
   *
   * iOS and web: rejects with `UNIMPLEMENTED` (iOS has no exact-alarm permission: its calendar
   * notifications are on time).
   *
   * @since 0.1.0
   */
  requestExactAlarmPermission(): Promise<ExactAlarmStatus>;

  /**
   * Android only: open the app's exact-alarm settings screen, and resolve at once. Prefer
   * `requestExactAlarmPermission`, which resolves with the user's choice.
   *
   * iOS and web: rejects with `UNIMPLEMENTED`.
   *
   * @since 0.1.0
   */
  openExactAlarmSettings(): Promise<void>;

  /**
   * One call that answers "will my notification come, and if not, why?": the verdict
   * (`willNotify`, `freshContentExpected`, `reasons`) and the facts behind it (permission,
   * channels, exact alarms, standby bucket or Background App Refresh, Low Power Mode, the iOS
   * background task's registration, the next fetch and notification, the fetcher's pool and last
   * prefetch). Cheap: reads state, asks nothing of the user, touches no network.
   *
   * Web: resolves with what a browser can tell (the Notification permission); no worker runs there,
   * so `willNotify` is false with `NOTHING_SCHEDULED`.
   *
   * @since 0.1.0
   */
  getDiagnostics(): Promise<DeliveryDiagnostics>;

  /**
   * The old plugin's call, kept for apps that still make it: whether a notification is armed,
   * answered from the same state as `getDiagnostics()`.
   *
   * Web: resolves `{ scheduled: false }`.
   *
   * @deprecated Use `getDiagnostics()`: `nextNotificationAt !== null`.
   * @since 0.1.0
   */
  isAlarmScheduled(): Promise<AlarmScheduledResult>;

  /**
   * The old plugin's call, kept for apps that still make it: the next notification's time,
   * answered from the same state as `getDiagnostics()` (`nextNotificationAt`).
   *
   * Web: resolves `{ scheduled: false, nextAlarmAt: null }`.
   *
   * @deprecated Use `getDiagnostics()`: `nextNotificationAt`.
   * @since 0.1.0
   */
  getNextAlarmTime(): Promise<NextAlarmTimeResult>;

  /**
   * A tap on one of the plugin's notifications opened the app (replaces the old plugin's
   * `registerCallback`). Kept until the first listener when the tap cold-started the app.
   *
   * Web: accepted, never called (the web shows no notification).
   *
   * @since 0.1.0
   */
  addListener(
    eventName: 'notificationTapped',
    listenerFunc: (event: NotificationTappedEvent) => void,
  ): Promise<PluginListenerHandle>;

  /**
   * The notification permission changed (asked, or changed in Settings and noticed when the app
   * came back).
   *
   * Web: accepted, never called.
   *
   * @since 0.1.0
   */
  addListener(
    eventName: 'permissionChanged',
    listenerFunc: (event: PermissionChangedEvent) => void,
  ): Promise<PluginListenerHandle>;

  /**
   * A background prefetch ended while the app was running.
   *
   * Web: accepted, never called (no prefetch runs there).
   *
   * @since 0.1.0
   */
  addListener(
    eventName: 'prefetchFinished',
    listenerFunc: (event: PrefetchFinishedEvent) => void,
  ): Promise<PluginListenerHandle>;

  /**
   * Remove every listener of this plugin.
   *
   * @since 0.1.0
   */
  removeAllListeners(): Promise<void>;
}

// Validation of the fetcher's options (configureNativeFetcher, updateStarredPlans) by the core's
// rules (rust/core/src/config.rs), so the web rejects bad input with the same code native would. Error messages name the
// field and the rule, never a value that could be a token.
import type { TokenPolicy, TokenRejection } from './definitions';
import { dailyNotificationError } from './errors';
import { combinedTokens, DEFAULT_EXPIRY_MARGIN_SECONDS, MAX_POOL_TOKENS, screenTokens, utf8Length } from './token-screen';

export const MAX_API_BASE_URL_BYTES = 2 * 1024;
export const MAX_ACTIVE_DID_CHARS = 512;
export const MAX_PLAN_ID_BYTES = 2 * 1024;
export const MAX_PLAN_IDS = 1000;

// The core's reading of W3C DID syntax (characters only): did:<lower-case letters and digits>:<id>,
// the id made of letters, digits and . - _ : % and not ending in a colon.
const DID = /^did:[a-z0-9]+:[A-Za-z0-9._:%-]*[A-Za-z0-9._%-]$/;
const CONTROL = /\p{Cc}/u;
// A cursor: "0" or a ULID, 26 Crockford base-32 characters (either case), the first at most 7.
const ULID = /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/i;

/** What a valid configure call would store, without any token. */
export interface ConfigureValidation {
  accepted: number;
  rejected: TokenRejection[];
}

const isAbsent = (v: unknown): v is undefined | null => v === undefined || v === null;

function requireObject(options: unknown, what: string): Record<string, unknown> {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw dailyNotificationError('INVALID_ARGUMENT', `${what}: options must be an object`);
  }
  return options as Record<string, unknown>;
}

function requireString(value: unknown, field: string): string {
  if (typeof value !== 'string') {
    throw dailyNotificationError('INVALID_ARGUMENT', `${field} is required and must be a string`);
  }
  return value;
}

function optionalString(value: unknown, field: string): string | undefined {
  if (isAbsent(value)) return undefined;
  if (typeof value !== 'string') throw dailyNotificationError('INVALID_ARGUMENT', `${field} must be a string`);
  return value;
}

function optionalStringArray(value: unknown, field: string): string[] | undefined {
  if (isAbsent(value)) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
    throw dailyNotificationError('INVALID_ARGUMENT', `${field} must be an array of strings`);
  }
  return value as string[];
}

function optionalInteger(value: unknown, field: string): number | undefined {
  if (isAbsent(value)) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw dailyNotificationError('INVALID_ARGUMENT', `${field} must be an integer`);
  }
  return value;
}

function optionalBoolean(value: unknown, field: string): boolean | undefined {
  if (isAbsent(value)) return undefined;
  if (typeof value !== 'boolean') throw dailyNotificationError('INVALID_ARGUMENT', `${field} must be a boolean`);
  return value;
}

function checkRange(value: number | undefined, field: string, min: number, max: number): void {
  if (value !== undefined && (value < min || value > max)) {
    throw dailyNotificationError('INVALID_ARGUMENT', `${field} must be between ${min} and ${max}`);
  }
}

function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/**
 * Throws `INVALID_API_BASE_URL` unless absolute https (http for loopback), with no user-info, query
 * or fragment, at most 2 KiB.
 */
export function validateApiBaseUrl(apiBaseUrl: string): void {
  const invalid = (rule: string) => dailyNotificationError('INVALID_API_BASE_URL', `apiBaseUrl ${rule}`);
  if (utf8Length(apiBaseUrl) > MAX_API_BASE_URL_BYTES) throw invalid('is over 2 KiB');
  let url: URL;
  try {
    url = new URL(apiBaseUrl);
  } catch {
    throw invalid('is not an absolute URL');
  }
  // The native core refuses a non-ASCII host name (its URL parser has no Unicode IDNA tables,
  // docs/dependencies.md); `URL` would turn it into xn-- form silently, so look at the input.
  const authority = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/([^/?#]*)/.exec(apiBaseUrl)?.[1] ?? '';
  if (/[^\x00-\x7F]/.test(authority)) {
    throw invalid('has a non-ASCII host name: give it in its ASCII (xn--, punycode) form');
  }
  const https = url.protocol === 'https:' && url.hostname !== '';
  if (!https && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
    throw invalid('must be https (http only for localhost, 127.0.0.0/8 or [::1])');
  }
  if (url.username !== '' || url.password !== '') throw invalid('must not contain user-info');
  // `href` keeps an empty "?" or "#" that `search`/`hash` report as "".
  if (url.href.includes('?') || url.href.includes('#')) throw invalid('must not have a query or fragment');
}

/** Throws `INVALID_ACTIVE_DID` unless `did:<method>:<id>` of at most 512 characters. */
export function validateActiveDid(activeDid: string): void {
  if ([...activeDid].length > MAX_ACTIVE_DID_CHARS) {
    throw dailyNotificationError('INVALID_ACTIVE_DID', 'activeDid is over 512 characters');
  }
  if (!DID.test(activeDid)) {
    throw dailyNotificationError('INVALID_ACTIVE_DID', 'activeDid must be did:<method>:<id>');
  }
}

/** Throws `INVALID_PLAN_ID` for an empty, over-long or control-character id, or over 1,000 ids. */
export function validatePlanIds(planIds: readonly string[], field: string): void {
  if (planIds.length > MAX_PLAN_IDS) {
    throw dailyNotificationError('INVALID_PLAN_ID', `${field} has more than ${MAX_PLAN_IDS} ids`);
  }
  planIds.forEach((id, i) => {
    if (id.trim() === '' || utf8Length(id) > MAX_PLAN_ID_BYTES || CONTROL.test(id)) {
      throw dailyNotificationError('INVALID_PLAN_ID', `${field}[${i}] is blank, over 2 KiB or has a control character`);
    }
  });
}

function validateAfterId(afterId: string): void {
  if (afterId !== '0' && !ULID.test(afterId)) {
    throw dailyNotificationError('INVALID_AFTER_ID', 'afterId must be "0" or a ULID (26 Crockford base-32 characters)');
  }
}

function validateTokenPolicy(value: string | undefined): TokenPolicy | undefined {
  if (value === undefined) return undefined;
  if (value !== 'perDay' && value !== 'perRequest') {
    throw dailyNotificationError('INVALID_TOKEN_POLICY', 'tokenPolicy must be "perDay" or "perRequest"');
  }
  return value;
}

/**
 * Validate configureNativeFetcher options at `nowMillis` in the core's order: the JSON shape
 * (`INVALID_ARGUMENT` for a missing field or a wrong type), then each field's rule, then the pool
 * (`POOL_TOO_LARGE` over 1,000 tokens, `NO_USABLE_TOKENS` with `data.rejected` when none passes).
 * Returns the screening result.
 */
export function validateConfigureOptions(options: unknown, nowMillis: number): ConfigureValidation {
  const o = requireObject(options, 'configureNativeFetcher');
  const apiBaseUrl = requireString(o.apiBaseUrl, 'apiBaseUrl');
  const activeDid = requireString(o.activeDid, 'activeDid');
  const jwtToken = optionalString(o.jwtToken, 'jwtToken');
  const jwtTokens = optionalStringArray(o.jwtTokens, 'jwtTokens');
  const starredPlanIds = optionalStringArray(o.starredPlanIds, 'starredPlanIds');
  const afterId = optionalString(o.afterId, 'afterId');
  const tokenPolicy = optionalString(o.tokenPolicy, 'tokenPolicy');
  const lowWaterDays = optionalInteger(o.lowWaterDays, 'lowWaterDays');
  const marginSeconds = optionalInteger(o.expiryMarginSeconds, 'expiryMarginSeconds');
  // Type-checked like native; the web is never a debug build, so it changes no URL rule here.
  optionalBoolean(o.allowDevelopmentHttp, 'allowDevelopmentHttp');

  validateApiBaseUrl(apiBaseUrl);
  validateActiveDid(activeDid);
  if (starredPlanIds !== undefined) validatePlanIds(starredPlanIds, 'starredPlanIds');
  if (afterId !== undefined) validateAfterId(afterId);
  validateTokenPolicy(tokenPolicy);
  checkRange(lowWaterDays, 'lowWaterDays', 0, 365);
  checkRange(marginSeconds, 'expiryMarginSeconds', 0, 86400);
  const margin = marginSeconds ?? DEFAULT_EXPIRY_MARGIN_SECONDS;

  const entries = combinedTokens(jwtTokens, jwtToken);
  if (entries.length > MAX_POOL_TOKENS) {
    throw dailyNotificationError('POOL_TOO_LARGE', `${entries.length} tokens given; at most ${MAX_POOL_TOKENS}`);
  }
  const screening = screenTokens(entries, activeDid, nowMillis, margin);
  if (screening.accepted === 0) {
    const detail = entries.length === 0 ? 'no jwtToken or jwtTokens given' : `all ${entries.length} tokens were rejected`;
    throw dailyNotificationError('NO_USABLE_TOKENS', `no usable token: ${detail}`, { rejected: screening.rejected });
  }
  return screening;
}

/** Validate updateStarredPlans options: `planIds` required, each id by the plan-id rules. */
export function validateUpdateStarredPlansOptions(options: unknown): string[] {
  const o = requireObject(options, 'updateStarredPlans');
  if (!Array.isArray(o.planIds) || o.planIds.some((v) => typeof v !== 'string')) {
    throw dailyNotificationError('INVALID_ARGUMENT', 'planIds is required and must be an array of strings');
  }
  validatePlanIds(o.planIds as string[], 'planIds');
  return o.planIds as string[];
}

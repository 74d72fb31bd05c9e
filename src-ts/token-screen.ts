// Token screening for configure: the contract's per-token rejection rules and the combined-list
// index rule, mirrored from the core (rust/core/src/token.rs, fetcher.rs) so that the web answers
// as native does. Reads claims only:
// the server verifies signatures, the client cannot and must not try.
import type { TokenRejection, TokenRejectionReason } from './definitions';

/** The core's limits (docs/core-contract.md). */
export const MAX_TOKEN_BYTES = 8 * 1024;
export const MAX_POOL_TOKENS = 1000;
export const DEFAULT_EXPIRY_MARGIN_SECONDS = 600;
/** The server accepts `iat` up to 300 s in the future; a later one would be refused. */
export const MAX_IAT_SKEW_SECONDS = 300;

const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** Claims the client reads; everything else in the payload is ignored. */
interface TokenClaims {
  iss?: unknown;
  iat?: unknown;
  exp?: unknown;
}

/** What screening kept and left out. */
export interface TokenScreening {
  accepted: number;
  rejected: TokenRejection[];
}

export function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}

function decodeBase64UrlJsonObject(part: string): Record<string, unknown> | null {
  if (!BASE64URL.test(part) || part.length % 4 === 1) return null;
  const padded = part.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (part.length % 4)) % 4);
  try {
    const binary = atob(padded);
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    const value: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/** The payload of a compact JWT, or null when it is not three base64url parts of JSON objects. */
export function readClaims(token: string): TokenClaims | null {
  const parts = token.split('.');
  if (parts.length !== 3 || !BASE64URL.test(parts[2])) return null;
  const header = decodeBase64UrlJsonObject(parts[0]);
  // An unsigned token (alg "none") is never accepted by the server: the core calls it MALFORMED.
  if (header === null || (typeof header.alg === 'string' && header.alg.toLowerCase() === 'none')) return null;
  return decodeBase64UrlJsonObject(parts[1]);
}

/**
 * An RFC 7519 NumericDate as the core reads it: absent (undefined or null), whole seconds (a
 * fractional value is floored), or `'malformed'` for a non-number or a value out of range.
 */
function numericDate(v: unknown): number | undefined | 'malformed' {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v)) return 'malformed';
  if (Number.isInteger(v) && Math.abs(v) <= 9.2e18) return v; // fits the core's i64
  return Math.abs(v) < 1e15 ? Math.floor(v) : 'malformed';
}

/** Why one token cannot join the pool, or null when it can. Duplicates are judged by the caller. */
export function tokenRejectionReason(
  token: string,
  activeDid: string,
  nowSeconds: number,
  marginSeconds: number,
): TokenRejectionReason | null {
  if (utf8Length(token) > MAX_TOKEN_BYTES) return 'TOO_LARGE';
  const claims = readClaims(token);
  if (claims === null) return 'MALFORMED';
  // A claim of the wrong JSON type cannot be read as a claim at all: the token is MALFORMED.
  const iss = claims.iss === null ? undefined : claims.iss;
  const exp = numericDate(claims.exp);
  const iat = numericDate(claims.iat);
  if ((iss !== undefined && typeof iss !== 'string') || exp === 'malformed' || iat === 'malformed') return 'MALFORMED';
  if (iss !== activeDid) return 'ISSUER_MISMATCH';
  if (exp === undefined) return 'MISSING_EXP';
  if (exp - marginSeconds <= nowSeconds) return 'EXPIRED';
  if (iat !== undefined && iat > nowSeconds + MAX_IAT_SKEW_SECONDS) return 'ISSUED_IN_FUTURE';
  return null;
}

/**
 * The combined list of a configure call: `jwtTokens[0..n)` then `jwtToken` at index `n`, with a
 * `jwtToken` equal to an entry of `jwtTokens` dropped (the same token, merged silently).
 */
export function combinedTokens(jwtTokens: readonly string[] | undefined, jwtToken: string | undefined):
  { index: number; token: string }[] {
  const list = (jwtTokens ?? []).map((token, index) => ({ index, token }));
  if (jwtToken !== undefined && !(jwtTokens ?? []).includes(jwtToken)) {
    list.push({ index: (jwtTokens ?? []).length, token: jwtToken });
  }
  return list;
}

/**
 * Screen every token of the combined list. A token is checked on its own first; a valid token
 * equal to an earlier valid one is a `DUPLICATE` (a repeated invalid token keeps its own reason).
 */
export function screenTokens(
  entries: readonly { index: number; token: string }[],
  activeDid: string,
  nowMillis: number,
  marginSeconds: number,
): TokenScreening {
  const nowSeconds = Math.floor(nowMillis / 1000);
  const seen = new Set<string>();
  const rejected: TokenRejection[] = [];
  let accepted = 0;
  for (const { index, token } of entries) {
    let reason = tokenRejectionReason(token, activeDid, nowSeconds, marginSeconds);
    if (reason === null && seen.has(token)) reason = 'DUPLICATE';
    if (reason === null) {
      seen.add(token);
      accepted += 1;
    } else {
      rejected.push({ index, reason });
    }
  }
  return { accepted, rejected };
}

// The app side of the JWT pool: the sizing constants of the app team's plan and a minting loop
// that calls the app's own signer (createEndorserJwtForDid). No cryptography here: this package
// never holds a key; it only decides the claims (iss, iat, exp, unique jti) of each token.
import { dailyNotificationError } from './errors';
import { validateActiveDid } from './fetcher-validation';
import { MAX_POOL_TOKENS } from './token-screen';

/**
 * Lifetime of a background token in days (`exp = iat + days`). Align with the Endorser server's
 * accepted maximum.
 *
 * @since 0.1.0
 */
export const BACKGROUND_JWT_EXPIRY_DAYS = 90;

/**
 * {@link BACKGROUND_JWT_EXPIRY_DAYS} in seconds, for the `exp` claim.
 *
 * @since 0.1.0
 */
export const BACKGROUND_JWT_EXPIRY_SECONDS = BACKGROUND_JWT_EXPIRY_DAYS * 24 * 60 * 60;

/**
 * Extra tokens beyond one per day: same-day retries, manual tests, stricter duplicate rules.
 *
 * @since 0.1.0
 */
export const BACKGROUND_JWT_POOL_BUFFER = 10;

/**
 * Tokens minted per pool. Must stay `>= ceil(BACKGROUND_JWT_EXPIRY_DAYS) + BACKGROUND_JWT_POOL_BUFFER`
 * (see {@link minimumBackgroundJwtPoolSize}); at most 1,000 (the core's limit).
 *
 * @since 0.1.0
 */
export const BACKGROUND_JWT_POOL_SIZE = 100;

/**
 * The sizing rule: one distinct token per day of the token lifetime plus the buffer.
 *
 * @since 0.1.0
 */
export function minimumBackgroundJwtPoolSize(
  expiryDays: number = BACKGROUND_JWT_EXPIRY_DAYS,
  buffer: number = BACKGROUND_JWT_POOL_BUFFER,
): number {
  return Math.ceil(expiryDays) + buffer;
}

/**
 * The claims of one pool token. Pass them as the payload to the app's signer; the signer adds the
 * header and signature and must not override `iat`, `exp` or `jti`.
 *
 * @since 0.1.0
 */
export interface BackgroundJwtClaims {
  /** The issuer: the active DID. */
  iss: string;
  /** Issued at, seconds since the epoch. */
  iat: number;
  /** Expiry, seconds since the epoch. */
  exp: number;
  /** Unique per token, so a server that refuses reused tokens accepts each one once. */
  jti: string;
}

/**
 * Signs one pool token, e.g. `(claims) => createEndorserJwtForDid(claims.iss, claims)`.
 *
 * @since 0.1.0
 */
export type BackgroundJwtSigner = (claims: BackgroundJwtClaims, index: number) => Promise<string>;

/**
 * Options of {@link mintBackgroundJwtPool}.
 *
 * @since 0.1.0
 */
export interface MintBackgroundJwtPoolOptions {
  /** The DID that signs (`iss`); the same as `configureNativeFetcher`'s `activeDid`. */
  activeDid: string;
  /** The app's signer. */
  sign: BackgroundJwtSigner;
  /** Tokens to mint, 1 to 1,000. Default {@link BACKGROUND_JWT_POOL_SIZE}. */
  poolSize?: number;
  /** Token lifetime in days. Default {@link BACKGROUND_JWT_EXPIRY_DAYS}. */
  expiryDays?: number;
  /** Clock, for tests. Default `Date.now()`. */
  nowMillis?: number;
  /** `jti` of token `index`. Default: a random UUID per token. */
  makeJti?: (index: number) => string;
}

function randomJti(index: number, iat: number): string {
  const c = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  if (typeof c?.randomUUID === 'function') return c.randomUUID();
  // Older WebViews without crypto.randomUUID: still unique per pool and across re-mints.
  return `bg-${iat.toString(36)}-${index}-${Math.random().toString(36).slice(2, 12)}`;
}

/**
 * Mint a pool of distinct background tokens with the app's signer: all share `iat` and
 * `exp = iat + expiryDays`, each has its own `jti`. Sequential, so a signer that prompts the user is
 * not flooded. Pass the result as `jwtTokens` to `configureNativeFetcher`. Never log the tokens.
 *
 * @since 0.1.0
 */
export async function mintBackgroundJwtPool(options: MintBackgroundJwtPoolOptions): Promise<string[]> {
  const poolSize = options.poolSize ?? BACKGROUND_JWT_POOL_SIZE;
  const expiryDays = options.expiryDays ?? BACKGROUND_JWT_EXPIRY_DAYS;
  if (typeof options.activeDid !== 'string') throw dailyNotificationError('INVALID_ARGUMENT', 'activeDid is required');
  validateActiveDid(options.activeDid);
  if (typeof options.sign !== 'function') throw dailyNotificationError('INVALID_ARGUMENT', 'sign must be a function');
  if (!Number.isInteger(poolSize) || poolSize < 1 || poolSize > MAX_POOL_TOKENS) {
    throw dailyNotificationError('INVALID_ARGUMENT', `poolSize must be an integer from 1 to ${MAX_POOL_TOKENS}`);
  }
  if (!(expiryDays > 0) || !Number.isFinite(expiryDays)) {
    throw dailyNotificationError('INVALID_ARGUMENT', 'expiryDays must be a positive number');
  }
  const iat = Math.floor((options.nowMillis ?? Date.now()) / 1000);
  const exp = iat + Math.round(expiryDays * 24 * 60 * 60);
  const tokens: string[] = [];
  const jtis = new Set<string>();
  for (let index = 0; index < poolSize; index += 1) {
    const jti = options.makeJti ? options.makeJti(index) : randomJti(index, iat);
    if (jtis.has(jti)) throw dailyNotificationError('INVALID_ARGUMENT', `makeJti returned a repeated jti at index ${index}`);
    jtis.add(jti);
    const token = await options.sign({ iss: options.activeDid, iat, exp, jti }, index);
    if (typeof token !== 'string' || token === '') {
      throw dailyNotificationError('INVALID_ARGUMENT', `sign returned no token at index ${index}`);
    }
    tokens.push(token);
  }
  return tokens;
}

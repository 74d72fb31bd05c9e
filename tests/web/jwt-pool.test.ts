// The app-side pool helper: sizing rule, claims of each minted token (shared iat/exp, unique jti),
// sequential signing, and a minted pool passing configure's validation.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import {
  BACKGROUND_JWT_EXPIRY_DAYS,
  BACKGROUND_JWT_EXPIRY_SECONDS,
  BACKGROUND_JWT_POOL_BUFFER,
  BACKGROUND_JWT_POOL_SIZE,
  minimumBackgroundJwtPoolSize,
  mintBackgroundJwtPool,
} from '../../src-ts/jwt-pool';
import type { BackgroundJwtClaims } from '../../src-ts/jwt-pool';
import { DailyNotificationWeb } from '../../src-ts/web';

import { DAY, DID, NOW, NOW_MILLIS, base64url } from './jwt-fixtures';

/** Stands in for the app's createEndorserJwtForDid: an unsigned JWT of the given claims. */
const fakeSign = async (claims: BackgroundJwtClaims) =>
  `${base64url(JSON.stringify({ typ: 'JWT', alg: 'ES256K' }))}.${base64url(JSON.stringify(claims))}.${base64url('sig')}`;

const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as BackgroundJwtClaims;

beforeEach(() => vi.useFakeTimers({ now: NOW_MILLIS, toFake: ['Date'] }));
afterEach(() => vi.useRealTimers());

describe('sizing', () => {
  it('follows the plan: 90 days, buffer 10, pool 100 >= 90 + 10', () => {
    expect(BACKGROUND_JWT_EXPIRY_DAYS).toBe(90);
    expect(BACKGROUND_JWT_EXPIRY_SECONDS).toBe(90 * DAY);
    expect(BACKGROUND_JWT_POOL_BUFFER).toBe(10);
    expect(BACKGROUND_JWT_POOL_SIZE).toBe(100);
    expect(BACKGROUND_JWT_POOL_SIZE).toBeGreaterThanOrEqual(minimumBackgroundJwtPoolSize());
  });

  it('rounds partial days up', () => {
    expect(minimumBackgroundJwtPoolSize(90, 10)).toBe(100);
    expect(minimumBackgroundJwtPoolSize(30.5, 5)).toBe(36);
  });
});

describe('mintBackgroundJwtPool', () => {
  it('mints the default pool: 100 tokens, iss = did, shared iat and exp = iat + 90 days, unique jti', async () => {
    const tokens = await mintBackgroundJwtPool({ activeDid: DID, sign: fakeSign });
    expect(tokens).toHaveLength(100);
    const claims = tokens.map(claimsOf);
    for (const c of claims) expect(c).toMatchObject({ iss: DID, iat: NOW, exp: NOW + 90 * DAY });
    expect(new Set(claims.map((c) => c.jti)).size).toBe(100);
  });

  it('gives different jti values on every re-mint', async () => {
    const a = (await mintBackgroundJwtPool({ activeDid: DID, sign: fakeSign, poolSize: 5 })).map(claimsOf);
    const b = (await mintBackgroundJwtPool({ activeDid: DID, sign: fakeSign, poolSize: 5 })).map(claimsOf);
    expect(new Set([...a, ...b].map((c) => c.jti)).size).toBe(10);
  });

  it('signs one token at a time, in index order', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const order: number[] = [];
    await mintBackgroundJwtPool({
      activeDid: DID,
      poolSize: 4,
      sign: async (claims, index) => {
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        order.push(index);
        await Promise.resolve();
        inFlight -= 1;
        return fakeSign(claims);
      },
    });
    expect(maxInFlight).toBe(1);
    expect(order).toEqual([0, 1, 2, 3]);
  });

  it('honours poolSize, expiryDays, nowMillis and makeJti', async () => {
    const tokens = await mintBackgroundJwtPool({
      activeDid: DID,
      sign: fakeSign,
      poolSize: 3,
      expiryDays: 30,
      nowMillis: NOW_MILLIS + 1000,
      makeJti: (i) => `${DID}#bg#${NOW}#${i}`,
    });
    expect(tokens.map(claimsOf)).toEqual([0, 1, 2].map((i) => ({ iss: DID, iat: NOW + 1, exp: NOW + 1 + 30 * DAY, jti: `${DID}#bg#${NOW}#${i}` })));
  });

  it('produces a pool that configure accepts whole', async () => {
    const jwtTokens = await mintBackgroundJwtPool({ activeDid: DID, sign: fakeSign });
    const error = await new DailyNotificationWeb()
      .configureNativeFetcher({ apiBaseUrl: 'https://api.endorser.ch', activeDid: DID, jwtTokens })
      .catch((e: { code: string; data: unknown }) => e);
    expect(error).toMatchObject({ code: 'UNAVAILABLE', data: { accepted: 100, rejected: [] } });
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['poolSize 0', { poolSize: 0 }, 'INVALID_ARGUMENT'],
    ['poolSize 1001', { poolSize: 1001 }, 'INVALID_ARGUMENT'],
    ['a fractional poolSize', { poolSize: 2.5 }, 'INVALID_ARGUMENT'],
    ['expiryDays 0', { expiryDays: 0 }, 'INVALID_ARGUMENT'],
    ['a bad DID', { activeDid: 'did:ethr' }, 'INVALID_ACTIVE_DID'],
    ['no signer', { sign: undefined }, 'INVALID_ARGUMENT'],
    ['a signer that returns nothing', { sign: async () => '' }, 'INVALID_ARGUMENT'],
    ['a makeJti that repeats', { makeJti: () => 'same' }, 'INVALID_ARGUMENT'],
  ])('refuses %s', async (_what, change, code) => {
    const options = { activeDid: DID, sign: fakeSign, poolSize: 3, ...change };
    await expect(mintBackgroundJwtPool(options as never)).rejects.toMatchObject({ code });
  });
});

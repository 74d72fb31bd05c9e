// configureNativeFetcher on the web: the core's validation rules give the same codes as native,
// valid options end in UNAVAILABLE with the screening counts, and no token leaks into an error
// or stays in the plugin.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { ConfigureNativeFetcherOptions, DailyNotificationErrorCode } from '../../src-ts/definitions';
import { DailyNotificationWeb } from '../../src-ts/web';

import { DAY, DID, NOW, NOW_MILLIS, OTHER_DID, base64url, jwt, jwtOfBytes, jwtWithout, validOptions } from './jwt-fixtures';

let web: DailyNotificationWeb;
const tokensSeen: string[] = [];

beforeEach(() => {
  vi.useFakeTimers({ now: NOW_MILLIS, toFake: ['Date'] });
  web = new DailyNotificationWeb();
});
afterEach(() => vi.useRealTimers());

/** Calls configure and returns the rejection, checking on the way that it never carries a token. */
async function configureError(options: unknown): Promise<{ code: string; message: string; data?: any }> {
  const o = (options ?? {}) as Partial<ConfigureNativeFetcherOptions>;
  const tokens = [...(o.jwtTokens ?? []), ...(o.jwtToken !== undefined ? [o.jwtToken] : [])].filter((t) => typeof t === 'string');
  tokensSeen.push(...tokens);
  const error = await web.configureNativeFetcher(options as ConfigureNativeFetcherOptions).then(
    () => {
      throw new Error('configureNativeFetcher resolved on the web');
    },
    (e: unknown) => e as { code: string; message: string; data?: unknown },
  );
  const text = `${error.message} ${JSON.stringify(error.data ?? {})}`;
  for (const token of tokens) {
    for (const part of token.split('.').filter((p) => p.length >= 8)) {
      expect(text, 'an error carries part of a token').not.toContain(part);
    }
  }
  return error;
}

async function expectCode(options: unknown, code: DailyNotificationErrorCode): Promise<void> {
  expect((await configureError(options)).code).toBe(code);
}

describe('valid options', () => {
  it('are validated, then refused with UNAVAILABLE and the counts, storing nothing', async () => {
    const options = validOptions(3);
    const error = await configureError(options);
    expect(error.code).toBe('UNAVAILABLE');
    expect(error.message).toMatch(/no background worker/);
    expect(error.data).toEqual({ accepted: 3, rejected: [] });
    expect(JSON.stringify(web)).not.toContain(options.jwtTokens[0].split('.')[1]);
  });

  it('include the old three-field call (a pool of one)', async () => {
    const error = await configureError({ apiBaseUrl: 'https://api.endorser.ch', activeDid: DID, jwtToken: jwt() });
    expect(error).toMatchObject({ code: 'UNAVAILABLE', data: { accepted: 1, rejected: [] } });
  });

  it('accept every optional field at its bounds', async () => {
    const error = await configureError({
      ...validOptions(1),
      starredPlanIds: ['https://endorser.ch/entity/01M80V4QY5VAHEENK1VFTX3P33', 'x'.repeat(2048)],
      afterId: '0',
      tokenPolicy: 'perRequest',
      lowWaterDays: 365,
      expiryMarginSeconds: 86400,
    });
    expect(error.code).toBe('UNAVAILABLE');
  });

  it('takes a ULID cursor in either case, as the core does (it normalises to upper case)', async () => {
    for (const afterId of ['01M80V4R0S68JZJ7E8FY5D8DV9', '01m80v4r0s68jzj7e8fy5d8dv9']) {
      expect((await configureError({ ...validOptions(1), afterId })).code).toBe('UNAVAILABLE');
    }
  });

  it('treat null optional fields as absent, as JSON null is', async () => {
    const error = await configureError({ ...validOptions(1), afterId: null, tokenPolicy: null, lowWaterDays: null });
    expect(error.code).toBe('UNAVAILABLE');
  });
});

describe('rejection indices', () => {
  it('count jwtTokens first, then jwtToken at n', async () => {
    const error = await configureError({
      apiBaseUrl: 'https://api.endorser.ch',
      activeDid: DID,
      jwtTokens: [jwt(), jwt({ exp: NOW + 60 })],
      jwtToken: 'not-a-jwt',
    });
    expect(error.data).toEqual({ accepted: 1, rejected: [{ index: 1, reason: 'EXPIRED' }, { index: 2, reason: 'MALFORMED' }] });
  });

  it('merge a jwtToken equal to an entry of jwtTokens silently', async () => {
    const options = validOptions(2);
    const error = await configureError({ ...options, jwtToken: options.jwtTokens[1] });
    expect(error.data).toEqual({ accepted: 2, rejected: [] });
  });

  it('judge a repeated invalid token by its own rule, not as DUPLICATE', async () => {
    const expired = jwt({ exp: NOW - 1 });
    const error = await configureError({ apiBaseUrl: 'https://api.endorser.ch', activeDid: DID, jwtTokens: [jwt(), expired, expired] });
    expect(error.data?.rejected).toEqual([{ index: 1, reason: 'EXPIRED' }, { index: 2, reason: 'EXPIRED' }]);
  });

  it('report a repeated entry of jwtTokens as DUPLICATE at its later index', async () => {
    const token = jwt();
    const error = await configureError({ apiBaseUrl: 'https://api.endorser.ch', activeDid: DID, jwtTokens: [token, jwt(), token] });
    expect(error.data).toEqual({ accepted: 2, rejected: [{ index: 2, reason: 'DUPLICATE' }] });
  });
});

describe('token rules', () => {
  const header = base64url(JSON.stringify({ typ: 'JWT', alg: 'ES256K' }));
  const payload = base64url(JSON.stringify({ iss: DID, exp: NOW + DAY }));
  const cases: [string, string, string][] = [
    ['MALFORMED', 'two parts', `${header}.${payload}`],
    ['MALFORMED', 'four parts', `${header}.${payload}.sig.x`],
    ['MALFORMED', 'an empty signature', `${header}.${payload}.`],
    ['MALFORMED', 'padding', `${header}.${payload}=.sig`],
    ['MALFORMED', 'a header that is not JSON', `${base64url('not json')}.${payload}.sig`],
    ['MALFORMED', 'a payload that is a JSON array', `${header}.${base64url('[1,2]')}.sig`],
    ['MALFORMED', 'a string exp', jwt({ exp: String(NOW + DAY) })],
    ['MALFORMED', 'a numeric iss', jwt({ iss: 42 })],
    ['MALFORMED', 'an unsigned token (alg none)', `${base64url(JSON.stringify({ typ: 'JWT', alg: 'none' }))}.${payload}.sig`],
    ['TOO_LARGE', 'a token of 8 KiB + 1 byte', jwtOfBytes(8 * 1024 + 1)],
    ['ISSUER_MISMATCH', 'another issuer', jwt({ iss: OTHER_DID })],
    ['ISSUER_MISMATCH', 'no issuer', jwtWithout('iss')],
    ['MISSING_EXP', 'no exp', jwtWithout('exp')],
    ['EXPIRED', 'exp already past', jwt({ exp: NOW - 1 })],
    ['EXPIRED', 'exp exactly at now + 600 s margin', jwt({ exp: NOW + 600 })],
    ['ISSUED_IN_FUTURE', 'iat 301 s ahead', jwt({ iat: NOW + 301 })],
    ['EXPIRED', 'a fractional exp floored onto the margin', jwt({ exp: NOW + 600.9 })],
    ['MALFORMED', 'an exp beyond 64-bit seconds', jwt({ exp: 1e19 })],
  ];

  it.each(cases)('%s: %s', async (reason, _what, token) => {
    const error = await configureError({ apiBaseUrl: 'https://api.endorser.ch', activeDid: DID, jwtTokens: [jwt(), token] });
    expect(error.data?.rejected).toEqual([{ index: 1, reason }]);
  });

  it.each([
    ['exp one second past the margin', jwt({ exp: NOW + 601 })],
    ['iat 300 s ahead', jwt({ iat: NOW + 300 })],
    ['a fractional iat floored to 300 s ahead', jwt({ iat: NOW + 300.9 })],
    ['no iat', jwtWithout('iat')],
    ['a passkey (JWANT) header', jwt({}, { typ: 'JWANT', alg: 'ES256' })],
    ['exactly 8 KiB', jwtOfBytes(8 * 1024)],
  ])('accepts %s', async (_what, token) => {
    const error = await configureError({ apiBaseUrl: 'https://api.endorser.ch', activeDid: DID, jwtTokens: [token] });
    expect(error.data).toEqual({ accepted: 1, rejected: [] });
  });

  it('applies expiryMarginSeconds to EXPIRED', async () => {
    const token = jwt({ exp: NOW + 60 });
    const strict = await configureError({ apiBaseUrl: 'https://api.endorser.ch', activeDid: DID, jwtTokens: [jwt(), token] });
    expect(strict.data?.rejected).toEqual([{ index: 1, reason: 'EXPIRED' }]);
    const lax = await configureError({ apiBaseUrl: 'https://api.endorser.ch', activeDid: DID, jwtTokens: [token], expiryMarginSeconds: 0 });
    expect(lax.data).toEqual({ accepted: 1, rejected: [] });
  });

  it('fails with NO_USABLE_TOKENS and the reasons when no token passes', async () => {
    const error = await configureError({
      apiBaseUrl: 'https://api.endorser.ch',
      activeDid: DID,
      jwtTokens: [jwt({ iss: OTHER_DID })],
      jwtToken: jwt({ exp: NOW }),
    });
    expect(error.code).toBe('NO_USABLE_TOKENS');
    expect(error.data).toEqual({ rejected: [{ index: 0, reason: 'ISSUER_MISMATCH' }, { index: 1, reason: 'EXPIRED' }] });
  });

  it('fails with NO_USABLE_TOKENS when no token is given', async () => {
    await expectCode({ apiBaseUrl: 'https://api.endorser.ch', activeDid: DID }, 'NO_USABLE_TOKENS');
    await expectCode({ apiBaseUrl: 'https://api.endorser.ch', activeDid: DID, jwtTokens: [] }, 'NO_USABLE_TOKENS');
  });

  it('takes 1,000 tokens and refuses 1,001 with POOL_TOO_LARGE', async () => {
    const thousand = validOptions(1000);
    expect((await configureError(thousand)).data?.accepted).toBe(1000);
    await expectCode({ ...thousand, jwtToken: jwt() }, 'POOL_TOO_LARGE');
    await expectCode({ ...thousand, jwtToken: thousand.jwtTokens[0] }, 'UNAVAILABLE');
  });
});

describe('apiBaseUrl', () => {
  it.each([
    'https://api.endorser.ch',
    'https://test-api.endorser.ch/some/path/',
    'http://localhost:3000',
    'http://127.0.0.1:3000',
    'http://127.9.8.7',
    'http://[::1]:3000/',
  ])('accepts %s', async (apiBaseUrl) => {
    await expectCode({ ...validOptions(1), apiBaseUrl }, 'UNAVAILABLE');
  });

  it.each([
    ['a relative URL', 'api.endorser.ch'],
    ['http to a public host', 'http://api.endorser.ch'],
    ['http to a private address', 'http://10.0.0.2:3000'],
    ['http to a host named like loopback', 'http://localhost.example.com'],
    ['http to 128.0.0.1', 'http://128.0.0.1'],
    ['another scheme', 'ftp://api.endorser.ch'],
    ['user-info', 'https://user:secret@api.endorser.ch'],
    ['a user name', 'https://user@api.endorser.ch'],
    ['over 2 KiB', `https://api.endorser.ch/${'a'.repeat(2048)}`],
    ['an empty string', ''],
    ['a query', 'https://api.endorser.ch/?q=1'],
    ['an empty query', 'https://api.endorser.ch/?'],
    ['a fragment', 'https://api.endorser.ch/#top'],
    ['a non-ASCII host name, as the native core does', 'https://b\u00fccher.example'],
  ])('refuses %s with INVALID_API_BASE_URL', async (_what, apiBaseUrl) => {
    await expectCode({ ...validOptions(1), apiBaseUrl }, 'INVALID_API_BASE_URL');
  });

  it('accepts the xn-- form of an internationalized host name and a non-ASCII path', async () => {
    const error = await configureError({ ...validOptions(1), apiBaseUrl: 'https://b\u00fccher.example' });
    expect(error.message).toContain('xn--');
    for (const apiBaseUrl of ['https://xn--bcher-kva.example', 'https://api.endorser.ch/b\u00fccher']) {
      await expectCode({ ...validOptions(1), apiBaseUrl }, 'UNAVAILABLE');
    }
  });

  it('does not echo user-info in the message', async () => {
    const error = await configureError({ ...validOptions(1), apiBaseUrl: 'https://user:hunter2@api.endorser.ch' });
    expect(error.message).not.toContain('hunter2');
  });

  it('treats the web as a release build: allowDevelopmentHttp opens no private address', async () => {
    for (const apiBaseUrl of ['http://10.0.2.2:3000', 'http://192.168.1.20:3000']) {
      await expectCode({ ...validOptions(1), apiBaseUrl, allowDevelopmentHttp: true }, 'INVALID_API_BASE_URL');
    }
    await expectCode({ ...validOptions(1), allowDevelopmentHttp: true }, 'UNAVAILABLE');
  });

  it('refuses a non-boolean allowDevelopmentHttp with INVALID_ARGUMENT, as native does', async () => {
    await expectCode({ ...validOptions(1), allowDevelopmentHttp: 'yes' }, 'INVALID_ARGUMENT');
  });
});

describe('activeDid', () => {
  it.each([
    DID,
    'did:peer:0z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK',
    'did:ethr:sepolia:0xabc',
    'did:web:example.com%3A8443',
    'did:web:a%zz', // the core checks characters, not percent escapes
    'did:ethr::0xabc', // an empty segment inside the id
    `did:ethr:${'a'.repeat(512 - 'did:ethr:'.length)}`,
  ])('accepts %s', async (activeDid) => {
    const options = { apiBaseUrl: 'https://api.endorser.ch', activeDid, jwtToken: jwt({ iss: activeDid }) };
    await expectCode(options, 'UNAVAILABLE');
  });

  it.each([
    ['no did: prefix', 'ethr:0xabc'],
    ['an empty method', 'did::0xabc'],
    ['an upper-case method', 'did:ETHR:0xabc'],
    ['an empty id', 'did:ethr:'],
    ['an id ending in a colon', 'did:ethr:abc:'],
    ['a space', 'did:ethr:0x abc'],
    ['a slash', 'did:web:example.com/user'],
    ['over 512 characters', `did:ethr:${'a'.repeat(513 - 'did:ethr:'.length)}`],
  ])('refuses %s with INVALID_ACTIVE_DID', async (_what, activeDid) => {
    await expectCode({ apiBaseUrl: 'https://api.endorser.ch', activeDid, jwtToken: jwt({ iss: activeDid }) }, 'INVALID_ACTIVE_DID');
  });
});

describe('other fields', () => {
  it.each<[string, Record<string, unknown>, DailyNotificationErrorCode]>([
    ['no options', {}, 'INVALID_ARGUMENT'],
    ['a missing apiBaseUrl', { apiBaseUrl: undefined }, 'INVALID_ARGUMENT'],
    ['a missing activeDid', { activeDid: undefined }, 'INVALID_ARGUMENT'],
    ['a numeric apiBaseUrl', { apiBaseUrl: 42 }, 'INVALID_ARGUMENT'],
    ['jwtTokens not an array', { jwtTokens: 'eyJ' }, 'INVALID_ARGUMENT'],
    ['a number in jwtTokens', { jwtTokens: [jwt(), 7] }, 'INVALID_ARGUMENT'],
    ['a numeric jwtToken', { jwtToken: 7 }, 'INVALID_ARGUMENT'],
    ['an unknown tokenPolicy', { tokenPolicy: 'daily' }, 'INVALID_TOKEN_POLICY'],
    ['a lower-case tokenPolicy', { tokenPolicy: 'perday' }, 'INVALID_TOKEN_POLICY'],
    ['a numeric tokenPolicy', { tokenPolicy: 1 }, 'INVALID_ARGUMENT'],
    ['lowWaterDays 366', { lowWaterDays: 366 }, 'INVALID_ARGUMENT'],
    ['a string lowWaterDays', { lowWaterDays: '7' }, 'INVALID_ARGUMENT'],
    ['lowWaterDays -1', { lowWaterDays: -1 }, 'INVALID_ARGUMENT'],
    ['fractional lowWaterDays', { lowWaterDays: 1.5 }, 'INVALID_ARGUMENT'],
    ['expiryMarginSeconds 86401', { expiryMarginSeconds: 86401 }, 'INVALID_ARGUMENT'],
    ['an empty plan id', { starredPlanIds: [''] }, 'INVALID_PLAN_ID'],
    ['a blank plan id', { starredPlanIds: ['  '] }, 'INVALID_PLAN_ID'],
    ['a control character in a plan id', { starredPlanIds: ['https://endorser.ch/entity/01\n'] }, 'INVALID_PLAN_ID'],
    ['a plan id over 2 KiB', { starredPlanIds: ['x'.repeat(2049)] }, 'INVALID_PLAN_ID'],
    ['1,001 plan ids', { starredPlanIds: Array.from({ length: 1001 }, (_, i) => `p${i}`) }, 'INVALID_PLAN_ID'],
    ['a non-string plan id', { starredPlanIds: [1] }, 'INVALID_ARGUMENT'],
    ['an empty afterId', { afterId: '' }, 'INVALID_AFTER_ID'],
    ['an afterId of 129 characters', { afterId: '0'.repeat(129) }, 'INVALID_AFTER_ID'],
    ['a space in afterId', { afterId: '01 M8' }, 'INVALID_AFTER_ID'],
    ['a newline in afterId', { afterId: '01M8\n' }, 'INVALID_AFTER_ID'],
    ['an afterId of 25 characters', { afterId: '01M80V4R0S68JZJ7E8FY5D8DV' }, 'INVALID_AFTER_ID'],
    ['an afterId with a U (not Crockford)', { afterId: '01M80V4R0S68JZJ7E8FY5D8DVU' }, 'INVALID_AFTER_ID'],
    ['an afterId above 128 bits (first character 8)', { afterId: '81M80V4R0S68JZJ7E8FY5D8DV9' }, 'INVALID_AFTER_ID'],
  ])('refuses %s', async (_what, change, code) => {
    const options = _what === 'no options' ? {} : { ...validOptions(1), ...change };
    await expectCode(options, code);
  });

  it('reports the first problem in the core order: shape, then fields, then tokens', async () => {
    const bad = { apiBaseUrl: 'http://api.endorser.ch', activeDid: 'did:x', tokenPolicy: 'daily', jwtTokens: ['x'] };
    await expectCode({ ...bad, lowWaterDays: 1.5 }, 'INVALID_ARGUMENT');
    await expectCode(bad, 'INVALID_API_BASE_URL');
    await expectCode({ ...bad, apiBaseUrl: 'https://api.endorser.ch' }, 'INVALID_ACTIVE_DID');
    await expectCode({ ...bad, apiBaseUrl: 'https://api.endorser.ch', activeDid: DID, afterId: '' }, 'INVALID_AFTER_ID');
    await expectCode({ ...bad, apiBaseUrl: 'https://api.endorser.ch', activeDid: DID }, 'INVALID_TOKEN_POLICY');
    await expectCode({ ...bad, apiBaseUrl: 'https://api.endorser.ch', activeDid: DID, tokenPolicy: 'perDay' }, 'NO_USABLE_TOKENS');
  });

  it('refuses a non-object with INVALID_ARGUMENT', async () => {
    await expectCode(null, 'INVALID_ARGUMENT');
    await expectCode([validOptions(1)], 'INVALID_ARGUMENT');
  });
});

describe('secrets', () => {
  it('no message or data in this file ever carried a token', () => {
    // configureError checked each rejection as it went; this makes sure it saw real tokens.
    expect(tokensSeen.length).toBeGreaterThan(50);
  });
});

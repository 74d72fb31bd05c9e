// Keeps the TypeScript lists in step with docs/core-contract.md: the error codes, the rejection
// reasons, the ConfigureOptions keys and the Status keys must be the ones the contract names.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

import type { NativeFetcherStatus } from '../../src-ts/definitions';
import { DAILY_NOTIFICATION_ERROR_CODES, TOKEN_REJECTION_REASONS, isDailyNotificationError } from '../../src-ts/errors';

import contract from './bridge-contract.json';

const doc = readFileSync(new URL('../../docs/core-contract.md', import.meta.url), 'utf8');

function section(title: string): string {
  const start = doc.indexOf(title);
  expect(start, `docs/core-contract.md has a "${title}" section`).toBeGreaterThanOrEqual(0);
  const next = doc.indexOf('\n#', start + title.length);
  return doc.slice(start, next === -1 ? undefined : next);
}

function jsonKeys(title: string): string[] {
  const block = /```json\n([\s\S]*?)```/.exec(section(title));
  expect(block, `${title} has a JSON block`).not.toBeNull();
  // Top-level keys only: lines indented by two spaces, or the first line of a one-line object.
  return [...block![1].matchAll(/^\s{2}"(\w+)":/gm)].map((m) => m[1]);
}

// Typed so that the compiler fails if NativeFetcherStatus drifts from this list.
const statusKeys: Record<keyof NativeFetcherStatus, true> = {
  configured: true,
  needsConfigure: true,
  storeError: true,
  activeDid: true,
  apiBaseUrl: true,
  tokenPolicy: true,
  starredPlanIds: true,
  pool: true,
  coverageUntil: true,
  lowWater: true,
  cursor: true,
  lastPrefetch: true,
};

describe('docs/core-contract.md', () => {
  it('names exactly our error codes (plus UNAVAILABLE and UNIMPLEMENTED for the web)', () => {
    const codes = [...section('## ErrorCode').matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]);
    expect(codes.length).toBeGreaterThan(10);
    expect([...codes, 'UNAVAILABLE', 'UNIMPLEMENTED']).toEqual([...DAILY_NOTIFICATION_ERROR_CODES]);
  });

  it('names exactly our rejection reasons', () => {
    const reasons = [...section('## Rejection reasons').matchAll(/`([A-Z_]+)`/g)].map((m) => m[1]);
    expect(reasons).toEqual([...TOKEN_REJECTION_REASONS]);
  });

  it('has the ConfigureOptions keys the bridge reads', () => {
    expect(jsonKeys('### ConfigureOptions')).toEqual(Object.keys(contract.methods.configureNativeFetcher.options));
  });

  it('has the Status keys NativeFetcherStatus declares', () => {
    expect(jsonKeys('### Status').sort()).toEqual(Object.keys(statusKeys).sort());
  });
});

describe('isDailyNotificationError', () => {
  it('recognises the contract codes only', () => {
    expect(isDailyNotificationError({ code: 'NO_USABLE_TOKENS', message: 'x' })).toBe(true);
    expect(isDailyNotificationError({ code: 'UNAVAILABLE', message: 'x' })).toBe(true);
    expect(isDailyNotificationError({ code: 'JWT_VERIFY_FAILED', message: 'x' })).toBe(false);
    expect(isDailyNotificationError(new Error('plain'))).toBe(false);
    expect(isDailyNotificationError(null)).toBe(false);
    expect(isDailyNotificationError('NO_TOKEN')).toBe(false);
  });
});

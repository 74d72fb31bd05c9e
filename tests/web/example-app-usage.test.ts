// The decisions of the app-usage example, run: the re-mint check compares normalized URLs (the core
// stores apiBaseUrl without a trailing '/', so a raw comparison re-minted the pool on every resume
// for an app URL ending in '/'), and the old cursor is handed over once.
import { describe, expect, it } from 'vitest';

import type { NativeFetcherStatus } from '../../src-ts/definitions';

import { cursorToHandOver, needsNewPool } from './example-app-usage';
import { DID } from './jwt-fixtures';

const healthy: NativeFetcherStatus = {
  configured: true,
  needsConfigure: false,
  storeError: null,
  activeDid: DID,
  apiBaseUrl: 'https://api.endorser.ch', // as the core stores it
  tokenPolicy: 'perDay',
  starredPlanIds: 2,
  pool: { size: 100, usable: 90, used: 10, rejected: 0, expired: 0 },
  coverageUntil: '2027-02-20T06:50:00Z',
  lowWater: false,
  cursor: '01M80V4R0S68JZJ7E8FY5D8DV9',
  lastPrefetch: null,
};

describe('needsNewPool', () => {
  it.each(['https://api.endorser.ch', 'https://api.endorser.ch/', 'https://API.endorser.ch:443/'])(
    'keeps a healthy pool when the app URL is %s',
    (appUrl) => {
      expect(needsNewPool(healthy, DID, appUrl)).toBe(false);
    },
  );

  it('mints for another server, another identity, a low or missing pool', () => {
    expect(needsNewPool(healthy, DID, 'https://test-api.endorser.ch/')).toBe(true);
    expect(needsNewPool(healthy, 'did:ethr:0x1', 'https://api.endorser.ch')).toBe(true);
    expect(needsNewPool({ ...healthy, lowWater: true }, DID, 'https://api.endorser.ch')).toBe(true);
    expect(needsNewPool({ ...healthy, needsConfigure: true }, DID, 'https://api.endorser.ch')).toBe(true);
    expect(needsNewPool({ ...healthy, apiBaseUrl: null }, DID, 'https://api.endorser.ch')).toBe(true);
    expect(needsNewPool(healthy, DID, 'not a url')).toBe(true);
  });
});

describe('cursorToHandOver', () => {
  const old = { lastAckedStarredPlanChangesJwtId: '01M80V4QY5VAHEENK1VFTX3P33' };

  it('hands the old cursor over while the plugin has none', () => {
    expect(cursorToHandOver(old, { ...healthy, cursor: null })).toBe(old.lastAckedStarredPlanChangesJwtId);
  });

  it('never again once handed over or once the plugin has its own cursor', () => {
    expect(cursorToHandOver({ ...old, nativeCursorHandedOver: true }, { ...healthy, cursor: null })).toBeUndefined();
    expect(cursorToHandOver(old, healthy)).toBeUndefined();
  });
});

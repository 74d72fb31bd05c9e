// The plugin as Android and iOS see it: each method reaches the native bridge under the name of
// bridge-contract.json with option keys and value types exactly as the native layers read them,
// and native answers (results and coded rejections) reach the app unchanged.
import { afterEach, describe, expect, it } from 'vitest';

import type {
  ConfigureNativeFetcherOptions,
  DailyNotificationPlugin,
  DualScheduleConfiguration,
  NativeFetcherStatus,
  NotificationTappedEvent,
  PermissionChangedEvent,
  PrefetchFinishedEvent,
  ScheduleDailyNotificationOptions,
} from '../../src-ts/definitions';
import { DailyNotificationWeb } from '../../src-ts/web';

import contract from './bridge-contract.json';
import { DID, jwt } from './jwt-fixtures';
import { nativeMethodNames, resetToWeb, withRecordingBridge } from './recording-bridge';
import type { Platform } from './recording-bridge';

// addListener and removeAllListeners are Capacitor's own (Plugin.java / CAPPlugin on native,
// WebPlugin on the web), not methods of this plugin's bridge: events are checked by
// contract.events below and tests/android EventsTest.
type MethodName = Exclude<keyof DailyNotificationPlugin, 'addListener' | 'removeAllListeners'>;
type ContractMethod = { options: Record<string, string>; platforms?: string[] };
const methods = contract.methods as Record<string, ContractMethod>;

const dualConfig: DualScheduleConfiguration = {
  contentFetch: { enabled: true, schedule: '25 18 * * *' },
  userNotification: { schedule: '30 18 * * *', title: 'New Activity', body: 'Starred projects changed', sound: true },
  relationship: { contentTimeout: 300000, fallbackBehavior: 'skip' },
};

// Every optional field present, so every key the native layer reads is exercised.
const fullConfigure: Required<ConfigureNativeFetcherOptions> = {
  apiBaseUrl: 'https://api.endorser.ch',
  activeDid: DID,
  jwtToken: jwt(),
  jwtTokens: [jwt(), jwt()],
  starredPlanIds: ['https://endorser.ch/entity/01M80V4QY5VAHEENK1VFTX3P33'],
  afterId: '01M80V4R0S68JZJ7E8FY5D8DV9',
  tokenPolicy: 'perRequest',
  lowWaterDays: 7,
  expiryMarginSeconds: 600,
  allowDevelopmentHttp: false,
};

const fullDaily: Required<ScheduleDailyNotificationOptions> = {
  time: '09:00',
  title: 'TimeSafari',
  body: 'Time to check in',
  sound: true,
  id: 'daily_timesafari_reminder',
};

/** One typed call per method of the API: the compiler checks the arguments against definitions.ts. */
const calls: { [K in MethodName]: (p: DailyNotificationPlugin) => Promise<unknown> } = {
  configureNativeFetcher: (p) => p.configureNativeFetcher(fullConfigure),
  getNativeFetcherStatus: (p) => p.getNativeFetcherStatus(),
  clearNativeFetcher: (p) => p.clearNativeFetcher(),
  updateStarredPlans: (p) => p.updateStarredPlans({ planIds: ['https://endorser.ch/entity/01A'] }),
  getStarredPlans: (p) => p.getStarredPlans(),
  scheduleDualNotification: (p) => p.scheduleDualNotification({ config: dualConfig }),
  updateDualScheduleConfig: (p) => p.updateDualScheduleConfig(dualConfig),
  cancelDualSchedule: (p) => p.cancelDualSchedule(),
  getDualScheduleStatus: (p) => p.getDualScheduleStatus(),
  scheduleDailyNotification: (p) => p.scheduleDailyNotification(fullDaily),
  cancelDailyReminder: (p) => p.cancelDailyReminder({ reminderId: 'daily_timesafari_reminder' }),
  requestPermissions: (p) => p.requestPermissions(),
  checkPermissions: (p) => p.checkPermissions(),
  getNotificationStatus: (p) => p.getNotificationStatus(),
  cancelAllNotifications: (p) => p.cancelAllNotifications(),
  getLastNotification: (p) => p.getLastNotification(),
  getExactAlarmStatus: (p) => p.getExactAlarmStatus(),
  requestExactAlarmPermission: (p) => p.requestExactAlarmPermission(),
  openExactAlarmSettings: (p) => p.openExactAlarmSettings(),
  getDiagnostics: (p) => p.getDiagnostics(),
  isAlarmScheduled: (p) => p.isAlarmScheduled(),
  getNextAlarmTime: (p) => p.getNextAlarmTime(),
};

// The contract's ConfigureOptions keys, typed so that the compiler fails if definitions.ts gains
// or loses a field without this list following.
const configureKeys: Record<keyof ConfigureNativeFetcherOptions, true> = {
  apiBaseUrl: true,
  activeDid: true,
  jwtToken: true,
  jwtTokens: true,
  starredPlanIds: true,
  afterId: true,
  tokenPolicy: true,
  lowWaterDays: true,
  expiryMarginSeconds: true,
  allowDevelopmentHttp: true,
};

function typeOf(value: unknown): string {
  if (Array.isArray(value)) return value.every((v) => typeof v === 'string') ? 'string[]' : 'array';
  return value === null ? 'null' : typeof value;
}

/** Checks `options` against a contract shape: required keys present, no unknown key, types match. */
function expectShape(options: unknown, shape: Record<string, string>, where: string): void {
  const given = (options ?? {}) as Record<string, unknown>;
  expect(typeof given, where).toBe('object');
  for (const [key, spec] of Object.entries(shape)) {
    const optional = spec.endsWith('?');
    const type = optional ? spec.slice(0, -1) : spec;
    if (given[key] === undefined) {
      expect(optional, `${where}: required key ${key} missing`).toBe(true);
    } else {
      expect(typeOf(given[key]), `${where}.${key}`).toBe(type);
    }
  }
  for (const key of Object.keys(given)) {
    expect(Object.keys(shape), `${where}: key ${key} is not read by native`).toContain(key);
  }
}

const loadPlugin = () => import('../../src-ts/index');

afterEach(() => resetToWeb());

describe('the method list', () => {
  it('is the same in the TypeScript API, the web implementation and bridge-contract.json', () => {
    const webMethods = Object.getOwnPropertyNames(DailyNotificationWeb.prototype).filter((n) => n !== 'constructor');
    expect(Object.keys(calls).sort()).toEqual(Object.keys(methods).sort());
    expect(webMethods.sort()).toEqual(Object.keys(methods).sort());
  });

  it('lists the events and their payload keys as the TypeScript types name them', () => {
    // Typed records: the compiler fails if an event type gains or loses a field without them.
    const payloads: Record<string, Record<string, true>> = {
      notificationTapped: { kind: true, id: true, planIds: true, reminderId: true, shownAt: true } satisfies Record<keyof NotificationTappedEvent, true>,
      permissionChanged: { display: true } satisfies Record<keyof PermissionChangedEvent, true>,
      prefetchFinished: { outcome: true, changedPlans: true, by: true, at: true } satisfies Record<keyof PrefetchFinishedEvent, true>,
    };
    const events = contract.events as Record<string, { payload: Record<string, string> }>;
    expect(Object.keys(events).sort()).toEqual(Object.keys(payloads).sort());
    for (const [name, keys] of Object.entries(payloads)) {
      expect(Object.keys(events[name].payload).sort(), name).toEqual(Object.keys(keys).sort());
    }
  });

  it('reads configure options by the contract keys', () => {
    expect(Object.keys(methods.configureNativeFetcher.options).sort()).toEqual(Object.keys(configureKeys).sort());
  });
});

describe.each<Platform>(['android', 'ios'])('on %s', (platform) => {
  it.each(nativeMethodNames(platform))('%s reaches native by name with the options native reads', async (name) => {
    const { module, calls: recorded } = await withRecordingBridge(platform, loadPlugin);
    await calls[name as MethodName](module.DailyNotification);
    expect(recorded).toHaveLength(1);
    expect(recorded[0].pluginName).toBe('DailyNotification');
    expect(recorded[0].methodName).toBe(name);
    expectShape(recorded[0].options, methods[name].options, name);
    if (name === 'scheduleDualNotification') {
      const { config } = recorded[0].options as { config: Record<string, unknown> };
      for (const [part, shape] of Object.entries(contract.nestedObjects.config)) {
        expectShape(config[part], shape as Record<string, string>, `config.${part}`);
      }
    }
  });

  it('passes configure options through untouched (no key renamed, no token dropped)', async () => {
    const { module, calls: recorded } = await withRecordingBridge(platform, loadPlugin);
    await module.DailyNotification.configureNativeFetcher(fullConfigure);
    expect(recorded[0].options).toEqual(fullConfigure);
  });

  it('keeps the old three-field configure call working', async () => {
    const { module, calls: recorded } = await withRecordingBridge(platform, loadPlugin);
    const legacy = { apiBaseUrl: 'https://api.endorser.ch', activeDid: DID, jwtToken: jwt() };
    await module.DailyNotification.configureNativeFetcher(legacy);
    expect(recorded[0]).toEqual({ pluginName: 'DailyNotification', methodName: 'configureNativeFetcher', options: legacy });
  });

  it('hands the native result to the app unchanged', async () => {
    const status: NativeFetcherStatus = {
      configured: true,
      needsConfigure: false,
      storeError: null,
      activeDid: DID,
      apiBaseUrl: 'https://api.endorser.ch',
      tokenPolicy: 'perDay',
      starredPlanIds: 3,
      pool: { size: 100, usable: 97, used: 3, rejected: 1, expired: 0 },
      coverageUntil: '2027-02-20T06:50:00Z',
      lowWater: false,
      cursor: '01M80V4R0S68JZJ7E8FY5D8DV9',
      lastPrefetch: { at: '2026-11-22T06:55:00Z', outcome: 'ok', httpStatus: 200, changedPlans: 2, complete: true, tokenRefusal: null },
    };
    const { module } = await withRecordingBridge(platform, loadPlugin, async () => status);
    await expect(module.DailyNotification.getNativeFetcherStatus()).resolves.toEqual(status);
  });

  it('hands a coded native rejection to the app with its code and data', async () => {
    const rejection = Object.assign(new Error('no usable token: all 2 tokens were rejected'), {
      code: 'NO_USABLE_TOKENS',
      data: { rejected: [{ index: 0, reason: 'EXPIRED' }, { index: 1, reason: 'ISSUER_MISMATCH' }] },
    });
    const { module } = await withRecordingBridge(platform, loadPlugin, () => Promise.reject(rejection));
    const error = await module.DailyNotification.configureNativeFetcher(fullConfigure).catch((e: unknown) => e);
    expect(module.isDailyNotificationError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'NO_USABLE_TOKENS', data: { rejected: [{ index: 0, reason: 'EXPIRED' }, { index: 1, reason: 'ISSUER_MISMATCH' }] } });
  });

  it("hands getLastNotification's native answer over untouched (native resolves the documented shape)", async () => {
    const shown = { id: 'dual_notify_1', title: 'Starred Project Update', body: '"Tool Library" has been updated.', shownAt: '2026-11-22T18:30:00Z' };
    // Nothing shown: native resolves with no value (tests/android MigrationTest checks Android's).
    for (const answer of [undefined, shown]) {
      const { module, calls: recorded } = await withRecordingBridge(platform, loadPlugin, async () => answer);
      await expect(module.DailyNotification.getLastNotification()).resolves.toBe(answer);
      expect(recorded.map((c) => c.methodName)).toEqual(['getLastNotification']);
    }
  });

  it('does not run the web validation on native (native is the judge)', async () => {
    const { module, calls: recorded } = await withRecordingBridge(platform, loadPlugin);
    await module.DailyNotification.configureNativeFetcher({ apiBaseUrl: 'ftp://x', activeDid: 'nope', jwtToken: 'x' });
    expect(recorded).toHaveLength(1);
  });
});

describe('Android-only methods on iOS', () => {
  it.each(['getExactAlarmStatus', 'requestExactAlarmPermission', 'openExactAlarmSettings'] as const)(
    '%s rejects UNIMPLEMENTED without reaching native',
    async (name) => {
      const { module, calls: recorded } = await withRecordingBridge('ios', loadPlugin);
      await expect(calls[name](module.DailyNotification)).rejects.toMatchObject({ code: 'UNIMPLEMENTED' });
      expect(recorded).toHaveLength(0);
    },
  );
});

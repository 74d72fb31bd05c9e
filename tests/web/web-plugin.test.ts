// The rest of the web implementation: background features validate then answer UNAVAILABLE,
// teardown resolves, Android-only calls are UNIMPLEMENTED, permissions follow the browser, and the
// registered plugin uses this implementation on a plain web page.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { DualScheduleConfiguration } from '../../src-ts/definitions';
import { DailyNotificationWeb } from '../../src-ts/web';

import { resetToWeb } from './recording-bridge';

const config: DualScheduleConfiguration = {
  contentFetch: { enabled: true, schedule: '25 18 * * *' },
  userNotification: { schedule: '30 18 * * *', title: 'New Activity', body: 'Starred projects changed' },
  relationship: { contentTimeout: 300000, fallbackBehavior: 'skip' },
};

let web: DailyNotificationWeb;
beforeEach(() => {
  web = new DailyNotificationWeb();
});

const code = (p: Promise<unknown>) => p.then(() => 'resolved', (e: { code?: string }) => e.code);

describe('background features', () => {
  it.each([
    ['getNativeFetcherStatus', () => web.getNativeFetcherStatus()],
    ['getStarredPlans', () => web.getStarredPlans()],
    ['getDualScheduleStatus', () => web.getDualScheduleStatus()],
    ['getNotificationStatus', () => web.getNotificationStatus()],
    ['getLastNotification', () => web.getLastNotification()],
    ['updateStarredPlans', () => web.updateStarredPlans({ planIds: ['https://endorser.ch/entity/01A'] })],
    ['scheduleDualNotification', () => web.scheduleDualNotification({ config })],
    ['updateDualScheduleConfig', () => web.updateDualScheduleConfig(config)],
    ['scheduleDailyNotification', () => web.scheduleDailyNotification({ time: '09:00', title: 'T', body: 'B' })],
  ])('%s rejects UNAVAILABLE with a message that says why', async (name, call) => {
    const error = (await call().catch((e: unknown) => e)) as { code: string; message: string };
    expect(error.code).toBe('UNAVAILABLE');
    expect(error.message).toContain(name);
    expect(error.message).toMatch(/web/);
  });
});

describe('teardown', () => {
  it.each([
    ['clearNativeFetcher', () => web.clearNativeFetcher()],
    ['cancelDualSchedule', () => web.cancelDualSchedule()],
    ['cancelAllNotifications', () => web.cancelAllNotifications()],
    ['cancelDailyReminder', () => web.cancelDailyReminder({ reminderId: 'daily_timesafari_reminder' })],
  ])('%s resolves, so logout and cancel paths run on every platform', async (_name, call) => {
    await expect(call()).resolves.toBeUndefined();
  });

  it('cancelDailyReminder still refuses a missing reminderId', async () => {
    expect(await code(web.cancelDailyReminder({} as never))).toBe('INVALID_ARGUMENT');
    expect(await code(web.cancelDailyReminder({ reminderId: '' }))).toBe('INVALID_ARGUMENT');
  });

  it('cancelDailyReminder takes id as well as reminderId, but not two different ones', async () => {
    expect(await code(web.cancelDailyReminder({ id: 'daily_timesafari_reminder' }))).toBe('resolved');
    expect(await code(web.cancelDailyReminder({ id: 'a', reminderId: 'a' }))).toBe('resolved');
    expect(await code(web.cancelDailyReminder({ id: 'a', reminderId: 'b' }))).toBe('INVALID_ARGUMENT');
  });
});

describe("the old plugin's fields: one rule, UNSUPPORTED (as the core)", () => {
  it.each(['url', 'retryConfig', 'priority'])('scheduleDailyNotification with %s', async (field) => {
    const options = { time: '09:00', title: 'T', body: 'B', [field]: field === 'url' ? 'https://x.example' : { maxRetries: 3 } };
    const error = (await web.scheduleDailyNotification(options as never).catch((e: unknown) => e)) as { code: string; message: string };
    expect(error.code).toBe('UNSUPPORTED');
    expect(error.message).toContain(field);
  });

  it('scheduleDailyNotification wrapped in { options }', async () => {
    const wrapped = { options: { time: '09:00', title: 'T', body: 'B' } };
    expect(await code(web.scheduleDailyNotification(wrapped as never))).toBe('UNSUPPORTED');
  });
});

describe('listeners on the web', () => {
  it('are accepted (Capacitor WebPlugin) and removed, and no event is sent', async () => {
    const seen: unknown[] = [];
    const handle = await web.addListener('notificationTapped', (e) => seen.push(e));
    await web.addListener('prefetchFinished', (e) => seen.push(e));
    await web.addListener('permissionChanged', (e) => seen.push(e));
    await web.scheduleDailyNotification({ time: '09:00', title: 'T', body: 'B' }).catch(() => undefined);
    await web.requestPermissions().catch(() => undefined);
    expect(seen).toEqual([]);
    await handle.remove();
    await expect(web.removeAllListeners()).resolves.toBeUndefined();
  });
});

describe('argument validation', () => {
  it('updateStarredPlans: planIds required, plan-id rules apply', async () => {
    expect(await code(web.updateStarredPlans({} as never))).toBe('INVALID_ARGUMENT');
    expect(await code(web.updateStarredPlans({ planIds: 'x' } as never))).toBe('INVALID_ARGUMENT');
    expect(await code(web.updateStarredPlans({ planIds: [''] }))).toBe('INVALID_PLAN_ID');
    expect(await code(web.updateStarredPlans({ planIds: ['a\u0000b'] }))).toBe('INVALID_PLAN_ID');
    expect(await code(web.updateStarredPlans({ planIds: [] }))).toBe('UNAVAILABLE');
  });

  it.each<[string, unknown]>([
    ['no config', {}],
    ['no contentFetch', { config: { ...config, contentFetch: undefined } }],
    ['a non-boolean enabled', { config: { ...config, contentFetch: { enabled: 'yes', schedule: '25 18 * * *' } } }],
    ['no title', { config: { ...config, userNotification: { schedule: '30 18 * * *', body: 'B' } } }],
    ['an unknown fallbackBehavior', { config: { ...config, relationship: { fallbackBehavior: 'show_nothing' } } }],
    ['a negative contentTimeout', { config: { ...config, relationship: { contentTimeout: -1 } } }],
    ['a contentTimeout over a day', { config: { ...config, relationship: { contentTimeout: 86_400_001 } } }],
  ])('scheduleDualNotification refuses %s with INVALID_ARGUMENT', async (_what, options) => {
    expect(await code(web.scheduleDualNotification(options as never))).toBe('INVALID_ARGUMENT');
  });

  it.each<[string, unknown]>([
    ['a four-field cron', { ...config, contentFetch: { enabled: true, schedule: '25 18 * *' } }],
    ['a weekday cron', { ...config, userNotification: { ...config.userNotification, schedule: '30 18 * * 1-5' } }],
    ['contentFetch.url', { ...config, contentFetch: { ...config.contentFetch, url: 'https://endorser.example' } }],
  ])('scheduleDualNotification refuses %s with UNSUPPORTED', async (_what, unsupported) => {
    expect(await code(web.scheduleDualNotification({ config: unsupported } as never))).toBe('UNSUPPORTED');
  });

  it('updateDualScheduleConfig takes the configuration itself or { config }', async () => {
    expect(await code(web.updateDualScheduleConfig({ config }))).toBe('UNAVAILABLE');
    expect(await code(web.updateDualScheduleConfig(config))).toBe('UNAVAILABLE');
    expect(await code(web.updateDualScheduleConfig({ config: { ...config, relationship: 'x' } } as never))).toBe('INVALID_ARGUMENT');
  });

  it('a dual schedule without relationship is valid (defaults apply)', async () => {
    const { relationship: _dropped, ...minimal } = config;
    expect(await code(web.scheduleDualNotification({ config: minimal }))).toBe('UNAVAILABLE');
  });

  it.each(['24:00', '9:00', '09:60', '0900', ''])('scheduleDailyNotification refuses time %j', async (time) => {
    expect(await code(web.scheduleDailyNotification({ time, title: 'T', body: 'B' }))).toBe('INVALID_ARGUMENT');
  });

  it('scheduleDailyNotification needs title and body and takes 00:00 and 23:59', async () => {
    expect(await code(web.scheduleDailyNotification({ time: '09:00', body: 'B' } as never))).toBe('INVALID_ARGUMENT');
    expect(await code(web.scheduleDailyNotification({ time: '09:00', title: 'T' } as never))).toBe('INVALID_ARGUMENT');
    expect(await code(web.scheduleDailyNotification({ time: '00:00', title: 'T', body: 'B' }))).toBe('UNAVAILABLE');
    expect(await code(web.scheduleDailyNotification({ time: '23:59', title: 'T', body: 'B', id: 'r' }))).toBe('UNAVAILABLE');
  });
});

describe('Android-only methods', () => {
  it.each([
    ['getExactAlarmStatus', () => web.getExactAlarmStatus()],
    ['requestExactAlarmPermission', () => web.requestExactAlarmPermission()],
    ['openExactAlarmSettings', () => web.openExactAlarmSettings()],
  ])('%s rejects UNIMPLEMENTED', async (_name, call) => {
    expect(await code(call())).toBe('UNIMPLEMENTED');
  });
});

describe('getDiagnostics on the web', () => {
  const g = globalThis as { Notification?: unknown };
  afterEach(() => {
    delete g.Notification;
  });

  it('answers what a browser can tell: nothing scheduled, its permission, null for the rest', async () => {
    g.Notification = { permission: 'granted', requestPermission: async () => 'granted' };
    const d = await web.getDiagnostics();
    expect(d).toMatchObject({ platform: 'web', willNotify: false, freshContentExpected: false, notificationPermission: 'granted' });
    expect(d.reasons).toEqual([{ code: 'NOTHING_SCHEDULED', effect: 'blocks' }]);
    for (const key of ['channelEnabled', 'exactAlarms', 'standbyBucket', 'backgroundRefresh', 'lowPowerMode',
      'backgroundTaskRegistered', 'nextFetchAt', 'nextNotificationAt', 'fetcher'] as const) {
      expect(d[key], key).toBeNull();
    }
  });

  it('adds NOTIFICATIONS_DENIED when the browser has not granted, or has no Notification API', async () => {
    g.Notification = { permission: 'default', requestPermission: async () => 'default' };
    const prompt = await web.getDiagnostics();
    expect(prompt.notificationPermission).toBe('prompt');
    expect(prompt.reasons.map((r) => r.code)).toEqual(['NOTHING_SCHEDULED', 'NOTIFICATIONS_DENIED']);
    delete g.Notification;
    const none = await web.getDiagnostics();
    expect(none.notificationPermission).toBe('denied');
    expect(none.reasons.map((r) => r.code)).toContain('NOTIFICATIONS_DENIED');
  });

  it('answers the old isAlarmScheduled and getNextAlarmTime from it', async () => {
    await expect(web.isAlarmScheduled()).resolves.toEqual({ scheduled: false });
    await expect(web.getNextAlarmTime()).resolves.toEqual({ scheduled: false, nextAlarmAt: null });
  });
});

describe('permissions', () => {
  const g = globalThis as { Notification?: unknown };
  afterEach(() => {
    delete g.Notification;
  });

  it('reject UNAVAILABLE without the Notification API', async () => {
    expect(await code(web.checkPermissions())).toBe('UNAVAILABLE');
    expect(await code(web.requestPermissions())).toBe('UNAVAILABLE');
  });

  it.each([
    ['granted', 'granted', true],
    ['denied', 'denied', false],
    ['default', 'prompt', false],
  ])('checkPermissions maps the browser state %s to %s', async (browser, display, all) => {
    g.Notification = { permission: browser, requestPermission: async () => browser };
    await expect(web.checkPermissions()).resolves.toEqual({ display, allPermissionsGranted: all });
  });

  it('requestPermissions asks the browser and reports its answer', async () => {
    let asked = 0;
    g.Notification = {
      permission: 'default',
      requestPermission: async () => {
        asked += 1;
        return 'granted';
      },
    };
    await expect(web.requestPermissions()).resolves.toEqual({ display: 'granted', allPermissionsGranted: true });
    expect(asked).toBe(1);
  });
});

describe('the registered plugin on a web page', () => {
  it('uses the web implementation', async () => {
    resetToWeb();
    const { DailyNotification } = await import('../../src-ts/index');
    expect(await code(DailyNotification.getNativeFetcherStatus())).toBe('UNAVAILABLE');
    await expect(DailyNotification.clearNativeFetcher()).resolves.toBeUndefined();
  });
});

// The app's own `registerPlugin('DailyNotification')` (its src/plugins/DailyNotificationPlugin.ts)
// next to this package, registered in both orders, on Android, iOS and the web: every handle gets
// the native answers unchanged (no JavaScript layer fixes them up), the package's export keeps its
// web implementation whatever the order, and the re-export the migration guide recommends
// registers once.
import { afterEach, describe, expect, it, vi } from 'vitest';

import type { DailyNotificationPlugin, LastNotification, NativeFetcherStatus } from '../../src-ts/definitions';

import { resetToWeb, withRecordingBridge } from './recording-bridge';
import type { Platform } from './recording-bridge';

type Order = 'package-first' | 'app-first';
type Handles = { app: DailyNotificationPlugin; pkg: DailyNotificationPlugin };

const shown: LastNotification = {
  id: 'dual_notify_1',
  title: 'Starred Project Update',
  body: '"Tool Library" has been updated.',
  shownAt: '2026-11-22T18:30:00Z',
};

const status = { configured: false, needsConfigure: true, storeError: null, starredPlanIds: 0 } as unknown as NativeFetcherStatus;

/** Loads the app's registration and the package in `order`, from one fresh @capacitor/core. */
async function loadBoth(order: Order): Promise<Handles> {
  const core = await import('@capacitor/core');
  // What the app's src/plugins/DailyNotificationPlugin.ts does today.
  const appRegister = () => core.registerPlugin<DailyNotificationPlugin>('DailyNotification');
  if (order === 'app-first') {
    const app = appRegister();
    const pkg = (await import('../../src-ts/index')).DailyNotification;
    return { app, pkg };
  }
  const pkg = (await import('../../src-ts/index')).DailyNotification;
  return { app: appRegister(), pkg };
}

/** Native answers: nothing shown, then one notification; a status for another method. */
function nativeAnswers(): (method: string) => Promise<unknown> {
  let lastCalls = 0;
  return async (method) => {
    if (method === 'getLastNotification') return lastCalls++ % 2 === 0 ? undefined : shown;
    if (method === 'getNativeFetcherStatus') return status;
    return undefined;
  };
}

afterEach(() => {
  resetToWeb();
  vi.restoreAllMocks();
});

describe.each<Platform>(['android', 'ios'])('on %s', (platform) => {
  it.each<Order>(['package-first', 'app-first'])(
    '%s: both handles see what native resolves, unchanged',
    async (order) => {
      vi.spyOn(console, 'warn').mockImplementation(() => undefined);
      const { module, calls } = await withRecordingBridge(platform, () => loadBoth(order), nativeAnswers());
      for (const handle of [module.app, module.pkg]) {
        // "Nothing shown yet" is falsy on every handle (it was a truthy {} before the fix).
        const none = await handle.getLastNotification();
        expect(none).toBeUndefined();
        expect(await handle.getLastNotification()).toEqual(shown);
        expect(await handle.getNativeFetcherStatus()).toEqual(status);
      }
      expect(calls.map((c) => c.methodName)).toEqual([
        'getLastNotification',
        'getLastNotification',
        'getNativeFetcherStatus',
        'getLastNotification',
        'getLastNotification',
        'getNativeFetcherStatus',
      ]);
      expect(calls.every((c) => c.pluginName === 'DailyNotification')).toBe(true);
    },
  );
});

describe('on the web', () => {
  const load = (order: Order) => {
    resetToWeb();
    return loadBoth(order);
  };

  it('package-first: both handles are the package registration, with its web implementation', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { app, pkg } = await load('package-first');
    expect(app).toBe(pkg);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('already registered'));
    for (const handle of [app, pkg]) {
      await expect(handle.getLastNotification()).rejects.toMatchObject({ code: 'UNAVAILABLE' });
      await expect(handle.clearNativeFetcher()).resolves.toBeUndefined();
    }
  });

  it("app-first: the package's export keeps its web implementation and says how to fix the app's handle", async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { app, pkg } = await load('app-first');
    await expect(pkg.getLastNotification()).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    await expect(pkg.clearNativeFetcher()).resolves.toBeUndefined();
    expect(error).toHaveBeenCalledWith(expect.stringContaining('docs/migrating-from-daily-notification-plugin.md'));
    // The app's own registration has no web implementation: this is why the guide replaces it.
    await expect(app.clearNativeFetcher()).rejects.toMatchObject({ code: 'UNIMPLEMENTED' });
  });

  it('the recommended re-export registers once: no warning, no error, one plugin', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    resetToWeb();
    // The app's src/plugins/DailyNotificationPlugin.ts after the swap:
    //   export { DailyNotification } from '@timesafari/daily-notification-plugin-rs';
    const appFile = { DailyNotification: (await import('../../src-ts/index')).DailyNotification };
    const pkg = (await import('../../src-ts/index')).DailyNotification;
    expect(appFile.DailyNotification).toBe(pkg);
    await expect(appFile.DailyNotification.clearNativeFetcher()).resolves.toBeUndefined();
    expect(warn).not.toHaveBeenCalled();
    expect(error).not.toHaveBeenCalled();
  });
});

// Type-checked example of the TimeSafari app's use of the plugin, shaped like the app's
// src/services/notifications/nativeFetcherConfig.ts after the swap: it imports the package by name
// (resolved to the built dist/esm/index.d.ts) so the published types are what gets checked. Its
// pure decisions (needsNewPool, cursorToHandOver) also run in example-app-usage.test.ts.
import { Capacitor } from '@capacitor/core';
import {
  BACKGROUND_JWT_EXPIRY_DAYS,
  BACKGROUND_JWT_POOL_SIZE,
  DailyNotification,
  isDailyNotificationError,
  mintBackgroundJwtPool,
} from '@timesafari/daily-notification-plugin-rs';
import type {
  BackgroundJwtClaims,
  ConfigureNativeFetcherResult,
  DualScheduleConfiguration,
  NativeFetcherStatus,
} from '@timesafari/daily-notification-plugin-rs';

// The app's own modules, declared only: this file is type-checked, not run.
declare function createEndorserJwtForDid(issuerDid: string, payload: object, expiresIn?: number): Promise<string>;
declare function createEndorserJwtForKey(account: AppAccount, payload: object, expiresIn?: number): Promise<string>;
declare function retrieveFullyDecryptedAccount(did: string): Promise<AppAccount | undefined>;
declare function updateSettings(changes: { nativeCursorHandedOver: boolean }): Promise<void>;
interface AppAccount {
  did: string;
  passkeyCredIdHex?: string;
}
declare function retrieveSettingsForActiveAccount(): Promise<{
  activeDid?: string;
  apiServer?: string;
  starredPlanHandleIds?: string[];
  lastAckedStarredPlanChangesJwtId?: string;
  nativeCursorHandedOver?: boolean;
}>;
declare const logger: { log(...args: unknown[]): void; error(...args: unknown[]): void };

/**
 * Mint the background pool with the app's signer (same keys as every other Endorser call). No
 * `expiresIn`: the claims carry `iat` and `exp`. A passkey identity is prompted once per token, so
 * it gets a small pool (and a lower `lowWaterDays`, below).
 */
async function mintPool(account: AppAccount): Promise<string[]> {
  const passkey = Boolean(account.passkeyCredIdHex);
  return mintBackgroundJwtPool({
    activeDid: account.did,
    poolSize: passkey ? 10 : BACKGROUND_JWT_POOL_SIZE,
    expiryDays: passkey ? 10 : BACKGROUND_JWT_EXPIRY_DAYS,
    sign: (claims: BackgroundJwtClaims) => createEndorserJwtForKey(account, claims),
  });
}

/** The URL as the core stores it: WHATWG-normalized, no trailing '/'. */
function sameServer(stored: string | null, appUrl: string): boolean {
  const normalize = (url: string) => new URL(url).href.replace(/\/+$/, '');
  try {
    return stored !== null && normalize(stored) === normalize(appUrl);
  } catch {
    return false; // not a URL: configure says why
  }
}

/** Whether the stored pool is missing, for another identity or server, unreadable, or running low. */
export function needsNewPool(status: NativeFetcherStatus, activeDid: string, apiServer: string): boolean {
  return (
    status.needsConfigure ||
    status.activeDid !== activeDid ||
    !sameServer(status.apiBaseUrl, apiServer) ||
    status.lowWater
  );
}

/** The app's old cursor, once: only before the plugin has one and before it was ever handed over. */
export function cursorToHandOver(
  settings: { lastAckedStarredPlanChangesJwtId?: string; nativeCursorHandedOver?: boolean },
  status: NativeFetcherStatus,
): string | undefined {
  if (settings.nativeCursorHandedOver || status.cursor != null) return undefined;
  return settings.lastAckedStarredPlanChangesJwtId;
}

/**
 * Called on start-up, on resume and when the identity changes. Mints and configures a new pool when
 * the stored one cannot serve; otherwise only refreshes the starred plans.
 */
export async function configureNativeFetcherIfReady(): Promise<ConfigureNativeFetcherResult | null> {
  if (!Capacitor.isNativePlatform()) return null; // no background worker on the web
  const settings = await retrieveSettingsForActiveAccount();
  const { activeDid, apiServer } = settings;
  if (!activeDid || !apiServer) return null;

  const status = await DailyNotification.getNativeFetcherStatus();
  if (!needsNewPool(status, activeDid, apiServer)) {
    await DailyNotification.updateStarredPlans({ planIds: settings.starredPlanHandleIds ?? [] });
    return null;
  }

  const account = await retrieveFullyDecryptedAccount(activeDid);
  if (!account) return null;
  const afterId = cursorToHandOver(settings, status);
  try {
    const result = await DailyNotification.configureNativeFetcher({
      apiBaseUrl: apiServer,
      activeDid,
      jwtTokens: await mintPool(account),
      starredPlanIds: settings.starredPlanHandleIds ?? [],
      ...(afterId ? { afterId } : {}),
      tokenPolicy: 'perDay',
      lowWaterDays: account.passkeyCredIdHex ? 2 : 7,
    });
    if (afterId) await updateSettings({ nativeCursorHandedOver: true });
    if (result.rejected.length > 0) {
      // Indices and reasons only: never log tokens.
      logger.log('[nativeFetcherConfig] tokens left out', result.rejected.map((r) => `${r.index}:${r.reason}`));
    }
    logger.log('[nativeFetcherConfig] pool', result.accepted, 'covers until', result.coverageUntil, 'low', result.lowWater);
    return result;
  } catch (error: unknown) {
    if (isDailyNotificationError(error)) {
      switch (error.code) {
        case 'NO_USABLE_TOKENS':
          logger.error('[nativeFetcherConfig] no usable token', error.data?.rejected?.map((r) => r.reason));
          break;
        case 'INVALID_API_BASE_URL':
        case 'INVALID_ACTIVE_DID':
          logger.error('[nativeFetcherConfig] bad settings', error.code);
          break;
        default:
          logger.error('[nativeFetcherConfig] configure failed', error.code, error.message);
      }
      return null;
    }
    throw error;
  }
}

/** The old Phase A call, unchanged: one token, no pool. It must keep compiling after the swap. */
export async function configureWithSingleToken(apiBaseUrl: string, activeDid: string): Promise<void> {
  const jwtToken = await createEndorserJwtForDid(activeDid, { iss: activeDid });
  await DailyNotification.configureNativeFetcher({ apiBaseUrl, activeDid, jwtToken });
}

/** Starred-project screen: keep the native list in step. */
export async function onStarredPlansChanged(planIds: string[]): Promise<string[]> {
  const stored = await DailyNotification.updateStarredPlans({ planIds });
  const again = await DailyNotification.getStarredPlans();
  return stored.planIds.length === again.planIds.length ? again.planIds : stored.planIds;
}

/** "New Activity" notification at HH:MM, fetch five minutes before. */
export async function scheduleNewActivity(hour: number, minute: number): Promise<void> {
  const fetchAt = new Date(2000, 0, 1, hour, minute - 5);
  const config: DualScheduleConfiguration = {
    contentFetch: { enabled: true, schedule: `${fetchAt.getMinutes()} ${fetchAt.getHours()} * * *` },
    userNotification: { schedule: `${minute} ${hour} * * *`, title: 'New Activity', body: 'Your starred projects have updates', sound: true },
    relationship: { contentTimeout: 5 * 60 * 1000, fallbackBehavior: 'skip' },
  };
  try {
    await DailyNotification.updateDualScheduleConfig(config);
  } catch {
    await DailyNotification.scheduleDualNotification({ config });
  }
  const status = await DailyNotification.getDualScheduleStatus();
  logger.log('[notifications] next', status.nextNotificationAt, 'fetch', status.nextFetchAt);
}

/** The static daily reminder. */
export async function scheduleReminder(time: string, title: string, body: string): Promise<void> {
  const permissions = await DailyNotification.requestPermissions();
  if (!permissions.allPermissionsGranted) return;
  if (Capacitor.getPlatform() === 'android') {
    const exact = await DailyNotification.getExactAlarmStatus();
    // Resolves when the user comes back from the system screen, with their choice.
    if (exact.supported && !exact.enabled && !(await DailyNotification.requestExactAlarmPermission()).enabled) {
      logger.log('[notifications] exact alarms denied: the reminder may come late');
    }
  }
  await DailyNotification.scheduleDailyNotification({ time, title, body, sound: true, id: 'daily_timesafari_reminder' });
}

/** Settings screen. */
export async function describeNotifications(): Promise<string> {
  const [permission, status, last] = await Promise.all([
    DailyNotification.checkPermissions(),
    DailyNotification.getNotificationStatus(),
    DailyNotification.getLastNotification(),
  ]);
  if (Capacitor.getPlatform() === 'android') await DailyNotification.openExactAlarmSettings();
  return `${permission.display} ${status.isScheduled} ${status.pending} ${last?.title ?? 'none'}`;
}

/** Turning off notifications: the reminder and the dual schedule go separately. */
export async function turnOffNotifications(): Promise<void> {
  await DailyNotification.cancelDualSchedule(); // leaves the daily reminder
  await DailyNotification.cancelDailyReminder({ reminderId: 'daily_timesafari_reminder' });
  await DailyNotification.cancelAllNotifications();
}

/**
 * App start-up, before the first await: a tap on "Starred Project Updates" opens those projects
 * (a tap that launched the app is retained until this listener is added).
 */
export async function listenForTaps(
  openStarredProjects: (planIds: string[]) => void,
  openReminder: (id: string) => void,
): Promise<() => Promise<void>> {
  const tap = await DailyNotification.addListener('notificationTapped', (event) => {
    if (event.kind === 'reminder' && event.reminderId) openReminder(event.reminderId);
    else openStarredProjects(event.planIds); // empty for the default text: the whole list
  });
  await DailyNotification.addListener('prefetchFinished', (event) => logger.log('[notifications] prefetch', event.outcome, event.changedPlans));
  await DailyNotification.addListener('permissionChanged', (event) => logger.log('[notifications] permission', event.display));
  return async () => {
    await tap.remove();
    await DailyNotification.removeAllListeners();
  };
}

/** Logout or identity reset: no stale bearer may stay on the device. */
export async function onLogout(): Promise<void> {
  await DailyNotification.cancelDualSchedule();
  await DailyNotification.clearNativeFetcher();
}

// Shapes the types must refuse (each line must stay an error, or the type-check fails).
export async function misuse(activeDid: string): Promise<void> {
  // @ts-expect-error tokenPolicy is 'perDay' | 'perRequest'
  await DailyNotification.configureNativeFetcher({ apiBaseUrl: 'https://api.endorser.ch', activeDid, tokenPolicy: 'daily' });
  // @ts-expect-error jwtTokens is string[]
  await DailyNotification.configureNativeFetcher({ apiBaseUrl: 'https://api.endorser.ch', activeDid, jwtTokens: 'eyJ' });
  // @ts-expect-error apiBaseUrl is required
  await DailyNotification.configureNativeFetcher({ activeDid, jwtToken: 'eyJ' });
  // @ts-expect-error scheduleDualNotification takes { config }
  await DailyNotification.scheduleDualNotification({ contentFetch: { enabled: true, schedule: '* * * * *' } });
  // @ts-expect-error updateStarredPlans takes { planIds }
  await DailyNotification.updateStarredPlans(['https://endorser.ch/entity/01A']);
  // @ts-expect-error the status holds no token
  void (await DailyNotification.getNativeFetcherStatus()).jwtTokens;
}

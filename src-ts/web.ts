// The web implementation. A browser has no background worker, so nothing that needs one can run:
// calls validate their options exactly as native does (same error codes), store nothing (no token
// ever stays in web memory or storage), and reject with UNAVAILABLE. Teardown calls resolve, so
// logout and cancel paths work on every platform; Android-only calls reject with UNIMPLEMENTED.
// Listeners: WebPlugin's own addListener / removeAllListeners accept them; no event is ever sent
// here (no notification is shown, no prefetch runs, and the browser's permission is read on demand).
import { WebPlugin } from '@capacitor/core';
import type { PermissionState } from '@capacitor/core';

import type {
  CancelDailyReminderOptions,
  ConfigureNativeFetcherOptions,
  ConfigureNativeFetcherResult,
  AlarmScheduledResult,
  DailyNotificationPlugin,
  DeliveryDiagnostics,
  DualScheduleConfiguration,
  DualScheduleStatus,
  ExactAlarmStatus,
  LastNotification,
  NativeFetcherStatus,
  NextAlarmTimeResult,
  NotificationPermissionStatus,
  NotificationStatus,
  ScheduleDailyNotificationOptions,
  ScheduleDualNotificationOptions,
  StarredPlansResult,
  UpdateStarredPlansOptions,
} from './definitions';
import { dailyNotificationError } from './errors';
import { validateConfigureOptions, validateUpdateStarredPlansOptions } from './fetcher-validation';
import {
  validateDailyNotificationOptions,
  validateReminderId,
  validateScheduleDualNotificationOptions,
  validateUpdateDualScheduleConfigOptions,
} from './schedule-validation';

const NO_WORKER = 'on the web: there is no background worker';
const ANDROID_ONLY = 'is Android only; not implemented on the web';

/** The browser's Notification API, when there is one. */
interface BrowserNotification {
  permission: string;
  requestPermission(): Promise<string>;
}

export class DailyNotificationWeb extends WebPlugin implements DailyNotificationPlugin {
  async configureNativeFetcher(options: ConfigureNativeFetcherOptions): Promise<ConfigureNativeFetcherResult> {
    const { accepted, rejected } = validateConfigureOptions(options, Date.now());
    // The options are valid: say so (counts and indices only, no token), then refuse to keep them.
    throw dailyNotificationError(
      'UNAVAILABLE',
      `configureNativeFetcher is unavailable ${NO_WORKER}; the options are valid (${accepted} tokens would be accepted) and nothing was stored`,
      { accepted, rejected },
    );
  }

  async getNativeFetcherStatus(): Promise<NativeFetcherStatus> {
    throw this.unavailable(`getNativeFetcherStatus is unavailable ${NO_WORKER}`);
  }

  async clearNativeFetcher(): Promise<void> {
    // Nothing was ever stored on the web.
  }

  async updateStarredPlans(options: UpdateStarredPlansOptions): Promise<StarredPlansResult> {
    validateUpdateStarredPlansOptions(options);
    throw this.unavailable(`updateStarredPlans is unavailable ${NO_WORKER}`);
  }

  async getStarredPlans(): Promise<StarredPlansResult> {
    throw this.unavailable(`getStarredPlans is unavailable ${NO_WORKER}`);
  }

  async scheduleDualNotification(options: ScheduleDualNotificationOptions): Promise<void> {
    validateScheduleDualNotificationOptions(options);
    throw this.unavailable(`scheduleDualNotification is unavailable ${NO_WORKER}`);
  }

  async updateDualScheduleConfig(config: DualScheduleConfiguration | ScheduleDualNotificationOptions): Promise<void> {
    validateUpdateDualScheduleConfigOptions(config);
    throw this.unavailable(`updateDualScheduleConfig is unavailable ${NO_WORKER}`);
  }

  async cancelDualSchedule(): Promise<void> {
    // Nothing can be scheduled on the web.
  }

  async getDualScheduleStatus(): Promise<DualScheduleStatus> {
    throw this.unavailable(`getDualScheduleStatus is unavailable ${NO_WORKER}`);
  }

  async scheduleDailyNotification(options: ScheduleDailyNotificationOptions): Promise<void> {
    validateDailyNotificationOptions(options);
    throw this.unavailable(`scheduleDailyNotification is unavailable ${NO_WORKER}`);
  }

  async cancelDailyReminder(options: CancelDailyReminderOptions): Promise<void> {
    validateReminderId(options);
  }

  async requestPermissions(): Promise<NotificationPermissionStatus> {
    return permissionStatus(await browserNotification().requestPermission());
  }

  async checkPermissions(): Promise<NotificationPermissionStatus> {
    return permissionStatus(browserNotification().permission);
  }

  async getNotificationStatus(): Promise<NotificationStatus> {
    throw this.unavailable(`getNotificationStatus is unavailable ${NO_WORKER}`);
  }

  async cancelAllNotifications(): Promise<void> {
    // Nothing can be scheduled on the web.
  }

  async getLastNotification(): Promise<LastNotification | undefined> {
    throw this.unavailable(`getLastNotification is unavailable ${NO_WORKER}`);
  }

  async getExactAlarmStatus(): Promise<ExactAlarmStatus> {
    throw this.unimplemented(`getExactAlarmStatus ${ANDROID_ONLY}`);
  }

  async requestExactAlarmPermission(): Promise<ExactAlarmStatus> {
    throw this.unimplemented(`requestExactAlarmPermission ${ANDROID_ONLY}`);
  }

  async openExactAlarmSettings(): Promise<void> {
    throw this.unimplemented(`openExactAlarmSettings ${ANDROID_ONLY}`);
  }

  /** What a browser can tell: its Notification permission. Nothing is ever scheduled here. */
  async getDiagnostics(): Promise<DeliveryDiagnostics> {
    const api = (globalThis as { Notification?: BrowserNotification }).Notification;
    const notificationPermission = api ? permissionStatus(api.permission).display : 'denied';
    return {
      platform: 'web',
      willNotify: false,
      freshContentExpected: false,
      reasons: [
        { code: 'NOTHING_SCHEDULED', effect: 'blocks' },
        ...(notificationPermission === 'granted' ? [] : [{ code: 'NOTIFICATIONS_DENIED', effect: 'blocks' } as const]),
      ],
      notificationPermission,
      channelEnabled: null,
      exactAlarms: null,
      standbyBucket: null,
      backgroundRefresh: null,
      lowPowerMode: null,
      backgroundTaskRegistered: null,
      nextFetchAt: null,
      nextNotificationAt: null,
      fetcher: null,
    };
  }

  async isAlarmScheduled(): Promise<AlarmScheduledResult> {
    const { nextNotificationAt } = await this.getDiagnostics();
    return { scheduled: nextNotificationAt !== null };
  }

  async getNextAlarmTime(): Promise<NextAlarmTimeResult> {
    const { nextNotificationAt } = await this.getDiagnostics();
    return { scheduled: nextNotificationAt !== null, nextAlarmAt: nextNotificationAt };
  }
}

function browserNotification(): BrowserNotification {
  const api = (globalThis as { Notification?: BrowserNotification }).Notification;
  if (!api || typeof api.requestPermission !== 'function') {
    throw dailyNotificationError('UNAVAILABLE', 'Notifications are not supported in this browser');
  }
  return api;
}

function permissionStatus(browserPermission: string): NotificationPermissionStatus {
  const display: PermissionState =
    browserPermission === 'granted' ? 'granted' : browserPermission === 'denied' ? 'denied' : 'prompt';
  return { display, allPermissionsGranted: display === 'granted' };
}

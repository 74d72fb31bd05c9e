// Validation of the scheduling methods' options for the web, which has no native core. The native
// platforms validate in the Rust core (rust/core/src/schedule/config.rs); both follow one rule set
// with the same codes and messages, held together by tests/vectors/schedule.json. Only the daily
// "M H * * *" schedule is supported; anything else, and contentFetch.url, is UNSUPPORTED.
import type { DualScheduleConfiguration, ScheduleDailyNotificationOptions } from './definitions';
import { dailyNotificationError } from './errors';

/** A day: content fetched for one day's notification never waits into the next. */
const MAX_CONTENT_TIMEOUT_MS = 86_400_000;
const DEFAULT_CONTENT_TIMEOUT_MS = 1_800_000;
const DEFAULT_REMINDER_ID = 'daily_timesafari_reminder';

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;
const CRON_FIELD = /^\d{1,2}$/;

type Json = Record<string, unknown>;

const invalid = (message: string) => dailyNotificationError('INVALID_ARGUMENT', message);
const unsupported = (message: string) => dailyNotificationError('UNSUPPORTED', message);

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const present = (v: unknown): boolean => v !== undefined && v !== null;

function optionalBoolean(o: Json, key: string, path: string): boolean {
  if (!present(o[key])) return true;
  if (typeof o[key] !== 'boolean') throw invalid(`${path} must be a boolean`);
  return o[key] as boolean;
}

/** `"M H * * *"` with plain numbers in range, normalized; null for any other schedule. */
export function dailyCron(value: string): string | null {
  const fields = value.trim().split(/\s+/);
  if (fields.length !== 5 || fields.slice(2).some((f) => f !== '*')) return null;
  if (!CRON_FIELD.test(fields[0]) || !CRON_FIELD.test(fields[1])) return null;
  const minute = Number(fields[0]);
  const hour = Number(fields[1]);
  return minute <= 59 && hour <= 23 ? `${minute} ${hour} * * *` : null;
}

function schedule(o: Json, path: string): string {
  if (typeof o.schedule !== 'string') throw invalid(`${path} is required and must be a string`);
  const cron = dailyCron(o.schedule);
  if (cron === null) {
    throw unsupported(
      `${path} must be a daily cron expression "M H * * *" (minute 0-59, hour 0-23): other schedules are not supported`,
    );
  }
  return cron;
}

/**
 * Throws INVALID_ARGUMENT or UNSUPPORTED unless `config` is a supported DualScheduleConfiguration;
 * returns it normalized (every default filled in, schedules as "M H * * *").
 */
export function validateDualScheduleConfiguration(config: unknown): Required<DualScheduleConfiguration> {
  if (!isObject(config)) throw invalid('config is required and must be an object');
  const { contentFetch, userNotification, relationship } = config;
  if (!isObject(contentFetch)) throw invalid('config.contentFetch is required and must be an object');
  if (typeof contentFetch.enabled !== 'boolean') throw invalid('config.contentFetch.enabled must be a boolean');
  const fetchSchedule = schedule(contentFetch, 'config.contentFetch.schedule');
  if (present(contentFetch.url)) {
    throw unsupported('config.contentFetch.url is not supported: omit it, the native fetcher is used');
  }
  if (!isObject(userNotification)) throw invalid('config.userNotification is required and must be an object');
  const notifySchedule = schedule(userNotification, 'config.userNotification.schedule');
  if (typeof userNotification.title !== 'string') throw invalid('config.userNotification.title must be a string');
  if (typeof userNotification.body !== 'string') throw invalid('config.userNotification.body must be a string');
  const sound = optionalBoolean(userNotification, 'sound', 'config.userNotification.sound');
  let contentTimeout = DEFAULT_CONTENT_TIMEOUT_MS;
  let fallbackBehavior: 'skip' | 'show_default' = 'skip';
  if (present(relationship)) {
    if (!isObject(relationship)) throw invalid('config.relationship must be an object');
    const timeout = relationship.contentTimeout;
    if (present(timeout)) {
      if (typeof timeout !== 'number' || !Number.isInteger(timeout) || timeout < 0 || timeout > MAX_CONTENT_TIMEOUT_MS) {
        throw invalid('config.relationship.contentTimeout must be an integer from 0 to 86400000 (milliseconds, at most a day)');
      }
      contentTimeout = timeout;
    }
    const fallback = relationship.fallbackBehavior;
    if (present(fallback)) {
      if (fallback !== 'skip' && fallback !== 'show_default') {
        throw invalid('config.relationship.fallbackBehavior must be "skip" or "show_default"');
      }
      fallbackBehavior = fallback;
    }
  }
  return {
    contentFetch: { enabled: contentFetch.enabled, schedule: fetchSchedule },
    userNotification: { schedule: notifySchedule, title: userNotification.title, body: userNotification.body, sound },
    relationship: { contentTimeout, fallbackBehavior },
  };
}

/** `scheduleDualNotification({ config })`. */
export function validateScheduleDualNotificationOptions(options: unknown): Required<DualScheduleConfiguration> {
  if (!isObject(options)) throw invalid('options must be an object with config');
  return validateDualScheduleConfiguration(options.config);
}

/**
 * `updateDualScheduleConfig` takes the configuration itself or `{ config }`: an object with
 * `config` and neither half of a configuration is the wrapper.
 */
export function validateUpdateDualScheduleConfigOptions(options: unknown): Required<DualScheduleConfiguration> {
  if (isObject(options) && 'config' in options && !('contentFetch' in options) && !('userNotification' in options)) {
    return validateDualScheduleConfiguration(options.config);
  }
  return validateDualScheduleConfiguration(options);
}

/**
 * The old plugin's `scheduleDailyNotification` fields this plugin does not do, and its
 * `{ options }` wrapper: UNSUPPORTED on every platform (rust/core/src/schedule/config.rs,
 * OLD_REMINDER_FIELDS), never silently ignored.
 */
export const OLD_REMINDER_FIELDS = ['url', 'retryConfig', 'priority', 'options'] as const;

/** Throws INVALID_ARGUMENT unless `{ time: "HH:MM", title, body, sound?, id? }`; returns it normalized. */
export function validateDailyNotificationOptions(options: unknown): Required<ScheduleDailyNotificationOptions> {
  if (!isObject(options)) throw invalid('options must be an object');
  const old = OLD_REMINDER_FIELDS.find((key) => present(options[key]));
  if (old !== undefined) {
    throw unsupported(`${old} is a field of the old plugin, not supported: pass { time, title, body, sound?, id? }`);
  }
  if (typeof options.time !== 'string' || !HH_MM.test(options.time)) throw invalid('time must be "HH:MM" (00:00 to 23:59)');
  if (typeof options.title !== 'string') throw invalid('title is required and must be a string');
  if (typeof options.body !== 'string') throw invalid('body is required and must be a string');
  const sound = optionalBoolean(options, 'sound', 'sound');
  let id = DEFAULT_REMINDER_ID;
  if (present(options.id)) {
    if (typeof options.id !== 'string') throw invalid('id must be a string');
    if (options.id === '') throw invalid('id must not be empty');
    id = options.id;
  }
  return { id, time: options.time, title: options.title, body: options.body, sound };
}

/**
 * `{ reminderId }` or `{ id }` with a non-empty string (both naming different reminders is
 * INVALID_ARGUMENT), as the core's `reminder_id`.
 */
export function validateReminderId(options: unknown): string {
  const named = (key: string): string | undefined => {
    const value = isObject(options) ? options[key] : undefined;
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  const reminderId = named('reminderId');
  const id = named('id');
  if (reminderId !== undefined && id !== undefined && reminderId !== id) {
    throw invalid('reminderId and id name different reminders');
  }
  const chosen = reminderId ?? id;
  if (chosen === undefined) throw invalid('reminderId is required and must be a non-empty string (or give id)');
  return chosen;
}

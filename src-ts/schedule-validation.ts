// Validation of the scheduling methods' options (dual schedule, daily reminder): the shape every
// platform needs, so that the web rejects malformed calls with INVALID_ARGUMENT where native would.
// Android and iOS apply the same rules, and accept only daily schedules ("M H * * *").
import type { DualScheduleConfiguration, ScheduleDailyNotificationOptions } from './definitions';
import { dailyNotificationError } from './errors';

/** A day: content fetched for one day's notification never waits into the next. */
const MAX_CONTENT_TIMEOUT_MS = 86_400_000;

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;
const FALLBACK_BEHAVIORS = ['skip', 'show_default'];

const invalid = (message: string) => dailyNotificationError('INVALID_ARGUMENT', message);

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function optionalOfType(o: Record<string, unknown>, key: string, type: 'string' | 'number' | 'boolean', path: string): void {
  if (o[key] !== undefined && o[key] !== null && typeof o[key] !== type) throw invalid(`${path}.${key} must be a ${type}`);
}

/** A five-field cron expression: minute hour day-of-month month day-of-week. */
export function isCronExpression(value: unknown): boolean {
  return typeof value === 'string' && /^\S+( \S+){4}$/.test(value.trim().replace(/\s+/g, ' '));
}

/** Throws INVALID_ARGUMENT unless `config` has the DualScheduleConfiguration shape. */
export function validateDualScheduleConfiguration(config: unknown, path = 'config'): DualScheduleConfiguration {
  if (!isObject(config)) throw invalid(`${path} is required and must be an object`);
  const { contentFetch, userNotification, relationship } = config;
  if (!isObject(contentFetch)) throw invalid(`${path}.contentFetch is required and must be an object`);
  if (typeof contentFetch.enabled !== 'boolean') throw invalid(`${path}.contentFetch.enabled must be a boolean`);
  if (!isCronExpression(contentFetch.schedule)) throw invalid(`${path}.contentFetch.schedule must be a five-field cron expression`);
  optionalOfType(contentFetch, 'url', 'string', `${path}.contentFetch`);
  if (!isObject(userNotification)) throw invalid(`${path}.userNotification is required and must be an object`);
  if (!isCronExpression(userNotification.schedule)) throw invalid(`${path}.userNotification.schedule must be a five-field cron expression`);
  if (typeof userNotification.title !== 'string') throw invalid(`${path}.userNotification.title must be a string`);
  if (typeof userNotification.body !== 'string') throw invalid(`${path}.userNotification.body must be a string`);
  optionalOfType(userNotification, 'sound', 'boolean', `${path}.userNotification`);
  if (relationship !== undefined && relationship !== null) {
    if (!isObject(relationship)) throw invalid(`${path}.relationship must be an object`);
    const timeout = relationship.contentTimeout;
    if (
      timeout !== undefined &&
      timeout !== null &&
      (typeof timeout !== 'number' || !Number.isInteger(timeout) || timeout < 0 || timeout > MAX_CONTENT_TIMEOUT_MS)
    ) {
      throw invalid(`${path}.relationship.contentTimeout must be an integer from 0 to 86400000 (milliseconds, at most a day)`);
    }
    const fallback = relationship.fallbackBehavior;
    if (fallback !== undefined && fallback !== null && !FALLBACK_BEHAVIORS.includes(fallback as string)) {
      throw invalid(`${path}.relationship.fallbackBehavior must be "skip" or "show_default"`);
    }
  }
  return config as unknown as DualScheduleConfiguration;
}

/** Throws INVALID_ARGUMENT unless `{ time: "HH:MM", title, body, sound?, id? }`. */
export function validateDailyNotificationOptions(options: unknown): ScheduleDailyNotificationOptions {
  if (!isObject(options)) throw invalid('scheduleDailyNotification: options must be an object');
  if (typeof options.time !== 'string' || !HH_MM.test(options.time)) throw invalid('time must be "HH:MM" (00:00 to 23:59)');
  if (typeof options.title !== 'string') throw invalid('title is required and must be a string');
  if (typeof options.body !== 'string') throw invalid('body is required and must be a string');
  optionalOfType(options, 'sound', 'boolean', 'options');
  optionalOfType(options, 'id', 'string', 'options');
  if (options.id === '') throw invalid('id must not be empty');
  return options as unknown as ScheduleDailyNotificationOptions;
}

/** Throws INVALID_ARGUMENT unless `{ reminderId }` with a non-empty string. */
export function validateReminderId(options: unknown): string {
  if (!isObject(options) || typeof options.reminderId !== 'string' || options.reminderId === '') {
    throw invalid('reminderId is required and must be a non-empty string');
  }
  return options.reminderId;
}

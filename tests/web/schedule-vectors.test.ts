// tests/vectors/schedule.json, the scheduling rules every platform shares: the web's validator
// must give each entry's error (code and message) or its normalized configuration or reminder.
// The next instants are the core's (Rust, Java, C suites): the web schedules nothing.
import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import {
  validateDailyNotificationOptions,
  validateReminderId,
  validateScheduleDualNotificationOptions,
  validateUpdateDualScheduleConfigOptions,
} from '../../src-ts/schedule-validation';

interface Vector {
  name: string;
  call: string;
  options: unknown;
  expect: { error?: { code: string; message: string }; config?: unknown; reminder?: unknown };
}

const { vectors } = JSON.parse(readFileSync(new URL('../vectors/schedule.json', import.meta.url), 'utf8')) as {
  vectors: Vector[];
};

const validators: Record<string, (options: unknown) => unknown> = {
  scheduleDualNotification: validateScheduleDualNotificationOptions,
  updateDualScheduleConfig: validateUpdateDualScheduleConfigOptions,
  scheduleDailyNotification: validateDailyNotificationOptions,
  cancelDailyReminder: validateReminderId,
};

describe('tests/vectors/schedule.json', () => {
  it('has vectors for every scheduling method', () => {
    expect(new Set(vectors.map((v) => v.call))).toEqual(new Set(Object.keys(validators)));
  });

  it.each(vectors.map((v) => [v.name, v] as const))('%s', (_name, v) => {
    const validate = validators[v.call];
    if (v.expect.error) {
      let thrown: { code?: string; message?: string } | undefined;
      try {
        validate(v.options);
      } catch (e) {
        thrown = e as { code?: string; message?: string };
      }
      expect(thrown, 'expected a rejection').toBeDefined();
      expect({ code: thrown?.code, message: thrown?.message }).toEqual(v.expect.error);
      return;
    }
    const normalized = validate(v.options);
    if (v.expect.config) expect(normalized).toEqual(v.expect.config);
    if (v.expect.reminder) expect(normalized).toEqual(v.expect.reminder);
  });
});

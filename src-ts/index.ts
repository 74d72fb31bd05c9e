// Package entry: registers the `DailyNotification` plugin (native on Android and iOS, the web
// implementation in a browser) and exports the API types, error helpers and JWT pool helpers.
import { registerPlugin } from '@capacitor/core';

import type { DailyNotificationPlugin, LastNotification } from './definitions';

const registered = registerPlugin<DailyNotificationPlugin>('DailyNotification', {
  web: () => import('./web').then((m) => new m.DailyNotificationWeb()),
});

/** A native "nothing shown yet" arrives as no data or `{}` (a bridge cannot resolve null). */
function lastNotificationOrNull(value: LastNotification | null | undefined): LastNotification | null {
  return value && typeof value.id === 'string' ? value : null;
}

// The registered plugin, with the one answer the native bridges cannot give as documented made so.
const DailyNotification: DailyNotificationPlugin = new Proxy(registered, {
  get(target, prop, receiver) {
    if (prop === 'getLastNotification') {
      return async () => lastNotificationOrNull(await target.getLastNotification());
    }
    return Reflect.get(target, prop, receiver);
  },
});

export * from './definitions';
export {
  DAILY_NOTIFICATION_ERROR_CODES,
  TOKEN_REJECTION_REASONS,
  isDailyNotificationError,
} from './errors';
export type { DailyNotificationError, DailyNotificationErrorData } from './errors';
export {
  BACKGROUND_JWT_EXPIRY_DAYS,
  BACKGROUND_JWT_EXPIRY_SECONDS,
  BACKGROUND_JWT_POOL_BUFFER,
  BACKGROUND_JWT_POOL_SIZE,
  minimumBackgroundJwtPoolSize,
  mintBackgroundJwtPool,
} from './jwt-pool';
export type { BackgroundJwtClaims, BackgroundJwtSigner, MintBackgroundJwtPoolOptions } from './jwt-pool';
export { DailyNotification };

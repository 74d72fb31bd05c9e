// Package entry: registers the `DailyNotification` plugin (native on Android and iOS, the web
// implementation in a browser) and exports the API types, error helpers and JWT pool helpers.
import { registerPlugin } from '@capacitor/core';

import type { DailyNotificationPlugin } from './definitions';

const DailyNotification = registerPlugin<DailyNotificationPlugin>('DailyNotification', {
  web: () => import('./web').then((m) => new m.DailyNotificationWeb()),
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

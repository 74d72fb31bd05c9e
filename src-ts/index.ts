// Package entry: registers the `DailyNotification` plugin (native on Android and iOS, the web
// implementation in a browser) and exports the API types, error helpers and JWT pool helpers.
// Nothing here changes what native answers: Android and iOS resolve the documented shapes
// themselves, so a second handle on the plugin (the app's own `registerPlugin('DailyNotification')`)
// gets the same answers as this one.
import { Capacitor, registerPlugin } from '@capacitor/core';

import type { DailyNotificationPlugin } from './definitions';
import { DailyNotificationWeb } from './web';

const PLUGIN_NAME = 'DailyNotification';
const MIGRATION_GUIDE = 'docs/migrating-from-daily-notification-plugin.md';

const registered = registerPlugin<DailyNotificationPlugin>(PLUGIN_NAME, {
  web: () => new DailyNotificationWeb(),
});

/**
 * The registered plugin, except in one case: in a browser, when the app registered
 * `DailyNotification` itself before importing this package, Capacitor kept the app's registration
 * (with no web implementation) and dropped ours. This package's export then uses the web
 * implementation directly; the app's own handle stays without one, so say how to fix it.
 */
function pluginForThisPlatform(): DailyNotificationPlugin {
  if (Capacitor.getPlatform() !== 'web' || Capacitor.isPluginAvailable(PLUGIN_NAME)) return registered;
  console.error(
    `${PLUGIN_NAME} was registered by the app before this package was imported, without a web implementation. ` +
      `Replace the app's own registerPlugin('${PLUGIN_NAME}') with a re-export of this package's DailyNotification (${MIGRATION_GUIDE}).`,
  );
  return new DailyNotificationWeb();
}

const DailyNotification: DailyNotificationPlugin = pluginForThisPlatform();

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

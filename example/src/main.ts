// The example app: the TimeSafari flow in one screen. Mint a background JWT pool with a throw-away
// identity, configure the native fetcher, star plans, schedule the dual notification ("New
// Activity" with a prefetch five minutes before), and show getNativeFetcherStatus. Runs in the
// Capacitor app on Android and iOS (the web build reports that the native fetcher is unavailable).
// A tap on the "New Activity" notification deep-links to the starred projects (#/starred-projects).
import {
  BACKGROUND_JWT_EXPIRY_DAYS,
  BACKGROUND_JWT_POOL_SIZE,
  DailyNotification,
  isDailyNotificationError,
  mintBackgroundJwtPool,
} from '@timesafari/daily-notification-plugin-rs';
import type { DualScheduleConfiguration } from '@timesafari/daily-notification-plugin-rs';

import { createThrowAwayIdentity } from './identity';

const API_SERVER = 'https://api.endorser.ch';
const STARRED_PLANS = ['https://endorser.ch/entity/01EXAMPLEPLAN00000000000001'];

// On screen, and on the console with a fixed prefix: the device workflows read it from logcat and
// the simulator's console (scripts/run-example-on-*.sh). Never a token: counts and codes only.
function show(label: string, value: unknown): void {
  const out = document.getElementById('log');
  if (out) out.textContent += `${label}: ${JSON.stringify(value, null, 2)}\n`;
  console.log(`dnp-example: ${label}: ${JSON.stringify(value)}`);
}

function dailyAt(hour: number, minute: number): string {
  return `${minute} ${hour} * * *`;
}

/** The app's "Starred Projects" screen: what a tap on "New Activity" opens. */
function openStarredProjects(changed: string[]): void {
  window.location.hash = changed.length > 0 ? `#/starred-projects?changed=${changed.length}` : '#/starred-projects';
  const screen = document.getElementById('screen');
  if (screen) screen.textContent = `Starred projects:\n${(changed.length > 0 ? changed : STARRED_PLANS).join('\n')}`;
}

// Added before the first await: a tap that launched the app is retained by the plugin until this
// listener exists, then delivered to it.
void DailyNotification.addListener('notificationTapped', (tap) => {
  show('tapped', { kind: tap.kind, id: tap.id, planIds: tap.planIds.length, shownAt: tap.shownAt });
  // Fetched content names the changed plans; the default text of the same schedule is about
  // the starred projects too.
  if (tap.kind === 'content' || tap.kind === 'default') openStarredProjects(tap.planIds);
});
void DailyNotification.addListener('prefetchFinished', (done) => show('prefetch', done));
void DailyNotification.addListener('permissionChanged', (change) => show('permission changed', change));

async function run(): Promise<void> {
  const identity = createThrowAwayIdentity();
  show('identity', identity.did);

  // One token per day of the token lifetime plus a buffer, all minted now (no key in the plugin).
  const jwtTokens = await mintBackgroundJwtPool({
    activeDid: identity.did,
    poolSize: BACKGROUND_JWT_POOL_SIZE,
    expiryDays: BACKGROUND_JWT_EXPIRY_DAYS,
    sign: (claims) => identity.sign(claims),
  });
  const configured = await DailyNotification.configureNativeFetcher({
    apiBaseUrl: API_SERVER,
    activeDid: identity.did,
    jwtTokens,
    tokenPolicy: 'perDay',
    lowWaterDays: 7,
  });
  show('configured', { accepted: configured.accepted, rejected: configured.rejected.length, coverageUntil: configured.coverageUntil });

  show('starred', await DailyNotification.updateStarredPlans({ planIds: STARRED_PLANS }));
  show('native fetcher', await DailyNotification.getNativeFetcherStatus());

  // May show the system prompt (Android 13+, iOS): everything above runs without an answer.
  show('permissions', await DailyNotification.requestPermissions());

  const at = new Date(Date.now() + 10 * 60 * 1000);
  const fetchAt = new Date(at.getTime() - 5 * 60 * 1000);
  const config: DualScheduleConfiguration = {
    contentFetch: { enabled: true, schedule: dailyAt(fetchAt.getHours(), fetchAt.getMinutes()) },
    userNotification: {
      schedule: dailyAt(at.getHours(), at.getMinutes()),
      title: 'New Activity',
      body: 'Your starred projects have updates',
      sound: true,
    },
    relationship: { contentTimeout: 5 * 60 * 1000, fallbackBehavior: 'show_default' },
  };
  await DailyNotification.scheduleDualNotification({ config });
  show('dual schedule', await DailyNotification.getDualScheduleStatus());
}

run().catch((error: unknown) => {
  // Codes and messages only: a token never reaches the screen or a log.
  show('error', isDailyNotificationError(error) ? { code: error.code, message: error.message } : String(error));
});

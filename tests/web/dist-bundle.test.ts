// The built package as an app loads it: the CommonJS bundle and the ES module from dist/ (run.sh
// builds first) export the API and reach the native bridge by the plugin's name.
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

import pkg from '../../package.json';

import { DID, jwt } from './jwt-fixtures';
import { resetToWeb, withRecordingBridge } from './recording-bridge';

const root = new URL('../../', import.meta.url);
const require = createRequire(root);

afterEach(() => resetToWeb());

describe('package.json', () => {
  it('points main, module and types at built files', () => {
    for (const field of ['main', 'module', 'types', 'unpkg'] as const) {
      expect(existsSync(new URL(pkg[field], root)), `${field}: ${pkg[field]}`).toBe(true);
    }
  });

  it('packs what Gradle, SwiftPM and CocoaPods read from the package, and no test or Rust source', () => {
    // What `npm publish` would ship (no scripts run).
    const [packed] = JSON.parse(
      execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
        cwd: fileURLToPath(root),
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }),
    ) as [{ files: { path: string }[] }];
    const paths = new Set(packed.files.map((f) => f.path));
    const gradle = readFileSync(new URL('android/build.gradle', root), 'utf8');
    const proguard = /consumerProguardFiles\s+'([^']+)'/.exec(gradle)?.[1];
    expect(proguard, 'consumerProguardFiles in android/build.gradle').toBeDefined();
    for (const needed of [
      `android/${proguard}`,
      'android/build.gradle',
      'android/src/main/AndroidManifest.xml',
      'android/src/main/java/com/timesafari/dailynotification/DailyNotificationPlugin.java',
      'ios/Sources/DailyNotificationPlugin/DailyNotificationPlugin.swift',
      'Package.swift',
      'TimesafariDailyNotificationPluginRs.podspec',
      'LICENSE',
      pkg.main,
      pkg.module,
      pkg.types,
    ]) {
      expect(paths.has(needed.replace(/^\.\//, '')), needed).toBe(true);
    }
    for (const path of paths) {
      expect(path, 'packed').not.toMatch(/^(tests|rust|scripts|src-ts|node_modules)\//);
    }
  });

  it('carries what npm shows and needs to publish: repository, bugs, homepage, LICENSE, public access, Node 22', () => {
    const repo = 'https://github.com/trentlarson/daily-notification-plugin-rs';
    expect(pkg.repository).toEqual({ type: 'git', url: `git+${repo}.git` });
    expect(pkg.bugs).toEqual({ url: `${repo}/issues` });
    expect(pkg.homepage).toBe(`${repo}#readme`);
    expect(pkg.publishConfig).toEqual({ access: 'public' });
    // The Capacitor 8 CLI's own engines field (tests/example/run.sh compares it with the installed CLI).
    expect(pkg.engines.node).toBe('>=22.0.0');
    expect(readFileSync(new URL('LICENSE', root), 'utf8')).toMatch(/^MIT License/);
  });

  it('declares the Capacitor plugin fields', () => {
    expect(pkg.capacitor).toEqual({ ios: { src: 'ios' }, android: { src: 'android' } });
    expect(pkg.peerDependencies['@capacitor/core']).toMatch(/^\^8\./);
    expect(pkg.files).toContain('dist/');
  });
});

describe.each(['cjs', 'esm'] as const)('the %s build', (kind) => {
  const load = async () => {
    if (kind === 'esm') return (await import(/* @vite-ignore */ new URL(pkg.module, root).href)) as typeof import('../../src-ts/index');
    // A fresh CommonJS load, so that @capacitor/core reads the bridge set up for this test.
    for (const id of Object.keys(require.cache)) {
      if (id.includes('/@capacitor/core/') || id.includes('/dist/plugin.cjs')) delete require.cache[id];
    }
    return require(new URL(pkg.main, root).pathname) as typeof import('../../src-ts/index');
  };

  it('exports the plugin, the error helpers and the pool helpers', async () => {
    const { module } = await withRecordingBridge('android', load);
    expect(Object.keys(module).sort()).toEqual(
      [
        'BACKGROUND_JWT_EXPIRY_DAYS',
        'BACKGROUND_JWT_EXPIRY_SECONDS',
        'BACKGROUND_JWT_POOL_BUFFER',
        'BACKGROUND_JWT_POOL_SIZE',
        'DAILY_NOTIFICATION_ERROR_CODES',
        'DailyNotification',
        'TOKEN_REJECTION_REASONS',
        'isDailyNotificationError',
        'minimumBackgroundJwtPoolSize',
        'mintBackgroundJwtPool',
      ].sort(),
    );
  });

  it('sends configureNativeFetcher to the native DailyNotification plugin', async () => {
    const { module, calls } = await withRecordingBridge('android', load);
    const options = { apiBaseUrl: 'https://api.endorser.ch', activeDid: DID, jwtTokens: [jwt()] };
    await module.DailyNotification.configureNativeFetcher(options);
    expect(calls).toEqual([{ pluginName: 'DailyNotification', methodName: 'configureNativeFetcher', options }]);
  });
});

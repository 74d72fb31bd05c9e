// scripts/check-ios-archive.sh (run on the example's App Store archive by .github/workflows/ios.yml):
// its privacy manifest check, on fake archives. An app with no executables and no Frameworks/ has
// nothing for the script's Mach-O checks (lipo, PlistBuddy), so this part runs here too.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const MANIFEST = join(root, 'ios/Sources/DailyNotificationPlugin/PrivacyInfo.xcprivacy');
// The resource bundle SwiftPM makes for the target: <package>_<target>.bundle, in the app's root.
const SPM_BUNDLE = 'TimesafariDailyNotificationPluginRs_DailyNotificationPlugin.bundle';

let archive: string;
let app: string;

beforeEach(() => {
  archive = join(mkdtempSync(join(tmpdir(), 'dnp-archive-')), 'App.xcarchive');
  app = join(archive, 'Products/Applications/App.app');
  mkdirSync(app, { recursive: true });
});
afterEach(() => rmSync(join(archive, '..'), { recursive: true, force: true }));

function check() {
  return spawnSync('bash', [join(root, 'scripts/check-ios-archive.sh'), archive], { encoding: 'utf8' });
}

describe('check-ios-archive.sh: the privacy manifest', () => {
  it("accepts an app that carries the plugin's manifest in a resource bundle", () => {
    mkdirSync(join(app, SPM_BUNDLE));
    cpSync(MANIFEST, join(app, SPM_BUNDLE, 'PrivacyInfo.xcprivacy'));
    const result = check();
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('refuses an app without it', () => {
    const result = check();
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("the plugin's privacy manifest is not in any bundle of the app");
  });

  it("refuses an app whose only manifest is another SDK's (Capacitor's declares no API)", () => {
    mkdirSync(join(app, 'Capacitor.bundle'));
    writeFileSync(
      join(app, 'Capacitor.bundle/PrivacyInfo.xcprivacy'),
      '<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0"><dict><key>NSPrivacyAccessedAPITypes</key><array/>' +
        '<key>NSPrivacyTracking</key><false/></dict></plist>\n',
    );
    const result = check();
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("the plugin's privacy manifest is not in any bundle of the app");
  });
});

// What `npm pack` / `npm publish` let through (prepack runs scripts/check-native-artifacts.sh):
// a package without the Android libraries, the verifier's Maven repository and the library
// XCFramework is refused unless DNP_PACK_FOR_TESTS_ONLY=1; with them (fakes of the right shape
// here: this machine has no NDK and no Xcode) it packs and carries them.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const XCF = 'ios/Frameworks/DailyNotificationCore.xcframework';
const PRIVACY_MANIFEST = 'ios/Sources/DailyNotificationPlugin/PrivacyInfo.xcprivacy';
const VERIFIER = 'android/maven/org/rustls/rustls-platform-verifier/0.2.0';
const ABIS = { 'arm64-v8a': 183, 'armeabi-v7a': 40, x86_64: 62 } as const;

let dir: string;

/**
 * A package directory with the real package.json, Cargo.lock, check script, privacy manifest and every committed
 * .gitignore (npm applies a subdirectory's ignore file even to what "files" lists), no artifacts.
 */
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dnp-pack-'));
  const ignoreFiles = execFileSync('git', ['ls-files', '--', '.gitignore', '**/.gitignore'], { cwd: root, encoding: 'utf8' })
    .split('\n')
    .filter((path) => path && !path.startsWith('example/'));
  for (const file of ['package.json', 'Cargo.lock', 'scripts/check-native-artifacts.sh', PRIVACY_MANIFEST, ...ignoreFiles]) {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    cpSync(join(root, file), join(dir, file));
  }
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function write(path: string, content: string | Uint8Array): void {
  mkdirSync(join(dir, path, '..'), { recursive: true });
  writeFileSync(join(dir, path), content);
}

/** The first 20 bytes of an ELF shared object for ELF machine `machine`. */
function elfHeader(machine: number): Uint8Array {
  const header = new Uint8Array(64);
  header.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]);
  header[16] = 3; // ET_DYN
  header[18] = machine & 0xff;
  header[19] = machine >> 8;
  return header;
}

function addArtifacts({
  wrapFramework = false,
  flatHeaders = false,
  machineOf = (abi: keyof typeof ABIS) => ABIS[abi],
} = {}): void {
  for (const abi of Object.keys(ABIS) as (keyof typeof ABIS)[]) {
    write(`android/src/main/jniLibs/${abi}/libdaily_notification.so`, elfHeader(machineOf(abi)));
  }
  write(`${VERIFIER}/rustls-platform-verifier-0.2.0.aar`, 'aar');
  write(`${VERIFIER}/rustls-platform-verifier-0.2.0.pom`, '<project/>');
  write(`${XCF}/Info.plist`, '<plist><dict><key>LibraryPath</key><string>libdaily_notification_ffi.a</string></dict></plist>');
  for (const slice of ['ios-arm64', 'ios-arm64_x86_64-simulator']) {
    write(`${XCF}/${slice}/libdaily_notification_ffi.a`, '!<arch>\n');
    // The layout of scripts/ios-core-headers.sh; `flatHeaders` is the old one, at the Headers root.
    const headers = flatHeaders ? `${XCF}/${slice}/Headers` : `${XCF}/${slice}/Headers/DailyNotificationCore`;
    write(`${headers}/daily_notification.h`, '/* header */');
    write(`${headers}/module.modulemap`, 'module DailyNotificationCore {}');
    if (wrapFramework) write(`${XCF}/${slice}/DailyNotificationCore.framework/DailyNotificationCore`, 'x');
  }
}

function check(env: Record<string, string> = {}) {
  const { DNP_PACK_FOR_TESTS_ONLY: _ignored, ...base } = process.env;
  return spawnSync('bash', ['scripts/check-native-artifacts.sh'], { cwd: dir, env: { ...base, ...env }, encoding: 'utf8' });
}

describe('npm pack (prepack)', () => {
  it('refuses a package without the native artifacts and names each one and its build script', () => {
    const { DNP_PACK_FOR_TESTS_ONLY: _ignored, ...env } = process.env;
    const result = spawnSync('npm', ['pack', '--dry-run'], { cwd: dir, env, encoding: 'utf8' });
    expect(result.status).not.toBe(0);
    for (const abi of Object.keys(ABIS)) {
      expect(result.stderr).toContain(`missing android/src/main/jniLibs/${abi}/libdaily_notification.so: run scripts/build-android.sh`);
    }
    expect(result.stderr).toContain(`missing ${VERIFIER}/rustls-platform-verifier-0.2.0.aar: run scripts/fetch-verifier-maven.sh`);
    expect(result.stderr).toContain(`missing ${XCF}/Info.plist: run scripts/build-ios.sh on a Mac`);
  });

  it('lets a test-only package through only with DNP_PACK_FOR_TESTS_ONLY=1, and says so', () => {
    expect(check({ DNP_PACK_FOR_TESTS_ONLY: '1' })).toMatchObject({ status: 0 });
    expect(check({ DNP_PACK_FOR_TESTS_ONLY: '1' }).stderr).toContain('for tests only');
    expect(check({ DNP_PACK_FOR_TESTS_ONLY: 'yes' }).status).not.toBe(0);
  });

  it('accepts the three Android libraries, the verifier repository and a library XCFramework, and packs them', () => {
    addArtifacts();
    expect(check()).toMatchObject({ status: 0 });
    const [packed] = JSON.parse(
      execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: dir, encoding: 'utf8' }),
    ) as [{ files: { path: string }[] }];
    const paths = packed.files.map((f) => f.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        ...Object.keys(ABIS).map((abi) => `android/src/main/jniLibs/${abi}/libdaily_notification.so`),
        `${VERIFIER}/rustls-platform-verifier-0.2.0.aar`,
        `${VERIFIER}/rustls-platform-verifier-0.2.0.pom`,
        `${XCF}/Info.plist`,
        `${XCF}/ios-arm64/libdaily_notification_ffi.a`,
        `${XCF}/ios-arm64_x86_64-simulator/Headers/DailyNotificationCore/module.modulemap`,
        `${XCF}/ios-arm64/Headers/DailyNotificationCore/daily_notification.h`,
        PRIVACY_MANIFEST,
      ]),
    );
  });

  it('refuses an XCFramework whose module map sits at the Headers root (it collides with other binary targets)', () => {
    addArtifacts({ flatHeaders: true });
    const result = check();
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain(`missing ${XCF}/ios-arm64/Headers/DailyNotificationCore/module.modulemap`);
    expect(result.stderr).toContain(`${XCF}/ios-arm64/Headers/module.modulemap is at the Headers root`);
  });

  it('refuses a library built for the wrong ABI', () => {
    addArtifacts({ machineOf: (abi) => (abi === 'armeabi-v7a' ? ABIS.x86_64 : ABIS[abi]) });
    const result = check();
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('armeabi-v7a/libdaily_notification.so is built for ELF machine 62, not armeabi-v7a');
  });

  it('refuses a static library wrapped in a .framework (App Store rejects it, ITMS-90171)', () => {
    addArtifacts({ wrapFramework: true });
    const result = check();
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('ITMS-90171');
  });
});

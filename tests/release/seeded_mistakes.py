"""Each preflight check fails on a mistake seeded into a copy of this repository.

For every mistake: a fresh copy of the repository's files (tracked and untracked, not ignored), one
edit, then `preflight.py COPY --only CHECK`, which must fail and say what is wrong. The unedited
copy must pass every check first, so a failure below is the seeded mistake and nothing else.
    python3 tests/release/seeded_mistakes.py        # from the repository root
Ends with "seeded mistakes: N passed, N failed".
"""

import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
PREFLIGHT = os.path.join(HERE, "preflight.py")

XCTEST_SELECT = """      - name: Select Xcode ${{ env.XCODE_VERSION }}
        run: scripts/select-xcode.sh

      - name: Pick an iPhone simulator
        run: |"""

# (check, what the mistake is, [(file, old, new)] or a callable on the copy's root, expected text)
MISTAKES = [
    ("paths", "a workflow runs a script that is not there",
     [(".github/workflows/android.yml", "run: scripts/build-android.sh", "run: scripts/build-andriod.sh")],
     "scripts/build-andriod.sh, which does not exist"),
    ("paths", "a workflow runs a script that is not executable",
     lambda root: os.chmod(os.path.join(root, "scripts/select-xcode.sh"), 0o644),
     "scripts/select-xcode.sh as a command, but it is not executable"),
    ("paths", "a workflow runs ./scripts/… that is not there",
     [(".github/workflows/ios.yml", "run: scripts/check-ios-archive.sh \"$RUNNER_TEMP/App.xcarchive\"\n\n      - name: Sign",
       "run: ./scripts/check-ios-archives.sh \"$RUNNER_TEMP/App.xcarchive\"\n\n      - name: Sign")],
     "./scripts/check-ios-archives.sh, which does not exist"),
    ("paths", "a cache key hashes a file that is not there",
     [(".github/workflows/ci.yml", "'tests/android/pom.xml'", "'tests/android/pom.xm'")],
     "hashFiles names tests/android/pom.xm"),
    ("paths", "release.yml calls a workflow by the wrong name",
     [(".github/workflows/release.yml", "uses: ./.github/workflows/ios.yml", "uses: ./.github/workflows/iOS.yml")],
     "calls ./.github/workflows/iOS.yml, which does not exist"),
    ("artifacts", "the publish job restores the Android libraries into the wrong directory",
     [(".github/workflows/release.yml", "name: android-native\n          path: android\n",
       "name: android-native\n          path: android/src/main\n")],
     "restores into 'android/src/main', but android.yml native uploads it from 'android'"),
    ("artifacts", "the producer renames its artifact",
     [(".github/workflows/ios.yml", "name: ios-xcframework\n          path: ios/Frameworks/\n",
       "name: ios-framework\n          path: ios/Frameworks/\n")],
     "download-artifact ios-xcframework: no job it needs uploads"),
    ("artifacts", "the publish job no longer needs the iOS workflow",
     [(".github/workflows/release.yml", "needs: [test, android, ios]", "needs: [test, android]")],
     "publish: download-artifact ios-xcframework: no job it needs uploads"),
    ("artifacts", "the upload drops a path, which moves the artifact's root",
     [(".github/workflows/android.yml", "            android/src/main/jniLibs/\n            android/maven/\n",
       "            android/src/main/jniLibs/\n")],
     "uploads it from 'android/src/main/jniLibs'"),
    ("tarball", 'package.json "files" loses the verifier\'s Maven repository',
     [("package.json", '    "android/maven/",\n', "")],
     "expects a path matching ^package/android/maven/"),
    ("tarball", "a nested .gitignore hides the XCFramework from npm",
     [("ios/.gitignore", ".build/\n", ".build/\nFrameworks/\n")],
     "expects package/ios/Frameworks/DailyNotificationCore.xcframework/Info.plist in the tarball, but npm leaves it out"),
    ("tarball", 'package.json "files" loses Package.swift',
     [("package.json", '    "Package.swift",\n', "")],
     "expects package/Package.swift in the tarball"),
    ("versions", "Android's versionName drifts",
     [("android/build.gradle", 'versionName "0.1.0"', 'versionName "0.1.1"')],
     "android/build.gradle versionName is '0.1.1'"),
    ("versions", "the Cargo workspace version drifts",
     [("Cargo.toml", 'version = "0.1.0"', 'version = "0.2.0"')],
     "Cargo.toml [workspace.package] version is '0.2.0'"),
    ("versions", "package-lock.json keeps the old version",
     [("package-lock.json", '"version": "0.1.0",\n  "lockfileVersion"', '"version": "0.0.9",\n  "lockfileVersion"')],
     "package-lock.json version is '0.0.9'"),
    ("versions", "the podspec's git tag loses the v of the release tags",
     [("TimesafariDailyNotificationPluginRs.podspec", ':tag => "v#{s.version}"', ":tag => s.version.to_s")],
     "the source :tag is s.version.to_s"),
    ("versions", "release.yml runs on tags without the v",
     [(".github/workflows/release.yml", "tags: ['v*.*.*']", "tags: ['*.*.*']")],
     "release.yml runs on tags ['*.*.*']"),
    ("capacitor", "Package.swift asks for another Capacitor major",
     [("Package.swift", 'capacitor-swift-pm.git", from: "8.0.0"', 'capacitor-swift-pm.git", from: "7.0.0"')],
     "Package.swift capacitor-swift-pm is Capacitor 7"),
    ("repository", "package.json names another GitHub repository than the podspec and Cargo",
     [("package.json", "git+https://github.com/trentlarson/daily-notification-plugin-rs.git",
       "git+https://github.com/timesafari/daily-notification-plugin-rs.git")],
     "is not github.com/timesafari/daily-notification-plugin-rs"),
    ("actions", "an action pinned by its tag only",
     [(".github/workflows/ci.yml",
       "uses: actions/cache@cdf6c1fa76f9f475f3d7449005a359c84ca0f306 # v5.0.3",
       "uses: actions/cache@v5")],
     "actions/cache@v5 is not owner/repo@<40-hex sha>"),
    ("actions", "an action pinned by SHA without its tag",
     [(".github/workflows/ci.yml",
       "uses: actions/checkout@de0fac2e4500dabe0009e67214ff5f5447ce83dd # v6.0.2",
       "uses: actions/checkout@de0fac2e4500dabe0009e67214ff5f5447ce83dd")],
     "actions/checkout@de0fac2e4500dabe0009e67214ff5f5447ce83dd is not"),
    ("toolchains", "rust-toolchain.toml follows stable",
     [("rust-toolchain.toml", 'channel = "1.95.0"', 'channel = "stable"')],
     "channel 'stable' is not an exact version"),
    ("toolchains", "rust-toolchain.toml lacks a target the iOS build uses",
     [("rust-toolchain.toml", '  "x86_64-apple-ios",\n', "")],
     "targets lack x86_64-apple-ios"),
    ("toolchains", "a workflow switches to another Rust toolchain",
     [(".github/workflows/ci.yml", "run: rustup toolchain install && rustc --version",
       "run: rustup default stable && rustc --version")],
     "ci.yml picks its own Rust toolchain"),
    ("toolchains", "a macOS job builds with the image's default Xcode",
     [(".github/workflows/ios.yml", XCTEST_SELECT, "      - name: Pick an iPhone simulator\n        run: |")],
     "ios.yml xctest: runs on macOS but does not select XCODE_VERSION"),
    ("toolchains", "a document names another NDK",
     [("docs/dependencies.md", "28.2.13676358", "28.1.13356709")],
     "docs/dependencies.md names NDK 28.1.13356709"),
    ("signing", "the packaging check's archive is signed with the team again",
     [(".github/workflows/ios.yml", '-archivePath "$RUNNER_TEMP/App.xcarchive" CODE_SIGNING_ALLOWED=NO\n\n      - name: Check the archive\'s binary packaging (ITMS',
       '-archivePath "$RUNNER_TEMP/App.xcarchive" DEVELOPMENT_TEAM="$APPLE_TEAM_ID"\n\n      - name: Check the archive\'s binary packaging (ITMS')],
     "ios.yml example: the archive check-ios-archive.sh reads ($RUNNER_TEMP/App.xcarchive) is not built unsigned"),
    ("signing", "the signing step runs without the secrets",
     [(".github/workflows/ios.yml", "        if: env.ASC_KEY_ID != '' && env.ASC_ISSUER_ID != '' && env.ASC_KEY_P8 != '' && env.APPLE_TEAM_ID != ''\n", "")],
     "signs, but runs without ASC_KEY_ID, ASC_ISSUER_ID, ASC_KEY_P8, APPLE_TEAM_ID"),
    ("signing", "the signed archive without -allowProvisioningUpdates",
     [(".github/workflows/ios.yml", "auth=(-allowProvisioningUpdates -authenticationKeyPath", "auth=(-authenticationKeyPath")],
     "signs without -allowProvisioningUpdates"),
    ("release", "release.yml hands the App Store Connect secrets to the iOS workflow",
     [(".github/workflows/release.yml", "    uses: ./.github/workflows/ios.yml\n",
       "    uses: ./.github/workflows/ios.yml\n    secrets: inherit\n")],
     "passes secrets to ios.yml"),
    ("release", "the publish job keeps Node 22's npm 10",
     [(".github/workflows/release.yml", "NPM_VERSION: 11.21.3", "NPM_VERSION: 10.9.2")],
     "NPM_VERSION '10.9.2' is not an exact npm >= 11.5.1"),
    ("release", "npm publish without provenance",
     [(".github/workflows/release.yml", "npm publish ./*.tgz --provenance --access public",
       "npm publish ./*.tgz --access public")],
     "npm publish without --provenance"),
]


def repository_files():
    out = subprocess.run(["git", "ls-files", "-z", "-co", "--exclude-standard"], cwd=ROOT,
                         capture_output=True, text=True, check=True)
    return [f for f in out.stdout.split("\0") if f and os.path.isfile(os.path.join(ROOT, f))]


def copy_repository(files, dest):
    for rel in files:
        os.makedirs(os.path.join(dest, os.path.dirname(rel)), exist_ok=True)
        shutil.copy2(os.path.join(ROOT, rel), os.path.join(dest, rel))


def run_preflight(root, only=()):
    args = [sys.executable, PREFLIGHT, root]
    for check in only:
        args += ["--only", check]
    return subprocess.run(args, capture_output=True, text=True)


def seed(root, edits):
    if callable(edits):
        edits(root)
        return
    for rel, old, new in edits:
        path = os.path.join(root, rel)
        with open(path) as f:
            text = f.read()
        if text.count(old) != 1:
            raise AssertionError(f"the seed no longer applies: {rel} has {text.count(old)} copies of {old!r}")
        with open(path, "w") as f:
            f.write(text.replace(old, new))


def main():
    files = repository_files()
    passed = failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        pristine = os.path.join(tmp, "pristine")
        copy_repository(files, pristine)
        baseline = run_preflight(pristine)
        if baseline.returncode != 0:
            print(baseline.stdout + baseline.stderr)
            print("seeded mistakes: FAILED the unedited copy does not pass the preflight")
            print("seeded mistakes: 0 passed, 1 failed")
            return 1
        for number, (check, what, edits, expected) in enumerate(MISTAKES):
            root = os.path.join(tmp, f"mistake-{number}")
            shutil.copytree(pristine, root)
            try:
                seed(root, edits)
                result = run_preflight(root, [check])
                output = result.stdout + result.stderr
                if result.returncode == 1 and f"FAILED {check}" in output and expected in output:
                    passed += 1
                    print(f"seeded mistakes: ok {check}: {what}")
                else:
                    failed += 1
                    print(f"seeded mistakes: FAILED {check} missed: {what}\n  expected {expected!r} in:\n{output}")
            except AssertionError as error:
                failed += 1
                print(f"seeded mistakes: FAILED {check}: {what}: {error}")
            shutil.rmtree(root)
    print(f"seeded mistakes: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

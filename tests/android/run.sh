#!/usr/bin/env bash
# npm run test:android — the Android layer on this machine, without the Android SDK:
#  1. host builds of libdaily_notification.so (with its test hooks), endorser-double and dnp;
#  2. the aarch64-linux-android cross build of the JNI crate (compile only: no NDK to link);
#  3. android/src/main/java compiled against the real framework (org.robolectric:android-all),
#     Capacitor's own Java sources (@capacitor/android) and compile-only androidx shims
#     (tests/android/shims);
#  4. the JUnit tests (Robolectric, one JVM) over the real .so, the core and the Endorser double;
#  5. a scan of the test output for any minted token.
# First, tests/android/check-versions.sh: the library's SDK levels, AGP, Gradle and Java against
# node_modules/@capacitor/android (and that the check fails on a drifted copy).
# Ends with "N passed, N failed" (the JUnit tests plus the cross build and the token scan).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT="$PWD"
BUILD="$ROOT/tests/android/build"
SDK_JAR_VERSION="15-robolectric-13954326"

source tests/lib/ensure-rust.sh
source tests/lib/host-tools.sh

ensure_packages javac:openjdk-17-jdk-headless mvn:maven nm:binutils unzip:unzip
if [ ! -d node_modules/@capacitor/android/capacitor/src/main/java ]; then
  npm ci --no-audit --no-fund
fi
CAP_SRC="$ROOT/node_modules/@capacitor/android/capacitor/src/main/java"

rm -rf "$BUILD"
mkdir -p "$BUILD/work" "$BUILD/aar"
extra_passed=0
extra_failed=0

echo "== android: the library's build levels follow @capacitor/android (tests/android/check-versions.sh)"
if bash tests/android/check-versions.sh; then
  extra_passed=$((extra_passed + 1))
else
  extra_failed=$((extra_failed + 1))
fi
# The check can fail: a copy with the old hard-coded minSdk 23 must be refused.
sed -E "s/^( *minSdkVersion ).*/\1 23/" android/build.gradle >"$BUILD/drifted.gradle"
if LIBRARY_GRADLE="$BUILD/drifted.gradle" bash tests/android/check-versions.sh >"$BUILD/drifted.txt" 2>&1; then
  echo "check-versions: FAILED, a hard-coded minSdkVersion 23 was not refused" >&2
  extra_failed=$((extra_failed + 1))
elif grep -q "minSdkVersion: .*does not read rootProject.ext.minSdkVersion" "$BUILD/drifted.txt"; then
  echo "check-versions: refuses a drifted build.gradle (minSdkVersion 23)"
  extra_passed=$((extra_passed + 1))
else
  echo "check-versions: FAILED on the drifted copy for another reason:" >&2
  cat "$BUILD/drifted.txt" >&2
  extra_failed=$((extra_failed + 1))
fi

echo "== android: host build (libdaily_notification.so with test hooks, endorser-double, dnp)"
cargo build --locked -q -p daily-notification-jni -p endorser-double -p dnp \
  --features daily-notification-jni/test-hooks
BIN="$ROOT/target/debug"

echo "== android: cross build of rust/jni for aarch64-linux-android (compile only, no final link)"
if rustup target add aarch64-linux-android >/dev/null 2>&1; then
  ensure_packages "${GENERIC_ARM64_PACKAGES[@]}" ld.lld:lld
  started=$(date +%s)
  # The real .so is linked by the NDK through cargo-ndk (scripts/build-android.sh). A staticlib
  # needs no linker.
  mapfile -t cross_env < <(generic_arm64_c_env aarch64-linux-android)
  if env "${cross_env[@]}" \
    cargo rustc --locked -q -p daily-notification-jni --target aarch64-linux-android --crate-type staticlib; then
    echo "cross build: aarch64-linux-android compiled in $(($(date +%s) - started)) s"
    extra_passed=$((extra_passed + 1))
  else
    echo "cross build: FAILED for aarch64-linux-android" >&2
    extra_failed=$((extra_failed + 1))
  fi
else
  echo "!! ================================================================ !!" >&2
  echo "!! SKIPPED: 'rustup target add aarch64-linux-android' failed, so the   !!" >&2
  echo "!! Android cross build (cfg(target_os = \"android\") code) did not run. !!" >&2
  echo "!! ================================================================ !!" >&2
fi

echo "== android: the Gradle pin of the verifier's Java part equals the crate in Cargo.lock"
lock_version=$(awk '/^name = "rustls-platform-verifier-android"$/ { getline; gsub(/version = |"/, ""); print }' Cargo.lock)
gradle_version=$(sed -nE "s/^ *rustlsPlatformVerifierVersion = '([^']+)'.*/\1/p" android/build.gradle)
if [ -n "$lock_version" ] && [ "$lock_version" = "$gradle_version" ]; then
  echo "verifier pin: $gradle_version in android/build.gradle and Cargo.lock"
  extra_passed=$((extra_passed + 1))
else
  echo "verifier pin: FAILED, android/build.gradle has '$gradle_version', Cargo.lock has '$lock_version'" >&2
  extra_failed=$((extra_failed + 1))
fi

echo "== android: Maven Central dependencies (android-all, Robolectric, cordova, JUnit, Mockito)"
mvn -q -B -f tests/android/pom.xml dependency:build-classpath -Dmdep.outputFile="$BUILD/deps.txt" >/dev/null
ANDROID_ALL=""
INSTRUMENTED_DIR=""
TEST_DEPS=""
# (no trailing newline in the file: read returns 1 at its end)
IFS=: read -r -a deps <"$BUILD/deps.txt" || true
for dep in "${deps[@]}"; do
  case "$(basename "$dep")" in
    "android-all-$SDK_JAR_VERSION.jar") ANDROID_ALL="$dep" ;;
    android-all-instrumented-*) INSTRUMENTED_DIR="$(dirname "$dep")" ;;
    *.aar)
      # An AAR's Java classes are its classes.jar.
      jar="$BUILD/aar/$(basename "$dep" .aar).jar"
      unzip -p "$dep" classes.jar >"$jar"
      TEST_DEPS="$TEST_DEPS:$jar"
      ;;
    *) TEST_DEPS="$TEST_DEPS:$dep" ;;
  esac
done
CORDOVA="$BUILD/aar/framework-14.0.1.jar"
if [ -z "$ANDROID_ALL" ] || [ -z "$INSTRUMENTED_DIR" ] || [ ! -s "$CORDOVA" ]; then
  echo "android: missing android-all, android-all-instrumented or cordova in $BUILD/deps.txt" >&2
  exit 1
fi

echo "== android: javac (shims, then the plugin with Capacitor's sources, then the tests)"
mapfile -t shim_sources < <(find tests/android/shims -name '*.java')
mapfile -t main_sources < <(find android/src/main/java -name '*.java')
mapfile -t test_sources < <(find tests/android/src -name '*.java')
javac --release 17 -nowarn -d "$BUILD/shims" -cp "$ANDROID_ALL" "${shim_sources[@]}"
# -implicit:class compiles the Capacitor classes the plugin needs, from @capacitor/android's sources.
javac --release 17 -Xlint:all,-classfile,-options,-deprecation,-removal,-serial,-rawtypes,-unchecked,-cast,-static,-fallthrough \
  -d "$BUILD/main" -cp "$ANDROID_ALL:$CORDOVA:$BUILD/shims" -sourcepath "$CAP_SRC" -implicit:class \
  "${main_sources[@]}" 2>&1 | grep -v '^Note: ' || true
[ -f "$BUILD/main/com/timesafari/dailynotification/DailyNotificationPlugin.class" ] || {
  echo "android: android/src/main/java does not compile" >&2
  exit 1
}
javac --release 17 -nowarn -d "$BUILD/test" -cp "$BUILD/main:$BUILD/shims:$ANDROID_ALL:$CORDOVA$TEST_DEPS" \
  "${test_sources[@]}" 2>&1 | grep -v '^Note: ' || true
[ -f "$BUILD/test/com/timesafari/dailynotification/AndroidTestSuite.class" ] || {
  echo "android: tests/android/src does not compile" >&2
  exit 1
}

echo "== android: JUnit + Robolectric (SDK 35, offline) over target/debug/libdaily_notification.so"
classes=(BeforeInitTest NativeSymbolsTest NativeCoreTest NativeCoreInputTest KeystoreKeyWrapperTest
  KeyWrapperBridgeTest KeyLossTest FetcherOptionsTest DailyNotificationPluginTest PrefetchWorkerTest
  DailyNotificationTokensTest ScheduleVectorsTest DualScheduleTest DualNotificationTest DailyReminderTest
  RescheduleReceiverTest AlarmPrefetchTest PermissionsAndStatusTest MigrationTest NotificationIconTest BackupRulesTest DiagnosticsTest)
found=$(cd "$BUILD/test" && find . -name '*Test.class' ! -name '*$*' | wc -l)
if [ "$found" -ne "${#classes[@]}" ]; then
  echo "android: $found test classes compiled but run.sh lists ${#classes[@]}: update the list" >&2
  exit 1
fi
# ANDROID_TESTS="KeyLossTest PrefetchWorkerTest" runs a subset (during development).
if [ -n "${ANDROID_TESTS:-}" ]; then
  read -r -a classes <<<"$ANDROID_TESTS"
fi
status=0
# The panic test's message is expected on stderr; no backtrace needed.
RUST_BACKTRACE=0 java -Xss4m -Xcheck:jni \
  -Djava.library.path="$BIN" \
  -Ddnp.test.bindir="$BIN" \
  -Ddnp.test.workdir="$BUILD/work" \
  -Ddnp.test.repo="$ROOT" \
  -Drobolectric.offline=true \
  -Drobolectric.dependency.dir="$INSTRUMENTED_DIR" \
  -cp "$BUILD/test:$BUILD/main:$BUILD/shims:$ROOT/tests/android/resources:$ANDROID_ALL:$CORDOVA$TEST_DEPS" \
  com.timesafari.dailynotification.AndroidTestSuite \
  "${classes[@]/#/com.timesafari.dailynotification.}" 2>&1 | tee "$BUILD/test-output.txt" || status=$?

echo "== android: scanning the test output for any minted token"
: >"$BUILD/token-pieces.txt"
for pool in "$BUILD"/work/tokens/*.txt; do
  [ -e "$pool" ] || continue
  # The payload and signature segments identify a token; the header is common to all of them.
  awk -F. 'NF == 3 { print $2; print $3 }' "$pool" >>"$BUILD/token-pieces.txt"
done
if [ ! -s "$BUILD/token-pieces.txt" ]; then
  echo "token scan: no minted tokens found (the tests did not run)" >&2
  extra_failed=$((extra_failed + 1))
elif grep -F -q -f "$BUILD/token-pieces.txt" "$BUILD/test-output.txt"; then
  echo "token scan: FAILED, a token appears in the test output" >&2
  extra_failed=$((extra_failed + 1))
else
  echo "token scan: no token in the test output"
  extra_passed=$((extra_passed + 1))
fi

echo "== android: -Xcheck:jni local-reference warnings raised inside the plugin's natives"
# HotSpot prints "WARNING: JNI local refs: N, exceeds capacity: M" followed by the Java stack; the
# first frame names the native. Warnings inside System.load belong to the JVM, not to us.
overflows=$(awk '/^WARNING: JNI local refs: .*exceeds capacity/ { getline frame; if (frame ~ /com\.timesafari\.dailynotification\..*\(Native Method\)/) print frame }' \
  "$BUILD/test-output.txt")
if [ -n "$overflows" ]; then
  echo "local refs: FAILED, a native exceeded its local-reference capacity:" >&2
  echo "$overflows" >&2
  extra_failed=$((extra_failed + 1))
else
  echo "local refs: no native of the plugin exceeded its local-reference capacity"
  extra_passed=$((extra_passed + 1))
fi

summary=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$BUILD/test-output.txt" | tail -n 1 || true)
if [ -z "$summary" ]; then
  passed=0
  failed=1
else
  passed=${summary%% passed*}
  failed=${summary#*, }
  failed=${failed%% failed}
fi
passed=$((passed + extra_passed))
failed=$((failed + extra_failed))
[ "$status" -eq 0 ] || [ "$failed" -gt 0 ] || failed=1
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]

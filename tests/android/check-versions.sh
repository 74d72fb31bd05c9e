#!/usr/bin/env bash
# The Android library's build levels against the Capacitor it is built with, so that a Capacitor
# bump cannot break the device run silently (a library minSdk below :capacitor-android's fails the
# manifest merge of the test APK: "minSdkVersion 23 cannot be smaller than version 24").
#   tests/android/check-versions.sh            # exits 1 with one line per drift
# Compared:
#  - minSdk, compileSdk, targetSdk: android/build.gradle reads each from the app's root `ext`
#    with the same default as node_modules/@capacitor/android/capacitor/build.gradle;
#  - AGP: the same `com.android.tools.build:gradle` version as @capacitor/android, and as the
#    app template of the Capacitor CLI the example app is made from (example/package-lock.json);
#  - Gradle: that template's wrapper is at least the minimum Gradle of that AGP (AGP release notes,
#    e.g. https://developer.android.com/build/releases/agp-8-13-0-release-notes: AGP 8.13 needs
#    Gradle 8.13 and JDK 17);
#  - Java: the same sourceCompatibility/targetCompatibility as @capacitor/android, the JDK of
#    .github/workflows/android.yml, and at least AGP's minimum JDK;
#  - scripts/build-android.sh links the .so for an API level no higher than the library's minSdk.
# Used by tests/android/run.sh and the release preflight. The inputs can be pointed elsewhere (the
# run's self-test feeds it a drifted copy): LIBRARY_GRADLE, CAPACITOR_ANDROID_GRADLE,
# ANDROID_WORKFLOW, BUILD_ANDROID_SCRIPT, CAPACITOR_CLI_TEMPLATE (android-template.tar.gz).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT="$PWD"

LIBRARY_GRADLE=${LIBRARY_GRADLE:-android/build.gradle}
CAPACITOR_ANDROID_GRADLE=${CAPACITOR_ANDROID_GRADLE:-node_modules/@capacitor/android/capacitor/build.gradle}
ANDROID_WORKFLOW=${ANDROID_WORKFLOW:-.github/workflows/android.yml}
BUILD_ANDROID_SCRIPT=${BUILD_ANDROID_SCRIPT:-scripts/build-android.sh}

# AGP major.minor -> [minimum Gradle, minimum JDK], from each AGP version's release notes
# ("Compatibility"). A Capacitor that moves to an AGP not listed here fails below: add its row.
declare -A AGP_MIN_GRADLE=([8.13]=8.13)
declare -A AGP_MIN_JDK=([8.13]=17)

drift=()
fail() { drift+=("$1"); }

for f in "$LIBRARY_GRADLE" "$CAPACITOR_ANDROID_GRADLE" "$ANDROID_WORKFLOW" "$BUILD_ANDROID_SCRIPT"; do
  [ -f "$f" ] || { echo "check-versions: $f not found (npm ci installs @capacitor/android)" >&2; exit 1; }
done

# `minSdkVersion project.hasProperty('minSdkVersion') ? rootProject.ext.minSdkVersion : 24` and
# `compileSdk = project.hasProperty(...) ? rootProject.ext.compileSdkVersion : 36`: the default,
# or "fixed" when the file does not read the root project's value.
sdk_default() { # file property
  local line
  line=$(grep -E "^\s*$2\b|^\s*${2%Version}\b" "$1" | head -n 1 || true)
  if [ -z "$line" ]; then
    echo "missing"
  elif [[ "$line" =~ rootProject\.ext\.$2\ *:\ *([0-9]+) ]]; then
    echo "${BASH_REMATCH[1]}"
  else
    echo "fixed"
  fi
}
agp_of() { sed -nE "s/.*classpath ['\"]com\.android\.tools\.build:gradle:([0-9.]+)['\"].*/\1/p" "$1" | head -n 1; }
java_of() { # file; both compatibilities must agree
  local s t
  s=$(sed -nE 's/.*sourceCompatibility *=? *JavaVersion\.VERSION_([0-9_]+).*/\1/p' "$1" | head -n 1)
  t=$(sed -nE 's/.*targetCompatibility *=? *JavaVersion\.VERSION_([0-9_]+).*/\1/p' "$1" | head -n 1)
  [ "$s" = "$t" ] && echo "$s" || echo "source $s, target $t"
}
# version_ge A B: A >= B, dotted numbers.
version_ge() { [ "$(printf '%s\n%s\n' "$1" "$2" | sort -V | head -n 1)" = "$2" ]; }

echo "check-versions: $LIBRARY_GRADLE against $CAPACITOR_ANDROID_GRADLE"
for prop in minSdkVersion compileSdkVersion targetSdkVersion; do
  ours=$(sdk_default "$LIBRARY_GRADLE" "$prop")
  theirs=$(sdk_default "$CAPACITOR_ANDROID_GRADLE" "$prop")
  if [ "$ours" = fixed ] || [ "$ours" = missing ]; then
    fail "$prop: $LIBRARY_GRADLE does not read rootProject.ext.$prop with a default ($ours); Capacitor's default is $theirs"
  elif [ "$ours" != "$theirs" ]; then
    fail "$prop: $LIBRARY_GRADLE defaults to $ours, @capacitor/android to $theirs"
  else
    echo "  $prop: rootProject.ext, default $ours (as @capacitor/android)"
  fi
done
min_sdk=$(sdk_default "$LIBRARY_GRADLE" minSdkVersion)

agp=$(agp_of "$LIBRARY_GRADLE")
cap_agp=$(agp_of "$CAPACITOR_ANDROID_GRADLE")
if [ -z "$agp" ] || [ "$agp" != "$cap_agp" ]; then
  fail "AGP: $LIBRARY_GRADLE has '${agp}', @capacitor/android has '${cap_agp}'"
else
  echo "  AGP: $agp (as @capacitor/android)"
fi
agp_minor=$(echo "$cap_agp" | cut -d. -f1-2)
min_gradle=${AGP_MIN_GRADLE[$agp_minor]:-}
min_jdk=${AGP_MIN_JDK[$agp_minor]:-}
if [ -z "$min_gradle" ]; then
  fail "AGP $cap_agp: its minimum Gradle and JDK are not in tests/android/check-versions.sh (AGP_MIN_GRADLE, AGP_MIN_JDK); add them from its release notes"
fi

java=$(java_of "$LIBRARY_GRADLE")
cap_java=$(java_of "$CAPACITOR_ANDROID_GRADLE")
ci_java=$(sed -nE 's/^ *JAVA_VERSION: *"?([0-9]+)"?.*/\1/p' "$ANDROID_WORKFLOW" | head -n 1)
if [ "$java" != "$cap_java" ]; then
  fail "Java: $LIBRARY_GRADLE compiles for ${java}, @capacitor/android for ${cap_java}"
elif [ "$ci_java" != "$java" ]; then
  fail "Java: $ANDROID_WORKFLOW sets JAVA_VERSION '${ci_java}', the modules compile for $java"
elif [ -n "$min_jdk" ] && ! version_ge "$java" "$min_jdk"; then
  fail "Java: $java is below AGP $cap_agp's minimum JDK $min_jdk"
else
  echo "  Java: $java (as @capacitor/android and $ANDROID_WORKFLOW)"
fi

so_api=$(sed -nE 's/^API_LEVEL=([0-9]+).*/\1/p' "$BUILD_ANDROID_SCRIPT")
if [ -z "$so_api" ] || [[ "$min_sdk" =~ [^0-9] ]] || [ "$so_api" -gt "$min_sdk" ]; then
  fail "NDK API level: $BUILD_ANDROID_SCRIPT links for API '${so_api}', above the library's minSdk $min_sdk"
else
  echo "  NDK API level: $so_api (the library's minSdk is $min_sdk)"
fi

# Gradle is the app's (its wrapper); the example app is made by `cap add android` from the CLI's
# template, at the CLI version example/package-lock.json pins.
template=${CAPACITOR_CLI_TEMPLATE:-}
if [ -z "$template" ]; then
  cli_version=$(node -e 'const l = require("./example/package-lock.json"); process.stdout.write(l.packages["node_modules/@capacitor/cli"].version)')
  installed=example/node_modules/@capacitor/cli
  if [ -f "$installed/assets/android-template.tar.gz" ] &&
    [ "$(node -p "require('./$installed/package.json').version")" = "$cli_version" ]; then
    template="$installed/assets/android-template.tar.gz"
  else
    cache="$ROOT/node_modules/.cache/dnp-capacitor-cli-$cli_version"
    if [ ! -f "$cache/package/assets/android-template.tar.gz" ]; then
      mkdir -p "$cache"
      tarball=$(cd "$cache" && npm pack --silent "@capacitor/cli@$cli_version" | tail -n 1)
      tar -xzf "$cache/$tarball" -C "$cache" package/assets/android-template.tar.gz
    fi
    template="$cache/package/assets/android-template.tar.gz"
  fi
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tar -xzf "$template" -C "$work" gradle/wrapper/gradle-wrapper.properties build.gradle variables.gradle
gradle=$(sed -nE 's/^distributionUrl=.*gradle-([0-9.]+)-(all|bin)\.zip/\1/p' "$work/gradle/wrapper/gradle-wrapper.properties")
template_agp=$(agp_of "$work/build.gradle")
template_min_sdk=$(sed -nE 's/^ *minSdkVersion *= *([0-9]+).*/\1/p' "$work/variables.gradle")
if [ "$template_agp" != "$cap_agp" ]; then
  fail "AGP: the Capacitor CLI's app template has '$template_agp', @capacitor/android has '$cap_agp'"
fi
if [ "$template_min_sdk" != "$min_sdk" ]; then
  fail "minSdkVersion: the Capacitor CLI's app template sets $template_min_sdk, the library defaults to $min_sdk"
fi
if [ -z "$gradle" ]; then
  fail "Gradle: no wrapper version in the Capacitor CLI's app template ($template)"
elif [ -n "$min_gradle" ] && ! version_ge "$gradle" "$min_gradle"; then
  fail "Gradle: the app template's wrapper is $gradle, below AGP $cap_agp's minimum $min_gradle"
else
  echo "  Gradle: $gradle in the Capacitor CLI's app template (AGP $cap_agp needs $min_gradle+)"
fi

if [ ${#drift[@]} -gt 0 ]; then
  echo "check-versions: FAILED, the Android build drifted from Capacitor:" >&2
  printf '  - %s\n' "${drift[@]}" >&2
  echo "  Fix android/build.gradle (or the file named) to follow node_modules/@capacitor/android; docs/android-build.md section 2." >&2
  exit 1
fi
echo "check-versions: the library follows @capacitor/android $(node -p "require('./node_modules/@capacitor/android/package.json').version")"

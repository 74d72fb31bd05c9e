#!/usr/bin/env bash
# Builds android/src/main/jniLibs/<abi>/libdaily_notification.so from rust/jni with the Android NDK
# through cargo-ndk, on a developer machine: arm64-v8a, armeabi-v7a and x86_64, API level 24 (the
# plugin's minSdk). See docs/android-build.md.
#   scripts/build-android.sh                        # all three ABIs, release
#   scripts/build-android.sh --abi arm64-v8a        # a subset (--abi is repeatable)
#   PROFILE=debug scripts/build-android.sh          # default: release
# The NDK is found through ANDROID_NDK_HOME, ANDROID_NDK_ROOT, or the newest ndk/<version> of
# ANDROID_HOME / ANDROID_SDK_ROOT / Android Studio's default SDK directory.
set -euo pipefail
cd "$(dirname "$0")/.."

PROFILE=${PROFILE:-release}
API_LEVEL=24 # android/build.gradle minSdkVersion (Capacitor 8's default; tests/android/check-versions.sh)
OUT=android/src/main/jniLibs
LIB=libdaily_notification.so
# The newest cargo-ndk on crates.io when this was written. 4.x takes --platform/-P (API level) and
# -o (jniLibs layout), and adds the 16 KB page-size link flags for 64-bit ABIs on NDKs before r28.
CARGO_NDK_VERSION=4.1.2

die() { echo "build-android.sh: $*" >&2; exit 1; }

# Rust target triple of an Android ABI.
triple_of() {
  case "$1" in
    arm64-v8a) echo aarch64-linux-android ;;
    armeabi-v7a) echo armv7-linux-androideabi ;;
    x86_64) echo x86_64-linux-android ;;
    *) return 1 ;;
  esac
}

abis=()
while [ $# -gt 0 ]; do
  case "$1" in
    --abi)
      [ $# -ge 2 ] || die "--abi needs a value: arm64-v8a, armeabi-v7a or x86_64"
      triple_of "$2" >/dev/null || die "unknown ABI '$2' (arm64-v8a, armeabi-v7a or x86_64)"
      abis+=("$2")
      shift 2
      ;;
    -h | --help)
      sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    *) die "unknown argument '$1' (usage: scripts/build-android.sh [--abi ABI]...)" ;;
  esac
done
[ ${#abis[@]} -gt 0 ] || abis=(arm64-v8a armeabi-v7a x86_64)
case "$PROFILE" in release | debug) ;; *) die "PROFILE must be release or debug, not '$PROFILE'" ;; esac

# An NDK directory (has source.properties), or the newest NDK under a directory of versions.
ndk_in() {
  local dir=$1 newest
  [ -d "$dir" ] || return 1
  if [ -f "$dir/source.properties" ]; then
    echo "$dir"
    return 0
  fi
  newest=$(for d in "$dir"/*/; do
    [ -f "${d}source.properties" ] && basename "$d"
  done | sort -t. -k1,1n -k2,2n -k3,3n | tail -n 1)
  [ -n "$newest" ] || return 1
  echo "$dir/$newest"
}

NDK=""
for var in ANDROID_NDK_HOME ANDROID_NDK_ROOT; do
  value=${!var:-}
  [ -n "$value" ] || continue
  NDK=$(ndk_in "$value") || die "$var=$value is not an Android NDK (no source.properties there or in a version directory under it)"
  break
done
if [ -z "$NDK" ]; then
  for sdk in "${ANDROID_HOME:-}" "${ANDROID_SDK_ROOT:-}" "$HOME/Android/Sdk" "$HOME/Library/Android/sdk"; do
    [ -n "$sdk" ] || continue
    if NDK=$(ndk_in "$sdk/ndk"); then break; fi
    NDK=""
  done
fi
if [ -z "$NDK" ]; then
  cat >&2 <<'MSG'
build-android.sh: no Android NDK found.
  Looked at ANDROID_NDK_HOME, ANDROID_NDK_ROOT, and ndk/<version> under ANDROID_HOME,
  ANDROID_SDK_ROOT, ~/Android/Sdk and ~/Library/Android/sdk.
  Install one with Android Studio (SDK Manager > SDK Tools > NDK (Side by side)) or
  `sdkmanager "ndk;<version>"`, then set ANDROID_NDK_HOME to its directory, e.g.
  export ANDROID_NDK_HOME="$ANDROID_HOME/ndk/<version>"
  (Machines without the NDK can only cross-compile: see tests/android/run.sh.)
MSG
  exit 1
fi
[ -d "$NDK/toolchains/llvm/prebuilt" ] || die "$NDK has no toolchains/llvm/prebuilt: an incomplete NDK?"
NDK_REVISION=$(sed -n 's/^Pkg\.Revision *= *//p' "$NDK/source.properties" | tr -d '\r')
# cargo-ndk reads ANDROID_NDK_HOME first: make it the NDK found here.
export ANDROID_NDK_HOME="$NDK"
echo "NDK $NDK_REVISION at $NDK"

command -v cargo >/dev/null || die "cargo not found: install Rust with rustup (https://rustup.rs)"
command -v rustup >/dev/null || die "rustup not found: the Android targets are added with rustup"
# ring, the core's crypto, builds its C and assembly with the cc crate and the NDK's clang: no cmake.

installed=$(cargo ndk --version 2>/dev/null | awk '{ print $2 }' || true)
case "$installed" in
  4.*) ;;
  *)
    echo "installing cargo-ndk $CARGO_NDK_VERSION (found: ${installed:-none})"
    cargo install cargo-ndk --version "$CARGO_NDK_VERSION" --locked --force
    ;;
esac

triples=()
targets=()
for abi in "${abis[@]}"; do
  triples+=("$(triple_of "$abi")")
  targets+=(-t "$abi")
done
rustup target add "${triples[@]}"

cargo_flags=(-p daily-notification-jni --locked)
[ "$PROFILE" = release ] && cargo_flags+=(--release)
cargo ndk "${targets[@]}" --platform "$API_LEVEL" -o "$OUT" build "${cargo_flags[@]}"

# The libraries, their size, their JNI exports and the alignment of their LOAD segments (Google
# Play wants 16 KB, 0x4000, for 64-bit ABIs).
ndk_tool() {
  local tool
  for tool in "$NDK"/toolchains/llvm/prebuilt/*/bin/"$1"; do
    [ -x "$tool" ] && echo "$tool" && return 0
  done
  return 0
}
readelf=$(ndk_tool llvm-readelf)
nm=$(ndk_tool llvm-nm)
echo "built ($PROFILE, API $API_LEVEL):"
for abi in "${abis[@]}"; do
  so="$OUT/$abi/$LIB"
  [ -f "$so" ] || die "$so is missing after the build"
  bytes=$(wc -c <"$so" | tr -d ' ')
  line="  $so  $bytes bytes ($((bytes / 1024)) KiB)"
  if [ -n "$nm" ]; then
    line="$line, $("$nm" -D --defined-only "$so" | grep -c ' Java_com_timesafari_dailynotification_' || true) JNI exports"
  fi
  if [ -n "$readelf" ]; then
    align=$("$readelf" -lW "$so" | awk '$1 == "LOAD" && !seen { print $NF; seen = 1 }')
    line="$line, LOAD align $align"
    # Android 15+ devices with 16 KB pages load a 64-bit library only if its segments are
    # 16 KB-aligned (Google Play requires it); NDK r28+ links that way by default.
    if [ "$abi" != armeabi-v7a ] && [ $((align)) -lt $((0x4000)) ]; then
      die "$so: LOAD segments aligned to $align, not 16 KB (0x4000): use NDK r28 or newer"
    fi
  fi
  echo "$line"
done

# The verifier's Java component, shipped beside the libraries (android/maven).
bash scripts/fetch-verifier-maven.sh

# shellcheck shell=bash
# Sourced by the test scripts: host tools a fresh Debian/Ubuntu machine lacks (as root, or with sudo).

# ensure_packages CHECK:PACKAGE...: installs with apt-get every PACKAGE whose CHECK is missing. CHECK
# is a command name, or an absolute path that must exist. `apt-get update` runs only when needed.
ensure_packages() {
  local missing=() pair check
  for pair in "$@"; do
    check=${pair%%:*}
    if [[ $check == /* ]]; then
      [ -e "$check" ] && continue
    else
      command -v "$check" >/dev/null 2>&1 && continue
    fi
    missing+=("${pair#*:}")
  done
  [ ${#missing[@]} -gt 0 ] || return 0
  echo "installing ${missing[*]} with apt-get" >&2
  # Root here and on the project's CI; GitHub's runners are a user with password-less sudo.
  local as_root=()
  [ "$(id -u)" -eq 0 ] || as_root=(sudo)
  "${as_root[@]}" apt-get update -qq
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# What generic_arm64_c_env needs (used by the scripts that source this file).
# shellcheck disable=SC2034
GENERIC_ARM64_PACKAGES=(clang:clang llvm-ar:llvm /usr/aarch64-linux-gnu/include:libc6-dev-arm64-cross)

# generic_arm64_c_env TRIPLE prints, one per line, the environment that lets the C inside the core
# (ring) compile for an arm64 Rust target whose SDK is not here (the NDK, Apple's): Debian's clang
# as generic arm64 against the glibc arm64 headers. The Rust is compiled for TRIPLE for real; the
# result is a compile check, never linked or shipped (scripts/build-*.sh build those).
generic_arm64_c_env() {
  local t=${1//-/_}
  echo "CC_$t=clang"
  echo "AR_$t=llvm-ar"
  echo "CFLAGS_$t=--target=aarch64-linux-gnu --sysroot=/usr/aarch64-linux-gnu -isystem /usr/aarch64-linux-gnu/include -D_GNU_SOURCE"
}

# android_link_env: the environment that compiles for aarch64-linux-android and links the
# cdylib with Debian's clang + lld against empty stand-ins of the NDK's system libraries (libc,
# libm, libdl, liblog, libunwind: a shared library may leave their symbols undefined). One line per
# variable, for `mapfile` and `env`. The stand-ins live in a fixed directory: its path is in the
# RUSTFLAGS, and a new path would rebuild every crate. There is no NDK here; the real .so is
# linked by scripts/build-android.sh.
android_link_env() {
  local work=$PWD/target/android-stand-ins lib
  mkdir -p "$work"
  : >"$work/empty.c"
  for lib in c m dl log unwind; do
    clang --target=aarch64-linux-gnu -shared -nostdlib -fuse-ld=lld -o "$work/lib$lib.so" "$work/empty.c"
  done
  generic_arm64_c_env aarch64-linux-android
  echo "CARGO_TARGET_AARCH64_LINUX_ANDROID_LINKER=clang"
  echo "CARGO_TARGET_AARCH64_LINUX_ANDROID_RUSTFLAGS=-C link-arg=--target=aarch64-linux-gnu -C link-arg=-fuse-ld=lld -C link-arg=-nostartfiles -C link-arg=-nostdlib -C link-arg=-L$work"
}

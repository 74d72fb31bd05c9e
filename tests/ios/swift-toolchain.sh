#!/usr/bin/env bash
# Makes a Swift 6.0.3 compiler (Debian trixie's `swiftlang`: swiftc, Foundation, Dispatch, XCTest)
# available on this Debian bookworm machine, and prints the command prefix that runs it.
#
# Bookworm has no Swift and trixie's needs trixie's glibc, so the compiler lives in a trixie root
# made with debootstrap (from the Debian registry only) and runs under chroot (CI runs as root).
# The root is kept outside the checkout (DNP_SWIFT_ROOT, default /var/cache/dnp-swift/trixie), so
# a second run on the same machine, or CI after a session, finds it and only checks the mounts.
#
#   source tests/ios/swift-toolchain.sh   # sets SWIFT_ROOT and defines in_swift_root CMD...
set -euo pipefail

SWIFT_ROOT=${DNP_SWIFT_ROOT:-/var/cache/dnp-swift/trixie}
SWIFT_VERSION_WANTED="Swift version 6.0.3"

# The Debian mirror the machine's own apt uses (deb822 or one-line sources).
debian_mirror() {
  local uri
  uri=$(grep -hoE '^URIs: *[^ ]+/debian/?$' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -1 | awk '{print $2}')
  [ -n "$uri" ] || uri=$(grep -hoE '^deb +[^ ]+/debian/? ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null | head -1 | awk '{print $2}')
  echo "${uri:-http://deb.debian.org/debian}"
}

swift_root_mounts() {
  mountpoint -q "$SWIFT_ROOT/proc" || mount --bind /proc "$SWIFT_ROOT/proc"
  mountpoint -q "$SWIFT_ROOT/dev" || mount --bind /dev "$SWIFT_ROOT/dev"
  cp -f /etc/resolv.conf "$SWIFT_ROOT/etc/resolv.conf" 2>/dev/null || true
}

# Runs a command inside the root (clang, lld and plutil come with swiftlang in /usr/libexec/swift/bin).
in_swift_root() { chroot "$SWIFT_ROOT" env LANG=C.UTF-8 PATH=/usr/libexec/swift/bin:/usr/bin:/bin "$@"; }

swift_toolchain_ready() {
  [ -x "$SWIFT_ROOT/usr/bin/swiftc" ] && swift_root_mounts \
    && in_swift_root sh -c 'd=$(mktemp -d) && TMPDIR=$d swiftc --version; rm -rf "$d"' 2>/dev/null \
      | grep -qF "$SWIFT_VERSION_WANTED"
}

install_swift_toolchain() {
  local started=$SECONDS tmp
  if [ "$(id -u)" != 0 ]; then
    echo "the Swift check needs root (debootstrap, chroot); run as root or set DNP_SWIFT_ROOT to a ready root" >&2
    return 1
  fi
  echo "installing Swift ($SWIFT_VERSION_WANTED) into a Debian trixie root at $SWIFT_ROOT" >&2
  tmp=$(mktemp -d)
  (cd "$tmp" && apt-get download debootstrap >/dev/null 2>&1) || { apt-get update -qq && (cd "$tmp" && apt-get download debootstrap >/dev/null); }
  dpkg -x "$tmp"/debootstrap_*.deb "$tmp/ds"
  rm -rf "$SWIFT_ROOT"
  mkdir -p "$SWIFT_ROOT"
  DEBOOTSTRAP_DIR="$tmp/ds/usr/share/debootstrap" "$tmp/ds/usr/sbin/debootstrap" --variant=minbase \
    trixie "$SWIFT_ROOT" "$(debian_mirror)" > "$tmp/debootstrap.log" 2>&1 \
    || { tail -20 "$tmp/debootstrap.log" >&2; return 1; }
  swift_root_mounts
  in_swift_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive in_swift_root apt-get install -y -qq --no-install-recommends \
    swiftlang libc6-dev > "$tmp/apt.log" 2>&1 || { tail -20 "$tmp/apt.log" >&2; return 1; }
  in_swift_root apt-get clean
  rm -rf "$tmp"
  echo "Swift installed in $((SECONDS - started)) s" >&2
}

if ! swift_toolchain_ready; then
  install_swift_toolchain
  swift_toolchain_ready || { echo "the Swift compiler in $SWIFT_ROOT does not run" >&2; return 1 2>/dev/null || exit 1; }
fi

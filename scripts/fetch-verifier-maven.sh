#!/usr/bin/env bash
# Fills android/maven, the local Maven repository that ships inside the npm package, with the Java
# component of rustls-platform-verifier (org.rustls:rustls-platform-verifier, an AAR) at the version
# of the crate rustls-platform-verifier-android in Cargo.lock. Upstream publishes it only in a
# Maven layout on its GitHub repository (not Maven Central, not inside the crate since 0.2.0), so
# it is downloaded here and checked against the SHA-1 sums below, copied from upstream's
# maven-archive branch. Run on a machine with internet access (developer machine, CI); the
# Android workflow and scripts/build-android.sh run it. See docs/dependencies.md.
set -euo pipefail
cd "$(dirname "$0")/.."

BASE=https://github.com/rustls/rustls-platform-verifier/raw/maven-archive/android-release-support/maven

# sha1_of VERSION EXT: the pinned checksum of rustls-platform-verifier-VERSION.EXT.
sha1_of() {
  case "$1.$2" in
    0.2.0.aar) echo 28b6b316c2749a7c94b4d19061f12c64759a0e27 ;;
    0.2.0.pom) echo dddf73207ac799537f9a47153ef0b953141dd140 ;;
    *) return 1 ;;
  esac
}

version=$(awk '/^name = "rustls-platform-verifier-android"$/ { getline; gsub(/version = |"/, ""); print }' Cargo.lock)
[ -n "$version" ] || { echo "fetch-verifier-maven.sh: rustls-platform-verifier-android is not in Cargo.lock" >&2; exit 1; }
sha1_of "$version" aar >/dev/null || {
  echo "fetch-verifier-maven.sh: no pinned checksum for version $version; add the .aar and .pom SHA-1 of" >&2
  echo "  $BASE/org/rustls/rustls-platform-verifier/$version/ to sha1_of in this script" >&2
  exit 1
}

dir="android/maven/org/rustls/rustls-platform-verifier/$version"
mkdir -p "$dir"
for ext in pom aar; do
  file="$dir/rustls-platform-verifier-$version.$ext"
  want=$(sha1_of "$version" "$ext")
  if [ -s "$file" ] && [ "$(sha1sum "$file" | cut -d' ' -f1)" = "$want" ]; then
    echo "present: $file"
    continue
  fi
  curl -fsSL --retry 3 -o "$file.part" "$BASE/org/rustls/rustls-platform-verifier/$version/rustls-platform-verifier-$version.$ext"
  got=$(sha1sum "$file.part" | cut -d' ' -f1)
  if [ "$got" != "$want" ]; then
    rm -f "$file.part"
    echo "fetch-verifier-maven.sh: $file has SHA-1 $got, expected $want" >&2
    exit 1
  fi
  mv "$file.part" "$file"
  echo "$want" >"$file.sha1"
  echo "fetched: $file"
done

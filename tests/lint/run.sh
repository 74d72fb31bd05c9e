#!/usr/bin/env bash
# npm run test:lint — static checks of what CI and the release run:
#  1. actionlint on every workflow in .github/workflows (it also shellchecks their `run:` scripts);
#  2. every `uses:` of a workflow names a released version (vN, vN.N or vN.N.N), never a branch;
#  3. a workflow that builds Rust, runs Gradle or sets up Node caches cargo, Gradle and npm;
#  4. shellcheck on scripts/**/*.sh and tests/**/*.sh (sourced files followed with -x);
#  5. the plugin's Gradle script parses as Groovy 3, the language of Gradle 8 scripts (no Gradle
#     here: the Android workflow runs it for real);
#  6. every Swift file parses with tree-sitter's Swift grammar (tests/lint/swift_syntax.py): no
#     Swift compiler here, so this is what catches a brace lost in a merge (ios.yml compiles it);
#  7. iOS packaging: the privacy manifest declares what the code uses (scripts/check-privacy-manifest.py,
#     itself tested against seeded mistakes), and the core's module map imports from
#     Headers/DailyNotificationCore/ (clang, scripts/ios-core-headers.sh); the XCTest host links
#     the plugin once (tests/lint/test_host_links.py).
# Installs its tools itself: shellcheck, a JDK, Maven and clang from Debian, actionlint from the Go module
# proxy (Go is preinstalled on CI), Groovy from Maven Central, tree-sitter and PyYAML from PyPI into
# tests/lint/build/venv. One check per file; ends with "lint: N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/../.."

ACTIONLINT_VERSION=1.7.12
# Gradle 8.14 (Capacitor 8's wrapper) embeds Groovy 3.0.x.
GROOVY_VERSION=3.0.22
TREE_SITTER_VERSION=0.26.1
TREE_SITTER_SWIFT_VERSION=0.7.4
# For ios/TestHost/project.yml (tests/lint/test_host_links.py).
PYYAML_VERSION=6.0.3

source tests/lib/host-tools.sh
ensure_packages shellcheck:shellcheck java:openjdk-17-jdk-headless mvn:maven "${GENERIC_ARM64_PACKAGES[@]}"
lint_tmp=$(mktemp -d)
trap 'rm -rf "$lint_tmp"' EXIT

# actionlint: the pinned version, built once into GOPATH/bin.
# Go's own install location, in case it is not on PATH (CI machines have Go preinstalled there).
command -v go >/dev/null || [ ! -x /usr/local/go/bin/go ] || PATH="/usr/local/go/bin:$PATH"
command -v go >/dev/null || { echo "lint: go not found (actionlint is built with 'go install'; install Go 1.24+)" >&2; exit 1; }
ACTIONLINT="$(go env GOPATH)/bin/actionlint"
if [ ! -x "$ACTIONLINT" ] || [ "$("$ACTIONLINT" -version | head -n 1)" != "$ACTIONLINT_VERSION" ]; then
  echo "installing actionlint $ACTIONLINT_VERSION with go install" >&2
  go install "github.com/rhysd/actionlint/cmd/actionlint@v$ACTIONLINT_VERSION"
fi

passed=0
failed=0
pass() { passed=$((passed + 1)); }
fail() { echo "lint: FAILED $*" >&2; failed=$((failed + 1)); }

shopt -s globstar nullglob
workflows=(.github/workflows/*.yml)
scripts=(scripts/**/*.sh tests/**/*.sh)
[ ${#workflows[@]} -gt 0 ] || fail "no workflow in .github/workflows"
[ ${#scripts[@]} -gt 0 ] || fail "no shell script under scripts/ or tests/"

echo "== lint: actionlint $ACTIONLINT_VERSION on ${#workflows[@]} workflows"
for wf in "${workflows[@]}"; do
  if "$ACTIONLINT" -shellcheck "$(command -v shellcheck)" "$wf"; then pass; else fail "actionlint $wf"; fi
done

echo "== lint: actions pinned by released version"
for wf in "${workflows[@]}"; do
  # A `uses:` of a remote action ends in @vN[.N[.N]]; local actions (./…) have no ref.
  unpinned=$(grep -nE '^\s*(-\s+)?uses:' "$wf" | grep -vE 'uses:\s*\./' | grep -vE '@v[0-9]+(\.[0-9]+){0,2}\s*(#.*)?$' || true)
  if [ -z "$unpinned" ]; then pass; else fail "$wf has actions without a version: $unpinned"; fi
done

echo "== lint: caches for cargo, Gradle and npm where a workflow uses them"
for wf in "${workflows[@]}"; do
  missing=()
  if grep -qE 'scripts/build-(android|ios)\.sh|\.ci/run' "$wf" && ! grep -q 'uses: Swatinem/rust-cache@' "$wf"; then
    missing+=("cargo (Swatinem/rust-cache)")
  fi
  if grep -q 'gradlew' "$wf" && ! grep -q 'uses: gradle/actions/setup-gradle@' "$wf"; then
    missing+=("Gradle (gradle/actions/setup-gradle)")
  fi
  if [ "$(grep -c 'uses: actions/setup-node@' "$wf")" != "$(grep -c 'cache: npm' "$wf")" ]; then
    missing+=("npm (cache: npm on every actions/setup-node)")
  fi
  if [ ${#missing[@]} -eq 0 ]; then pass; else fail "$wf has no cache for ${missing[*]}"; fi
done

echo "== lint: shellcheck on ${#scripts[@]} scripts"
for script in "${scripts[@]}"; do
  if shellcheck -x "$script"; then pass; else fail "shellcheck $script"; fi
done

echo "== lint: Gradle scripts parse as Groovy $GROOVY_VERSION"
# Maven prints stray colour codes even when quiet: its output is shown only if it fails.
if ! mvn_output=$(mvn -q -B dependency:get -Dartifact="org.codehaus.groovy:groovy:$GROOVY_VERSION" 2>&1); then
  echo "$mvn_output" >&2
fi
groovy_jar="$HOME/.m2/repository/org/codehaus/groovy/groovy/$GROOVY_VERSION/groovy-$GROOVY_VERSION.jar"
# Syntax only (the CONVERSION phase): Gradle's classes are not here to resolve names against.
parse='import org.codehaus.groovy.control.*; def cu = new CompilationUnit(); cu.addSource(new File(args[0])); cu.compile(Phases.CONVERSION)'
if java -cp "$groovy_jar" groovy.ui.GroovyMain -e "$parse" android/build.gradle; then
  pass
else
  fail "android/build.gradle does not parse as Groovy"
fi

echo "== lint: Swift files parse (tree-sitter-swift $TREE_SITTER_SWIFT_VERSION)"
venv=tests/lint/build/venv
if ! "$venv/bin/python" -c "import tree_sitter, tree_sitter_swift, yaml" 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check \
    "tree-sitter==$TREE_SITTER_VERSION" "tree-sitter-swift==$TREE_SITTER_SWIFT_VERSION" "PyYAML==$PYYAML_VERSION"
fi
mapfile -t swift_files < <(git ls-files '*.swift')
[ ${#swift_files[@]} -gt 0 ] || fail "no Swift file found"
for file in "${swift_files[@]}"; do
  if "$venv/bin/python" tests/lint/swift_syntax.py "$file"; then pass; else fail "Swift syntax $file"; fi
done

echo "== lint: iOS packaging (the privacy manifest, the core's module map)"
# The manifest checker itself, against seeded mistakes (tests/lint/privacy_manifest_test.py).
if python3 tests/lint/privacy_manifest_test.py 2>"$lint_tmp/manifest-test.log"; then
  pass
else
  cat "$lint_tmp/manifest-test.log" >&2
  fail "the privacy manifest check misses a seeded mistake"
fi
# The real manifest against the code, including the symbols the core's iOS library imports: the
# library tests/ios/run.sh builds (built here the same way when missing), read with the Rust
# toolchain's llvm-nm (Debian's is older than the LLVM bitcode in Rust's std).
ios_lib=target/aarch64-apple-ios/debug/libdaily_notification_ffi.a
if [ ! -s "$ios_lib" ]; then
  rustup target add aarch64-apple-ios
  mapfile -t ios_env < <(generic_arm64_c_env aarch64-apple-ios)
  env "${ios_env[@]}" SDKROOT=/usr/aarch64-linux-gnu cargo build --locked --quiet --target aarch64-apple-ios -p daily-notification-ffi
fi
compgen -G "$(rustc --print sysroot)/lib/rustlib/*/bin/llvm-nm" >/dev/null || rustup component add llvm-tools
if python3 scripts/check-privacy-manifest.py ios/Sources/DailyNotificationPlugin/PrivacyInfo.xcprivacy \
  --swift ios/Sources/DailyNotificationPlugin --rust rust/core/src --rust rust/ffi/src --binary "$ios_lib"; then
  pass
else
  fail "ios/Sources/DailyNotificationPlugin/PrivacyInfo.xcprivacy does not declare what the code uses"
fi
# The XCFramework's headers (scripts/ios-core-headers.sh): the module map in
# Headers/DailyNotificationCore/, and clang finds the module through the Headers search path, as
# CocoaPods' `.../<xcframework>/Headers` search path and Xcode's include/ directory use it.
scripts/ios-core-headers.sh "$lint_tmp/Headers"
printf 'module DailyNotificationCore {\n  header "daily_notification.h"\n  export *\n}\n' >"$lint_tmp/expected.modulemap"
printf '#pragma clang module import DailyNotificationCore\nint main(void) { (void)dnp_init; return 0; }\n' >"$lint_tmp/use.c"
if cmp -s "$lint_tmp/expected.modulemap" "$lint_tmp/Headers/DailyNotificationCore/module.modulemap" &&
  [ ! -e "$lint_tmp/Headers/module.modulemap" ] &&
  clang -fmodules -fmodules-cache-path="$lint_tmp/modules" -fsyntax-only -I "$lint_tmp/Headers" "$lint_tmp/use.c"; then
  pass
else
  fail "scripts/ios-core-headers.sh: module DailyNotificationCore is not importable from Headers/DailyNotificationCore/"
fi

# The test host links the plugin into the app only (tests/lint/test_host_links.py).
if "$venv/bin/python" tests/lint/test_host_links.py; then pass; else fail "ios/TestHost/project.yml links the plugin twice"; fi

echo "lint: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

#!/usr/bin/env bash
# npm run test:lint — static checks of what CI and the release run:
#  1. actionlint on every workflow in .github/workflows (it also shellchecks their `run:` scripts);
#  2. a workflow that builds Rust, runs Gradle or sets up Node caches cargo, Gradle and npm;
#  3. shellcheck on scripts/**/*.sh and tests/**/*.sh (sourced files followed with -x);
#  4. the plugin's Gradle script parses as Groovy 3, the language of Gradle 8 scripts (no Gradle
#     here: the Android workflow runs it for real);
#  5. every Swift file parses with tree-sitter's Swift grammar (tests/lint/swift_syntax.py): no
#     Swift compiler here, so this is what catches a brace lost in a merge (ios.yml compiles it).
# How actions are pinned (commit SHA + tag comment) is the release preflight's "actions" check
# (tests/release/preflight.py), with the rest of what a release depends on.
# Installs its tools itself: shellcheck, a JDK and Maven from Debian, actionlint from the Go module
# proxy (Go is preinstalled on CI), Groovy from Maven Central, tree-sitter from PyPI into
# tests/lint/build/venv. One check per file; ends with "lint: N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/../.."

ACTIONLINT_VERSION=1.7.12
# Gradle 8.14 (Capacitor 8's wrapper) embeds Groovy 3.0.x.
GROOVY_VERSION=3.0.22
TREE_SITTER_VERSION=0.26.1
TREE_SITTER_SWIFT_VERSION=0.7.4

source tests/lib/host-tools.sh
ensure_packages shellcheck:shellcheck java:openjdk-17-jdk-headless mvn:maven

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
if ! "$venv/bin/python" -c "import tree_sitter, tree_sitter_swift" 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check \
    "tree-sitter==$TREE_SITTER_VERSION" "tree-sitter-swift==$TREE_SITTER_SWIFT_VERSION"
fi
mapfile -t swift_files < <(git ls-files '*.swift')
[ ${#swift_files[@]} -gt 0 ] || fail "no Swift file found"
for file in "${swift_files[@]}"; do
  if "$venv/bin/python" tests/lint/swift_syntax.py "$file"; then pass; else fail "Swift syntax $file"; fi
done

echo "lint: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

"""Release preflight: what the first push of a tag depends on, checked without GitHub's runners.

Reads the workflows (.github/workflows/*.yml) the way the runner would, and the files they name,
and fails on what would stop or spoil a release:
  paths       every script and repository path a workflow names exists (a script it runs as a
              command is executable); paths the jobs create at run time are listed in GENERATED
  artifacts   each download-artifact names an artifact that a job it depends on uploads, and puts
              it back where it was uploaded from (upload-artifact's root: the least common ancestor
              of its paths)
  tarball     every path release.yml expects in the npm tarball is packed by `npm pack` under
              package.json "files" and the repository's .gitignore/.npmignore files
  versions    package.json, package-lock.json, the Cargo workspace and Cargo.lock, Android's
              versionName and the podspec agree; the podspec's git tag is the release tag (v0.1.0)
  capacitor   one Capacitor major in package.json, Package.swift and the podspec's dependency
  repository  one GitHub repository in package.json, Cargo.toml and the podspec (npm provenance
              refuses a repository.url that is not the repository running the workflow)
  actions     every remote action is pinned by a 40-hex commit SHA with its tag in a comment
  toolchains  rust-toolchain.toml pins an exact channel with the targets the build scripts use, and
              no workflow installs another; every macOS job selects XCODE_VERSION first; the NDK
              version is set once (android.yml) and every other mention agrees
  signing     every archive that scripts/check-ios-archive.sh inspects is built unsigned; the one
              signed archive is in a step that runs only with all four App Store Connect secrets
              and passes -allowProvisioningUpdates with the API key
  release     the publish job installs npm >= 11.5.1 (trusted publishing), publishes with
              provenance, and release.yml passes no secrets to the iOS workflow
    python3 tests/release/preflight.py [ROOT] [--only CHECK]...
Prints one line per check and ends with "preflight: N passed, N failed".
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib

import yaml

# Paths the workflows name that do not exist in a checkout: each is created by a step before use.
GENERATED = {
    "ios/Frameworks": "the ios-xcframework artifact (scripts/build-ios.sh)",
    "android/src/main/jniLibs": "the android-native artifact (scripts/build-android.sh)",
    "android/maven": "the android-native artifact (scripts/fetch-verifier-maven.sh)",
    "example/android": "npx cap add android (scripts/prepare-example.sh)",
    "example/ios": "npx cap add ios (scripts/prepare-example.sh)",
    "example/node_modules": "npm ci of the example (scripts/prepare-example.sh)",
    "example/.plugin": "npm pack into the example (scripts/prepare-example.sh)",
    "ios/TestHost/DailyNotificationTestHost.xcodeproj": "xcodegen generate (ios.yml)",
}

# A repository path as a workflow writes it: a top-level directory of this repository, or one of
# its root files.
PATH_RE = re.compile(
    r"(?<![\w$/.-])((?:\./|(?:\.\./)*)(?:scripts|tests|\.ci|\.github|docs|android|ios|example|rust)/[\w.@/-]*"
    r"|(?:package|package-lock)\.json|Cargo\.(?:toml|lock)|Package\.swift|rust-toolchain\.toml)"
)
SHA_PIN_RE = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}\s+#\s*v\d+(\.\d+){0,2}\s*$")
REMOTE_USES_RE = re.compile(r"^\s*(?:-\s+)?uses:\s*(.+?)\s*$")


class Repo:
    def __init__(self, root):
        self.root = os.path.abspath(root)
        self.workflows = {}
        wf_dir = os.path.join(self.root, ".github", "workflows")
        for name in sorted(os.listdir(wf_dir)):
            if name.endswith(".yml"):
                path = os.path.join(wf_dir, name)
                with open(path) as f:
                    text = f.read()
                self.workflows[name] = (yaml.safe_load(text), text)

    def path(self, rel):
        return os.path.join(self.root, rel)

    def read(self, rel):
        with open(self.path(rel)) as f:
            return f.read()

    def jobs(self):
        for wf_name, (wf, _) in self.workflows.items():
            for job_id, job in (wf.get("jobs") or {}).items():
                yield wf_name, job_id, job


def steps_of(job):
    return job.get("steps") or []


def action_of(step):
    return (step.get("uses") or "").split("@")[0]


# ---------------------------------------------------------------------------------------------
# paths


def is_generated(rel):
    return any(rel == g or rel.startswith(g + "/") for g in GENERATED)


def named_paths(step, job_defaults_dir):
    """(text, working directory) pairs of everything in a step that may name a repository path."""
    with_ = step.get("with") or {}
    workdir = with_.get("working-directory") or step.get("working-directory") or job_defaults_dir
    texts = []
    if "run" in step:
        texts.append(step["run"])
    for key in ("path", "cache-dependency-path", "working-directory", "script"):
        if isinstance(with_.get(key), str):
            texts.append(with_[key])
    return [(t, workdir or "") for t in texts]


def check_paths(repo):
    problems = []
    for wf_name, job_id, job in repo.jobs():
        where = f"{wf_name} {job_id}"
        uses = job.get("uses")
        if isinstance(uses, str) and uses.startswith("./") and not os.path.isfile(repo.path(uses[2:])):
            problems.append(f"{where}: calls {uses}, which does not exist")
        job_dir = ((job.get("defaults") or {}).get("run") or {}).get("working-directory")
        for step in steps_of(job):
            step_uses = step.get("uses") or ""
            if step_uses.startswith("./") and not os.path.exists(repo.path(step_uses[2:])):
                problems.append(f"{where}: uses {step_uses}, which does not exist")
            for text, workdir in named_paths(step, job_dir):
                for match in PATH_RE.finditer(text):
                    token = match.group(1).rstrip(".")
                    rel = os.path.normpath(os.path.join(workdir, token)) if token.startswith("..") else os.path.normpath(token)
                    if rel.startswith("..") or "*" in token or is_generated(rel):
                        continue
                    if not os.path.exists(repo.path(rel)):
                        problems.append(f"{where}: names {token}, which does not exist")
                        continue
                    # A script run as a command (first word of a line) must be executable.
                    line = text[text.rfind("\n", 0, match.start()) + 1 : match.start()]
                    if rel.endswith(".sh") and line.strip() in ("", "run:") and not os.access(repo.path(rel), os.X_OK):
                        problems.append(f"{where}: runs {token} as a command, but it is not executable")
        for expr in re.findall(r"hashFiles\(([^)]*)\)", json.dumps(job)):
            for rel in re.findall(r"'([^']+)'", expr.replace('\\"', "'")):
                if "*" not in rel and not os.path.exists(repo.path(rel)):
                    problems.append(f"{where}: hashFiles names {rel}, which does not exist")
    return problems


# ---------------------------------------------------------------------------------------------
# artifacts


def artifact_root(paths):
    """The directory whose contents upload-artifact stores: for one directory, that directory; for
    several paths, their least common ancestor (actions/upload-artifact README, "Upload using
    multiple paths and exclusions")."""
    parts = []
    for p in paths:
        p = p.strip()
        comps = [c for c in p.rstrip("/").split("/") if c]
        if not p.endswith("/") and len(paths) == 1:
            comps = comps[:-1]  # a single file: its directory
        parts.append(comps)
    if len(parts) == 1:
        return "/".join(parts[0])
    common = []
    for level in zip(*parts):
        if all(c == level[0] for c in level):
            common.append(level[0])
        else:
            break
    return "/".join(common)


def upstream(jobs, job_id):
    """Every job that job_id needs, directly or not."""
    seen, todo = set(), [job_id]
    while todo:
        needs = jobs[todo.pop()].get("needs") or []
        for n in [needs] if isinstance(needs, str) else needs:
            if n not in seen:
                seen.add(n)
                todo.append(n)
    return seen


def check_artifacts(repo):
    problems = []
    uploads = {}  # workflow -> artifact name -> [(job, root)]
    for wf_name, job_id, job in repo.jobs():
        for step in steps_of(job):
            if action_of(step) == "actions/upload-artifact":
                with_ = step.get("with") or {}
                paths = [p for p in str(with_.get("path", "")).splitlines() if p.strip()]
                if not paths or any("${{" in p for p in paths):
                    continue
                uploads.setdefault(wf_name, {}).setdefault(with_.get("name", "artifact"), []).append((job_id, artifact_root(paths)))
    for wf_name, (wf, _) in repo.workflows.items():
        jobs = wf.get("jobs") or {}
        for job_id, job in jobs.items():
            for step in steps_of(job):
                if action_of(step) != "actions/download-artifact":
                    continue
                with_ = step.get("with") or {}
                name = with_.get("name")
                dest = os.path.normpath(with_.get("path", "."))
                where = f"{wf_name} {job_id}: download-artifact {name}"
                before = upstream(jobs, job_id)
                producers = []
                for other_id in before:
                    called = jobs[other_id].get("uses") or ""
                    source = os.path.basename(called) if called.startswith("./.github/workflows/") else wf_name
                    for producer_job, root in uploads.get(source, {}).get(name, []):
                        if source != wf_name or producer_job == other_id:
                            producers.append((f"{source} {producer_job}", root))
                if not producers:
                    problems.append(f"{where}: no job it needs uploads an artifact of that name")
                for producer, root in producers:
                    if os.path.normpath(root or ".") != dest:
                        problems.append(
                            f"{where}: restores into '{dest}', but {producer} uploads it from '{root}' "
                            "(the files would land in the wrong place)")
    return problems


# ---------------------------------------------------------------------------------------------
# tarball


def expected_tarball_paths(release_text):
    """The paths release.yml checks in the tarball: the literal package/… paths, and for each
    `grep -q '^package/…$'` pattern one example path that matches it."""
    paths = set(re.findall(r"(?<![\w^/])package/[\w./@-]+(?<!\.)", release_text))
    patterns = re.findall(r"grep -q '\^(package/[^']+)\$'", release_text)
    for pattern in patterns:
        paths.discard(pattern.split(".*")[0].rstrip("/"))
        paths.add(pattern.replace(".*", "placeholder/placeholder").replace("\\.", "."))
    literal = {p for p in paths if "placeholder" not in p}
    for p in list(literal):  # drop prefixes of longer paths picked up from the patterns
        if any(o != p and o.startswith(p + "/") for o in paths):
            paths.discard(p)
    return sorted(paths), patterns


def check_tarball(repo):
    release = repo.read(".github/workflows/release.yml")
    expected, patterns = expected_tarball_paths(release)
    if not expected:
        return ["release.yml checks no path of the tarball (no package/… paths found)"]
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copy(repo.path("package.json"), tmp)
        # The ignore files npm applies (the nested ones even to paths "files" lists).
        for dirpath, dirnames, filenames in os.walk(repo.root):
            dirnames[:] = [d for d in dirnames if d not in ("node_modules", ".git", "target", "build")]
            for name in filenames:
                if name in (".gitignore", ".npmignore"):
                    rel = os.path.relpath(os.path.join(dirpath, name), repo.root)
                    os.makedirs(os.path.join(tmp, os.path.dirname(rel)), exist_ok=True)
                    shutil.copy(os.path.join(dirpath, name), os.path.join(tmp, rel))
        for path in expected:
            target = os.path.join(tmp, path[len("package/"):])
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "w") as f:
                f.write("placeholder\n")
        out = subprocess.run(["npm", "pack", "--dry-run", "--json", "--ignore-scripts"], cwd=tmp,
                             capture_output=True, text=True)
        if out.returncode != 0:
            return [f"npm pack --dry-run failed: {out.stderr.strip()[-400:]}"]
        packed = {"package/" + f["path"] for f in json.loads(out.stdout)[0]["files"]}
    problems = [f"release.yml expects {p} in the tarball, but npm leaves it out (package.json \"files\" "
                "or an ignore file)" for p in expected if p not in packed]
    for pattern in patterns:
        if not any(re.match("^" + pattern + "$", p) for p in packed):
            problems.append(f"release.yml expects a path matching ^{pattern}$, but npm packs none")
    return problems


# ---------------------------------------------------------------------------------------------
# versions, capacitor, repository


def package_json(repo):
    return json.loads(repo.read("package.json"))


def check_versions(repo):
    problems = []
    version = package_json(repo)["version"]
    found = {}
    lock = json.loads(repo.read("package-lock.json"))
    found["package-lock.json version"] = lock.get("version")
    found['package-lock.json packages[""].version'] = lock.get("packages", {}).get("", {}).get("version")
    cargo = tomllib.loads(repo.read("Cargo.toml"))
    found["Cargo.toml [workspace.package] version"] = cargo["workspace"]["package"]["version"]
    members = []
    for member in sorted(os.listdir(repo.path("rust"))):
        manifest = os.path.join("rust", member, "Cargo.toml")
        if os.path.isfile(repo.path(manifest)):
            pkg = tomllib.loads(repo.read(manifest))["package"]
            members.append(pkg["name"])
            if pkg.get("version") != {"workspace": True}:
                found[f"{manifest} version"] = pkg.get("version")
    for entry in tomllib.loads(repo.read("Cargo.lock")).get("package", []):
        if entry["name"] in members:
            found[f"Cargo.lock {entry['name']}"] = entry["version"]
    gradle = re.findall(r'^\s*versionName\s+"([^"]*)"', repo.read("android/build.gradle"), re.M)
    found["android/build.gradle versionName"] = gradle[0] if len(gradle) == 1 else f"{len(gradle)} versionName lines"
    for key, value in found.items():
        if value != version:
            problems.append(f"{key} is {value!r}, package.json is {version!r}")

    podspecs = [f for f in os.listdir(repo.root) if f.endswith(".podspec")]
    if len(podspecs) != 1:
        return problems + [f"expected one podspec at the root, found {podspecs}"]
    podspec = repo.read(podspecs[0])
    if not re.search(r"^\s*s\.version\s*=\s*package\['version'\]", podspec, re.M):
        literal = re.search(r"^\s*s\.version\s*=\s*'([^']*)'", podspec, re.M)
        if not literal or literal.group(1) != version:
            problems.append(f"{podspecs[0]}: s.version is neither package['version'] nor '{version}'")
    # The release tags: release.yml's trigger patterns and its tag check.
    release = repo.workflows["release.yml"][0]
    on = release.get("on", release.get(True)) or {}
    tag_patterns = ((on.get("push") or {}).get("tags")) or []
    prefixes = {re.match(r"[^*\d]*", p).group(0) for p in tag_patterns}
    if prefixes != {"v"}:
        problems.append(f"release.yml runs on tags {tag_patterns}; the podspec and docs expect v<version>")
    tag = re.search(r""":tag\s*=>\s*("[^"]*"|'[^']*'|[\w.]+)""", podspec)
    if not tag or tag.group(1) != '"v#{s.version}"':
        problems.append(f"{podspecs[0]}: the source :tag is {tag.group(1) if tag else 'missing'}, "
                        f'not "v#{{s.version}}" (the release tag v{version})')
    return problems


def check_capacitor(repo):
    pkg = package_json(repo)
    majors = {}
    for section in ("peerDependencies", "devDependencies"):
        for name, spec in (pkg.get(section) or {}).items():
            if name.startswith("@capacitor/") and name != "@capacitor/docgen":
                m = re.search(r"(\d+)", spec)
                majors[f"package.json {section} {name} {spec}"] = m and m.group(1)
    swift = re.search(r'capacitor-swift-pm\.git",\s*from:\s*"(\d+)\.', repo.read("Package.swift"))
    majors["Package.swift capacitor-swift-pm"] = swift and swift.group(1)
    peer = re.search(r"(\d+)", (pkg.get("peerDependencies") or {}).get("@capacitor/core", ""))
    if not peer:
        return ["package.json has no peerDependencies @capacitor/core"]
    return [f"{key} is Capacitor {major}, peerDependencies @capacitor/core is {peer.group(1)}"
            for key, major in majors.items() if major != peer.group(1)]


def github_repo(url):
    m = re.search(r"github\.com[/:]([\w.-]+/[\w.-]+?)(?:\.git)?(?:[#/].*)?$", url or "")
    return m.group(1).lower() if m else None


def check_repository(repo):
    pkg = package_json(repo)
    urls = {
        "package.json repository.url": (pkg.get("repository") or {}).get("url"),
        "package.json homepage": pkg.get("homepage"),
        "package.json bugs.url": (pkg.get("bugs") or {}).get("url"),
        "Cargo.toml repository": tomllib.loads(repo.read("Cargo.toml"))["workspace"]["package"].get("repository"),
    }
    podspec = next(f for f in os.listdir(repo.root) if f.endswith(".podspec"))
    text = repo.read(podspec)
    for key, pattern in (("homepage", r"s\.homepage\s*=\s*'([^']+)'"), ("source", r":git\s*=>\s*'([^']+)'")):
        m = re.search(pattern, text)
        urls[f"{podspec} {key}"] = m and m.group(1)
    want = github_repo(urls["package.json repository.url"])
    if not want or not urls["package.json repository.url"].startswith("git+https://github.com/"):
        return [f"package.json repository.url {urls['package.json repository.url']!r} is not "
                "git+https://github.com/<owner>/<repo>.git (npm provenance checks it)"]
    return [f"{key} {url!r} is not github.com/{want}" for key, url in urls.items() if github_repo(url) != want]


# ---------------------------------------------------------------------------------------------
# actions, toolchains, release


def check_actions(repo):
    problems = []
    for wf_name, (_, text) in repo.workflows.items():
        for number, line in enumerate(text.splitlines(), 1):
            m = REMOTE_USES_RE.match(line)
            if not m or m.group(1).startswith("./"):
                continue
            if not SHA_PIN_RE.match(m.group(1)):
                problems.append(f"{wf_name}:{number}: {m.group(1)} is not owner/repo@<40-hex sha> # vX.Y.Z")
    return problems


def check_toolchains(repo):
    problems = []
    toolchain = tomllib.loads(repo.read("rust-toolchain.toml"))["toolchain"]
    channel = toolchain.get("channel", "")
    minimum = tomllib.loads(repo.read("Cargo.toml"))["workspace"]["package"]["rust-version"]
    if not re.fullmatch(r"\d+\.\d+\.\d+", channel):
        problems.append(f"rust-toolchain.toml channel {channel!r} is not an exact version (x.y.z)")
    elif tuple(map(int, channel.split("."))) < tuple(map(int, (minimum + ".0").split(".")[:3])):
        problems.append(f"rust-toolchain.toml channel {channel} is older than Cargo.toml rust-version {minimum}")
    triples = set()
    for script in ("scripts/build-android.sh", "scripts/build-ios.sh"):
        triples |= set(re.findall(r"\b(?:aarch64|armv7|x86_64)-(?:linux-androideabi|linux-android|apple-ios(?:-sim)?)\b", repo.read(script)))
    for triple in sorted(triples - set(toolchain.get("targets", []))):
        problems.append(f"rust-toolchain.toml targets lack {triple} (named by the build scripts)")
    for wf_name, (_, text) in repo.workflows.items():
        for pattern in (r"dtolnay/rust-toolchain|actions-rs/toolchain|actions-rust-lang/setup-rust-toolchain",
                        r"rustup\s+(default|override)", r"cargo\s+\+\w", r"RUSTUP_TOOLCHAIN"):
            if re.search(pattern, text):
                problems.append(f"{wf_name} picks its own Rust toolchain ({pattern}); rust-toolchain.toml is the one")
    # Xcode: every macOS job selects it before anything else builds.
    for wf_name, job_id, job in repo.jobs():
        if "macos" not in str(job.get("runs-on", "")):
            continue
        wf = repo.workflows[wf_name][0]
        version = str((wf.get("env") or {}).get("XCODE_VERSION") or (job.get("env") or {}).get("XCODE_VERSION") or "")
        if not re.fullmatch(r"\d+\.\d+(\.\d+)?", version):
            problems.append(f"{wf_name} {job_id}: runs on macOS without an exact XCODE_VERSION ({version!r})")
        runs = [s.get("run", "") for s in steps_of(job)]
        first_select = next((i for i, r in enumerate(runs) if "scripts/select-xcode.sh" in r), None)
        first_build = next((i for i, r in enumerate(runs) if re.search(r"xcodebuild|xcrun|scripts/\w", r)
                            and "select-xcode" not in r), None)
        if first_select is None or (first_build is not None and first_build < first_select):
            problems.append(f"{wf_name} {job_id}: runs on macOS but does not select XCODE_VERSION (scripts/select-xcode.sh) before it builds")
    # NDK: one definition, and every mention of an NDK revision agrees with it.
    android = repo.workflows["android.yml"][0]
    ndk = str((android.get("env") or {}).get("NDK_VERSION", ""))
    if not re.fullmatch(r"\d+\.\d+\.\d+", ndk):
        problems.append(f"android.yml env NDK_VERSION {ndk!r} is not an NDK revision")
    for dirpath, dirnames, filenames in os.walk(repo.root):
        dirnames[:] = [d for d in dirnames if d not in ("node_modules", ".git", "target", "build", "tests")]
        for name in filenames:
            if not name.endswith((".md", ".sh", ".yml", ".gradle", ".properties", ".toml")):
                continue
            rel = os.path.relpath(os.path.join(dirpath, name), repo.root)
            with open(os.path.join(dirpath, name), errors="replace") as f:
                text = f.read()
            for other in set(re.findall(r"\b2\d\.\d\.\d{8}\b", text)) - {ndk}:
                problems.append(f"{rel} names NDK {other}; android.yml's NDK_VERSION is {ndk}")
            if rel != ".github/workflows/android.yml" and re.search(r"^\s*NDK_VERSION\s*[:=]\s*\d", text, re.M):
                problems.append(f"{rel} sets NDK_VERSION too; android.yml is the one place")
    return problems


ASC_SECRETS = ("ASC_KEY_ID", "ASC_ISSUER_ID", "ASC_KEY_P8", "APPLE_TEAM_ID")


def check_signing(repo):
    problems = []
    for wf_name, job_id, job in repo.jobs():
        for step in steps_of(job):
            run = step.get("run", "")
            if "xcodebuild archive" not in run:
                continue
            where = f"{wf_name} {job_id} step '{step.get('name', '?')}'"
            signed = "DEVELOPMENT_TEAM" in run or "CODE_SIGNING_ALLOWED=NO" not in run
            condition = str(step.get("if", ""))
            if not signed:
                continue
            missing = [s for s in ASC_SECRETS if f"env.{s} != ''" not in condition]
            if missing:
                problems.append(f"{where}: signs, but runs without {', '.join(missing)} in its `if:` "
                                "(a release or a fork without the secrets would fail)")
            for flag in ("-allowProvisioningUpdates", "-authenticationKeyPath", "-authenticationKeyID",
                         "-authenticationKeyIssuerID"):
                if flag not in run:
                    problems.append(f"{where}: signs without {flag} (the runner has no certificate or profile)")
        # The archive the packaging check reads must come from an unsigned archive step.
        runs = [s.get("run", "") for s in steps_of(job)]
        for i, run in enumerate(runs):
            m = re.search(r"scripts/check-ios-archive\.sh\s+\"?([^\"\s]+)", run)
            if not m:
                continue
            producers = [r for r in runs[:i] if "xcodebuild archive" in r and m.group(1) in r]
            if not producers:
                problems.append(f"{wf_name} {job_id}: check-ios-archive.sh reads {m.group(1)}, which no earlier archive step writes")
            elif any("CODE_SIGNING_ALLOWED=NO" not in r or "DEVELOPMENT_TEAM" in r for r in producers):
                problems.append(f"{wf_name} {job_id}: the archive check-ios-archive.sh reads ({m.group(1)}) is not built unsigned")
    return problems


def check_release(repo):
    problems = []
    release, text = repo.workflows["release.yml"]
    jobs = release.get("jobs") or {}
    for job_id, job in jobs.items():
        if "ios.yml" in str(job.get("uses", "")) and "secrets" in job:
            problems.append(f"release.yml {job_id}: passes secrets to ios.yml; signing must never run in a release")
    publish = [j for j in jobs.values() if any("npm publish" in s.get("run", "") for s in steps_of(j))]
    if len(publish) != 1:
        return problems + [f"release.yml: expected one job that runs npm publish, found {len(publish)}"]
    job = publish[0]
    if (job.get("permissions") or {}).get("id-token") != "write":
        problems.append("release.yml publish: no `id-token: write` (trusted publishing and provenance need it)")
    npm_version = str((job.get("env") or {}).get("NPM_VERSION", ""))
    if not re.fullmatch(r"\d+\.\d+\.\d+", npm_version) or tuple(map(int, npm_version.split("."))) < (11, 5, 1):
        problems.append(f"release.yml publish: NPM_VERSION {npm_version!r} is not an exact npm >= 11.5.1")
    runs = [s.get("run", "") for s in steps_of(job)]
    install = next((i for i, r in enumerate(runs) if re.search(r'npm install -g "?npm@\$NPM_VERSION', r)), None)
    publish_at = next(i for i, r in enumerate(runs) if "npm publish" in r)
    if install is None or install > publish_at:
        problems.append("release.yml publish: does not install npm@$NPM_VERSION before npm publish")
    if "--provenance" not in runs[publish_at]:
        problems.append("release.yml publish: npm publish without --provenance")
    return problems


CHECKS = {
    "paths": check_paths,
    "artifacts": check_artifacts,
    "tarball": check_tarball,
    "versions": check_versions,
    "capacitor": check_capacitor,
    "repository": check_repository,
    "actions": check_actions,
    "toolchains": check_toolchains,
    "signing": check_signing,
    "release": check_release,
}


def main(argv):
    root, only = ".", []
    args = list(argv)
    while args:
        arg = args.pop(0)
        if arg == "--only":
            only.append(args.pop(0))
        else:
            root = arg
    unknown = [c for c in only if c not in CHECKS]
    if unknown:
        print(f"preflight: unknown check {unknown}; checks: {', '.join(CHECKS)}", file=sys.stderr)
        return 2
    repo = Repo(root)
    passed = failed = 0
    for name, check in CHECKS.items():
        if only and name not in only:
            continue
        try:
            problems = check(repo)
        except Exception as error:  # a file the check reads is missing or malformed
            problems = [f"could not run: {type(error).__name__}: {error}"]
        if problems:
            failed += 1
            print(f"preflight: FAILED {name}")
            for problem in problems:
                print(f"  - {problem}")
        else:
            passed += 1
            print(f"preflight: ok {name}")
    print(f"preflight: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

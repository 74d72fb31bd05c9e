"""ios/TestHost/project.yml (XcodeGen) links the plugin's product into the host app only: the
hosted test bundle is loaded into the app, and a second link would give it duplicate Objective-C
classes and a second copy of the core's globals. XcodeGen's `link: false` keeps a package product
as a build dependency without linking it (PBXProjGenerator.swift, `case .package`). Run by
tests/lint/run.sh with the lint venv's PyYAML; exits 1 naming what is wrong."""
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
spec = yaml.safe_load((ROOT / "ios/TestHost/project.yml").read_text())
product = "TimesafariDailyNotificationPluginRs"
problems = []
for name, target in spec["targets"].items():
    packages = [d for d in target.get("dependencies", []) if d.get("package") == product]
    linked = [d for d in packages if d.get("link", True)]
    if target["type"] == "application" and len(linked) != 1:
        problems.append(f"{name} (the host app) must link {product} once")
    if target["type"].startswith("bundle.") and linked:
        problems.append(f"{name} (a test bundle) links {product} too: give its dependency `link: false`")
    if target["type"].startswith("bundle.") and not any("target" in d for d in target.get("dependencies", [])):
        problems.append(f"{name} (a test bundle) does not depend on its host app")
for problem in problems:
    print(f"ios/TestHost/project.yml: {problem}", file=sys.stderr)
sys.exit(1 if problems else 0)

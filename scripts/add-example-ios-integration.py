#!/usr/bin/env python3
"""Adds the plugin's documented iOS integration (docs/ios-build.md, section 2) to the example's
native project, which `npx cap add ios` generates from Capacitor's template and the repository does
not keep (scripts/prepare-example.sh runs this after `cap add`, before `cap sync`):

- AppDelegate.swift: `import DailyNotificationPlugin`, and
  `try DailyNotificationPlugin.registerBackgroundTasks()` (in a do/catch that logs its error) first
  in `application(_:didFinishLaunchingWithOptions:)`. The app target links only Capacitor's CapApp-SPM
  package, which depends on the plugin's package (CapApp-SPM/Package.swift, written by the CLI's
  util/spm.js); the template's own `import Capacitor` reaches Capacitor the same way.
- Info.plist: BGTaskSchedulerPermittedIdentifiers holds the plugin's task identifier and
  UIBackgroundModes holds `fetch`.

Idempotent: a second run changes nothing. Fails (exit 1) when the template no longer has the
anchors it edits, rather than writing a project that silently lacks the integration.
    scripts/add-example-ios-integration.py example/ios/App/App
"""
import plistlib
import re
import sys
from pathlib import Path

TASK_ID = "com.timesafari.dailynotification.prefetch"
IMPORT = "import DailyNotificationPlugin"
CALL = "DailyNotificationPlugin.registerBackgroundTasks()"
# The template's signature, on one line (node_modules/@capacitor/cli/assets/ios-spm-template).
LAUNCH = re.compile(r"(func application\(_ application: UIApplication, didFinishLaunchingWithOptions[^{]*\{\n)")


def patch_app_delegate(path: Path) -> None:
    text = path.read_text()
    if CALL in text:
        return
    if "import Capacitor\n" not in text or not LAUNCH.search(text):
        sys.exit(f"{path}: no `import Capacitor` or application(_:didFinishLaunchingWithOptions:) to add the integration to")
    text = text.replace("import Capacitor\n", f"import Capacitor\n{IMPORT}\n", 1)
    # As docs/ios-build.md shows it: registerBackgroundTasks() throws a typed error when it is
    # called too late or Info.plist lacks the identifier.
    text = LAUNCH.sub(
        lambda m: m.group(1)
        + "        // iOS accepts the background task's registration only before launch ends.\n"
        + "        do {\n"
        + f"            try {CALL}\n"
        + "        } catch {\n"
        + '            print("DailyNotification: background prefetch off: \\(error)")\n'
        + "        }\n",
        text,
        count=1,
    )
    path.write_text(text)


def add_to_array(info: dict, key: str, value: str) -> None:
    values = info.setdefault(key, [])
    if value not in values:
        values.append(value)


def patch_info_plist(path: Path) -> None:
    with path.open("rb") as f:
        info = plistlib.load(f)
    before = plistlib.dumps(info)
    add_to_array(info, "BGTaskSchedulerPermittedIdentifiers", TASK_ID)
    add_to_array(info, "UIBackgroundModes", "fetch")
    if plistlib.dumps(info) != before:
        with path.open("wb") as f:
            plistlib.dump(info, f, sort_keys=False)


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit("usage: scripts/add-example-ios-integration.py APP_DIR (example/ios/App/App)")
    app = Path(sys.argv[1])
    patch_app_delegate(app / "AppDelegate.swift")
    patch_info_plist(app / "Info.plist")


if __name__ == "__main__":
    main()

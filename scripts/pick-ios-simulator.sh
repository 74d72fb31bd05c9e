#!/usr/bin/env bash
# Prints the UDID of an available iPhone simulator of the newest iOS runtime (macOS with Xcode).
# Used by .github/workflows/ios.yml, whose runner images name their simulators differently.
set -euo pipefail
xcrun simctl list devices available --json | python3 -c '
import json, re, sys
devices = json.load(sys.stdin)["devices"]
def version(runtime):
    return [int(n) for n in re.findall(r"\d+", runtime.rsplit(".", 1)[-1])]
for runtime in sorted((k for k in devices if ".iOS-" in k), key=version, reverse=True):
    for device in devices[runtime]:
        if device["name"].startswith("iPhone"):
            print(device["udid"])
            sys.exit(0)
sys.exit("no available iPhone simulator")
'

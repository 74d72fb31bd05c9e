#!/usr/bin/env python3
"""Checks the plugin's privacy manifest (ios/Sources/DailyNotificationPlugin/PrivacyInfo.xcprivacy)
against Apple's rules and against what the code uses (docs/ios-build.md, "Privacy manifest"):

- a property list with NSPrivacyTracking false, no tracking domain, no collected data type;
- each accessed API category is one of Apple's, with reasons Apple lists for it;
- the declared categories are exactly the categories the code needs, found in:
  * the Swift sources (--swift DIR): Apple's required-reason API names;
  * the core's static library (--binary LIB): its undefined symbols (llvm-nm -u) that are
    required-reason C functions, such as stat, fstat, statfs or mach_absolute_time;
  * the core's own Rust sources (--rust DIR): a clock that counts from boot (clock_gettime of
    CLOCK_MONOTONIC, CLOCK_BOOTTIME or CLOCK_UPTIME_RAW), read to measure time since boot.
  A category the code needs and the manifest lacks fails (App Store Connect rejects the upload,
  ITMS-91053); so does one declared without a use (the manifest must say what the code does).

The categories, their APIs and reasons are Apple's list, "Describing use of required reason API":
https://developer.apple.com/documentation/bundleresources/describing-use-of-required-reason-api

    scripts/check-privacy-manifest.py MANIFEST [--swift DIR]... [--rust DIR]... [--binary LIB]...
    NM=path/to/llvm-nm  (default: llvm-nm of the Rust toolchain, `rustup component add llvm-tools`;
                         it must read the Rust compiler's LLVM bitcode)
"""
import argparse
import glob
import os
import plistlib
import re
import subprocess
import sys
from pathlib import Path
from xml.parsers.expat import ExpatError

PREFIX = "NSPrivacyAccessedAPICategory"
# category: (Swift/Objective-C API names, C functions, reasons)
CATEGORIES = {
    "FileTimestamp": (
        ["creationDate", "modificationDate", "fileModificationDate", "contentModificationDateKey", "creationDateKey"],
        ["getattrlist", "getattrlistbulk", "fgetattrlist", "stat", "fstat", "fstatat", "lstat", "getattrlistat"],
        ["DDA9.1", "C617.1", "3B52.1", "0A2A.1"],
    ),
    "SystemBootTime": (["systemUptime"], ["mach_absolute_time"], ["35F9.1", "8FFB.1", "3D61.1"]),
    "DiskSpace": (
        ["volumeAvailableCapacityKey", "volumeAvailableCapacityForImportantUsageKey",
         "volumeAvailableCapacityForOpportunisticUsageKey", "volumeTotalCapacityKey", "systemFreeSize", "systemSize"],
        ["statfs", "statvfs", "fstatfs", "fstatvfs", "getattrlist", "fgetattrlist", "getattrlistat"],
        ["85F4.1", "E174.1", "7D9E.1", "B728.1"],
    ),
    "ActiveKeyboards": (["activeInputModes"], [], ["3EC4.1", "54BD.1"]),
    "UserDefaults": (["UserDefaults", "NSUserDefaults"], [], ["CA92.1", "1C8F.1", "C56D.1", "AC6B.1"]),
}
BOOT_CLOCK = re.compile(r"\bCLOCK_(MONOTONIC|BOOTTIME|UPTIME_RAW)\b")


def manifest_problems(manifest: dict) -> tuple[list[str], dict[str, list[str]]]:
    problems = []
    if manifest.get("NSPrivacyTracking") is not False:
        problems.append("NSPrivacyTracking must be false: the plugin tracks no one")
    if manifest.get("NSPrivacyTrackingDomains", []) != []:
        problems.append("NSPrivacyTrackingDomains must be empty")
    if manifest.get("NSPrivacyCollectedDataTypes", []) != []:
        problems.append("NSPrivacyCollectedDataTypes must be empty: the plugin collects nothing for the app's developer")
    declared = {}
    for entry in manifest.get("NSPrivacyAccessedAPITypes", []):
        name = entry.get("NSPrivacyAccessedAPIType", "")
        category = name.removeprefix(PREFIX)
        reasons = entry.get("NSPrivacyAccessedAPITypeReasons", [])
        if not name.startswith(PREFIX) or category not in CATEGORIES:
            problems.append(f"unknown accessed API category {name!r}")
            continue
        if category in declared:
            problems.append(f"{name} is declared twice")
        if not reasons or any(r not in CATEGORIES[category][2] for r in reasons):
            problems.append(f"{name}: reasons {reasons} are not among Apple's {CATEGORIES[category][2]}")
        declared[category] = reasons
    return problems, declared


def swift_uses(dirs: list[str]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for d in dirs:
        for path in sorted(Path(d).rglob("*.swift")):
            text = path.read_text()
            for category, (apis, functions, _) in CATEGORIES.items():
                for api in apis:
                    if re.search(rf"\b{api}\b", text):
                        found.setdefault(category, set()).add(f"{path}: {api}")
                for function in functions:
                    if re.search(rf"\b{function}\s*\(", text):
                        found.setdefault(category, set()).add(f"{path}: {function}()")
    return found


def rust_uses(dirs: list[str]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for d in dirs:
        for path in sorted(Path(d).rglob("*.rs")):
            for number, line in enumerate(path.read_text().splitlines(), 1):
                if BOOT_CLOCK.search(line) and not line.lstrip().startswith("//"):
                    found.setdefault("SystemBootTime", set()).add(f"{path}:{number}: {BOOT_CLOCK.search(line).group(0)}")
    return found


def find_nm() -> str:
    if os.environ.get("NM"):
        return os.environ["NM"]
    sysroot = subprocess.run(["rustc", "--print", "sysroot"], capture_output=True, text=True, check=True).stdout.strip()
    found = glob.glob(f"{sysroot}/lib/rustlib/*/bin/llvm-nm")
    if not found:
        sys.exit("check-privacy-manifest: no llvm-nm in the Rust toolchain: rustup component add llvm-tools (or set NM)")
    return found[0]


def binary_uses(libraries: list[str]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    if not libraries:
        return found
    nm = find_nm()
    for library in libraries:
        result = subprocess.run([nm, "-u", "-j", library], capture_output=True, text=True)
        # "no symbols" for empty members is fine; anything else unreadable would hide symbols.
        unreadable = [l for l in result.stderr.splitlines() if l.strip() and not l.endswith("no symbols")]
        if result.returncode != 0 or unreadable:
            sys.exit(f"check-privacy-manifest: {nm} cannot read all of {library}:\n" + "\n".join(unreadable[:5]))
        symbols = {s.strip() for s in result.stdout.splitlines()}
        for category, (_, functions, _) in CATEGORIES.items():
            for function in functions:
                # Mach-O names carry a leading underscore; Darwin adds $INODE64 or 64 to some.
                for symbol in (f"_{function}", f"_{function}64", f"_{function}$INODE64", function):
                    if symbol in symbols:
                        found.setdefault(category, set()).add(f"{library}: {symbol}")
    return found


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("manifest")
    parser.add_argument("--swift", action="append", default=[])
    parser.add_argument("--rust", action="append", default=[])
    parser.add_argument("--binary", action="append", default=[])
    args = parser.parse_args()

    try:
        with open(args.manifest, "rb") as f:
            manifest = plistlib.load(f)
        if not isinstance(manifest, dict):
            raise ValueError("the top level is not a dictionary")
    except (OSError, plistlib.InvalidFileException, ExpatError, ValueError) as error:
        print(f"check-privacy-manifest: {args.manifest} is not a property list: {error}", file=sys.stderr)
        return 1
    problems, declared = manifest_problems(manifest)

    needed: dict[str, set[str]] = {}
    for uses in (swift_uses(args.swift), rust_uses(args.rust), binary_uses(args.binary)):
        for category, evidence in uses.items():
            needed.setdefault(category, set()).update(evidence)
    for category in sorted(needed):
        if category not in declared:
            problems.append(f"{PREFIX}{category} is used but not declared: " + "; ".join(sorted(needed[category])[:4]))
    for category in sorted(declared):
        if category not in needed:
            problems.append(f"{PREFIX}{category} is declared but nothing checked uses it")

    for category in sorted(needed):
        print(f"{category} ({', '.join(declared.get(category, []))}): " + "; ".join(sorted(needed[category])[:6]))
    for problem in problems:
        print(f"check-privacy-manifest: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

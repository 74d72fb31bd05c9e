"""Seeded mistakes that scripts/check-privacy-manifest.py must catch (run by tests/lint/run.sh):
each case writes a manifest and a little code that uses a required-reason API, and expects the
check to pass or to fail naming the problem. The binary case compiles a Mach-O object with clang
for arm64-apple-ios (no SDK needed: the functions are declared here), as the core's library is."""
import plistlib
import shutil
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHECK = ROOT / "scripts/check-privacy-manifest.py"
REAL = ROOT / "ios/Sources/DailyNotificationPlugin/PrivacyInfo.xcprivacy"


def entry(category, *reasons):
    return {"NSPrivacyAccessedAPIType": f"NSPrivacyAccessedAPICategory{category}", "NSPrivacyAccessedAPITypeReasons": list(reasons)}


def manifest(*entries, tracking=False):
    return {"NSPrivacyTracking": tracking, "NSPrivacyTrackingDomains": [], "NSPrivacyCollectedDataTypes": [],
            "NSPrivacyAccessedAPITypes": list(entries)}


class CheckPrivacyManifest(unittest.TestCase):
    def setUp(self):
        self.dir = Path(tempfile.mkdtemp())
        (self.dir / "swift").mkdir()

    def tearDown(self):
        shutil.rmtree(self.dir)

    def run_check(self, content, swift="", binary=None):
        path = self.dir / "PrivacyInfo.xcprivacy"
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_bytes(plistlib.dumps(content))
        (self.dir / "swift/Plugin.swift").write_text(swift)
        args = [sys.executable, str(CHECK), str(path), "--swift", str(self.dir / "swift")]
        if binary:
            args += ["--binary", str(binary)]
        return subprocess.run(args, capture_output=True, text=True)

    def test_the_real_manifest_is_a_valid_property_list_without_tracking(self):
        with REAL.open("rb") as f:
            real = plistlib.load(f)
        self.assertIs(real["NSPrivacyTracking"], False)
        self.assertEqual(real["NSPrivacyTrackingDomains"], [])
        self.assertEqual(real["NSPrivacyCollectedDataTypes"], [])

    def test_a_declared_use_passes(self):
        result = self.run_check(manifest(entry("UserDefaults", "CA92.1")), "let d = UserDefaults.standard")
        self.assertEqual(result.returncode, 0, result.stderr)

    def test_an_undeclared_use_fails(self):
        result = self.run_check(manifest(entry("UserDefaults", "CA92.1")),
                                "let d = UserDefaults.standard\nlet m = attrs[.modificationDate]")
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("NSPrivacyAccessedAPICategoryFileTimestamp is used but not declared", result.stderr)

    def test_a_declaration_without_a_use_fails(self):
        result = self.run_check(manifest(entry("UserDefaults", "CA92.1"), entry("DiskSpace", "E174.1")), "UserDefaults.standard")
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("NSPrivacyAccessedAPICategoryDiskSpace is declared but nothing checked uses it", result.stderr)

    def test_a_reason_of_another_category_fails(self):
        result = self.run_check(manifest(entry("UserDefaults", "35F9.1")), "UserDefaults.standard")
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("reasons ['35F9.1'] are not among Apple's", result.stderr)

    def test_tracking_fails(self):
        result = self.run_check(manifest(entry("UserDefaults", "CA92.1"), tracking=True), "UserDefaults.standard")
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("NSPrivacyTracking must be false", result.stderr)

    def test_a_file_that_is_not_a_property_list_fails(self):
        result = self.run_check(b"<plist><dict><key>NSPrivacyTracking</key>", "")
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("is not a property list", result.stderr)

    def test_required_reason_functions_in_a_library_are_found(self):
        source = self.dir / "core.c"
        source.write_text("struct statfs; int statfs(const char *, struct statfs *);\n"
                          "unsigned long long mach_absolute_time(void);\n"
                          "int f(void) { return statfs(\"/\", 0) + (int)mach_absolute_time(); }\n")
        obj = self.dir / "core.o"
        subprocess.run(["clang", "--target=arm64-apple-ios15.0", "-c", str(source), "-o", str(obj)], check=True)
        result = self.run_check(manifest(), "", binary=obj)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("NSPrivacyAccessedAPICategoryDiskSpace is used but not declared", result.stderr)
        self.assertIn("NSPrivacyAccessedAPICategorySystemBootTime is used but not declared", result.stderr)
        self.assertIn("_mach_absolute_time", result.stderr)
        declared = manifest(entry("DiskSpace", "E174.1"), entry("SystemBootTime", "35F9.1"))
        self.assertEqual(self.run_check(declared, "", binary=obj).returncode, 0)


if __name__ == "__main__":
    unittest.main()

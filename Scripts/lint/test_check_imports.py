#!/usr/bin/env python3
"""Tests of check_imports.py on small made-up packages: it passes a tree that keeps its table
and fails, naming file and line, on every kind of violation. Run by `make lint`."""
import os
import subprocess
import sys
import tempfile
import textwrap
import unittest

CHECKER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "check_imports.py")

PACKAGE = """\
// swift-tools-version:6.1
import PackageDescription
let package = Package(
    name: "demo",
    dependencies: [.package(url: "https://example.test/yams", exact: "1.0.0")],
    targets: [
        .target(name: "Model"),
        // .target(name: "Commented", dependencies: ["Nothing"]),
        .target(name: "Policy", dependencies: ["Model", .product(name: "Yams", package: "Yams")]),
        .target(name: "Support", path: "Tests/Support"),
        .testTarget(name: "PolicyTests", dependencies: [.target(name: "Policy"), "Support"]),
    ]
)
"""

TABLE = """\
# Architecture
<!-- imports:begin -->
| target | kind | package | platform |
|---|---|---|---|
| `Model` | library | — | `Foundation` |
| `Policy` | library | `Model`, `Yams` | `Foundation` |
| `Support` | test helpers | — | `Foundation` |
| `PolicyTests` | test | `Policy`, `Support` | `Testing` |
<!-- imports:end -->
"""

GOOD = {
    "Sources/Model/Model.swift": "import Foundation\n",
    "Sources/Policy/Policy.swift": "import Model\npackage import Yams\n@preconcurrency import struct Foundation.Date\n"
    "let text = \"\"\"\nimport Evil\n\"\"\"\n/*\nimport Evil\n*/\n// import Evil\n",
    "Tests/Support/Support.swift": "import Foundation\n",
    "Tests/PolicyTests/PolicyTests.swift": "@testable import Policy\nimport Support\nimport Testing\n",
}


class CheckImportsTests(unittest.TestCase):
    def run_checker(self, files, package=PACKAGE, table=TABLE):
        with tempfile.TemporaryDirectory() as root:
            for path, text in {"Package.swift": package, "ARCHITECTURE.md": table, **files}.items():
                os.makedirs(os.path.dirname(os.path.join(root, path)) or root, exist_ok=True)
                with open(os.path.join(root, path), "w", encoding="utf-8") as handle:
                    handle.write(text)
            done = subprocess.run([sys.executable, CHECKER, "--root", root], capture_output=True, text=True)
            return done.returncode, done.stdout

    def test_a_tree_that_keeps_its_table_passes(self):
        status, output = self.run_checker(GOOD)
        self.assertEqual(status, 0, output)

    def assert_fails(self, expected, files=None, **changes):
        """The checker exits 1 on `files` (GOOD by default) with `changes`, printing `expected`."""
        status, output = self.run_checker(GOOD if files is None else dict(GOOD, **files), **changes)
        self.assertEqual(status, 1, output)
        self.assertIn(expected, output)

    def test_an_import_the_table_does_not_allow_fails_with_file_and_line(self):
        for form in ["import Policy", "@testable import Policy", "@_implementationOnly import Policy",
                     "package import Policy", "internal import Policy", "import enum Policy.Verdict"]:
            with self.subTest(form=form):
                self.assert_fails("Sources/Model/Model.swift:2: Model may not import Policy",
                                  {"Sources/Model/Model.swift": "import Foundation\n" + form + "\n"})

    def test_a_platform_module_outside_the_row_fails(self):
        self.assert_fails("Sources/Model/Model.swift:2: Model may not import Glibc",
                          {"Sources/Model/Model.swift": "#if canImport(Glibc)\nimport Glibc\n#endif\n"})

    def test_testable_import_outside_a_test_target_fails(self):
        self.assert_fails("Tests/Support/Support.swift:1: Support is not a test target",
                          {"Tests/Support/Support.swift": "@testable import Foundation\n"})

    def test_package_dependencies_that_disagree_with_the_table_fail(self):
        self.assert_fails("Policy: dependencies disagree with Package.swift (Package.swift lacks Model)",
                          package=PACKAGE.replace('dependencies: ["Model", ', "dependencies: ["))
        self.assert_fails("Model: dependencies disagree with Package.swift (Package.swift adds Policy)",
                          package=PACKAGE.replace('.target(name: "Model")', '.target(name: "Model", dependencies: ["Policy"])'))

    def test_a_target_missing_from_either_side_fails(self):
        self.assert_fails("target Support has no row", table=TABLE.replace("| `Support` | test helpers | — | `Foundation` |\n", ""))
        self.assert_fails("target Ghost is not in Package.swift",
                          table=TABLE.replace("<!-- imports:end -->", "| `Ghost` | library | — | — |\n<!-- imports:end -->"))

if __name__ == "__main__":
    unittest.main()

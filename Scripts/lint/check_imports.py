#!/usr/bin/env python3
"""Checks every target's imports against the table in ARCHITECTURE.md (`make lint`).

The table between `<!-- imports:begin -->` and `<!-- imports:end -->` in ARCHITECTURE.md says,
for each SwiftPM target, which package targets and products it may import and which platform
modules. This script checks that
  - every `import X` in the target's Swift files (`@testable`, `@_implementationOnly`,
    `@preconcurrency`, `package`/`internal`/`public` imports and `import struct X.Y` included)
    names a module the target's row allows;
  - `@testable import` appears only in test targets;
  - Package.swift declares exactly the targets of the table, and each target's dependencies
    are exactly the package targets and products its row allows.
Each violation is printed as file:line: message; the exit status is 1 when there is one.

Usage: check_imports.py [--root DIR]   (default: the repository this script is in)
Python 3 standard library only.
"""
import argparse
import os
import re
import sys

BEGIN, END = "<!-- imports:begin -->", "<!-- imports:end -->"
IMPORT = re.compile(
    r"^\s*(?P<prefix>(?:@\w+(?:\([^)]*\))?\s+|(?:public|package|internal|fileprivate|private)\s+)*)"
    r"import\s+(?:(?:typealias|struct|class|enum|protocol|let|var|func)\s+)?(?P<module>[A-Za-z_]\w*)"
)
TARGET_CALL = re.compile(r"\.(target|testTarget|executableTarget|systemLibrary|plugin|binaryTarget|macro)\s*\(")
DEFAULT_FOLDER = {"testTarget": "Tests", "plugin": "Plugins"}


def names(cell):
    """The module names in one table cell: backticked or bare, comma-separated; '—' is none."""
    cell = cell.replace("`", "").strip()
    if cell in ("", "—", "-"):
        return set()
    return {part.strip() for part in cell.split(",") if part.strip()}


def read_table(architecture):
    """{target: (line, kind, package modules, platform modules)} from ARCHITECTURE.md."""
    with open(architecture, encoding="utf-8") as handle:
        lines = handle.read().split("\n")
    try:
        start, end = lines.index(BEGIN), lines.index(END)
    except ValueError:
        raise SystemExit(f"{architecture}: no {BEGIN} ... {END} table")
    table = {}
    for number in range(start + 1, end):
        line = lines[number].strip()
        if not line.startswith("|") or set(line) <= set("|-: "):
            continue
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        if len(cells) != 4 or cells[0].lower() == "target":
            continue
        target = cells[0].replace("`", "")
        table[target] = (number + 1, cells[1], names(cells[2]), names(cells[3]))
    if not table:
        raise SystemExit(f"{architecture}: the imports table is empty")
    return table


def balanced(text, start, opening, closing):
    """The text from `start` (an `opening` bracket) to its matching `closing` one, strings skipped."""
    depth, index, quoted = 0, start, False
    while index < len(text):
        char = text[index]
        if quoted:
            if char == "\\":
                index += 1
            elif char == '"':
                quoted = False
        elif char == '"':
            quoted = True
        elif char == opening:
            depth += 1
        elif char == closing:
            depth -= 1
            if depth == 0:
                return text[start : index + 1]
        index += 1
    raise SystemExit(f"unbalanced {opening}{closing} in Package.swift")


def strip_comments(text):
    """Package.swift without // and /* */ comments (strings kept)."""
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    return "\n".join(re.sub(r'^((?:[^"/]|"(?:[^"\\]|\\.)*"|/(?!/))*)//.*$', r"\1", line) for line in text.split("\n"))


def read_package(package):
    """{target: (kind, folder, dependencies)} from Package.swift's `targets:`."""
    with open(package, encoding="utf-8") as handle:
        text = strip_comments(handle.read())
    targets = {}
    end = 0
    for match in TARGET_CALL.finditer(text):
        if match.start() < end:
            continue  # a `.target(name:)` dependency or a `.plugin(name:)` usage inside a target
        kind = match.group(1)
        call = balanced(text, match.end() - 1, "(", ")")
        end = match.end() - 1 + len(call)
        name = re.search(r'\bname:\s*"([^"]+)"', call)
        if not name:
            continue
        dependencies = set()
        listed = re.search(r"\bdependencies:\s*\[", call)
        if listed:
            body = balanced(call, listed.end() - 1, "[", "]")[1:-1]
            body = re.sub(r"\.product\s*\(\s*name:\s*\"([^\"]+)\"[^)]*\)", r'"\1"', body)
            body = re.sub(r"\.(?:target|byName)\s*\(\s*name:\s*\"([^\"]+)\"[^)]*\)", r'"\1"', body)
            dependencies = set(re.findall(r'"([^"]+)"', body))
        path = re.search(r'\bpath:\s*"([^"]+)"', call)
        folder = path.group(1) if path else os.path.join(DEFAULT_FOLDER.get(kind, "Sources"), name.group(1))
        targets[name.group(1)] = (kind, folder, dependencies)
    return targets


def imports(path):
    """(line number, module, prefix) of every import in a Swift file, outside comments and multi-line strings."""
    found = []
    in_block, in_string = False, False
    with open(path, encoding="utf-8", errors="replace") as handle:
        for number, line in enumerate(handle, 1):
            if in_string:
                if line.count('"""') % 2 == 1:
                    in_string = False
                continue
            if in_block:
                if "*/" in line:
                    in_block = False
                continue
            stripped = line.strip()
            if stripped.startswith("/*") and "*/" not in stripped:
                in_block = True
                continue
            match = IMPORT.match(line)
            if match:
                found.append((number, match.group("module"), match.group("prefix")))
            elif line.count('"""') % 2 == 1:
                in_string = True
    return found


def check(root):
    """Every violation as (file, line, message), in a stable order."""
    architecture, package = os.path.join(root, "ARCHITECTURE.md"), os.path.join(root, "Package.swift")
    table, declared = read_table(architecture), read_package(package)
    violations = []
    for target in sorted(set(declared) - set(table)):
        violations.append(("Package.swift", 1, f"target {target} has no row in the ARCHITECTURE.md imports table"))
    for target in sorted(set(table) - set(declared)):
        violations.append(("ARCHITECTURE.md", table[target][0], f"target {target} is not in Package.swift"))
    for target in sorted(set(table) & set(declared)):
        row, _, allowed, platform = table[target]
        kind, folder, dependencies = declared[target]
        if dependencies != allowed:
            extra, missing = sorted(dependencies - allowed), sorted(allowed - dependencies)
            detail = "; ".join(part for part in (f"Package.swift adds {', '.join(extra)}" if extra else "",
                                                 f"Package.swift lacks {', '.join(missing)}" if missing else "") if part)
            violations.append(("ARCHITECTURE.md", row, f"{target}: dependencies disagree with Package.swift ({detail})"))
        directory = os.path.join(root, folder)
        for base, subdirectories, files in os.walk(directory):
            subdirectories.sort()
            for file in sorted(files):
                if not file.endswith(".swift"):
                    continue
                path = os.path.join(base, file)
                relative = os.path.relpath(path, root)
                for number, module, prefix in imports(path):
                    if module != target and module not in allowed | platform:
                        violations.append((relative, number, f"{target} may not import {module} (ARCHITECTURE.md line {row})"))
                    if "@testable" in prefix and kind != "testTarget":
                        violations.append((relative, number, f"{target} is not a test target: no @testable import of {module}"))
    return violations


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--root", default=os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
    root = parser.parse_args().root
    violations = check(root)
    for file, line, message in violations:
        print(f"{file}:{line}: {message}")
    if violations:
        print(f"check_imports: {len(violations)} violation(s)", file=sys.stderr)
        return 1
    print(f"check_imports: ok ({len(read_table(os.path.join(root, 'ARCHITECTURE.md')))} targets)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

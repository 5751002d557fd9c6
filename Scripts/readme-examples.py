#!/usr/bin/env python3
"""Produces the example outputs in README.md from the built binary, so they cannot go stale.

Each example in README.md sits between two markers:

    <!-- example: ARGUMENTS [| OPTIONS] -->
    ```
    output
    ```
    <!-- /example -->

ARGUMENTS are the command (shell words, starting with cryptcheck), run from the repository
root with the binary given, and shown as the block's first line; OPTIONS, separated by ';', shape what is shown:
  stderr           show standard error instead of standard output
  lines=RANGES     only these lines: "1-12,36-41,-2" (-N: the last N), "..." between gaps
  head=N           the first N lines, then a line "..."
  tail=N           (with head) also the last N lines
  status           append "exit status N"
The command runs in the repository root; paths starting with "out/" (also after FORMAT=) are
written into a temporary directory instead, and shown as out/... in the output.

  readme-examples.py --binary .build/debug/cryptcheck --check   exit 1 and a diff when README differs
  readme-examples.py --binary .build/debug/cryptcheck --write   rewrite the example blocks
"""
import argparse
import difflib
import os
import re
import shlex
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BLOCK = re.compile(r"(<!-- example: (?P<spec>.*?) -->\n)```[a-z]*\n(?P<body>.*?)```\n(<!-- /example -->)", re.S)


def run(binary, spec):
    arguments, _, options = spec.partition("|")
    words = shlex.split(arguments)
    if not words or words[0] != "cryptcheck":
        raise SystemExit(f"example must start with 'cryptcheck': {spec}")
    settings = {}
    for option in filter(None, (part.strip() for part in options.split(";"))):
        key, _, value = option.partition("=")
        settings[key] = value
    with tempfile.TemporaryDirectory(prefix="cryptcheck-readme-") as work:
        os.makedirs(os.path.join(work, "out"))
        # Outputs (out/..., also after FORMAT=) go to the temporary directory, shown as out/...
        resolved = [re.sub(r"(^|=)out/", lambda match: match.group(1) + work + "/out/", word) for word in words[1:]]
        environment = dict(os.environ, NO_COLOR="1", TERM="dumb", LC_ALL="C.UTF-8")
        result = subprocess.run([binary] + resolved, cwd=ROOT, capture_output=True, env=environment, timeout=120)
        result.stdout = result.stdout.replace(work.encode() + b"/", b"")
        result.stderr = result.stderr.replace(work.encode() + b"/", b"")
    text = (result.stderr if "stderr" in settings else result.stdout).decode("utf-8")
    lines = text.splitlines()
    if "lines" in settings:
        # Ranges of line numbers (1-based, "a-b" or "a"; "-n" is the last n lines), "..." between gaps.
        chosen = []
        for part in settings["lines"].split(","):
            if part.startswith("-"):
                chosen += range(max(1, len(lines) - int(part[1:]) + 1), len(lines) + 1)
            else:
                first, _, last = part.partition("-")
                chosen += range(int(first), min(int(last or first), len(lines)) + 1)
        shown = []
        for index, number in enumerate(chosen):
            if index > 0 and number != chosen[index - 1] + 1:
                shown.append("...")
            shown.append(lines[number - 1])
        lines = shown
    elif "head" in settings:
        head = int(settings["head"])
        tail = int(settings.get("tail", "0") or 0)
        if len(lines) > head + tail:
            lines = lines[:head] + ["..."] + (lines[-tail:] if tail else [])
    if "status" in settings:
        lines.append(f"exit status {result.returncode}")
    # The block starts with the command, as typed.
    return "\n".join(["$ " + arguments.strip()] + lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", required=True)
    parser.add_argument("--readme", default=os.path.join(ROOT, "README.md"))
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--check", action="store_true")
    mode.add_argument("--write", action="store_true")
    arguments = parser.parse_args()
    binary = os.path.abspath(arguments.binary)
    with open(arguments.readme, encoding="utf-8") as handle:
        readme = handle.read()
    blocks = list(BLOCK.finditer(readme))
    if not blocks:
        print(f"{arguments.readme}: no example blocks", file=sys.stderr)
        return 1
    updated = BLOCK.sub(lambda match: match.group(1) + "```\n" + run(binary, match.group("spec")) + "```\n" + match.group(4), readme)
    if arguments.write:
        if updated != readme:
            with open(arguments.readme, "w", encoding="utf-8") as handle:
                handle.write(updated)
        print(f"{arguments.readme}: {len(blocks)} examples written")
        return 0
    if updated == readme:
        print(f"{arguments.readme}: {len(blocks)} examples up to date")
        return 0
    sys.stdout.writelines(difflib.unified_diff(
        readme.splitlines(keepends=True), updated.splitlines(keepends=True), "README.md", "README.md (from the binary)"))
    print(f"{arguments.readme}: examples differ from what the binary prints; run {sys.argv[0]} --write", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())

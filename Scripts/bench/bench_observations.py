#!/usr/bin/env python3
"""`make bench-observations`: time and peak memory to evaluate a saved observation file of about
1, 10 and 100 MB (issue 11 item 12: memory must stay a small multiple of the file's size).

The file is made from a real scan of the fixtures (`scan --save-observations`), its files
repeated under new paths until it reaches the size. `evaluate FILE --format F` is measured for
each of --formats (default json).

usage: bench_observations.py CRYPTCHECK [--runs R] [--sizes 1,10,100] [--formats json,sarif,cbom,html,text,csv]
"""
import argparse
import json
import os
import pathlib
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from bench_files import measure  # noqa: E402  (wall seconds and peak RSS of one run)


def make_file(binary, directory, megabytes):
    seed = directory / "seed.json"
    subprocess.run([binary, "scan", str(ROOT / "Fixtures/files"), "--save-observations", str(seed), "--as-of", "2026-11-30",
                    "--password", "changeit"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    document = json.loads(seed.read_text())
    files = document["files"]
    one = len(json.dumps(files[0])) if files else 1
    per_copy = sum(len(json.dumps(f)) for f in files)
    copies = max(1, int(megabytes * 1_000_000 / per_copy))
    document["files"] = [dict(f, path=f"/copy{n}{f['path']}") for n in range(copies) for f in files]
    path = directory / f"observations-{megabytes}mb.json"
    path.write_text(json.dumps(document, indent=1))
    return path, len(document["files"])


def make_file_apart(binary, directory, megabytes):
    """`make_file` in a child process. The document it builds takes several times the file in
    Python objects, which Python keeps; Linux counts the RSS a child had when it was forked
    (before exec) in its peak, so every measured run would otherwise report at least that."""
    output = subprocess.run([sys.executable, __file__, binary, "--make", str(directory), "--sizes", str(megabytes)],
                            capture_output=True, text=True, check=True).stdout.split()
    return pathlib.Path(output[0]), int(output[1])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("cryptcheck")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", default="1,10,100")
    parser.add_argument("--formats", default="json")
    parser.add_argument("--make", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.make:
        path, count = make_file(args.cryptcheck, pathlib.Path(args.make), int(args.sizes))
        print(path, count)
        return
    with tempfile.TemporaryDirectory(prefix="cryptcheck-bench-obs-") as temp:
        directory = pathlib.Path(temp)
        for output in args.formats.split(","):
            print("evaluate SAVED.json --format %s: median of %d runs" % (output, args.runs))
            for megabytes in [int(s) for s in args.sizes.split(",")]:
                path = directory / f"observations-{megabytes}mb.json"
                count = None
                if not path.exists():
                    path, count = make_file_apart(args.cryptcheck, directory, megabytes)
                size = path.stat().st_size / 1_048_576
                runs = [measure([args.cryptcheck, "evaluate", str(path), "--format", output, "--as-of", "2026-11-30"])
                        for _ in range(args.runs)]
                seconds = statistics.median(r[0] for r in runs)
                peak = max(r[1] for r in runs)
                files = f"{count:7d} files" if count is not None else "  (same file)"
                print(f"  {size:7.1f} MiB, {files}: {seconds:7.2f} s  peak RSS {peak:8.1f} MiB  ({peak / size:5.1f}x the file)")


if __name__ == "__main__":
    main()

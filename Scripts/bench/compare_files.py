#!/usr/bin/env python3
"""Two cryptcheck binaries on the same trees, run by turns (so a busy machine slows both alike):
median wall time, CPU time and peak RSS of `scan TREE` as JSON and as text, per binary.

usage: compare_files.py BEFORE AFTER TREE... [--rounds R]
Make trees with make_tree.py (from the fixtures of the checkout it lives in) or
make_unique_tree.py; a tree made from an older checkout's fixtures compares like with like.
"""
import argparse
import pathlib
import statistics
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from bench_files import measure_cpu  # noqa: E402  (wall seconds, peak RSS and CPU seconds of one run)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("before")
    parser.add_argument("after")
    parser.add_argument("trees", nargs="+")
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    for tree in args.trees:
        for output in ("json", "text"):
            runs = {"before": [], "after": []}
            for _ in range(args.rounds):
                for name in ("before", "after"):
                    command = [getattr(args, name), "scan", tree, "--as-of", "2026-11-30"]
                    runs[name].append(measure_cpu(command + (["--format", "json"] if output == "json" else [])))
            line = [f"{tree} {output}:"]
            for name in ("before", "after"):
                seconds = statistics.median(run[0] for run in runs[name])
                cpu = statistics.median(run[2] for run in runs[name])
                line.append(f"{name} {seconds:.2f} s, CPU {cpu:.2f} s (peak {max(run[1] for run in runs[name]):.1f} MiB)")
            print("  ".join(line), flush=True)


if __name__ == "__main__":
    main()

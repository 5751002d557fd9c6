#!/usr/bin/env python3
"""`make bench-files`: scan a generated tree with cryptcheck and with the Python reference
walker, and print files/s, the ratio, and cryptcheck's peak RSS on a large tree.

usage: bench_files.py CRYPTCHECK PYTHON [--files N] [--memory-files M] [--distinct-files D] [--runs R]

The main tree copies the fixtures, so its files repeat; with --distinct-files it also measures
a tree of D distinct certificates (make_unique_tree.py, run with PYTHON), where nothing
repeats and caches of repeated findings help least.
"""
import argparse
import os
import pathlib
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = pathlib.Path(__file__).resolve().parent


def measure(command):
    """Wall seconds and peak RSS (MiB) of one run, output discarded."""
    elapsed, rss, _ = measure_cpu(command)
    return elapsed, rss


def measure_cpu(command):
    """Wall seconds, peak RSS (MiB) and CPU seconds (user + system) of one run."""
    start = time.perf_counter()
    with open(os.devnull, "wb") as sink:
        process = subprocess.Popen(command, stdout=sink, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1, 2):
        sys.exit(f"bench: {command[0]} exited with {code}")
    return elapsed, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("cryptcheck")
    parser.add_argument("python")
    parser.add_argument("--files", type=int, default=20000)
    parser.add_argument("--memory-files", type=int, default=100000)
    parser.add_argument("--distinct-files", type=int, default=0)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    work = pathlib.Path(tempfile.mkdtemp(prefix="cryptcheck-bench-"))
    try:
        tree = work / "tree"
        subprocess.run([sys.executable, HERE / "make_tree.py", str(args.files), tree], check=True)
        scan = [args.cryptcheck, "scan", str(tree), "--format", "json", "--as-of", "2026-11-30"]
        reference = [args.python, str(HERE / "reference_walker.py"), str(tree)]
        measure(scan)  # warm the page cache for both
        # Interleaved, so that a drift of the machine (this VM's page cache is reclaimed
        # within seconds when idle) weighs on every command alike.
        ours, ours_text, fair = [], [], []
        for _ in range(args.runs):
            ours.append(measure(scan))
            ours_text.append(measure(scan[:3] + ["--format", "text"] + scan[5:]))
            fair.append(measure(reference))
        validating = measure(reference + ["--validate-keys"])
        json_time = statistics.median(t for t, _ in ours)
        text_time = statistics.median(t for t, _ in ours_text)
        fair_time = statistics.median(t for t, _ in fair)
        print(f"tree: {args.files} files (60% crypto material incl. broken, 30% text, 10% junk); median of {args.runs} runs")
        print(f"cryptcheck scan --format json: {json_time:6.2f} s {args.files / json_time:8.0f} files/s  peak RSS {max(m for _, m in ours):6.1f} MiB")
        print(f"cryptcheck scan (text):        {text_time:6.2f} s {args.files / text_time:8.0f} files/s  peak RSS {max(m for _, m in ours_text):6.1f} MiB")
        print(f"reference, pyca without RSA key validation: {fair_time:6.2f} s {args.files / fair_time:8.0f} files/s")
        print(f"reference, pyca default (validates RSA keys, 1 run): {validating[0]:6.2f} s {args.files / validating[0]:8.0f} files/s")
        print(f"ratio vs reference without validation: json {fair_time / json_time:.1f}x, text {fair_time / text_time:.1f}x (target: >= 5x)")
        print(f"ratio vs pyca default: json {validating[0] / json_time:.1f}x, text {validating[0] / text_time:.1f}x")
        shutil.rmtree(tree)
        if args.distinct_files:
            distinct = work / "distinct"
            subprocess.run([args.python, HERE / "make_unique_tree.py", str(args.distinct_files), distinct], check=True)
            scan_distinct = scan[:2] + [str(distinct)] + scan[3:]
            measure(scan_distinct)
            runs = [(measure(scan_distinct)[0], measure(scan_distinct[:3] + ["--format", "text"] + scan_distinct[5:])[0],
                     measure([args.python, str(HERE / "reference_walker.py"), str(distinct)])[0]) for _ in range(args.runs)]
            json_distinct = statistics.median(run[0] for run in runs)
            text_distinct = statistics.median(run[1] for run in runs)
            reference_distinct = statistics.median(run[2] for run in runs)
            print(f"distinct certificates ({args.distinct_files} files, nothing repeats): cryptcheck json {json_distinct:.2f} s, "
                  f"text {text_distinct:.2f} s; reference {reference_distinct:.2f} s; "
                  f"ratio json {reference_distinct / json_distinct:.1f}x, text {reference_distinct / text_distinct:.1f}x")
            shutil.rmtree(distinct)
        if args.memory_files:
            big = work / "big"
            subprocess.run([sys.executable, HERE / "make_tree.py", str(args.memory_files), big], check=True)
            elapsed, peak = measure(scan[:2] + [str(big)] + scan[3:])
            print(f"memory: {args.memory_files} files scanned (json) in {elapsed:.2f} s, peak RSS {peak:.1f} MiB (target: < 200 MB)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""`make bench-render`: time to render the findings of ONE file, text and JSON, at about 1k, 10k
and 100k findings, to show every renderer is linear (issue 11 item 2). Two shapes:

- a PEM bundle of N copies of one certificate: every copy is its own item, so its findings
  differ by context (`#n certificate`) and the text renderer must group them;
- a file of N PEM blocks that do not parse (1k, 10k, 100k blocks; cryptcheck describes the first
  100 and counts the rest, so the findings stay few while the input grows).

usage: bench_render.py CRYPTCHECK [--runs R]
Prints seconds (median of R runs) and the growth factor per tenfold step (about 10 is linear).
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
CERT = (ROOT / "Fixtures/files/certs/rsa2048-sha256.pem").read_text()


def run(command):
    start = time.perf_counter()
    result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    if result.returncode not in (0, 1, 2):
        sys.exit(f"bench: {' '.join(command)} exited with {result.returncode}")
    return time.perf_counter() - start, result.stdout


def findings_of(binary, path):
    _, out = run([binary, "scan", path, "--format", "json", "--max-size", "256", "--as-of", "2026-11-30"])
    count = 0
    for line in out.decode().splitlines():
        if '"verdict" :' in line:
            count += 1
    return count


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("cryptcheck")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-render-") as work:
        shapes = {
            "certificates in one PEM": lambda n: CERT * n,
            "unparsable PEM blocks": lambda n: "".join(
                f"-----BEGIN CERTIFICATE-----\nQUJD{i:08d}\n-----END CERTIFICATE-----\n" for i in range(n)),
        }
        for shape, make in shapes.items():
            print(f"{shape}:")
            previous = {}
            for target in (1_000, 10_000, 100_000):
                # Items per finding differ by shape: size the file by a first measurement.
                if shape == "certificates in one PEM":
                    probe = pathlib.Path(work, "probe.pem")
                    probe.write_text(make(100))
                    per_item = max(1, findings_of(args.cryptcheck, str(probe))) / 100
                    n = max(1, round(target / per_item))
                else:
                    n = target
                path = pathlib.Path(work, f"{n}.pem")
                path.write_text(make(n))
                found = findings_of(args.cryptcheck, str(path))
                row = []
                for fmt in ("text", "json"):
                    times = [run([args.cryptcheck, "scan", str(path), "--format", fmt, "--max-size", "256",
                                  "--as-of", "2026-11-30", "--color", "never"])[0] for _ in range(args.runs)]
                    median = statistics.median(times)
                    growth = f" (x{median / previous[fmt]:.1f})" if fmt in previous else ""
                    previous[fmt] = median
                    row.append(f"{fmt} {median:.3f} s{growth}")
                print(f"  {found:>7} findings ({n} items, {path.stat().st_size / 1e6:.1f} MB): " + ", ".join(row))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Time the active attack checks add to a full scan of a modern server.

Starts `openssl s_server` (TLS 1.2 and 1.3, RSA 2048, -www so that a renegotiation can be asked
for) on a free loopback port, scans it `--runs` times with the active checks and `--runs` times
with `--no-active`, and prints the median wall time of each and the median time of the attacks
probe family (between its `started` and `done` lines under `-v`). No test asserts on time.

    python3 Scripts/bench/bench_attacks.py .build/release/cryptcheck --runs 9
"""

import argparse
import os
import socket
import statistics
import subprocess
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CERT = os.path.join(ROOT, "Fixtures/files/certs/rsa2048-sha256.pem")
KEY = os.path.join(ROOT, "Fixtures/files/keys/rsa2048-pkcs1.pem")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def scan(binary, port, extra):
    start = time.monotonic()
    marks = {}
    process = subprocess.Popen(
        [binary, "tls", f"127.0.0.1:{port}", "-v"] + extra, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    for line in process.stderr:
        if "attacks started" in line:
            marks["started"] = time.monotonic()
        if "attacks done" in line:
            marks["done"] = time.monotonic()
    process.wait()
    family = marks["done"] - marks["started"] if "done" in marks else 0.0
    return time.monotonic() - start, family


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("--runs", type=int, default=9)
    arguments = parser.parse_args()
    port = free_port()
    server = subprocess.Popen(
        ["openssl", "s_server", "-accept", f"127.0.0.1:{port}", "-quiet", "-www", "-naccept", "100000",
         "-cert", CERT, "-key", KEY, "-no_ssl3", "-no_tls1", "-no_tls1_1"],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        time.sleep(1)
        for label, extra in (("default", []), ("--no-active", ["--no-active"])):
            results = [scan(arguments.binary, port, extra) for _ in range(arguments.runs)]
            totals = [total for total, _ in results]
            families = [family for _, family in results]
            print(
                f"{label}: scan median {statistics.median(totals):.3f} s (min {min(totals):.3f}, max {max(totals):.3f}); "
                f"attacks family median {statistics.median(families):.3f} s"
            )
    finally:
        server.kill()
        server.wait()


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Time the active attack checks add to a full scan of a modern server.

Scans `openssl s_server` (TLS 1.2 and 1.3, RSA 2048, -www so that a renegotiation can be asked
for) `--runs` times with the active checks and `--runs` times with `--no-active`, alternately,
and prints the median wall time of each and the median time of the attack checks (from the
first `attacks started` to the last `attacks done` under `-v`: client-initiated renegotiation
is a family of its own, run last). Each scan meets a fresh server on a free loopback port:
s_server serves one connection at a time and pauses a second after refusing a renegotiation,
which would otherwise fall on the next run. No test asserts on time.

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
            marks.setdefault("started", time.monotonic())
        if "attacks done" in line:
            marks["done"] = time.monotonic()
    process.wait()
    family = marks["done"] - marks["started"] if "done" in marks else 0.0
    return time.monotonic() - start, family


def serve():
    """A fresh s_server on a free port, listening."""
    port = free_port()
    server = subprocess.Popen(
        ["openssl", "s_server", "-accept", f"127.0.0.1:{port}", "-quiet", "-www", "-naccept", "100000",
         "-cert", CERT, "-key", KEY, "-no_ssl3", "-no_tls1", "-no_tls1_1"],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return server, port
        time.sleep(0.05)
    server.kill()
    raise SystemExit("bench-attacks: s_server did not listen")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("--runs", type=int, default=9)
    arguments = parser.parse_args()
    labels = (("default", []), ("--no-active", ["--no-active"]))
    results = {label: [] for label, _ in labels}
    for _ in range(arguments.runs):
        for label, extra in labels:
            server, port = serve()
            try:
                results[label].append(scan(arguments.binary, port, extra))
            finally:
                server.kill()
                server.wait()
    for label, _ in labels:
        totals = [total for total, _ in results[label]]
        families = [family for _, family in results[label]]
        print(
            f"{label}: scan median {statistics.median(totals):.3f} s (min {min(totals):.3f}, max {max(totals):.3f}); "
            f"attack checks median {statistics.median(families):.3f} s"
        )


if __name__ == "__main__":
    main()

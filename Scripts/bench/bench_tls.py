#!/usr/bin/env python3
"""`make bench-tls`: start local TLS servers on 127.0.0.1 and time cryptcheck, sslscan and
testssl.sh scanning each of them in the same run; print medians, ratios and how many
(version, suite) pairs each tool reported.

usage: bench_tls.py CRYPTCHECK [--runs N] [--before OLD_CRYPTCHECK] [--no-peers]

--before times an older cryptcheck too, by turns with CRYPTCHECK (so a busy machine slows both
alike), for before/after figures; --no-peers leaves out sslscan and testssl.sh.
"""
import argparse
import json
import os
import pathlib
import re
import socket
import statistics
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parents[2]
FIX = ROOT / "Fixtures" / "files"
CERT, KEY = str(FIX / "certs/rsa2048-sha256.pem"), str(FIX / "keys/rsa2048-pkcs1.pem")

SERVERS = {
    "openssl TLS 1.2+1.3, server preference": ["openssl", "s_server", "-accept", "127.0.0.1:{port}", "-quiet",
        "-naccept", "100000", "-cert", CERT, "-key", KEY, "-serverpref",
        "-cipher", "ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384:DHE-RSA-AES128-GCM-SHA256:AES128-SHA"],
    "gnutls TLS 1.0+1.2 with 3DES and RC4": ["gnutls-serv", "--port", "{port}", "--echo", "--x509certfile", CERT,
        "--x509keyfile", KEY, "--priority",
        "NONE:+VERS-TLS1.2:+VERS-TLS1.0:+RSA:+ECDHE-RSA:+3DES-CBC:+ARCFOUR-128:+AES-128-CBC:+AES-128-GCM:+SHA1:+AEAD:+COMP-NULL:+SIGN-ALL:+GROUP-ALL"],
}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_listening(port):
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    sys.exit(f"bench: server on {port} did not start")


def timed(command):
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    return time.perf_counter() - start, result.stdout


def count_cryptcheck(output):
    findings = json.loads(output)["findings"]
    return sum(1 for f in findings if f["component"] == "cipher-suite" and f["verdict"] != "indeterminate")


def count_sslscan(output):
    return len(re.findall(r"^(?:Preferred|Accepted)\s", output, re.M))


def count_testssl(output):
    # --cipher-per-proto lists one line per accepted cipher: " xc02f   ECDHE-RSA-AES128-GCM-SHA256 ..."
    return len(re.findall(r"^\s*x[0-9a-f]{2,6}\s", output, re.M))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("cryptcheck")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--before")
    parser.add_argument("--no-peers", action="store_true")
    args = parser.parse_args()
    for name, template in SERVERS.items():
        port = free_port()
        server = subprocess.Popen([part.replace("{port}", str(port)) for part in template],
                                  stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            wait_listening(port)
            target = f"127.0.0.1:{port}"
            ours = {"cryptcheck": ([args.cryptcheck, target, "--format", "json"], count_cryptcheck)}
            if args.before:
                ours["before"] = ([args.before, target, "--format", "json"], count_cryptcheck)
            peers = {} if args.no_peers else {
                "sslscan": (["sslscan", "--no-colour", target], count_sslscan),
                "testssl.sh": (["testssl", "--quiet", "--color", "0", "--warnings", "off", "--cipher-per-proto", target],
                               count_testssl),
            }
            print(f"\nserver: {name}")
            runs = {tool: [] for tool in list(ours) + list(peers)}
            for _ in range(args.runs):  # cryptcheck and its older self by turns
                for tool, (command, _) in ours.items():
                    runs[tool].append(timed(command))
            for tool, (command, _) in peers.items():
                runs[tool] = [timed(command) for _ in range(args.runs)]
            times = {}
            for tool, (_, counter) in {**ours, **peers}.items():
                times[tool] = statistics.median(t for t, _ in runs[tool])
                print(f"  {tool:11s} median {times[tool]:7.2f} s   (version, suite) pairs reported: {counter(runs[tool][-1][1])}")
            for peer in peers:
                print(f"  cryptcheck is {times[peer] / times['cryptcheck']:.1f}x faster than {peer}")
            if args.before:
                print(f"  cryptcheck takes {times['cryptcheck'] / times['before']:.2f}x the time of the older binary")
        finally:
            server.kill()
            server.wait()


if __name__ == "__main__":
    main()

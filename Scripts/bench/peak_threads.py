#!/usr/bin/env python3
"""The most OS threads a command had at once (sampled from /proc every millisecond), with its
wall time: the figure issue 13 asks for (a 3-endpoint TLS scan, a 20,000-file scan).

usage: peak_threads.py [--runs N] -- COMMAND...
Prints one line per run and the largest peak. Linux only (reads /proc/PID/status).
"""
import argparse
import subprocess
import sys
import time


def threads(pid):
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("Threads:"):
                    return int(line.split()[1])
    except (FileNotFoundError, ProcessLookupError):
        return None
    return None


def run(command):
    start = time.monotonic()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0
    while process.poll() is None:
        count = threads(process.pid)
        if count is not None:
            peak = max(peak, count)
        time.sleep(0.001)
    return peak, time.monotonic() - start, process.returncode


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("no command")
    peaks = []
    for index in range(args.runs):
        peak, seconds, status = run(command)
        peaks.append(peak)
        print(f"run {index + 1}: peak {peak} threads, {seconds:.2f} s, exit {status}", flush=True)
    print(f"largest peak: {max(peaks)} threads")


if __name__ == "__main__":
    sys.exit(main())

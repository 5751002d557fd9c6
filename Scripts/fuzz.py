#!/usr/bin/env python3
"""Runs the libFuzzer targets built by `make fuzz-build`, one after the other, and prints per
target the executions, executions per second, coverage and crashes.

Each target reads the committed seeds (Fuzz/corpus/<Target>, never written) and its dictionary
(Fuzz/dict/<Target>.dict) if it has one, and grows a working
corpus in .build-fuzz/corpus/<Target> that later runs start from. A crash, a hang (one input
running past --timeout seconds) or an out-of-memory input is written by libFuzzer to
Fuzz/crashes/<Target>/ (crash-*, timeout-*, oom-*); the target is started again for the time
left, and the script exits 1 at the end. A timeout is confirmed by running the input alone: one
that then finishes in time was the machine stalling the fuzzer, and is kept as stall-* instead. Reproduce one with `.build-fuzz/release/<Target> FILE`.

Usage: Scripts/fuzz.py [--seconds N] [--timeout N] [--targets A,B] [--bin DIR]
"""

import argparse
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGETS = ["FuzzDER", "FuzzFiles", "FuzzPKCS12", "FuzzKeyStore", "FuzzSSH", "FuzzTLS", "FuzzLists", "FuzzObservations", "FuzzPDF"]
RESTARTS = 5
STATUS_LINE = re.compile(r"^#(\d+)\s+\w+\s+cov: (\d+) ft: (\d+)")


def run(target: str, seconds: int, timeout: int, binaries: Path) -> dict:
    """Fuzzes `target` for `seconds`. After a crash or hang libFuzzer stops; the target is then
    started again for the time left (at most `RESTARTS` times), from the working corpus, so one
    finding does not end the target's run and several can be found in one run."""
    crashes = ROOT / "Fuzz" / "crashes" / target
    crashes.mkdir(parents=True, exist_ok=True)
    working = ROOT / ".build-fuzz" / "corpus" / target
    working.mkdir(parents=True, exist_ok=True)
    seeds = ROOT / "Fuzz" / "corpus" / target
    before = set(crashes.iterdir())
    dictionary = ROOT / "Fuzz" / "dict" / f"{target}.dict"
    log_path = ROOT / ".build-fuzz" / f"{target}.log"
    total = {"executions": 0, "cov": 0, "ft": 0, "statuses": []}
    started = time.monotonic()
    with open(log_path, "w") as log:
        for attempt in range(RESTARTS + 1):
            left = int(seconds - (time.monotonic() - started))
            if attempt > 0 and left < 5:
                break
            command = [str(binaries / target), f"-max_total_time={max(left, 1)}", f"-timeout={timeout}",
                       "-rss_limit_mb=2048", f"-artifact_prefix={crashes}/", "-print_final_stats=1"]
            command += [f"-dict={dictionary}"] if dictionary.exists() else []
            command += [str(working), str(seeds)]
            log.write(f"==== {' '.join(command)}\n")
            log.flush()
            offset = log.tell()
            status = subprocess.run(command, stdout=log, stderr=subprocess.STDOUT, cwd=ROOT).returncode
            total["statuses"].append(status)
            log.flush()
            executions = 0
            for line in log_path.read_text(errors="replace")[offset:].splitlines():
                match = STATUS_LINE.match(line)
                if match:
                    executions, total["cov"], total["ft"] = (int(g) for g in match.groups())
                if line.startswith("stat::number_of_executed_units:"):
                    executions = int(line.split(":")[-1])
            total["executions"] += executions
            if status == 0:
                break
    new = sorted(set(crashes.iterdir()) - before)
    # libFuzzer also writes slow-unit-* for an input that took long by the wall clock (-report_slow_units,
    # 10 s): on a loaded machine that is the machine, not the input; a real hang is a timeout-*.
    slow = [path for path in new if path.name.startswith("slow-unit-")]
    found = []
    for path in new:
        if path.name.startswith("timeout-") and not hangs_alone(binaries / target, path, timeout):
            # libFuzzer's alarm is wall-clock: a process starved or stalled by the rest of the machine
            # "times out" on an input that runs in milliseconds alone. Kept, renamed, not a failure.
            stalled = path.with_name("stall-" + path.name[len("timeout-"):])
            path.rename(stalled)
            slow.append(stalled)
        elif not path.name.startswith("slow-unit-"):
            found.append(path)
    return {"target": target, "status": max(total["statuses"], key=abs), "executions": total["executions"],
            "seconds": time.monotonic() - started, "cov": total["cov"], "ft": total["ft"], "runs": len(total["statuses"]),
            "found": found, "slow": slow, "log": log_path, "corpus": len(list(working.iterdir()))}


def hangs_alone(binary: Path, unit: Path, timeout: int) -> bool:
    """Whether `unit` still runs past `timeout` seconds when run alone (libFuzzer's single-input mode)."""
    try:
        result = subprocess.run([str(binary), f"-timeout={timeout}", str(unit)], capture_output=True, timeout=timeout * 3)
    except subprocess.TimeoutExpired:
        return True
    return result.returncode != 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=int(os.environ.get("FUZZ_SECONDS", "60")))
    parser.add_argument("--timeout", type=int, default=int(os.environ.get("FUZZ_TIMEOUT", "20")))
    parser.add_argument("--targets", default=os.environ.get("FUZZ_TARGETS", ",".join(TARGETS)))
    parser.add_argument("--bin", type=Path, default=ROOT / ".build-fuzz" / "release")
    args = parser.parse_args()
    targets = [t for t in args.targets.split(",") if t]
    unknown = [t for t in targets if t not in TARGETS]
    if unknown:
        sys.exit(f"unknown fuzz target(s): {', '.join(unknown)} (known: {', '.join(TARGETS)})")

    failed = []
    print(f"fuzzing {len(targets)} target(s), {args.seconds} s each, {args.timeout} s per input at most", flush=True)
    for target in targets:
        result = run(target, args.seconds, args.timeout, args.bin)
        rate = result["executions"] / result["seconds"] if result["seconds"] else 0
        line = (f"{target}: {result['executions']} executions in {result['seconds']:.0f} s ({rate:.0f}/s), "
                f"cov {result['cov']} ft {result['ft']}, corpus {result['corpus']}")
        if result["found"] or result["status"] != 0:
            failed.append(target)
            line += f", FAILED (exit {result['status']}, {result['runs']} run(s); log {result['log'].relative_to(ROOT)})"
            for path in result["found"]:
                line += f"\n    reproducer: {path.relative_to(ROOT)}"
        else:
            line += ", no crash"
        if result["slow"]:
            line += (f" ({len(result['slow'])} slow-unit or stall file(s): slow only while the machine was loaded,"
                     " fast when run alone; not failures)")
        print(line, flush=True)
    if failed:
        print(f"fuzz: crashes or hangs in {', '.join(failed)}")
        sys.exit(1)
    print("fuzz: no crash")


if __name__ == "__main__":
    main()

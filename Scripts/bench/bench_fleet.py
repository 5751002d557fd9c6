#!/usr/bin/env python3
"""`make bench-fleet`: a fleet of TLS endpoints on loopback, scanned end to end.

Starts real servers spread over 127.0.1.x addresses (per-host connection limits key by
address): one nginx listening on most of the endpoints in four configurations, and a number of
`openssl s_server` and `gnutls-serv` processes for the rest. Then times one `cryptcheck -f
targets` run over all of them, checks that every endpoint completed its handshakes (a fleet
figure that counts failed endpoints would be worthless), and prints the time, the endpoints per
second and the peak memory; the same at a quarter of the fleet shows whether memory stays flat.

With --workers N, the same fleet goes through the shared queue instead: a PostgreSQL of its own
(initdb as the unprivileged daemon user into the temporary directory, loopback, a free port),
`cryptcheck queue add` of every target, N `cryptcheck worker --until-empty` processes at once;
prints the wall time, endpoints per second and each worker's peak memory, and checks that every
target ended `done` once with one stored scan that shook hands. Each worker scans
--worker-concurrency targets at once, by default the single process's 32 endpoints in flight
(cryptcheck's default --max-connections) shared among the workers, so that both runs hold the
same number of endpoints in flight.

usage: bench_fleet.py CRYPTCHECK [--endpoints N] [--runs N] [--max-connections N] [--no-active]
                      [--workers N [--worker-concurrency N] [--pg-bin DIR]]
                      (the same fleet through N workers on PostgreSQL)
"""
import argparse
import json
import os
import pathlib
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time

NGINX_PROFILES = {
    # name: (certificate kind, nginx ssl_protocols, ssl_ciphers)
    "modern": ("ec", "TLSv1.3", "ECDHE+AESGCM"),
    "intermediate": ("ec", "TLSv1.2 TLSv1.3", "ECDHE+AESGCM:ECDHE+CHACHA20"),
    "rsa-cbc": ("rsa", "TLSv1.2", "ECDHE+AESGCM:ECDHE+AES:AES128-SHA:AES256-SHA"),
    "legacy": ("rsa", "TLSv1 TLSv1.1 TLSv1.2", "ALL:@SECLEVEL=0"),
}


def run(command, **kwargs):
    return subprocess.run(command, check=True, capture_output=True, text=True, **kwargs)


def make_certificates(directory):
    """An ECDSA P-256 and an RSA-2048 self-signed certificate, made for this run."""
    paths = {}
    for kind, algorithm in (("ec", ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"]),
                            ("rsa", ["-newkey", "rsa:2048"])):
        cert, key = directory / f"{kind}.pem", directory / f"{kind}.key"
        run(["openssl", "req", "-x509", *algorithm, "-nodes", "-keyout", str(key), "-out", str(cert),
             "-days", "30", "-subj", f"/CN=fleet-{kind}.test", "-addext", f"subjectAltName=DNS:fleet-{kind}.test"])
        paths[kind] = (str(cert), str(key))
    return paths


def free_port_block(count, address="127.0.1.1"):
    """A port that is free on `address` together with the `count` - 1 after it."""
    for _ in range(200):
        with socket.socket() as probe:
            probe.bind((address, 0))
            base = probe.getsockname()[1]
        if base + count >= 65000:
            continue
        try:
            for port in range(base, base + count):
                with socket.socket() as check:
                    check.bind((address, port))
            return base
        except OSError:
            continue
    sys.exit("bench-fleet: no block of free ports")


class Fleet:
    """The servers of the bench and the endpoints they serve, `(address, port, kind)`."""

    def __init__(self, size, directory):
        self.directory = directory
        self.processes = []
        self.endpoints = []
        certs = make_certificates(directory)
        # 80% on nginx (four profiles), 10% openssl s_server, 10% gnutls-serv; four ports an address.
        single = max(2, size // 10)
        on_nginx = size - 2 * single
        ports_per_address = 4
        base = free_port_block(ports_per_address)
        server_blocks = []
        for index in range(on_nginx):
            address = f"127.0.1.{index // ports_per_address + 1}"
            port = base + index % ports_per_address
            profile = list(NGINX_PROFILES)[index % len(NGINX_PROFILES)]
            kind, protocols, ciphers = NGINX_PROFILES[profile]
            cert, key = certs[kind]
            server_blocks.append(f"""
    server {{
        listen {address}:{port} ssl;
        ssl_certificate {cert};
        ssl_certificate_key {key};
        ssl_protocols {protocols};
        ssl_ciphers {ciphers};
        ssl_prefer_server_ciphers on;
        return 200 "fleet\\n";
    }}""")
            self.endpoints.append((address, port, f"nginx {profile}"))
        conf = directory / "nginx.conf"
        conf.write_text(f"""
daemon off;
master_process on;
worker_processes 2;
pid {directory}/nginx.pid;
error_log {directory}/nginx-error.log warn;
events {{ worker_connections 4096; }}
http {{
    access_log off;
    client_body_temp_path {directory}/body;
    proxy_temp_path {directory}/proxy;
    fastcgi_temp_path {directory}/fastcgi;
    uwsgi_temp_path {directory}/uwsgi;
    scgi_temp_path {directory}/scgi;
{''.join(server_blocks)}
}}
""")
        self.start(["nginx", "-c", str(conf), "-p", str(directory)])
        next_address = on_nginx // ports_per_address + 2
        for index in range(single):
            address = f"127.0.1.{next_address + index // ports_per_address}"
            port = base + index % ports_per_address
            cert, key = certs["rsa" if index % 2 else "ec"]
            self.start(["openssl", "s_server", "-accept", f"{address}:{port}", "-quiet", "-naccept", "1000000",
                        "-cert", cert, "-key", key, "-serverpref"])
            self.endpoints.append((address, port, "openssl s_server"))
        next_address += single // ports_per_address + 1
        for index in range(single):
            address = f"127.0.1.{next_address + index // ports_per_address}"
            cert, key = certs["rsa" if index % 2 else "ec"]
            # gnutls-serv listens on every address: one port per server, so each takes its own.
            port = free_port_block(1, address)
            self.start(["gnutls-serv", "--port", str(port), "--echo", "--x509certfile", cert, "--x509keyfile", key,
                        "--priority", "NORMAL:+VERS-TLS1.0:+VERS-TLS1.1:+3DES-CBC:+SHA1"])
            self.endpoints.append((address, port, "gnutls-serv"))
        for address, port, _ in self.endpoints:
            wait_listening(address, port)

    def start(self, command):
        log = open(self.directory / f"server-{len(self.processes)}.log", "w")
        self.processes.append(subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                                               start_new_session=True))

    def stop(self):
        for process in self.processes:
            try:
                os.killpg(process.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        for process in self.processes:
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)

    def targets_file(self, count, path):
        lines = [f"fleet-{i}.test:{port}{{{address}}}" for i, (address, port, _) in enumerate(self.endpoints[:count])]
        path.write_text("# bench-fleet targets\n" + "\n".join(lines) + "\n")
        return path


def wait_listening(address, port):
    for _ in range(200):
        try:
            socket.create_connection((address, port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    sys.exit(f"bench-fleet: server on {address}:{port} did not start")


def timed_scan(cryptcheck, targets, out, extra):
    """One `cryptcheck -f targets` run: seconds, peak RSS in MB, CPU seconds, and the report."""
    command = ["/usr/bin/time", "-f", "%e %M %U %S", cryptcheck, "-f", str(targets), "--format", "json", "-o", str(out),
               "--quiet", *extra]
    # glibc writes its own fatal messages (heap corruption) to the terminal unless told otherwise.
    environment = dict(os.environ, LIBC_FATAL_STDERR_="1")
    result = subprocess.run(command, capture_output=True, text=True, stdin=subprocess.DEVNULL, env=environment)
    if result.returncode not in (0, 1):
        sys.exit(f"bench-fleet: cryptcheck exited {result.returncode}: {result.stderr[-20000:]}")
    seconds, rss, user, system = result.stderr.strip().splitlines()[-1].split()
    return float(seconds), int(rss) / 1024, float(user) + float(system), json.loads(out.read_text())


def check_complete(document, expected):
    """Every endpoint reported, each with at least one version accepted (it shook hands)."""
    endpoints = document["evidence"]["endpoints"]
    problems = [e["endpoint"] for e in endpoints if not any(v.get("status") == "yes" for v in e.get("versions", []))]
    if len(endpoints) != expected or problems:
        sys.exit(f"bench-fleet: {len(endpoints)} of {expected} endpoints reported; without a handshake: {problems[:10]}")
    return sum(len(s.get("suites", [])) for e in endpoints for s in e.get("suites", []))


class Postgres:
    """A PostgreSQL of the bench's own: initdb as DAEMON_USER (initdb and postgres refuse root)."""

    DAEMON_USER = "cryptcheck-daemon"

    def __init__(self, bin_directory, directory):
        self.bin = pathlib.Path(bin_directory)
        # mkdtemp's directory is root's alone: the daemon user must pass through it to its own.
        os.chmod(directory, 0o711)
        self.directory = directory / "pg"
        self.directory.mkdir()
        self.password = os.urandom(9).hex()
        (self.directory / "pw").write_text(self.password)
        run(["chown", "-R", f"{self.DAEMON_USER}:{self.DAEMON_USER}", str(self.directory)])
        data = self.directory / "data"
        run(self.as_daemon(self.bin / "initdb", "-D", data, "-U", "cryptcheck", "--auth=scram-sha-256",
                           f"--pwfile={self.directory / 'pw'}", "--no-sync"))
        self.port = free_port_block(1, "127.0.0.1")
        log = open(self.directory / "postgres.log", "w")
        self.process = subprocess.Popen(
            self.as_daemon(self.bin / "postgres", "-D", data, "-h", "127.0.0.1", "-p", self.port, "-k", self.directory,
                           "-c", "max_connections=100"),
            stdin=subprocess.DEVNULL, stdout=log, stderr=log, start_new_session=True)
        wait_listening("127.0.0.1", self.port)
        self.url = f"postgresql://cryptcheck@127.0.0.1:{self.port}/postgres"
        self.environment = dict(os.environ, PGPASSWORD=self.password, LIBC_FATAL_STDERR_="1")

    def as_daemon(self, *command):
        return ["setpriv", f"--reuid={self.DAEMON_USER}", f"--regid={self.DAEMON_USER}", "--init-groups", "--",
                *map(str, command)]

    def sql(self, statement):
        return run([str(self.bin / "psql"), "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p",
                    str(self.port), "-U", "cryptcheck", "-d", "postgres", "-c", statement], env=self.environment).stdout

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def fleet_through_workers(cryptcheck, fleet, workers, concurrency, pg_bin, directory, extra):
    """`queue add` of the whole fleet, `workers` workers until the queue is empty; the figures."""
    postgres = Postgres(pg_bin, directory)
    try:
        targets = fleet.targets_file(len(fleet.endpoints), directory / "targets-queue.txt")
        added = subprocess.run([cryptcheck, "queue", "add", "-f", str(targets), "--store", postgres.url],
                               capture_output=True, text=True, env=postgres.environment)
        if added.returncode != 0:
            sys.exit(f"bench-fleet: queue add exited {added.returncode}: {added.stderr}")
        started = time.monotonic()
        processes = []
        for index in range(workers):
            log = directory / f"worker-{index}.log"
            processes.append((log, subprocess.Popen(
                ["/usr/bin/time", "-f", "%e %M %U %S", cryptcheck, "worker", "--store", postgres.url, "--until-empty",
                 "--name", f"bench-{index}", "--poll", "0.5", "--concurrency", str(concurrency), *extra],
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=open(log, "w"), env=postgres.environment)))
        figures = []
        for log, process in processes:
            process.wait()
            text = log.read_text()
            if process.returncode != 0:
                sys.exit(f"bench-fleet: worker exited {process.returncode}: {text[-20000:]}")
            seconds, rss, user, system = text.strip().splitlines()[-1].split()
            figures.append((int(rss) / 1024, float(user) + float(system), text.strip().splitlines()[-2]))
        wall = time.monotonic() - started
        count = len(fleet.endpoints)
        check = postgres.sql(
            "SELECT count(*) FILTER (WHERE state = 'done'), count(DISTINCT target), count(*),"
            " (SELECT count(*) FROM scan), count(DISTINCT \"scanId\") FROM queue").strip()
        if check != f"{count}|{count}|{count}|{count}|{count}":
            sys.exit(f"bench-fleet: queue done|targets|rows|scans|distinct scans = {check}, expected {count} each")
        observations = postgres.sql("SELECT convert_from(observations, 'UTF8')::jsonb::text FROM scan").splitlines()
        silent = [json.loads(line)["endpoints"][0]["endpoint"] for line in observations
                  if not any(v.get("status") == "yes" for v in json.loads(line)["endpoints"][0].get("versions", []))]
        if len(observations) != count or silent:
            sys.exit(f"bench-fleet: {len(observations)} stored scans; without a handshake: {silent[:10]}")
        print(f"{count:4d} endpoints through {workers} workers on PostgreSQL, {concurrency} targets at once each: "
              f"{wall:.2f} s ({count / wall:.0f} endpoints/s); "
              + "; ".join(f"worker {i}: peak RSS {rss:.0f} MB, CPU {cpu:.2f} s ({summary.removeprefix('cryptcheck: ')})"
                          for i, (rss, cpu, summary) in enumerate(figures)))
    finally:
        postgres.stop()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("cryptcheck")
    parser.add_argument("--endpoints", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--max-connections", type=int)
    parser.add_argument("--keep", action="store_true", help="leave the servers' directory in place")
    parser.add_argument("--workers", type=int, help="scan the fleet through this many workers on PostgreSQL instead")
    parser.add_argument("--no-active", action="store_true",
                        help="pass --no-active: time the scan without the active attack checks")
    parser.add_argument("--worker-concurrency", type=int,
                        help="targets each worker scans at once (default: 32 endpoints in flight shared among the workers)")
    parser.add_argument("--pg-bin", default="/usr/lib/postgresql/15/bin", help="where initdb, postgres and psql are")
    arguments = parser.parse_args()
    cryptcheck = str(pathlib.Path(arguments.cryptcheck).resolve())
    extra = ["--max-connections", str(arguments.max_connections)] if arguments.max_connections else []
    extra += ["--no-active"] if arguments.no_active else []
    directory = pathlib.Path(tempfile.mkdtemp(prefix="bench-fleet-"))
    fleet = None
    try:
        fleet = Fleet(arguments.endpoints, directory)
        kinds = {}
        for _, _, kind in fleet.endpoints:
            kinds[kind] = kinds.get(kind, 0) + 1
        addresses = len({address for address, _, _ in fleet.endpoints})
        print(f"fleet: {len(fleet.endpoints)} endpoints on {addresses} addresses: "
              + ", ".join(f"{count} {kind}" for kind, count in sorted(kinds.items())))
        if arguments.workers:
            concurrency = arguments.worker_concurrency or -(-32 // arguments.workers)
            fleet_through_workers(cryptcheck, fleet, arguments.workers, concurrency, arguments.pg_bin, directory, extra)
            return
        for count in (len(fleet.endpoints) // 4, len(fleet.endpoints)):
            targets = fleet.targets_file(count, directory / f"targets-{count}.txt")
            times, peaks, cpus = [], [], []
            for run_index in range(arguments.runs):
                seconds, rss, cpu, document = timed_scan(cryptcheck, targets, directory / f"scan-{count}.json", extra)
                suites = check_complete(document, count)
                times.append(seconds)
                peaks.append(rss)
                cpus.append(cpu)
            median = statistics.median(times)
            print(f"{count:4d} endpoints: median {median:.2f} s ({count / median:.0f} endpoints/s), "
                  f"runs {', '.join(f'{t:.2f}' for t in times)} s; cryptcheck CPU {statistics.median(cpus):.2f} s; "
                  f"peak RSS {max(peaks):.0f} MB; "
                  f"{suites} (version, suite) pairs accepted")
    finally:
        if fleet:
            fleet.stop()
        if arguments.keep:
            print(f"kept {directory}")
        else:
            shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    main()

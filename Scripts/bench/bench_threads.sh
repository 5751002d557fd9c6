#!/usr/bin/env bash
# Peak OS threads (peak_threads.py) of a 3-endpoint TLS scan against three openssl s_server on
# loopback, and of a scan of 20,000 files (make_tree.py). usage: bench_threads.sh BINARY
set -euo pipefail
binary=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$work/key.pem" -out "$work/cert.pem" -days 2 -subj /CN=localhost 2>/dev/null
ports=$(python3 -c 'import socket
for _ in range(3):
    s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
targets=()
for port in $ports; do
    openssl s_server -accept "127.0.0.1:$port" -cert "$work/cert.pem" -key "$work/key.pem" -quiet -www </dev/null >/dev/null 2>&1 &
    pids+=($!)
    targets+=("127.0.0.1:$port")
done
for port in $ports; do  # each server listening before the scan starts
    for _ in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
done
echo "3-endpoint TLS scan: ${targets[*]}"
python3 "$here/peak_threads.py" --runs 3 -- "$binary" "${targets[@]}"
python3 "$here/make_tree.py" 20000 "$work/tree" >/dev/null
echo "20,000-file scan:"
python3 "$here/peak_threads.py" --runs 3 -- "$binary" scan "$work/tree"

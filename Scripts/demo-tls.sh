#!/usr/bin/env bash
# Starts a local openssl s_server (127.0.0.1, a free port) configured like a typical legacy
# production server, scans it with cryptcheck, and stops it again, also on failure.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${1:-.build/debug/cryptcheck}
F=Fixtures/files
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
openssl s_server -accept "127.0.0.1:$PORT" -quiet -naccept 10000 -cert "$F/certs/rsa2048-sha256.pem" \
  -key "$F/keys/rsa2048-pkcs1.pem" -serverpref \
  -cipher 'ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-CHACHA20-POLY1305:AES128-SHA:AES256-SHA256:DHE-RSA-AES128-SHA' \
  -ciphersuites 'TLS_AES_128_GCM_SHA256:TLS_CHACHA20_POLY1305_SHA256' < /dev/null > /dev/null 2>&1 &
SERVER=$!
trap 'kill -9 $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && break; sleep 0.1; done
echo "scanning a local demo server on 127.0.0.1:$PORT"
"$BIN" "127.0.0.1:$PORT" --as-of 2026-11-30 || [ $? -le 2 ]

#!/usr/bin/env bash
# `make demo-report`: scans two local demo servers (openssl s_server like a legacy production
# server, gnutls-serv with 3DES and RC4) and the fixture files, then writes the procurement
# report in Japanese and English (HTML, and PDF printed by the tool through headless Chromium)
# and the machine formats into out/, and verifies every copy. Servers are stopped again, also on
# failure; only 127.0.0.1 is contacted.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${1:-.build/debug/cryptcheck}
OUT=${2:-out}
F=Fixtures/files
mkdir -p "$OUT"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
wait_for() { for _ in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.1; done; echo "server on port $1 did not start" >&2; exit 1; }
PIDS=()
trap 'for pid in "${PIDS[@]}"; do kill -9 "$pid" 2>/dev/null || true; done' EXIT

OPENSSL_PORT=$(free_port)
openssl s_server -accept "127.0.0.1:$OPENSSL_PORT" -quiet -naccept 10000 -cert "$F/certs/rsa2048-sha256.pem" \
  -key "$F/keys/rsa2048-pkcs1.pem" -serverpref \
  -cipher 'ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-CHACHA20-POLY1305:AES128-SHA:AES256-SHA256:DHE-RSA-AES128-SHA' \
  -ciphersuites 'TLS_AES_128_GCM_SHA256:TLS_CHACHA20_POLY1305_SHA256' < /dev/null > /dev/null 2>&1 &
PIDS+=($!)
GNUTLS_PORT=$(free_port)
gnutls-serv --port "$GNUTLS_PORT" --echo --x509certfile "$F/certs/rsa2048-sha256.pem" --x509keyfile "$F/keys/rsa2048-pkcs1.pem" \
  --priority 'NONE:+VERS-TLS1.2:+VERS-TLS1.0:+RSA:+3DES-CBC:+ARCFOUR-128:+AES-128-CBC:+SHA1:+COMP-NULL:+SIGN-ALL:+GROUP-ALL:%SERVER_PRECEDENCE' \
  < /dev/null > /dev/null 2>&1 &
PIDS+=($!)
wait_for "$OPENSSL_PORT"
wait_for "$GNUTLS_PORT"

echo "scanning 127.0.0.1:$OPENSSL_PORT and 127.0.0.1:$GNUTLS_PORT"
"$BIN" "127.0.0.1:$OPENSSL_PORT" "127.0.0.1:$GNUTLS_PORT" --save-observations "$OUT/tls-observations.json" > /dev/null || [ $? -le 2 ]
echo "scanning the fixture files"
"$BIN" scan "$F/certs" "$F/keys" "$F/pkcs12" "$F/ssh" --password changeit \
  --save-observations "$OUT/file-observations.json" > /dev/null 2>&1 || [ $? -le 2 ]
"$BIN" report "$OUT/tls-observations.json" "$OUT/file-observations.json" --output-dir "$OUT" \
  --system-name "${SYSTEM_NAME:-デモ業務システム (demo system)}" --reference "${REFERENCE:-DEMO-2026-001}" \
  --evaluator "${EVALUATOR:-cryptcheck demo}" --operation-end "${OPERATION_END:-2035}" || [ $? -le 2 ]
"$BIN" report verify "$OUT/report-ja.html" "$OUT/report-en.html" "$OUT/report.json" "$OUT/report-ja.pdf" "$OUT/report-en.pdf"

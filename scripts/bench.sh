#!/usr/bin/env bash
# Serves the release build from the reference backend (optimised build, fresh database, free
# port) and runs the benchmark against it. `make bench` builds first.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
var=$(mktemp -d "${TMPDIR:-/tmp}/vitrina-bench.XXXXXX")
"$root/target/server/vitrina-server" --port "$port" --db "$var/store.sqlite" --dist "$root/dist" --outbox "$var/outbox" \
  --test-hooks --no-auto-progress >"$var/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$var"' EXIT
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/api/health" >/dev/null && break; sleep 0.1; done
BENCH_URL="http://127.0.0.1:$port" node "$root/bench/bench.mjs"

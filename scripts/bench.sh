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
# Each area's wasm as shipped (wasm-bindgen, then wasm-opt with index.html's settings) but with
# its names kept, for the size breakdown by crate and by part of the app.
named="$var/sizes"
mkdir -p "$named"
params=$(sed -n 's/.*data-wasm-opt-params="\([^"]*\)".*/\1/p' "$root/index.html" | sed 's/--strip-debug/--debuginfo/')
for raw in "$root"/target/sizes/*.wasm; do
  [ -e "$raw" ] || continue
  area=$(basename "$raw" .wasm)
  wasm-bindgen --target web --out-dir "$var/bindgen" --out-name "$area" "$raw"
  # shellcheck disable=SC2086
  wasm-opt -Oz $params "$var/bindgen/${area}_bg.wasm" -o "$named/$area.wasm"
  node "$root/scripts/drop-exports.mjs" "$named/$area.wasm" >/dev/null
  # shellcheck disable=SC2086
  wasm-opt --remove-unused-module-elements --flatten --rereloop -Oz -Oz $params "$named/$area.wasm" -o "$named/$area.wasm"
done
BENCH_URL="http://127.0.0.1:$port" BENCH_SIZES="$named" node "$root/bench/bench.mjs"

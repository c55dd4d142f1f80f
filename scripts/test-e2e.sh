#!/usr/bin/env bash
# Runs the Playwright suite against the release build, served by the reference backend on fresh
# databases and free ports. Extra arguments go to `playwright test`.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

# Three free ports: one backend for the suites, one of its own for the fault-injection suite, and
# the second demo store.
read -r port faults_port sk_port < <(python3 -c '
import socket
socks = [socket.socket() for _ in range(3)]
for s in socks: s.bind(("127.0.0.1", 0))
print(*(s.getsockname()[1] for s in socks))')
var=$(mktemp -d "${TMPDIR:-/tmp}/vitrina-e2e.XXXXXX")
trap 'rm -rf "$var"' EXIT

export npm_config_loglevel=error
export VITRINA_PORT=$port VITRINA_FAULTS_PORT=$faults_port VITRINA_SK_PORT=$sk_port VITRINA_VAR=$var VITRINA_SERVER="$root/target/debug/vitrina-server"
cd "$root/e2e"
exec npx --no-install playwright test "$@"

#!/usr/bin/env bash
# Runs the Playwright suite against the release build, served by the reference backend on a
# fresh database and a free port. Extra arguments go to `playwright test`.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
var=$(mktemp -d "${TMPDIR:-/tmp}/vitrina-e2e.XXXXXX")
trap 'rm -rf "$var"' EXIT

export npm_config_loglevel=error
export VITRINA_PORT=$port VITRINA_VAR=$var VITRINA_SERVER="$root/target/debug/vitrina-server"
cd "$root/e2e"
exec npx --no-install playwright test "$@"

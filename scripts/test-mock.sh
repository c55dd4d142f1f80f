#!/usr/bin/env bash
# Runs the app (the release build in dist/, on a static host) against Prism's mock of openapi.json
# and walks every page. Extra arguments go to `playwright test`.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

read -r app_port api_port < <(python3 -c '
import socket
socks = [socket.socket() for _ in range(2)]
for s in socks: s.bind(("127.0.0.1", 0))
print(*(s.getsockname()[1] for s in socks))')

export npm_config_loglevel=error SCARF_ANALYTICS=false
export VITRINA_MOCK_APP_PORT=$app_port VITRINA_MOCK_API_PORT=$api_port
cd "$root/e2e"
exec npx --no-install playwright test --config mock.config.ts "$@"

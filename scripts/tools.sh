#!/usr/bin/env bash
# Installs what Vitrina's commands need, skipping whatever is already there (and saying nothing
# then). Every tool comes from crates.io, npm or Debian: nothing is downloaded from elsewhere.
#
#   scripts/tools.sh build   wasm target, trunk, wasm-bindgen CLI (= Cargo.lock), wasm-opt
#   scripts/tools.sh test    the above, plus Chromium + ChromeDriver, wasm-pack, the e2e npm packages
#   scripts/tools.sh bench   the build tools, Chromium, and the benchmark's npm packages
#   scripts/tools.sh hard    schemathesis (PyPI) in a virtualenv at .venv/, for `make test-hard`
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

TRUNK_VERSION=0.21.14        # 0.22 needs a newer rustc than this toolchain
BINARYEN_VERSION=132         # Debian's binaryen (108) builds a wasm that fails at start-up
WASM_PACK_VERSION=0.15.1
SCHEMATHESIS_VERSION=4.32.5  # contract fuzzing of the reference server (`make test-hard`)

say() { echo "tools: $*" >&2; }

# The wasm-bindgen CLI must match the library exactly; Cargo.lock says which.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock
}

ensure_wasm_target() {
  if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown >&2
  fi
}

# rustfmt and clippy come with rustup's default profile, not with its minimal one.
ensure_lint_tools() {
  for component in rustfmt clippy; do
    if ! rustup component list --installed 2>/dev/null | grep -q "^$component"; then
      say "adding the $component component"
      rustup component add "$component" >&2
    fi
  done
}

ensure_trunk() {
  if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
    say "installing trunk $TRUNK_VERSION (about 15 minutes on 2 cores, once)"
    cargo install --quiet --locked trunk --version "$TRUNK_VERSION" >&2
  fi
}

ensure_wasm_bindgen() {
  local version
  version=$(wasm_bindgen_version)
  if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $version" ] ||
     ! command -v wasm-bindgen-test-runner >/dev/null; then
    say "installing wasm-bindgen-cli $version (a few minutes, once)"
    # Not --locked: one of its locked dependencies is no longer on the registry.
    cargo install --quiet --force wasm-bindgen-cli --version "$version" >&2
  fi
}

ensure_wasm_opt() {
  if [ "$(.tools/node_modules/.bin/wasm-opt --version 2>/dev/null | awk '{print $3}')" != "$BINARYEN_VERSION" ]; then
    say "installing wasm-opt (npm binaryen@$BINARYEN_VERSION) into .tools/"
    mkdir -p .tools
    npm install --prefix .tools --no-audit --no-fund --silent "binaryen@$BINARYEN_VERSION" >&2
  fi
}

ensure_chromium() {
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    say "installing Debian's chromium and chromium-driver"
    local sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo"
    $sudo apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium chromium-driver >&2
  fi
}

ensure_wasm_pack() {
  if [ "$(wasm-pack --version 2>/dev/null)" != "wasm-pack $WASM_PACK_VERSION" ]; then
    say "installing wasm-pack $WASM_PACK_VERSION (a few minutes, once)"
    cargo install --quiet --locked wasm-pack --version "$WASM_PACK_VERSION" >&2
  fi
}

ensure_e2e_packages() {
  # The stamp is the lock file the packages were installed from.
  if ! cmp -s e2e/package-lock.json e2e/node_modules/.installed-from-lock 2>/dev/null; then
    say "installing the end-to-end suite's npm packages"
    (cd e2e && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --silent >&2)
    cp e2e/package-lock.json e2e/node_modules/.installed-from-lock
  fi
}

ensure_bench_packages() {
  if ! cmp -s bench/package-lock.json bench/node_modules/.installed-from-lock 2>/dev/null; then
    say "installing the benchmark's npm packages (Lighthouse, playwright-core, react)"
    (cd bench && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --silent >&2)
    cp bench/package-lock.json bench/node_modules/.installed-from-lock
  fi
}

ensure_schemathesis() {
  local python=.venv/bin/python
  if ! "$python" -c "import importlib.metadata as m, sys; sys.exit(m.version('schemathesis') != '$SCHEMATHESIS_VERSION')" 2>/dev/null; then
    say "installing schemathesis $SCHEMATHESIS_VERSION (PyPI) into .venv/"
    if ! python3 -m venv .venv >&2 2>/dev/null; then
      # Debian's python3 keeps venv in a separate package.
      local sudo=""
      [ "$(id -u)" = 0 ] || sudo="sudo"
      $sudo apt-get update -qq >&2
      DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq python3-venv >&2
      rm -rf .venv
      python3 -m venv .venv >&2
    fi
    .venv/bin/pip install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION" >&2
  fi
}

case "${1:-}" in
  lint)
    ensure_wasm_target; ensure_lint_tools ;;
  build)
    ensure_wasm_target; ensure_trunk; ensure_wasm_bindgen; ensure_wasm_opt ;;
  test)
    ensure_wasm_target; ensure_trunk; ensure_wasm_bindgen; ensure_wasm_opt
    ensure_chromium; ensure_wasm_pack; ensure_e2e_packages ;;
  bench)
    ensure_wasm_target; ensure_trunk; ensure_wasm_bindgen; ensure_wasm_opt
    ensure_chromium; ensure_bench_packages ;;
  hard)
    ensure_schemathesis ;;
  *)
    echo "usage: $0 lint|build|test|bench|hard" >&2; exit 2 ;;
esac

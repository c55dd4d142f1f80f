#!/usr/bin/env bash
# Installs what Vitrina's commands need, skipping whatever is already there (and saying nothing
# then). Every tool comes from crates.io, npm or Debian: nothing is downloaded from elsewhere.
#
#   scripts/tools.sh build   wasm target, trunk, wasm-bindgen CLI (= Cargo.lock), wasm-opt, the release
#                            toolchain (a pinned nightly with its sources: see RELEASE_TOOLCHAIN),
#                            if it can be had
#   scripts/tools.sh release-toolchain   prints the release toolchain's name if it is installed,
#                            nothing if the release build is to use stable
#   scripts/tools.sh test    the above, plus Chromium + ChromeDriver, wasm-pack, the e2e npm packages
#   scripts/tools.sh bench   the build tools, Chromium, and the benchmark's npm packages
#   scripts/tools.sh hard    schemathesis (PyPI) in a virtualenv at .venv/, for `make test-hard`
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

TRUNK_VERSION=0.21.14        # 0.22 needs a newer rustc than this toolchain
BINARYEN_VERSION=132         # Debian's binaryen (108) builds a wasm that fails at start-up
TERSER_VERSION=5.51.4        # minifies wasm-bindgen's JS loader (`scripts/build-app.sh`)
WASM_PACK_VERSION=0.15.1
SCHEMATHESIS_VERSION=4.32.5  # contract fuzzing of the reference server (`make test-hard`)
# The app's release build only (everything else, tests and lints included, uses stable): a
# pinned nightly, because rebuilding the standard library with `panic=immediate-abort` (no panic
# messages, locations or formatting in the wasm) is unstable. It takes about 10% off every
# area's download; `scripts/build-app.sh` says how it is used. Where it cannot be installed (no
# access to rustup's servers), the release build uses stable and says so: the app is the same,
# only larger. `VITRINA_RELEASE_TOOLCHAIN=stable` chooses that on purpose.
RELEASE_TOOLCHAIN=${VITRINA_RELEASE_TOOLCHAIN:-nightly-2026-05-19}
# Written when installing the release toolchain failed, so that later builds do not try again
# (and wait on the network) every time; delete it to try again.
RELEASE_TOOLCHAIN_FAILED=.tools/release-toolchain-failed

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
  if [ "$(.tools/node_modules/.bin/terser --version 2>/dev/null)" != "terser $TERSER_VERSION" ]; then
    say "installing terser $TERSER_VERSION (npm) into .tools/"
    mkdir -p .tools
    npm install --prefix .tools --no-audit --no-fund --silent "terser@$TERSER_VERSION" >&2
  fi
}

release_toolchain_installed() {
  rustup run "$RELEASE_TOOLCHAIN" rustc --version >/dev/null 2>&1 &&
    rustup component list --toolchain "$RELEASE_TOOLCHAIN" --installed 2>/dev/null | grep -q '^rust-src'
}

# Never fails: without the release toolchain the release build uses stable.
ensure_release_toolchain() {
  [ "$RELEASE_TOOLCHAIN" != stable ] || return 0
  release_toolchain_installed && return 0
  [ "$(cat "$RELEASE_TOOLCHAIN_FAILED" 2>/dev/null)" != "$RELEASE_TOOLCHAIN" ] || return 0
  say "installing the release toolchain $RELEASE_TOOLCHAIN with rust-src (once)"
  if ! rustup toolchain install "$RELEASE_TOOLCHAIN" --profile minimal --component rust-src >&2 ||
     ! release_toolchain_installed; then
    mkdir -p .tools
    echo "$RELEASE_TOOLCHAIN" > "$RELEASE_TOOLCHAIN_FAILED"
    say "could not install $RELEASE_TOOLCHAIN: release builds use stable (about 10% larger);" \
        "delete $RELEASE_TOOLCHAIN_FAILED to try again"
  fi
}

# The release build is offline (`--offline`, so it never waits on the registry's index): what it
# compiles is downloaded first, once per lock file — the app's crates, and the release
# toolchain's own standard library's (its `Cargo.lock`, which `build-std` compiles).
ensure_sources() {
  local stamp=.tools/sources-fetched
  local want
  want="$(cat Cargo.lock "$(release_std_lock)" 2>/dev/null | sha256sum | cut -c1-16) $RELEASE_TOOLCHAIN"
  [ "$(cat "$stamp" 2>/dev/null)" != "$want" ] || return 0
  say "downloading the crates the release build compiles (once)"
  cargo fetch --quiet >&2
  if [ "$RELEASE_TOOLCHAIN" != stable ] && release_toolchain_installed; then
    cargo "+$RELEASE_TOOLCHAIN" fetch --quiet --manifest-path "$(dirname "$(release_std_lock)")/Cargo.toml" >&2
  fi
  mkdir -p .tools
  echo "$want" > "$stamp"
}

# The standard library's lock file in the release toolchain's sources.
release_std_lock() {
  echo "$(rustup run "$RELEASE_TOOLCHAIN" rustc --print sysroot 2>/dev/null)/lib/rustlib/src/rust/library/Cargo.lock"
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
    ensure_wasm_target; ensure_trunk; ensure_wasm_bindgen; ensure_wasm_opt; ensure_release_toolchain; ensure_sources ;;
  release-toolchain)
    if [ "$RELEASE_TOOLCHAIN" != stable ] && release_toolchain_installed; then echo "$RELEASE_TOOLCHAIN"; fi ;;
  test)
    ensure_wasm_target; ensure_trunk; ensure_wasm_bindgen; ensure_wasm_opt; ensure_release_toolchain
    ensure_chromium; ensure_wasm_pack; ensure_e2e_packages ;;
  bench)
    ensure_wasm_target; ensure_trunk; ensure_wasm_bindgen; ensure_wasm_opt; ensure_release_toolchain
    ensure_chromium; ensure_bench_packages ;;
  hard)
    ensure_schemathesis ;;
  *)
    echo "usage: $0 lint|build|release-toolchain|test|bench|hard" >&2; exit 2 ;;
esac

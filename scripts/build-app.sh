#!/usr/bin/env bash
# Builds the app (release, offline) into dist/.
#
# By default one build per area of the route table (vitrina_core::routes, printed by
# `vitrina-server --areas`): shop (catalog, cart), checkout (its steps), orders, track, contact,
# seller (the editor), account (signing in), so a page downloads only its own area's code. Each
# area's page is its own HTML file (`index.html` is a copy of the first area's), and
# `dist/areas.json` says which page a host sends for which path (the reference server knows it
# already; `e2e/mock/static-server.mjs` reads it). `BUNDLES=one` builds a single app that serves
# every route from `index.html`, for hosts that can send only one file.
#
# The wasm is built with the pinned nightly of `scripts/tools.sh` (RELEASE_TOOLCHAIN), its
# standard library rebuilt with `panic=immediate-abort`: a panic traps at once, without a message,
# so no panic messages, source locations or their formatting are shipped (about 10% of the
# download); and with its `optimize_for_size` feature (the smaller sorts and formatting, about
# 2 KB brotli less per area). Where that toolchain could not be installed, the build uses stable (and says so):
# the same app, only larger. Each area's wasm as cargo wrote it (with names) is kept in
# `target/sizes/` for the size breakdown of `make bench`.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
staging="$root/target/trunk"
# Cargo's progress lines for each area say nothing new; errors and warnings still show.
export CARGO_TERM_QUIET=true
# For trunk's cargo only (the server below is built with the default toolchain).
toolchain=$("$root/scripts/tools.sh" release-toolchain)
# Also only on that nightly: `Debug` formatting compiled to nothing and no source locations kept
# for `#[track_caller]`. Nothing the app shows or keys on goes through `Debug` (the contact
# channel's `data-channel` and the `Intl` formatters' cache key are written out; the end-to-end
# tests, which run this build, read both).
NIGHTLY_SIZE_FLAGS="-Zfmt-debug=none -Zlocation-detail=none"
if [ -n "$toolchain" ]; then
  release_build() {
    RUSTUP_TOOLCHAIN=$toolchain \
    CARGO_UNSTABLE_BUILD_STD=std,panic_abort \
    CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size \
    RUSTFLAGS="--cfg erase_components -Zunstable-options -Cpanic=immediate-abort $NIGHTLY_SIZE_FLAGS" \
      trunk --quiet build --release --offline "$@"
  }
else
  echo "build-app: the release toolchain is not installed; building on stable (panics keep their messages, about 10% larger)" >&2
  release_build() {
    RUSTFLAGS="--cfg erase_components" trunk --quiet build --release --offline "$@"
  }
fi
# Names, in a built page, where its build's words are (`scripts/merge-locales.mjs` writes them), so
# the page asks for the shopper's words beside the app's code.
name_words() {
  sed -i "s|<script type=\"application/json\" id=\"vitrina-early\">|<script type=\"application/json\" data-words=\"$2\" id=\"vitrina-early\">|" "$1"
  grep -q "data-words=\"$2\"" "$1" || { echo "build-app: $1 has no place for its words" >&2; exit 1; }
}
# Lighter code on the wire, in a built page and its JS and wasm (the files its loader names): the
# wasm without the exports nothing uses (`scripts/drop-exports.mjs`: a dependency's stream
# adapters, about 3 KB raw) and their code, and the JS loader without their classes (0.3 KB
# brotli), then the whole wasm once more through wasm-opt, its control flow flattened and rebuilt
# before two more size passes (`--flatten --rereloop -Oz -Oz`: about 0.9 KB brotli less than
# trunk's `-Oz` alone, for 15 s per area; `--converge` would take 0.4 KB more for 25 s more);
# then its functions put in the order of their code (`scripts/order-functions.mjs`: alike
# beside alike, where brotli finds more to reuse; about 4 KB brotli, 2 s per area); then the names
# the wasm and the JS share made short (`scripts/short-names.mjs`: wasm-bindgen's
# hashed import names and type-long export names, shipped in both files, about 4.5 KB brotli),
# and the JS minified (terser: about 1.4 KB brotli of comments, names and spaces). The file names
# trunk gave stay: each is still made only from its build's sources.
slim() {
  local wasm js
  wasm=$(grep -o "/vitrina-app-[0-9a-f]*_bg\.wasm" "$1" | head -1)
  js=$(grep -o "/vitrina-app-[0-9a-f]*\.js" "$1" | head -1)
  [ -n "$wasm" ] && [ -n "$js" ] || { echo "build-app: $1 names no app code" >&2; exit 1; }
  local params
  params=$(sed -n 's/.*data-wasm-opt-params="\([^"]*\)".*/\1/p' index.html)
  node scripts/drop-exports.mjs "dist$wasm" "dist$js" >/dev/null
  # shellcheck disable=SC2086
  wasm-opt --remove-unused-module-elements --flatten --rereloop -Oz -Oz $params "dist$wasm" -o "dist$wasm"
  node scripts/order-functions.mjs "dist$wasm"
  # shellcheck disable=SC2086
  wasm-opt --reorder-functions-by-name $params "dist$wasm" -o "dist$wasm"
  node scripts/short-names.mjs "dist$wasm" "dist$js" >/dev/null
  terser "dist$js" --module --compress --mangle --output "dist$js"
  # The page itself: its comments, its inline stylesheet's spaces and its inline scripts
  # (`scripts/minify-page.mjs`; what a server rewrites in it stays as built), about 1.7 KB
  # brotli of every first load; then the stylesheet without the rules no element of the area
  # can match (`scripts/prune-css.mjs`, by the classes its wasm and the server write: 0.6-1.4 KB).
  node scripts/minify-page.mjs "$1"
  node scripts/prune-css.mjs "$1" "dist$wasm" >/dev/null
}
sizes="$root/target/sizes"
rm -rf "$sizes"
mkdir -p "$sizes"
rm -rf "$staging" dist
mkdir -p dist
if [ "${BUNDLES:-split}" = one ]; then
  release_build --dist "$staging/all"
  cp target/wasm32-unknown-unknown/release/vitrina-app.wasm "$sizes/all.wasm"
  cp -r "$staging/all/." dist/
  name_words dist/index.html /locales
  slim dist/index.html
else
  # The areas come from the route table, through the reference server (`make server`).
  cargo build --quiet --profile server -p vitrina-server
  target/server/vitrina-server --areas > dist/areas.json
  # "name html" per area, in the table's order, then "fallback html".
  mapfile -t areas < <(node -e '
    const table = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    for (const area of table.areas) console.log(`${area.name} ${area.html}`);
    console.log(`fallback ${table.fallback}`);' dist/areas.json)
  [ "${#areas[@]}" -gt 1 ] || { echo "build-app: no areas in dist/areas.json" >&2; exit 1; }
  first=""
  for line in "${areas[@]}"; do
    read -r area html <<< "$line"
    if [ "$area" = fallback ]; then
      cp "dist/$first" "dist/$html"
      continue
    fi
    release_build --no-default-features --features "bundle-$area" --dist "$staging/$area"
    cp target/wasm32-unknown-unknown/release/vitrina-app.wasm "$sizes/$area.wasm"
    cp -r "$staging/$area/." dist/
    mv dist/index.html "dist/$html"
    name_words "dist/$html" "/locales/$area"
    slim "dist/$html"
    first=${first:-$html}
  done
fi
node scripts/precompress.mjs dist

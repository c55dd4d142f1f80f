#!/usr/bin/env bash
# Builds the app (release, offline) into dist/.
#
# By default one build per area — shop (catalog, cart, checkout), orders, track, contact — so a
# page downloads only its own area's code; each area's page is `{area}.html` (`index.html` is the
# shop's) and the server sends the right one for each path. `BUNDLES=one` builds a single app
# that serves every route from `index.html`, for hosts that can send only one file.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
staging="$root/target/trunk"
# Cargo's progress lines for each area say nothing new; errors and warnings still show.
export CARGO_TERM_QUIET=true
rm -rf "$staging" dist
mkdir -p dist
if [ "${BUNDLES:-split}" = one ]; then
  trunk --quiet build --release --offline --dist "$staging/all"
  cp -r "$staging/all/." dist/
else
  for area in shop orders track contact; do
    trunk --quiet build --release --offline --no-default-features --features "bundle-$area" --dist "$staging/$area"
    cp -r "$staging/$area/." dist/
    mv dist/index.html "dist/$area.html"
  done
  cp dist/shop.html dist/index.html
fi
node scripts/precompress.mjs dist

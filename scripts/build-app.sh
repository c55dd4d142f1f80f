#!/usr/bin/env bash
# Builds the app (release, offline) into dist/.
#
# By default one build per area of the route table (vitrina_core::routes, printed by
# `vitrina-server --areas`): shop (catalog, cart, checkout), orders, track, contact, so a page
# downloads only its own area's code. Each area's page is its own HTML file (`index.html` is a
# copy of the first area's), and `dist/areas.json` says which page a host sends for which path
# (the reference server knows it already; `e2e/mock/static-server.mjs` reads it). `BUNDLES=one`
# builds a single app that serves every route from `index.html`, for hosts that can send only
# one file.
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
    trunk --quiet build --release --offline --no-default-features --features "bundle-$area" --dist "$staging/$area"
    cp -r "$staging/$area/." dist/
    mv dist/index.html "dist/$html"
    first=${first:-$html}
  done
fi
node scripts/precompress.mjs dist

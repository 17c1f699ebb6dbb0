#!/usr/bin/env bash
# Times the address-list import (`sakura plan import-addresses` without the database) on a
# generated city, in a release build: gazetteer build, parsing the list, and matching every line
# with building each school's catchment polygons (Voronoi cells of the buildings, GEOS).
# The city comes from tools/make_demo_city.py and the list, one section per school and language
# that claims exactly the houses of the school's generated catchment, from tools/make_address_lists.py.
#
# Environment (all optional):
#   SCHOOLS=150        schools in the generated city
#   ADDRESSES=40000    approximate number of address rows
#   SCRATCH=.build     swift build scratch path
set -euo pipefail
cd "$(dirname "$0")/.."

schools=${SCHOOLS:-150}
addresses=${ADDRESSES:-40000}
scratch=${SCRATCH:-.build}
for value in "$schools" "$addresses"; do
    [[ $value =~ ^[0-9]+$ ]] || { echo "bench-address-lists: invalid number '$value' in SCHOOLS or ADDRESSES" >&2; exit 2; }
done

work=$(mktemp -d /tmp/sakura-listbench.XXXXXX)
trap 'rm -rf "$work"' EXIT

echo "== bench-address-lists, $(date -u '+%Y-%m-%d %H:%M') UTC, $(nproc) cores, $(free -m | awk '/^Mem:/ { printf "%.1f GiB", $2 / 1024 }'), Linux $(uname -r)"
python3 tools/make_demo_city.py --schools "$schools" --addresses-target "$addresses" --no-teachers --out "$work/city" --id bench > /dev/null
python3 tools/make_address_lists.py --city "$work/city" --schools all --out "$work/list.txt"

swift build -c release --product sakura-bench --scratch-path "$scratch" > "$work/build.log" 2>&1 || { tail -30 "$work/build.log" >&2; exit 1; }
bench="$(swift build -c release --scratch-path "$scratch" --show-bin-path)/sakura-bench"
echo "== $bench address-lists CITY LIST"
"$bench" address-lists "$work/city" "$work/list.txt"

#!/usr/bin/env bash
# Runs the catchment-index benchmarks in a release build and prints the figures recorded in BENCHMARKS.md.
# Reads the Seattle file in place from ../shared/realdata (or $SAKURA_REALDATA); generates the 7,000-catchment
# city into a temporary folder with tools/make_demo_city.py.
set -euo pipefail
cd "$(dirname "$0")/.."
realdata=${SAKURA_REALDATA:-../shared/realdata}
points=${POINTS:-1000000}

swift build -c release --product sakura-bench
bench=.build/release/sakura-bench

echo "== machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -r), $(date -u +%Y-%m-%d)"
echo "== Seattle elementary attendance areas, $points points"
"$bench" seattle "$realdata/us_wa_seattle_sps_attendance_area_ES.geojson" --points "$points"

big=$(mktemp -d)
trap 'rm -rf "$big"' EXIT
# 5,270 schools give about 7,000 catchments: mixed-language schools have one per language.
python3 tools/make_demo_city.py --schools 5270 --out "$big" --id big > /dev/null
echo "== generated city, 5,270 schools (kk and ru catchments)"
"$bench" city "$big/catchments.geojson" --points "$points"

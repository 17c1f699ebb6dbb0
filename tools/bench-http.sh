#!/usr/bin/env bash
# Measures the HTTP throughput of `sakura serve` on loopback (127.0.0.1 only) and prints a summary.
#
#   1. GET /api/v1/cities/seattle/lookup at uniformly random points of Seattle's bounding box, with the
#      Seattle elementary attendance areas imported into a temporary database.
#      Targets: at least 0.75 of nginx's requests/s (below), and p99 latency below 5 ms.
#   2. nginx in the same run, serving one real lookup response as a static JSON file for the same lookup
#      URLs (2 workers, keep-alive, no access log). It is the reference for the ratio in 1.
#   3. The demo city's whole catchments layer with Accept-Encoding: gzip. Target: at least 10,000 requests/s.
#      A second run sends If-None-Match with the gzip variant's ETag and measures 304 responses.
#   4. Resident memory of each sakura process before load (VmRSS) and its peak after load (VmHWM).
#
# Every load run is `wrk -t$WRK_THREADS -c64 -d$DURATION --latency`. By default wrk shares the machine's cores
# with the server; with PIN_CORES=1 the servers run on CPU 0 and wrk on CPU 1 (taskset), as if the load
# came from another machine, and sakura and nginx each run one event loop or worker.
# Installs wrk and nginx-light with apt-get when they are missing (needs root or sudo).
#
# Environment:
#   DURATION         length of each wrk run, in wrk's notation (default 10s)
#   SCRATCH          SwiftPM scratch path for the release build (default .build)
#   SAKURA_REALDATA  folder holding the Seattle GeoJSON files (default ../shared/realdata), read in place
#   WRK_THREADS      wrk threads (default 1: one thread drives the 64 connections and leaves the rest of the
#                    machine to the server under test, as a load generator on another machine would)
#   PIN_CORES        1 to pin the servers to CPU 0 and wrk to CPU 1 (needs taskset from util-linux)
set -euo pipefail
cd "$(dirname "$0")/.."

duration=${DURATION:-10s}
scratch=${SCRATCH:-.build}
realdata=${SAKURA_REALDATA:-../shared/realdata}
pin_cores=${PIN_CORES:-0}
server_pin=()
wrk_pin=()
server_threads=()
nginx_workers=2
wrk_threads=${WRK_THREADS:-1}
if [[ $pin_cores == 1 ]]; then
    command -v taskset > /dev/null || { echo "bench-http: PIN_CORES=1 needs taskset (package util-linux)" >&2; exit 1; }
    server_pin=(taskset -c 0)
    wrk_pin=(taskset -c 1)
    server_threads=(--threads 1)
    nginx_workers=1
fi
wrk_connections=64
host=127.0.0.1

fail() {
    echo "bench-http: $*" >&2
    exit 1
}

# ---- Processes and temporary files, removed on every exit ----

work=$(mktemp -d -t sakura-bench-http.XXXXXX)
started_pids=()

stop_process() {
    local pid=$1
    kill -TERM "$pid" 2>/dev/null || return 0
    # sakura gives requests in flight up to 10 s after SIGTERM, so wait a little longer before SIGKILL.
    for _ in $(seq 1 120); do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
}

cleanup() {
    local pid
    for pid in "${started_pids[@]}"; do
        stop_process "$pid"
    done
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---- Tools ----

missing_packages=()
command -v wrk > /dev/null || missing_packages+=(wrk)
nginx_binary=$(command -v nginx || echo /usr/sbin/nginx)
[[ -x $nginx_binary ]] || missing_packages+=(nginx-light)
if ((${#missing_packages[@]} > 0)); then
    apt_prefix=()
    if ((EUID != 0)); then
        command -v sudo > /dev/null || fail "missing ${missing_packages[*]}; install them, or run as root so apt-get can"
        apt_prefix=(sudo)
    fi
    echo "== installing ${missing_packages[*]}"
    "${apt_prefix[@]}" apt-get update
    # NOTE: on a host without a policy-rc.d that blocks services, installing nginx-light also starts the
    # system nginx service on port 80. This script neither uses nor stops that service.
    "${apt_prefix[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing_packages[@]}"
    nginx_binary=$(command -v nginx || echo /usr/sbin/nginx)
fi
command -v curl > /dev/null || fail "curl not found; install the curl package"
command -v python3 > /dev/null || fail "python3 not found; install the python3 package"

echo "== building sakura (release, scratch path $scratch)"
swift build -c release --product sakura --scratch-path "$scratch"
sakura="$(swift build -c release --scratch-path "$scratch" --show-bin-path)/sakura"
[[ -x $sakura ]] || fail "build finished but $sakura is missing"

for name in us_wa_seattle_sps_school_site_2015_2016 us_wa_seattle_sps_attendance_area_ES us_wa_seattle_city-limits; do
    [[ -f $realdata/$name.geojson ]] || fail "missing $realdata/$name.geojson; set SAKURA_REALDATA to the folder with the Seattle files"
done

# ---- Helpers ----

# Prints three distinct free TCP ports on 127.0.0.1. Another process may take one before it is used,
# so each server start is checked.
pick_ports() {
    python3 - << 'EOF'
import socket
sockets = [socket.socket() for _ in range(3)]
for s in sockets:
    s.bind(("127.0.0.1", 0))
print(*(s.getsockname()[1] for s in sockets))
EOF
}

# Waits until `url` returns 2xx, or fails when the process `pid` exits or `seconds` pass.
wait_for_http() {
    local url=$1 pid=$2 log=$3 seconds=$4
    local deadline=$((SECONDS + seconds))
    until curl -fsS --max-time 2 -o /dev/null "$url" 2> /dev/null; do
        if ! kill -0 "$pid" 2>/dev/null; then
            tail -n 20 "$log" >&2 || true
            fail "process $pid exited before $url responded (log above)"
        fi
        ((SECONDS < deadline)) || fail "$url did not respond with 2xx within $seconds s; log: $(tail -n 5 "$log")"
        sleep 0.2
    done
}

# Prints a /proc/PID/status field (VmRSS, VmHWM) in MiB with one decimal.
memory_mib() {
    awk -v field="$2:" '$1 == field { printf "%.1f", $2 / 1024 }' "/proc/$1/status"
}

# Runs one wrk load. Usage: run_wrk NAME SCRIPT URL [wrk options...] [-- script arguments...]
# Keeps the command line in $work/NAME.cmd and wrk's output in $work/NAME.out.
run_wrk() {
    local name=$1 script=$2 url=$3
    shift 3
    local command=("${wrk_pin[@]}" wrk -t"$wrk_threads" -c"$wrk_connections" -d"$duration" --latency -s "$script" "$url" "$@")
    printf '%q ' "${command[@]}" | sed 's/ $//' > "$work/$name.cmd"
    echo "== wrk: $name"
    cat "$work/$name.cmd"
    echo
    # wrk needs no timeout of its own because -d bounds the run.
    "${command[@]}" | tee "$work/$name.out"
    grep -q '^BENCH ' "$work/$name.out" || fail "wrk printed no BENCH line for $name"
}

# Prints one KEY=VALUE field of the BENCH line that a run's done() wrote.
result() {
    grep '^BENCH ' "$work/$2.out" | tr ' ' '\n' | awk -F= -v key="$1" '$1 == key { print $2 }'
}

# Prints a microsecond figure in milliseconds.
ms() {
    awk -v us="$1" 'BEGIN { printf "%.2f", us / 1000 }'
}

# Prints how many of a sakura log's request lines carry each HTTP status, and its warn and error lines.
status_counts() {
    grep -oE ' status=[0-9]+' "$1" | sort | uniq -c | awk '{ printf "%s: %s, ", $2, $1 }' || true
    printf 'level=warn/error lines: %s' "$(grep -cE 'level=(warn|error)' "$1" || true)"
}

# ---- wrk scripts ----

# done() prints the figures as one machine-readable line, so the summary does not parse wrk's units.
cat > "$work/report.lua" << 'EOF'
function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    "BENCH requests=%d seconds=%.3f rps=%.1f p50_us=%d p90_us=%d p99_us=%d max_us=%d bytes=%d non2xx3xx=%d connect=%d read=%d write=%d timeout=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    summary.bytes, errors.status, errors.connect, errors.read, errors.write, errors.timeout))
end
EOF

# Script arguments: city id, then the bounding box as min lon, min lat, max lon, max lat.
cat > "$work/lookup.lua" << 'EOF'
local thread_count = 0

function setup(thread)
  thread_count = thread_count + 1
  thread:set("thread_number", thread_count)
end

function init(args)
  city = args[1]
  min_lon, min_lat = tonumber(args[2]), tonumber(args[3])
  max_lon, max_lat = tonumber(args[4]), tonumber(args[5])
  math.randomseed(os.time() * 100 + thread_number)
end

function request()
  local lat = min_lat + math.random() * (max_lat - min_lat)
  local lon = min_lon + math.random() * (max_lon - min_lon)
  return wrk.format("GET", string.format("/api/v1/cities/%s/lookup?lat=%.6f&lon=%.6f", city, lat, lon))
end
EOF
cat "$work/report.lua" >> "$work/lookup.lua"

# ---- Seattle database ----

db="$work/seattle.sqlite"
echo "== importing Seattle into $db"
"$sakura" import schools "$realdata/us_wa_seattle_sps_school_site_2015_2016.geojson" --city seattle --db "$db" \
    --key-property PROPERTY_L --name-property PROPERTY_L
"$sakura" import catchments "$realdata/us_wa_seattle_sps_attendance_area_ES.geojson" --city seattle --db "$db" \
    --key-property ES_ZONE --school-property ES_ZONE
"$sakura" import boundary "$realdata/us_wa_seattle_city-limits.geojson" --city seattle --db "$db" --name-en Seattle

read -r port_seattle port_nginx port_demo < <(pick_ports)

# ---- 1. Lookup load on sakura ----

seattle_log="$work/sakura-seattle.log"
"${server_pin[@]}" "$sakura" serve --db "$db" --host "$host" --port "$port_seattle" "${server_threads[@]}" 2> "$seattle_log" &
seattle_pid=$!
started_pids+=("$seattle_pid")
seattle_base="http://$host:$port_seattle"
wait_for_http "$seattle_base/health" "$seattle_pid" "$seattle_log" 60

# The bounding box comes from GET /api/v1/cities, so the load covers the extent that sakura reports.
read -r min_lon min_lat max_lon max_lat < <(curl -fsS --max-time 5 "$seattle_base/api/v1/cities" | python3 -c '
import json, sys
cities = {city["id"]: city for city in json.load(sys.stdin)["cities"]}
print(*cities["seattle"]["bbox"])
')
center_lat=$(awk -v a="$min_lat" -v b="$max_lat" 'BEGIN { printf "%.6f", (a + b) / 2 }')
center_lon=$(awk -v a="$min_lon" -v b="$max_lon" 'BEGIN { printf "%.6f", (a + b) / 2 }')

# The file that nginx serves is one real lookup response, fetched at the centre of the box.
mkdir -p "$work/nginx/html"
curl -fsS --max-time 5 -o "$work/nginx/html/lookup.json" \
    "$seattle_base/api/v1/cities/seattle/lookup?lat=$center_lat&lon=$center_lon"
response_bytes=$(wc -c < "$work/nginx/html/lookup.json")

seattle_rss_before=$(memory_mib "$seattle_pid" VmRSS)
run_wrk lookup "$work/lookup.lua" "$seattle_base/" -- seattle "$min_lon" "$min_lat" "$max_lon" "$max_lat"
kill -0 "$seattle_pid" 2>/dev/null || fail "sakura (Seattle) exited during the lookup load; log: $seattle_log"
seattle_hwm_after=$(memory_mib "$seattle_pid" VmHWM)
seattle_rss_after=$(memory_mib "$seattle_pid" VmRSS)
seattle_statuses=$(status_counts "$seattle_log")
stop_process "$seattle_pid"

# ---- 2. nginx reference ----

# Debian's nginx-light leaves out some modules, and naming the temp path of a missing module is an error.
nginx_version=$("$nginx_binary" -V 2>&1)
temp_paths="client_body_temp_path $work/nginx/client_body;"
for module in proxy fastcgi uwsgi scgi; do
    if ! grep -q -- "--without-http_${module}_module" <<< "$nginx_version"; then
        temp_paths+=" ${module}_temp_path $work/nginx/$module;"
    fi
done

cat > "$work/nginx/nginx.conf" << EOF
worker_processes $nginx_workers;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events {
    worker_connections 1024;
}
http {
    access_log off;
    $temp_paths
    default_type application/json;
    sendfile on;
    tcp_nodelay on;
    keepalive_timeout 15s;
    # sakura has no per-connection request limit, so nginx gets none either. nginx 1.19.10 and later close
    # a keep-alive connection after 1000 requests by default.
    keepalive_requests 100000000;
    server {
        listen $host:$port_nginx;
        root $work/nginx/html;
        location = /api/v1/cities/seattle/lookup {
            try_files /lookup.json =404;
        }
    }
}
EOF
# Workers started by root run as user nobody, so they need read access to the temporary folder.
chmod 755 "$work" "$work/nginx" "$work/nginx/html"
chmod 644 "$work/nginx/html/lookup.json"

"${server_pin[@]}" "$nginx_binary" -p "$work/nginx" -c "$work/nginx/nginx.conf" -e "$work/nginx/error.log" &
nginx_pid=$!
started_pids+=("$nginx_pid")
nginx_base="http://$host:$port_nginx"
nginx_probe="$nginx_base/api/v1/cities/seattle/lookup?lat=$center_lat&lon=$center_lon"
wait_for_http "$nginx_probe" "$nginx_pid" "$work/nginx/error.log" 10
nginx_bytes=$(curl -fsS --max-time 5 "$nginx_probe" | wc -c)
[[ $nginx_bytes == "$response_bytes" ]] || fail "nginx served $nginx_bytes bytes, expected $response_bytes"

# nginx gets the same random lookup URLs, so wrk does the same work per request in both runs.
run_wrk nginx "$work/lookup.lua" "$nginx_base/" -- seattle "$min_lon" "$min_lat" "$max_lon" "$max_lat"
stop_process "$nginx_pid"

# ---- 3. Demo city catchments layer, gzip and ETag ----

# Without --db, sakura builds the demo database in the system temporary folder, so TMPDIR points it
# into $work and the cleanup removes it.
demo_log="$work/sakura-demo.log"
TMPDIR="$work" "${server_pin[@]}" "$sakura" serve --host "$host" --port "$port_demo" "${server_threads[@]}" 2> "$demo_log" &
demo_pid=$!
started_pids+=("$demo_pid")
demo_base="http://$host:$port_demo"
wait_for_http "$demo_base/health" "$demo_pid" "$demo_log" 120

layer_url="$demo_base/api/v1/cities/demo/layers/catchments.geojson"
curl -fsS --max-time 10 -D "$work/layer-gzip.headers" -o "$work/layer.gz" -H 'Accept-Encoding: gzip' "$layer_url"
curl -fsS --max-time 10 -o "$work/layer.json" "$layer_url"
grep -qi '^content-encoding: *gzip' "$work/layer-gzip.headers" || fail "the layer came back without Content-Encoding: gzip"
etag=$(awk 'tolower($1) == "etag:" { sub(/\r$/, "", $2); print $2 }' "$work/layer-gzip.headers")
[[ -n $etag ]] || fail "the gzip layer response has no ETag header"
layer_gzip_bytes=$(wc -c < "$work/layer.gz")
layer_plain_bytes=$(wc -c < "$work/layer.json")
not_modified_status=$(curl -sS --max-time 10 -o /dev/null -w '%{http_code}' -H 'Accept-Encoding: gzip' \
    -H "If-None-Match: $etag" "$layer_url")
[[ $not_modified_status == 304 ]] || fail "If-None-Match: $etag returned $not_modified_status, expected 304"

demo_rss_before=$(memory_mib "$demo_pid" VmRSS)
run_wrk layer_gzip "$work/report.lua" "$layer_url" -H 'Accept-Encoding: gzip'
run_wrk layer_304 "$work/report.lua" "$layer_url" -H 'Accept-Encoding: gzip' -H "If-None-Match: $etag"
kill -0 "$demo_pid" 2>/dev/null || fail "sakura (demo) exited during the layer load; log: $demo_log"
demo_hwm_after=$(memory_mib "$demo_pid" VmHWM)
demo_rss_after=$(memory_mib "$demo_pid" VmRSS)
demo_statuses=$(status_counts "$demo_log")
stop_process "$demo_pid"

# ---- Summary ----

lookup_rps=$(result rps lookup)
nginx_rps=$(result rps nginx)
ratio=$(awk -v a="$lookup_rps" -v b="$nginx_rps" 'BEGIN { printf "%.2f", a / b }')
lookup_p99=$(result p99_us lookup)
layer_rps=$(result rps layer_gzip)

# Prints "met" or "missed" for a comparison done by awk, for example: verdict "$ratio >= 0.75".
verdict() {
    awk "BEGIN { exit !($1) }" && echo met || echo missed
}

# Prints one run's line: requests/s, latency percentiles and wrk's error counts.
run_line() {
    printf '%-22s %10s req/s  p50 %s ms  p99 %s ms  max %s ms  non-2xx/3xx %s  socket errors %s/%s/%s/%s (connect/read/write/timeout)\n' \
        "$2" "$(result rps "$1")" "$(ms "$(result p50_us "$1")")" "$(ms "$(result p99_us "$1")")" \
        "$(ms "$(result max_us "$1")")" "$(result non2xx3xx "$1")" \
        "$(result connect "$1")" "$(result read "$1")" "$(result write "$1")" "$(result timeout "$1")"
}

cat << EOF

==================== sakura HTTP benchmark ====================
date (UTC)   $(date -u '+%Y-%m-%d %H:%M:%S')
machine      $(nproc) cores, $(free -m | awk '/^Mem:/ { printf "%.1f GiB", $2 / 1024 }') memory, kernel $(uname -r)
             $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
tools        $(wrk -v 2>&1 | awk 'NR == 1 { print $1, $2 }'), $("$nginx_binary" -v 2>&1), sakura at $sakura
data         Seattle elementary attendance areas; lookup bbox lon $min_lon..$max_lon, lat $min_lat..$max_lat
             lookup response at the box centre: $response_bytes bytes, which nginx serves for every lookup URL
             demo catchments layer: $layer_plain_bytes bytes, $layer_gzip_bytes gzipped; ETag $etag

wrk command lines
  lookup      $(cat "$work/lookup.cmd")
  nginx       $(cat "$work/nginx.cmd")
  layer gzip  $(cat "$work/layer_gzip.cmd")
  layer 304   $(cat "$work/layer_304.cmd")
  lookup.lua requests uniformly random points of the bbox, and both scripts print the figures in done().

results
$(run_line lookup "sakura /lookup")
$(run_line nginx "nginx static file")
$(run_line layer_gzip "sakura layer gzip")
$(run_line layer_304 "sakura layer 304")

targets
  sakura/nginx requests/s  $ratio   (target >= 0.75: $(verdict "$ratio >= 0.75"))
  sakura /lookup p99       $(ms "$lookup_p99") ms   (target < 5 ms: $(verdict "$lookup_p99 < 5000"))
  layer gzip requests/s    $layer_rps   (target >= 10000: $(verdict "$layer_rps >= 10000"))

memory (MiB)                 RSS before load   RSS after   peak RSS (VmHWM) after
  sakura --db seattle        $(printf '%-17s %-11s %s' "$seattle_rss_before" "$seattle_rss_after" "$seattle_hwm_after")
  sakura demo city           $(printf '%-17s %-11s %s' "$demo_rss_before" "$demo_rss_after" "$demo_hwm_after")

sakura request logs
  seattle  $seattle_statuses
  demo     $demo_statuses
===============================================================
EOF

#!/usr/bin/env bash
# Measures the schools and teachers registry over HTTP: a generated city of 400 schools (about
# 8,000-9,000 teachers) served by `sakura serve`, with wrk sending list and filter requests with
# random filters at 64 connections. Target: p99 under 5 ms. Everything runs on 127.0.0.1.
# WRK_THREADS sets wrk's threads (default 1: one thread drives the 64 connections and leaves the
# second core to the server, as a load generator on another machine would).
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${DURATION:-10s}
scratch=${SCRATCH:-.build}

command -v wrk > /dev/null || { apt-get update -q && apt-get install -y -q wrk; }
swift build -c release --product sakura --scratch-path "$scratch"
sakura="$scratch/release/sakura"

work=$(mktemp -d /tmp/sakura-bench-registry.XXXXXX)
server=""
cleanup() {
    [ -n "$server" ] && kill "$server" 2> /dev/null && wait "$server" 2> /dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

python3 tools/make_demo_city.py --schools 400 --out "$work/geodata/demo" --id registry --no-addresses > "$work/generate.log"
teachers=$(($(wc -l < "$work/geodata/demo/teachers.csv") - 1))
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
SAKURA_GEODATA="$work/geodata" TMPDIR="$work" "$sakura" serve --port "$port" 2> "$work/serve.log" &
server=$!
for _ in $(seq 1 120); do curl -sf --max-time 1 "http://127.0.0.1:$port/health" > /dev/null && break; sleep 0.5; done

cat > "$work/registry.lua" <<'LUA'
-- Random list and filter requests over the schools and teachers registries.
math.randomseed(11)
local languages = {"kk", "ru"}
local types = {"general", "gymnasium", "lyceum", "school_gymnasium"}
local sorts = {"rating", "name", "experience"}
request = function()
  local r = math.random(6)
  local path
  if r == 1 then
    path = "/api/v1/cities/registry/schools?limit=20&offset=" .. math.random(0, 380)
  elseif r == 2 then
    path = "/api/v1/cities/registry/schools?language=" .. languages[math.random(2)] .. "&type=" .. types[math.random(4)] .. "&sort=name"
  elseif r == 3 then
    path = "/api/v1/cities/registry/schools?q=" .. math.random(1, 450) .. "&grade=" .. math.random(1, 11)
  elseif r == 4 then
    path = "/api/v1/cities/registry/teachers?limit=20&offset=" .. math.random(0, 5000) .. "&sort=" .. sorts[math.random(3)]
  elseif r == 5 then
    path = "/api/v1/cities/registry/teachers?language=" .. languages[math.random(2)] .. "&district=d" .. math.random(1, 18)
  else
    path = "/api/v1/cities/registry/teachers?school=registry-" .. string.format("%03d", math.random(1, 400))
  end
  return wrk.format("GET", path)
end
done = function(summary, latency, requests)
  io.write(string.format("requests/s %.1f  p50 %.2f ms  p99 %.2f ms  max %.2f ms  non-2xx %d  errors %d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
LUA

echo "== date (UTC) $(date -u '+%Y-%m-%d %H:%M'), $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -r)"
echo "== city: 400 schools, $teachers teachers"
wrk_threads=${WRK_THREADS:-1}
echo "== wrk -t$wrk_threads -c64 -d$duration --latency -s registry.lua http://127.0.0.1:$port/"
wrk -t"$wrk_threads" -c64 -d"$duration" --latency -s "$work/registry.lua" "http://127.0.0.1:$port/" | tail -1
echo "== resident memory of sakura serve: $(awk '/VmRSS/ {print $2 / 1024 " MiB"}' /proc/$server/status), peak $(awk '/VmHWM/ {print $2 / 1024 " MiB"}' /proc/$server/status)"
echo "== status lines in the server log: $(grep -o 'status=[0-9]*' "$work/serve.log" | sort | uniq -c | tr '\n' ' ')"

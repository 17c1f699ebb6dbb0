#!/usr/bin/env bash
# Measures the planner on a generated city of 7,000 catchments and prints the figures recorded in BENCHMARKS.md.
#
#   1. Coverage report of the plan in force (`sakura-bench plan-coverage`, PlanService.coverage as publishing
#      runs it, addresses and schools included). Target: under 10 s.
#   2. Publish through `sakura serve` on 127.0.0.1 while wrk sends lookups: a planner token from
#      `sakura users add`, a draft copied from the plan in force, one catchment changed with PATCH, then
#      GET …/plans/{draft}/coverage before the load (as a planner checks before publishing), then under
#      load POST …/plans/{draft}/publish, which reuses that report. Reports the request's latency, when responses start naming the new
#      plan, and lookups answered in each 1-second window before, during and after the swap.
#      Target: the swap under 1 s, lookups during it within 10 % of the windows before.
#   3. Withdraw of the published draft under the same load: the plan before it is in force again. The
#      server rebuilds and swaps that plan's snapshot without computing a coverage report, so this
#      request times the rebuild and swap alone.
# Before the load, one draft is published and withdrawn the same way, for the figures without load.
# Every lookup response is checked to name one of the two plans, and wrk counts errors and other statuses.
#
# Needs the Debian packages wrk, curl and python3 (and the Swift toolchain); installs nothing.
# Everything listens on and connects to 127.0.0.1 only.
#
# Environment:
#   SCRATCH     SwiftPM scratch path for the release build (default .build)
#   CATCHMENTS  catchments of the generated city, a multiple of 2 (default 7000: 3,500 kk and 3,500 ru)
#   ADDRESSES   addresses of the generated city (default 20000)
#   DURATION    length of each wrk run in seconds, at most 20 (default 20)
#   PUBLISH_AT  second of the load at which the publish request is sent (default 7)
#   WITHDRAW_AT second of the load at which the withdraw request is sent (default 7)
set -euo pipefail
cd "$(dirname "$0")/.."

scratch=${SCRATCH:-.build}
catchments=${CATCHMENTS:-7000}
addresses=${ADDRESSES:-20000}
duration=${DURATION:-20}
publish_at=${PUBLISH_AT:-7}
withdraw_at=${WITHDRAW_AT:-7}
host=127.0.0.1
city=plancity

fail() {
    echo "bench-plans: $*" >&2
    exit 1
}

((duration <= 20)) || fail "DURATION=$duration: each load phase is at most 20 s"
((publish_at < duration && withdraw_at < duration)) || fail "PUBLISH_AT and WITHDRAW_AT must be below DURATION=$duration"
for tool in wrk curl python3; do
    command -v "$tool" > /dev/null || fail "$tool not found; install the Debian package $tool"
done

# ---- Processes and temporary files, removed on every exit ----

work=$(mktemp -d -t sakura-bench-plans.XXXXXX)
server_pid=""
stop_server() {
    [[ -n $server_pid ]] || return 0
    kill -TERM "$server_pid" 2> /dev/null || return 0
    # sakura gives requests in flight up to 10 s after SIGTERM, so wait a little longer before SIGKILL.
    for _ in $(seq 1 120); do
        kill -0 "$server_pid" 2> /dev/null || return 0
        sleep 0.1
    done
    kill -KILL "$server_pid" 2> /dev/null || true
}
cleanup() {
    stop_server
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# The machine may be shared, so the summary shows the load average at the start.
load_at_start=$(cut -d' ' -f1-3 /proc/loadavg)

echo "== building sakura and sakura-bench (release, scratch path $scratch)"
swift build -c release --product sakura --scratch-path "$scratch"
swift build -c release --product sakura-bench --scratch-path "$scratch"
bin=$(swift build -c release --scratch-path "$scratch" --show-bin-path)
sakura=$bin/sakura
bench=$bin/sakura-bench

# ---- 1. City and coverage report ----

db=$work/plan.sqlite
echo "== generating the city"
"$bench" plan-city --db "$db" --city "$city" --catchments "$catchments" --addresses "$addresses" | tee "$work/city.out"
echo "== coverage report"
"$bench" plan-coverage --db "$db" --city "$city" | tee "$work/coverage.out"

# ---- Server, token and draft ----

token=$("$sakura" users add --db "$db" --role planner --city "$city" --name "Benchmark planner" | awk '/^token/ { print $NF }')
[[ -n $token ]] || fail "sakura users add printed no token"

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base=http://$host:$port
"$sakura" serve --db "$db" --host "$host" --port "$port" 2> "$work/serve.log" &
server_pid=$!
for _ in $(seq 1 240); do
    curl -fsS --max-time 1 -o /dev/null "$base/health" 2> /dev/null && break
    kill -0 "$server_pid" 2> /dev/null || fail "sakura serve exited; log: $(tail -n 5 "$work/serve.log")"
    sleep 0.25
done
curl -fsS --max-time 1 -o /dev/null "$base/health" || fail "sakura serve did not respond on /health within 60 s"
server_start_rss=$(awk '$1 == "VmRSS:" { printf "%.1f", $2 / 1024 }' "/proc/$server_pid/status")

plans=$base/api/v1/cities/$city/plans
auth=(-H "Authorization: Bearer $token" -H "Content-Type: application/json")

# Prints a JSON field of standard input, for example: json_field id.
json_field() {
    python3 -c 'import json, sys; value = json.load(sys.stdin)
for key in sys.argv[1].split("."): value = value[int(key)] if isinstance(value, list) else value[key]
print(*value) if isinstance(value, list) else print(value)' "$1"
}

# Prints the ETag of a GET or write, without quotes. Usage: etag_of CURL_ARGUMENTS...
etag_of() {
    curl -fsS --max-time 30 -o /dev/null -D - "$@" | awk 'tolower($1) == "etag:" { gsub(/[\r"]/, "", $2); print $2 }'
}

read -r min_lon min_lat max_lon max_lat < <(curl -fsS --max-time 5 "$base/api/v1/cities" | json_field cities.0.bbox)
plan_a=$(curl -fsS --max-time 5 "${auth[@]}" "$plans" | python3 -c '
import json, sys
print(next(plan["id"] for plan in json.load(sys.stdin)["plans"] if plan["in_force_today"]))')

# Creates a draft copied from the plan in force and changes one catchment's properties, so the draft
# differs from it. Sets plan_b to the draft's id and revision to its ETag without quotes.
make_draft() {
    plan_b=$(curl -fsS --max-time 30 "${auth[@]}" -X POST -d '{"school_year": "2027-2028", "name": "benchmark draft"}' "$plans" | json_field id)
    local version
    version=$(etag_of "${auth[@]}" "$plans/$plan_b/catchments/plan-000-000?language=kk")
    etag_of "${auth[@]}" -X PATCH -H "If-Match: \"$version\"" \
        -d '{"properties": {"note": "changed by the benchmark"}, "comment": "benchmark change"}' \
        "$plans/$plan_b/catchments/plan-000-000?language=kk" > /dev/null
    revision=$(etag_of "${auth[@]}" "$plans/$plan_b")
    echo "== plan in force: $plan_a; draft $plan_b at revision $revision, copied from it with one catchment changed"
}

# Sends a planner request for the draft and prints its status and time in seconds. Usage: plan_request PATH BODY.
plan_request() {
    curl -sS --max-time 60 -o "$work/request.body" -w '%{http_code} %{time_total}' "${auth[@]}" -X POST \
        -H "If-Match: \"$revision\"" -d "$2" "$plans/$plan_b/$1"
}

withdraw_body='{"reason": "benchmark: measure the rebuild and swap alone"}'

# Without load first: publish and withdraw one draft, so the loaded figures below have a reference.
make_draft
result=$(plan_request publish '{}')
[[ ${result%% *} == 200 ]] || fail "publish returned status ${result%% *}: $(head -c 400 "$work/request.body")"
idle_publish=${result#* }
result=$(plan_request withdraw "$withdraw_body")
[[ ${result%% *} == 200 ]] || fail "withdraw returned status ${result%% *}: $(head -c 400 "$work/request.body")"
idle_withdraw=${result#* }
echo "== without load: publish $idle_publish s, withdraw $idle_withdraw s"
make_draft
# A planner checks the draft before publishing it; the publish below then reuses that report.
draft_check=$(curl -sS --max-time 60 -o /dev/null -w '%{time_total}' "${auth[@]}" "$plans/$plan_b/coverage")
echo "== coverage check of draft $plan_b before its publish, without load: $draft_check s"

# ---- Load script ----

# Counts responses per 1-second window of wall-clock time, by status and by the plan each one names,
# and keeps the first and last time each plan was named. done() prints machine-readable lines.
# The clock is gettimeofday through LuaJIT's FFI, as wrk's Lua has no wall clock finer than os.time().
cat > "$work/plans.lua" << 'EOF'
local ffi = require("ffi")
ffi.cdef [[
  struct bench_timeval { long tv_sec; long tv_usec; };
  int gettimeofday(struct bench_timeval *tv, void *tz);
]]
local clock = ffi.new("struct bench_timeval")
local function now()
  ffi.C.gettimeofday(clock, nil)
  return tonumber(clock.tv_sec) + tonumber(clock.tv_usec) / 1e6
end

local threads = {}
function setup(thread)
  table.insert(threads, thread)
  thread:set("thread_number", #threads)
end

-- Flat tables only: wrk 4.1.0's thread:get crashes when copying a table nested in a table.
function init(args)
  city = args[1]
  min_lon, min_lat = tonumber(args[2]), tonumber(args[3])
  max_lon, max_lat = tonumber(args[4]), tonumber(args[5])
  math.randomseed(os.time() * 100 + thread_number)
  -- By window (a whole second of wall-clock time): responses with status 200, with another status, and naming no plan.
  ok, failed, no_plan = {}, {}, {}
  -- By plan id: responses naming it, and the first and last time one did.
  plan_responses, plan_first, plan_last = {}, {}, {}
end

function request()
  local lat = min_lat + math.random() * (max_lat - min_lat)
  local lon = min_lon + math.random() * (max_lon - min_lon)
  return wrk.format("GET", string.format("/api/v1/cities/%s/lookup?lat=%.6f&lon=%.6f", city, lat, lon))
end

function response(status, headers, body)
  local time = now()
  local second = math.floor(time)
  if status ~= 200 then
    failed[second] = (failed[second] or 0) + 1
    return
  end
  ok[second] = (ok[second] or 0) + 1
  local id = body:match('"plan":{"id":(%d+)')
  if id == nil then
    no_plan[second] = (no_plan[second] or 0) + 1
    return
  end
  plan_responses[id] = (plan_responses[id] or 0) + 1
  if plan_first[id] == nil then plan_first[id] = time end
  plan_last[id] = time
end

function done(summary, latency, requests)
  local windows, responses, first, last = {}, {}, {}, {}
  local function add(column, counts)
    for second, count in pairs(counts) do
      windows[second] = windows[second] or {0, 0, 0}
      windows[second][column] = windows[second][column] + count
    end
  end
  for _, thread in ipairs(threads) do
    add(1, thread:get("ok"))
    add(2, thread:get("failed"))
    add(3, thread:get("no_plan"))
    for id, count in pairs(thread:get("plan_responses")) do responses[id] = (responses[id] or 0) + count end
    for id, time in pairs(thread:get("plan_first")) do first[id] = math.min(first[id] or math.huge, time) end
    for id, time in pairs(thread:get("plan_last")) do last[id] = math.max(last[id] or 0, time) end
  end
  for second, counts in pairs(windows) do
    io.write(string.format("WINDOW %d %d %d %d\n", second, counts[1], counts[2], counts[3]))
  end
  for id, count in pairs(responses) do
    io.write(string.format("PLAN %s %d %.6f %.6f\n", id, count, first[id], last[id]))
  end
  local errors = summary.errors
  io.write(string.format(
    "BENCH requests=%d seconds=%.3f p50_us=%d p99_us=%d max_us=%d non200=%d connect=%d read=%d write=%d timeout=%d\n",
    summary.requests, summary.duration / 1e6, latency:percentile(50), latency:percentile(99), latency.max,
    errors.status, errors.connect, errors.read, errors.write, errors.timeout))
end
EOF

# The latency probe: one connection per wrk thread, so the time between two responses on a thread is one
# lookup's latency. Keeps the longest per 1-second window, to show whether the swap stalls an event loop.
cat > "$work/probe.lua" << 'EOF'
local ffi = require("ffi")
ffi.cdef [[
  struct bench_timeval { long tv_sec; long tv_usec; };
  int gettimeofday(struct bench_timeval *tv, void *tz);
]]
local clock = ffi.new("struct bench_timeval")
local function now()
  ffi.C.gettimeofday(clock, nil)
  return tonumber(clock.tv_sec) + tonumber(clock.tv_usec) / 1e6
end

local threads = {}
function setup(thread)
  table.insert(threads, thread)
  thread:set("thread_number", #threads)
end

function init(args)
  city = args[1]
  min_lon, min_lat = tonumber(args[2]), tonumber(args[3])
  max_lon, max_lat = tonumber(args[4]), tonumber(args[5])
  math.randomseed(os.time() * 100 + 50 + thread_number)
  -- By window: the longest time between two responses, in seconds.
  longest = {}
  previous = nil
end

function request()
  local lat = min_lat + math.random() * (max_lat - min_lat)
  local lon = min_lon + math.random() * (max_lon - min_lon)
  return wrk.format("GET", string.format("/api/v1/cities/%s/lookup?lat=%.6f&lon=%.6f", city, lat, lon))
end

function response(status, headers, body)
  local time = now()
  if previous ~= nil then
    local second = math.floor(time)
    longest[second] = math.max(longest[second] or 0, time - previous)
  end
  previous = time
end

function done(summary, latency, requests)
  local windows = {}
  for _, thread in ipairs(threads) do
    for second, gap in pairs(thread:get("longest")) do windows[second] = math.max(windows[second] or 0, gap) end
  end
  for second, gap in pairs(windows) do io.write(string.format("PROBE %d %.6f\n", second, gap)) end
end
EOF

# Runs wrk for DURATION seconds and, AT seconds in, one planner request. Usage: load_phase NAME AT PATH BODY.
# Keeps wrk's output in $work/NAME.wrk and the request's start, end, status and time in $work/NAME.request.
load_phase() {
    local name=$1 at=$2 path=$3 body=$4
    local command=(wrk -t2 -c64 -d"${duration}s" --latency -s "$work/plans.lua" "$base/" -- "$city" "$min_lon" "$min_lat" "$max_lon" "$max_lat")
    echo "== $name under load: ${command[*]}, and the latency probe: wrk -t2 -c2 -s probe.lua"
    local load_start
    load_start=$(date +%s.%N)
    "${command[@]}" > "$work/$name.wrk" &
    local wrk_pid=$!
    wrk -t2 -c2 -d"${duration}s" -s "$work/probe.lua" "$base/" -- "$city" "$min_lon" "$min_lat" "$max_lon" "$max_lat" > "$work/$name.probe" &
    local probe_pid=$!
    sleep "$at"
    local start end result
    start=$(date +%s.%N)
    result=$(plan_request "$path" "$body")
    end=$(date +%s.%N)
    wait "$wrk_pid" || fail "wrk failed during $name"
    wait "$probe_pid" || fail "the wrk latency probe failed during $name"
    echo "$load_start $start $end $result" > "$work/$name.request"
    [[ ${result%% *} == 200 ]] || fail "$path returned status ${result%% *}: $(head -c 400 "$work/request.body")"
}

load_phase publish "$publish_at" publish '{}'
load_phase withdraw "$withdraw_at" withdraw "$withdraw_body"
server_rss=$(awk '$1 == "VmRSS:" { printf "%.1f", $2 / 1024 }' "/proc/$server_pid/status")
server_peak=$(awk '$1 == "VmHWM:" { printf "%.1f", $2 / 1024 }' "/proc/$server_pid/status")
stop_server

# ---- Summary ----

cat << EOF

==================== sakura planner benchmark ====================
date (UTC)   $(date -u '+%Y-%m-%d %H:%M:%S')
machine      $(nproc) cores, $(free -m | awk '/^Mem:/ { printf "%.1f GiB", $2 / 1024 }') memory, kernel $(uname -r)
             $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
             load average at the start $load_at_start, at the end $(cut -d' ' -f1-3 /proc/loadavg)
tools        $(wrk -v 2>&1 | awk 'NR == 1 { print $1, $2 }'), $(swift --version 2>&1 | head -n 1)
$(sed 's/^/city         /' "$work/city.out")

coverage report
$(sed 's/^/  /' "$work/coverage.out")

server       sakura serve --db plan.sqlite --host $host --port $port (resident $server_start_rss MiB after start, $server_rss MiB after both loads, peak $server_peak MiB)
without load publish of a draft $idle_publish s (coverage report, rebuild and swap), withdraw $idle_withdraw s (rebuild and swap)
             coverage check (GET …/coverage) of the draft published under load, before the load: $draft_check s
EOF

python3 - "$work" "$plan_a" "$plan_b" << 'EOF'
import math, sys

work, plan_a, plan_b = sys.argv[1], sys.argv[2], sys.argv[3]

def phase(name, old, new, title):
    load_start, start, end, status, curl_seconds = open(f"{work}/{name}.request").read().split()
    load_start, start, end = float(load_start), float(start), float(end)
    windows, plans, bench = {}, {}, {}
    for line in open(f"{work}/{name}.wrk"):
        parts = line.split()
        if not parts:
            continue
        if parts[0] == "WINDOW":
            windows[int(parts[1])] = tuple(int(value) for value in parts[2:])
        elif parts[0] == "PLAN":
            plans[parts[1]] = (int(parts[2]), float(parts[3]), float(parts[4]))
        elif parts[0] == "BENCH":
            bench = dict(field.split("=") for field in parts[1:])
    probe = {}
    for line in open(f"{work}/{name}.probe"):
        parts = line.split()
        if parts and parts[0] == "PROBE":
            probe[int(parts[1])] = float(parts[2]) * 1000
    if not windows or not bench:
        sys.exit(f"bench-plans: wrk printed no WINDOW or BENCH lines for {name}")

    first_new = plans.get(new, (0, math.inf, math.inf))[1]
    last_old = plans.get(old, (0, -math.inf, -math.inf))[2]
    seconds = sorted(windows)
    # The first and last windows are partial, and the second one still warms up connections.
    full = seconds[2:-1]
    before = [s for s in full if s + 1 <= start]
    during = [s for s in full if s < end and s + 1 > start]
    after = [s for s in full if s >= end]
    swap = math.floor(first_new)

    def mean(values):
        return sum(values) / len(values) if values else float("nan")

    normal = mean([windows[s][0] for s in before])
    print(f"\n{title}")
    print(f"  request: status {status}, {float(curl_seconds):.3f} s (curl time_total)")
    print(f"  first response naming plan {new}: {first_new - start:.3f} s after the request started; "
          f"last response naming plan {old}: {last_old - start:.3f} s after it; the request ended {end - start:.3f} s after it")
    print(f"  lookups: {bench['requests']} in {float(bench['seconds']):.1f} s, p50 {int(bench['p50_us']) / 1000:.2f} ms, "
          f"p99 {int(bench['p99_us']) / 1000:.2f} ms, max {int(bench['max_us']) / 1000:.2f} ms")
    errors = {key: int(bench[key]) for key in ("non200", "connect", "read", "write", "timeout")}
    no_plan = sum(counts[2] for counts in windows.values())
    other_plans = {id: seen[0] for id, seen in plans.items() if id not in (old, new)}
    print(f"  errors: {errors}; responses naming no plan: {no_plan}, naming another plan: {other_plans or 0}")
    print(f"  responses naming plan {old}: {plans.get(old, (0,))[0]}, naming plan {new}: {plans.get(new, (0,))[0]}")
    print("  window (s from load start)   lookups/s   vs before   probe's longest lookup (ms)   note")
    for s in seconds:
        note = []
        if s in before:
            note.append("before")
        if s in during:
            note.append("request running")
        if s == swap:
            note.append(f"first response from plan {new}")
        if s in after:
            note.append("after")
        if s not in full:
            note.append("partial or warm-up, not counted")
        ratio = windows[s][0] / normal if normal == normal and normal > 0 else float("nan")
        longest = f"{probe[s]:.1f}" if s in probe else "-"
        print(f"  {s - math.floor(load_start):>5}   {windows[s][0]:>23}   {ratio:>9.2f}   {longest:>27}   {', '.join(note)}")
    summary = [("before (mean)", before), ("while the request ran (mean)", during), ("after (mean)", after)]
    for label, chosen in summary:
        value = mean([windows[s][0] for s in chosen])
        print(f"  {label:<30} {value:>10.0f}/s   {value / normal:.2f} of before   ({len(chosen)} windows)")
    if swap in windows:
        print(f"  {'swap window':<30} {windows[swap][0]:>10.0f}/s   {windows[swap][0] / normal:.2f} of before")
    spread = [windows[s][0] / normal for s in before]
    if spread:
        print(f"  noise: the windows before range from {min(spread):.2f} to {max(spread):.2f} of their mean")
    probe_before = [probe[s] for s in before if s in probe]
    if probe_before and swap in probe:
        print(f"  probe's longest lookup: {max(probe_before):.1f} ms in the windows before, {probe[swap]:.1f} ms in the swap window")

phase("publish", plan_a, plan_b, f"publish of draft {plan_b} (its coverage report checked before, so reused; then rebuild and swap), plan {plan_a} in force before")
phase("withdraw", plan_b, plan_a, f"withdraw of plan {plan_b} (rebuild and swap of plan {plan_a}, no coverage report)")
EOF
echo "=================================================================="

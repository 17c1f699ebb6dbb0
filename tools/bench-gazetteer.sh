#!/usr/bin/env bash
# Measures the address gazetteer on a generated city of about 500,000 addresses and compares
# it with PostgreSQL pg_trgm on the same data and queries, all on this machine:
#   - sakura: index build time, resident memory, search and autocomplete latency (p50, p99),
#     single-thread queries per second and top-1 accuracy on messy queries
#     (`sakura-bench gazetteer`, release build);
#   - PostgreSQL: trigram index build time, top-1 accuracy of the nearest row by trigram
#     distance (`<->` on a GiST index) and queries per second with pgbench (2 clients).
# The city comes from tools/make_demo_city.py and the queries from tools/make_messy_queries.py.
# PostgreSQL runs in a throw-away cluster in the temporary folder that listens only on a Unix
# socket there. It is installed with apt-get when missing (needs root) and skipped, with the
# reason, when it cannot be installed or started.
#
# Environment (all optional):
#   ADDRESSES=500000   approximate number of address rows to generate
#   QUERIES=1000       number of messy queries;  SEED=7  their random seed
#   SCRATCH=.build     swift build scratch path
#   POSTGRES=1         0 skips PostgreSQL;  PGBENCH_SECONDS=10  pgbench duration in seconds
#   SHOW_FAILURES=10   number of queries that PostgreSQL gets wrong to print
#   BY_FORM=0          1 runs sakura-bench again on the queries of each form (one index build
#                      per form, about 10 s each at 500,000 addresses) and prints top-1 per form
#   KEEP=0             1 keeps the temporary folder with the city and queries
set -euo pipefail
cd "$(dirname "$0")/.."

addresses_target=${ADDRESSES:-500000}
query_count=${QUERIES:-1000}
seed=${SEED:-7}
scratch=${SCRATCH:-.build}
use_postgres=${POSTGRES:-1}
pgbench_seconds=${PGBENCH_SECONDS:-10}
show_failures=${SHOW_FAILURES:-10}
by_form=${BY_FORM:-0}
keep=${KEEP:-0}

for value in "$addresses_target" "$query_count" "$seed" "$pgbench_seconds" "$show_failures"; do
    [[ $value =~ ^[0-9]+$ ]] || { echo "bench-gazetteer: invalid number '$value' in ADDRESSES, QUERIES, SEED, PGBENCH_SECONDS or SHOW_FAILURES" >&2; exit 2; }
done

work=$(mktemp -d /tmp/sakura-gazbench.XXXXXX)
pg_bin=""
pg_data=""
pg_user=""

cleanup() {
    if [[ -n $pg_data && -f $pg_data/postmaster.pid ]]; then
        as_pg_user "$pg_bin/pg_ctl" -D "$pg_data" -m immediate -w -t 30 stop > /dev/null 2>&1 || true
    fi
    if [[ $keep == 1 ]]; then
        echo "kept $work"
    else
        rm -rf "$work"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

now() { date +%s.%N; }
since() { awk -v start="$1" -v end="$(now)" 'BEGIN { printf "%.1f", end - start }'; }

# Runs a command as the owner of the PostgreSQL cluster: initdb and postgres refuse to run as root.
as_pg_user() {
    if [[ -n $pg_user ]]; then
        runuser -u "$pg_user" -- "$@"
    else
        "$@"
    fi
}

echo "== bench-gazetteer, $(date -u '+%Y-%m-%d %H:%M:%S') UTC, temporary folder $work"

# 1. City.
city_command=(python3 tools/make_demo_city.py --out "$work/city" --id big --addresses-target "$addresses_target")
start=$(now)
timeout 1800 "${city_command[@]}" > "$work/city.log"
city_seconds=$(since "$start")
grep -E '^(Streets|Addresses):' "$work/city.log" || true
echo "city generated in $city_seconds s"

# 2. Queries.
queries_command=(python3 tools/make_messy_queries.py --streets "$work/city/streets.csv" --addresses "$work/city/addresses.csv"
    --count "$query_count" --seed "$seed" --out "$work/queries.tsv")
timeout 600 "${queries_command[@]}" --forms-out "$work/forms.txt"

# 3. sakura.
build_command=(swift build -c release --product sakura-bench --scratch-path "$scratch")
start=$(now)
timeout 3600 "${build_command[@]}" > "$work/build.log" 2>&1 || { tail -30 "$work/build.log" >&2; exit 1; }
compile_seconds=$(since "$start")
bench="$(swift build -c release --scratch-path "$scratch" --show-bin-path)/sakura-bench"
bench_command=("$bench" gazetteer "$work/city/streets.csv" "$work/city/addresses.csv" "$work/queries.tsv")
echo "== sakura-bench (compiled in $compile_seconds s)"
timeout 900 "${bench_command[@]}" | tee "$work/sakura.txt"

if [[ $by_form == 1 ]]; then
    echo "== sakura top-1 by query form (a query may have several forms)"
    forms=$(tr ',' '\n' < "$work/forms.txt" | sed '/^$/d' | sort | uniq -c | sort -rn | awk '{ print $2 }')
    for form in $forms; do
        paste "$work/queries.tsv" "$work/forms.txt" | awk -F'\t' -v form="$form" '
            { n = split($4, list, ","); for (i = 1; i <= n; i++) if (list[i] == form) { print $1 "\t" $2 "\t" $3; next } }' > "$work/form.tsv"
        line=$(timeout 900 "$bench" gazetteer "$work/city/streets.csv" "$work/city/addresses.csv" "$work/form.tsv" | grep '^top-1 correct:')
        printf '  %-13s %s\n' "$form" "${line#top-1 correct: }"
    done
fi

# 4. PostgreSQL with pg_trgm.
pg_status="not run (POSTGRES=$use_postgres)"
pg_index_seconds="-"
pg_load_seconds="-"
pg_qps="-"
pg_single_qps="-"
pg_top1="-"
pg_sizes="-"
pg_version="-"
pg_rows="-"

# Finds or installs the PostgreSQL server binaries and sets pg_bin. On failure it sets pg_status.
find_postgres() {
    pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2> /dev/null | sort -V | tail -1 || true)
    if [[ -z $pg_bin || ! -x $pg_bin/initdb ]]; then
        if [[ $(id -u) != 0 ]] || ! command -v apt-get > /dev/null; then
            pg_status="skipped: PostgreSQL is not installed, and installing it needs root and apt-get"
            return 1
        fi
        echo "installing postgresql and postgresql-contrib with apt-get"
        if ! timeout 900 apt-get install -y postgresql postgresql-contrib > "$work/apt.log" 2>&1; then
            timeout 600 apt-get update >> "$work/apt.log" 2>&1 || true
            if ! timeout 900 apt-get install -y postgresql postgresql-contrib >> "$work/apt.log" 2>&1; then
                pg_status="skipped: apt-get install postgresql postgresql-contrib failed: $(tail -1 "$work/apt.log")"
                return 1
            fi
        fi
        pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2> /dev/null | sort -V | tail -1 || true)
    fi
    if [[ -z $pg_bin || ! -x $pg_bin/initdb || ! -x $pg_bin/pgbench ]]; then
        pg_status="skipped: initdb or pgbench not found under /usr/lib/postgresql/*/bin"
        return 1
    fi
}

# Creates and starts the throw-away cluster. On failure it sets pg_status.
start_postgres() {
    pg_data=$work/pg/data
    pg_socket=$work/pg/socket
    mkdir -p "$pg_data" "$pg_socket"
    if [[ $(id -u) == 0 ]]; then
        pg_user=postgres
        if ! id "$pg_user" > /dev/null 2>&1; then
            pg_status="skipped: running as root and there is no 'postgres' user to own the cluster"
            return 1
        fi
        chmod 711 "$work"
        chown -R "$pg_user" "$work/pg"
    fi
    # C.UTF-8 makes pg_trgm treat Cyrillic and Kazakh letters as word characters and fold their case.
    if ! as_pg_user "$pg_bin/initdb" -D "$pg_data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 > "$work/initdb.log" 2>&1; then
        pg_status="skipped: initdb failed: $(tail -1 "$work/initdb.log")"
        return 1
    fi
    # The memory settings keep the table and the index in shared buffers during the queries.
    # fsync=off only speeds up loading this throw-away data.
    local options="-c listen_addresses='' -k $pg_socket -p 5432 -c shared_buffers=1GB -c work_mem=64MB"
    options+=" -c maintenance_work_mem=1GB -c fsync=off -c synchronous_commit=off -c jit=off -c max_wal_size=4GB"
    if ! as_pg_user "$pg_bin/pg_ctl" -D "$pg_data" -l "$work/pg/server.log" -w -t 60 -o "$options" start > /dev/null 2>&1; then
        pg_status="skipped: the server did not start: $(tail -3 "$work/pg/server.log" 2> /dev/null | tr '\n' ' ')"
        return 1
    fi
}

psql_run() {
    timeout 1800 "$pg_bin/psql" -h "$pg_socket" -U postgres -d postgres -X -q -v ON_ERROR_STOP=1 "$@"
}

# Loads the data, builds the trigram index and measures it. On failure it sets pg_status.
run_postgres() {
    pg_version=$("$pg_bin/postgres" --version | awk '{ print $3 }')
    if ! psql_run -c 'CREATE EXTENSION pg_trgm' > "$work/pg/extension.log" 2>&1; then
        pg_status="skipped: CREATE EXTENSION pg_trgm failed (package postgresql-contrib?): $(tail -1 "$work/pg/extension.log")"
        return 1
    fi

    # Every address gets one row per street name: Russian, Kazakh and each former name, so
    # pg_trgm can match the same names that sakura indexes. A row's street and house stay as in
    # addresses.csv for the comparison with the label.
    local start
    start=$(now)
    psql_run <<SQL || { pg_status="failed: loading the data"; return 1; }
CREATE TABLE streets (name_ru text, name_kk text, type text, district text, aliases text);
\copy streets FROM '$work/city/streets.csv' WITH (FORMAT csv, HEADER true)
CREATE TABLE addresses (street text, house text, lat float8, lon float8);
\copy addresses FROM '$work/city/addresses.csv' WITH (FORMAT csv, HEADER true)
CREATE TABLE queries (id serial PRIMARY KEY, text text, street text, house text);
\copy queries (text, street, house) FROM '$work/queries.tsv' WITH (FORMAT csv, DELIMITER E'\t', QUOTE E'\x01')
CREATE TABLE targets AS
SELECT a.street, a.house, n.name || ' ' || a.house AS full_text
FROM addresses a
JOIN (
    SELECT name_ru AS street, name_ru AS name FROM streets
    UNION SELECT name_ru, name_kk FROM streets WHERE name_kk <> ''
    UNION SELECT name_ru, trim(alias) FROM streets, unnest(string_to_array(aliases, ';')) AS alias WHERE trim(alias) <> ''
) n ON n.street = a.street;
VACUUM ANALYZE targets;
VACUUM ANALYZE queries;
SQL
    pg_load_seconds=$(since "$start")
    pg_rows=$(psql_run -At -c 'SELECT count(*) FROM targets')

    # GiST, because only GiST orders by trigram distance (`<->`) from the index, so every
    # query gets its nearest row. A GIN index serves `%` with a similarity threshold
    # (pg_trgm.similarity_threshold, 0.3 by default) and returns no row for a query whose
    # best match is under it.
    start=$(now)
    psql_run -c 'CREATE INDEX targets_full_text_trgm ON targets USING gist (full_text gist_trgm_ops)' \
        || { pg_status="failed: CREATE INDEX"; return 1; }
    pg_index_seconds=$(since "$start")
    psql_run -c 'CREATE EXTENSION IF NOT EXISTS pg_prewarm' -c 'VACUUM ANALYZE targets' \
        -c "SELECT pg_prewarm('targets'), pg_prewarm('targets_full_text_trgm')" > /dev/null \
        || echo "note: pg_prewarm failed, so the first queries may read the table and index from disk"
    pg_sizes=$(psql_run -At -c "SELECT 'table ' || pg_size_pretty(pg_relation_size('targets')) || ', index ' || pg_size_pretty(pg_relation_size('targets_full_text_trgm'))")

    # (a) Top-1 accuracy in one statement. Its run time also gives single-session queries per second.
    local nearest="SELECT street, house FROM targets ORDER BY full_text <-> q.text LIMIT 1"
    start=$(now)
    psql_run -At -F ' ' <<SQL > "$work/pg/top1.txt" || { pg_status="failed: the accuracy statement"; return 1; }
SET statement_timeout = '30min';
CREATE TABLE answers AS
SELECT q.id, q.text, q.street, q.house, r.street AS found_street, r.house AS found_house
FROM queries q CROSS JOIN LATERAL ($nearest) r;
SQL
    local top1_seconds
    top1_seconds=$(since "$start")
    read -r correct total < <(psql_run -At -F ' ' -c "SELECT count(*) FILTER (WHERE lower(found_street) = lower(street) AND lower(found_house) = lower(house)), (SELECT count(*) FROM queries) FROM answers")
    pg_top1=$(awk -v c="$correct" -v t="$total" 'BEGIN { printf "%d of %d (%.1f %%)", c, t, 100 * c / t }')
    pg_single_qps=$(awk -v t="$total" -v s="$top1_seconds" 'BEGIN { printf "%.0f", t / s }')
    echo "PostgreSQL $pg_version pg_trgm: $pg_rows rows ($pg_sizes), load $pg_load_seconds s, GiST index $pg_index_seconds s"
    echo "top-1 correct: $pg_top1, $top1_seconds s for all queries in one session ($pg_single_qps queries/s)"
    if (( show_failures > 0 )); then
        echo "-- up to $show_failures queries that PostgreSQL gets wrong: query | expected | found"
        psql_run -At -F ' | ' -c "SELECT text, street || ' ' || house, coalesce(found_street || ' ' || found_house, '(none)')
            FROM answers WHERE NOT (lower(found_street) = lower(street) AND lower(found_house) = lower(house)) IS TRUE
            ORDER BY id LIMIT $show_failures"
    fi

    # (b) Queries per second with pgbench, 2 clients on 2 threads, a random query each time.
    cat > "$work/pg/pgbench.sql" <<SQL
\\set id random(1, $total)
SELECT r.street, r.house FROM queries q CROSS JOIN LATERAL ($nearest) r WHERE q.id = :id;
SQL
    timeout $((pgbench_seconds + 120)) "$pg_bin/pgbench" -h "$pg_socket" -U postgres -n -T "$pgbench_seconds" -c 2 -j 2 \
        -f "$work/pg/pgbench.sql" postgres > "$work/pg/pgbench.txt" 2>&1 || { pg_status="failed: pgbench: $(tail -1 "$work/pg/pgbench.txt")"; return 1; }
    pg_qps=$(awk '/^tps = / { printf "%.0f", $3 }' "$work/pg/pgbench.txt")
    grep -E '^(number of transactions actually processed|latency average|tps)' "$work/pg/pgbench.txt"
    pg_status="ok"
}

if [[ $use_postgres == 1 ]]; then
    echo "== PostgreSQL pg_trgm"
    if find_postgres && start_postgres && run_postgres; then
        :
    fi
    [[ $pg_status == ok ]] || echo "PostgreSQL $pg_status"
fi

# 5. Summary.
field() { grep -m1 "$1" "$work/sakura.txt" || true; }
sizes=$(field '^gazetteer:')
build=$(field '^index build:' | awk '{ print $3 }')
memory=$(field '^memory:' | awk '{ print $2 }')
search=$(field '^search:')
search_p50=$(awk '{ print $5 }' <<< "$search")
search_p99=$(awk '{ print $8 }' <<< "$search")
search_qps=$(awk '{ print $10 }' <<< "$search")
complete=$(field '^autocomplete:')
complete_p50=$(awk '{ print $5 }' <<< "$complete")
complete_p99=$(awk '{ print $8 }' <<< "$complete")
top1=$(field '^top-1 correct:' | sed -E 's/^top-1 correct: ([^;]*);.*/\1/')
# Prints "met" or "MISSED" for value < limit.
check() { awk -v value="$1" -v limit="$2" 'BEGIN { if (value == "") print "n/a"; else print (value + 0 < limit ? "met" : "MISSED") }'; }

cat <<SUMMARY

== summary
date:        $(date -u '+%Y-%m-%d %H:%M') UTC
machine:     $(nproc) cores, $(free -m | awk '/^Mem:/ { printf "%.1f GiB", $2 / 1024 }') memory, Linux $(uname -r)
commands:    ${city_command[*]}  ($city_seconds s)
             ${queries_command[*]}
             ${build_command[*]}  ($compile_seconds s)
             ${bench_command[*]}
sizes:       $(wc -l < "$work/city/streets.csv" | awk '{ print $1 - 1 }') streets, $(wc -l < "$work/city/addresses.csv" | awk '{ print $1 - 1 }') address rows, $query_count queries (seed $seed)
             sakura-bench read: ${sizes#gazetteer: }
sakura:      index build   $build s       (target < 5 s: $(check "$build" 5))
             memory        $memory MiB resident after build (target < 300 MB = 286 MiB: $(check "$memory" 286.1))
             search        p50 $search_p50 ms, p99 $search_p99 ms (target p99 < 2 ms: $(check "$search_p99" 2)), $search_qps queries/s on 1 thread
             autocomplete  p50 $complete_p50 ms, p99 $complete_p99 ms (target p99 < 2 ms: $(check "$complete_p99" 2))
             top-1         $top1
PostgreSQL:  $pg_status${pg_version:+, version $pg_version}
             GiST trigram index build $pg_index_seconds s over $pg_rows rows (load $pg_load_seconds s; $pg_sizes)
             queries/s     $pg_qps with pgbench -n -T $pgbench_seconds -c 2 -j 2, $pg_single_qps in one session
             top-1         $pg_top1
SUMMARY

#!/usr/bin/env bash
# Compares two builds of yibao on the HTTP settlement benchmark, interleaved (issue 6).
#
# This virtual machine's speed drifts by ±20 % over minutes, more than most changes are worth, so
# running one build's levels and then the other's (bench-http.sh with YIBAO_BIN) compares the drift as
# much as the builds. Here both servers run side by side on fresh databases and the load generator
# alternates between them, a few seconds each, for several rounds; only one server is loaded at a time.
#
#   scripts/bench-ab.sh BINARY_A BINARY_B [postgres://user@127.0.0.1:PORT]     (no URL: SQLite)
# Environment: ROUNDS (default 6; an even number balances which build goes first), CLIENTS (default 32), SECONDS_PER_ROUND (default 5),
#              KIND (outpatient | settle | inpatient | pharmacy | envelope, default outpatient), PORT_A / PORT_B (default 8101 / 8102).
# The generator is BINARY_A's `bench http` for both. Prints one line per round and build, then each
# build's medians: settlements/s, settle p99 ms, the server's CPU ms per settlement, PostgreSQL's CPU
# ms per settlement (PostgreSQL only) and the SQLite writer's held ms per settlement (SQLite only).
set -euo pipefail
cd "$(dirname "$0")/.."
[[ $# -ge 2 ]] || { sed -n '2,15p' "$0"; exit 2; }
BIN=("$1" "$2")
PG_BASE="${3:-}"
ROUNDS="${ROUNDS:-6}"; CLIENTS="${CLIENTS:-32}"; SECS="${SECONDS_PER_ROUND:-5}"; KIND="${KIND:-outpatient}"
PORT=("${PORT_A:-8101}" "${PORT_B:-8102}")
WORK="$(mktemp -d)"
export YIBAO_LOG_LEVEL=warning
DB=() DBNAME=() SERVER=() PID=() TOKEN=()
cleanup() {
  for s in "${SERVER[@]}"; do kill "$s" 2>/dev/null || true; wait "$s" 2>/dev/null || true; done
  if [[ -n "$PG_BASE" ]]; then
    for name in "${DBNAME[@]}"; do psql "${PG_BASE%/}/postgres" -qc "DROP DATABASE IF EXISTS $name" >/dev/null 2>&1 || true; done
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

for i in 0 1; do
  if [[ -n "$PG_BASE" ]]; then
    DBNAME[i]="yibao_ab_$(date +%s)_$i"
    psql "${PG_BASE%/}/postgres" -qc "CREATE DATABASE ${DBNAME[i]}" >/dev/null
    DB[i]="${PG_BASE%/}/${DBNAME[i]}"
  else
    DB[i]="$WORK/$i.sqlite"
  fi
  timeout 3600 "${BIN[i]}" serve --demo --host 127.0.0.1 --port "${PORT[i]}" --database "${DB[i]}" >"$WORK/server$i.log" 2>&1 &
  SERVER[i]=$!
done
for i in 0 1; do
  for _ in $(seq 1 300); do
    curl -s -o /dev/null "http://127.0.0.1:${PORT[i]}/health" && break
    sleep 0.3
  done
  TOKEN[i]="$("${BIN[i]}" user token "$([[ "$KIND" == pharmacy ]] && echo pharmacy-pos || echo his)" --database "${DB[i]}" 2>/dev/null | tail -1)"
  [[ -n "${TOKEN[i]}" ]] || { echo "server ${BIN[i]} did not come up:"; cat "$WORK/server$i.log"; exit 1; }
  PID[i]="$(pgrep -P "${SERVER[i]}" | head -1)"   # yibao itself, under `timeout`
done

HZ="$(getconf CLK_TCK)"
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
postgres_ticks() {
  [[ -n "$PG_BASE" ]] || { echo 0; return; }
  for pid in $(pgrep -x postgres); do awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null; done | awk '{s += $1} END {print s + 0}'
}
writer_seconds() {
  curl -s "http://127.0.0.1:$1/metrics" | awk '$1 == "yibao_sqlite_writer_busy_seconds" { print $2; found = 1 } END { if (!found) print 0 }'
}

echo "# $(date -u '+%Y-%m-%d %H:%M UTC')  $([[ -n "$PG_BASE" ]] && echo PostgreSQL || echo SQLite)  $KIND  $CLIENTS clients  $ROUNDS rounds of ${SECS} s"
printf 'build\tround\tsettlements/s\tsettle p99 ms\tserver CPU ms\tPostgreSQL CPU ms\twriter held ms\n'
for round in $(seq 1 "$ROUNDS"); do
  # The build measured first in a round ran 5–6 % faster in A/A-like comparisons (24 November): so
  # odd rounds run A first and even rounds B first.
  for i in $( ((round % 2)) && echo 0 1 || echo 1 0 ); do
    c0="$(cpu_ticks "${PID[i]}")"; p0="$(postgres_ticks)"; w0="$(writer_seconds "${PORT[i]}")"
    out="$("${BIN[0]}" bench http --url "http://127.0.0.1:${PORT[i]}" --token "${TOKEN[i]}" --clients "$CLIENTS" \
          --seconds "$SECS" --kind "$KIND" | tail -1)"
    c1="$(cpu_ticks "${PID[i]}")"; p1="$(postgres_ticks)"; w1="$(writer_seconds "${PORT[i]}")"
    # The generator reads the server's CPU and writer figures from its /metrics around the timed window
    # (columns 11 and 12), which leaves out a settle level's registrations; a server built before
    # yibao_process_cpu_seconds existed reports "-" and is measured from outside instead.
    # PostgreSQL's figure always includes them.
    echo "$out" | awk -F'\t' -v b="$([[ $i == 0 ]] && echo A || echo B)" -v r="$round" -v hz="$HZ" \
      -v c="$((c1 - c0))" -v p="$((p1 - p0))" -v w0="$w0" -v w1="$w1" \
      '{ n = ($3 > 0) ? $3 : 1
         cpu = ($11 != "" && $11 != "-") ? $11 : c * 1000 / hz / n
         held = ($12 != "" && $12 != "-") ? $12 : (w1 - w0) * 1000 / n
         printf "%s\t%d\t%s\t%s\t%.2f\t%.2f\t%.2f\n", b, r, $4, $7, cpu, p * 1000 / hz / n, held }'
  done
done | tee "$WORK/rounds.tsv"
echo "# medians (A = $1, B = $2)"
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
for b in A B; do
  line="$b\tmedian"
  for f in 3 4 5 6 7; do line="$line\t$(awk -F'\t' -v b="$b" '$1 == b { print $'"$f"' }' "$WORK/rounds.tsv" | median)"; done
  echo -e "$line"
done

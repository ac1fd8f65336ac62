#!/usr/bin/env bash
# HTTP real-time settlement benchmark (issue 6): builds release, serves the demo on 127.0.0.1 with a
# fresh database, issues the HIS token and runs `yibao bench http` (a separate process) at 1, 8, 32
# and 128 clients for outpatient (2201+2204+2207) and inpatient (2401+2301+2402+2304) flows, or the
# KINDS named (settle: 2204+2207 on visits registered first; pharmacy: 2201+2204+2207 at the demo
# pharmacy, med_type 41; envelope: the floor under a flow).
#
#   scripts/bench-http.sh [postgres://user@127.0.0.1:PORT]     (no argument: SQLite)
# Needs /usr/bin/time (Debian's `time` package) for the generator's own CPU.
# Environment: SECONDS_PER_LEVEL (default 10), CLIENTS (default 1,8,32,128), PORT (default 8089),
#              SCRATCH (SwiftPM scratch path, default .build), KINDS (default "outpatient inpatient"),
#              YIBAO_BIN (use this binary instead of building), GENERATOR_BIN (run the load generator
#              from this binary: the same generator when comparing two servers).
set -euo pipefail
cd "$(dirname "$0")/.."
PG_BASE="${1:-}"
SECS="${SECONDS_PER_LEVEL:-10}"
CLIENTS="${CLIENTS:-1,8,32,128}"
PORT="${PORT:-8089}"
SCRATCH="${SCRATCH:-.build}"
KINDS="${KINDS:-outpatient inpatient}"

if [[ -n "${YIBAO_BIN:-}" ]]; then
  BIN="$YIBAO_BIN"   # a binary built elsewhere (comparing two builds)
else
  if ! BUILD_LOG="$(swift build -c release --scratch-path "$SCRATCH" 2>&1)"; then
    echo "$BUILD_LOG" | grep -E "error" >&2; exit 1
  fi
  BIN="$(swift build -c release --scratch-path "$SCRATCH" --show-bin-path)/yibao"
fi
WORK="$(mktemp -d)"
if [[ -n "$PG_BASE" ]]; then
  DBNAME="yibao_bench_$(date +%s)"
  psql "${PG_BASE%/}/postgres" -qc "CREATE DATABASE $DBNAME" >/dev/null
  DB="${PG_BASE%/}/$DBNAME"
else
  DB="$WORK/bench.sqlite"
fi
export YIBAO_LOG_LEVEL=warning
timeout 1800 "$BIN" serve --demo --host 127.0.0.1 --port "$PORT" --database "$DB" >"$WORK/server.log" 2>&1 &
SERVER=$!
cleanup() {
  kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true
  [[ -n "$PG_BASE" ]] && psql "${PG_BASE%/}/postgres" -qc "DROP DATABASE IF EXISTS $DBNAME" >/dev/null 2>&1
  rm -rf "$WORK"
}
trap cleanup EXIT
# The server listens once the demo is loaded; the tokens can be issued from then on: the hospital
# system's, and the demo pharmacy's for the pharmacy kind.
TOKEN=""
for _ in $(seq 1 300); do
  if curl -s -o /dev/null "http://127.0.0.1:$PORT/his" -X POST -d '{}'; then
    TOKEN="$("$BIN" user token his --database "$DB" 2>/dev/null | tail -1)" && [[ -n "$TOKEN" ]] && break
  fi
  sleep 0.2
done
[[ -n "$TOKEN" ]] || { echo "server did not come up:"; cat "$WORK/server.log"; exit 1; }
PHARMACY_TOKEN="$("$BIN" user token pharmacy-pos --database "$DB" 2>/dev/null | tail -1)"
echo "# $(date -u '+%Y-%m-%d %H:%M UTC')  database: $([[ -n "$PG_BASE" ]] && echo "PostgreSQL $DB" || echo SQLite)  seconds per level: $SECS"
# The server's own CPU time per settlement and its SQLite writer's held time come from the generator
# (its last two columns), read from the server's /metrics around each level's timed window: unlike
# throughput they do not depend on what else the two cores are doing, and a settle level's
# registrations stay out of them. PostgreSQL's and the generator's CPU are measured here, around the
# whole run of the generator, registrations included.
# With PostgreSQL, its processes' CPU too (the server's backends and background workers on this machine).
postgres_cpu_ticks() {
  [[ -n "$PG_BASE" ]] || { echo 0; return; }
  for pid in $(pgrep -x postgres); do awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null; done | awk '{s += $1} END {print s + 0}'
}
TICKS_PER_SECOND="$(getconf CLK_TCK)"
per_settlement() { awk -v t="$1" -v hz="$TICKS_PER_SECOND" -v n="$2" 'BEGIN { printf "%.2f", (n > 0) ? (t * 1000 / hz / n) : 0 }'; }
for KIND in $KINDS; do
  HEADER=1
  for LEVEL in ${CLIENTS//,/ }; do
    PG_BEFORE="$(postgres_cpu_ticks)"
    OUT="$(timeout $((SECS * 2 + 120)) /usr/bin/time -f "%U %S" -o "$WORK/generator.time" "${GENERATOR_BIN:-$BIN}" bench http \
      --url "http://127.0.0.1:$PORT" --token "$([[ "$KIND" == pharmacy ]] && echo "$PHARMACY_TOKEN" || echo "$TOKEN")" --clients "$LEVEL" --seconds "$SECS" --kind "$KIND" ${SAME_PERSON:+--same-person})"
    PG_AFTER="$(postgres_cpu_ticks)"
    SETTLED="$(echo "$OUT" | tail -1 | cut -f3)"
    GENERATOR_MS="$(awk -v n="$SETTLED" '{ printf "%.2f", (n > 0) ? (($1 + $2) * 1000 / n) : 0 }' "$WORK/generator.time")"
    [[ -n "$HEADER" ]] && echo "$(echo "$OUT" | head -1)	PostgreSQL CPU ms/settlement	generator CPU ms/settlement" && HEADER=""
    echo "$(echo "$OUT" | tail -1)	$(per_settlement $((PG_AFTER - PG_BEFORE)) "$SETTLED")	$GENERATOR_MS"
  done
done

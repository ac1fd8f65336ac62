#!/usr/bin/env bash
# What PostgreSQL alone can do for the settlement flow (issue 6): loads the demo into a fresh database,
# adds 200,000 open visits, then runs scripts/bench-ideal-flow.sql with pgbench (its own C client,
# prepared statements, pipelines) and reads the CPU time of PostgreSQL's processes and of pgbench.
#   scripts/bench-ideal-flow.sh postgres://user@127.0.0.1:PORT      Environment: CLIENTS (32), DURATION (10 s), YIBAO_BIN
set -euo pipefail
cd "$(dirname "$0")/.."
PG_BASE="${1:?postgres://user@127.0.0.1:PORT}"
CLIENTS="${CLIENTS:-32}"; SECS="${DURATION:-10}"
BIN="${YIBAO_BIN:-$(swift build -c release --show-bin-path)/yibao}"
DBNAME="yibao_ideal_$(date +%s)"
WORK="$(mktemp -d)"
psql "${PG_BASE%/}/postgres" -qc "CREATE DATABASE $DBNAME" >/dev/null
trap 'psql "${PG_BASE%/}/postgres" -qc "DROP DATABASE IF EXISTS $DBNAME" >/dev/null 2>&1; rm -rf "$WORK"' EXIT
DB="${PG_BASE%/}/$DBNAME"
YIBAO_LOG_LEVEL=warning "$BIN" demo load --database "$DB" >/dev/null
psql "$DB" -q <<'SQL'
INSERT INTO audit_heads (admdvs, seq, hash) VALUES ('350200', 0, repeat('0', 64)) ON CONFLICT DO NOTHING;
INSERT INTO encounters (admdvs, mdtrt_id, psn_no, fixmedins_code, insutype, med_type, referral, ipt_otp_no, begntime, endtime, status, created_at)
SELECT '350200', 1000000000000 + i, p.psn_no, 'H35020000001', '310', '11', 0, '', '2026-11-20', NULL, 'open', 0
FROM generate_series(1, 200000) i
JOIN (SELECT psn_no, row_number() OVER (ORDER BY psn_no) - 1 AS k, count(*) OVER () AS n
      FROM person_accounts WHERE admdvs = '350200') p ON p.k = i % p.n;
VACUUM ANALYZE;
SQL
# The machine's busy time (all processes: PostgreSQL's backends come and go with pgbench's connections).
busy() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8}' /proc/stat; }
before="$(busy)"
/usr/bin/time -f "%U %S" -o "$WORK/pgbench.time" pgbench -n -M prepared -c "$CLIENTS" -j 2 -T "$SECS" -f scripts/bench-ideal-flow.sql "$DB" > "$WORK/pgbench.out"
after="$(busy)"
flows="$(awk '/number of transactions actually processed/ {print $NF}' "$WORK/pgbench.out" | cut -d/ -f1)"
grep -E "latency average|tps" "$WORK/pgbench.out"
awk -v t="$((after - before))" -v hz="$(getconf CLK_TCK)" -v n="$flows" -v secs="$SECS" '{
  printf "flows %d (%.0f/s); machine busy %.0f %% of %d cores; CPU per flow: machine %.3f ms, of which pgbench %.3f ms\n",
         n, n / secs, t / hz / secs / cores * 100, cores, t * 1000 / hz / n, ($1 + $2) * 1000 / n }' cores="$(nproc)" "$WORK/pgbench.time"

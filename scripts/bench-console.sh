#!/usr/bin/env bash
# Console page times (issue 7): builds release, loads the demo into a fresh SQLite file, generates
# PERSONS more persons into Xiamen (350200), serves on 127.0.0.1 and fetches each main page ROUNDS
# times as the administrator. Prints per page the server time (curl's time to first byte after the
# request was sent: server work plus one loopback round trip) p50 / p95 / max in ms, and the size.
#
#   scripts/bench-console.sh
# Environment: PERSONS (default 100000), ROUNDS (default 30), PORT (default 8097), SCRATCH (default .build).
set -euo pipefail
cd "$(dirname "$0")/.."
PERSONS="${PERSONS:-100000}"
ROUNDS="${ROUNDS:-30}"
PORT="${PORT:-8097}"
SCRATCH="${SCRATCH:-.build}"

if ! BUILD_LOG="$(swift build -c release --product yibao --scratch-path "$SCRATCH" 2>&1)"; then
  echo "$BUILD_LOG" | grep -E "error" >&2; exit 1
fi
BIN="$(swift build -c release --scratch-path "$SCRATCH" --show-bin-path)/yibao"
WORK="$(mktemp -d)"
DB="$WORK/console.sqlite"
"$BIN" demo load --database "$DB" >/dev/null
"$BIN" demo generate --persons "$PERSONS" --region 350200 --seed 7 --database "$DB" >/dev/null
YIBAO_LOG_LEVEL=warning timeout 1800 "$BIN" serve --host 127.0.0.1 --port "$PORT" --database "$DB" >"$WORK/server.log" 2>&1 &
SERVER=$!
cleanup() { kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
for _ in $(seq 1 100); do curl -s -o /dev/null "http://127.0.0.1:$PORT/health" && break; sleep 0.2; done
JAR="$WORK/cookies"
curl -s -c "$JAR" -o /dev/null -H 'content-type: application/json' \
  -d '{"username":"admin","password":"DemoDemo2025"}' "http://127.0.0.1:$PORT/api/session"
# A person, an employer and a settlement of the region to open.
read -r PSN EMPLOYER < <(python3 - "$DB" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
psn = c.execute("SELECT psn_no FROM persons WHERE admdvs='350200' AND psn_type='employee' ORDER BY psn_no LIMIT 1 OFFSET 500").fetchone()[0]
employer = c.execute("SELECT id FROM employers WHERE admdvs='350200' ORDER BY id LIMIT 1").fetchone()[0]
print(psn, employer)
PY
)
echo "# $(date -u '+%Y-%m-%d %H:%M UTC')  SQLite, $PERSONS generated persons in 350200, $ROUNDS fetches per page"
printf 'page\tp50 ms\tp95 ms\tmax ms\tbytes\n'
for PAGE in /dashboard "/persons?q=%E5%BC%A0" "/persons/$PSN" /employers "/employers/350200/$EMPLOYER" /policies /payments /audit /calculator; do
  for _ in $(seq 1 "$ROUNDS"); do
    curl -s -b "$JAR" -o /dev/null -w '%{http_code} %{time_pretransfer} %{time_starttransfer} %{size_download}\n' "http://127.0.0.1:$PORT$PAGE"
  done | python3 -c '
import sys
page = sys.argv[1]
rows = [line.split() for line in sys.stdin]
bad = [r[0] for r in rows if r[0] != "200"]
if bad: sys.exit(page + ": HTTP " + bad[0])
t = sorted((float(r[2]) - float(r[1])) * 1000 for r in rows)
pick = lambda q: t[min(len(t) - 1, int(q * len(t)))]
print("%s\t%.1f\t%.1f\t%.1f\t%s" % (page, pick(0.5), pick(0.95), t[-1], rows[-1][3]))
' "$PAGE"
done

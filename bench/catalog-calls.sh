#!/usr/bin/env bash
# Catalog calls per 1,000 answers (issue 13): the bridge on the sandbox (which serves Get
# Entity from its catalog, its 32 products) with TARGET_TENANT_ID set, driven by wrk with a new shopper on
# every request whose abandoned cart (1-3 bare ids) is drawn from the catalog's products.
# Products are shared by shoppers, so Get Entity calls should follow the catalog's size,
# not the answer count. Reads recs_bridge_catalog_calls_seconds_count and
# recs_bridge_requests_total from /actuator/prometheus and prints the figure.
#
#   bench/catalog-calls.sh
#
# Environment (defaults in brackets):
#   BENCH_DURATION [30]      seconds of load
#   BENCH_CONNECTIONS [8]    wrk connections (2 threads)
#   BENCH_PORT_BASE [18400]  ports used: base+50 (API), base+51 (actuator) on 127.0.0.1
#   BENCH_SKIP_BUILD [0]     1: use the jar already in target/
#   BENCH_JAVA_HOME [/usr/lib/jvm/temurin-25-jdk-amd64]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAVA_HOME="${BENCH_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
DURATION="${BENCH_DURATION:-30}"
CONNECTIONS="${BENCH_CONNECTIONS:-8}"
PORT=$((${BENCH_PORT_BASE:-18400} + 50))
MANAGEMENT_PORT=$((PORT + 1))
KEY=sandbox-demo-key

if [[ ${BENCH_SKIP_BUILD:-0} != 1 ]]; then
	(cd "$ROOT" && ./mvnw -q -B -ntp package -DskipTests -Djacoco.skip=true)
fi
JAR=""
for candidate in "$ROOT"/target/recs-bridge-*.jar; do
	[[ -f $candidate ]] && JAR=$candidate && break
done
[[ -n $JAR ]] || {
	echo "no jar in $ROOT/target" >&2
	exit 1
}
command -v wrk >/dev/null || {
	echo "wrk is missing (apt-get install wrk)" >&2
	exit 1
}
WORK=$(mktemp -d)
BRIDGE_PID=""
cleanup() {
	[[ -z $BRIDGE_PID ]] || kill "$BRIDGE_PID" 2>/dev/null || true
	rm -rf "$WORK"
}
trap cleanup EXIT

# The sandbox's own catalog endpoint answers Get Entity; TARGET_TENANT_ID is set as a
# deployment with a real catalog sets it. No answer cache: every answer is built anew.
TARGET_TENANT_ID=bench SERVER_PORT=$PORT MANAGEMENT_SERVER_PORT=$MANAGEMENT_PORT BRIDGE_CACHE_TTL=0 \
	TARGET_RATE_RAMP=false TARGET_RATE_LIMIT=100000 \
	"$JAVA_HOME/bin/java" -jar "$JAR" >"$WORK/bridge.log" 2>&1 &
BRIDGE_PID=$!
for _ in $(seq 1 240); do
	curl -sf "http://127.0.0.1:$MANAGEMENT_PORT/actuator/health/readiness" >/dev/null && break
	kill -0 "$BRIDGE_PID" 2>/dev/null || {
		cat "$WORK/bridge.log" >&2
		exit 1
	}
	sleep 0.5
done

BENCH_KEY=$KEY wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" -s "$ROOT/bench/catalog-calls.lua" \
	"http://127.0.0.1:$PORT" >"$WORK/wrk.txt"
LOAD=$(cut -d' ' -f1-3 /proc/loadavg)

curl -sf "http://127.0.0.1:$MANAGEMENT_PORT/actuator/prometheus" >"$WORK/metrics.txt"
sum() { awk -v m="$1" '$1 ~ "^"m"({|$)" {s += $2} END {printf "%d", s}' "$WORK/metrics.txt"; }
REQUESTS=$(sum recs_bridge_requests_total)
# A request turned away at capacity (429, reason="overloaded") builds no payload and looks
# nothing up: the answers are the 200s, whatever their source.
TURNED_AWAY=$(grep '^recs_bridge_requests_total{.*reason="overloaded"' "$WORK/metrics.txt" |
	awk '{s += $2} END {printf "%d", s}')
ANSWERS=$((REQUESTS - TURNED_AWAY))
CALLS=$(sum recs_bridge_catalog_calls_seconds_count)
SENT=$(awk '/requests in/ {print $1}' "$WORK/wrk.txt")
echo "wrk: $SENT requests in ${DURATION} s over $CONNECTIONS connections; load average after: $LOAD"
echo "requests (recs_bridge_requests_total): $REQUESTS, of which turned away at capacity (429): $TURNED_AWAY"
echo "answers (200, a payload with its cart): $ANSWERS"
echo "Get Entity calls (recs_bridge_catalog_calls_seconds_count): $CALLS"
awk -v a="$ANSWERS" -v c="$CALLS" 'BEGIN {if (a > 0) printf "catalog calls per 1,000 answers: %.2f\n", 1000 * c / a}'
grep '^recs_bridge_catalog_calls_seconds_count' "$WORK/metrics.txt"
grep '^recs_bridge_requests_total' "$WORK/metrics.txt"

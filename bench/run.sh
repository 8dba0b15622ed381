#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR # the sources below are bench/lib/*.sh
# The bridge against the floor (issue 8): wrk against a Target stand-in directly, nginx
# proxying to it, the bridge with caching off and the bridge serving from its cache, at
# each upstream delay and concurrency, and at 20 ms a peer (issue 16: a plain Boot app on
# RestClient calling the stand-in, bench/peer/). Prints one Markdown table (see BENCHMARKS.md).
#
#   bench/run.sh            the full run (about 18 minutes with the defaults)
#   bench/run.sh --quick    a short validation run: fewer cells, 3 s each
#   bench/run.sh --shared   shared mode's cost (issue 15): the bridge on a Redis this script starts,
#                           beside the same cells in memory (see BENCHMARKS.md); no overload or
#                           start-up tables
#   bench/run.sh --cell bridge-nocache:200:2000
#                           one cell (target:delay:connections), beside the direct cell it is
#                           compared with; targets direct, nginx, bridge-nocache, bridge-cache,
#                           peer, and bridge-nocache-prod, bridge-cache-prod (the production
#                           bulkhead and rate limit, see BENCHMARKS.md), bridge-nocache-shared,
#                           bridge-cache-shared (shared mode, Redis); no start-up table
#
# Environment (defaults in brackets):
#   BENCH_DURATION [15]         seconds measured per cell
#   BENCH_WARMUP [5]            seconds of unmeasured load before each cell
#   BENCH_PRIME [30]            seconds of unmeasured load (50 connections) after each bridge start,
#                               so its first cell does not pay for the JIT
#   BENCH_DELAYS ["20 200"]     stand-in delays, ms
#   BENCH_CONNECTIONS ["50 500 2000"]   wrk connections per cell (ascending: peak memory grows)
#   BENCH_RATE_CONNECTIONS [20] extra cell at the 20 ms delay, ~1,000 requests/s closed loop
#                               (20 connections / ~20 ms); empty to leave it out
#   BENCH_WRK_TIMEOUT [2s]      wrk counts slower answers as timeouts
#   BENCH_BULKHEAD [2500]       the bridge's Target bulkhead for the run (see BENCHMARKS.md)
#   BENCH_OVERLOAD [200:2000]   the overload cells (delay:connections) with the production bulkhead
#                               and rate limit (bridge-*-prod); empty to leave them out
#   BENCH_MAX_IN_FLIGHT []      BRIDGE_MAX_IN_FLIGHT for every bridge; empty: the bridge's default
#   BENCH_JAVA_OPTS [the image's: -XX:+UseG1GC -XX:MaxRAMPercentage=50 -XX:+ExitOnOutOfMemoryError,
#                   with -XX:MaxRAM=768m standing for the Deployment's memory limit]
#                               JVM options for the bridge
#   BENCH_LAUNCH [aot]          aot: the jar extracted and started with a JDK 25 AOT cache trained
#                               first, as the image starts it; jar: java -jar
#   BENCH_STARTS [5]            starts of each launch for the start-up table (0: no table)
#   BENCH_PORT_BASE [18400]     ports used: base+20..+21, +30..+31, +40..+41, +50 (Redis) on 127.0.0.1
#   BENCH_SKIP_BUILD [0]        1: use the jars already in target/ and bench/peer/target/
#   BENCH_JAVA_HOME [/usr/lib/jvm/temurin-25-jdk-amd64]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAVA_HOME="${BENCH_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
export JAVA_HOME

QUICK=0
CELL=""
SHARED_ONLY=0
while (($# > 0)); do
	arg=$1
	shift
	case "$arg" in
	--quick) QUICK=1 ;;
	--shared) SHARED_ONLY=1 ;;
	--cell)
		(($# > 0)) || {
			echo "--cell needs target:delay:connections" >&2
			exit 2
		}
		CELL=$1
		shift
		;;
	-h | --help)
		sed -n '3,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'
		exit 0
		;;
	*)
		echo "unknown argument: $arg (try --help)" >&2
		exit 2
		;;
	esac
done

if [[ $QUICK == 1 ]]; then
	DURATION="${BENCH_DURATION:-3}"
	WARMUP="${BENCH_WARMUP:-1}"
	PRIME="${BENCH_PRIME:-2}"
	CONNECTIONS="${BENCH_CONNECTIONS:-50 2000}"
else
	DURATION="${BENCH_DURATION:-15}"
	WARMUP="${BENCH_WARMUP:-5}"
	PRIME="${BENCH_PRIME:-30}"
	CONNECTIONS="${BENCH_CONNECTIONS:-50 500 2000}"
fi
DELAYS="${BENCH_DELAYS:-20 200}"
RATE_CONNECTIONS="${BENCH_RATE_CONNECTIONS-20}"
WRK_TIMEOUT="${BENCH_WRK_TIMEOUT:-2s}"
BULKHEAD="${BENCH_BULKHEAD:-2500}"
OVERLOAD="${BENCH_OVERLOAD-200:2000}"
MAX_IN_FLIGHT="${BENCH_MAX_IN_FLIGHT:-}"
# The Deployment's memory limit (docker/k8s/deployment.yaml) and the image's JVM flags
# (docker/Dockerfile); -XX:MaxRAM stands for the container's limit, which the JVM reads there.
MEMORY_LIMIT_MB=768
JAVA_OPTS="${BENCH_JAVA_OPTS--XX:+UseG1GC -XX:MaxRAMPercentage=50 -XX:+ExitOnOutOfMemoryError -XX:MaxRAM=${MEMORY_LIMIT_MB}m}"
# Which targets run: all of them, or the one cell's (and the direct cell it is compared with).
TARGETS="direct nginx bridge-nocache bridge-cache peer"
# The peer is measured at one delay, the one issue 16 compares it at.
PEER_DELAY=20
if [[ -n $CELL ]]; then
	IFS=: read -r cell_target cell_delay cell_connections <<<"$CELL"
	[[ $cell_target =~ ^(direct|nginx|peer|bridge-(nocache|cache)(-prod|-shared)?)$ && $cell_delay =~ ^[0-9]+$ &&
		$cell_connections =~ ^[0-9]+$ ]] || {
		echo "--cell is target:delay:connections, such as bridge-nocache:200:2000, not $CELL" >&2
		exit 2
	}
	DELAYS=$cell_delay
	CONNECTIONS=$cell_connections
	RATE_CONNECTIONS=""
	BENCH_STARTS=0
	PEER_DELAY=$cell_delay
	if [[ $cell_target == *-prod ]]; then
		TARGETS="direct"
		OVERLOAD="$cell_delay:$cell_connections"
		OVERLOAD_TARGETS="${cell_target%-prod}"
	else
		TARGETS="direct $cell_target"
		OVERLOAD=""
	fi
fi
OVERLOAD_TARGETS="${OVERLOAD_TARGETS:-bridge-nocache bridge-cache}"
if [[ $SHARED_ONLY == 1 ]]; then
	TARGETS="direct bridge-nocache bridge-cache bridge-nocache-shared bridge-cache-shared"
	OVERLOAD=""
	BENCH_STARTS=0
fi
runs() { [[ " $TARGETS " == *" $1 "* ]]; }
PORT_BASE="${BENCH_PORT_BASE:-18400}"
API_KEY="bench-key-$$"
CLK_TCK="$(getconf CLK_TCK)"
BRIDGE_PORT=$((PORT_BASE + 40))
MANAGEMENT_PORT=$((PORT_BASE + 41))
REDIS_PORT=$((PORT_BASE + 50))
LAUNCH="${BENCH_LAUNCH:-aot}"
STARTS="${BENCH_STARTS:-5}"

# shellcheck source=lib/processes.sh
source "$ROOT/bench/lib/processes.sh"
# shellcheck source=lib/nginx.sh
source "$ROOT/bench/lib/nginx.sh"
# shellcheck source=lib/bridge.sh
source "$ROOT/bench/lib/bridge.sh"
# shellcheck source=lib/cell.sh
source "$ROOT/bench/lib/cell.sh"
# shellcheck source=lib/peer.sh
source "$ROOT/bench/lib/peer.sh"
# shellcheck source=lib/report.sh
source "$ROOT/bench/lib/report.sh"

[[ $LAUNCH == aot || $LAUNCH == jar ]] || die "BENCH_LAUNCH is aot or jar, not $LAUNCH"

# --- tools ---------------------------------------------------------------------------
if ! command -v wrk >/dev/null || ! command -v nginx >/dev/null || [[ ! -f $ECHO_MODULE ]]; then
	[[ $(id -u) == 0 ]] || die "wrk, nginx and libnginx-mod-http-echo are missing; run as root to install them"
	log "installing wrk, nginx and nginx's echo module (Debian packages)"
	apt-get update -q >&2
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk nginx libnginx-mod-http-echo >&2
fi
if [[ $TARGETS == *-shared* ]] && ! command -v redis-server >/dev/null; then
	[[ $(id -u) == 0 ]] || die "redis-server is missing; run as root to install it"
	apt-get update -q >&2
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q redis-server >&2
fi
[[ -x $JAVA_HOME/bin/java ]] || die "no JDK at $JAVA_HOME (set BENCH_JAVA_HOME)"

# wrk, nginx and Tomcat each hold a descriptor per connection.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
NOFILE="$(ulimit -n)"
max_connections=0
for c in $CONNECTIONS ${OVERLOAD//*:/}; do ((c > max_connections)) && max_connections=$c; done
((NOFILE > max_connections * 2 + 100)) || die "open files limit $NOFILE is too low for $max_connections connections"

# --- build -----------------------------------------------------------------------------
if [[ ${BENCH_SKIP_BUILD:-0} != 1 ]]; then
	log "building the jar with $JAVA_HOME"
	(cd "$ROOT" && ./mvnw -q -DskipTests package >&2)
fi
JAR=""
for candidate in "$ROOT"/target/recs-bridge-*.jar; do
	[[ -f $candidate ]] && JAR=$candidate && break
done
[[ -n $JAR ]] || die "no jar in $ROOT/target"
if runs peer; then
	[[ ${BENCH_SKIP_BUILD:-0} == 1 ]] || build_peer
	[[ -f $PEER_JAR ]] || die "no peer jar ($PEER_JAR): ./mvnw -q -f bench/peer/pom.xml -DskipTests package"
fi

# --- the stand-ins, and the bridge's AOT cache -------------------------------------------------
WORK="$(mktemp -d /tmp/recs-bench.XXXXXX)"
chmod 755 "$WORK" # nginx workers run as nobody
trap cleanup EXIT
trap 'exit 130' INT TERM

for port in $(nginx_ports) $BRIDGE_PORT $MANAGEMENT_PORT; do
	port_free "$port" || die "port $port is taken (set BENCH_PORT_BASE)"
done
start_standins
if [[ $LAUNCH == aot || $STARTS -gt 0 ]]; then
	train_aot_cache
fi

# --- the run -----------------------------------------------------------------------------------
log "jar $JAR"
log "cells: [$TARGETS] x delays [$DELAYS] ms x connections [$CONNECTIONS] (+[$RATE_CONNECTIONS] at 20 ms), overload [$OVERLOAD], ${WARMUP}s + ${DURATION}s each"
LOAD_START="$(cut -d' ' -f1-3 /proc/loadavg)"
RUN_START="$(date +%s)"
index=0
for delay in $DELAYS; do
	cells="$CONNECTIONS"
	[[ $delay == 20 && -n $RATE_CONNECTIONS ]] && cells="$RATE_CONNECTIONS $CONNECTIONS"
	for c in $cells; do
		measure direct "$delay" "$STANDIN_PID" "http://127.0.0.1:$(standin_port $index)" stable /rest/v1/delivery "$c"
	done
	if runs nginx; then
		for c in $cells; do
			measure nginx "$delay" "$PROXY_PID" "http://127.0.0.1:$(proxy_port $index)" stable /rest/v1/delivery "$c"
		done
	fi
	for mode in nocache cache nocache-shared cache-shared; do
		runs "bridge-$mode" || continue
		bridge_cells bridge-$mode "$delay" $index "$cells" ""
	done
	if runs peer && [[ $delay == "$PEER_DELAY" ]]; then
		peer_cells "$delay" $index "$cells"
	fi
	index=$((index + 1))
done

# --- overload: the production bulkhead and rate limit ------------------------------------------
# What an AJO burst meets: the Target bulkhead (200 calls in flight) and rate limit (1,000 a
# second) of application.yml, BRIDGE_MAX_IN_FLIGHT at the door.
for cell in $OVERLOAD; do
	delay=${cell%%:*} c=${cell##*:} index=0 found=""
	for d in $DELAYS; do
		[[ $d == "$delay" ]] && found=1 && break
		index=$((index + 1))
	done
	[[ -n $found ]] || die "overload cell $cell: no stand-in at $delay ms (BENCH_DELAYS: $DELAYS)"
	for mode in $OVERLOAD_TARGETS; do
		bridge_cells "$mode-prod" "$delay" $index "$c" production
	done
done

# --- start-up, each launch in turn ---------------------------------------------------------------
declare -A STARTUPS
for _ in $(seq 1 "$STARTS"); do
	for launch in jar aot; do
		start_bridge 0 0 $launch
		STARTUPS[$launch]+="$STARTUP_MS "
		stop "$BRIDGE_PID"
	done
done

report | tee "$WORK/results.md"

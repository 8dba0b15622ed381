#!/usr/bin/env bash
# The bridge against the floor (issue 8): wrk against a Target stand-in directly, nginx
# proxying to it, the bridge with caching off and the bridge serving from its cache, at
# each upstream delay and concurrency. Prints one Markdown table (see BENCHMARKS.md).
#
#   bench/run.sh            the full run (about 17 minutes with the defaults)
#   bench/run.sh --quick    a short validation run: fewer cells, 3 s each
#   bench/run.sh --shared   shared mode's cost (issue 15): the bridge on a Redis this script starts,
#                           beside the same cells in memory (see BENCHMARKS.md); no overload or
#                           start-up tables
#   bench/run.sh --cell bridge-nocache:200:2000
#                           one cell (target:delay:connections), beside the direct cell it is
#                           compared with; targets direct, nginx, bridge-nocache, bridge-cache,
#                           and bridge-nocache-prod, bridge-cache-prod (the production bulkhead
#                           and rate limit, see BENCHMARKS.md), bridge-nocache-shared,
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
#   BENCH_PORT_BASE [18400]     ports used: base+20..+21, +30..+31, +40..+41 on 127.0.0.1
#   BENCH_SKIP_BUILD [0]        1: use the jar already in target/
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
		sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'
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
TARGETS="direct nginx bridge-nocache bridge-cache"
if [[ -n $CELL ]]; then
	IFS=: read -r cell_target cell_delay cell_connections <<<"$CELL"
	[[ $cell_target =~ ^(direct|nginx|bridge-(nocache|cache)(-prod|-shared)?)$ && $cell_delay =~ ^[0-9]+$ &&
		$cell_connections =~ ^[0-9]+$ ]] || {
		echo "--cell is target:delay:connections, such as bridge-nocache:200:2000, not $CELL" >&2
		exit 2
	}
	DELAYS=$cell_delay
	CONNECTIONS=$cell_connections
	RATE_CONNECTIONS=""
	BENCH_STARTS=0
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

log() { echo "[bench $(date +%T)] $*" >&2; }
die() {
	log "error: $*"
	exit 1
}

# --- tools ---------------------------------------------------------------------------
ECHO_MODULE=/usr/lib/nginx/modules/ngx_http_echo_module.so
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
LAUNCH="${BENCH_LAUNCH:-aot}"
STARTS="${BENCH_STARTS:-5}"
[[ $LAUNCH == aot || $LAUNCH == jar ]] || die "BENCH_LAUNCH is aot or jar, not $LAUNCH"

# --- processes we start, stopped on any exit -----------------------------------------------
WORK="$(mktemp -d /tmp/recs-bench.XXXXXX)"
chmod 755 "$WORK" # nginx workers run as nobody
PIDS=()
cleanup() {
	local pid
	for pid in "${PIDS[@]}"; do
		kill "$pid" 2>/dev/null || true
	done
	for pid in "${PIDS[@]}"; do
		for _ in $(seq 1 100); do
			kill -0 "$pid" 2>/dev/null || break
			sleep 0.1
		done
		kill -9 "$pid" 2>/dev/null || true
	done
	log "logs and configuration kept in $WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

stop() {
	local pid=$1 p
	kill "$pid" 2>/dev/null || true
	for _ in $(seq 1 100); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	kill -9 "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
	local kept=()
	for p in "${PIDS[@]}"; do [[ $p == "$pid" ]] || kept+=("$p"); done
	PIDS=("${kept[@]+"${kept[@]}"}")
}

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_for_port() {
	for _ in $(seq 1 200); do
		port_free "$1" || return 0
		sleep 0.05
	done
	die "nothing listens on port $1"
}

# The process and its children (nginx: master and workers).
process_tree() {
	echo "$1"
	pgrep -P "$1" || true
}

# utime + stime of the tree, in clock ticks.
cpu_ticks() {
	local total=0 pid fields
	for pid in $(process_tree "$1"); do
		fields="$(sed 's/^.*) //' "/proc/$pid/stat" 2>/dev/null)" || continue
		# shellcheck disable=SC2086 # the fields of /proc/<pid>/stat after "(comm) "
		set -- $fields
		total=$((total + ${12} + ${13}))
	done
	echo "$total"
}

# Peak resident memory of the tree over its lifetime so far (VmHWM, summed), in kB.
peak_rss_kb() {
	local total=0 pid kb
	for pid in $(process_tree "$1"); do
		kb="$(awk '/^VmHWM:/ { print $2 }' "/proc/$pid/status" 2>/dev/null || true)"
		total=$((total + ${kb:-0}))
	done
	echo "$total"
}

# --- Target stand-in: nginx with the echo module, one port per delay -------------------------
# The Delivery answer of the tests, with its relative links made absolute.
sed 's#\\": \\"/#\\": \\"https://shop.example.com/#g' \
	"$ROOT/src/test/resources/io/recsbridge/target/delivery-response-cart.json" >"$WORK/delivery.json"

standin_port() { echo $((PORT_BASE + 20 + $1)); }
proxy_port() { echo $((PORT_BASE + 30 + $1)); }
BRIDGE_PORT=$((PORT_BASE + 40))
MANAGEMENT_PORT=$((PORT_BASE + 41))

i=0
standin_servers=""
proxy_servers=""
for delay in $DELAYS; do
	standin_servers+="
  server {
    listen 127.0.0.1:$(standin_port $i) backlog=4096;
    location / {
      default_type application/json;
      echo_sleep $(awk -v d="$delay" 'BEGIN { printf "%.3f", d / 1000 }');
      echo_location_async /delivery.json;
    }
    location = /delivery.json { internal; root $WORK; }
  }"
	proxy_servers+="
  upstream standin$i {
    server 127.0.0.1:$(standin_port $i);
    keepalive 2048;
    keepalive_requests 1000000;
  }
  server {
    listen 127.0.0.1:$(proxy_port $i) backlog=4096;
    location / {
      proxy_pass http://standin$i;
      proxy_http_version 1.1;
      proxy_set_header Connection \"\";
    }
  }"
	i=$((i + 1))
done

nginx_conf() { # name workers servers
	cat >"$WORK/$1.conf" <<-EOF
		load_module $ECHO_MODULE;
		worker_processes $2;
		worker_rlimit_nofile $NOFILE;
		pid $WORK/$1.pid;
		error_log $WORK/$1-error.log warn;
		events { worker_connections $((NOFILE / 2)); }
		http {
		  access_log off;
		  keepalive_requests 1000000;
		  keepalive_timeout 120s;
		  client_body_temp_path $WORK/$1-body;
		  proxy_temp_path $WORK/$1-proxy;
		  $3
		}
	EOF
}

start_nginx() { # name -> pid of the master
	nginx -p "$WORK" -c "$WORK/$1.conf" -g 'daemon off;' 2>>"$WORK/$1-error.log" &
	PIDS+=($!)
	NGINX_PID=$!
}

nginx_conf standin 1 "$standin_servers"
nginx_conf proxy auto "$proxy_servers"
i=0
for delay in $DELAYS; do
	for port in "$(standin_port $i)" "$(proxy_port $i)"; do
		port_free "$port" || die "port $port is taken (set BENCH_PORT_BASE)"
	done
	i=$((i + 1))
done
for port in $BRIDGE_PORT $MANAGEMENT_PORT; do
	port_free "$port" || die "port $port is taken (set BENCH_PORT_BASE)"
done

start_nginx standin
STANDIN_PID=$NGINX_PID
start_nginx proxy
PROXY_PID=$NGINX_PID
i=0
for delay in $DELAYS; do
	wait_for_port "$(standin_port $i)"
	wait_for_port "$(proxy_port $i)"
	i=$((i + 1))
done

# --- the bridge ----------------------------------------------------------------------------
# As the image runs it (docker/Dockerfile): extracted (the application's jar and its libraries
# beside it: the AOT cache takes classes from jars only), with an AOT cache from a training run
# that starts the context and stops at refresh.
APP="$WORK/app"
APP_JAR="$APP/$(basename "$JAR")"
if [[ $LAUNCH == aot || $STARTS -gt 0 ]]; then
	log "extracting the jar and training the AOT cache"
	"$JAVA_HOME/bin/java" -Djarmode=tools -jar "$JAR" extract --destination "$APP" >&2
	# shellcheck disable=SC2086 # options split on purpose
	(cd "$APP" && TARGET_CLIENT_CODE=bench BRIDGE_API_KEYS="$API_KEY" SERVER_PORT=$BRIDGE_PORT \
		MANAGEMENT_SERVER_PORT=$MANAGEMENT_PORT "$JAVA_HOME/bin/java" $JAVA_OPTS \
		-XX:AOTCacheOutput=app.aot -Dspring.context.exit=onRefresh -jar "$APP_JAR" >>"$WORK/aot-training.log" 2>&1) ||
		die "the AOT training run failed; see $WORK/aot-training.log"
fi

BRIDGE_PID=""
STARTUP_MS=""
# Shared mode's Redis, started once for the -shared cells and flushed before each bridge.
REDIS_PORT=$((PORT_BASE + 50))
REDIS_PID=""
start_redis() {
	[[ -z $REDIS_PID ]] || return 0
	port_free "$REDIS_PORT" || die "port $REDIS_PORT is taken (set BENCH_PORT_BASE)"
	redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --save "" --appendonly no --maxmemory 256mb \
		--maxmemory-policy allkeys-lru >>"$WORK/redis.log" 2>&1 &
	REDIS_PID=$!
	PIDS+=("$REDIS_PID")
	wait_for_port "$REDIS_PORT"
}
# start_bridge <delay-index> <cache-ttl> [launch] [production] [shared]: production keeps the
# Target bulkhead (200) and rate limit (1,000 a second) of application.yml, without the ramp;
# shared runs shared mode on the script's Redis.
start_bridge() {
	local started ready=0 launch=${3:-$LAUNCH} production=${4:-} shared=${5:-} command limits arguments
	if [[ $launch == aot ]]; then
		command=(-XX:AOTCache="$APP/app.aot" -jar "$APP_JAR")
	else
		command=(-jar "$JAR")
	fi
	arguments=()
	if [[ -n $production ]]; then
		limits=(TARGET_RATE_LIMIT=1000)
	else
		limits=(TARGET_RATE_LIMIT=100000)
		arguments=(--resilience4j.bulkhead.instances.target.max-concurrent-calls="$BULKHEAD")
	fi
	[[ -z $MAX_IN_FLIGHT ]] || limits+=(BRIDGE_MAX_IN_FLIGHT="$MAX_IN_FLIGHT")
	if [[ -n $shared ]]; then
		start_redis
		redis-cli -p "$REDIS_PORT" FLUSHALL >/dev/null
		limits+=(SPRING_DATA_REDIS_URL="redis://127.0.0.1:$REDIS_PORT")
		# No local tier: every hit comes from Redis, as for an answer another replica fetched.
		[[ $shared != remote-hits ]] || limits+=(BRIDGE_CACHE_MAX_ENTRIES=0)
	fi
	started="$(date +%s%3N)"
	# shellcheck disable=SC2034,SC2086 # the environment of the bridge; options split on purpose
	env TARGET_CLIENT_CODE=bench TARGET_BASE_URL="http://127.0.0.1:$(standin_port "$1")" \
		BRIDGE_API_KEYS="$API_KEY" TARGET_RATE_RAMP=false BRIDGE_CACHE_TTL="$2" "${limits[@]}" \
		SERVER_PORT=$BRIDGE_PORT MANAGEMENT_SERVER_PORT=$MANAGEMENT_PORT \
		"$JAVA_HOME/bin/java" $JAVA_OPTS "${command[@]}" "${arguments[@]+"${arguments[@]}"}" \
		>>"$WORK/bridge.log" 2>&1 &
	BRIDGE_PID=$!
	PIDS+=("$BRIDGE_PID")
	for _ in $(seq 1 3000); do
		kill -0 "$BRIDGE_PID" 2>/dev/null || die "the bridge exited; see $WORK/bridge.log"
		if curl -fsS -o /dev/null "http://127.0.0.1:$MANAGEMENT_PORT/actuator/health/readiness" 2>/dev/null; then
			ready=1
			break
		fi
		sleep 0.02
	done
	[[ $ready == 1 ]] || die "the bridge was not ready in time; see $WORK/bridge.log"
	STARTUP_MS=$(($(date +%s%3N) - started))
	log "bridge ready in ${STARTUP_MS} ms (cache ttl $2, $launch${production:+, production limits})"
}

# Answers counted by the bridge: "<all> <from Target> <from the cache> <429s>"; the counters
# by source and reason are appended to the cell's file.
# A bridge too busy (or out of memory) to answer in 10 s counts nothing; the cell file says so.
bridge_sources() {
	{
		curl -fsS -m 10 "http://127.0.0.1:$MANAGEMENT_PORT/actuator/prometheus" ||
			echo "metrics scrape failed" >>"$CELL_FILE"
	} | { grep -E '^(recs_bridge_requests_total|recs_bridge_target_calls_seconds_count)\{' || true; } |
		tee -a "$CELL_FILE" | awk '
		/^recs_bridge_requests_total\{/ {
			all += $NF
			if ($0 ~ /source="target"/) target += $NF
			if ($0 ~ /source="cache"/) cache += $NF
			if ($0 ~ /reason="(overloaded|rate-limited)"/) refused += $NF
		}
		END { printf "%d %d %d %d\n", all, target, cache, refused }'
}

# Times the Target circuit breaker (or, in shared mode, the Redis one) has opened so far (their
# transitions are logged at WARN).
breaker_opens() { grep -cE '(Target|Redis) circuit breaker: .* to OPEN' "$WORK/bridge.log" || true; }

# prime <mode>: load a freshly started bridge before its first cell.
prime() {
	((PRIME > 0)) || return 0
	log "priming the bridge: ${PRIME}s at 50 connections, not measured"
	run_wrk "http://127.0.0.1:$BRIDGE_PORT" "$1" /v1/recommendations/abandoned-cart 50 "$PRIME" >/dev/null
}

# A cold JVM on a busy machine can trip the breaker during the warm-up (slow first calls);
# measuring then would measure 10 s of fallbacks. Waits for it to close, at most 30 s.
wait_for_closed_breaker() {
	local state
	for _ in $(seq 1 60); do
		state="$(curl -fsS -m 10 "http://127.0.0.1:$MANAGEMENT_PORT/actuator/prometheus" | awk '
			/^resilience4j_circuitbreaker_state\{/ && /name="target"/ && $NF + 0 == 1 {
				match($0, /state="[a-z_]+"/); print substr($0, RSTART + 7, RLENGTH - 8)
			}')" || state="unknown (no metrics)"
		[[ $state == closed ]] && return 0
		sleep 0.5
	done
	log "the Target circuit breaker is still $state: measuring anyway"
	echo "breaker $state when the measurement started" >>"$CELL_FILE"
}

# --- one cell ------------------------------------------------------------------------------
# run_wrk <url> <mode> <path> <connections> <seconds> -> the RESULT line
run_wrk() {
	local count_429=0
	[[ $3 == /v1/* ]] && count_429=1
	BENCH_MODE=$2 BENCH_PATH=$3 BENCH_KEY=$API_KEY BENCH_SALT=$RANDOM BENCH_COUNT_429=$count_429 \
		wrk -t2 -c"$4" -d"$5s" --timeout "$WRK_TIMEOUT" --latency -s "$ROOT/bench/wrk.lua" "$1" \
		>"$WORK/wrk-last.txt" 2>&1 || die "wrk failed: $(cat "$WORK/wrk-last.txt")"
	grep '^RESULT ' "$WORK/wrk-last.txt" || die "no result from wrk: $(cat "$WORK/wrk-last.txt")"
}

field() { sed -n "s/.* $2=\([0-9]*\).*/\1/p" <<<" $1"; }
ms() { awk -v us="$1" 'BEGIN { printf "%.1f", us / 1000 }'; }
signed_ms() { awk -v us="$1" 'BEGIN { printf "%+.1f", us / 1000 }'; }

declare -A DIRECT_P50 DIRECT_P99 CPU P99 ADDED99 TIMEOUTS ERRORS SERVED REFUSED OPENS RSS RPS
ROWS=()

# measure <label> <delay> <delay-index> <pid> <url> <mode> <path> <connections>
measure() {
	local label=$1 delay=$2 index=$3 pid=$4 url=$5 mode=$6 path=$7 connections=$8
	local before_cpu after_cpu before_src after_src result requests rps p50 p99 errors detail
	local added50="—" added99="—" served="—" refused="—" opens="—" startup="—" cpu_us rss_mb load
	local before_opens
	CELL_FILE="$WORK/cell-$label-$delay-$connections.txt"
	: >"$CELL_FILE"
	log "$label, ${delay} ms, $connections connections: ${WARMUP}s warm-up, ${DURATION}s measured"
	run_wrk "$url" "$mode" "$path" "$connections" "$WARMUP" >/dev/null
	if [[ $label == bridge* ]]; then
		wait_for_closed_breaker
		before_src="$(bridge_sources)"
		before_opens="$(breaker_opens)"
	fi
	before_cpu="$(cpu_ticks "$pid")"
	result="$(run_wrk "$url" "$mode" "$path" "$connections" "$DURATION")"
	after_cpu="$(cpu_ticks "$pid")"
	cat "$WORK/wrk-last.txt" >>"$CELL_FILE"
	load="$(cut -d' ' -f1 /proc/loadavg)"
	requests="$(field "$result" requests)"
	rps="$(awk -v r="$requests" -v d="$(field "$result" duration_us)" 'BEGIN { printf "%.0f", r / (d / 1e6) }')"
	p50="$(field "$result" p50_us)"
	p99="$(field "$result" p99_us)"
	local connect read write status timeout
	connect="$(field "$result" connect)" read="$(field "$result" read)" write="$(field "$result" write)"
	status="$(field "$result" status)" timeout="$(field "$result" timeout)"
	[[ $label != bridge* ]] || after_src="$(bridge_sources)"
	# The bridge's 429s are answers (AJO retries them), not errors; wrk counts them as non-2xx.
	local too_many
	too_many="$(field "$result" too_many)"
	status=$((status - ${too_many:-0}))
	errors=$((connect + read + write + status + timeout))
	detail=""
	((errors == 0)) || detail=" (c$connect r$read w$write s$status t$timeout)"
	if ((requests > 0)); then
		cpu_us="$(awk -v t=$((after_cpu - before_cpu)) -v hz="$CLK_TCK" -v r="$requests" \
			'BEGIN { printf "%.0f", t * 1e6 / hz / r }')"
	else
		cpu_us="—"
	fi
	rss_mb="$(awk -v kb="$(peak_rss_kb "$pid")" 'BEGIN { printf "%.0f", kb / 1024 }')"
	local shown50 shown99
	shown50="$(ms "$p50")" shown99="$(ms "$p99")"
	if ((timeout >= requests)); then
		# wrk keeps no latency for answers slower than its timeout.
		shown50=">$WRK_TIMEOUT" shown99=">$WRK_TIMEOUT"
	elif [[ $label == direct ]]; then
		DIRECT_P50[$delay/$connections]=$p50
		DIRECT_P99[$delay/$connections]=$p99
	elif [[ -n ${DIRECT_P50[$delay/$connections]:-} ]]; then
		added50="$(signed_ms $((p50 - DIRECT_P50[$delay/$connections])))"
		added99="$(signed_ms $((p99 - DIRECT_P99[$delay/$connections])))"
	fi
	if [[ $label == bridge* ]]; then
		# shellcheck disable=SC2086
		served="$(
			set -- $before_src $after_src
			awk -v all=$(($5 - $1)) -v target=$(($6 - $2)) -v cache=$(($7 - $3)) -v label="$label" 'BEGIN {
				if (all == 0) { print "—"; exit }
				n = (label ~ /^bridge-cache/) ? cache : target
				printf "%.1f%%", 100 * n / all
			}'
		)"
		refused="$(awk -v n="${too_many:-0}" -v all="$requests" 'BEGIN { printf "%.1f%%", (all > 0) ? 100 * n / all : 0 }')"
		opens=$(($(breaker_opens) - before_opens))
		startup="$STARTUP_MS"
	fi
	local key="$label/$delay/$connections"
	CPU[$key]=$cpu_us P99[$key]=$p99 ADDED99[$key]=$added99 TIMEOUTS[$key]=$timeout ERRORS[$key]=$errors
	SERVED[$key]=$served REFUSED[$key]=$refused OPENS[$key]=$opens RSS[$key]=$rss_mb RPS[$key]=$rps
	ROWS+=("| $label | $delay | $connections | $rps | $shown50 | $shown99 | $added50 | $added99 | $errors$detail | $refused | $cpu_us | $rss_mb | $served | $opens | $startup | $load |")
}

# bridge_cells <label> <delay> <delay-index> <connections...> [production]: one fresh bridge,
# primed, measured at each connection count.
bridge_cells() {
	local label=$1 delay=$2 index=$3 cells=$4 production=$5 ttl=0 mode=vary c shared=""
	if [[ $label == bridge-cache* ]]; then
		ttl=5m mode=stable
	fi
	# Shared mode, uncached: every visitor new, so each request misses Redis (GET), takes a
	# permit from it (EVALSHA) and writes two answers (SET); cached: every hit from Redis.
	if [[ $label == bridge-nocache-shared ]]; then
		ttl=5m shared=misses
	elif [[ $label == bridge-cache-shared ]]; then
		shared=remote-hits
	fi
	start_bridge "$index" $ttl "$LAUNCH" "$production" "$shared"
	prime $mode
	for c in $cells; do
		measure "$label" "$delay" "$index" "$BRIDGE_PID" "http://127.0.0.1:$BRIDGE_PORT" $mode \
			/v1/recommendations/abandoned-cart "$c"
	done
	stop "$BRIDGE_PID"
}

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
		measure direct "$delay" $index "$STANDIN_PID" "http://127.0.0.1:$(standin_port $index)" stable /rest/v1/delivery "$c"
	done
	if runs nginx; then
		for c in $cells; do
			measure nginx "$delay" $index "$PROXY_PID" "http://127.0.0.1:$(proxy_port $index)" stable /rest/v1/delivery "$c"
		done
	fi
	for mode in nocache cache nocache-shared cache-shared; do
		runs "bridge-$mode" || continue
		bridge_cells bridge-$mode "$delay" $index "$cells" ""
	done
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
median() { tr ' ' '\n' <<<"$1" | sed '/^$/d' | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# --- the targets (issue 16), from this run's rows -------------------------------------------------
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || a == "—" || b == "—" || b == 0) print ""; else printf "%.1f", a / b }'; }
verdict() { # value limit
	if [[ -z $1 || $1 == "—" ]]; then
		echo "not measured"
	elif awk -v v="$1" -v max="$2" 'BEGIN { exit !(v <= max) }'; then
		echo met
	else
		echo "**missed**"
	fi
}
target_row() { # what, measured, limit, value-to-judge
	echo "| $1 | $2 | $(verdict "$4" "$3") |"
}
targets_table() {
	local key nginx_key r
	local rows=()
	for key in "bridge-nocache/20/50" "bridge-nocache/20/500" "bridge-cache/20/50" "bridge-cache/20/500"; do
		[[ -n ${CPU[$key]:-} ]] || continue
		nginx_key="nginx/${key#*/}"
		r="$(ratio "${CPU[$key]}" "${CPU[$nginx_key]:-}")"
		if [[ $key == bridge-nocache* ]]; then
			rows+=("$(target_row "uncached CPU per request within 8x nginx's (${key#*/} ms/conns)" \
				"${CPU[$key]} µs against ${CPU[$nginx_key]:-?} µs: ${r:-?}x" 8 "$r")")
		else
			rows+=("$(target_row "cache hits within 3x nginx's CPU per request (${key#*/} ms/conns)" \
				"${CPU[$key]} µs against ${CPU[$nginx_key]:-?} µs: ${r:-?}x" 3 "$r")")
		fi
	done
	if [[ -n $RATE_CONNECTIONS && -n ${ADDED99[bridge-nocache/20/$RATE_CONNECTIONS]:-} ]]; then
		key="bridge-nocache/20/$RATE_CONNECTIONS"
		rows+=("$(target_row "p99 added at ~1,000 requests/s, 20 ms Target: 10 ms or less" \
			"${ADDED99[$key]} ms at ${RPS[$key]} requests/s" 10 "${ADDED99[$key]#+}")")
	fi
	for key in "${!TIMEOUTS[@]}"; do
		[[ $key == *-prod/* ]] || continue
		rows+=("$(target_row "$key: no client timeout (wrk, ${WRK_TIMEOUT})" "${TIMEOUTS[$key]} timeouts, ${ERRORS[$key]} errors in all" 0 "${TIMEOUTS[$key]}")")
		rows+=("$(target_row "$key: every answer (200 or 429) within 750 ms at p99" \
			"p99 $(ms "${P99[$key]}") ms; ${REFUSED[$key]} were 429, ${SERVED[$key]} served as intended" 750000 "${P99[$key]}")")
		rows+=("$(target_row "$key: the breaker closed throughout" "opened ${OPENS[$key]} times" 0 "${OPENS[$key]}")")
		rows+=("$(target_row "$key: peak RSS within the ${MEMORY_LIMIT_MB} MB limit with 25% headroom" \
			"${RSS[$key]} MB against $((MEMORY_LIMIT_MB * 3 / 4)) MB" $((MEMORY_LIMIT_MB * 3 / 4)) "${RSS[$key]}")")
	done
	((${#rows[@]} > 0)) || return 0
	echo
	echo "| target (issue 16) | this run | verdict |"
	echo "|---|---|---|"
	printf '%s\n' "${rows[@]}"
}

# --- the tables --------------------------------------------------------------------------------
{
	echo "Run of $(date -u +%Y-%m-%dT%H:%MZ), $(($(date +%s) - RUN_START)) s: $(nproc) CPUs," \
		"$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'), $("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1)," \
		"$(wrk -v 2>&1 | head -n 1 | cut -d' ' -f1-2), $(nginx -v 2>&1 | sed 's/.*: //')." \
		"Each cell ${WARMUP} s warm-up + ${DURATION} s measured, wrk -t2, timeout $WRK_TIMEOUT." \
		"Load average at start $LOAD_START, at end $(cut -d' ' -f1-3 /proc/loadavg)."
	echo
	echo "| target | delay ms | conns | req/s | p50 ms | p99 ms | +p50 ms | +p99 ms | errors | 429 | CPU µs/req | peak RSS MB | served as intended | breaker opened | start-up ms | load1 |"
	echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
	printf '%s\n' "${ROWS[@]}"
	echo
	echo "Bridge cells launched as \`$LAUNCH\` with JVM options \`$JAVA_OPTS\`${MAX_IN_FLIGHT:+, BRIDGE_MAX_IN_FLIGHT=$MAX_IN_FLIGHT}."
	targets_table
	if ((STARTS > 0)); then
		echo
		echo "| start-up to ready, $STARTS starts each, in turn | median ms | all ms |"
		echo "|---|---:|---|"
		echo "| \`java -jar\` (jar) | $(median "${STARTUPS[jar]}") | ${STARTUPS[jar]% } |"
		echo "| extracted, JDK 25 AOT cache (aot, as the image) | $(median "${STARTUPS[aot]}") | ${STARTUPS[aot]% } |"
	fi
} | tee "$WORK/results.md"

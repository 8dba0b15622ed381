# shellcheck shell=bash
# bench/run.sh's bridge: the AOT cache trained as the image trains it, shared mode's Redis, a
# bridge started and primed for its cells, and what it says of itself (answers by source, breaker).
# Sourced by bench/run.sh; reads JAVA_HOME, JAR, WORK, LAUNCH, JAVA_OPTS, API_KEY, BULKHEAD,
# MAX_IN_FLIGHT, PRIME, BRIDGE_PORT, MANAGEMENT_PORT, REDIS_PORT, CELL_FILE; start_bridge sets
# BRIDGE_PID and STARTUP_MS.

BRIDGE_PID=""
STARTUP_MS=""

# As the image runs it (docker/Dockerfile): extracted (the application's jar and its libraries
# beside it: the AOT cache takes classes from jars only), with an AOT cache from a training run
# that starts the context and stops at refresh. Sets APP and APP_JAR, which aot starts use.
train_aot_cache() {
	APP="$WORK/app"
	APP_JAR="$APP/$(basename "$JAR")"
	log "extracting the jar and training the AOT cache"
	"$JAVA_HOME/bin/java" -Djarmode=tools -jar "$JAR" extract --destination "$APP" >&2
	# shellcheck disable=SC2086 # options split on purpose
	(cd "$APP" && TARGET_CLIENT_CODE=bench BRIDGE_API_KEYS="$API_KEY" SERVER_PORT=$BRIDGE_PORT \
		MANAGEMENT_SERVER_PORT=$MANAGEMENT_PORT "$JAVA_HOME/bin/java" $JAVA_OPTS \
		-XX:AOTCacheOutput=app.aot -Dspring.context.exit=onRefresh -jar "$APP_JAR" >>"$WORK/aot-training.log" 2>&1) ||
		die "the AOT training run failed; see $WORK/aot-training.log"
}

# Shared mode's Redis, started once for the -shared cells and flushed before each bridge.
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
	local started launch=${3:-$LAUNCH} production=${4:-} shared=${5:-} command limits arguments
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
	# shellcheck disable=SC2086 # options split on purpose
	env TARGET_CLIENT_CODE=bench TARGET_BASE_URL="http://127.0.0.1:$(standin_port "$1")" \
		BRIDGE_API_KEYS="$API_KEY" TARGET_RATE_RAMP=false BRIDGE_CACHE_TTL="$2" "${limits[@]}" \
		SERVER_PORT=$BRIDGE_PORT MANAGEMENT_SERVER_PORT=$MANAGEMENT_PORT \
		"$JAVA_HOME/bin/java" $JAVA_OPTS "${command[@]}" "${arguments[@]+"${arguments[@]}"}" \
		>>"$WORK/bridge.log" 2>&1 &
	BRIDGE_PID=$!
	PIDS+=("$BRIDGE_PID")
	wait_ready "$BRIDGE_PID" bridge "$WORK/bridge.log" bridge_ready
	STARTUP_MS=$(($(date +%s%3N) - started))
	log "bridge ready in ${STARTUP_MS} ms (cache ttl $2, $launch${production:+, production limits})"
}

bridge_ready() { curl -fsS -o /dev/null "http://127.0.0.1:$MANAGEMENT_PORT/actuator/health/readiness" 2>/dev/null; }

# Answers counted by the bridge: "<all> <from Target> <from the cache> <429s> <over 750 ms>"
# (the last by its own clock, from arrival to the answer, recs_bridge_request_seconds); the
# counters by source and reason and the latency histogram are appended to the cell's file.
# A bridge too busy (or out of memory) to answer in 10 s counts nothing; the cell file says so.
bridge_sources() {
	{
		curl -fsS -m 10 "http://127.0.0.1:$MANAGEMENT_PORT/actuator/prometheus" ||
			echo "metrics scrape failed" >>"$CELL_FILE"
	} | { grep -E '^(recs_bridge_requests_total|recs_bridge_target_calls_seconds_count|recs_bridge_request_seconds_(bucket|max))\{' || true; } |
		tee -a "$CELL_FILE" | awk '
		/^recs_bridge_requests_total\{/ {
			all += $NF
			if ($0 ~ /source="target"/) target += $NF
			if ($0 ~ /source="cache"/) cache += $NF
			if ($0 ~ /reason="(overloaded|rate-limited)"/) refused += $NF
		}
		/^recs_bridge_request_seconds_bucket\{/ && /le="\+Inf"/ { late += $NF }
		/^recs_bridge_request_seconds_bucket\{/ && /le="0\.75"/ { late -= $NF }
		END { printf "%d %d %d %d %d\n", all, target, cache, refused, late }'
}

# Times the Target circuit breaker (or, in shared mode, the Redis one) has opened so far (their
# transitions are logged at WARN).
breaker_opens() { grep -cE '(Target|Redis) circuit breaker: .* to OPEN' "$WORK/bridge.log" || true; }

# prime <mode> [what]: load a freshly started bridge (or the peer) before its first cell.
prime() {
	((PRIME > 0)) || return 0
	log "priming the ${2:-bridge}: ${PRIME}s at 50 connections, not measured"
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

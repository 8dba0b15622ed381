# shellcheck shell=bash
# bench/run.sh's peer (issue 16): bench/peer/, a plain Boot app on RestClient that calls the
# stand-in's Delivery API for every request, with none of the bridge's security, metrics or
# resilience. Issue 16's peer is a Boot app on Adobe's Java SDK; the SDK is not served by the
# Maven mirror this is built from, so this is the nearest peer that can be built, named for what
# it is. Built, started on the bridge's port with the bridge's JVM options, primed, measured.
# Sourced by bench/run.sh; reads ROOT, JAVA_HOME, JAVA_OPTS, WORK, BRIDGE_PORT; start_peer sets
# PEER_PID and STARTUP_MS.

PEER_JAR="$ROOT/bench/peer/target/recs-bridge-peer.jar"
PEER_PID=""

build_peer() {
	log "building the peer with $JAVA_HOME"
	(cd "$ROOT" && ./mvnw -q -f bench/peer/pom.xml -DskipTests package >&2)
}

# start_peer <delay-index>: java -jar (the peer has no AOT cache to train); ready at its first
# HTTP answer (it has no health endpoint: a GET of its POST endpoint answers 405).
start_peer() {
	local started
	started="$(date +%s%3N)"
	# shellcheck disable=SC2086 # options split on purpose
	env TARGET_BASE_URL="http://127.0.0.1:$(standin_port "$1")" SERVER_PORT=$BRIDGE_PORT \
		"$JAVA_HOME/bin/java" $JAVA_OPTS -jar "$PEER_JAR" >>"$WORK/peer.log" 2>&1 &
	PEER_PID=$!
	PIDS+=("$PEER_PID")
	wait_ready "$PEER_PID" peer "$WORK/peer.log" peer_answers
	STARTUP_MS=$(($(date +%s%3N) - started))
	log "peer ready in ${STARTUP_MS} ms"
}

peer_answers() { [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$BRIDGE_PORT/v1/recommendations/abandoned-cart") != 000 ]]; }

# peer_cells <delay> <delay-index> <connections...>: one fresh peer, primed, measured at each
# connection count, every request a new ECID (as bridge-nocache).
peer_cells() {
	local delay=$1 index=$2 cells=$3 c
	start_peer "$index"
	prime vary peer
	for c in $cells; do
		measure peer "$delay" "$PEER_PID" "http://127.0.0.1:$BRIDGE_PORT" vary /v1/recommendations/abandoned-cart "$c"
	done
	stop "$PEER_PID"
}

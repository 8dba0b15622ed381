#!/usr/bin/env bash
# Measures start-up to ready of the built jar, laid out and started the way docker/Dockerfile does,
# without and with the class-data-sharing (CDS) archive. Runs alternate between the two so that a
# busy neighbour on a shared machine slows both alike; the medians are what the README reports.
#
#   ./mvnw -q package -DskipTests
#   JAVA_HOME=/path/to/jdk-25 docker/measure-startup.sh [runs-per-variant] [launcher|jar]
#
# "launcher" (the default) is the Dockerfile's layout: extract --layers --launcher, started with
# JarLauncher. "jar" is the alternative without --launcher (lib/ beside a thin jar, started with -jar).
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${1:-7}
layout=${2:-launcher}
java="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
jar=$(ls target/recs-bridge-*.jar)
port=${MEASURE_PORT:-18080}
mgmt=${MEASURE_MANAGEMENT_PORT:-18081}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$java" -version 2>&1 | head -1
mkdir "$work/app"
cp "$jar" "$work/app.jar"
if [[ $layout == launcher ]]; then
	"$java" -Djarmode=tools -jar "$work/app.jar" extract --layers --launcher --destination "$work/layers"
	main=(org.springframework.boot.loader.launch.JarLauncher)
else
	# The thin jar is named after the source jar: app.jar, with lib/ beside it.
	"$java" -Djarmode=tools -jar "$work/app.jar" extract --layers --destination "$work/layers"
	main=(-jar app.jar)
fi
for layer in dependencies spring-boot-loader snapshot-dependencies application; do
	if [[ -d $work/layers/$layer ]]; then
		cp -a "$work/layers/$layer/." "$work/app/"
	fi
done
cd "$work/app"

# Production-like: the Delivery transport (never called while starting) and an API key.
export TARGET_CLIENT_CODE=startup-check TARGET_BASE_URL=http://127.0.0.1:9 BRIDGE_API_KEYS=startup-check
export SERVER_PORT=$port MANAGEMENT_SERVER_PORT=$mgmt
flags=(-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError)

# The Dockerfile's training run: start, refresh the context, exit, dump the classes loaded.
"$java" "${flags[@]}" -XX:ArchiveClassesAtExit=app.jsa -Dspring.context.exit=onRefresh "${main[@]}" \
	>training.log 2>&1
echo "archive bytes: $(stat -c %s app.jsa)"
# How many classes a start takes from the archive rather than from the jars.
"$java" "${flags[@]}" -XX:SharedArchiveFile=app.jsa -Xlog:class+load=info -Dspring.context.exit=onRefresh \
	"${main[@]}" >classes.log 2>&1 || true
echo "classes loaded: $(grep -c 'source:' classes.log)," \
	"from the archive: $(grep -c 'source: shared objects file' classes.log)"

start_once() { # $1: none|cds -> prints "ready_ms started_seconds cpu_ms"
	local cds=() t0 t1 pid deadline cpu
	[[ $1 == cds ]] && cds=(-XX:SharedArchiveFile=app.jsa)
	t0=$(date +%s%N)
	"$java" "${flags[@]}" "${cds[@]}" "${main[@]}" >run.log 2>&1 &
	pid=$!
	deadline=$((t0 + 60000000000))
	until curl -fsS -o /dev/null "http://127.0.0.1:$mgmt/actuator/health/readiness" 2>/dev/null; do
		if (($(date +%s%N) > deadline)) || ! kill -0 "$pid" 2>/dev/null; then
			echo "did not become ready; log:" >&2
			cat run.log >&2
			kill "$pid" 2>/dev/null || true
			exit 1
		fi
		sleep 0.01
	done
	t1=$(date +%s%N)
	# CPU time (user + system) spent until ready: less sensitive than wall time to a busy neighbour.
	cpu=$(awk -v tick="$(getconf CLK_TCK)" '{print ($14 + $15) * 1000 / tick}' "/proc/$pid/stat")
	kill "$pid"
	wait "$pid" || true
	echo "$(((t1 - t0) / 1000000)) $(grep -o 'Started RecsBridgeApplication in [0-9.]* seconds' run.log |
		awk '{print $4}') $cpu"
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

: >none.txt
: >cds.txt
for ((i = 1; i <= runs; i++)); do
	for variant in none cds; do
		result=$(start_once "$variant")
		read -r ready started cpu <<<"$result"
		echo "run $i $variant: ready $ready ms, Started in $started s, CPU $cpu ms"
		echo "$result" >>"$variant.txt"
	done
done
for variant in none cds; do
	echo "$layout $variant: median ready $(cut -d' ' -f1 "$variant.txt" | median) ms," \
		"median Started in $(cut -d' ' -f2 "$variant.txt" | median) s," \
		"median CPU $(cut -d' ' -f3 "$variant.txt" | median) ms ($runs runs)"
done

# shellcheck shell=bash
# bench/run.sh's processes and measurement helpers: logging, the processes the run starts (stopped
# on any exit), ports, and what /proc says of a process tree (CPU ticks, peak RSS).
# Sourced by bench/run.sh; reads WORK, sets PIDS.

log() { echo "[bench $(date +%T)] $*" >&2; }
die() {
	log "error: $*"
	exit 1
}

# --- processes we start, stopped on any exit -----------------------------------------------
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

# --- ports on 127.0.0.1 ----------------------------------------------------------------------
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_for_port() {
	for _ in $(seq 1 200); do
		port_free "$1" || return 0
		sleep 0.05
	done
	die "nothing listens on port $1"
}

# wait_ready <pid> <name> <log> <check...>: runs the check every 20 ms, at most 60 s, until it
# succeeds; dies if the process exits first or the time runs out.
wait_ready() {
	local pid=$1 name=$2 log_file=$3
	shift 3
	for _ in $(seq 1 3000); do
		kill -0 "$pid" 2>/dev/null || die "the $name exited; see $log_file"
		"$@" && return 0
		sleep 0.02
	done
	die "the $name was not ready in time; see $log_file"
}

# --- what /proc says -------------------------------------------------------------------------
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

# shellcheck shell=bash
# bench/run.sh's cells: wrk against one target at one delay and concurrency (a warm-up, then the
# measured run), the process's CPU and peak RSS over it, and the row it adds to the table; a fresh
# bridge primed and measured at each concurrency.
# Sourced by bench/run.sh; reads ROOT, WORK, API_KEY, WRK_TIMEOUT, WARMUP, DURATION, CLK_TCK,
# LAUNCH, BRIDGE_PORT; sets ROWS and the per-cell figures the targets are judged from.

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

# By "<target>/<delay>/<connections>" (DIRECT_*: "<delay>/<connections>"), and the table's rows.
declare -A DIRECT_P50 DIRECT_P99 CPU P99 ADDED99 TIMEOUTS ERRORS SERVED REFUSED OPENS RSS RPS LATE
ROWS=()

# measure <label> <delay> <pid> <url> <mode> <path> <connections>
measure() {
	local label=$1 delay=$2 pid=$3 url=$4 mode=$5 path=$6 connections=$7
	local before_cpu after_cpu before_src after_src result requests rps p50 p99 errors detail
	local added50="—" added99="—" served="—" refused="—" opens="—" startup="—" late="—" cpu_us rss_mb load
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
			awk -v all=$(($6 - $1)) -v target=$(($7 - $2)) -v cache=$(($8 - $3)) -v label="$label" 'BEGIN {
				if (all == 0) { print "—"; exit }
				n = (label ~ /^bridge-cache/) ? cache : target
				printf "%.1f%%", 100 * n / all
			}'
		)"
		refused="$(awk -v n="${too_many:-0}" -v all="$requests" 'BEGIN { printf "%.1f%%", (all > 0) ? 100 * n / all : 0 }')"
		# shellcheck disable=SC2086
		late="$(set -- $before_src $after_src && echo $((${10} - $5)))"
		opens=$(($(breaker_opens) - before_opens))
	fi
	[[ $label != bridge* && $label != peer ]] || startup="$STARTUP_MS"
	local key="$label/$delay/$connections"
	# shellcheck disable=SC2034 # read by lib/report.sh
	CPU[$key]=$cpu_us P99[$key]=$p99 ADDED99[$key]=$added99 TIMEOUTS[$key]=$timeout ERRORS[$key]=$errors
	# shellcheck disable=SC2034 # read by lib/report.sh
	SERVED[$key]=$served REFUSED[$key]=$refused OPENS[$key]=$opens RSS[$key]=$rss_mb RPS[$key]=$rps LATE[$key]=$late
	ROWS+=("| $label | $delay | $connections | $rps | $shown50 | $shown99 | $added50 | $added99 | $errors$detail | $refused | $late | $cpu_us | $rss_mb | $served | $opens | $startup | $load |")
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
		measure "$label" "$delay" "$BRIDGE_PID" "http://127.0.0.1:$BRIDGE_PORT" $mode \
			/v1/recommendations/abandoned-cart "$c"
	done
	stop "$BRIDGE_PID"
}

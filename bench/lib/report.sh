# shellcheck shell=bash
# bench/run.sh's report: the results table in Markdown (the format of BENCHMARKS.md), the targets
# of issue 16 judged from this run's rows, and the start-up table.
# Sourced by bench/run.sh; reads the per-cell figures and ROWS (lib/cell.sh), STARTUPS, and the
# run's settings.

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
# no_worse <bridge's> <peer's> ...: met when each of the bridge's figures is at most the peer's.
no_worse() {
	local judged=met
	while (($# > 1)); do
		[[ -n $1 && -n $2 && $1 != "—" && $2 != "—" ]] || {
			echo "not measured"
			return
		}
		[[ $(verdict "$1" "$2") == met ]] || judged="**missed**"
		shift 2
	done
	echo "$judged"
}
targets_table() {
	local key nginx_key r
	local target_rows=()
	for key in "bridge-nocache/20/50" "bridge-nocache/20/500" "bridge-cache/20/50" "bridge-cache/20/500"; do
		[[ -n ${CPU[$key]:-} ]] || continue
		nginx_key="nginx/${key#*/}"
		r="$(ratio "${CPU[$key]}" "${CPU[$nginx_key]:-}")"
		if [[ $key == bridge-nocache* ]]; then
			target_rows+=("$(target_row "uncached CPU per request within 8x nginx's (${key#*/} ms/conns)" \
				"${CPU[$key]} µs against ${CPU[$nginx_key]:-?} µs: ${r:-?}x" 8 "$r")")
		else
			target_rows+=("$(target_row "cache hits within 3x nginx's CPU per request (${key#*/} ms/conns)" \
				"${CPU[$key]} µs against ${CPU[$nginx_key]:-?} µs: ${r:-?}x" 3 "$r")")
		fi
	done
	if [[ -n $RATE_CONNECTIONS && -n ${ADDED99[bridge-nocache/20/$RATE_CONNECTIONS]:-} ]]; then
		key="bridge-nocache/20/$RATE_CONNECTIONS"
		target_rows+=("$(target_row "p99 added at ~1,000 requests/s, 20 ms Target: 10 ms or less" \
			"${ADDED99[$key]} ms at ${RPS[$key]} requests/s" 10 "${ADDED99[$key]#+}")")
	fi
	key="bridge-nocache/20/50"
	if [[ -n ${CPU[$key]:-} ]]; then
		local peer_cpu="${CPU[peer/20/50]:-}" peer_added="${ADDED99[peer/20/50]:-}"
		target_rows+=("| at 50 connections, no worse than the peer (20 ms/50 conns; the peer is a plain Boot app on RestClient, not Adobe's Java SDK, which is not served here) | CPU ${CPU[$key]} µs against ${peer_cpu:-?} µs; +p99 ${ADDED99[$key]} ms against ${peer_added:-?} ms | $(
			no_worse "${CPU[$key]}" "$peer_cpu" "${ADDED99[$key]#+}" "${peer_added#+}"
		) |")
	fi
	for key in "${!TIMEOUTS[@]}"; do
		[[ $key == *-prod/* ]] || continue
		target_rows+=("$(target_row "$key: no client timeout (wrk, ${WRK_TIMEOUT})" "${TIMEOUTS[$key]} timeouts, ${ERRORS[$key]} errors in all" 0 "${TIMEOUTS[$key]}")")
		target_rows+=("$(target_row "$key: every answer (200 or 429) within 750 ms at p99" \
			"p99 $(ms "${P99[$key]}") ms; ${REFUSED[$key]} were 429, ${SERVED[$key]} served as intended; ${LATE[$key]} answers over 750 ms by the bridge's own clock" 750000 "${P99[$key]}")")
		target_rows+=("$(target_row "$key: the breaker closed throughout" "opened ${OPENS[$key]} times" 0 "${OPENS[$key]}")")
		target_rows+=("$(target_row "$key: peak RSS within the ${MEMORY_LIMIT_MB} MB limit with 25% headroom" \
			"${RSS[$key]} MB against $((MEMORY_LIMIT_MB * 3 / 4)) MB" $((MEMORY_LIMIT_MB * 3 / 4)) "${RSS[$key]}")")
	done
	((${#target_rows[@]} > 0)) || return 0
	echo
	echo "| target (issue 16) | this run | verdict |"
	echo "|---|---|---|"
	printf '%s\n' "${target_rows[@]}"
}

# --- the tables --------------------------------------------------------------------------------
report() {
	echo "Run of $(date -u +%Y-%m-%dT%H:%MZ), $(($(date +%s) - RUN_START)) s: $(nproc) CPUs," \
		"$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'), $("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1)," \
		"$(wrk -v 2>&1 | head -n 1 | cut -d' ' -f1-2), $(nginx -v 2>&1 | sed 's/.*: //')." \
		"Each cell ${WARMUP} s warm-up + ${DURATION} s measured, wrk -t2, timeout $WRK_TIMEOUT." \
		"Load average at start $LOAD_START, at end $(cut -d' ' -f1-3 /proc/loadavg)."
	echo
	echo "| target | delay ms | conns | req/s | p50 ms | p99 ms | +p50 ms | +p99 ms | errors | 429 | over 750 ms (bridge) | CPU µs/req | peak RSS MB | served as intended | breaker opened | start-up ms | load1 |"
	echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
	printf '%s\n' "${ROWS[@]}"
	echo
	echo "Bridge cells launched as \`$LAUNCH\` with JVM options \`$JAVA_OPTS\`${MAX_IN_FLIGHT:+, BRIDGE_MAX_IN_FLIGHT=$MAX_IN_FLIGHT}.$(
		runs peer && echo " The peer (bench/peer/: a plain Boot app on RestClient, not Adobe's Java SDK) with \`java -jar\` and the same options."
	)"
	targets_table
	if ((STARTS > 0)); then
		echo
		echo "| start-up to ready, $STARTS starts each, in turn | median ms | all ms |"
		echo "|---|---:|---|"
		echo "| \`java -jar\` (jar) | $(median "${STARTUPS[jar]}") | ${STARTUPS[jar]% } |"
		echo "| extracted, JDK 25 AOT cache (aot, as the image) | $(median "${STARTUPS[aot]}") | ${STARTUPS[aot]% } |"
	fi
}

package io.recsbridge.target;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.recsbridge.system.LatencyBuckets;

/**
 * {@code recs_bridge_target_calls_seconds} for one transport: a timer per outcome,
 * registered on first use and kept, so a call does not build and look meters up again.
 */
final class TargetCallTimers {

	private final MeterRegistry registry;

	private final String transport;

	private final ConcurrentMap<String, Timer> byOutcome = new ConcurrentHashMap<>();

	TargetCallTimers(MeterRegistry registry, String transport) {
		this.registry = registry;
		this.transport = transport;
	}

	Timer.Sample start() {
		return Timer.start(this.registry);
	}

	void stop(Timer.Sample sample, String outcome) {
		sample.stop(this.byOutcome.computeIfAbsent(outcome, this::timer));
	}

	private Timer timer(String outcome) {
		return Timer.builder("recs.bridge.target.calls")
			.description("Calls to Adobe Target, by transport and outcome")
			.tags("transport", this.transport, "outcome", outcome)
			.serviceLevelObjectives(LatencyBuckets.AROUND_BUDGET)
			.register(this.registry);
	}

}

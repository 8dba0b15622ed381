package io.recsbridge.target;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

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

	/**
	 * Times one call, its outcome {@code success} or the {@link TargetCallException}'s
	 * failure; anything else thrown is a bug, timed as {@code error}.
	 * @param call the call
	 * @return its decision
	 */
	TargetDecision time(Supplier<TargetDecision> call) {
		Timer.Sample sample = Timer.start(this.registry);
		String outcome = "error";
		try {
			TargetDecision decision = call.get();
			outcome = "success";
			return decision;
		}
		catch (TargetCallException ex) {
			outcome = ex.failure().outcome();
			throw ex;
		}
		finally {
			sample.stop(this.byOutcome.computeIfAbsent(outcome, this::timer));
		}
	}

	private Timer timer(String outcome) {
		return Timer.builder("recs.bridge.target.calls")
			.description("Calls to Adobe Target, by transport and outcome")
			.tags("transport", this.transport, "outcome", outcome)
			.serviceLevelObjectives(LatencyBuckets.AROUND_BUDGET)
			.register(this.registry);
	}

}

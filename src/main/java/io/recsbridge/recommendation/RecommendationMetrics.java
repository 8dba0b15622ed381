package io.recsbridge.recommendation;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.recsbridge.system.LatencyBuckets;

import org.springframework.stereotype.Component;

/**
 * The contract's request metrics. Only configured use cases get here, so the
 * {@code use_case} label stays bounded whatever callers send.
 */
@Component
class RecommendationMetrics {

	private final MeterRegistry registry;

	RecommendationMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	void record(UseCase useCase, String source, String reason, int itemCount, long elapsedNanos) {
		AccessLog.log(useCase, source, reason, itemCount, elapsedNanos);
		Counter.builder("recs.bridge.requests")
			.description("Answered recommendation requests, by where the items came from")
			.tags("use_case", useCase.name(), "source", source, "reason", reason)
			.register(this.registry)
			.increment();
		Timer.builder("recs.bridge.request")
			.description("Time to answer a recommendation request")
			.tag("use_case", useCase.name())
			.serviceLevelObjectives(LatencyBuckets.AROUND_BUDGET)
			.register(this.registry)
			.record(elapsedNanos, TimeUnit.NANOSECONDS);
		DistributionSummary.builder("recs.bridge.items.returned")
			.description("Items in each answer")
			.tag("use_case", useCase.name())
			.register(this.registry)
			.record(itemCount);
	}

}

package io.recsbridge.recommendation;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.recsbridge.system.LatencyBuckets;

import org.springframework.stereotype.Component;

/**
 * The contract's request metrics. Only configured use cases get here, so the
 * {@code use_case} label stays bounded whatever callers send. Each meter is registered on
 * first use and kept, so answering a request does not build and look meters up again.
 */
@Component
class RecommendationMetrics {

	/** The {@code reason} label of a request turned away at capacity. */
	static final String OVERLOADED = "overloaded";

	private final MeterRegistry registry;

	/** By use case, source and reason: all three come from bounded sets. */
	private final ConcurrentMap<List<String>, Counter> requests = new ConcurrentHashMap<>();

	/** By use case, status and source: all three from bounded sets. */
	private final ConcurrentMap<List<String>, Counter> previews = new ConcurrentHashMap<>();

	private final ConcurrentMap<String, UseCaseMeters> useCaseMeters = new ConcurrentHashMap<>();

	RecommendationMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	void record(UseCase useCase, String source, String reason, int itemCount, long elapsedNanos) {
		this.requests.computeIfAbsent(List.of(useCase.name(), source, reason), this::requestCounter).increment();
		UseCaseMeters meters = this.useCaseMeters.computeIfAbsent(useCase.name(), this::useCaseMeters);
		meters.request().record(elapsedNanos, TimeUnit.NANOSECONDS);
		meters.itemsReturned().record(itemCount);
	}

	/**
	 * A request the bridge turned away because it is at its own capacity: no item, no
	 * source, reason {@code overloaded}.
	 * @param useCase a configured use case's name
	 * @param elapsedNanos time from arrival to the answer
	 */
	void recordOverloaded(String useCase, long elapsedNanos) {
		this.requests.computeIfAbsent(List.of(useCase, Source.NONE.label(), OVERLOADED), this::requestCounter)
			.increment();
		UseCaseMeters meters = this.useCaseMeters.computeIfAbsent(useCase, this::useCaseMeters);
		meters.request().record(elapsedNanos, TimeUnit.NANOSECONDS);
		meters.itemsReturned().record(0);
	}

	/**
	 * One preview answered; previews are not counted as requests.
	 * @param useCase the use case
	 * @param status what the API would have answered (200, 429, 503)
	 * @param source where the items came from
	 */
	void recordPreview(UseCase useCase, int status, String source) {
		this.previews.computeIfAbsent(List.of(useCase.name(), Integer.toString(status), source), this::previewCounter)
			.increment();
	}

	private Counter previewCounter(List<String> key) {
		return Counter.builder("recs.bridge.previews")
			.description("Previews answered (each one a real Target call per ECID), by what a send would have got")
			.tags("use_case", key.get(0), "status", key.get(1), "source", key.get(2))
			.register(this.registry);
	}

	private Counter requestCounter(List<String> key) {
		return Counter.builder("recs.bridge.requests")
			.description("Answered recommendation requests, by where the items came from")
			.tags("use_case", key.get(0), "source", key.get(1), "reason", key.get(2))
			.register(this.registry);
	}

	private UseCaseMeters useCaseMeters(String useCase) {
		return new UseCaseMeters(
				Timer.builder("recs.bridge.request")
					.description("Time to answer a recommendation request")
					.tag("use_case", useCase)
					.serviceLevelObjectives(LatencyBuckets.AROUND_BUDGET)
					.register(this.registry),
				DistributionSummary.builder("recs.bridge.items.returned")
					.description("Items in each answer")
					.tag("use_case", useCase)
					.register(this.registry));
	}

	private record UseCaseMeters(Timer request, DistributionSummary itemsReturned) {
	}

}

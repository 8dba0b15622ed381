package io.recsbridge.support;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bridge's own request meters, read the way its alerts read them: how many answers of
 * each source and reason ({@code recs_bridge_requests_total}), and how long the bridge
 * itself took ({@code recs_bridge_request_seconds}). Time judged by the server's own
 * timer leaves out the test client's share of a loaded machine.
 */
public final class BridgeMeters {

	private final MeterRegistry registry;

	public BridgeMeters(MeterRegistry registry) {
		this.registry = registry;
	}

	/**
	 * Answers counted so far with these labels.
	 * @param useCase the {@code use_case} label
	 * @param source the {@code source} label
	 * @param reason the {@code reason} label
	 * @return the count, 0 before the first
	 */
	public double requests(String useCase, String source, String reason) {
		Counter counter = this.registry.find("recs.bridge.requests")
			.tags("use_case", useCase, "source", source, "reason", reason)
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	/**
	 * Runs one request and reads how long the bridge took to answer it by its own timer.
	 * Only for requests made one at a time in the use case.
	 * @param <T> the call's result
	 * @param useCase the use case the request names
	 * @param call the request
	 * @return the result and the server's time
	 * @throws Exception what the call throws
	 */
	public <T> Timed<T> timed(String useCase, Callable<T> call) throws Exception {
		Timer before = timer(useCase);
		long countBefore = (before != null) ? before.count() : 0;
		double nanosBefore = (before != null) ? before.totalTime(TimeUnit.NANOSECONDS) : 0;

		T value = call.call();

		Timer after = timer(useCase);
		assertThat(after).as("recs_bridge_request_seconds{use_case=%s}", useCase).isNotNull();
		assertThat(after.count() - countBefore).as("requests timed").isEqualTo(1);
		Duration server = Duration.ofNanos((long) (after.totalTime(TimeUnit.NANOSECONDS) - nanosBefore));
		System.out.printf("TIMING server %s %d ms%n", useCase, server.toMillis());
		return new Timed<>(value, server);
	}

	private Timer timer(String useCase) {
		return this.registry.find("recs.bridge.request").tag("use_case", useCase).timer();
	}

	/**
	 * A result and the server's time to produce it.
	 *
	 * @param <T> the result type
	 * @param value the result
	 * @param server the bridge's own time for the request
	 */
	public record Timed<T>(T value, Duration server) {
	}

}

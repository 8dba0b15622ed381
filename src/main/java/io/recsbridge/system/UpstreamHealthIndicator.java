package io.recsbridge.system;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.observation.ClientRequestObservationContext;

/**
 * An Adobe upstream (Target, IMS) as the bridge last saw it, from the calls it makes
 * anyway: a health check never calls it itself (a Target call would count as an
 * impression). Kept out of the readiness group on purpose: with Target down the bridge
 * still answers, with fallbacks.
 * <p>
 * It watches the HTTP client's observations rather than a client of ours, so whatever
 * wraps the client (retries, a breaker) every attempt counts.
 */
class UpstreamHealthIndicator implements HealthIndicator, ObservationHandler<ClientRequestObservationContext> {

	/** The Target Delivery API's and the Edge Network's request paths. */
	static final List<String> TARGET_PATHS = List.of("/rest/v1/delivery", "/ee/v2/interact");

	/** Adobe IMS's token path. */
	static final List<String> IMS_PATHS = List.of("/ims/token/v3");

	private final List<String> paths;

	private final AtomicReference<LastCall> lastCall = new AtomicReference<>();

	private final AtomicLong consecutiveFailures = new AtomicLong();

	/**
	 * Watches the calls whose path ends with one of these.
	 * @param paths the upstream's request paths
	 */
	UpstreamHealthIndicator(List<String> paths) {
		this.paths = List.copyOf(paths);
	}

	@Override
	public Health health() {
		LastCall last = this.lastCall.get();
		if (last == null) {
			return Health.unknown().withDetail("lastOutcome", "no call yet").build();
		}
		Health.Builder health = last.succeeded() ? Health.up() : Health.down();
		return health.withDetail("reachable", last.reachable())
			.withDetail("lastOutcome", last.outcome())
			.withDetail("lastCallAt", last.at().toString())
			.withDetail("consecutiveFailures", this.consecutiveFailures.get())
			.build();
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof ClientRequestObservationContext client && client.getCarrier() != null
				&& isWatched(client.getCarrier().getURI());
	}

	@Override
	public void onStop(ClientRequestObservationContext context) {
		LastCall last = outcomeOf(context);
		this.lastCall.set(last);
		if (last.succeeded()) {
			this.consecutiveFailures.set(0);
		}
		else {
			this.consecutiveFailures.incrementAndGet();
		}
	}

	private boolean isWatched(URI uri) {
		String path = (uri != null) ? uri.getPath() : null;
		return path != null && this.paths.stream().anyMatch(path::endsWith);
	}

	private static LastCall outcomeOf(ClientRequestObservationContext context) {
		Instant now = Instant.now();
		ClientHttpResponse response = context.getResponse();
		if (response != null) {
			try {
				int status = response.getStatusCode().value();
				return new LastCall((status >= 200 && status < 300), true, "http_" + status, now);
			}
			catch (IOException | RuntimeException ex) {
				// A status that cannot be read is as good as no answer.
			}
		}
		return new LastCall(false, false, OutboundHttp.timedOut(context.getError()) ? "timeout" : "unreachable", now);
	}

	/**
	 * One call as health reports it: no body, no visitor, no URL.
	 *
	 * @param succeeded a 2xx answer
	 * @param reachable Target answered at all
	 * @param outcome {@code http_<status>}, {@code timeout} or {@code unreachable}
	 * @param at when the call ended
	 */
	record LastCall(boolean succeeded, boolean reachable, String outcome, Instant at) {
	}

}

package io.recsbridge.shared;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Shared state outside a Spring context, for tests of the code that uses it.
 */
public final class SharedStateTesting {

	private SharedStateTesting() {
	}

	public static SharedState state(CircuitBreaker breaker, MeterRegistry registry) {
		return new SharedState(breaker, registry);
	}

}

package io.recsbridge.shared;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * Shown as {@code sharedState} in {@code /actuator/health}: whether this replica shares
 * the Target budget and the answers through Redis, or answers from local state because
 * Redis is unavailable. From the commands the bridge makes anyway, never a probe of its
 * own; kept out of readiness, since a replica without Redis still answers.
 */
class SharedStateHealthIndicator implements HealthIndicator {

	private final SharedState state;

	SharedStateHealthIndicator(SharedState state) {
		this.state = state;
	}

	@Override
	public Health health() {
		CircuitBreaker breaker = this.state.breaker();
		Health.Builder health = this.state.degraded() ? Health.down().withDetail("mode", "local")
				: Health.up().withDetail("mode", "shared");
		return health.withDetail("breaker", breaker.getState().name())
			.withDetail("failureRate", breaker.getMetrics().getFailureRate())
			.build();
	}

}

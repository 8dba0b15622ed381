package io.recsbridge.recommendation;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

import org.springframework.context.ApplicationContext;

/**
 * What a test must reset so that no test sees another's answers: the answer caches and
 * the circuit breakers.
 */
public final class RecommendationState {

	private RecommendationState() {
	}

	public static void reset(ApplicationContext context) {
		context.getBean(AnswerCache.class).clear();
		context.getBean(CircuitBreakerRegistry.class).getAllCircuitBreakers().forEach(CircuitBreaker::reset);
	}

}

package io.recsbridge.recommendation;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.recsbridge.identity.IdentityResolution;
import io.recsbridge.ims.ImsTokens;

import org.springframework.context.ApplicationContext;

/**
 * What a test must reset so that no test sees another's answers: the answer and identity
 * caches, the IMS token and the circuit breakers.
 */
public final class RecommendationState {

	private RecommendationState() {
	}

	public static void reset(ApplicationContext context) {
		context.getBean(AnswerCache.class).clear();
		context.getBean(IdentityResolution.class).clear();
		context.getBeanProvider(ImsTokens.class).ifAvailable(ImsTokens::clear);
		context.getBean(CircuitBreakerRegistry.class).getAllCircuitBreakers().forEach(CircuitBreaker::reset);
	}

}

package io.recsbridge.recommendation;

import java.time.Duration;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.recsbridge.catalog.Catalog;
import io.recsbridge.identity.IdentityResolution;
import io.recsbridge.ims.ImsTokens;

import org.springframework.context.ApplicationContext;

import static org.awaitility.Awaitility.await;

/**
 * What a test must reset so that no test sees another's answers: calls still in flight,
 * the answer and identity caches, the preview limits, the IMS token and the circuit
 * breakers.
 */
public final class RecommendationState {

	private RecommendationState() {
	}

	public static void reset(ApplicationContext context) {
		// A call a previous test left in flight (its request stopped waiting at the
		// deadline) still holds a bulkhead place until Target's timeout ends it.
		Bulkhead bulkhead = context.getBean(BulkheadRegistry.class).bulkhead("target");
		await().atMost(Duration.ofSeconds(10))
			.until(() -> bulkhead.getMetrics().getAvailableConcurrentCalls() == bulkhead.getMetrics()
				.getMaxAllowedConcurrentCalls());
		context.getBean(AnswerCache.class).clear();
		context.getBean(Catalog.class).clear();
		context.getBean(PreviewLimits.class).clear();
		context.getBean(IdentityResolution.class).clear();
		context.getBeanProvider(ImsTokens.class).ifAvailable(ImsTokens::clear);
		context.getBean(CircuitBreakerRegistry.class).getAllCircuitBreakers().forEach(CircuitBreaker::reset);
	}

}

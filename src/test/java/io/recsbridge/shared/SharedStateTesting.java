package io.recsbridge.shared;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Shared state outside a Spring context, for tests of the code that uses it.
 */
public final class SharedStateTesting {

	private SharedStateTesting() {
	}

	public static SharedState state(CircuitBreaker breaker, MeterRegistry registry) {
		return new SharedState(breaker, registry);
	}

	/**
	 * The Redis tier of a cache, as shared mode makes it.
	 * @param <V> the value type
	 * @param state the shared state (its breaker and background writes)
	 * @param redis the connection to a real Redis
	 * @param account the Target account in keys
	 * @param cache the cache's name in keys
	 * @param type the value type
	 * @param version the payload version
	 * @param registry where the metrics go
	 * @return the tier
	 */
	public static <V> SharedTier<V> tier(SharedState state, StringRedisTemplate redis, String account, String cache,
			Class<V> type, String version, MeterRegistry registry) {
		return new SharedCaches(state, redis, new ObjectMapper(), new SharedNamespace(account), registry).tier(cache,
				cache, type, version);
	}

}

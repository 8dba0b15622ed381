package io.recsbridge.shared;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Makes the Redis tier of a {@link TwoLevelCache}: in shared mode one in Redis, else
 * none.
 */
public final class SharedCaches {

	private final SharedState state;

	private final StringRedisTemplate redis;

	private final ObjectMapper mapper;

	private final SharedNamespace namespace;

	private final MeterRegistry registry;

	SharedCaches(SharedState state, StringRedisTemplate redis, ObjectMapper mapper, SharedNamespace namespace,
			MeterRegistry registry) {
		this.state = state;
		this.redis = redis;
		this.mapper = mapper;
		this.namespace = namespace;
		this.registry = registry;
	}

	/**
	 * The Redis tier of a cache, in shared mode.
	 * @param <V> the value type
	 * @param caches the shared caches, absent in in-memory mode
	 * @param cache the cache's name in keys, such as {@code fresh}
	 * @param metricName the local cache's metric name; the tier's is it with
	 * {@code -redis}
	 * @param type the value type, a record
	 * @param version the payload version, see {@link PayloadVersion}
	 * @return the tier, or {@link SharedTier#none()} in in-memory mode
	 */
	public static <V> SharedTier<V> tier(ObjectProvider<SharedCaches> caches, String cache, String metricName,
			Class<V> type, String version) {
		SharedCaches shared = caches.getIfAvailable();
		return (shared != null) ? shared.tier(cache, metricName, type, version) : SharedTier.none();
	}

	<V> SharedTier<V> tier(String cache, String metricName, Class<V> type, String version) {
		return new RedisTier<>(this.state, this.redis, this.mapper, type, this.namespace.key(cache, version) + ":",
				metricName + "-redis", this.registry);
	}

}

package io.recsbridge.shared;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;

/**
 * A bounded, expiring Caffeine cache in front, and in shared mode Redis behind it: a
 * local miss asks Redis (within its few-millisecond budget) and keeps what Redis had for
 * the rest of its time to live; a write goes to both, Redis in the background. Without
 * Redis, or while it is unavailable, it is the local cache alone. Reads and writes are
 * separate calls so that a caller that must not use a cached value (or must not leave
 * one) simply does not call them.
 *
 * @param <K> the key type
 * @param <V> the value type, written to Redis as JSON
 */
public final class TwoLevelCache<K, V> {

	private final Cache<K, Stamped<V>> local;

	private final Duration ttl;

	private final SharedTier<V> shared;

	private final Function<K, String> sharedKey;

	private final Clock clock;

	/**
	 * A cache exporting gets, hits and evictions as {@code cache_*} metrics under a name.
	 * @param name the {@code cache} tag of its metrics
	 * @param ttl how long a value lives from its first write; zero turns the cache off
	 * @param maxEntries bound on the local entries
	 * @param registry where the metrics go
	 * @param shared the Redis tier, {@link SharedTier#none()} in in-memory mode
	 * @param sharedKey the key's form in Redis
	 */
	public TwoLevelCache(String name, Duration ttl, long maxEntries, MeterRegistry registry, SharedTier<V> shared,
			Function<K, String> sharedKey) {
		this(name, ttl, maxEntries, registry, shared, sharedKey, Clock.systemUTC());
	}

	TwoLevelCache(String name, Duration ttl, long maxEntries, MeterRegistry registry, SharedTier<V> shared,
			Function<K, String> sharedKey, Clock clock) {
		this.ttl = ttl;
		this.clock = clock;
		this.shared = ttl.isZero() ? SharedTier.none() : shared;
		this.sharedKey = sharedKey;
		// A zero TTL or size turns the cache off (benchmarks measure the bridge without
		// it).
		long size = ttl.isZero() ? 0 : maxEntries;
		this.local = Caffeine.newBuilder()
			.maximumSize(size)
			.expireAfter(Expiry.<K, Stamped<V>>writing((key, value) -> value.remaining(ttl, clock.millis())))
			.recordStats()
			.build();
		CaffeineCacheMetrics.monitor(registry, this.local, name);
	}

	/**
	 * The value, from this replica or from Redis.
	 * @param key the key
	 * @return the value while it lives
	 */
	public Optional<V> get(K key) {
		Stamped<V> local = this.local.getIfPresent(key);
		if (local != null) {
			return Optional.of(local.value());
		}
		return this.shared.get(this.sharedKey.apply(key))
			.filter((stamped) -> !stamped.remaining(this.ttl, this.clock.millis()).isZero())
			.map((stamped) -> {
				this.local.put(key, stamped);
				return stamped.value();
			});
	}

	/**
	 * Keeps a value here and, in the background, in Redis.
	 * @param key the key
	 * @param value the value, just fetched
	 */
	public void put(K key, V value) {
		if (this.ttl.isZero()) {
			return;
		}
		Stamped<V> stamped = new Stamped<>(this.clock.millis(), value);
		this.local.put(key, stamped);
		this.shared.put(this.sharedKey.apply(key), stamped, this.ttl);
	}

	/** Forgets this replica's entries; Redis keeps its own until they expire. */
	public void clear() {
		this.local.invalidateAll();
	}

}

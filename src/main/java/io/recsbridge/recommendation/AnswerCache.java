package io.recsbridge.recommendation;

import java.time.Duration;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;

import org.springframework.stereotype.Component;

/**
 * Answers Target gave with items, twice over: fresh ones served as {@code source: cache}
 * for a few minutes, and last-good ones kept a day to stand in when Target fails
 * ({@code source: stale}). Both bounded in size; both export gets, hits and evictions as
 * {@code cache_*} metrics.
 */
@Component
class AnswerCache {

	/** The fresh answers' name in explanations. */
	static final String FRESH = "fresh";

	/** The last-good answers' name in explanations. */
	static final String LAST_GOOD = "last-good";

	private final Cache<AnswerKey, RecommendationMapper.Recommendations> fresh;

	private final Cache<AnswerKey, RecommendationMapper.Recommendations> lastGood;

	AnswerCache(BridgeProperties properties, MeterRegistry registry) {
		this.fresh = build(properties.cacheTtl(), properties.cacheMaxEntries());
		this.lastGood = build(properties.cacheStaleTtl(), properties.cacheStaleMaxEntries());
		CaffeineCacheMetrics.monitor(registry, this.fresh, "recs-bridge-fresh");
		CaffeineCacheMetrics.monitor(registry, this.lastGood, "recs-bridge-stale");
	}

	private static Cache<AnswerKey, RecommendationMapper.Recommendations> build(Duration ttl, long maxEntries) {
		// A zero TTL or size turns the cache off (benchmarks measure the bridge without
		// it).
		long size = ttl.isZero() ? 0 : maxEntries;
		return Caffeine.newBuilder().maximumSize(size).expireAfterWrite(ttl).recordStats().build();
	}

	Optional<RecommendationMapper.Recommendations> fresh(AnswerKey key) {
		return Optional.ofNullable(this.fresh.getIfPresent(key));
	}

	Optional<RecommendationMapper.Recommendations> lastGood(AnswerKey key) {
		return Optional.ofNullable(this.lastGood.getIfPresent(key));
	}

	void put(AnswerKey key, RecommendationMapper.Recommendations recommendations) {
		this.fresh.put(key, recommendations);
		this.lastGood.put(key, recommendations);
	}

	void clear() {
		this.fresh.invalidateAll();
		this.lastGood.invalidateAll();
	}

}

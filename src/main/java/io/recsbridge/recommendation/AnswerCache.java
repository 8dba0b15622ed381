package io.recsbridge.recommendation;

import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.recsbridge.shared.PayloadVersion;
import io.recsbridge.shared.SharedCaches;
import io.recsbridge.shared.SharedNamespace;
import io.recsbridge.shared.TwoLevelCache;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Answers Target gave with items, twice over: fresh ones served as {@code source: cache}
 * for a few minutes, and last-good ones kept a day to stand in when Target fails
 * ({@code source: stale}). Both bounded in size on each replica; in shared mode both are
 * also in Redis, so a replica serves what another fetched and a restarted one still has
 * last-good answers. Both export gets, hits and evictions as {@code cache_*} metrics.
 * <p>
 * Reading and writing are separate on purpose: a caller that must not serve a cached
 * answer, or must not leave one, does not call them.
 */
@Component
class AnswerCache {

	/** The fresh answers' name in explanations and in shared keys. */
	static final String FRESH = "fresh";

	/** The last-good answers' name in explanations and in shared keys. */
	static final String LAST_GOOD = "last-good";

	/**
	 * Raise when what a cached answer means changes but not its shape (a shape change
	 * changes the version by itself): old entries are then never read.
	 */
	static final int PAYLOAD_REVISION = 1;

	static final String VERSION = PayloadVersion.of(RecommendationMapper.Recommendations.class, PAYLOAD_REVISION);

	private final TwoLevelCache<AnswerKey, RecommendationMapper.Recommendations> fresh;

	private final TwoLevelCache<AnswerKey, RecommendationMapper.Recommendations> lastGood;

	private final ObjectMapper keyWriter = new ObjectMapper();

	AnswerCache(BridgeProperties properties, MeterRegistry registry, ObjectProvider<SharedCaches> shared) {
		this.fresh = new TwoLevelCache<>(
				"recs-bridge-fresh", properties.cacheTtl(), properties.cacheMaxEntries(), registry, SharedCaches
					.tier(shared, "fresh", "recs-bridge-fresh", RecommendationMapper.Recommendations.class, VERSION),
				this::sharedKey);
		this.lastGood = new TwoLevelCache<>("recs-bridge-stale", properties.cacheStaleTtl(),
				properties.cacheStaleMaxEntries(), registry, SharedCaches.tier(shared, LAST_GOOD, "recs-bridge-stale",
						RecommendationMapper.Recommendations.class, VERSION),
				this::sharedKey);
	}

	Optional<RecommendationMapper.Recommendations> fresh(AnswerKey key) {
		return this.fresh.get(key);
	}

	Optional<RecommendationMapper.Recommendations> lastGood(AnswerKey key) {
		return this.lastGood.get(key);
	}

	void put(AnswerKey key, RecommendationMapper.Recommendations recommendations) {
		this.fresh.put(key, recommendations);
		this.lastGood.put(key, recommendations);
	}

	/** Forgets this replica's answers (tests); shared ones expire in Redis. */
	void clear() {
		this.fresh.clear();
		this.lastGood.clear();
	}

	/** The key in Redis: a digest, so no ECID or customer id is readable there. */
	private String sharedKey(AnswerKey key) {
		try {
			return SharedNamespace.digest(this.keyWriter.writeValueAsString(key));
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("An answer key is always JSON", ex);
		}
	}

}

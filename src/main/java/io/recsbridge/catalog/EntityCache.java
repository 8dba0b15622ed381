package io.recsbridge.catalog;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;

/**
 * Catalog entities by id, found or known absent, for the configured TTL: products are
 * shared by shoppers, so lookups scale with the catalog, not with the email volume.
 * Bounded in size. One lookup per id at a time: callers asking for an id already being
 * looked up share its future. A failed lookup is not kept. Gets, hits and evictions are
 * {@code cache_*} metrics ({@code cache="recs-bridge-catalog"}).
 */
class EntityCache {

	static final String NAME = "recs-bridge-catalog";

	private final AsyncCache<String, Optional<Map<String, String>>> entities;

	EntityCache(CatalogLookupProperties properties, MeterRegistry registry) {
		this.entities = Caffeine.newBuilder()
			.maximumSize(properties.maxEntries())
			.expireAfterWrite(properties.ttl())
			.recordStats()
			.buildAsync();
		CaffeineCacheMetrics.monitor(registry, this.entities.synchronous(), NAME);
	}

	/**
	 * The entity: kept, being looked up, or looked up now.
	 * @param id the entity id
	 * @param lookup looks the entity up when it is neither kept nor under way
	 * @return the entity's attributes, empty when the catalog has no such entity
	 */
	CompletableFuture<Optional<Map<String, String>>> get(String id,
			Function<String, CompletableFuture<Optional<Map<String, String>>>> lookup) {
		return this.entities.get(id, (key, executor) -> lookup.apply(key));
	}

	/**
	 * Keeps an entity (or its absence) looked up elsewhere.
	 * @param id the entity id
	 * @param entity its attributes, or empty
	 */
	void put(String id, Optional<Map<String, String>> entity) {
		this.entities.put(id, CompletableFuture.completedFuture(entity));
	}

	void clear() {
		this.entities.synchronous().invalidateAll();
	}

}

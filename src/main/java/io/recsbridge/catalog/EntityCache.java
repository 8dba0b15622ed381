package io.recsbridge.catalog;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.recsbridge.shared.SharedTier;
import io.recsbridge.shared.Stamped;

/**
 * Catalog entities by id, found or known absent, for the configured TTL: products are
 * shared by shoppers, so lookups scale with the catalog, not with the email volume.
 * Bounded in size. One lookup per id at a time: callers asking for an id already being
 * looked up share its future. A failed lookup is not kept. Gets, hits and evictions are
 * {@code cache_*} metrics ({@code cache="recs-bridge-catalog"}).
 * <p>
 * In shared mode Redis stands behind the local cache: a local miss asks Redis before Get
 * Entity, and what Get Entity said (found or absent) is written there in the background,
 * so the fleet looks each product up once per TTL, not once per replica. Redis is only
 * ever a shortcut: unavailable or slow (its few-millisecond budget), the lookup goes to
 * Get Entity as in-memory mode does. An entry expires everywhere when its first write's
 * TTL ends.
 */
class EntityCache {

	static final String NAME = "recs-bridge-catalog";

	private final AsyncCache<String, Stamped<KnownEntity>> entities;

	private final Duration ttl;

	private final SharedTier<KnownEntity> shared;

	private final Executor executor;

	private final Clock clock;

	/**
	 * A cache looking entities up on an executor of its own.
	 * @param properties the TTL and bound
	 * @param registry where the metrics go
	 * @param shared the Redis tier, {@link SharedTier#none()} in in-memory mode
	 * @param executor runs the Redis read and the Get Entity call, off the request thread
	 */
	EntityCache(CatalogLookupProperties properties, MeterRegistry registry, SharedTier<KnownEntity> shared,
			Executor executor) {
		this.ttl = properties.ttl();
		this.shared = shared;
		this.executor = executor;
		this.clock = Clock.systemUTC();
		this.entities = Caffeine.newBuilder()
			.maximumSize(properties.maxEntries())
			.expireAfter(Expiry.<String, Stamped<KnownEntity>>writing((id, known) -> remaining(known)))
			.recordStats()
			.buildAsync();
		CaffeineCacheMetrics.monitor(registry, this.entities.synchronous(), NAME);
	}

	/**
	 * The entity: kept here, being looked up, kept in Redis, or looked up now, in the
	 * background.
	 * @param id the entity id
	 * @param find looks the entity up in the catalog, blocking; throws when the catalog
	 * could not say
	 * @return the entity's attributes, empty when the catalog has no such entity
	 */
	CompletableFuture<Optional<Map<String, String>>> get(String id,
			Function<String, Optional<Map<String, String>>> find) {
		// A failed lookup is never served: Caffeine drops it only after the lookup's own
		// dependents ran, so the answer that waited for it can be done, and the next one
		// here, before that. (The map view reads without counting a hit or a miss.)
		CompletableFuture<Stamped<KnownEntity>> kept = this.entities.asMap().get(id);
		if (kept != null && kept.isCompletedExceptionally()) {
			this.entities.asMap().remove(id, kept);
		}
		return lookUp(id, find).thenApply((known) -> known.value().entity());
	}

	private CompletableFuture<Stamped<KnownEntity>> lookUp(String id,
			Function<String, Optional<Map<String, String>>> find) {
		return this.entities.get(id,
				(key, caffeine) -> CompletableFuture.supplyAsync(() -> load(key, find), this.executor));
	}

	private Stamped<KnownEntity> load(String id, Function<String, Optional<Map<String, String>>> find) {
		Optional<Stamped<KnownEntity>> shared = this.shared.get(id).filter((known) -> !remaining(known).isZero());
		if (shared.isPresent()) {
			return shared.get();
		}
		Stamped<KnownEntity> known = new Stamped<>(this.clock.millis(), KnownEntity.of(find.apply(id)));
		this.shared.put(id, known, this.ttl);
		return known;
	}

	private Duration remaining(Stamped<KnownEntity> known) {
		long left = this.ttl.toMillis() - Math.max(0, this.clock.millis() - known.writtenAt());
		return Duration.ofMillis(Math.max(0, left));
	}

	/** Forgets this replica's entities; Redis keeps its own until they expire. */
	void clear() {
		this.entities.synchronous().invalidateAll();
	}

}

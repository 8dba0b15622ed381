package io.recsbridge.catalog;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.recsbridge.system.RequestSlots;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Target's catalog for the cart's lines: every id's lookup starts at once, in the
 * background, from the {@link EntityCache} (this replica's, then Redis's in shared mode)
 * or Get Entity, so lookups run in parallel with the Target call; a request takes what
 * has arrived by the time it must answer. Without a catalog (no
 * {@code TARGET_TENANT_ID}), nothing is looked up.
 */
public class Catalog {

	private static final Logger logger = LoggerFactory.getLogger(Catalog.class);

	private static final Lookup NOTHING = (maxWait) -> Map.of();

	private final EntityCache cache;

	private final GetEntityClient client;

	Catalog(EntityCache cache, GetEntityClient client) {
		this.cache = cache;
		this.client = client;
	}

	/**
	 * No catalog: cart lines show what AJO sent.
	 * @return a catalog that looks nothing up
	 */
	public static Catalog none() {
		return new Catalog(null, null);
	}

	/**
	 * Starts looking the entities up.
	 * @param ids the entity ids
	 * @return the lookups under way
	 */
	public Lookup lookUp(List<String> ids) {
		if (this.client == null || ids.isEmpty()) {
			return NOTHING;
		}
		Map<String, CompletableFuture<Optional<Map<String, String>>>> lookups = new LinkedHashMap<>();
		for (String id : ids) {
			lookups.put(id, this.cache.get(id, this.client::find));
		}
		return (maxWait) -> collect(lookups, maxWait);
	}

	private static Map<String, Map<String, String>> collect(
			Map<String, CompletableFuture<Optional<Map<String, String>>>> lookups, Duration maxWait) {
		long until = System.nanoTime() + Math.max(0, maxWait.toNanos());
		Map<String, Map<String, String>> found = new HashMap<>();
		// A wait for Adobe needs no CPU: the request's slot goes to another meanwhile.
		boolean waits = lookups.values().stream().anyMatch((lookup) -> !lookup.isDone());
		try (RequestSlots.Away away = waits ? RequestSlots.away() : RequestSlots.Away.NOTHING) {
			lookups.forEach((id, lookup) -> collect(id, lookup, until, found));
		}
		return found;
	}

	private static void collect(String id, CompletableFuture<Optional<Map<String, String>>> lookup, long until,
			Map<String, Map<String, String>> found) {
		try {
			lookup.get(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS)
				.ifPresent((entity) -> found.put(id, entity));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (Exception ex) {
			// Too slow or failed: the line shows what AJO sent; a slow lookup still fills
			// the cache for the next answer.
			logger.debug("No catalog entity in time for a cart line: {}", ex.getClass().getSimpleName());
		}
	}

	/**
	 * Forgets every entity (tests).
	 */
	public void clear() {
		if (this.cache != null) {
			this.cache.clear();
		}
	}

	/**
	 * Lookups under way.
	 */
	@FunctionalInterface
	public interface Lookup {

		/**
		 * The entities found, waiting no longer than {@code maxWait} in all.
		 * @param maxWait how long the request can still wait
		 * @return attributes by entity id, for the ids found in time
		 */
		Map<String, Map<String, String>> await(Duration maxWait);

	}

}

package io.recsbridge.catalog;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.recsbridge.shared.SharedTier;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The in-memory entity cache never serves a failed lookup: a lookup asked for while a
 * failure is still in the cache asks the catalog again.
 */
class EntityCacheTests {

	@Test
	void aLookupAskedForJustAfterAFailureAsksTheCatalogAgain() {
		// Lookups run when the test says, so the failure lands after get() has returned.
		Queue<Runnable> lookups = new ArrayDeque<>();
		EntityCache cache = new EntityCache(
				new CatalogLookupProperties(Duration.ofMinutes(1), 100, Duration.ofSeconds(2)),
				new SimpleMeterRegistry(), SharedTier.none(), lookups::add);
		AtomicInteger asked = new AtomicInteger();
		Function<String, Optional<Map<String, String>>> failing = (id) -> {
			asked.incrementAndGet();
			throw new CatalogLookupException("503 from the catalog");
		};
		AtomicReference<CompletableFuture<Optional<Map<String, String>>>> next = new AtomicReference<>();
		// The next answer asks as soon as the first one has its failure: before
		// Caffeine's
		// own handler (which drops failed lookups) has run.
		CompletableFuture<Optional<Map<String, String>>> first = cache.get("coat-alpine-01", failing);
		first.whenComplete((entity, failure) -> next.set(cache.get("coat-alpine-01", failing)));

		while (!lookups.isEmpty()) {
			lookups.poll().run();
		}

		assertThat(first).isCompletedExceptionally();
		assertThat(next.get()).isCompletedExceptionally();
		assertThat(asked).as("the catalog was asked again").hasValue(2);
	}

}

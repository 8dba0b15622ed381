package io.recsbridge.catalog;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.recsbridge.shared.PayloadVersion;
import io.recsbridge.shared.SharedState;
import io.recsbridge.shared.SharedStateTesting;
import io.recsbridge.shared.SharedTier;
import io.recsbridge.support.LocalRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The entity cache's Redis tier against a real {@code redis-server}: two caches stand for
 * two replicas (each its own Caffeine), and a counting lookup for Get Entity.
 */
class SharedEntityCacheTests {

	private static final Map<String, String> COAT = Map.of("name", "Alpine Down Coat", "value", "249.99");

	@RegisterExtension
	static final LocalRedis redis = new LocalRedis();

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final ExecutorService executor = Executors.newFixedThreadPool(2);

	private final AtomicInteger lookups = new AtomicInteger();

	private StringRedisTemplate template;

	private SharedState state;

	@BeforeEach
	void connect() {
		this.template = redis.connectedTemplate();
		this.state = SharedStateTesting.state(CircuitBreaker.ofDefaults("redis"), this.registry);
	}

	@AfterEach
	void stopExecutor() {
		this.state.destroy();
		this.executor.shutdownNow();
	}

	@Test
	void anEntityOneReplicaLookedUpIsNotLookedUpByAnother() throws Exception {
		EntityCache first = replica();
		EntityCache second = replica();

		assertThat(first.get("coat-alpine-01", this::catalog).get(5, TimeUnit.SECONDS)).contains(COAT);
		awaitSharedKeys(1);

		assertThat(second.get("coat-alpine-01", this::unexpected).get(5, TimeUnit.SECONDS)).contains(COAT);
		assertThat(this.lookups).hasValue(1);
		String key = sharedKeys().findFirst().orElseThrow();
		assertThat(key)
			.isEqualTo("recs-bridge:acme:catalog:" + PayloadVersion.of(KnownEntity.class, 1) + ":coat-alpine-01");
		assertThat(Long.parseLong(redis.command("PTTL", key).strip().substring(1))).isBetween(1L, 60_000L);
	}

	@Test
	void anEntityTheCatalogLacksIsRememberedAsAbsentByEveryReplica() throws Exception {
		EntityCache first = replica();
		EntityCache second = replica();

		assertThat(first.get("retired-99", this::catalog).get(5, TimeUnit.SECONDS)).isEmpty();
		awaitSharedKeys(1);

		assertThat(second.get("retired-99", this::unexpected).get(5, TimeUnit.SECONDS)).isEmpty();
		assertThat(this.lookups).hasValue(1);
	}

	@Test
	void aFailedLookupIsSharedWithNobody() throws Exception {
		EntityCache first = replica();
		EntityCache second = replica();

		assertThatThrownBy(() -> first.get("coat-alpine-01", this::failing).get(5, TimeUnit.SECONDS))
			.hasCauseInstanceOf(CatalogLookupException.class);

		assertThat(second.get("coat-alpine-01", this::catalog).get(5, TimeUnit.SECONDS)).contains(COAT);
		assertThat(this.lookups).hasValue(1);
	}

	@Test
	void anEntityOfAnotherPayloadVersionIsNotRead() throws Exception {
		replica().get("coat-alpine-01", this::catalog).get(5, TimeUnit.SECONDS);
		awaitSharedKeys(1);
		EntityCache revised = new EntityCache(properties(), this.registry,
				tier(PayloadVersion.of(KnownEntity.class, 2)), this.executor);

		assertThat(revised.get("coat-alpine-01", this::catalog).get(5, TimeUnit.SECONDS)).contains(COAT);
		assertThat(this.lookups).hasValue(2);
	}

	@Test
	void withRedisGoneLookupsStillWorkAndAreKeptLocally() throws Exception {
		EntityCache cache = replica();
		redis.stop();
		try {
			assertThat(cache.get("coat-alpine-01", this::catalog).get(5, TimeUnit.SECONDS)).contains(COAT);
			assertThat(cache.get("coat-alpine-01", this::unexpected).get(5, TimeUnit.SECONDS)).contains(COAT);
			assertThat(this.lookups).hasValue(1);
		}
		finally {
			redis.restart();
		}
	}

	private EntityCache replica() {
		return new EntityCache(properties(), this.registry, tier(PayloadVersion.of(KnownEntity.class, 1)),
				this.executor);
	}

	private static CatalogLookupProperties properties() {
		return new CatalogLookupProperties(Duration.ofMinutes(1), 100, Duration.ofSeconds(2));
	}

	private SharedTier<KnownEntity> tier(String version) {
		return SharedStateTesting.tier(this.state, this.template, "acme", "catalog", KnownEntity.class, version,
				this.registry);
	}

	/** Get Entity's stand-in: the coat is in the catalog, nothing else. */
	private Optional<Map<String, String>> catalog(String id) {
		this.lookups.incrementAndGet();
		return "coat-alpine-01".equals(id) ? Optional.of(COAT) : Optional.empty();
	}

	private Optional<Map<String, String>> failing(String id) {
		throw new CatalogLookupException("Get Entity answered HTTP 503");
	}

	private Optional<Map<String, String>> unexpected(String id) {
		throw new AssertionError("Get Entity called for " + id);
	}

	private static void awaitSharedKeys(int count) {
		// Redis is written in the background.
		await().atMost(Duration.ofSeconds(5)).until(() -> sharedKeys().count() == count);
	}

	private static Stream<String> sharedKeys() {
		return redis.command("KEYS", "*").lines().filter((line) -> line.startsWith("recs-bridge:"));
	}

}

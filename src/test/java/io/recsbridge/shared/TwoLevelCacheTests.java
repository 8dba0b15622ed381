package io.recsbridge.shared;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.recsbridge.support.LocalRedis;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The two-level cache against a real {@code redis-server}: two caches stand for two
 * replicas' (each its own Caffeine), sharing through Redis.
 */
class TwoLevelCacheTests {

	@RegisterExtension
	static final LocalRedis redis = new LocalRedis();

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private SharedCaches caches;

	@BeforeEach
	void connect() {
		StringRedisTemplate template = redis.connectedTemplate();
		SharedState state = new SharedState(CircuitBreaker.ofDefaults("redis"), this.registry);
		this.caches = new SharedCaches(state, template, new ObjectMapper(), new SharedNamespace("acme"), this.registry);
	}

	record Answer(String activity, List<Item> items) {
	}

	record Item(String id, int rank) {
	}

	/** The same answer with one more field: a changed payload shape. */
	record AnswerWithBadge(String activity, List<Item> items, String badge) {
	}

	@Test
	void anAnswerOneReplicaWroteIsReadByAnotherForTheRestOfItsTimeToLive() {
		String version = PayloadVersion.of(Answer.class, 1);
		TwoLevelCache<String, Answer> first = cache(Answer.class, version, "first");
		TwoLevelCache<String, Answer> second = cache(Answer.class, version, "second");
		Answer answer = new Answer("302740", List.of(new Item("coat-alpine-01", 1)));

		first.put("visitor-1", answer);

		await().atMost(Duration.ofSeconds(5)).until(() -> second.get("visitor-1").isPresent());
		assertThat(second.get("visitor-1")).contains(answer);
		String key = redis.command("KEYS", "*")
			.lines()
			.filter((line) -> line.startsWith("recs-bridge:"))
			.findFirst()
			.orElseThrow();
		assertThat(key).startsWith("recs-bridge:acme:fresh:" + version + ":");
		assertThat(Long.parseLong(redis.command("PTTL", key).strip().substring(1))).isBetween(1L, 60_000L);
		assertThat(redis.command("GET", key)).contains("{\"writtenAt\":")
			.contains("\"value\":{\"activity\":\"302740\",\"items\":[{\"id\":\"coat-alpine-01\",\"rank\":1}]}");
	}

	@Test
	void aPayloadVersionChangeDoesNotReadOldEntries() {
		TwoLevelCache<String, Answer> before = cache(Answer.class, PayloadVersion.of(Answer.class, 1), "old");
		TwoLevelCache<String, AnswerWithBadge> after = cache(AnswerWithBadge.class,
				PayloadVersion.of(AnswerWithBadge.class, 1), "new");
		TwoLevelCache<String, Answer> sameShapeNewMeaning = cache(Answer.class, PayloadVersion.of(Answer.class, 2),
				"revised");
		before.put("visitor-1", new Answer("302740", List.of(new Item("coat-alpine-01", 1))));
		await().atMost(Duration.ofSeconds(5)).until(() -> redis.command("KEYS", "recs-bridge:*").contains("fresh"));

		assertThat(after.get("visitor-1")).isEmpty();
		assertThat(sameShapeNewMeaning.get("visitor-1")).isEmpty();
	}

	@Test
	void theVersionFollowsTheShapeOfTheCachedRecords() {
		assertThat(PayloadVersion.of(Answer.class, 1)).isEqualTo(PayloadVersion.of(Answer.class, 1))
			.matches("v1-[0-9a-f]{8}")
			.isNotEqualTo(PayloadVersion.of(AnswerWithBadge.class, 1))
			.isNotEqualTo(PayloadVersion.of(Answer.class, 2));
	}

	@Test
	void withRedisGoneTheLocalTierStillAnswersAndNothingWaits() {
		TwoLevelCache<String, Answer> cache = cache(Answer.class, PayloadVersion.of(Answer.class, 1), "local");
		Answer answer = new Answer("302740", List.of());
		redis.stop();
		try {
			cache.put("visitor-1", answer);
			long started = System.nanoTime();
			Optional<Answer> missing = cache.get("visitor-2");
			Duration miss = Duration.ofNanos(System.nanoTime() - started);

			assertThat(cache.get("visitor-1")).contains(answer);
			assertThat(missing).isEmpty();
			assertThat(miss).isLessThan(Duration.ofMillis(200 + 300));
		}
		finally {
			redis.restart();
		}
	}

	private <V> TwoLevelCache<String, V> cache(Class<V> type, String version, String metricName) {
		return new TwoLevelCache<>(metricName, Duration.ofMinutes(1), 100, this.registry,
				this.caches.tier("fresh", metricName, type, version), (key) -> key);
	}

}

package io.recsbridge.target;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.recsbridge.shared.SharedStateTesting;
import io.recsbridge.support.BoundProperties;
import io.recsbridge.support.LocalRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The fleet's token bucket ({@code rate-limit.lua}) against a real {@code redis-server}:
 * several {@link SharedTargetPermits} on one key stand for several replicas.
 */
class SharedTargetPermitsTests {

	@RegisterExtension
	static final LocalRedis redis = new LocalRedis();

	@ParameterizedTest(name = "{0} a second")
	@ValueSource(ints = { 1, 5 })
	void twoReplicasHammeringOneSmallLimitNeverExceedIt(int limit) throws Exception {
		TargetProperties properties = properties(limit, false);
		SharedTargetPermits first = replica("recs-bridge:acme:target-rate", properties, new SimpleMeterRegistry());
		SharedTargetPermits second = replica("recs-bridge:acme:target-rate", properties, new SimpleMeterRegistry());
		AtomicInteger granted = new AtomicInteger();
		ExecutorService callers = Executors.newFixedThreadPool(4);
		long started = System.nanoTime();
		long end = started + TimeUnit.MILLISECONDS.toNanos(2500);
		for (int i = 0; i < 4; i++) {
			SharedTargetPermits replica = (i % 2 == 0) ? first : second;
			callers.execute(() -> {
				while (System.nanoTime() < end) {
					try {
						replica.acquire();
						if (System.nanoTime() < end) {
							granted.incrementAndGet();
						}
					}
					catch (RequestNotPermitted ex) {
						// Pacing, not waiting for a condition: a refused caller asks
						// again soon, as a request would, without spinning a core.
						LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
					}
				}
			});
		}
		callers.shutdown();
		assertThat(callers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

		// One permit to start with, then one every 1/limit s: never two within 1/limit.
		assertThat(granted.get()).isPositive().isLessThanOrEqualTo(1 + (int) (limit * 2.5));
	}

	@Test
	void aReplicaStartedLaterJoinsTheFleetsRampInsteadOfStartingItsOwn() {
		TargetProperties properties = BoundProperties.bind("target", TargetProperties.class, Map.of("client-code",
				"acme", "rate-limit", "1000", "rate-ramp", "true", "ramp-step", "10", "ramp-interval", "1s"));
		MeterRegistry firstRegistry = new SimpleMeterRegistry();
		SharedTargetPermits first = replica("recs-bridge:acme:target-rate", properties, firstRegistry);
		first.acquire();
		assertThat(firstRegistry.get("recs.bridge.target.fleet.rate").gauge().value()).isEqualTo(10);

		// The fleet's ramp steps up after one interval, as the first replica sees it.
		await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
			first.acquire();
			assertThat(firstRegistry.get("recs.bridge.target.fleet.rate").gauge().value()).isEqualTo(20);
		});
		MeterRegistry laterRegistry = new SimpleMeterRegistry();
		replica("recs-bridge:acme:target-rate", properties, laterRegistry).acquire();

		assertThat(laterRegistry.get("recs.bridge.target.fleet.rate").gauge().value()).isEqualTo(20);
	}

	@Test
	void twoAccountsOnOneRedisHaveABudgetEach() {
		TargetProperties properties = properties(1, false);
		SharedTargetPermits acme = replica("recs-bridge:acme:target-rate", properties, new SimpleMeterRegistry());
		SharedTargetPermits other = replica("recs-bridge:other:target-rate", properties, new SimpleMeterRegistry());
		acme.acquire();

		other.acquire();
		assertThatExceptionOfType(RequestNotPermitted.class).isThrownBy(acme::acquire);
	}

	private static SharedTargetPermits replica(String key, TargetProperties properties, MeterRegistry registry) {
		RateLimiter local = RateLimiter.of("target",
				RateLimiterConfig.custom().timeoutDuration(Duration.ofMillis(100)).build());
		return new SharedTargetPermits(SharedStateTesting.state(CircuitBreaker.ofDefaults("redis"), registry),
				new StringRedisTemplate(redis.factory()), key, properties, local, Duration.ofMillis(200), registry);
	}

	private static TargetProperties properties(int limit, boolean ramp) {
		return BoundProperties.bind("target", TargetProperties.class, Map.of("client-code", "acme", "rate-limit",
				Integer.toString(limit), "rate-ramp", Boolean.toString(ramp)));
	}

}

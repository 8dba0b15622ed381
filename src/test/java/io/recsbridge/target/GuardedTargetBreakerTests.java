package io.recsbridge.target;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.recsbridge.system.Deadline;
import org.junit.jupiter.api.Test;

import org.springframework.core.task.SimpleAsyncTaskExecutor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our overload is not Target's failure: a Target answer that took long while the bridge's
 * own threads waited for a core is not judged a slow call; the same answer on a bridge
 * that runs on time is. The lag is given, not provoked: what is tested is the rule.
 */
class GuardedTargetBreakerTests {

	/** The slow-call threshold, small so that the test waits little. */
	private static final Duration SLOW = Duration.ofMillis(30);

	private final AtomicLong lagNanos = new AtomicLong();

	private final CircuitBreaker breaker = CircuitBreaker.of("target",
			CircuitBreakerConfig.custom()
				.slowCallDurationThreshold(SLOW)
				.slowCallRateThreshold(100)
				.minimumNumberOfCalls(100)
				.build());

	/**
	 * Answers after the slow threshold plus the lag, as a starved thread would see it.
	 */
	private final TargetClient slowToRead = (query) -> {
		sleep(SLOW.toMillis() + 10 + TimeUnit.NANOSECONDS.toMillis(this.lagNanos.get()));
		return new TargetDecision(List.of());
	};

	private final GuardedTarget target = new GuardedTarget(this.slowToRead,
			new GuardedTarget.Guards(Bulkhead.ofDefaults("target"), Retry.of("target", RetryConfig.ofDefaults()),
					this.breaker, RateLimiter.of("target", RateLimiterConfig.ofDefaults()),
					TargetPermits.local(RateLimiter.of("target", RateLimiterConfig.ofDefaults()))),
			new SimpleAsyncTaskExecutor("test-target-"), Duration.ofMillis(600), this.lagNanos::get);

	@Test
	void aSlowAnswerWhileTheBridgeIsStarvedOfCpuIsNotJudged() throws Exception {
		this.lagNanos.set(TimeUnit.MILLISECONDS.toNanos(60));

		callThreeTimes();

		CircuitBreaker.Metrics metrics = this.breaker.getMetrics();
		assertThat(metrics.getNumberOfBufferedCalls()).isZero();
		assertThat(metrics.getNumberOfSlowCalls()).isZero();
	}

	@Test
	void theSameSlowAnswerOnABridgeRunningOnTimeIsASlowCall() throws Exception {
		this.lagNanos.set(0);

		callThreeTimes();

		assertThat(this.breaker.getMetrics().getNumberOfSlowSuccessfulCalls()).isEqualTo(3);
	}

	@Test
	void aFastAnswerIsJudgedWhateverTheLag() throws Exception {
		GuardedTarget fast = new GuardedTarget((query) -> new TargetDecision(List.of()),
				new GuardedTarget.Guards(Bulkhead.ofDefaults("target"), Retry.of("target", RetryConfig.ofDefaults()),
						this.breaker, RateLimiter.of("target", RateLimiterConfig.ofDefaults()),
						TargetPermits.local(RateLimiter.of("target", RateLimiterConfig.ofDefaults()))),
				new SimpleAsyncTaskExecutor("test-target-"), Duration.ofMillis(600), () -> Long.MAX_VALUE / 4);

		fast.submit(query(), Deadline.in(Duration.ofSeconds(2))).get(2, TimeUnit.SECONDS);

		assertThat(this.breaker.getMetrics().getNumberOfSuccessfulCalls()).isEqualTo(1);
		assertThat(this.breaker.getMetrics().getNumberOfSlowCalls()).isZero();
	}

	private void callThreeTimes() throws Exception {
		for (int i = 0; i < 3; i++) {
			this.target.submit(query(), Deadline.in(Duration.ofSeconds(2))).get(2, TimeUnit.SECONDS);
		}
	}

	private static TargetQuery query() {
		return new TargetQuery("request-1", "12345678901234567890123456789012345678", null, "ajo-abandoned-cart",
				List.of(), List.of(), TargetExchanges.NONE);
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}

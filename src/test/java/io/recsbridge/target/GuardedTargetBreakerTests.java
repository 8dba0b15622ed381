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
import org.junit.jupiter.api.Test;

import org.springframework.core.task.SimpleAsyncTaskExecutor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our overload is not Target's failure: a Target answer that took long while the bridge's
 * own threads waited for a core is not judged a slow call; the same answer on a bridge
 * that runs on time is. The exchange's measured time and the lag are given, not provoked:
 * what is tested is the rule, against a real breaker.
 */
class GuardedTargetBreakerTests {

	/** The slow-call threshold. */
	private static final Duration SLOW = Duration.ofMillis(30);

	/** Past the threshold once the given lag is taken off: 100 - 60 = 40 ms. */
	private static final long SLOW_TO_READ_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

	private static final TargetDecision ANSWER = new TargetDecision(List.of());

	private final AtomicLong lagNanos = new AtomicLong();

	private final CircuitBreaker breaker = CircuitBreaker.of("target",
			CircuitBreakerConfig.custom()
				.slowCallDurationThreshold(SLOW)
				.slowCallRateThreshold(100)
				.minimumNumberOfCalls(100)
				.build());

	private final GuardedTarget target = new GuardedTarget((query) -> ANSWER,
			new GuardedTarget.Guards(Bulkhead.ofDefaults("target"), Retry.of("target", RetryConfig.ofDefaults()),
					this.breaker, RateLimiter.of("target", RateLimiterConfig.ofDefaults()),
					TargetPermits.local(RateLimiter.of("target", RateLimiterConfig.ofDefaults()))),
			new SimpleAsyncTaskExecutor("test-target-"), Duration.ofMillis(600), this.lagNanos::get);

	@Test
	void aSlowAnswerWhileTheBridgeIsStarvedOfCpuIsNotJudged() {
		this.lagNanos.set(TimeUnit.MILLISECONDS.toNanos(60));

		answerThreeTimes(SLOW_TO_READ_NANOS);

		CircuitBreaker.Metrics metrics = this.breaker.getMetrics();
		assertThat(metrics.getNumberOfBufferedCalls()).isZero();
		assertThat(metrics.getNumberOfSlowCalls()).isZero();
	}

	@Test
	void theSameSlowAnswerOnABridgeRunningOnTimeIsASlowCall() {
		this.lagNanos.set(0);

		answerThreeTimes(SLOW_TO_READ_NANOS);

		assertThat(this.breaker.getMetrics().getNumberOfSlowSuccessfulCalls()).isEqualTo(3);
	}

	@Test
	void aFastAnswerIsJudgedWhateverTheLag() {
		this.lagNanos.set(Long.MAX_VALUE / 4);

		this.breaker.acquirePermission();
		this.target.judgeAnswer(TimeUnit.MILLISECONDS.toNanos(1), ANSWER);

		assertThat(this.breaker.getMetrics().getNumberOfSuccessfulCalls()).isEqualTo(1);
		assertThat(this.breaker.getMetrics().getNumberOfSlowCalls()).isZero();
	}

	/** As the exchange does: a permission taken, then the answer judged. */
	private void answerThreeTimes(long elapsedNanos) {
		for (int i = 0; i < 3; i++) {
			this.breaker.acquirePermission();
			this.target.judgeAnswer(elapsedNanos, ANSWER);
		}
	}

}

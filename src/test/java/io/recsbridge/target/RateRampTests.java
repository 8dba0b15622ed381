package io.recsbridge.target;

import java.time.Duration;
import java.util.Map;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.recsbridge.support.BoundProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The warm-up ramp Adobe asks for (200 calls a second more each minute, up to the limit),
 * on the rate limiter as the application configures it: no step lets more calls through
 * than its rate.
 */
class RateRampTests {

	@Test
	void theRampStartsAtOneStepAndClimbsToTheLimitThenStops() {
		TargetProperties properties = properties("true", "700");
		RateLimiter rateLimiter = shippedRateLimiter(properties);
		RateRamp ramp = new RateRamp(rateLimiter, properties);
		try {
			assertThat(ramp.currentRate()).isEqualTo(200);
			assertThat(rateLimiter.getRateLimiterConfig().getLimitForPeriod()).isEqualTo(20);
			ramp.stepUp();
			ramp.stepUp();
			assertThat(ramp.currentRate()).isEqualTo(600);
			ramp.stepUp();
			ramp.stepUp();
			assertThat(ramp.currentRate()).isEqualTo(700);
			assertThat(rateLimiter.getRateLimiterConfig().getLimitForPeriod()).isEqualTo(70);
		}
		finally {
			ramp.destroy();
		}
	}

	@Test
	void withoutTheRampTheWholeLimitAppliesAtOnce() {
		TargetProperties properties = properties("false", "1000");
		RateLimiter rateLimiter = shippedRateLimiter(properties);
		RateRamp ramp = new RateRamp(rateLimiter, properties);

		assertThat(ramp.currentRate()).isEqualTo(1000);
		assertThat(rateLimiter.getRateLimiterConfig().getLimitForPeriod()).isEqualTo(100);
		assertThat(rateLimiter.getRateLimiterConfig().getLimitRefreshPeriod()).isEqualTo(Duration.ofMillis(100));
		ramp.destroy();
	}

	@ParameterizedTest(name = "TARGET_RATE_LIMIT={0}, ramp {1}")
	@CsvSource({ "1, true", "1, false", "2, false", "3, false", "5, true", "5, false", "7, false", "15, false",
			"150, false", "199, true", "200, true", "201, true", "999, true", "1000, true", "1000, false", "1001, true",
			"5000, true" })
	void noStepOfTheRampEverLetsMoreThanItsRateThrough(int limit, boolean rampOn) {
		TargetProperties properties = properties(Boolean.toString(rampOn), Integer.toString(limit));
		RateLimiter rateLimiter = shippedRateLimiter(properties);
		RateRamp ramp = new RateRamp(rateLimiter, properties);
		try {
			assertThat(rateLimiter.getRateLimiterConfig().getLimitRefreshPeriod())
				.isGreaterThanOrEqualTo(properties.rateRefreshPeriod());
			for (int step = 0; step < 30; step++) {
				double granted = permitsPerSecond(rateLimiter);
				assertThat(granted).as("at %d/s", ramp.currentRate())
					.isLessThanOrEqualTo(ramp.currentRate())
					.isGreaterThan(ramp.currentRate() * 0.99);
				ramp.stepUp();
			}
			assertThat(ramp.currentRate()).isEqualTo(limit);
		}
		finally {
			ramp.destroy();
		}
	}

	/**
	 * The limiter itself, not its arithmetic: a second's worth of asking lets through at
	 * most one period's permits more than the limit (a window can straddle two periods).
	 */
	@ParameterizedTest(name = "TARGET_RATE_LIMIT={0}")
	@ValueSource(ints = { 1, 5 })
	void aLimitUnderTenCallsASecondIsNotExceeded(int limit) throws InterruptedException {
		TargetProperties properties = properties("true", Integer.toString(limit));
		RateLimiter rateLimiter = shippedRateLimiter(properties);
		RateRamp ramp = new RateRamp(rateLimiter, properties);
		try {
			int granted = 0;
			long end = System.nanoTime() + Duration.ofSeconds(1).toNanos();
			while (System.nanoTime() < end) {
				if (rateLimiter.acquirePermission()) {
					granted++;
				}
				// Pacing the asking over the measured second, not waiting for a
				// condition.
				Thread.sleep(2);
			}

			assertThat(granted).isBetween(1, limit + 1);
		}
		finally {
			ramp.destroy();
		}
	}

	@ParameterizedTest(name = "{0}/s every {1} ms -> {2}")
	@CsvSource({ "1000, 100, 100", "15, 100, 1", "1001, 100, 100", "200, 1000, 200", "1, 1000, 1" })
	void permitsPerPeriodRoundDown(int rate, long periodMillis, int permits) {
		assertThat(RateRamp.permitsPerPeriod(rate, Duration.ofMillis(periodMillis))).isEqualTo(permits);
	}

	@Test
	void aPeriodTooShortForOnePermitIsRefusedNotRoundedUp() {
		assertThatIllegalArgumentException().isThrownBy(() -> RateRamp.permitsPerPeriod(5, Duration.ofMillis(100)));
	}

	@ParameterizedTest(name = "{0}/s -> {1} ns")
	@CsvSource({ "1000, 100000000", "1, 1000000000", "5, 200000000", "7, 142857143", "15, 133333334" })
	void theRefreshPeriodHoldsAWholeNumberOfPermits(int limit, long periodNanos) {
		assertThat(RateRamp.refreshPeriod(properties("false", Integer.toString(limit))))
			.isEqualTo(Duration.ofNanos(periodNanos));
	}

	private static double permitsPerSecond(RateLimiter rateLimiter) {
		RateLimiterConfig config = rateLimiter.getRateLimiterConfig();
		return config.getLimitForPeriod() * 1e9 / config.getLimitRefreshPeriod().toNanos();
	}

	/**
	 * The {@code target} rate limiter as {@link TargetResilienceConfiguration} shapes it.
	 */
	private static RateLimiter shippedRateLimiter(TargetProperties properties) {
		RateLimiterConfig.Builder builder = RateLimiterConfig.custom().timeoutDuration(Duration.ZERO);
		TargetResilienceConfiguration.rateLimitFor(properties).customize(builder);
		return RateLimiter.of("target", builder.build());
	}

	private static TargetProperties properties(String ramp, String limit) {
		return BoundProperties.bind("target", TargetProperties.class,
				Map.of("client-code", "acme", "rate-ramp", ramp, "rate-limit", limit));
	}

}

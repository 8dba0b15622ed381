package io.recsbridge.target;

import java.time.Duration;
import java.util.Map;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.recsbridge.support.BoundProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The warm-up ramp Adobe asks for: 200 calls a second more each minute, up to the limit.
 */
class RateRampTests {

	private final RateLimiter rateLimiter = RateLimiter.of("target",
			RateLimiterConfig.custom().limitRefreshPeriod(Duration.ofMillis(100)).limitForPeriod(1).build());

	@Test
	void theRampStartsAtOneStepAndClimbsToTheLimitThenStops() {
		RateRamp ramp = new RateRamp(this.rateLimiter, properties("true", "700"));
		try {
			assertThat(ramp.currentRate()).isEqualTo(200);
			assertThat(this.rateLimiter.getRateLimiterConfig().getLimitForPeriod()).isEqualTo(20);
			ramp.stepUp();
			ramp.stepUp();
			assertThat(ramp.currentRate()).isEqualTo(600);
			ramp.stepUp();
			ramp.stepUp();
			assertThat(ramp.currentRate()).isEqualTo(700);
			assertThat(this.rateLimiter.getRateLimiterConfig().getLimitForPeriod()).isEqualTo(70);
		}
		finally {
			ramp.destroy();
		}
	}

	@Test
	void withoutTheRampTheWholeLimitAppliesAtOnce() {
		RateRamp ramp = new RateRamp(this.rateLimiter, properties("false", "1000"));

		assertThat(ramp.currentRate()).isEqualTo(1000);
		assertThat(this.rateLimiter.getRateLimiterConfig().getLimitForPeriod()).isEqualTo(100);
		ramp.destroy();
	}

	@ParameterizedTest(name = "{0}/s every {1} ms -> {2}")
	@CsvSource({ "1000, 100, 100", "1, 100, 1", "5, 100, 1", "15, 100, 2", "200, 1000, 200" })
	void permitsPerPeriodNeverDropToZero(int rate, long periodMillis, int permits) {
		assertThat(RateRamp.permitsPerPeriod(rate, Duration.ofMillis(periodMillis))).isEqualTo(permits);
	}

	private static TargetProperties properties(String ramp, String limit) {
		return BoundProperties.bind("target", TargetProperties.class,
				Map.of("client-code", "acme", "rate-ramp", ramp, "rate-limit", limit));
	}

}

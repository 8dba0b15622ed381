package io.recsbridge.target;

import java.time.Duration;

import io.github.resilience4j.common.ratelimiter.configuration.RateLimiterConfigCustomizer;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.recsbridge.support.BridgeAgainstTargetStandIn;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The ramp as the application wires it: the {@code target} rate limiter starts at the
 * first step and the scheduled step-up raises it to the limit. The interval is shortened
 * so the climb is seen; every other number is the shipped one.
 */
@TestPropertySource(properties = { "target.rate-limit=600", "target.ramp-interval=500ms" })
class RateRampContextTests extends BridgeAgainstTargetStandIn {

	@Autowired
	private RateLimiterRegistry rateLimiters;

	@Autowired
	private RateLimiterConfigCustomizer targetRateLimit;

	@Test
	void theTargetRateLimiterStartsAtTheFirstStep() {
		RateLimiterConfig.Builder builder = RateLimiterConfig.custom();
		this.targetRateLimit.customize(builder);

		RateLimiterConfig start = builder.build();

		assertThat(this.targetRateLimit.name()).isEqualTo("target");
		assertThat(start.getLimitRefreshPeriod()).isEqualTo(Duration.ofMillis(100));
		assertThat(start.getLimitForPeriod()).as("200 calls/s").isEqualTo(20);
	}

	@Test
	void theScheduledStepUpClimbsToTheLimit() {
		RateLimiter rateLimiter = this.rateLimiters.rateLimiter("target");

		await().atMost(Duration.ofSeconds(20))
			.until(() -> rateLimiter.getRateLimiterConfig().getLimitForPeriod() == 60);

		assertThat(this.context.getBean(RateRamp.class).currentRate()).isEqualTo(600);
	}

}

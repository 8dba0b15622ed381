package io.recsbridge.target;

import java.time.Duration;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.recsbridge.recommendation.BridgeProperties;
import io.recsbridge.system.StartupRefusal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A deadline shorter than one Target attempt holds: the attempt's timeout is cut to fit,
 * said once at start-up; only a deadline with no room for a call at all is refused. Bound
 * from the real properties records, with the rate limiter's shipped 100 ms wait.
 */
@ExtendWith(OutputCaptureExtension.class)
class AttemptTimeoutTests {

	private final ApplicationContextRunner context = new ApplicationContextRunner()
		.withUserConfiguration(Properties.class, AttemptTimeoutConfiguration.class)
		.withBean(TargetPermits.class,
				() -> TargetPermits.local(RateLimiter.of("target",
						RateLimiterConfig.custom().timeoutDuration(Duration.ofMillis(100)).build())))
		.withPropertyValues("bridge.use-cases.abandoned-cart.mbox=ajo-abandoned-cart");

	@Test
	void aDeadlineShorterThanOneAttemptCutsTheTimeoutToFitAndSaysSoOnce(CapturedOutput output) {
		this.context.withPropertyValues("bridge.deadline=500ms").run((context) -> {
			AttemptTimeout timeout = context.getBean(AttemptTimeout.class);
			// 500 ms deadline - 100 ms permit wait - 20 ms answer reserve.
			assertThat(timeout.effective()).isEqualTo(Duration.ofMillis(380));
			assertThat(timeout.configured()).isEqualTo(Duration.ofMillis(500));
		});
		assertThat(output.getAll().lines().filter((line) -> line.contains("Target attempt timeout"))).singleElement()
			.asString()
			.contains("380 ms", "TARGET_TIMEOUT's 500 ms", "BRIDGE_DEADLINE (500 ms)");
	}

	@Test
	void aTimeoutThatFitsIsKeptAndNotMentioned(CapturedOutput output) {
		this.context.withPropertyValues("target.timeout=450ms").run((context) -> {
			AttemptTimeout timeout = context.getBean(AttemptTimeout.class);
			assertThat(timeout.effective()).isEqualTo(Duration.ofMillis(450));
			assertThat(timeout.cut()).isFalse();
		});
		assertThat(output.getAll()).doesNotContain("Target attempt timeout");
	}

	@Test
	void aDeadlineWithNoRoomForACallRefusesToStartNamingWhatToSet() {
		this.context.withPropertyValues("bridge.deadline=120ms").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOfSatisfying(StartupRefusal.class, (refusal) -> {
					assertThat(refusal.description()).contains("BRIDGE_DEADLINE (120 ms)", "20 ms", "100 ms");
					assertThat(refusal.action()).contains("Set BRIDGE_DEADLINE above 120 ms");
				});
		});
	}

	@Test
	void aZeroTimeoutIsRefusedRatherThanReadAsNoTimeoutAtAll() {
		// Apache HttpClient, like most, reads a zero timeout as none: a hung Target
		// would hold the call until the deadline gave up on it, every time.
		this.context.withPropertyValues("target.timeout=0").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(BindValidationException.class)
				.hasMessageContaining("target.timeout");
		});
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties({ TargetProperties.class, BridgeProperties.class })
	static class Properties {

	}

}

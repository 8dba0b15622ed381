package io.recsbridge.target;

import java.util.Map;

import io.github.resilience4j.springboot3.ratelimiter.autoconfigure.RateLimiterProperties;
import io.github.resilience4j.springboot3.retry.autoconfigure.RetryProperties;
import io.recsbridge.system.StartupRefusal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The target rate limiter's rate and the retry's waits have one source, {@code target.*}:
 * the same setting under {@code resilience4j.*}, which the bridge would overwrite, is
 * refused at start-up, naming both.
 */
class BridgeSetResilienceTests {

	@ParameterizedTest
	@ValueSource(strings = { "resilience4j.ratelimiter.instances.target.limit-for-period",
			"resilience4j.ratelimiter.configs.default.limit-for-period" })
	void aRateLimitSetUnderResilience4jIsRefusedNamingTargetRateLimit(String name) {
		RateLimiterProperties properties = bind("resilience4j.ratelimiter", RateLimiterProperties.class,
				Map.of(name, "50", "resilience4j.ratelimiter.instances.target.timeout-duration", "100ms"));

		assertThatExceptionOfType(StartupRefusal.class)
			.isThrownBy(() -> BridgeSetResilience.checkRateLimiter(properties))
			.satisfies((refusal) -> {
				assertThat(refusal.description()).contains(name, "TARGET_RATE_LIMIT (target.rate-limit)");
				assertThat(refusal.action()).startsWith("Remove " + name);
			});
	}

	@Test
	void aRetryWaitSetUnderResilience4jIsRefusedNamingTargetRetry() {
		RetryProperties properties = bind("resilience4j.retry", RetryProperties.class,
				Map.of("resilience4j.retry.instances.target.wait-duration", "200ms"));

		assertThatExceptionOfType(StartupRefusal.class).isThrownBy(() -> BridgeSetResilience.checkRetry(properties))
			.withMessageContaining("resilience4j.retry.instances.target.wait-duration")
			.withMessageContaining("target.retry.initial-wait");
	}

	@Test
	void theShippedApplicationYmlSetsEachOnlyOnce() {
		new ApplicationContextRunner().withInitializer(new ConfigDataApplicationContextInitializer())
			.withUserConfiguration(Resilience4jProperties.class)
			.run((context) -> assertThatCode(() -> {
				BridgeSetResilience.checkRateLimiter(context.getBean(RateLimiterProperties.class));
				BridgeSetResilience.checkRetry(context.getBean(RetryProperties.class));
			}).doesNotThrowAnyException());
	}

	private static <T> T bind(String prefix, Class<T> type, Map<String, String> values) {
		return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate(prefix, type);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties({ RateLimiterProperties.class, RetryProperties.class })
	static class Resilience4jProperties {

	}

}

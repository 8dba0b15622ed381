package io.recsbridge;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.recsbridge.recommendation.BridgeProperties;
import io.recsbridge.target.EdgeProperties;
import io.recsbridge.target.TargetProperties;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.util.unit.DataSize;

/**
 * Every documented environment variable reaches its setting with application.yml as
 * shipped: those Boot's relaxed binding maps by itself ({@code TARGET_TIMEOUT} to
 * {@code target.timeout}), whose defaults live only in the properties records, and those
 * application.yml maps onto another name ({@code BRIDGE_HTTP_MAX_HEADER_SIZE} to Boot's
 * {@code server.max-http-request-header-size}).
 */
class DocumentedVariablesTests {

	private static final List<Variable> VARIABLES = List.of(
			new Variable("TARGET_TIMEOUT", "250ms", (c) -> c.getBean(TargetProperties.class).timeout(),
					Duration.ofMillis(250)),
			new Variable("TARGET_RATE_LIMIT", "40", (c) -> c.getBean(TargetProperties.class).rateLimit(), 40),
			new Variable("TARGET_RATE_RAMP", "false", (c) -> c.getBean(TargetProperties.class).rateRamp(), false),
			new Variable("BRIDGE_DEADLINE", "650ms", (c) -> c.getBean(BridgeProperties.class).deadline(),
					Duration.ofMillis(650)),
			new Variable("BRIDGE_CACHE_TTL", "30s", (c) -> c.getBean(BridgeProperties.class).cacheTtl(),
					Duration.ofSeconds(30)),
			new Variable("BRIDGE_CACHE_STALE_TTL", "2h", (c) -> c.getBean(BridgeProperties.class).cacheStaleTtl(),
					Duration.ofHours(2)),
			new Variable("AEP_SANDBOX_NAME", "dev-1", (c) -> c.getBean(EdgeProperties.class).sandboxName(), "dev-1"),
			new Variable("BRIDGE_HTTP_MAX_HEADER_SIZE", "4KB",
					(c) -> c.getBean(ServerProperties.class).getMaxHttpRequestHeaderSize(), DataSize.ofKilobytes(4)),
			new Variable("SERVER_PORT", "9090", (c) -> c.getBean(ServerProperties.class).getPort(), 9090),
			new Variable("MANAGEMENT_SERVER_PORT", "9091",
					(c) -> Binder.get(c.getEnvironment()).bind("management.server.port", Integer.class).get(), 9091),
			new Variable("MANAGEMENT_SERVER_SSL_ENABLED", "true",
					(c) -> Binder.get(c.getEnvironment()).bind("management.server.ssl.enabled", Boolean.class).get(),
					true));

	@Test
	void eachDocumentedVariableReachesItsSetting() {
		Map<String, Object> environment = new HashMap<>();
		VARIABLES.forEach((variable) -> environment.put(variable.name(), variable.value()));
		SoftAssertions softly = new SoftAssertions();
		// Two contexts in all: without the variables (so that the check can fail), then
		// with.
		contextWith(Map.of())
			.run((context) -> VARIABLES.forEach((variable) -> softly.assertThat(variable.setting().apply(context))
				.as("%s unset", variable.name())
				.isNotEqualTo(variable.expected())));
		contextWith(environment)
			.run((context) -> VARIABLES.forEach((variable) -> softly.assertThat(variable.setting().apply(context))
				.as("%s=%s", variable.name(), variable.value())
				.isEqualTo(variable.expected())));
		softly.assertAll();
	}

	private static ApplicationContextRunner contextWith(Map<String, Object> environment) {
		return new ApplicationContextRunner().withInitializer(new ConfigDataApplicationContextInitializer())
			// Named as Boot names the process environment, so its names bind the relaxed
			// way.
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new SystemEnvironmentPropertySource("test-systemEnvironment", environment)))
			.withUserConfiguration(Bound.class);
	}

	/**
	 * A documented variable, a value for it, and where the application reads it.
	 */
	private record Variable(String name, String value, Function<ApplicationContext, Object> setting, Object expected) {
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties({ TargetProperties.class, BridgeProperties.class, EdgeProperties.class,
			ServerProperties.class })
	static class Bound {

	}

}

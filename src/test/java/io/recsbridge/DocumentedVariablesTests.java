package io.recsbridge;

import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import io.recsbridge.recommendation.BridgeProperties;
import io.recsbridge.target.EdgeProperties;
import io.recsbridge.target.TargetProperties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every documented environment variable reaches its setting with application.yml as
 * shipped: those Boot's relaxed binding maps by itself ({@code TARGET_TIMEOUT} to
 * {@code target.timeout}), whose defaults live only in the properties records, and those
 * application.yml maps onto another name ({@code BRIDGE_HTTP_MAX_HEADER_SIZE} to Boot's
 * {@code server.max-http-request-header-size}).
 */
class DocumentedVariablesTests {

	static Stream<Arguments> variables() {
		return Stream.of(
				bound("TARGET_TIMEOUT", "250ms", (c) -> c.getBean(TargetProperties.class).timeout(),
						Duration.ofMillis(250)),
				bound("TARGET_RATE_LIMIT", "40", (c) -> c.getBean(TargetProperties.class).rateLimit(), 40),
				bound("TARGET_RATE_RAMP", "false", (c) -> c.getBean(TargetProperties.class).rateRamp(), false),
				bound("BRIDGE_DEADLINE", "650ms", (c) -> c.getBean(BridgeProperties.class).deadline(),
						Duration.ofMillis(650)),
				bound("BRIDGE_CACHE_TTL", "30s", (c) -> c.getBean(BridgeProperties.class).cacheTtl(),
						Duration.ofSeconds(30)),
				bound("BRIDGE_CACHE_STALE_TTL", "2h", (c) -> c.getBean(BridgeProperties.class).cacheStaleTtl(),
						Duration.ofHours(2)),
				bound("AEP_SANDBOX_NAME", "dev-1", (c) -> c.getBean(EdgeProperties.class).sandboxName(), "dev-1"),
				bound("BRIDGE_HTTP_MAX_HEADER_SIZE", "4KB",
						(c) -> c.getBean(ServerProperties.class).getMaxHttpRequestHeaderSize(),
						DataSize.ofKilobytes(4)),
				bound("SERVER_PORT", "9090", (c) -> c.getBean(ServerProperties.class).getPort(), 9090),
				bound("MANAGEMENT_SERVER_PORT", "9091",
						(c) -> Binder.get(c.getEnvironment()).bind("management.server.port", Integer.class).get(),
						9091),
				bound("MANAGEMENT_SERVER_SSL_ENABLED", "true",
						(c) -> Binder.get(c.getEnvironment())
							.bind("management.server.ssl.enabled", Boolean.class)
							.get(),
						true));
	}

	private static Arguments bound(String variable, String value, Function<ApplicationContext, Object> setting,
			Object expected) {
		return Arguments.of(variable, value, setting, expected);
	}

	@ParameterizedTest(name = "{0}={1}")
	@MethodSource("variables")
	void aDocumentedVariableReachesItsSetting(String variable, String value,
			Function<ApplicationContext, Object> setting, Object expected) {
		contextWith(Map.of()).run((context) -> assertThat(setting.apply(context)).isNotEqualTo(expected));
		contextWith(Map.of(variable, value)).run((context) -> assertThat(setting.apply(context)).isEqualTo(expected));
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

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties({ TargetProperties.class, BridgeProperties.class, EdgeProperties.class,
			ServerProperties.class })
	static class Bound {

	}

}

package io.recsbridge.security;

import java.util.List;

import io.recsbridge.system.ProblemResponses;
import io.recsbridge.target.TargetProperties;
import io.recsbridge.target.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Puts API-key authentication in front of the API, and fails closed: outside the sandbox
 * the service does not start without keys unless told {@code BRIDGE_AUTH=none}.
 */
@Configuration(proxyBeanMethods = false)
class InboundAuthConfiguration {

	/**
	 * The sandbox's documented key: accepted only when the sandbox runs with no keys of
	 * its own, never against a real Target.
	 */
	static final String SANDBOX_DEMO_KEY = "sandbox-demo-key";

	private static final Logger logger = LoggerFactory.getLogger(InboundAuthConfiguration.class);

	@Bean
	FilterRegistrationBean<ApiKeyFilter> apiKeyFilter(InboundAuthProperties properties, TargetProperties target,
			ProblemResponses problems) {
		List<String> keys = acceptedKeys(properties, target.transport());
		FilterRegistrationBean<ApiKeyFilter> registration = new FilterRegistrationBean<>(
				new ApiKeyFilter(keys, properties.apiKeyHeader(), properties.apiKeyQueryParam(), problems));
		registration.addUrlPatterns("/v1/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		registration.setEnabled(!keys.isEmpty());
		return registration;
	}

	static List<String> acceptedKeys(InboundAuthProperties properties, Transport transport) {
		List<String> keys = properties.configuredKeys();
		if (!keys.isEmpty()) {
			return keys;
		}
		if (properties.authenticationDisabled()) {
			logger.warn("BRIDGE_AUTH=none: the API accepts requests without credentials");
			return List.of();
		}
		if (transport == Transport.SANDBOX) {
			logger.warn("No BRIDGE_API_KEYS set: the sandbox accepts its demo key '{}' in the {} header",
					SANDBOX_DEMO_KEY, properties.apiKeyHeader());
			return List.of(SANDBOX_DEMO_KEY);
		}
		throw new IllegalStateException("Inbound authentication is required when Target is real: set BRIDGE_API_KEYS "
				+ "to one or more comma-separated keys, or BRIDGE_AUTH=none to run without it");
	}

}

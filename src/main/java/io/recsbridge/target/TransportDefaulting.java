package io.recsbridge.target;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Decides {@code target.transport} once, before any bean is created, so that every
 * {@code @ConditionalOnProperty} on it and {@link TargetProperties} agree: the sandbox
 * when no Target client code is configured, the Delivery API otherwise.
 */
class TransportDefaulting implements EnvironmentPostProcessor {

	static final String TRANSPORT = "target.transport";

	static final String CLIENT_CODE = "target.client-code";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (StringUtils.hasText(environment.getProperty(TRANSPORT))) {
			return;
		}
		Transport transport = StringUtils.hasText(environment.getProperty(CLIENT_CODE)) ? Transport.DELIVERY
				: Transport.SANDBOX;
		environment.getPropertySources()
			.addFirst(new MapPropertySource("recsBridgeTransportDefault",
					Map.of(TRANSPORT, transport.name().toLowerCase())));
	}

}

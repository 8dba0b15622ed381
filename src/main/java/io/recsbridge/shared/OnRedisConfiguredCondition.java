package io.recsbridge.shared;

import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Shared mode is on when any of Boot's Redis connection properties is set.
 */
class OnRedisConfiguredCondition extends SpringBootCondition {

	static final List<String> CONNECTION_PROPERTIES = List.of("spring.data.redis.url", "spring.data.redis.host",
			"spring.data.redis.port", "spring.data.redis.sentinel.master", "spring.data.redis.cluster.nodes");

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		return configured(context.getEnvironment())
				? ConditionOutcome.match("a Redis connection is configured: shared mode")
				: ConditionOutcome.noMatch("no Redis connection configured: in-memory mode");
	}

	static boolean configured(Environment environment) {
		return CONNECTION_PROPERTIES.stream().anyMatch((name) -> {
			String value = environment.getProperty(name);
			return value != null && !value.isBlank();
		});
	}

}

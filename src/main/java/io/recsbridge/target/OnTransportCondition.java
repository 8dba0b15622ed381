package io.recsbridge.target;

import java.util.Map;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Evaluated when bean definitions are read, after every property source (test ones
 * included) is in place; binding goes through {@link Binder} so {@code TARGET_TRANSPORT}
 * and {@code target.transport} read alike, and the choice is {@link TransportChoice}'s,
 * the same the rest of the application sees.
 */
class OnTransportCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Map<String, Object> attributes = metadata.getAnnotationAttributes(ConditionalOnTransport.class.getName());
		Transport wanted = (Transport) attributes.get("value");
		Transport actual = TransportChoice.of(Binder.get(context.getEnvironment())).transport();
		return (actual == wanted) ? ConditionOutcome.match("transport is " + actual)
				: ConditionOutcome.noMatch("transport is " + actual + ", not " + wanted);
	}

}

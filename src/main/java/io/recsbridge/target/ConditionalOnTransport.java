package io.recsbridge.target;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * Registers a bean only when the transport in force is the given one, decided the way
 * {@link TransportChoice} decides it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
@Conditional(OnTransportCondition.class)
public @interface ConditionalOnTransport {

	/**
	 * The transport the bean belongs to.
	 * @return the transport
	 */
	Transport value();

}

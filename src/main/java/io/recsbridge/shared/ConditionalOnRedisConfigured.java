package io.recsbridge.shared;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * Matches when an operator configured Boot's Redis connection
 * ({@code SPRING_DATA_REDIS_URL}, {@code spring.data.redis.host} or {@code port}, a
 * sentinel or a cluster): the bridge then runs in shared mode. Boot's own connection
 * factory exists either way, but nothing connects through it without this.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(OnRedisConfiguredCondition.class)
public @interface ConditionalOnRedisConfigured {

}

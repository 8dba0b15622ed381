package io.recsbridge.shared;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.resource.Delay;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.data.redis.ClientResourcesBuilderCustomizer;
import org.springframework.boot.autoconfigure.data.redis.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Shared mode: present only when Boot's Redis connection is configured. The connection is
 * Boot's (URL, host, TLS, password as Boot binds them); this makes it fail fast rather
 * than queue while Redis is away, and reconnect within a second of its return.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRedisConfigured
class SharedStateConfiguration {

	/** The resilience4j instance guarding Redis (its numbers are in application.yml). */
	static final String INSTANCE = "redis";

	@Bean
	SharedState sharedState(CircuitBreakerRegistry breakers, MeterRegistry registry) {
		return new SharedState(breakers.circuitBreaker(INSTANCE), registry);
	}

	/**
	 * Connects before the replica takes traffic: Lettuce's first connection (its event
	 * loops, the TCP and TLS handshakes) takes far longer than a command's budget, and
	 * would otherwise fall on the first request. Redis down at start-up only means the
	 * replica starts degraded.
	 */
	@Bean
	ApplicationRunner connectToRedis(SharedState state, StringRedisTemplate redis) {
		return (arguments) -> {
			// A few tries: a cold JVM's first handshake can outlast the command timeout.
			for (int attempt = 0; attempt < 5; attempt++) {
				if (state.call("connect", () -> redis.execute(RedisConnection::ping), () -> null) != null) {
					return;
				}
			}
		};
	}

	@Bean
	SharedNamespace sharedNamespace(Environment environment) {
		return SharedNamespace.of(environment);
	}

	@Bean
	SharedCaches sharedCaches(SharedState state, StringRedisTemplate redis, ObjectMapper mapper,
			SharedNamespace namespace, MeterRegistry registry) {
		return new SharedCaches(state, redis, mapper, namespace, registry);
	}

	@Bean
	SharedStateHealthIndicator sharedStateHealthIndicator(SharedState state) {
		return new SharedStateHealthIndicator(state);
	}

	/**
	 * While disconnected, Lettuce would buffer commands until its timeout; rejected at
	 * once, they fall back locally at once.
	 */
	@Bean
	LettuceClientOptionsBuilderCustomizer failFastWhileDisconnected() {
		return (options) -> options.autoReconnect(true)
			.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
	}

	/** Lettuce's default backoff grows to 30 s; a returning Redis is used within 1 s. */
	@Bean
	ClientResourcesBuilderCustomizer promptReconnect() {
		return (resources) -> resources
			.reconnectDelay(Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS));
	}

}

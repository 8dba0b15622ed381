package io.recsbridge.support;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.awaitility.Awaitility.await;

/**
 * Lettuce connections to a {@link RedisProcess}, configured as the application configures
 * its client (a short command timeout, commands refused at once while disconnected) and
 * reconnecting as promptly, so a test that stops and restarts Redis gets it back soon.
 */
public final class RedisConnections implements AutoCloseable {

	private final ClientResources resources;

	private final LettuceConnectionFactory factory;

	private RedisConnections(ClientResources resources, LettuceConnectionFactory factory) {
		this.resources = resources;
		this.factory = factory;
	}

	/**
	 * Connects to a running Redis.
	 * @param redis the server
	 * @return the connections, started
	 */
	public static RedisConnections to(RedisProcess redis) {
		ClientResources resources = ClientResources.builder()
			.reconnectDelay(Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS))
			.build();
		LettuceClientConfiguration client = LettuceClientConfiguration.builder()
			.clientResources(resources)
			.commandTimeout(Duration.ofMillis(200))
			.clientOptions(ClientOptions.builder()
				.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
				.build())
			.build();
		LettuceConnectionFactory factory = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration("127.0.0.1", redis.port()), client);
		factory.afterPropertiesSet();
		factory.start();
		return new RedisConnections(resources, factory);
	}

	/**
	 * A template over these connections, once a command gets through: after a restart of
	 * Redis the connection may still be reconnecting.
	 * @return the template
	 */
	public StringRedisTemplate connectedTemplate() {
		StringRedisTemplate template = new StringRedisTemplate(this.factory);
		await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> {
			template.opsForValue().get("connected?");
			return true;
		});
		return template;
	}

	public LettuceConnectionFactory factory() {
		return this.factory;
	}

	@Override
	public void close() {
		this.factory.destroy();
		this.resources.shutdown();
	}

}

package io.recsbridge.support;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * A {@link RedisProcess} of a test class's own, with {@link RedisConnections} to it:
 * started before the class's tests, emptied before each one, stopped after them. Register
 * it as a static field with {@code @RegisterExtension}.
 */
public final class LocalRedis implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

	private RedisProcess process;

	private RedisConnections connections;

	@Override
	public void beforeAll(ExtensionContext context) {
		this.process = RedisProcess.start();
		this.connections = RedisConnections.to(this.process);
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		this.process.command("FLUSHALL");
	}

	@Override
	public void afterAll(ExtensionContext context) {
		this.connections.close();
		this.process.close();
	}

	/**
	 * See {@link RedisProcess#command(String...)}.
	 * @param command the command and its arguments
	 * @return the reply
	 */
	public String command(String... command) {
		return this.process.command(command);
	}

	/** Stops the server, keeping its port (see {@link RedisProcess#stop()}). */
	public void stop() {
		this.process.stop();
	}

	/** Starts the server again on its port (see {@link RedisProcess#restart()}). */
	public void restart() {
		this.process.restart();
	}

	/**
	 * See {@link RedisConnections#connectedTemplate()}.
	 * @return a template once a command gets through
	 */
	public StringRedisTemplate connectedTemplate() {
		return this.connections.connectedTemplate();
	}

	/**
	 * The connections' factory, configured as the application's.
	 * @return the factory
	 */
	public LettuceConnectionFactory factory() {
		return this.connections.factory();
	}

}

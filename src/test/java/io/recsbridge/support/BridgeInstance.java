package io.recsbridge.support;

import java.util.LinkedHashMap;
import java.util.Map;

import io.recsbridge.RecsBridgeApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One whole bridge replica in this JVM, on its own random ports, configured for a real
 * Target that is a WireMock stand-in: several of them make a fleet, with or without a
 * shared Redis.
 */
public final class BridgeInstance implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private final ApiClient api;

	private BridgeInstance(ConfigurableApplicationContext context) {
		this.context = context;
		this.api = new ApiClient(port("local.server.port"));
	}

	/**
	 * Starts a replica.
	 * @param targetBaseUrl the Target stand-in
	 * @param properties more properties, such as {@code spring.data.redis.url}
	 * @return the running replica
	 */
	public static BridgeInstance start(String targetBaseUrl, Map<String, Object> properties) {
		Map<String, Object> all = new LinkedHashMap<>();
		all.put("server.port", "0");
		// Thousands of access lines would only cost the shared machine's CPU.
		all.put("logging.level.io.recsbridge.access", "warn");
		all.put("management.server.port", "0");
		all.put("target.client-code", "acme");
		all.put("target.base-url", targetBaseUrl);
		all.put("target.property-token", "08b62abd-c3e7-dfb3-da93-70b0a3a9c4ab");
		all.put("target.rate-ramp", "false");
		all.put("bridge.api-keys", TargetStandIn.API_KEY);
		all.put("bridge.catalog.image-base-url", "https://cdn.example.com");
		all.put("bridge.catalog.product-base-url", "https://shop.example.com");
		all.putAll(properties);
		// As command-line arguments: they win over application.yml, as an operator's
		// environment does.
		String[] arguments = all.entrySet()
			.stream()
			.map((e) -> "--" + e.getKey() + "=" + e.getValue())
			.toArray(String[]::new);
		return new BridgeInstance(new SpringApplicationBuilder(RecsBridgeApplication.class).run(arguments));
	}

	public ApiClient api() {
		return this.api;
	}

	/** {@code http://localhost:<management port>}. */
	public String managementUrl() {
		return "http://localhost:" + port("local.management.port");
	}

	public ConfigurableApplicationContext context() {
		return this.context;
	}

	private int port(String name) {
		return Integer.parseInt(this.context.getEnvironment().getProperty(name));
	}

	@Override
	public void close() {
		this.context.close();
	}

}

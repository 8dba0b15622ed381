package io.recsbridge.support;

import com.github.tomakehurst.wiremock.WireMockServer;

import org.springframework.test.context.DynamicPropertyRegistry;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * One WireMock Target for every full-context test in the JVM, so they share one cached
 * application context. Tests reset it before each test; it stops with the JVM.
 */
public final class TargetStandIn {

	/** The API key the test contexts accept. */
	public static final String API_KEY = "test-key-current";

	/**
	 * A use case on the abandoned-cart mbox that shows no recommendation known to have
	 * fewer than 5 units.
	 */
	public static final String MIN_INVENTORY_USE_CASE = "in-stock";

	/** A second accepted key, as during a rotation. */
	public static final String ROTATED_API_KEY = "test-key-next";

	/**
	 * Two more callers, for the one test of per-caller budgets: no other test spends
	 * theirs.
	 */
	public static final String CALLER_A_API_KEY = "test-key-caller-a";

	/** See {@link #CALLER_A_API_KEY}. */
	public static final String CALLER_B_API_KEY = "test-key-caller-b";

	private static final WireMockServer server = start();

	private TargetStandIn() {
	}

	public static WireMockServer server() {
		return server;
	}

	/**
	 * Points the bridge at the stand-in as a real Target client would be configured.
	 * @param registry the test's dynamic properties
	 */
	public static void register(DynamicPropertyRegistry registry) {
		registry.add("target.client-code", () -> "acme");
		registry.add("target.base-url", server::baseUrl);
		registry.add("target.property-token", () -> "08b62abd-c3e7-dfb3-da93-70b0a3a9c4ab");
		registry.add("target.environment-id", () -> "4421");
		registry.add("bridge.api-keys",
				() -> String.join(",", API_KEY, ROTATED_API_KEY, CALLER_A_API_KEY, CALLER_B_API_KEY));
		registry.add("bridge.use-cases." + MIN_INVENTORY_USE_CASE + ".mbox", () -> "ajo-abandoned-cart");
		registry.add("bridge.use-cases." + MIN_INVENTORY_USE_CASE + ".min-inventory", () -> "5");
		registry.add("bridge.catalog.image-base-url", () -> "https://cdn.example.com");
		registry.add("bridge.catalog.product-base-url", () -> "https://shop.example.com");
	}

	private static WireMockServer start() {
		WireMockServer wireMock = new WireMockServer(wireMockConfig().dynamicPort());
		wireMock.start();
		Runtime.getRuntime().addShutdownHook(new Thread(wireMock::stop));
		return wireMock;
	}

}

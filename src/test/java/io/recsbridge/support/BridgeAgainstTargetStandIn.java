package io.recsbridge.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole application on a random port, configured for a real Target that is the shared
 * WireMock {@link TargetStandIn}, reset before each test. Subclasses share one cached
 * context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class BridgeAgainstTargetStandIn {

	protected final WireMockServer target = TargetStandIn.server();

	@Autowired
	protected ObjectMapper objectMapper;

	@LocalServerPort
	private int port;

	protected ApiClient api;

	@DynamicPropertySource
	static void target(DynamicPropertyRegistry registry) {
		TargetStandIn.register(registry);
	}

	@BeforeEach
	void resetTargetStandIn() {
		this.target.resetAll();
		this.api = new ApiClient(this.port);
	}

}

package io.recsbridge.sandbox;

import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class SandboxEndpointTests {

	@Test
	void baseUrlIsUnknownUntilTheServerHasAPort() {
		SandboxEndpoint endpoint = new SandboxEndpoint(new MockEnvironment());
		assertThatIllegalStateException().isThrownBy(endpoint::baseUrl);
	}

	@Test
	void baseUrlFollowsThePortAndContextPathAtCallTime() {
		MockEnvironment environment = new MockEnvironment().withProperty("server.servlet.context-path", "/bridge");
		SandboxEndpoint endpoint = new SandboxEndpoint(environment);
		environment.setProperty("local.server.port", "18080");
		assertThat(endpoint.baseUrl()).hasToString("http://127.0.0.1:18080/bridge/sandbox/target");
		environment.setProperty("local.server.port", "18081");
		assertThat(endpoint.baseUrl().getPort()).isEqualTo(18081);
	}

}

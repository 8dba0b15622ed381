package io.recsbridge.system;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.http.MediaType;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The outbound client over real HTTP, and what it calls a timeout; and the shared JSON
 * buffers of the application's mapper. (That the client leaves retries to resilience4j is
 * {@code ResilienceTests}': Target's calls are counted there.)
 */
class OutboundHttpTests {

	@RegisterExtension
	static WireMockExtension upstream = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private final RestClient client = OutboundHttp.restClient(RestClient.builder(), Duration.ofMillis(200), 4);

	@Test
	void anAnswerSlowerThanTheTimeoutIsATimeout() {
		upstream.stubFor(post("/slow").willReturn(aResponse().withFixedDelay(1_000).withBody("{}")));

		ResourceAccessException failure = catchThrowableOfType(ResourceAccessException.class,
				() -> call(upstream.baseUrl() + "/slow"));

		assertThat(OutboundHttp.timedOut(failure)).isTrue();
	}

	@Test
	void aRefusedConnectionIsNotATimeout() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}

		ResourceAccessException failure = catchThrowableOfType(ResourceAccessException.class,
				() -> call("http://127.0.0.1:" + closedPort + "/refused"));

		assertThat(OutboundHttp.timedOut(failure)).isFalse();
	}

	@Test
	void theApplicationsObjectMapperSharesABoundedBufferPool() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class))
			.withUserConfiguration(JsonConfiguration.class)
			.run((context) -> assertThat(context.getBean(ObjectMapper.class).getFactory()._getRecyclerPool())
				.isInstanceOf(JsonRecyclerPools.BoundedPool.class));
	}

	private void call(String url) {
		// A JSON object, as the transports send: Apache's client retries only bodies it
		// can
		// repeat, which a plain string is not.
		this.client.post()
			.uri(url)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("visitor", "a"))
			.retrieve()
			.toBodilessEntity();
	}

}

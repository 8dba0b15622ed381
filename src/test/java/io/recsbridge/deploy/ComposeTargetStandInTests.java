package io.recsbridge.deploy;

import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.recsbridge.support.ApiClient;
import io.recsbridge.support.TargetStandIn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local stack's Target stand-in (docker/wiremock/mappings, as docker/compose.yaml
 * mounts it) behind the real bridge: every shipped use case gets recommendations.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ComposeTargetStandInTests {

	private static final WireMockServer composeTarget = startComposeTarget();

	@Autowired
	private ObjectMapper objectMapper;

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void target(DynamicPropertyRegistry registry) {
		// As docker/compose.yaml configures the bridge, on a port of the test's own.
		registry.add("target.client-code", () -> "localdemo");
		registry.add("target.base-url", composeTarget::baseUrl);
		registry.add("bridge.api-keys", () -> TargetStandIn.API_KEY);
		// WireMock's first templated answer is slow in a cold JVM; its speed is not under
		// test.
		registry.add("target.timeout", () -> "5s");
		registry.add("bridge.deadline", () -> "10s");
	}

	@AfterAll
	static void stopComposeTarget() {
		composeTarget.stop();
	}

	@ParameterizedTest
	@CsvSource({ "abandoned-cart, coat-alpine-01, 4", "recently-viewed, boot-chelsea-02, 4" })
	void everyShippedUseCaseGetsRecommendationsWithAbsoluteTrackedLinks(String useCase, String firstId, int itemCount)
			throws Exception {
		HttpResponse<String> response = new ApiClient(this.port).postJson("/v1/recommendations/" + useCase,
				"{\"ecid\": \"45781285307713846961427437541683283427\"}");

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode payload = this.objectMapper.readTree(response.body());
		assertThat(payload.get("source").asText()).isEqualTo("target");
		assertThat(payload.get("itemCount").asInt()).isEqualTo(itemCount);
		assertThat(payload.at("/items/0/id").asText()).isEqualTo(firstId);
		assertThat(payload.at("/items/0/productUrl").asText()).startsWith(
				"https://shop.example.com/p/" + firstId + "?utm_source=ajo&utm_medium=email&utm_campaign=" + useCase);
		assertThat(payload.at("/items/0/imageUrl").asText()).startsWith("https://cdn.example.com/img/");
		// A design cannot render categoryId: the stand-in's designs emit a custom
		// attribute named category, as a real design must, and every item carries it.
		payload.get("items").forEach((item) -> assertThat(item.path("category").asText()).isNotEmpty());
	}

	private static WireMockServer startComposeTarget() {
		WireMockServer server = new WireMockServer(
				wireMockConfig().dynamicPort().usingFilesUnderDirectory("docker/wiremock"));
		server.start();
		return server;
	}

}

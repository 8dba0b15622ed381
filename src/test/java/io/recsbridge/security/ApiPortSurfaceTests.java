package io.recsbridge.security;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.recsbridge.support.ApiClient;
import io.recsbridge.support.BridgeAgainstTargetStandIn;
import io.recsbridge.support.Fixtures;
import io.recsbridge.support.TargetStandIn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.web.server.LocalManagementPort;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API port serves the API and nothing else: the actuator lives on the management port
 * only, with health, info and prometheus alone. Every answer, errors included, says not
 * to store it or sniff its type.
 */
class ApiPortSurfaceTests extends BridgeAgainstTargetStandIn {

	private static final String BODY = "{\"ecid\": \"45781285307713846961427437541683283427\"}";

	@LocalManagementPort
	private int managementPort;

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "/actuator", "/actuator/health", "/actuator/health/liveness", "/actuator/prometheus",
			"/actuator/info", "/actuator/env", "/actuator/heapdump" })
	void theActuatorIsAbsentFromTheApiPort(String path) {
		HttpResponse<String> response = this.api.get(path);

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).contains("\"type\":\"urn:problem-type:recs-bridge:not-found\"");
		assertNotStoredNorSniffed(response);
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "/actuator/health/liveness", "/actuator/health/readiness", "/actuator/info" })
	void theManagementPortServesHealthInfoAndPrometheus(String path) {
		assertThat(management().send(management().request(path).GET()).statusCode()).isEqualTo(200);
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "/actuator/env", "/actuator/heapdump", "/actuator/beans", "/actuator/configprops",
			"/actuator/loggers", "/actuator/threaddump", "/actuator/mappings" })
	void theManagementPortExposesNothingElse(String path) {
		assertThat(management().send(management().request(path).GET()).statusCode()).isEqualTo(404);
	}

	@Test
	void healthDetailsAreOnTheManagementPort() {
		assertThat(management().send(management().request("/actuator/health").GET()).body())
			.contains("\"status\":\"UP\"")
			.contains("\"components\"");
	}

	@Test
	void answersAreNotStoredNorSniffed() {
		this.target.stubFor(post(urlPathEqualTo("/rest/v1/delivery"))
			.willReturn(okJson(Fixtures.read("/io/recsbridge/target/delivery-response-cart.json"))));

		HttpResponse<String> response = this.api.postJson("/v1/recommendations/abandoned-cart", BODY);

		assertThat(response.statusCode()).isEqualTo(200);
		assertNotStoredNorSniffed(response);
	}

	@Test
	void errorsWrittenByFiltersAreNotStoredNorSniffed() {
		HttpResponse<String> unauthorized = this.api.send(this.api.request("/v1/recommendations/abandoned-cart")
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(BODY)));
		HttpResponse<String> tooLarge = this.api.postJson("/v1/recommendations/abandoned-cart",
				"{\"ecid\": \"" + "1".repeat(20_000) + "\"}");
		HttpResponse<String> rejectedByFirewall = this.api.get("/v1/recommendations/abandoned-cart;jsessionid=1");

		assertThat(unauthorized.statusCode()).isEqualTo(401);
		assertThat(tooLarge.statusCode()).isEqualTo(413);
		assertThat(rejectedByFirewall.statusCode()).isEqualTo(400);
		assertThat(rejectedByFirewall.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertNotStoredNorSniffed(unauthorized);
		assertNotStoredNorSniffed(tooLarge);
		assertNotStoredNorSniffed(rejectedByFirewall);
	}

	@Test
	void headersOverTheLimitAreA400Problem() {
		HttpResponse<String> response = this.api.send(this.api.request("/v1/recommendations/abandoned-cart")
			.header("X-Api-Key", TargetStandIn.API_KEY)
			.header("X-Padding", "p".repeat(10_000))
			.GET());

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).contains("\"type\":\"urn:problem-type:recs-bridge:invalid-request\"");
		assertNotStoredNorSniffed(response);
	}

	private ApiClient management() {
		return new ApiClient(this.managementPort);
	}

	private static void assertNotStoredNorSniffed(HttpResponse<String> response) {
		assertThat(response.headers().firstValue("Cache-Control"))
			.hasValueSatisfying((value) -> assertThat(value).contains("no-store"));
		assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
	}

}

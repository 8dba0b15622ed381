package io.recsbridge.system;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import io.recsbridge.support.BridgeAgainstTargetStandIn;
import io.recsbridge.support.TargetStandIn;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The body limit, which only the running server applies: a body over it, declared or
 * chunked, is an RFC 9457 problem with the contract's fields, and one just under it is
 * answered. The problems Spring MVC and the controller answer are
 * {@code RecommendationProblemShapesTests}', in a slice.
 */
class ProblemApiTests extends BridgeAgainstTargetStandIn {

	private static final String ECID = "45781285307713846961427437541683283427";

	private static final String PATH = "/v1/recommendations/abandoned-cart";

	@Test
	void aBodyOverTheLimitIsA413Problem() throws Exception {
		String large = "{\"ecid\": \"%s\", \"journeyId\": \"%s\"}".formatted(ECID, "j".repeat(17 * 1024));

		problem(this.api.postJson(PATH, large), 413, "payload-too-large");
		assertThat(this.target.getAllServeEvents()).isEmpty();
	}

	@Test
	void aChunkedBodyOverTheLimitIsA413Problem() throws Exception {
		byte[] large = ("{\"ecid\": \"%s\", \"journeyId\": \"%s\"}".formatted(ECID, "j".repeat(17 * 1024))).getBytes();

		HttpResponse<String> response = this.api.send(this.api.request(PATH)
			.header("X-Api-Key", TargetStandIn.API_KEY)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(large))));

		problem(response, 413, "payload-too-large");
		assertThat(this.target.getAllServeEvents()).isEmpty();
	}

	@Test
	void aBodyJustUnderTheLimitIsAccepted() throws Exception {
		String prefix = "{\"ecid\": \"%s\", \"journeyId\": \"\"}".formatted(ECID);
		String padded = prefix.replace("}", " ".repeat(16 * 1024 - prefix.length()) + "}");
		TargetStandIn.server()
			.stubFor(com.github.tomakehurst.wiremock.client.WireMock
				.any(com.github.tomakehurst.wiremock.client.WireMock.anyUrl())
				.willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson("{\"status\": 200}")));

		assertThat(padded).hasSize(16 * 1024 + 1 - 1);
		assertThat(this.api.postJson(PATH, padded).statusCode()).isEqualTo(200);
	}

	/**
	 * Asserts the problem's shape and that it gives nothing away, and returns it.
	 */
	private JsonNode problem(HttpResponse<String> response, int status, String kind) throws Exception {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = this.objectMapper.readTree(response.body());
		assertThat(problem.get("type").asText()).isEqualTo("urn:problem-type:recs-bridge:" + kind);
		assertThat(problem.get("status").asInt()).isEqualTo(status);
		assertThat(problem.get("title").asText()).isNotBlank();
		assertThat(problem.get("detail").asText()).isNotBlank();
		assertThat(problem.get("instance").asText()).startsWith("/");
		assertThat(response.body()).doesNotContain("Exception", "java.", "jackson", "springframework", "\tat ",
				TargetStandIn.API_KEY);
		return problem;
	}

}

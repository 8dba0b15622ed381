package io.recsbridge.system;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import io.recsbridge.support.BridgeAgainstTargetStandIn;
import io.recsbridge.support.TargetStandIn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every bad request gets an RFC 9457 problem with the contract's fields and a stable
 * type, Spring's own errors included, and Target is never called for it.
 */
class ProblemApiTests extends BridgeAgainstTargetStandIn {

	private static final String ECID = "45781285307713846961427437541683283427";

	private static final String PATH = "/v1/recommendations/abandoned-cart";

	static List<Arguments> invalidBodies() {
		String manyIds = IntStream.range(0, 51)
			.mapToObj((i) -> "\"id-" + i + "\"")
			.reduce((a, b) -> a + "," + b)
			.orElseThrow();
		return List.of(Arguments.of("{\"ecid\": \"123\"}", "ecid", "must be exactly 38 digits"),
				Arguments.of("{\"ecid\": \"4578128530771384696142743754168328342a\"}", "ecid",
						"must be exactly 38 digits"),
				Arguments.of("{\"ecid\": \" 45781285307713846961427437541683283427\"}", "ecid",
						"must be exactly 38 digits"),
				Arguments.of("{\"identities\": [{\"namespace\": \"ECID\", \"id\": \"42\"}]}", "identities[0].id",
						"must be exactly 38 digits"),
				Arguments.of("{\"identities\": [{\"namespace\": \"\", \"id\": \"jane@example.com\"}]}",
						"identities[0].namespace", "is required with an id"),
				body("\"maxItems\": 0", ""), body("\"maxItems\": 21", ""),
				body("\"maxItems\": 4.5", "must be an integer"), body("\"maxItems\": \"four\"", "must be an integer"),
				body("\"maxItems\": 99999999999999999999999", ""),
				body("\"cartItemIds\": [" + manyIds + "]", "size must be between 0 and 50"),
				body("\"cartItemIds\": \"coat-alpine-01\"", "must be a list"),
				body("\"cartItemIds\": [\"" + "x".repeat(257) + "\"]", "size must be between 0 and 256"),
				body("\"cartItemIds\": [\"coat,parka\"]", "must not contain a comma or a control character"),
				body("\"excludedIds\": [\"a\\u0000b\"]", "must not contain a comma or a control character"),
				body("\"cartItems\": [{\"id\": \"a\", \"price\": -1}]", "must be greater than or equal to 0"),
				body("\"cartItems\": [{\"id\": \"a\", \"price\": \"cheap\"}]", "must be a number"),
				body("\"cartItems\": [[1, 2]]", "must be an object"),
				body("\"currency\": \"usd\"", "must be an ISO 4217 code such as USD"),
				body("\"currency\": \"XYZ\"", "must be a known ISO 4217 currency code"),
				body("\"locale\": \"not a locale\"", "must be a language tag such as en-US"),
				body("\"thirdPartyId\": \"" + "c".repeat(129) + "\"", "size must be between 0 and 128"),
				body("\"journeyId\": \"" + "j".repeat(257) + "\"", "size must be between 0 and 256"));
	}

	private static Arguments body(String field, String message) {
		String name = field.substring(1, field.indexOf('"', 1));
		return Arguments.of("{\"ecid\": \"%s\", %s}".formatted(ECID, field), name, message);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("invalidBodies")
	void invalidFieldsAreA400ProblemNamingTheField(String body, String field, String message) throws Exception {
		HttpResponse<String> response = this.api.postJson(PATH, body);

		JsonNode problem = problem(response, 400, "invalid-request");
		List<String> fields = new ArrayList<>();
		problem.path("errors").forEach((error) -> fields.add(error.get("field").asText()));
		assertThat(fields).as(response.body()).anySatisfy((name) -> assertThat(name).startsWith(field));
		if (!message.isEmpty()) {
			assertThat(problem.path("errors").toString()).contains(message);
		}
		assertThat(this.target.getAllServeEvents()).isEmpty();
	}

	@ParameterizedTest(name = "[{index}] {0}")
	@org.junit.jupiter.params.provider.ValueSource(
			strings = { "{\"ecid\": ", "not json", "[]", "\"a string\"", "{\"ecid\": \"1\"} trailing", "" })
	void unreadableBodiesAreA400Problem(String body) throws Exception {
		problem(this.api.postJson(PATH, body), 400, "invalid-request");
	}

	@Test
	void deeplyNestedBodiesAreA400Problem() throws Exception {
		String nested = "{\"ecid\": \"%s\", \"x\": %s1%s}".formatted(ECID, "[".repeat(2000), "]".repeat(2000));

		HttpResponse<String> response = this.api.postJson(PATH, nested);

		assertThat(response.statusCode()).isIn(400, 413);
		problem(response, response.statusCode(),
				(response.statusCode() == 400) ? "invalid-request" : "payload-too-large");
	}

	@Test
	void invalidQueryParametersAreA400ProblemWithoutJavaTypeNames() throws Exception {
		HttpResponse<String> response = this.api.get(PATH + "?ecid=" + ECID + "&maxItems=lots");

		JsonNode problem = problem(response, 400, "invalid-request");
		assertThat(problem.get("errors").get(0).get("field").asText()).isEqualTo("maxItems");
		assertThat(problem.get("errors").get(0).get("message").asText()).isEqualTo("has the wrong type");
	}

	@Test
	void anUnknownUseCaseIsA404Problem() throws Exception {
		JsonNode problem = problem(
				this.api.postJson("/v1/recommendations/back-in-stock", "{\"ecid\": \"%s\"}".formatted(ECID)), 404,
				"not-found");

		assertThat(problem.get("instance").asText()).isEqualTo("/v1/recommendations/back-in-stock");
	}

	@Test
	void anUnknownPathIsA404Problem() throws Exception {
		problem(this.api.get("/v1/nothing-here"), 404, "not-found");
		problem(this.api.send(this.api.request("/favicon.ico").GET()), 404, "not-found");
	}

	@Test
	void anotherMethodIsA405ProblemThatSaysWhichAreAllowed() throws Exception {
		HttpResponse<String> response = this.api
			.send(this.api.request(PATH).header("X-Api-Key", TargetStandIn.API_KEY).DELETE());

		problem(response, 405, "method-not-allowed");
		assertThat(response.headers().firstValue("Allow").orElse("")).contains("POST").contains("GET");
	}

	@Test
	void aBodyThatIsNotJsonIsA415Problem() throws Exception {
		HttpResponse<String> response = this.api.send(this.api.request(PATH)
			.header("X-Api-Key", TargetStandIn.API_KEY)
			.header("Content-Type", "text/plain")
			.POST(HttpRequest.BodyPublishers.ofString("ecid=" + ECID)));

		problem(response, 415, "unsupported-media-type");
	}

	@Test
	void aBodyOverTheLimitIsA413Problem() throws Exception {
		String large = "{\"ecid\": \"%s\", \"journeyId\": \"%s\"}".formatted(ECID, "j".repeat(17 * 1024));

		problem(this.api.postJson(PATH, large), 413, "payload-too-large");
	}

	@Test
	void aChunkedBodyOverTheLimitIsA413Problem() throws Exception {
		byte[] large = ("{\"ecid\": \"%s\", \"journeyId\": \"%s\"}".formatted(ECID, "j".repeat(17 * 1024))).getBytes();

		HttpResponse<String> response = this.api.send(this.api.request(PATH)
			.header("X-Api-Key", TargetStandIn.API_KEY)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(large))));

		problem(response, 413, "payload-too-large");
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

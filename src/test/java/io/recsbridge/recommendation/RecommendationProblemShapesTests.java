package io.recsbridge.recommendation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The RFC 9457 problem of every error the recommendation endpoint answers, in the shape
 * {@code openapi/openapi.yaml} publishes: the real controller and problem handler, the
 * service mocked where a case needs it to fail (the last resort included: a failure
 * nothing expected is a 500 that says nothing of it). Requests Spring MVC refuses never
 * reach the service. What needs the running server stays in full contexts: the body limit
 * (ProblemApiTests), Tomcat's and the firewall's refusals (ApiPortSurfaceTests),
 * authentication's 401 and 403 (InboundAuthModesTests), and the real service's answer to
 * an unknown use case (OpenApiContractTests).
 */
@WebMvcTest(RecommendationController.class)
// The security filter chain answers before the controller and is no part of these
// shapes; with filters on, the slice would meet Boot's default chain, not the bridge's.
@AutoConfigureMockMvc(addFilters = false)
class RecommendationProblemShapesTests {

	private static final String ECID = "45781285307713846961427437541683283427";

	private static final String PATH = "/v1/recommendations/abandoned-cart";

	/** Sent with every request: no problem may repeat it. */
	private static final String SECRET = "slice-secret-api-key";

	/** Every member the published Problem schema allows (additionalProperties: false). */
	private static final Set<String> PROBLEM_MEMBERS = Set.of("type", "title", "status", "detail", "instance",
			"errors");

	@Autowired
	private MockMvc mvc;

	@Autowired
	private ObjectMapper objectMapper;

	@MockitoBean
	private RecommendationService service;

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
		MockHttpServletResponse response = send(postJson(body));

		JsonNode problem = problem(response, 400, "invalid-request", PATH);
		assertThat(problem.get("title").asText()).isEqualTo("Invalid request");
		assertThat(problem.get("detail").asText()).isEqualTo("The request has invalid fields");
		List<String> fields = new ArrayList<>();
		problem.path("errors").forEach((error) -> {
			fields.add(error.get("field").asText());
			assertThat(error.get("message").asText()).isNotBlank();
			assertThat(error.size()).as("an error has a field and a message").isEqualTo(2);
		});
		assertThat(fields).as(response.getContentAsString()).anySatisfy((name) -> assertThat(name).startsWith(field));
		if (!message.isEmpty()) {
			assertThat(problem.path("errors").toString()).contains(message);
		}
		verifyNoInteractions(this.service);
	}

	static List<Arguments> unreadableBodies() {
		String notJson = "The request body is not valid JSON of the expected shape";
		return List.of(Arguments.of("{\"ecid\": ", notJson), Arguments.of("not json", notJson),
				Arguments.of("[]", notJson), Arguments.of("\"a string\"", notJson),
				// A valid request with something after it is not JSON either
				// (spring.jackson.deserialization.fail-on-trailing-tokens).
				Arguments.of("{\"ecid\": \"%s\"} trailing".formatted(ECID), notJson),
				Arguments.of("", "A JSON request body is required"));
	}

	@ParameterizedTest(name = "[{index}] {0}")
	@MethodSource("unreadableBodies")
	void unreadableBodiesAreA400Problem(String body, String detail) throws Exception {
		JsonNode problem = problem(send(postJson(body)), 400, "invalid-request", PATH);

		assertThat(problem.get("title").asText()).isEqualTo("Unreadable request");
		assertThat(problem.get("detail").asText()).isEqualTo(detail);
		assertThat(problem.has("errors")).isFalse();
		verifyNoInteractions(this.service);
	}

	@Test
	void deeplyNestedBodiesAreA400Problem() throws Exception {
		String nested = "{\"ecid\": \"%s\", \"x\": %s1%s}".formatted(ECID, "[".repeat(2000), "]".repeat(2000));

		JsonNode problem = problem(send(postJson(nested)), 400, "invalid-request", PATH);

		assertThat(problem.get("detail").asText())
			.isEqualTo("The request body nests too deeply or has a value too long");
		verifyNoInteractions(this.service);
	}

	@Test
	void invalidQueryParametersAreA400ProblemWithoutJavaTypeNames() throws Exception {
		JsonNode problem = problem(send(get(PATH).queryParam("ecid", ECID).queryParam("maxItems", "lots")), 400,
				"invalid-request", PATH);

		assertThat(problem.get("errors")).hasSize(1);
		assertThat(problem.get("errors").get(0).get("field").asText()).isEqualTo("maxItems");
		assertThat(problem.get("errors").get(0).get("message").asText()).isEqualTo("has the wrong type");
		verifyNoInteractions(this.service);
	}

	@Test
	void anInvalidQueryParameterValueIsA400ProblemNamingIt() throws Exception {
		JsonNode problem = problem(send(get(PATH).queryParam("ecid", "123")), 400, "invalid-request", PATH);

		assertThat(problem.get("errors").get(0).get("field").asText()).isEqualTo("ecid");
		assertThat(problem.get("errors").get(0).get("message").asText()).isEqualTo("must be exactly 38 digits");
		verifyNoInteractions(this.service);
	}

	@Test
	void anUnknownUseCaseIsA404Problem() throws Exception {
		given(this.service.recommend(eq("back-in-stock"), any(), any(), anyLong()))
			.willThrow(new UnknownUseCaseException());

		JsonNode problem = problem(
				send(post("/v1/recommendations/back-in-stock").contentType(MediaType.APPLICATION_JSON)
					.content("{\"ecid\": \"%s\"}".formatted(ECID))),
				404, "not-found", "/v1/recommendations/back-in-stock");

		assertThat(problem.get("title").asText()).isEqualTo("Unknown use case");
		assertThat(problem.get("detail").asText()).isEqualTo("No use case of that name is configured");
	}

	@Test
	void anUnknownPathIsA404Problem() throws Exception {
		problem(send(get("/v1/nothing-here")), 404, "not-found", "/v1/nothing-here");
		JsonNode problem = problem(send(get("/favicon.ico")), 404, "not-found", "/favicon.ico");

		assertThat(problem.get("detail").asText()).isEqualTo("No resource at this path");
	}

	@Test
	void aPathTooLongToRepeatIsNotTheProblemsInstance() throws Exception {
		problem(send(get("/v1/" + "x".repeat(300))), 404, "not-found", "/");
	}

	@Test
	void anotherMethodIsA405ProblemThatSaysWhichAreAllowed() throws Exception {
		MockHttpServletResponse response = send(delete(PATH));

		JsonNode problem = problem(response, 405, "method-not-allowed", PATH);
		assertThat(problem.get("title").asText()).isEqualTo("Method Not Allowed");
		assertThat(problem.get("detail").asText()).isEqualTo("This endpoint answers POST and GET");
		assertThat(response.getHeader("Allow")).contains("POST").contains("GET");
		verifyNoInteractions(this.service);
	}

	@Test
	void aBodyThatIsNotJsonIsA415Problem() throws Exception {
		JsonNode problem = problem(send(post(PATH).contentType(MediaType.TEXT_PLAIN).content("ecid=" + ECID)), 415,
				"unsupported-media-type", PATH);

		assertThat(problem.get("title").asText()).isEqualTo("Unsupported Media Type");
		assertThat(problem.get("detail").asText()).isEqualTo("Send the body as application/json");
		verifyNoInteractions(this.service);
	}

	@Test
	void anAnswerTheCallerDoesNotAcceptIsA406Problem() throws Exception {
		JsonNode problem = problem(send(postJson("{\"ecid\": \"%s\"}".formatted(ECID)).accept(MediaType.TEXT_HTML)),
				406, "not-acceptable", PATH);

		assertThat(problem.get("title").asText()).isEqualTo("Not Acceptable");
		assertThat(problem.get("detail").asText()).isEqualTo("This endpoint answers application/json");
		verifyNoInteractions(this.service);
	}

	@Test
	void theUpstreamRateLimitIsA429ProblemWithRetryAfter() throws Exception {
		given(this.service.recommend(anyString(), any(), any(), anyLong()))
			.willThrow(new UpstreamRateLimitedException(Duration.ofMillis(1500)));

		MockHttpServletResponse response = send(postJson("{\"ecid\": \"%s\"}".formatted(ECID)));

		JsonNode problem = problem(response, 429, "rate-limited", PATH);
		assertThat(problem.get("title").asText()).isEqualTo("Upstream rate limit reached");
		assertThat(problem.get("detail").asText())
			.isEqualTo("The bridge is at its request rate towards Adobe Target; retry after the indicated delay");
		assertThat(response.getHeader("Retry-After")).isEqualTo("2");
	}

	@Test
	void theBridgeAtCapacityIsA429OverloadedProblemWithRetryAfter() throws Exception {
		given(this.service.recommend(anyString(), any(), any(), anyLong())).willThrow(new Overload());

		MockHttpServletResponse response = send(get(PATH).queryParam("ecid", ECID));

		JsonNode problem = problem(response, 429, "overloaded", PATH);
		assertThat(problem.get("title").asText()).isEqualTo("Overloaded");
		assertThat(problem.get("detail").asText())
			.isEqualTo("The bridge is at its capacity; retry after the indicated delay");
		assertThat(response.getHeader("Retry-After")).isEqualTo("1");
	}

	@Test
	void targetUnavailableWithoutAFallbackIsA503Problem() throws Exception {
		given(this.service.recommend(anyString(), any(), any(), anyLong()))
			.willThrow(new TargetUnavailableException(Reason.TARGET_REJECTED));

		JsonNode problem = problem(send(postJson("{\"ecid\": \"%s\"}".formatted(ECID))), 503, "unavailable", PATH);

		assertThat(problem.get("title").asText()).isEqualTo("Recommendations unavailable");
		assertThat(problem.get("detail").asText())
			.isEqualTo("Adobe Target gave no answer and this use case has no fallback (target-rejected)");
	}

	@Test
	void anUnexpectedFailureIsA500ProblemThatRevealsNothingOfIt() throws Exception {
		given(this.service.recommend(anyString(), any(), any(), anyLong()))
			.willThrow(new IllegalStateException("s3cr3t from io.recsbridge.Internal"));

		MockHttpServletResponse response = send(postJson("{\"ecid\": \"%s\"}".formatted(ECID)));

		JsonNode problem = problem(response, 500, "internal-error", PATH);
		assertThat(problem.get("detail").asText()).isEqualTo("The request could not be answered");
		assertThat(response.getContentAsString()).doesNotContain("s3cr3t", "IllegalState", "io.recsbridge");
	}

	private static MockHttpServletRequestBuilder postJson(String body) {
		return post(PATH).contentType(MediaType.APPLICATION_JSON).content(body);
	}

	private MockHttpServletResponse send(MockHttpServletRequestBuilder request) throws Exception {
		return this.mvc.perform(request.header("X-Api-Key", SECRET)).andReturn().getResponse();
	}

	/**
	 * Asserts the problem's shape and that it gives nothing away, and returns it.
	 */
	private JsonNode problem(MockHttpServletResponse response, int status, String kind, String instance)
			throws Exception {
		String body = response.getContentAsString();
		assertThat(response.getStatus()).as(body).isEqualTo(status);
		assertThat(response.getContentType()).isEqualTo("application/problem+json");
		JsonNode problem = this.objectMapper.readTree(body);
		assertThat(problem.get("type").asText()).isEqualTo("urn:problem-type:recs-bridge:" + kind);
		assertThat(problem.get("status").asInt()).isEqualTo(status);
		assertThat(problem.get("title").asText()).isNotBlank();
		assertThat(problem.get("detail").asText()).isNotBlank();
		assertThat(problem.get("instance").asText()).isEqualTo(instance);
		assertThat(problem.properties()).allSatisfy((member) -> assertThat(PROBLEM_MEMBERS).contains(member.getKey()));
		assertThat(body).doesNotContain("Exception", "java.", "jackson", "springframework", "\tat ", SECRET, ECID);
		return problem;
	}

}

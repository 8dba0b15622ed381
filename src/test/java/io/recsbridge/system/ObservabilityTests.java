package io.recsbridge.system;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.recsbridge.security.Pseudonyms;
import io.recsbridge.support.ApiClient;
import io.recsbridge.support.SandboxApplicationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What operators see of the bridge on the sandbox, over real HTTP: the Prometheus text on
 * the management port, health, request ids and the access log.
 */
@SandboxApplicationTest
@ExtendWith(OutputCaptureExtension.class)
class ObservabilityTests {

	/** Not one of the sandbox's demo visitors, so no banner line can carry it. */
	private static final String ECID = "12345678901234567890123456789012345678";

	private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)$");

	private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

	private static final List<String> BUCKETS = List.of("0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "0.7",
			"0.75", "1.0", "2.5", "+Inf");

	@LocalServerPort
	private int port;

	@LocalManagementPort
	private int managementPort;

	@Autowired
	private ObjectMapper objectMapper;

	@Autowired
	private ServletWebServerApplicationContext webServerContext;

	@Autowired
	private CircuitBreakerRegistry circuitBreakers;

	@Autowired
	private RateLimiterRegistry rateLimiters;

	private ApiClient api;

	private ApiClient management;

	@BeforeEach
	void clients() {
		this.api = new ApiClient(this.port);
		this.management = new ApiClient(this.managementPort);
	}

	private HttpResponse<String> recommend(String useCase, String body, String requestId) {
		HttpRequest.Builder request = this.api.request("/v1/recommendations/" + useCase)
			.header("X-Api-Key", SandboxApplicationTest.API_KEY)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (requestId != null) {
			request.header(RequestIds.HEADER, requestId);
		}
		return this.api.send(request);
	}

	private HttpResponse<String> recommend(String useCase) {
		return recommend(useCase, "{\"ecid\": \"" + ECID + "\"}", null);
	}

	@Test
	void theApiPortRunsOnlyTheServletFiltersItNeeds() {
		// Tomcat looks every filter up under one lock per request
		// (system/ServletFilters):
		// a filter added here should be a choice, not a side effect of a dependency.
		assertThat(this.webServerContext.getServletContext().getFilterRegistrations().keySet())
			.containsExactlyInAnyOrder("requestIdFilter", "webMvcObservationFilter", "springSecurityFilterChain",
					"requestBodyLimitFilter");
	}

	@Test
	void prometheusScrapeHasTheContractsFamiliesWithTheirLabelsAndBuckets() {
		assertThat(recommend("abandoned-cart").statusCode()).isEqualTo(200);
		assertThat(recommend("recently-viewed").statusCode()).isEqualTo(200);

		HttpResponse<String> scrape = this.management.send(this.management.request("/actuator/prometheus").GET());

		assertThat(scrape.statusCode()).isEqualTo(200);
		assertThat(scrape.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
		String text = scrape.body();
		assertThat(text).contains("# TYPE recs_bridge_requests_total counter",
				"# TYPE recs_bridge_request_seconds histogram", "# TYPE recs_bridge_target_calls_seconds histogram",
				"# TYPE recs_bridge_items_returned summary", "# TYPE http_server_requests_seconds");
		List<Sample> samples = samples(text);
		assertThat(labelsOf(samples, "recs_bridge_requests_total")).contains(
				Map.of("application", "recs-bridge", "use_case", "abandoned-cart", "source", "target", "reason", ""),
				Map.of("application", "recs-bridge", "use_case", "recently-viewed", "source", "target", "reason", ""));
		assertThat(labelsOf(samples, "recs_bridge_request_seconds_count"))
			.contains(Map.of("application", "recs-bridge", "use_case", "abandoned-cart"));
		assertThat(labelsOf(samples, "recs_bridge_items_returned_count"))
			.contains(Map.of("application", "recs-bridge", "use_case", "recently-viewed"));
		assertThat(labelsOf(samples, "recs_bridge_target_calls_seconds_count"))
			.contains(Map.of("application", "recs-bridge", "transport", "delivery", "outcome", "success"));
		assertThat(buckets(samples, "recs_bridge_request_seconds_bucket", "use_case", "abandoned-cart"))
			.containsExactlyElementsOf(BUCKETS);
		assertThat(buckets(samples, "recs_bridge_target_calls_seconds_bucket", "outcome", "success"))
			.containsExactlyElementsOf(BUCKETS);
		assertThat(samples).filteredOn((sample) -> sample.name().startsWith("recs_bridge_"))
			.allSatisfy((sample) -> assertThat(sample.labels()).containsEntry("application", "recs-bridge"));
		assertThat(text).doesNotContain(ECID);
	}

	@Test
	void resilience4jMetricsAreExportedForEveryBreakerAndLimiterDefined() {
		// The resilience work defines its own; any instance in the registries is
		// exported.
		this.circuitBreakers.circuitBreaker("observability-probe");
		this.rateLimiters.rateLimiter("observability-probe");

		String text = this.management.send(this.management.request("/actuator/prometheus").GET()).body();

		List<Sample> samples = samples(text);
		assertThat(labelsOf(samples, "resilience4j_circuitbreaker_state")).contains(
				Map.of("application", "recs-bridge", "name", "observability-probe", "state", "closed"),
				Map.of("application", "recs-bridge", "name", "observability-probe", "state", "open"));
		assertThat(labelsOf(samples, "resilience4j_ratelimiter_available_permissions"))
			.contains(Map.of("application", "recs-bridge", "name", "observability-probe"));
		assertThat(labelsOf(samples, "resilience4j_ratelimiter_waiting_threads"))
			.contains(Map.of("application", "recs-bridge", "name", "observability-probe"));
	}

	@Test
	void healthShowsTargetInDetailsButReadinessLeavesItOut() throws Exception {
		recommend("abandoned-cart");

		JsonNode health = json(this.management.send(this.management.request("/actuator/health").GET()));
		JsonNode target = health.at("/components/target");
		assertThat(target.get("status").asText()).isEqualTo("UP");
		assertThat(target.at("/details/reachable").asBoolean()).isTrue();
		assertThat(target.at("/details/lastOutcome").asText()).isEqualTo("http_200");
		assertThat(target.at("/details/consecutiveFailures").asInt()).isZero();
		// No IMS credentials on the sandbox: no IMS to report on.
		assertThat(health.at("/components/ims").isMissingNode()).isTrue();

		HttpResponse<String> readiness = this.management
			.send(this.management.request("/actuator/health/readiness").GET());
		assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(200);
		assertThat(json(readiness).get("components").fieldNames()).toIterable().containsExactly("readinessState");
		HttpResponse<String> liveness = this.management
			.send(this.management.request("/actuator/health/liveness").GET());
		assertThat(liveness.statusCode()).isEqualTo(200);
		assertThat(json(liveness).get("components").fieldNames()).toIterable().containsExactly("livenessState");
	}

	@Test
	void aSaneRequestIdIsEchoedAndIsThePayloadsRequestId() throws Exception {
		HttpResponse<String> response = recommend("abandoned-cart", "{\"ecid\": \"" + ECID + "\"}", "ajo-run_42.a");

		assertThat(response.headers().firstValue(RequestIds.HEADER)).hasValue("ajo-run_42.a");
		assertThat(json(response).get("requestId").asText()).isEqualTo("ajo-run_42.a");
	}

	@Test
	void anInsaneRequestIdIsReplacedByANewOne() throws Exception {
		for (String insane : List.of("x".repeat(65), "two words", "id;drop", "<script>")) {
			HttpResponse<String> response = recommend("abandoned-cart", "{\"ecid\": \"" + ECID + "\"}", insane);

			String echoed = response.headers().firstValue(RequestIds.HEADER).orElseThrow();
			assertThat(echoed).as(insane).matches("[0-9a-f-]{36}");
			assertThat(json(response).get("requestId").asText()).isEqualTo(echoed);
		}
	}

	@Test
	void withoutARequestIdEachAnswerGetsItsOwn() throws Exception {
		HttpResponse<String> first = recommend("abandoned-cart");
		HttpResponse<String> second = recommend("abandoned-cart");

		String id = first.headers().firstValue(RequestIds.HEADER).orElseThrow();
		assertThat(id).matches("[0-9a-f-]{36}").isEqualTo(json(first).get("requestId").asText());
		assertThat(second.headers().firstValue(RequestIds.HEADER)).isPresent().get().isNotEqualTo(id);
	}

	@Test
	void errorsCarryTheRequestIdToo() {
		HttpResponse<String> unauthorized = this.api.send(this.api.request("/v1/recommendations/abandoned-cart")
			.header(RequestIds.HEADER, "e-401")
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{}")));
		assertThat(unauthorized.statusCode()).isEqualTo(401);
		assertThat(unauthorized.headers().firstValue(RequestIds.HEADER)).hasValue("e-401");

		HttpResponse<String> invalid = recommend("abandoned-cart", "{\"ecid\": \"1\"}", "e-400");
		assertThat(invalid.statusCode()).isEqualTo(400);
		assertThat(invalid.headers().firstValue(RequestIds.HEADER)).hasValue("e-400");

		HttpResponse<String> unknown = recommend("back-in-stock", "{\"ecid\": \"" + ECID + "\"}", "e-404");
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(unknown.headers().firstValue(RequestIds.HEADER)).hasValue("e-404");

		HttpResponse<String> noPath = this.api
			.send(this.api.request("/nothing-here").header(RequestIds.HEADER, "e-np").GET());
		assertThat(noPath.statusCode()).isEqualTo(404);
		assertThat(noPath.headers().firstValue(RequestIds.HEADER)).hasValue("e-np");
	}

	@Test
	void eachAnswerWritesOneAccessLineWithoutAnythingPersonal(CapturedOutput output) {
		int before = output.getOut().length();
		recommend("recently-viewed", """
				{"ecid": "%s", "identities": [{"namespace": "Email", "id": "jane@example.com"}],
				 "thirdPartyId": "crm-000123", "journeyId": "9b1c2d3e-journey", "actionId": "a-1"}
				""".formatted(ECID), "log-line-1");

		String logged = output.getOut().substring(before);
		List<String> lines = logged.lines().filter((line) -> line.contains("io.recsbridge.access")).toList();
		assertThat(lines).hasSize(1);
		assertThat(lines.get(0)).contains(" INFO ")
			.contains("requestId=log-line-1 useCase=recently-viewed journeyId=9b1c2d3e-journey source=target "
					+ "reason=- itemCount=4 visitor=" + Pseudonyms.of(ECID) + " latencyMs=");
		assertThat(logged).doesNotContain(ECID, "jane@example.com", "crm-000123", "sandbox-demo-key");
	}

	@Test
	void oneVisitorsRequestsCarryOnePseudonymAndAnotherVisitorsAnother(CapturedOutput output) {
		int before = output.getOut().length();
		String other = "45781285307713846961427437541683283427";
		recommend("recently-viewed", "{\"ecid\": \"%s\"}".formatted(ECID), "pseudonym-1");
		recommend("abandoned-cart", "{\"ecid\": \"%s\"}".formatted(ECID), "pseudonym-2");
		recommend("recently-viewed", "{\"ecid\": \"%s\"}".formatted(other), "pseudonym-3");

		List<String> visitors = output.getOut()
			.substring(before)
			.lines()
			.filter((line) -> line.contains("io.recsbridge.access"))
			.map((line) -> line.replaceAll(".* visitor=([0-9a-f-]+) .*", "$1"))
			.toList();
		assertThat(visitors).hasSize(3);
		assertThat(visitors.get(0)).hasSize(12).isEqualTo(visitors.get(1)).isNotEqualTo(visitors.get(2));
	}

	@Test
	void aForgedJourneyIdCannotBreakTheLogLine(CapturedOutput output) {
		int before = output.getOut().length();
		recommend("abandoned-cart",
				"{\"ecid\": \"%s\", \"journeyId\": \"j-1\\nFAKE ERROR line %s\"}".formatted(ECID, "x".repeat(100)),
				"log-line-2");

		List<String> lines = output.getOut()
			.substring(before)
			.lines()
			.filter((line) -> line.contains("requestId=log-line-2"))
			.toList();
		assertThat(lines).hasSize(1);
		assertThat(lines.get(0)).contains("journeyId=j-1_FAKE_ERROR_line_xxx").doesNotContain("x".repeat(60));
	}

	private JsonNode json(HttpResponse<String> response) throws Exception {
		return this.objectMapper.readTree(response.body());
	}

	private static List<Sample> samples(String text) {
		List<Sample> samples = new ArrayList<>();
		text.lines().filter((line) -> !line.startsWith("#") && !line.isBlank()).forEach((line) -> {
			Matcher sample = SAMPLE.matcher(line);
			assertThat(sample.matches()).as(line).isTrue();
			Map<String, String> labels = new LinkedHashMap<>();
			if (sample.group(2) != null) {
				Matcher label = LABEL.matcher(sample.group(2));
				while (label.find()) {
					labels.put(label.group(1), label.group(2));
				}
			}
			samples.add(new Sample(sample.group(1), labels));
		});
		return samples;
	}

	private static List<Map<String, String>> labelsOf(List<Sample> samples, String name) {
		return samples.stream().filter((sample) -> sample.name().equals(name)).map(Sample::labels).toList();
	}

	private static List<String> buckets(List<Sample> samples, String name, String label, String value) {
		return samples.stream()
			.filter((sample) -> sample.name().equals(name) && value.equals(sample.labels().get(label)))
			.map((sample) -> sample.labels().get("le"))
			.toList();
	}

	record Sample(String name, Map<String, String> labels) {
	}

}

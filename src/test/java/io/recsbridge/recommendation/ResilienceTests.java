package io.recsbridge.recommendation;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.recsbridge.support.BridgeAgainstTargetStandIn;
import io.recsbridge.support.BridgeMeters;
import io.recsbridge.support.BridgeMeters.Timed;
import io.recsbridge.support.Fixtures;
import io.recsbridge.support.OpenApiAnswers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every way Target can fail, over real HTTP, against the resilience settings as
 * application.yml ships them (time-based breaker window with its slow-call rule, the rate
 * limiter's permit wait, the retry): what AJO receives, how many calls reach Target, what
 * the request metrics the alerts read record, and that the bridge answered within the
 * deadline by its own timer.
 */
@TestPropertySource(properties = { "bridge.cache-ttl=0",
		// The bulkhead's size is capacity, not behaviour: 3 shows what happens past it
		// with ten callers instead of the 200 a two-core machine cannot run at once.
		"resilience4j.bulkhead.instances.target.max-concurrent-calls=3",
		"bridge.use-cases.recently-viewed.static-items=classpath:io/recsbridge/recommendation/best-sellers.json",
		"bridge.use-cases.back-in-stock.mbox=ajo-back-in-stock", "bridge.use-cases.back-in-stock.fallback=empty",
		"bridge.use-cases.price-drop.mbox=ajo-price-drop", "bridge.use-cases.price-drop.fallback=error",
		"bridge.use-cases.legacy-cart.mbox=ajo-abandoned-cart", "bridge.use-cases.legacy-cart.fallback=cart-items",
		"bridge.use-cases.legacy-cart.tracking.utm_source=ajo" })
class ResilienceTests extends BridgeAgainstTargetStandIn {

	/**
	 * The deadline (700 ms) and a margin for a loaded two-core machine, by the bridge's
	 * own timer. Without the deadline these answers would take Target's 3 s.
	 */
	private static final Duration ANSWERED_WITHIN = Duration.ofMillis(700 + 300);

	private static final String ECID = "45781285307713846961427437541683283427";

	private static final String CART = """
			{"ecid": "%s", "cartItems": [{"id": "coat-parka-02", "name": "Harbour Parka", "price": 189.5}]}"""
		.formatted(ECID);

	private static final ExecutorService callers = Executors.newFixedThreadPool(12);

	@Autowired
	private CircuitBreakerRegistry breakers;

	@Autowired
	private RetryRegistry retries;

	@Autowired
	private BulkheadRegistry bulkheads;

	@Autowired
	private MeterRegistry registry;

	private BridgeMeters meters;

	@AfterAll
	static void stopCallers() {
		callers.shutdownNow();
	}

	@BeforeEach
	void meters() {
		this.meters = new BridgeMeters(this.registry);
	}

	@Test
	void targetSlowerThanTheTimeoutIsAnsweredWithTheFallbackWithinTheDeadline() throws Exception {
		stubTarget(cartResponse().withFixedDelay(3_000));
		double before = this.meters.requests("abandoned-cart", "fallback", "target-unavailable");

		Timed<JsonNode> answer = this.meters.timed("abandoned-cart", () -> payload("abandoned-cart", CART));

		assertFallbackWithTheCart(answer.value());
		assertThat(answer.server()).isLessThan(ANSWERED_WITHIN);
		assertThat(this.meters.requests("abandoned-cart", "fallback", "target-unavailable")).isEqualTo(before + 1);
	}

	@Test
	void aBodyDribbledSlowerThanTheDeadlineIsAnsweredWithinTheDeadline() throws Exception {
		stubTarget(cartResponse().withChunkedDribbleDelay(20, 3_000));

		Timed<JsonNode> answer = this.meters.timed("abandoned-cart", () -> payload("abandoned-cart", CART));

		assertFallbackWithTheCart(answer.value());
		assertThat(answer.server()).isLessThan(ANSWERED_WITHIN);
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "reset", "empty", "malformed", "500", "503", "420", "429" })
	void everyTargetFailureIsAnsweredWithTheFallbackWithinTheDeadline(String failure) throws Exception {
		stubTarget(switch (failure) {
			case "reset" -> aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER);
			case "empty" -> aResponse().withStatus(200).withHeader("Content-Type", "application/json");
			case "malformed" ->
				aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("{\"st");
			default -> aResponse().withStatus(Integer.parseInt(failure));
		});
		double before = this.meters.requests("abandoned-cart", "fallback", "target-unavailable");

		Timed<JsonNode> answer = this.meters.timed("abandoned-cart", () -> payload("abandoned-cart", CART));

		assertFallbackWithTheCart(answer.value());
		assertThat(answer.server()).isLessThan(ANSWERED_WITHIN);
		assertThat(this.meters.requests("abandoned-cart", "fallback", "target-unavailable")).isEqualTo(before + 1);
	}

	@Test
	void aRejectionIsNeverRetried() throws Exception {
		stubTarget(aResponse().withStatus(400).withBody("{\"status\": 400, \"message\": \"bad property token\"}"));
		double before = this.meters.requests("abandoned-cart", "fallback", "target-rejected");

		JsonNode payload = payload("abandoned-cart", CART);

		assertThat(payload.get("source").asText()).isEqualTo("fallback");
		assertThat(payload.get("reason").asText()).isEqualTo("target-rejected");
		assertThat(targetCalls()).isEqualTo(1);
		assertThat(this.meters.requests("abandoned-cart", "fallback", "target-rejected")).isEqualTo(before + 1);
	}

	/**
	 * A 4xx says our request is wrong, not that Target is down: however many there are,
	 * the breaker stays closed and keeps letting calls through.
	 */
	@Test
	void rejectionsNeverOpenTheBreaker() throws Exception {
		stubTarget(aResponse().withStatus(400));
		CircuitBreaker breaker = this.breakers.circuitBreaker("target");
		int minimumCalls = breaker.getCircuitBreakerConfig().getMinimumNumberOfCalls();

		for (int i = 0; i < minimumCalls + 5; i++) {
			assertThat(payload("abandoned-cart", CART).get("reason").asText()).isEqualTo("target-rejected");
		}

		assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
		assertThat(breaker.getMetrics().getNumberOfBufferedCalls()).isGreaterThanOrEqualTo(minimumCalls);
		assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isZero();
		assertThat(targetCalls()).isEqualTo(minimumCalls + 5);
	}

	/**
	 * Retry-After 5 s cannot fit a 700 ms deadline: the request fails without a retry
	 * (counted by the retry itself), instead of sleeping towards a retry that can never
	 * answer in time.
	 */
	@Test
	void aRetryAfterLongerThanTheBudgetIsNotWaitedFor() throws Exception {
		stubTarget(aResponse().withStatus(429).withHeader("Retry-After", "5"));
		Retry.Metrics retry = this.retries.retry("target").getMetrics();
		long failedWithoutRetry = retry.getNumberOfFailedCallsWithoutRetryAttempt();
		long failedWithRetry = retry.getNumberOfFailedCallsWithRetryAttempt();

		JsonNode payload = payload("abandoned-cart", CART);

		assertFallbackWithTheCart(payload);
		assertThat(targetCalls()).isEqualTo(1);
		assertThat(retry.getNumberOfFailedCallsWithoutRetryAttempt()).isEqualTo(failedWithoutRetry + 1);
		assertThat(retry.getNumberOfFailedCallsWithRetryAttempt()).isEqualTo(failedWithRetry);
	}

	@Test
	void theBreakerOpensOnFailuresStopsCallingTargetAndHalfOpensToProbe() throws Exception {
		stubTarget(aResponse().withStatus(500));
		CircuitBreaker breaker = this.breakers.circuitBreaker("target");
		CircuitBreakerConfig shipped = breaker.getCircuitBreakerConfig();
		assertThat(shipped.getSlidingWindowType()).isEqualTo(SlidingWindowType.TIME_BASED);
		// Every attempt counts, retries included: the minimum is reached in fewer
		// requests.
		for (int i = 0; i < shipped.getMinimumNumberOfCalls() && breaker.getState() != CircuitBreaker.State.OPEN; i++) {
			payload("abandoned-cart", CART);
		}
		assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
		int callsWhenOpened = targetCalls();

		JsonNode whileOpen = payload("abandoned-cart", CART);

		assertFallbackWithTheCart(whileOpen);
		assertThat(targetCalls()).isEqualTo(callsWhenOpened);

		await().atMost(shipped.getWaitIntervalFunctionInOpenState().apply(1) * 2, TimeUnit.MILLISECONDS)
			.until(() -> breaker.getState() == CircuitBreaker.State.HALF_OPEN);
		stubTarget(cartResponse());
		for (int probe = 0; probe < shipped.getPermittedNumberOfCallsInHalfOpenState(); probe++) {
			payloadFromTarget("abandoned-cart", CART);
		}
		assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
		assertThat(this.registry.get("resilience4j.circuitbreaker.state")
			.tags("name", "target", "state", "closed")
			.gauge()
			.value()).isEqualTo(1);
	}

	/**
	 * Target answering, but slower than the slow-call threshold (400 ms, inside the 500
	 * ms timeout): the slow-call rule opens the breaker though no call failed.
	 */
	@Test
	void slowAnswersOpenTheBreakerThoughNoneFailed() {
		stubTarget(cartResponse().withFixedDelay(430));
		CircuitBreaker breaker = this.breakers.circuitBreaker("target");
		int minimumCalls = breaker.getCircuitBreakerConfig().getMinimumNumberOfCalls();

		// Three at a time (the bulkhead), distinct visitors so no call is shared.
		for (int round = 0; round * 3 < minimumCalls + 3 && breaker.getState() != CircuitBreaker.State.OPEN; round++) {
			int first = round * 3;
			concurrently(3, (i) -> this.api.postJson("/v1/recommendations/abandoned-cart", cartOf(visitor(first + i))));
		}

		assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
		assertThat(breaker.getMetrics().getNumberOfSlowCalls()).isGreaterThanOrEqualTo(
				(int) Math.ceil(minimumCalls * breaker.getCircuitBreakerConfig().getSlowCallRateThreshold() / 100));
	}

	@Test
	void identicalConcurrentRequestsShareOneTargetCall() throws Exception {
		stubTarget(cartResponse().withFixedDelay(200));

		List<JsonNode> answers = concurrently(8, (i) -> payload("abandoned-cart", CART));

		// One call for all eight, whatever it gave: on a loaded machine even the shared
		// call may miss the deadline, and then all eight fall back together.
		assertThat(answers).map((payload) -> payload.get("source").asText())
			.containsOnly(answers.get(0).get("source").asText());
		assertThat(targetCalls()).isEqualTo(1);
	}

	@Test
	void pastTheBulkheadRequestsFallBackAtOnceInsteadOfQueueing() throws Exception {
		stubTarget(cartResponse().withFixedDelay(250));
		Bulkhead bulkhead = this.bulkheads.bulkhead("target");
		AtomicInteger turnedAway = new AtomicInteger();
		bulkhead.getEventPublisher().onCallRejected((event) -> turnedAway.incrementAndGet());

		List<JsonNode> answers = concurrently(10, (i) -> payload("abandoned-cart", cartOf(visitor(i))));

		// The bulkhead admits 3 calls at a time, and an admitted call takes at least the
		// stand-in's 250 ms. How many of the 10 overlap depends on the machine; those the
		// bulkhead turned away fell back and never reached Target.
		long fallbacks = answers.stream().filter((answer) -> answer.get("source").asText().equals("fallback")).count();
		assertThat(turnedAway.get()).isPositive();
		assertThat(fallbacks).isGreaterThanOrEqualTo(turnedAway.get());
		assertThat(targetCalls()).isLessThanOrEqualTo(10 - turnedAway.get());
	}

	@Test
	void aLastGoodAnswerStandsInWhenTargetFails() throws Exception {
		stubTarget(cartResponse());
		payloadFromTarget("abandoned-cart", CART);
		stubTarget(aResponse().withStatus(503));
		double before = this.meters.requests("abandoned-cart", "stale", "target-unavailable");

		JsonNode payload = payload("abandoned-cart", CART);

		assertThat(payload.get("source").asText()).isEqualTo("stale");
		assertThat(payload.get("reason").asText()).isEqualTo("target-unavailable");
		assertThat(payload.get("items").findValuesAsText("id")).containsExactly("coat-alpine-01", "sweat-crew-03",
				"scarf-wool-07");
		assertThat(payload.at("/cart/items").findValuesAsText("id")).containsExactly("coat-parka-02");
		assertThat(payload.get("activityId").asText()).isEqualTo("302740");
		assertThat(this.meters.requests("abandoned-cart", "stale", "target-unavailable")).isEqualTo(before + 1);
	}

	@Test
	void anAnswerWithoutRecommendationsIsCountedAsNone() throws Exception {
		stubTarget(okJson("""
				{"status": 200, "requestId": "r-1", "client": "acme",
				 "execute": {"mboxes": [{"index": 0, "name": "ajo-recently-viewed"}]}}"""));
		double before = this.meters.requests("recently-viewed", "none", "no-recommendations");

		JsonNode payload = payloadFrom("none", "recently-viewed", "{\"ecid\": \"%s\"}".formatted(ECID));

		assertThat(payload.get("reason").asText()).isEqualTo("no-recommendations");
		assertThat(this.meters.requests("recently-viewed", "none", "no-recommendations")).isEqualTo(before + 1);
	}

	@Test
	void theStaticPolicyAnswersTheConfiguredList() throws Exception {
		stubTarget(aResponse().withStatus(503));
		double before = this.meters.requests("recently-viewed", "fallback", "target-unavailable");

		JsonNode payload = payload("recently-viewed", "{\"ecid\": \"%s\"}".formatted(ECID));

		assertThat(payload.get("source").asText()).isEqualTo("fallback");
		assertThat(payload.get("items").findValuesAsText("id")).containsExactly("best-01", "best-02");
		assertThat(payload.get("items").get(0).get("productUrl").asText()).isEqualTo(
				"https://shop.example.com/p/best-01?utm_source=ajo&utm_medium=email&utm_campaign=recently-viewed");
		assertThat(this.meters.requests("recently-viewed", "fallback", "target-unavailable")).isEqualTo(before + 1);
	}

	@Test
	void theRetiredCartItemsPolicyIsReadAsEmpty() throws Exception {
		stubTarget(aResponse().withStatus(503));

		JsonNode payload = payload("legacy-cart", CART);

		assertFallbackWithTheCart(payload);
	}

	@Test
	void theEmptyPolicyAnswersNoItems() throws Exception {
		stubTarget(aResponse().withStatus(503));
		double before = this.meters.requests("back-in-stock", "fallback", "target-unavailable");

		JsonNode payload = payload("back-in-stock", CART);

		assertThat(payload.get("source").asText()).isEqualTo("fallback");
		assertThat(payload.get("reason").asText()).isEqualTo("target-unavailable");
		assertThat(payload.get("items")).isEmpty();
		assertThat(this.meters.requests("back-in-stock", "fallback", "target-unavailable")).isEqualTo(before + 1);
	}

	@Test
	void aPreviewOfTheErrorPolicyShowsThe503ASendWouldAnswerAndTheCartItWouldHaveHad() throws Exception {
		stubTarget(aResponse().withStatus(503));

		HttpResponse<String> response = this.api.postJson("/v1/recommendations/price-drop/preview", CART);

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode preview = this.objectMapper.readTree(response.body());
		assertThat(preview.at("/explain/status").asInt()).as("what a send would have answered").isEqualTo(503);
		assertThat(preview.at("/explain/fallback/policy").asText()).isEqualTo("error");
		assertThat(preview.at("/explain/fallback/taken").asText()).contains("answers 503");
		assertThat(preview.at("/explain/fallback/why").asText()).contains("HTTP 503");
		assertThat(preview.at("/payload/source").asText()).isEqualTo("none");
		assertThat(preview.at("/payload/reason").asText()).isEqualTo("target-unavailable");
		assertThat(preview.at("/payload/items")).isEmpty();
		assertThat(preview.at("/payload/cart/items/0/id").asText()).isEqualTo("coat-parka-02");
		assertThat(preview.get("html").asText()).as("no email is rendered for an answer a send would not give")
			.isEmpty();
	}

	@Test
	void theErrorPolicyAnswersA503ProblemWithinTheDeadline() throws Exception {
		stubTarget(aResponse().withFixedDelay(3_000));
		double before = this.meters.requests("price-drop", "none", "target-unavailable");

		Timed<HttpResponse<String>> answer = this.meters.timed("price-drop",
				() -> this.api.postJson("/v1/recommendations/price-drop", CART));

		assertThat(answer.value().statusCode()).isEqualTo(503);
		assertThat(answer.value().headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(answer.value().body()).contains("urn:problem-type:recs-bridge:unavailable");
		assertThat(answer.server()).isLessThan(ANSWERED_WITHIN);
		assertThat(this.meters.requests("price-drop", "none", "target-unavailable")).isEqualTo(before + 1);
		OpenApiAnswers.assertAsSpecified("POST", "/v1/recommendations/price-drop", answer.value());
	}

	private void stubTarget(ResponseDefinitionBuilder response) {
		this.target.stubFor(post(urlPathEqualTo("/rest/v1/delivery")).willReturn(response));
	}

	private static ResponseDefinitionBuilder cartResponse() {
		return okJson(Fixtures.read("/io/recsbridge/target/delivery-response-cart.json"));
	}

	private int targetCalls() {
		return this.target.countRequestsMatching(postRequestedFor(urlPathEqualTo("/rest/v1/delivery")).build())
			.getCount();
	}

	/**
	 * A fresh answer from Target, asked again while a loaded machine makes the first call
	 * miss the deadline: the test needs one, production budgets do not promise it.
	 */
	private JsonNode payloadFromTarget(String useCase, String body) throws Exception {
		return payloadFrom("target", useCase, body);
	}

	private JsonNode payloadFrom(String source, String useCase, String body) throws Exception {
		JsonNode payload = payload(useCase, body);
		for (int attempt = 1; attempt < 5 && !payload.get("source").asText().equals(source); attempt++) {
			payload = payload(useCase, body);
		}
		assertThat(payload.get("source").asText()).as(payload::toString).isEqualTo(source);
		return payload;
	}

	private static String visitor(int index) {
		return "%038d".formatted(77_000 + index);
	}

	private static String cartOf(String ecid) {
		return CART.replace(ECID, ecid);
	}

	private JsonNode payload(String useCase, String body) throws Exception {
		HttpResponse<String> response = this.api.postJson("/v1/recommendations/" + useCase, body);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return this.objectMapper.readTree(response.body());
	}

	/**
	 * The abandoned-cart fallback ({@code empty}) leaves the items empty; the cart is
	 * answered as sent.
	 */
	private static void assertFallbackWithTheCart(JsonNode payload) {
		assertThat(payload.get("source").asText()).isEqualTo("fallback");
		assertThat(payload.get("reason").asText()).isEqualTo("target-unavailable");
		assertThat(payload.get("items")).isEmpty();
		assertThat(payload.at("/cart/items").findValuesAsText("id")).containsExactly("coat-parka-02");
		assertThat(payload.at("/cart/items/0/formattedPrice").asText()).isEqualTo("$189.50");
	}

	private static <T> List<T> concurrently(int count, ThrowingFunction<T> call) {
		List<CompletableFuture<T>> futures = new ArrayList<>();
		IntStream.range(0, count).forEach((i) -> futures.add(CompletableFuture.supplyAsync(() -> {
			try {
				return call.apply(i);
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}, callers)));
		return futures.stream().map(CompletableFuture::join).toList();
	}

	interface ThrowingFunction<T> {

		T apply(int index) throws Exception;

	}

}

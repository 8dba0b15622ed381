package io.recsbridge.recommendation;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.recsbridge.support.BridgeAgainstTargetStandIn;
import io.recsbridge.support.BridgeMeters;
import io.recsbridge.support.Fixtures;
import io.recsbridge.support.OpenApiAnswers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The bridge's own limit towards Target: past it, a request with nothing cached gets a
 * 429 with {@code Retry-After} (AJO retries it) rather than an email without items.
 */
// One permit a second (the shipped 100 ms refresh period, lengthened for a limit of 1)
// and the shipped 100 ms wait for one: however the burst's requests are spread by the
// machine's load, most find no permit.
@TestPropertySource(properties = "target.rate-limit=1")
class UpstreamRateLimitTests extends BridgeAgainstTargetStandIn {

	private static final ExecutorService callers = Executors.newFixedThreadPool(10);

	private BridgeMeters meters;

	@BeforeEach
	void meters() {
		this.meters = new BridgeMeters(this.context.getBean(MeterRegistry.class));
	}

	@AfterAll
	static void stopCallers() {
		callers.shutdownNow();
	}

	@Test
	void aBurstPastTheLimitGets429WithRetryAfterAndTargetSeesOnlyThePermittedCalls() {
		this.target.stubFor(post(urlPathEqualTo("/rest/v1/delivery"))
			.willReturn(okJson(Fixtures.read("/io/recsbridge/target/delivery-response-cart.json"))));

		double countedBefore = this.meters.requests("abandoned-cart", "none", "rate-limited");

		List<HttpResponse<String>> responses = burst(10);

		List<HttpResponse<String>> limited = responses.stream().filter((r) -> r.statusCode() == 429).toList();
		List<HttpResponse<String>> answered = responses.stream().filter((r) -> r.statusCode() == 200).toList();
		// On a loaded machine a permitted call may still miss the deadline and fall back.
		long fromTarget = answered.stream().filter((r) -> r.body().contains("\"source\":\"target\"")).count();
		assertThat(limited.size() + answered.size()).isEqualTo(10);
		assertThat(limited).as(() -> responses.stream().map(HttpResponse::body).toList().toString())
			.isNotEmpty()
			.allSatisfy((response) -> {
				assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
				assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
				assertThat(response.body()).contains("urn:problem-type:recs-bridge:rate-limited");
				OpenApiAnswers.assertAsSpecified("POST", "/v1/recommendations/abandoned-cart", response);
			});
		assertThat(this.target.getAllServeEvents()).hasSizeGreaterThanOrEqualTo((int) fromTarget)
			.hasSizeLessThanOrEqualTo(answered.size());
		assertThat(this.meters.requests("abandoned-cart", "none", "rate-limited"))
			.isEqualTo(countedBefore + limited.size());
	}

	@Test
	void aCachedAnswerIsServedEvenWhenNoPermitIsLeft() throws Exception {
		this.target.stubFor(post(urlPathEqualTo("/rest/v1/delivery"))
			.willReturn(okJson(Fixtures.read("/io/recsbridge/target/delivery-response-cart.json"))));
		String cached = body(7);
		// The warm-up or the previous test may have taken this second's permit: ask until
		// Target answers (the 429s meanwhile cache nothing).
		await().atMost(Duration.ofSeconds(5))
			.until(() -> this.api.postJson("/v1/recommendations/abandoned-cart", cached)
				.body()
				.contains("\"source\":\"target\""));

		List<HttpResponse<String>> responses = burst(10);
		double cacheHits = this.meters.requests("abandoned-cart", "cache", "");
		HttpResponse<String> again = this.api.postJson("/v1/recommendations/abandoned-cart", cached);

		assertThat(responses).anySatisfy((response) -> assertThat(response.statusCode()).isEqualTo(429));
		assertThat(again.statusCode()).isEqualTo(200);
		assertThat(this.objectMapper.readTree(again.body()).get("source").asText()).isEqualTo("cache");
		assertThat(this.meters.requests("abandoned-cart", "cache", "")).isEqualTo(cacheHits + 1);
	}

	@Test
	void aPreviewPastTheLimitShowsThe429ASendWouldAnswerAndWhy() throws Exception {
		this.target.stubFor(post(urlPathEqualTo("/rest/v1/delivery"))
			.willReturn(okJson(Fixtures.read("/io/recsbridge/target/delivery-response-cart.json"))));

		// One permit a second: of a quick burst of previews, some find none.
		List<JsonNode> previews = IntStream.range(0, 6)
			.mapToObj((i) -> CompletableFuture.supplyAsync(
					() -> this.api.postJson("/v1/recommendations/abandoned-cart/preview", body(200 + i)), callers))
			.toList()
			.stream()
			.map(CompletableFuture::join)
			.map((response) -> {
				assertThat(response.statusCode()).as("the preview itself is answered").isEqualTo(200);
				return read(response.body());
			})
			.toList();

		assertThat(previews).anySatisfy((preview) -> {
			assertThat(preview.at("/explain/status").asInt()).isEqualTo(429);
			assertThat(preview.at("/explain/fallback/policy").asText()).isEmpty();
			assertThat(preview.at("/explain/fallback/taken").asText()).contains("rate limit towards Target")
				.contains("429");
			assertThat(preview.at("/payload/items")).isEmpty();
			assertThat(preview.get("html").asText()).isEmpty();
		});
	}

	private JsonNode read(String body) {
		try {
			return this.objectMapper.readTree(body);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private List<HttpResponse<String>> burst(int count) {
		List<CompletableFuture<HttpResponse<String>>> calls = IntStream.range(0, count)
			.mapToObj((i) -> CompletableFuture
				.supplyAsync(() -> this.api.postJson("/v1/recommendations/abandoned-cart", body(100 + i)), callers))
			.toList();
		return calls.stream().map(CompletableFuture::join).toList();
	}

	private static String body(int visitor) {
		return "{\"ecid\": \"%038d\"}".formatted(visitor);
	}

}

package io.recsbridge.recommendation;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import io.recsbridge.support.BridgeAgainstTargetStandIn;
import io.recsbridge.support.Fixtures;
import org.junit.jupiter.api.AfterAll;
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
@TestPropertySource(properties = { "target.rate-limit=1",
		// One permit a second (the shipped 100 ms refresh period, lengthened for a limit
		// of
		// 1) and no waiting for one: however the burst's requests are spread by the
		// machine's load, all but one or two find no permit.
		"resilience4j.ratelimiter.instances.target.timeout-duration=0" })
class UpstreamRateLimitTests extends BridgeAgainstTargetStandIn {

	private static final ExecutorService callers = Executors.newFixedThreadPool(10);

	@AfterAll
	static void stopCallers() {
		callers.shutdownNow();
	}

	@Test
	void aBurstPastTheLimitGets429WithRetryAfterAndTargetSeesOnlyThePermittedCalls() {
		this.target.stubFor(post(urlPathEqualTo("/rest/v1/delivery"))
			.willReturn(okJson(Fixtures.read("/io/recsbridge/target/delivery-response-cart.json"))));

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
			});
		assertThat(this.target.getAllServeEvents()).hasSizeGreaterThanOrEqualTo((int) fromTarget)
			.hasSizeLessThanOrEqualTo(answered.size());
		assertThat(this.slowest429).isLessThan(Duration.ofMillis(700 + 100));
		System.out.printf("TIMING upstreamRateLimited429 %d ms%n", this.slowest429.toMillis());
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
		HttpResponse<String> again = this.api.postJson("/v1/recommendations/abandoned-cart", cached);

		assertThat(responses).anySatisfy((response) -> assertThat(response.statusCode()).isEqualTo(429));
		assertThat(again.statusCode()).isEqualTo(200);
		assertThat(this.objectMapper.readTree(again.body()).get("source").asText()).isEqualTo("cache");
	}

	private Duration slowest429 = Duration.ZERO;

	private List<HttpResponse<String>> burst(int count) {
		List<CompletableFuture<HttpResponse<String>>> calls = IntStream.range(0, count)
			.mapToObj((i) -> CompletableFuture.supplyAsync(() -> timedCall(body(100 + i)), callers))
			.toList();
		return calls.stream().map(CompletableFuture::join).toList();
	}

	private HttpResponse<String> timedCall(String body) {
		long started = System.nanoTime();
		HttpResponse<String> response = this.api.postJson("/v1/recommendations/abandoned-cart", body);
		Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
		if (response.statusCode() == 429) {
			synchronized (this) {
				if (elapsed.compareTo(this.slowest429) > 0) {
					this.slowest429 = elapsed;
				}
			}
		}
		return response;
	}

	private static String body(int visitor) {
		return "{\"ecid\": \"%038d\"}".formatted(visitor);
	}

}

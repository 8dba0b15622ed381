package io.recsbridge.security;

import java.net.http.HttpResponse;

import io.recsbridge.support.BridgeAgainstTargetStandIn;
import io.recsbridge.support.Fixtures;
import io.recsbridge.support.TargetStandIn;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code BRIDGE_CLIENT_RATE_LIMIT} set, each authenticated caller has its own
 * budget: over it, a 429 problem with {@code Retry-After}, and Target is not called. The
 * rate here (one request per 20 s) makes the second request over it whatever the
 * machine's speed.
 */
class ClientRateLimitTests extends BridgeAgainstTargetStandIn {

	private static final String PATH = "/v1/recommendations/recently-viewed";

	private static final String BODY = "{\"ecid\": \"45781285307713846961427437541683283427\"}";

	/**
	 * Two callers only {@link #eachCallerHasItsOwnBudget()} uses, so no other test has
	 * spent theirs.
	 */
	private static final String CALLER_A = "test-key-caller-a";

	private static final String CALLER_B = "test-key-caller-b";

	@DynamicPropertySource
	static void slowRate(DynamicPropertyRegistry registry) {
		registry.add("bridge.client-rate-limit", () -> "0.05");
		registry.add("bridge.api-keys",
				() -> String.join(",", TargetStandIn.API_KEY, TargetStandIn.ROTATED_API_KEY, CALLER_A, CALLER_B));
	}

	/** Callers only this test uses, so no other test has spent their budgets. */
	@Test
	void eachCallerHasItsOwnBudget() {
		this.target.stubFor(post(urlPathEqualTo("/rest/v1/delivery"))
			.willReturn(okJson(Fixtures.read("/io/recsbridge/target/delivery-response-cart.json"))));
		assertThat(postWithKey(CALLER_A).statusCode()).isEqualTo(200);
		assertThat(postWithKey(CALLER_A).statusCode()).as("caller A over its rate").isEqualTo(429);

		assertThat(postWithKey(CALLER_B).statusCode()).as("caller B, untouched by A").isEqualTo(200);
		assertThat(postWithKey(CALLER_B).statusCode()).as("caller B over its own rate").isEqualTo(429);
	}

	@Test
	void aCallerOverItsRateGetsA429ProblemWithRetryAfter() {
		this.target.stubFor(post(urlPathEqualTo("/rest/v1/delivery"))
			.willReturn(okJson(Fixtures.read("/io/recsbridge/target/delivery-response-cart.json"))));

		assertThat(postWithKey(TargetStandIn.ROTATED_API_KEY).statusCode()).isEqualTo(200);
		int targetCalls = this.target.getAllServeEvents().size();
		HttpResponse<String> limited = postWithKey(TargetStandIn.ROTATED_API_KEY);

		assertThat(limited.statusCode()).isEqualTo(429);
		assertThat(limited.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(limited.headers().firstValue("Retry-After"))
			.hasValueSatisfying((seconds) -> assertThat(Integer.parseInt(seconds)).isBetween(1, 20));
		assertThat(limited.headers().firstValue("Cache-Control"))
			.hasValueSatisfying((value) -> assertThat(value).contains("no-store"));
		assertThat(limited.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(limited.body()).contains("\"type\":\"urn:problem-type:recs-bridge:rate-limited\"")
			.doesNotContain(TargetStandIn.ROTATED_API_KEY)
			.doesNotContain("api-key-");
		assertThat(this.target.getAllServeEvents()).hasSize(targetCalls);
	}

	@Test
	void aCallerOverTheApisLimitMayStillPreview() {
		this.target.stubFor(post(urlPathEqualTo("/rest/v1/delivery"))
			.willReturn(okJson(Fixtures.read("/io/recsbridge/target/delivery-response-cart.json"))));
		String key = TargetStandIn.API_KEY;
		// The bucket may hold a token from before this test; two requests spend it.
		postWithKey(key);
		assertThat(postWithKey(key).statusCode()).isEqualTo(429);

		HttpResponse<String> preview = this.api.send(this.api.request(PATH + "/preview")
			.header("X-Api-Key", key)
			.header("Content-Type", "application/json")
			.POST(java.net.http.HttpRequest.BodyPublishers.ofString(BODY)));

		assertThat(preview.statusCode()).isEqualTo(200);
		assertThat(postWithKey(key).statusCode()).as("nor did the preview refill it").isEqualTo(429);
	}

	private HttpResponse<String> postWithKey(String key) {
		return this.api.send(this.api.request(PATH)
			.header("X-Api-Key", key)
			.header("Content-Type", "application/json")
			.POST(java.net.http.HttpRequest.BodyPublishers.ofString(BODY)));
	}

}

package io.recsbridge.recommendation;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.recsbridge.support.BridgeAgainstTargetStandIn;
import io.recsbridge.support.Fixtures;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A retry happens when a fast failure leaves the deadline room for a whole attempt. With
 * production's numbers (500 ms timeout, 100 ms permit wait, 700 ms deadline) that room is
 * under 100 ms, too tight for a loaded test machine; here one attempt costs 260 ms, so a
 * retry fits whenever the first failure and the backoff take under 420 ms.
 */
@TestPropertySource(properties = { "bridge.cache-ttl=0", "target.timeout=250ms",
		"resilience4j.ratelimiter.instances.target.timeout-duration=10ms" })
class RetryTests extends BridgeAgainstTargetStandIn {

	private static final String CART = """
			{"ecid": "45781285307713846961427437541683283427",
			 "cartItems": [{"id": "coat-parka-02", "name": "Harbour Parka", "price": 189.5}]}""";

	@Test
	void aFastServerErrorIsRetriedAndTheRetryAnswers() throws Exception {
		this.target.stubFor(post(urlPathEqualTo("/rest/v1/delivery")).inScenario("flaky")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(503))
			.willSetStateTo("recovered"));
		this.target.stubFor(post(urlPathEqualTo("/rest/v1/delivery")).inScenario("flaky")
			.whenScenarioStateIs("recovered")
			.willReturn(okJson(Fixtures.read("/io/recsbridge/target/delivery-response-cart.json"))));

		JsonNode payload = this.objectMapper
			.readTree(this.api.postJson("/v1/recommendations/abandoned-cart", CART).body());

		assertThat(payload.get("source").asText()).isEqualTo("target");
		assertThat(targetCalls()).isEqualTo(2);
	}

	@Test
	void aRetryAfterThatFitsTheBudgetIsHonoured() {
		this.target.stubFor(post(urlPathEqualTo("/rest/v1/delivery"))
			.willReturn(aResponse().withStatus(429).withHeader("Retry-After", "0")));

		this.api.postJson("/v1/recommendations/abandoned-cart", CART);

		assertThat(targetCalls()).isGreaterThan(1);
	}

	@Test
	void aRejectionIsNeverRetriedEvenWithBudgetLeft() {
		this.target.stubFor(post(urlPathEqualTo("/rest/v1/delivery")).willReturn(aResponse().withStatus(403)));

		this.api.postJson("/v1/recommendations/abandoned-cart", CART);

		assertThat(targetCalls()).isEqualTo(1);
	}

	private int targetCalls() {
		return this.target.countRequestsMatching(postRequestedFor(urlPathEqualTo("/rest/v1/delivery")).build())
			.getCount();
	}

}

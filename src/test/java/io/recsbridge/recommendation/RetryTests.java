package io.recsbridge.recommendation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

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
 * under 100 ms, too tight for a loaded test machine; here the test's own budget is 2.5 s
 * and one attempt costs 350 ms (250 ms timeout, the shipped 100 ms permit wait), so a
 * retry after Target's one-second {@code Retry-After} fits with room to spare.
 */
@TestPropertySource(properties = { "bridge.cache-ttl=0", "target.timeout=250ms", "bridge.deadline=2500ms" })
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

	/**
	 * Target asks for a second's pause: the retry waits that long, not the 50 ms backoff,
	 * and then answers. The gap is read from the stand-in's own log of the two calls; a
	 * loaded machine can only make it longer.
	 */
	@Test
	void aRetryAfterThatFitsTheBudgetIsHonoured() throws Exception {
		this.target.stubFor(post(urlPathEqualTo("/rest/v1/delivery")).inScenario("throttled")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1"))
			.willSetStateTo("recovered"));
		this.target.stubFor(post(urlPathEqualTo("/rest/v1/delivery")).inScenario("throttled")
			.whenScenarioStateIs("recovered")
			.willReturn(okJson(Fixtures.read("/io/recsbridge/target/delivery-response-cart.json"))));

		JsonNode payload = this.objectMapper
			.readTree(this.api.postJson("/v1/recommendations/abandoned-cart", CART).body());

		assertThat(payload.get("source").asText()).isEqualTo("target");
		List<Instant> calls = this.target.getAllServeEvents()
			.stream()
			.map((event) -> event.getRequest().getLoggedDate().toInstant())
			.sorted()
			.toList();
		assertThat(calls).hasSize(2);
		assertThat(Duration.between(calls.get(0), calls.get(1))).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
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

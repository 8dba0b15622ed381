package io.recsbridge.recommendation;

import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.recsbridge.support.BridgeAgainstTargetStandIn;
import io.recsbridge.support.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The answer cache (shipped TTL) never hands one request another's answer: requests that
 * differ in anything that shapes the email get their own Target call, and only the same
 * request again is served from the cache.
 */
class AnswerCacheKeyTests extends BridgeAgainstTargetStandIn {

	private static final String REQUEST = """
			{"ecid": "45781285307713846961427437541683283427", "thirdPartyId": "crm-000123",
			 "cartItemIds": ["coat-alpine-01", "coat-parka-02"],
			 "excludedIds": ["sweat-crew-03", "boot-hike-04"], "maxItems": 3,
			 "locale": "en-US", "currency": "USD"}""";

	@BeforeEach
	void targetAnswers() {
		this.target.stubFor(post(urlPathEqualTo("/rest/v1/delivery"))
			.willReturn(okJson(Fixtures.read("/io/recsbridge/target/delivery-response-cart.json"))));
	}

	static Stream<Arguments> differences() {
		return Stream.of(Arguments.of("excludedIds", "[\"sweat-crew-03\"]"), Arguments.of("maxItems", "2"),
				Arguments.of("locale", "\"de-DE\""), Arguments.of("currency", "\"EUR\""),
				Arguments.of("thirdPartyId", "\"crm-000999\""), Arguments.of("ecid", "\"%038d\"".formatted(42)),
				Arguments.of("cartItemIds", "[\"coat-alpine-01\"]"),
				// Cart-Based criteria weigh the order of the cart.
				Arguments.of("cartItemIds", "[\"coat-parka-02\", \"coat-alpine-01\"]"));
	}

	@ParameterizedTest(name = "{0}: {1}")
	@MethodSource("differences")
	void requestsThatDifferNeverShareAnAnswer(String field, String value) throws Exception {
		String other = with(field, value);
		fromTarget(REQUEST);
		assertThat(sourceOf(REQUEST)).as("the same request again").isEqualTo("cache");
		int calls = targetCalls();

		// Whatever Target gives (a loaded machine may make it miss the deadline), the
		// answer is not the cached one and Target was asked.
		assertThat(sourceOf(other)).as("a request with another " + field).isNotEqualTo("cache");
		assertThat(targetCalls()).isEqualTo(calls + 1);
	}

	@Test
	void excludedIdsAreASetTheirOrderDoesNotMatter() throws Exception {
		fromTarget(REQUEST);
		int calls = targetCalls();

		assertThat(sourceOf(with("excludedIds", "[\"boot-hike-04\", \"sweat-crew-03\"]"))).isEqualTo("cache");
		assertThat(targetCalls()).isEqualTo(calls);
	}

	/**
	 * A fresh answer from Target, cached; asked again if a loaded machine missed the
	 * deadline.
	 */
	private void fromTarget(String body) throws Exception {
		String source = sourceOf(body);
		for (int attempt = 1; attempt < 5 && !source.equals("target"); attempt++) {
			source = sourceOf(body);
		}
		assertThat(source).isEqualTo("target");
	}

	private String sourceOf(String body) throws Exception {
		JsonNode payload = this.objectMapper
			.readTree(this.api.postJson("/v1/recommendations/abandoned-cart", body).body());
		return payload.get("source").asText();
	}

	private String with(String field, String value) throws Exception {
		ObjectNode request = (ObjectNode) this.objectMapper.readTree(REQUEST);
		request.set(field, this.objectMapper.readTree(value));
		return this.objectMapper.writeValueAsString(request);
	}

	private int targetCalls() {
		return this.target.countRequestsMatching(postRequestedFor(urlPathEqualTo("/rest/v1/delivery")).build())
			.getCount();
	}

}

package io.recsbridge.security;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.recsbridge.support.BridgeAgainstTargetStandIn;
import io.recsbridge.support.TargetStandIn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Only callers with a configured API key get in; the rest get a 401 problem before their
 * body is read or Target is called.
 */
class ApiKeyAuthenticationTests extends BridgeAgainstTargetStandIn {

	private static final String PATH = "/v1/recommendations/recently-viewed";

	private static final String BODY = "{\"ecid\": \"45781285307713846961427437541683283427\"}";

	@BeforeEach
	void targetAnswers() {
		this.target.stubFor(post(anyUrl()).willReturn(okJson("{\"status\": 200}")));
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { TargetStandIn.API_KEY, TargetStandIn.ROTATED_API_KEY })
	void everyConfiguredKeyIsAccepted(String key) {
		assertThat(postWithKey(key).statusCode()).isEqualTo(200);
	}

	@ParameterizedTest(name = "[{index}] {0}")
	@ValueSource(strings = { "", "wrong", TargetStandIn.API_KEY + "x", "test-key-curren", " " })
	void aWrongKeyIsA401ProblemAndTargetIsNotCalled(String key) {
		HttpResponse<String> response = postWithKey(key);

		assertUnauthorized(response);
		assertThat(this.target.getAllServeEvents()).isEmpty();
	}

	@Test
	void noKeyIsA401Problem() {
		assertUnauthorized(this.api.send(this.api.request(PATH)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(BODY))));
	}

	@Test
	void aKeyInTheQueryIsRefusedUnlessTheQueryParameterIsConfigured() {
		assertUnauthorized(this.api.send(
				this.api
					.request(PATH + "?api_key=" + TargetStandIn.API_KEY + "&X-Api-Key=" + TargetStandIn.API_KEY
							+ "&ecid=45781285307713846961427437541683283427")
					.GET()));
	}

	@Test
	void aKeyInAnotherHeaderIsRefused() {
		assertUnauthorized(this.api.send(this.api.request(PATH)
			.header("Authorization", "Bearer " + TargetStandIn.API_KEY)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(BODY))));
	}

	private HttpResponse<String> postWithKey(String key) {
		return this.api.send(this.api.request(PATH)
			.header("X-Api-Key", key)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(BODY)));
	}

	private static void assertUnauthorized(HttpResponse<String> response) {
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).contains("\"type\":\"urn:problem-type:recs-bridge:unauthorized\"")
			.contains("\"status\":401")
			.contains("\"instance\":\"/v1/recommendations/recently-viewed\"")
			.doesNotContain(TargetStandIn.API_KEY);
	}

}

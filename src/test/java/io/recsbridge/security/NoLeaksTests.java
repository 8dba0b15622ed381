package io.recsbridge.security;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import io.recsbridge.support.BridgeAgainstTargetStandIn;
import io.recsbridge.support.TargetStandIn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What callers send in confidence (API keys, email addresses, ECIDs) and what Target
 * answers reaches neither a log line nor an error body, whatever goes wrong.
 */
@ExtendWith(OutputCaptureExtension.class)
class NoLeaksTests extends BridgeAgainstTargetStandIn {

	private static final String EMAIL = "jane.doe.leakcheck@example.com";

	private static final String ECID = "45781285307713846961427437541683283427";

	private static final String WRONG_KEY = "wrong-key-5f1c0a9e";

	private static final String UPSTREAM_SECRET = "UPSTREAM-BODY-7c1d";

	private static final String PATH = "/v1/recommendations/recently-viewed";

	@Test
	void keysEmailsEcidsAndUpstreamBodiesAreNeitherLoggedNorEchoed(CapturedOutput output) {
		this.target.stubFor(post(urlPathEqualTo("/rest/v1/delivery")).willReturn(aResponse().withStatus(500)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"message\": \"" + UPSTREAM_SECRET + " for " + EMAIL + "\"}")));
		List<HttpResponse<String>> responses = new ArrayList<>();

		responses.add(postJson(TargetStandIn.API_KEY, "{\"ecid\": \"" + ECID
				+ "\", \"identities\": [{\"namespace\": \"Email\", \"id\": \"" + EMAIL + "\"}]}"));
		responses.add(postJson(TargetStandIn.API_KEY,
				"{\"identities\": [{\"namespace\": \"Email\", \"id\": \"" + EMAIL + "\"}]}"));
		responses.add(postJson(TargetStandIn.API_KEY,
				"{\"identities\": [{\"namespace\": \"ECID\", \"id\": \"" + EMAIL + "\"}]}"));
		responses.add(postJson(TargetStandIn.API_KEY, "{\"ecid\": \"" + EMAIL + "\", \"thirdPartyId\": 5"));
		responses.add(postJson(WRONG_KEY, "{\"identities\": [{\"namespace\": \"Email\", \"id\": \"" + EMAIL + "\"}]}"));
		responses.add(this.api.send(this.api
			.request(PATH + "?api_key=" + TargetStandIn.API_KEY + "&identities%5B0%5D.id=" + EMAIL + "&ecid=" + ECID)
			.GET()));
		responses.add(this.api.send(this.api.request(PATH + "?ecid=" + ECID + "&maxItems=" + EMAIL)
			.header("X-Api-Key", TargetStandIn.API_KEY)
			.GET()));
		responses.add(this.api.send(this.api.request(PATH)
			.header("Authorization", "Bearer " + TargetStandIn.ROTATED_API_KEY)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"ecid\": \"" + ECID + "\"}"))));

		assertThat(responses).extracting(HttpResponse::statusCode)
			.containsExactly(200, 200, 400, 400, 401, 401, 400, 401);
		assertThat(responses).allSatisfy((response) -> assertThat(response.body()).doesNotContain(EMAIL)
			.doesNotContain(TargetStandIn.API_KEY)
			.doesNotContain(TargetStandIn.ROTATED_API_KEY)
			.doesNotContain(WRONG_KEY)
			.doesNotContain(UPSTREAM_SECRET));
		// The capture works: the requests are logged, by use case and outcome only.
		assertThat(output.getAll()).contains("useCase=recently-viewed")
			.contains("source=fallback reason=target-unavailable");
		assertThat(output.getAll()).doesNotContain(EMAIL)
			.doesNotContain(TargetStandIn.API_KEY)
			.doesNotContain(TargetStandIn.ROTATED_API_KEY)
			.doesNotContain(WRONG_KEY)
			.doesNotContain(UPSTREAM_SECRET)
			.doesNotContain(ECID);
	}

	private HttpResponse<String> postJson(String key, String body) {
		return this.api.send(this.api.request(PATH)
			.header("X-Api-Key", key)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

}

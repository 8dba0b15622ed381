package io.recsbridge.sandbox;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.recsbridge.support.SandboxApplicationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sandbox's Delivery emulator called the way Adobe's own clients call Target: at.js
 * and the Target SDKs send the JSON body as {@code text/plain}, with
 * {@code experienceCloud}, {@code telemetry} and {@code imsOrgId}, none of which the
 * emulator uses. Real Target answers such a call; so must the emulator.
 */
@SandboxApplicationTest
class SandboxDeliveryAsAdobeClientsSendItTests {

	private static final String DELIVERY = "/sandbox/target/rest/v1/delivery?imsOrgId=53A16ACB5CC1D3760A495C99%40AdobeOrg"
			+ "&sessionId=3f0c8b8e-4c1e-4a55-9a5e-0f5d0f7b1f6e&client=sandbox&version=2.11.4";

	/** The shape of a Target SDK's server-side execute request. */
	private static final String SDK_REQUEST = """
			{
			  "requestId": "9b2c7d4e-1f3a-4e5b-8c6d-7e8f9a0b1c2d",
			  "imsOrgId": "53A16ACB5CC1D3760A495C99@AdobeOrg",
			  "context": {"channel": "web", "timeOffsetInMinutes": 0,
			              "address": {"url": "https://shop.example.com/account"},
			              "userAgent": "Mozilla/5.0"},
			  "experienceCloud": {"analytics": {"logging": "server_side", "supplementalDataId": "2F3A1B4C5D6E7F80-1A2B3C4D5E6F7A8B"},
			                      "audienceManager": {"locationHint": 9, "blob": "RKhpRz8krg2tLO6pguXWp5olkAcUniQYPHaMWWgdJ3xzPWQmdj0y"}},
			  "id": {"marketingCloudVisitorId": "%s"},
			  "execute": {"mboxes": [{"index": 0, "name": "ajo-recently-viewed",
			                          "parameters": {"entity.event.detailsOnly": "true"}}]},
			  "telemetry": {"entries": [{"requestId": "0c4f1a2b", "timestamp": 1732000000000, "execution": 12.5,
			                             "features": {"decisioningMethod": "server-side"}}]}
			}
			"""
		.formatted(DemoVisitors.BROWSING_VISITOR);

	@Autowired
	private TestRestTemplate http;

	@LocalServerPort
	private int port;

	@Test
	void aTextPlainRequestWithFieldsTheEmulatorDoesNotUseGetsTheRecommendations() {
		ResponseEntity<JsonNode> response = send(SDK_REQUEST, MediaType.parseMediaType("text/plain;charset=UTF-8"));

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		JsonNode option = response.getBody().at("/execute/mboxes/0/options/0");
		assertThat(option.get("type").asText()).isEqualTo("json");
		assertThat(option.at("/content/items")).isNotEmpty();
		assertThat(response.getBody().at("/id/marketingCloudVisitorId").asText())
			.isEqualTo(DemoVisitors.BROWSING_VISITOR);
	}

	@Test
	void aBodyWithoutAnyContentTypeIsReadAsJsonToo() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + DELIVERY))
				.POST(HttpRequest.BodyPublishers.ofString(SDK_REQUEST))
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(new ObjectMapper().readTree(response.body()).at("/execute/mboxes/0/options/0/content/items"))
			.isNotEmpty();
	}

	@Test
	void aTextPlainBodyThatIsNotJsonIsRefusedInTargetsErrorShape() {
		ResponseEntity<JsonNode> response = send("mbox=ajo-recently-viewed", MediaType.TEXT_PLAIN);

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
		assertThat(response.getBody().get("status").asInt()).isEqualTo(400);
		assertThat(response.getBody().get("message").asText())
			.isEqualTo("The request body is not a valid DeliveryRequest");
		assertThat(response.getBody().has("type")).as("not the bridge's problem format").isFalse();
	}

	private ResponseEntity<JsonNode> send(String body, MediaType contentType) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(contentType);
		return this.http.exchange(DELIVERY, HttpMethod.POST, new HttpEntity<>(body, headers), JsonNode.class);
	}

}

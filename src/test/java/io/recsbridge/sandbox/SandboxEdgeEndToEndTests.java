package io.recsbridge.sandbox;

import java.util.List;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.recsbridge.recommendation.RecommendationState;
import io.recsbridge.target.EdgeConnection;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sandbox's Edge road ({@code sandbox.transport=edge}) over real HTTP: the bridge's
 * real Edge transport fetches a token from the emulated IMS with the real IMS client,
 * calls the emulated {@code /ee/v2/interact} with it, and maps the decisions into the
 * same email payload as the Delivery road; and the emulators refuse what Adobe refuses.
 */
// A cold JVM's first sandbox calls on a busy 2-core machine can outlast the production
// 500 ms timeout; timeouts are tested against WireMock, not here.
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "target.timeout=5s", "bridge.deadline=6s",
		"sandbox.transport=edge", "edge.third-party-id-namespace=CRMID" })
class SandboxEdgeEndToEndTests {

	private static final String INTERACT = SandboxEdgeController.PATH + "?dataStreamId="
			+ EmulatedAdobeOrg.DATASTREAM_ID;

	private static final String TOKEN = SandboxImsController.BASE_PATH + SandboxImsController.TOKEN_PATH;

	@Autowired
	private TestRestTemplate http;

	@Autowired
	private MeterRegistry meterRegistry;

	@Autowired
	private EdgeConnection connection;

	@Autowired
	private ApplicationContext context;

	@BeforeEach
	void resetAnswers() {
		RecommendationState.reset(this.context);
	}

	@Test
	void theBridgeTakesTheEdgeRoadWithAnImsTokenAndAnswersTheSameEmail() {
		JsonNode payload = recommendUntilTargetAnswers("abandoned-cart",
				"{\"ecid\": \"" + DemoVisitors.CART_VISITOR + "\", \"thirdPartyId\": \"crm-000123\"}");

		assertThat(payload.get("source").asText()).isEqualTo("target");
		assertThat(payload.get("hasItems").asBoolean()).isTrue();
		assertThat(payload.get("activityId").asText()).isEqualTo(Activity.ABANDONED_CART.id());
		assertThat(payload.get("activityName").asText()).isEqualTo(Activity.ABANDONED_CART.name());
		assertThat(payload.get("items")).isNotEmpty();
		payload.get("items").forEach((item) -> assertThat(item.get("productUrl").asText()).startsWith("https://"));
		assertThat(this.meterRegistry.find("recs.bridge.target.calls")
			.tags("transport", "edge", "outcome", "success")
			.timer()
			.count()).isPositive();
		assertThat(this.meterRegistry.find("recs.bridge.target.calls").tag("transport", "delivery").timers()).isEmpty();
		assertThat(this.connection.credential().clientId()).isEqualTo(EmulatedAdobeOrg.CLIENT_ID);
		assertThat(this.connection.tokens().token().value()).isNotBlank();
	}

	@Test
	void recentlyViewedOverEdgeAnswersTheBrowsingVisitorsViews() {
		JsonNode payload = recommendUntilTargetAnswers("recently-viewed",
				"{\"ecid\": \"" + DemoVisitors.BROWSING_VISITOR + "\"}");

		assertThat(ids(payload)).containsAnyElementsOf(DemoVisitors.VIEWS);
	}

	@Test
	void theEmulatorAnswersWithAdobesHandles() {
		ResponseEntity<JsonNode> response = interact(token(), null, event(DemoVisitors.CART_VISITOR));

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		JsonNode body = response.getBody();
		assertThat(body.get("requestId").asText()).matches("req-7-[0-9a-f]{16}");
		assertThat(types(body)).containsExactly("personalization:decisions", "locationHint:result", "state:store");
		JsonNode proposition = body.at("/handle/0/payload/0");
		assertThat(proposition.get("scope").asText()).isEqualTo("ajo-abandoned-cart");
		assertThat(proposition.get("id").asText()).startsWith("AT:");
		assertThat(proposition.at("/scopeDetails/decisionProvider").asText()).isEqualTo("TGT");
		assertThat(proposition.at("/scopeDetails/activity/id").asText()).isEqualTo(Activity.ABANDONED_CART.id());
		JsonNode item = proposition.at("/items/0");
		assertThat(item.get("schema").asText()).isEqualTo("https://ns.adobe.com/personalization/json-content-item");
		assertThat(item.at("/data/format").asText()).isEqualTo("application/json");
		assertThat(item.at("/data/content/items")).isNotEmpty();
		assertThat(item.at("/meta/activity.name").asText()).isEqualTo(Activity.ABANDONED_CART.name());
		assertThat(body.at("/handle/1/payload").findValuesAsText("scope")).containsExactly("EdgeNetwork", "Target");
		assertThat(body.at("/handle/2/payload/0/key").asText()).endsWith("_AdobeOrg_cluster");
	}

	@Test
	void aVisitorWithoutAnEcidGetsOneMintedAsTheEdgeNetworkDoes() {
		ResponseEntity<JsonNode> response = interact(token(), null, """
				{"event": {"xdm": {"eventType": "decisioning.propositionFetch"}},
				 "query": {"personalization": {"decisionScopes": ["ajo-recently-viewed"]}}}
				""");

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(types(response.getBody())).startsWith("identity:result", "personalization:decisions");
		assertThat(response.getBody().at("/handle/0/payload/0/id").asText()).matches("\\d{38}");
	}

	@Test
	void aMissingOrMadeUpBearerTokenIsEdgesProblem401() {
		ResponseEntity<JsonNode> missing = interact(null, null, event(DemoVisitors.CART_VISITOR));
		ResponseEntity<JsonNode> madeUp = interact("not-issued-by-ims", null, event(DemoVisitors.CART_VISITOR));

		assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(missing.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(missing.getBody().get("type").asText()).isEqualTo("https://ns.adobe.com/aep/errors/EXEG-0500-401");
		assertThat(missing.getBody().get("status").asInt()).isEqualTo(401);
		assertThat(madeUp.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(madeUp.getBody().get("type").asText()).isEqualTo("https://ns.adobe.com/aep/errors/EXEG-0502-401");
	}

	@Test
	void theDatastreamExistsOnlyInItsOwnAepSandbox() {
		String token = token();

		assertThat(interact(token, "prod", event(DemoVisitors.CART_VISITOR)).getStatusCode()).isEqualTo(HttpStatus.OK);
		ResponseEntity<JsonNode> other = interact(token, "dev", event(DemoVisitors.CART_VISITOR));
		assertThat(other.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(other.getBody().get("type").asText()).isEqualTo("https://ns.adobe.com/aep/errors/EXEG-0003-400");
		assertThat(other.getBody().get("detail").asText()).contains(":dev'");
	}

	@Test
	void anUnreadableEventIsAProblem422() {
		ResponseEntity<JsonNode> response = interact(token(), null, "{\"event\": [");

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
		assertThat(response.getBody().get("type").asText()).isEqualTo("https://ns.adobe.com/aep/errors/EXEG-0104-422");
		assertThat(response.getBody().at("/report/errors")).isNotEmpty();
	}

	@Test
	void imsGivesTokensOnlyToTheEmulatedCredential() {
		ResponseEntity<JsonNode> wrongSecret = tokenResponse(EmulatedAdobeOrg.CLIENT_ID, "guess");

		assertThat(wrongSecret.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(wrongSecret.getBody().get("error").asText()).isEqualTo("invalid_client");
		JsonNode granted = tokenResponse(EmulatedAdobeOrg.CLIENT_ID, EmulatedAdobeOrg.CLIENT_SECRET).getBody();
		assertThat(granted.get("token_type").asText()).isEqualTo("bearer");
		assertThat(granted.get("expires_in").asLong()).isEqualTo(86399);
		assertThat(granted.has("refresh_token")).isFalse();
	}

	private JsonNode recommendUntilTargetAnswers(String useCase, String body) {
		// A fresh JVM's first request loads the IMS client, the Edge transport and both
		// emulators and can miss the deadline: behaviour is judged on a full answer.
		JsonNode payload = null;
		for (int attempt = 0; attempt < 5; attempt++) {
			HttpHeaders headers = new HttpHeaders();
			headers.setContentType(MediaType.APPLICATION_JSON);
			headers.set("X-Api-Key", "sandbox-demo-key");
			ResponseEntity<JsonNode> response = this.http.exchange("/v1/recommendations/" + useCase, HttpMethod.POST,
					new HttpEntity<>(body, headers), JsonNode.class);
			assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
			payload = response.getBody();
			if ("target".equals(payload.path("source").asText())) {
				return payload;
			}
			RecommendationState.reset(this.context);
		}
		return payload;
	}

	private String token() {
		return tokenResponse(EmulatedAdobeOrg.CLIENT_ID, EmulatedAdobeOrg.CLIENT_SECRET).getBody()
			.get("access_token")
			.asText();
	}

	private ResponseEntity<JsonNode> tokenResponse(String clientId, String clientSecret) {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("grant_type", "client_credentials");
		form.add("client_id", clientId);
		form.add("client_secret", clientSecret);
		form.add("scope", String.join(",", EmulatedAdobeOrg.SCOPES));
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
		return this.http.exchange(TOKEN, HttpMethod.POST, new HttpEntity<>(form, headers), JsonNode.class);
	}

	private ResponseEntity<JsonNode> interact(String token, String sandboxName, String body) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		if (token != null) {
			headers.setBearerAuth(token);
		}
		if (sandboxName != null) {
			headers.set("x-sandbox-name", sandboxName);
		}
		headers.set("x-api-key", EmulatedAdobeOrg.CLIENT_ID);
		headers.set("x-gw-ims-org-id", EmulatedAdobeOrg.ORG_ID);
		headers.set("x-request-id", "req-7");
		return this.http.exchange(INTERACT, HttpMethod.POST, new HttpEntity<>(body, headers), JsonNode.class);
	}

	private static String event(String ecid) {
		return """
				{"event": {"xdm": {"identityMap": {"ECID": [{"id": "%s", "authenticatedState": "ambiguous", "primary": true}]},
				                   "eventType": "decisioning.propositionFetch"},
				           "data": {"__adobe": {"target": {"entity.event.detailsOnly": "true"}}}},
				 "query": {"personalization": {"schemas": ["https://ns.adobe.com/personalization/json-content-item"],
				                               "decisionScopes": ["ajo-abandoned-cart"]}}}
				"""
			.formatted(ecid);
	}

	private static List<String> types(JsonNode body) {
		return StreamSupport.stream(body.get("handle").spliterator(), false)
			.map((handle) -> handle.get("type").asText())
			.toList();
	}

	private static List<String> ids(JsonNode payload) {
		return StreamSupport.stream(payload.get("items").spliterator(), false)
			.map((item) -> item.get("id").asText())
			.toList();
	}

}

package io.recsbridge.sandbox;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.recsbridge.target.TargetEndpoint;
import io.recsbridge.recommendation.RecommendationState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
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
 * The bridge with no Target client code configured, over real HTTP: its Target client
 * calls the emulator this same application serves.
 */
// A cold JVM's first sandbox calls on a busy 2-core machine can outlast the production
// 500 ms timeout; timeouts are tested against WireMock, not here.
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "target.timeout=5s", "bridge.deadline=6s" })
class SandboxEndToEndTests {

	private static final String DELIVERY = "/sandbox/target/rest/v1/delivery?client=sandbox&sessionId=s-1";

	@Autowired
	private TestRestTemplate http;

	@Autowired
	private TargetEndpoint endpoint;

	@Autowired
	private MeterRegistry meterRegistry;

	@Autowired
	private ApplicationContext context;

	@LocalServerPort
	private int port;

	private static final Set<ApplicationContext> warmedUp = ConcurrentHashMap.newKeySet();

	@BeforeEach
	void resetAnswers() {
		if (warmedUp.add(this.context)) {
			warmUp();
		}
		RecommendationState.reset(this.context);
	}

	/**
	 * A fresh JVM's first request loads the security filters, the HTTP client and the
	 * emulator on both sides of the sandbox call and can miss the 700 ms deadline; tests
	 * of behaviour start after one full answer, as in {@code BridgeAgainstTargetStandIn}.
	 */
	private void warmUp() {
		JsonNode payload = null;
		for (int attempt = 0; attempt < 10; attempt++) {
			payload = recommend("abandoned-cart", "{\"ecid\": \"" + DemoVisitors.CART_VISITOR + "\"}",
					"sandbox-demo-key")
				.getBody();
			if (payload != null && "target".equals(payload.path("source").asText())) {
				return;
			}
		}
		throw new IllegalStateException(
				"Warm-up: the sandbox never answered in 10 attempts; the last answer: " + payload);
	}

	private ResponseEntity<JsonNode> recommend(String useCase, String body, String apiKey) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		if (apiKey != null) {
			headers.set("X-Api-Key", apiKey);
		}
		return this.http.exchange("/v1/recommendations/" + useCase, HttpMethod.POST, new HttpEntity<>(body, headers),
				JsonNode.class);
	}

	private JsonNode recommend(String useCase, String ecid) {
		ResponseEntity<JsonNode> response = recommend(useCase, "{\"ecid\": \"" + ecid + "\"}", "sandbox-demo-key");
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		return response.getBody();
	}

	private ResponseEntity<JsonNode> deliver(String path, Object body) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		return this.http.exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), JsonNode.class);
	}

	private static Map<String, Object> mboxRequest(String ecid, String mbox, Map<String, String> parameters) {
		return Map.of("requestId", "req-42", "context", Map.of("channel", "web"), "id",
				Map.of("marketingCloudVisitorId", ecid), "execute",
				Map.of("mboxes", List.of(Map.of("index", 0, "name", mbox, "parameters", parameters))));
	}

	/** What the demo AJO event carries: the cart visitor, two coats and a sweatshirt. */
	private static final String DEMO_CART_REQUEST = """
			{"ecid": "%s", "cartItemIds": ["coat-alpine-01", "coat-parka-02", "sweat-crew-03"],
			 "cartItems": [{"id": "coat-alpine-01", "name": "Alpine Down Coat", "price": 249.99, "quantity": 1},
			               {"id": "coat-parka-02", "price": 289.99}, {"id": "sweat-crew-03", "price": 59.99}]}
			""".formatted(DemoVisitors.CART_VISITOR);

	private static List<String> cartIds(JsonNode payload) {
		return StreamSupport.stream(payload.at("/cart/items").spliterator(), false)
			.map((item) -> item.get("id").asText())
			.toList();
	}

	private static List<String> ids(JsonNode payload) {
		return StreamSupport.stream(payload.get("items").spliterator(), false)
			.map((item) -> item.get("id").asText())
			.toList();
	}

	@Test
	void theDemoCartIsAnsweredInTheCartAndWhatGoesWithItInTheItems() {
		JsonNode payload = recommend("abandoned-cart", DEMO_CART_REQUEST, "sandbox-demo-key").getBody();
		assertThat(payload.get("hasItems").asBoolean()).isTrue();
		assertThat(payload.get("source").asText()).isEqualTo("target");
		assertThat(payload.get("reason").asText()).isEmpty();
		assertThat(payload.get("activityId").asText()).isEqualTo(Activity.ABANDONED_CART.id());
		assertThat(cartIds(payload)).containsExactlyElementsOf(DemoVisitors.CART);
		assertThat(ids(payload)).hasSize(4).doesNotContainAnyElementsOf(DemoVisitors.CART);
		JsonNode coat = payload.at("/cart/items/0");
		assertThat(coat.get("name").asText()).isEqualTo("Alpine Down Coat");
		assertThat(coat.get("quantity").asInt()).isEqualTo(1);
		assertThat(coat.get("formattedPrice").asText()).isEqualTo("$249.99");
		// Sent by id, name and price only: image and link come from the sandbox's Get
		// Entity.
		assertThat(coat.get("imageUrl").asText()).isEqualTo("https://cdn.example.com/img/coat-alpine-01.jpg");
		assertThat(payload.at("/cart/items/1/name").asText()).isEqualTo("Harbor Parka");
		assertThat(payload.at("/cart/items/2/productUrl").asText())
			.startsWith("https://shop.example.com/p/sweat-crew-03?");
		assertThat(payload.at("/cart/formattedSubtotal").asText()).isEqualTo("$599.97");
		JsonNode first = payload.get("items").get(0);
		assertThat(first.get("productUrl").asText()).contains("utm_campaign=abandoned-cart");
		assertThat(first.get("category").asText()).isNotEmpty();
		assertThat(first.get("quantity").asInt()).isZero();
		assertThat(first.get("attributes").get("rating").asText()).isNotEmpty();
		payload.get("items").forEach((item) -> {
			assertThat(item.get("imageUrl").asText()).startsWith("https://");
			assertThat(item.get("productUrl").asText()).startsWith("https://");
		});
		assertThat(this.meterRegistry.find("recs.bridge.target.calls").tag("outcome", "success").timer())
			.satisfies((timer) -> assertThat(timer.count()).isPositive());
	}

	@Test
	void theSandboxResolvesItsDemoEmailsToItsDemoVisitors() {
		ResponseEntity<JsonNode> jane = recommend("abandoned-cart",
				"{\"identities\": [{\"namespace\": \"Email\", \"id\": \"Jane@Example.com\"}]}", "sandbox-demo-key");
		assertThat(jane.getBody().get("ecid").asText()).isEqualTo(DemoVisitors.CART_VISITOR);
		assertThat(ids(jane.getBody())).hasSize(4);

		JsonNode robin = recommend("recently-viewed",
				"{\"identities\": [{\"namespace\": \"Email\", \"id\": \"robin@example.com\"}]}", "sandbox-demo-key")
			.getBody();
		// Two devices: the cart visitor's popular items interleaved with the browsing
		// visitor's views.
		assertThat(ids(robin)).hasSize(4).contains("acc-scarf-02", "coat-alpine-01");

		JsonNode stranger = recommend("abandoned-cart",
				"{\"identities\": [{\"namespace\": \"CRMID\", \"id\": \"crm-999\"}]}", "sandbox-demo-key")
			.getBody();
		assertThat(stranger.get("reason").asText()).isEqualTo("identity-not-found");
		assertThat(recommend("abandoned-cart", "{\"identities\": [{\"namespace\": \"CRMID\", \"id\": \"crm-000123\"}]}",
				"sandbox-demo-key")
			.getBody()
			.get("ecid")
			.asText()).isEqualTo(DemoVisitors.CART_VISITOR);
	}

	@Test
	void abandonedCartForAVisitorWithNoCartAnswersPopularItems() {
		assertThat(ids(recommend("abandoned-cart", DemoVisitors.NEW_VISITOR))).containsExactly("coat-alpine-01",
				"sweat-crew-03", "coat-parka-02", "acc-beanie-01");
	}

	@Test
	void recentlyViewedForTheBrowsingVisitorAnswersTheViewsMostRecentFirst() {
		JsonNode payload = recommend("recently-viewed", DemoVisitors.BROWSING_VISITOR);
		assertThat(ids(payload)).containsExactly("acc-scarf-02", "parka-field-02", "boot-chelsea-02", "knit-merino-01");
		assertThat(payload.get("items").get(0).get("productUrl").asText()).contains("utm_campaign=recently-viewed");
		assertThat(payload.get("activityName").asText()).isEqualTo(Activity.RECENTLY_VIEWED.name());
	}

	@Test
	void recentlyViewedForAVisitorWithNoHistoryAnswersPopularItems() {
		JsonNode payload = recommend("recently-viewed", DemoVisitors.NEW_VISITOR);
		assertThat(payload.get("hasItems").asBoolean()).isTrue();
		assertThat(ids(payload)).containsExactly("coat-alpine-01", "sweat-crew-03", "coat-parka-02", "acc-beanie-01");
	}

	@Test
	void recordingViewsThroughTheDeliveryApiChangesRecentlyViewed() {
		String ecid = "11112222333344445555666677778888999900";
		assertThat(ids(recommend("recently-viewed", ecid))).startsWith("coat-alpine-01");
		assertThat(deliver(DELIVERY, mboxRequest(ecid, "product-view", Map.of("entity.id", "boot-snow-03")))
			.getStatusCode()).isEqualTo(HttpStatus.OK);
		deliver(DELIVERY, mboxRequest(ecid, "product-view", Map.of("entity.id", "knit-vest-05")));
		deliver(DELIVERY, mboxRequest(ecid, "product-view",
				Map.of("entity.id", "acc-tote-07", "entity.event.detailsOnly", "true")));
		// The first answer is cached for BRIDGE_CACHE_TTL; a new view shows once it
		// expires.
		RecommendationState.reset(this.context);
		assertThat(ids(recommend("recently-viewed", ecid))).containsExactly("knit-vest-05", "boot-snow-03");
	}

	@Test
	void theRequestsCartIsWhatCartBasedRecommendsForAsTargetStoresNoCart() {
		JsonNode payload = recommend("abandoned-cart",
				"{\"ecid\": \"" + DemoVisitors.CART_VISITOR
						+ "\", \"cartItemIds\": [\"knit-cable-02\"], \"excludedIds\": [\"acc-beanie-01\"]}",
				"sandbox-demo-key")
			.getBody();
		// Knitwear goes with coats and accessories; the beanie is excluded.
		assertThat(ids(payload)).startsWith("coat-alpine-01", "coat-parka-02", "knit-merino-01")
			.doesNotContain("knit-cable-02", "acc-beanie-01");
		assertThat(cartIds(payload)).containsExactly("knit-cable-02");
	}

	@Test
	void aMissingApiKeyIsUnauthorized() {
		ResponseEntity<JsonNode> response = recommend("abandoned-cart",
				"{\"ecid\": \"" + DemoVisitors.CART_VISITOR + "\"}", null);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void theDeliveryApiAnswersAdobesResponseShape() {
		JsonNode response = deliver(DELIVERY,
				mboxRequest(DemoVisitors.CART_VISITOR, "ajo-abandoned-cart",
						Map.of("cartIds", String.join(",", DemoVisitors.CART), "excludedIds", "acc-beanie-01")))
			.getBody();
		assertThat(response.get("status").asInt()).isEqualTo(200);
		assertThat(response.get("requestId").asText()).isEqualTo("req-42");
		assertThat(response.get("client").asText()).isEqualTo("sandbox");
		assertThat(response.get("edgeHost").asText()).isEqualTo("mboxedge28.tt.omtrdc.net");
		assertThat(response.at("/id/marketingCloudVisitorId").asText()).isEqualTo(DemoVisitors.CART_VISITOR);
		assertThat(response.at("/id/tntId").asText()).endsWith(".28_0");
		JsonNode mbox = response.at("/execute/mboxes/0");
		assertThat(mbox.get("index").asInt()).isZero();
		assertThat(mbox.get("name").asText()).isEqualTo("ajo-abandoned-cart");
		JsonNode option = mbox.at("/options/0");
		assertThat(option.get("type").asText()).isEqualTo("json");
		assertThat(option.at("/content/key").asText()).isEqualTo("coat-alpine-01");
		// The design's bound (24); never the cart, never the excluded beanie.
		assertThat(option.at("/content/items")).hasSize(24);
		assertThat(option.at("/content/items/0").has("categoryId")).isFalse();
		assertThat(ids(option.get("content"))).doesNotContainAnyElementsOf(DemoVisitors.CART)
			.doesNotContain("acc-beanie-01");
		assertThat(option.at("/responseTokens/activity.id").asText()).isEqualTo(Activity.ABANDONED_CART.id());
		assertThat(option.get("responseTokens").fieldNames()).toIterable()
			.contains("activity.id", "activity.name", "experience.name", "option.id");
	}

	@Test
	void anMboxWithNoActivityIsAnsweredWithoutOptions() {
		JsonNode response = deliver(DELIVERY, mboxRequest(DemoVisitors.CART_VISITOR, "homepage-hero", Map.of()))
			.getBody();
		assertThat(response.at("/execute/mboxes/0/name").asText()).isEqualTo("homepage-hero");
		assertThat(response.at("/execute/mboxes/0/options")).isEmpty();
	}

	@Test
	void theDeliveryApiRefusesARequestWithoutContextInAdobesErrorShape() {
		ResponseEntity<JsonNode> response = deliver(DELIVERY,
				Map.of("id", Map.of("marketingCloudVisitorId", DemoVisitors.CART_VISITOR)));
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
		assertThat(response.getBody().get("status").asInt()).isEqualTo(400);
		assertThat(response.getBody().get("message").asText()).contains("context.channel");
	}

	@Test
	void theDeliveryApiRefusesUnreadableJsonInAdobesErrorShape() {
		ResponseEntity<JsonNode> response = deliver(DELIVERY, "{\"context\": ");
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(response.getBody().get("status").asInt()).isEqualTo(400);
		assertThat(response.getBody().get("message").asText()).isNotBlank();
	}

	@Test
	void theDeliveryApiRequiresClientAndSessionId() {
		Map<String, Object> body = mboxRequest(DemoVisitors.CART_VISITOR, "ajo-recently-viewed", Map.of());
		assertThat(deliver("/sandbox/target/rest/v1/delivery?sessionId=s-1", body).getStatusCode())
			.isEqualTo(HttpStatus.BAD_REQUEST);
		ResponseEntity<JsonNode> response = deliver("/sandbox/target/rest/v1/delivery?client=sandbox", body);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(response.getBody().get("message").asText()).contains("sessionId");
	}

	@Test
	void theTargetClientIsPointedAtThisApplication() {
		assertThat(this.endpoint).isInstanceOf(SandboxEndpoint.class);
		assertThat(this.endpoint.clientCode()).isEqualTo("sandbox");
		assertThat(this.endpoint.baseUrl()).hasToString("http://127.0.0.1:" + this.port + "/sandbox/target");
	}

}

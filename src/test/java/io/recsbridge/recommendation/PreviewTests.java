package io.recsbridge.recommendation;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.recsbridge.support.BridgeAgainstTargetStandIn;
import io.recsbridge.support.TargetStandIn;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The preview against a WireMock Target: the explanation of every entity's fate, of the
 * exchange with Target, of the caches and of the fallback; nothing secret in it; its own
 * rate limit and metric; and the caches exactly as they were.
 */
class PreviewTests extends BridgeAgainstTargetStandIn {

	private static final String DELIVERY = "/rest/v1/delivery";

	private static final String PREVIEW = "/v1/recommendations/abandoned-cart/preview";

	private static final String API = "/v1/recommendations/abandoned-cart";

	private static final String ECID = "45781285307713846961427437541683283427";

	/** One entity for each fate, in the design's order; the request caps at 2. */
	private static final String EVERY_FATE = """
			{"key": "coat-alpine-01", "items": [
			  {"id": "coat-alpine-01", "name": "Alpine Down Coat", "pageUrl": "/p/coat-alpine-01", "thumbnailUrl": "/img/coat-alpine-01.jpg", "value": "249"},
			  {"id": "sweat-crew-03", "name": "Crew Sweatshirt"},
			  {"id": "coat-parka-02", "name": "Harbour Parka"},
			  {"id": "coat-alpine-01", "name": "Alpine Down Coat"},
			  {"id": "$entity4.id", "name": "$entity4.name"},
			  {"id": "", "name": "Nameless"},
			  {"id": "scarf-wool-07", "name": "Merino Scarf", "pageUrl": "/p/scarf-wool-07", "thumbnailUrl": "/img/scarf-wool-07.jpg", "value": "35"},
			  {"id": "boot-chelsea-02", "name": "Chelsea Boot"}]}
			""";

	private static final String REQUEST = """
			{"ecid": "%s", "thirdPartyId": "crm-000123", "cartItemIds": ["coat-parka-02"],
			 "cartItems": [{"id": "coat-parka-02", "name": "Harbour Parka", "price": 189.5, "quantity": 1}],
			 "excludedIds": ["sweat-crew-03"], "maxItems": 2}
			""".formatted(ECID);

	@Autowired
	private MeterRegistry meterRegistry;

	@Test
	void previewExplainsTheFateOfEveryEntityAndRendersTheEmail() throws Exception {
		stubTarget(EVERY_FATE);

		HttpResponse<String> response = this.api.postJson(PREVIEW, REQUEST);

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode preview = this.objectMapper.readTree(response.body());
		JsonNode payload = preview.get("payload");
		assertThat(ids(payload.get("items"))).containsExactly("coat-alpine-01", "scarf-wool-07");
		assertThat(payload.get("source").asText()).isEqualTo("target");
		JsonNode visit = preview.at("/explain/visits/0");
		assertThat(visit.get("ecid").asText()).isEqualTo(ECID);
		List<String> fates = new ArrayList<>();
		visit.get("entities")
			.forEach((entity) -> fates
				.add(entity.get("id").asText() + " " + entity.get("fate").asText() + " " + entity.get("rank").asInt()));
		assertThat(fates).containsExactly("coat-alpine-01 kept 1", "sweat-crew-03 excluded 0",
				"coat-parka-02 in-cart 0", "coat-alpine-01 duplicate 0", "$entity4.id unrendered-placeholder 0",
				" no-id 0", "scarf-wool-07 kept 2", "boot-chelsea-02 over-max-items 0");
		assertThat(visit.at("/entities/5/name").asText()).isEqualTo("Nameless");
		assertThat(preview.at("/explain/status").asInt()).isEqualTo(200);
		assertThat(preview.at("/explain/fallback").isNull()).isTrue();
		String html = preview.get("html").asText();
		assertThat(html)
			.contains(">Alpine Down Coat<", ">Merino Scarf<", "src=\"https://cdn.example.com/img/coat-alpine-01.jpg\"")
			.doesNotContain("Chelsea Boot", "{{");
	}

	@Test
	void anEntityKnownToHaveFewerUnitsThanTheUseCasesMinimumIsDroppedAsSuch() throws Exception {
		stubTarget("{\"items\": [{\"id\": \"coat-alpine-01\", \"name\": \"Alpine Down Coat\", \"inventory\": \"12\"}, "
				+ "{\"id\": \"scarf-wool-07\", \"name\": \"Merino Scarf\", \"inventory\": \"3\"}, "
				+ "{\"id\": \"boot-chelsea-02\", \"name\": \"Chelsea Boot\"}]}");

		JsonNode preview = this.objectMapper.readTree(
				this.api
					.postJson("/v1/recommendations/" + TargetStandIn.MIN_INVENTORY_USE_CASE + "/preview",
							"{\"ecid\": \"%s\"}".formatted(ECID))
					.body());

		List<String> fates = new ArrayList<>();
		preview.at("/explain/visits/0/entities")
			.forEach((entity) -> fates.add(entity.get("id").asText() + " " + entity.get("fate").asText()));
		assertThat(fates).containsExactly("coat-alpine-01 kept", "scarf-wool-07 below-min-inventory",
				"boot-chelsea-02 kept");
	}

	@Test
	void previewShowsTheCartLinesAndWhereTheirFieldsCameFrom() throws Exception {
		stubTarget(EVERY_FATE);

		JsonNode cart = this.objectMapper.readTree(this.api.postJson(PREVIEW, REQUEST).body()).at("/explain/cart");

		assertThat(cart).hasSize(1);
		assertThat(cart.at("/0/id").asText()).isEqualTo("coat-parka-02");
		assertThat(cart.at("/0/quantity").asInt()).isEqualTo(1);
		assertThat(cart.at("/0/sent/name").asText()).isEqualTo("Harbour Parka");
		assertThat(cart.at("/0/sent/value").asText()).isEqualTo("189.5");
		assertThat(cart.at("/0/sent").has("thumbnailUrl")).isFalse();
		assertThat(cart.at("/0/fromCatalog")).isEmpty();
	}

	@Test
	void previewShowsTheTargetRequestAndTheAnswerAsReceived() throws Exception {
		stubTarget(EVERY_FATE);

		JsonNode explain = this.objectMapper.readTree(this.api.postJson(PREVIEW, REQUEST).body()).get("explain");

		assertThat(explain.at("/identities/ecid").asText()).isEqualTo(ECID);
		assertThat(explain.at("/identities/ecids/0").asText()).isEqualTo(ECID);
		assertThat(explain.get("mbox").asText()).isEqualTo("ajo-abandoned-cart");
		JsonNode target = explain.at("/visits/0/target");
		assertThat(target.at("/attempts")).hasSize(1);
		JsonNode attempt = target.at("/attempts/0");
		assertThat(attempt.get("url").asText())
			.startsWith(this.target.baseUrl() + DELIVERY + "?client=acme&sessionId=");
		assertThat(attempt.get("status").asInt()).isEqualTo(200);
		assertThat(attempt.get("millis").asDouble()).isPositive();
		assertThat(attempt.at("/body/id/marketingCloudVisitorId").asText()).isEqualTo(ECID);
		assertThat(attempt.at("/body/execute/mboxes/0/parameters/cartIds").asText()).isEqualTo("coat-parka-02");
		assertThat(attempt.at("/body/execute/mboxes/0/parameters/excludedIds").asText()).isEqualTo("sweat-crew-03");
		assertThat(target.get("outcome").asText()).isEqualTo("success");
		assertThat(target.get("activityId").asText()).isEqualTo("302740");
		assertThat(target.get("activityName").asText()).isEqualTo("Email - abandoned cart");
		assertThat(target.get("experienceName").asText()).isEqualTo("Experience A");
		JsonNode option = target.at("/options/0");
		assertThat(option.get("type").asText()).isEqualTo("json");
		assertThat(option.get("content").asText()).isEqualTo(EVERY_FATE);
		assertThat(option.get("truncated").asBoolean()).isFalse();
		assertThat(explain.at("/visits/0/caches/0/cache").asText()).isEqualTo("fresh");
		assertThat(explain.at("/visits/0/caches/0/result").asText()).startsWith("skipped");
		assertThat(explain.get("timings").has("identities")).isTrue();
		assertThat(explain.get("timings").has("render")).isTrue();
		assertThat(explain.get("timings").get("total").asDouble()).isPositive();
		assertThat(explain.at("/visits/0/timings/target").asDouble()).isPositive();
	}

	@Test
	void optionContentIsShownUpToTheDocumentedSize() throws Exception {
		String longMessage = "x".repeat(Explain.OPTION_CONTENT_LIMIT);
		String content = "{\"items\": [{\"id\": \"coat-alpine-01\", \"message\": \"" + longMessage + "\"}]}";
		stubTarget(content);

		JsonNode option = this.objectMapper.readTree(this.api.postJson(PREVIEW, REQUEST).body())
			.at("/explain/visits/0/target/options/0");

		assertThat(option.get("truncated").asBoolean()).isTrue();
		assertThat(option.get("length").asInt()).isEqualTo(content.length());
		assertThat(option.get("content").asText()).hasSize(Explain.OPTION_CONTENT_LIMIT)
			.isEqualTo(content.substring(0, Explain.OPTION_CONTENT_LIMIT));
		assertThat(this.objectMapper.readTree(this.api.postJson(PREVIEW, REQUEST).body())
			.at("/explain/optionContentLimit")
			.asInt()).isEqualTo(Explain.OPTION_CONTENT_LIMIT);
	}

	@Test
	void whenTargetFailsThePreviewShowsEachAttemptTheFallbackAndWhy() throws Exception {
		this.target.stubFor(post(urlPathEqualTo(DELIVERY)).willReturn(aResponse().withStatus(503)));

		JsonNode preview = this.objectMapper.readTree(this.api.postJson(PREVIEW, REQUEST).body());

		assertThat(preview.at("/payload/source").asText()).isEqualTo("fallback");
		assertThat(preview.at("/payload/reason").asText()).isEqualTo("target-unavailable");
		JsonNode explain = preview.get("explain");
		JsonNode attempts = explain.at("/visits/0/target/attempts");
		assertThat(attempts.size()).isBetween(1, 3);
		attempts.forEach((attempt) -> assertThat(attempt.get("status").asInt()).isEqualTo(503));
		assertThat(explain.at("/visits/0/target/outcome").asText()).isEqualTo("server_error");
		assertThat(explain.at("/visits/0/caches/1/cache").asText()).isEqualTo("last-good");
		assertThat(explain.at("/visits/0/caches/1/result").asText()).isEqualTo("miss");
		// The fallback governs the recommendations only; the cart is the request's.
		assertThat(explain.at("/fallback/policy").asText()).isEqualTo("empty");
		assertThat(explain.at("/fallback/taken").asText()).isEqualTo("no items");
		assertThat(explain.at("/fallback/reason").asText()).isEqualTo("target-unavailable");
		assertThat(explain.at("/fallback/why").asText()).contains("HTTP 503");
		assertThat(explain.get("fallbackEntities")).isEmpty();
		assertThat(preview.at("/payload/cart/items/0/id").asText()).isEqualTo("coat-parka-02");
		assertThat(preview.get("html").asText()).contains(">Harbour Parka<");
	}

	@Test
	void previewAlwaysAsksTargetAndLeavesTheFreshCacheAsItWas() throws Exception {
		stubTarget("{\"items\": [{\"id\": \"coat-alpine-01\", \"name\": \"Alpine Down Coat\"}]}");
		assertThat(this.api.postJson(API, REQUEST).body()).contains("\"source\":\"target\"");
		stubTarget("{\"items\": [{\"id\": \"scarf-wool-07\", \"name\": \"Merino Scarf\"}]}");

		JsonNode preview = this.objectMapper.readTree(this.api.postJson(PREVIEW, REQUEST).body());
		JsonNode sent = this.objectMapper.readTree(this.api.postJson(API, REQUEST).body());

		assertThat(preview.at("/payload/source").asText()).isEqualTo("target");
		assertThat(ids(preview.at("/payload/items"))).containsExactly("scarf-wool-07");
		assertThat(sent.get("source").asText()).isEqualTo("cache");
		assertThat(ids(sent.get("items"))).containsExactly("coat-alpine-01");
		this.target.verify(2, postRequestedFor(urlPathEqualTo(DELIVERY)));
	}

	@Test
	void previewWritesNeitherTheFreshNorTheLastGoodCache() throws Exception {
		stubTarget("{\"items\": [{\"id\": \"coat-alpine-01\", \"name\": \"Alpine Down Coat\"}]}");
		assertThat(this.api.postJson(PREVIEW, REQUEST).body()).contains("\"source\":\"target\"");

		JsonNode fresh = this.objectMapper.readTree(this.api.postJson(API, REQUEST).body());
		// The send just made wrote both caches: start again from none.
		this.context.getBean(AnswerCache.class).clear();
		assertThat(this.api.postJson(PREVIEW, REQUEST).body()).contains("\"source\":\"target\"");
		this.target.stubFor(post(urlPathEqualTo(DELIVERY)).willReturn(aResponse().withStatus(503)));
		JsonNode whenDown = this.objectMapper.readTree(this.api.postJson(API, REQUEST).body());

		assertThat(fresh.get("source").asText()).as("no fresh answer left by the preview").isEqualTo("target");
		assertThat(whenDown.get("source").asText()).as("no last-good answer left by the preview").isEqualTo("fallback");
	}

	@Test
	void previewsHaveTheirOwnPerCallerLimitAndMetric() throws Exception {
		stubTarget("{\"items\": [{\"id\": \"coat-alpine-01\", \"name\": \"Alpine Down Coat\"}]}");
		int limit = this.context.getBean(PreviewProperties.class).rateLimit();
		double requestsBefore = requestsCounted();

		for (int i = 0; i < limit; i++) {
			assertThat(preview(TargetStandIn.ROTATED_API_KEY).statusCode()).isEqualTo(200);
		}
		HttpResponse<String> limited = preview(TargetStandIn.ROTATED_API_KEY);

		assertThat(limited.statusCode()).isEqualTo(429);
		assertThat(limited.headers().firstValue("Retry-After"))
			.hasValueSatisfying((seconds) -> assertThat(Integer.parseInt(seconds)).isBetween(1, 60));
		assertThat(limited.body()).contains("\"type\":\"urn:problem-type:recs-bridge:rate-limited\"")
			.contains("preview")
			.doesNotContain(TargetStandIn.ROTATED_API_KEY);
		assertThat(preview(TargetStandIn.API_KEY).statusCode()).as("another caller").isEqualTo(200);
		assertThat(this.api
			.send(this.api.request(API)
				.header("X-Api-Key", TargetStandIn.ROTATED_API_KEY)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(REQUEST)))
			.statusCode()).as("the same caller's API requests").isEqualTo(200);
		assertThat(this.meterRegistry.get("recs.bridge.previews")
			.tags("use_case", "abandoned-cart", "status", "200", "source", "target")
			.counter()
			.count()).isGreaterThanOrEqualTo(limit + 1);
		assertThat(requestsCounted() - requestsBefore).as("previews are not API requests").isEqualTo(1);
	}

	@Test
	void previewNeedsTheApisCredentialsAndAKnownUseCase() {
		HttpResponse<String> anonymous = this.api.send(this.api.request(PREVIEW)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(REQUEST)));
		HttpResponse<String> unknown = this.api.postJson("/v1/recommendations/nope/preview", REQUEST);

		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(this.target.getAllServeEvents()).isEmpty();
	}

	@Test
	void targetsContentIsEscapedInTheRenderedEmail() throws Exception {
		stubTarget("{\"items\": [{\"id\": \"coat-alpine-01\", \"name\": \"<script>alert(1)</script>\", "
				+ "\"brand\": \"\\\" onmouseover=\\\"x\"}]}");

		String html = this.objectMapper.readTree(this.api.postJson(PREVIEW, REQUEST).body()).get("html").asText();

		assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;", "&quot; onmouseover&#x3D;&quot;x")
			.doesNotContain("<script>", "\" onmouseover");
	}

	@Test
	void theExplanationHoldsNoCredential() {
		stubTarget(EVERY_FATE);

		String body = this.api.postJson(PREVIEW, REQUEST).body();

		assertThat(body).doesNotContain(TargetStandIn.API_KEY, "X-Api-Key", "x-api-key", "Authorization");
	}

	private double requestsCounted() {
		return this.meterRegistry.find("recs.bridge.requests")
			.tag("use_case", "abandoned-cart")
			.counters()
			.stream()
			.mapToDouble((counter) -> counter.count())
			.sum();
	}

	private HttpResponse<String> preview(String key) {
		return this.api.send(this.api.request(PREVIEW)
			.header("X-Api-Key", key)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(REQUEST)));
	}

	private void stubTarget(String content) {
		try {
			String response = """
					{"status": 200, "requestId": "r-1", "id": {"tntId": "8f1f43a5c6d34b1b9f0d6e1c2a7b9d11.28_0"},
					 "execute": {"mboxes": [{"index": 0, "name": "ajo-abandoned-cart", "options": [{"type": "json",
					   "content": %s,
					   "responseTokens": {"activity.id": "302740", "activity.name": "Email - abandoned cart",
					     "experience.name": "Experience A"}}]}]}}
					""".formatted(this.objectMapper.writeValueAsString(content));
			this.target.stubFor(post(urlPathEqualTo(DELIVERY)).willReturn(okJson(response)));
		}
		catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static List<String> ids(JsonNode items) {
		List<String> ids = new ArrayList<>();
		items.forEach((item) -> ids.add(item.get("id").asText()));
		return ids;
	}

}

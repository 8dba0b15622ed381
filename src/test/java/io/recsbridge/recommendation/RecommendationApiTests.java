package io.recsbridge.recommendation;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.http.Fault;
import io.recsbridge.support.Fixtures;
import io.recsbridge.support.BridgeAgainstTargetStandIn;
import io.recsbridge.support.TargetStandIn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.skyscreamer.jsonassert.Customization;
import org.skyscreamer.jsonassert.JSONAssert;
import org.skyscreamer.jsonassert.JSONCompareMode;
import org.skyscreamer.jsonassert.RegularExpressionValueMatcher;
import org.skyscreamer.jsonassert.comparator.CustomComparator;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The endpoint AJO calls, end to end over real HTTP, with WireMock standing in for
 * Target: the email payload for each thing Target can answer.
 */
class RecommendationApiTests extends BridgeAgainstTargetStandIn {

	private static final String ECID = "45781285307713846961427437541683283427";

	/**
	 * Two coats with names and prices, as AJO's event carried them, and a sweatshirt by
	 * id alone.
	 */
	private static final String CART_REQUEST = """
			{"ecid": "%s", "thirdPartyId": "crm-000123",
			 "cartItemIds": ["coat-alpine-01", "coat-parka-02", "sweat-crew-03"],
			 "cartItems": [{"id": "coat-alpine-01", "name": "Alpine Down Coat", "price": 249.99, "quantity": 1,
			                "imageUrl": "/img/coat-alpine-01.jpg", "productUrl": "/p/coat-alpine-01"},
			               {"id": "coat-parka-02", "name": "Harbour Parka", "price": 189.5, "quantity": 2}],
			 "excludedIds": ["sweat-crew-03"], "locale": "en-US", "currency": "USD",
			 "journeyId": "j-1", "journeyVersionId": "v-1", "actionId": "a-1"}
			""".formatted(ECID);

	private static final String CART_BASED = "/io/recsbridge/target/delivery-response-cart-based.json";

	private static final CustomComparator ANY_REQUEST_ID = new CustomComparator(JSONCompareMode.STRICT,
			new Customization("requestId", new RegularExpressionValueMatcher<>("[0-9a-f-]{36}")));

	@Test
	void postAnswersTheCartAndWhatTargetsCartBasedCriteriaRecommend() throws Exception {
		stubTarget(okJson(Fixtures.read(CART_BASED)));

		HttpResponse<String> response = this.api.postJson("/v1/recommendations/abandoned-cart", CART_REQUEST);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
		JSONAssert.assertEquals(Fixtures.read("email-payload-cart.json".transform(RecommendationApiTests::here)),
				response.body(), ANY_REQUEST_ID);
		assertNoNulls(this.objectMapper.readTree(response.body()));
	}

	@Test
	void postSendsTargetTheVisitorTheCartAndTheExclusions() {
		stubTarget(okJson(Fixtures.read("/io/recsbridge/target/delivery-response-cart.json")));

		this.api.postJson("/v1/recommendations/abandoned-cart", CART_REQUEST);

		String expected = Fixtures.read("/io/recsbridge/target/delivery-request-cart.json")
			.replace("\"6a3b2f0e-8d1c-4b7a-9e55-2c4f1d0a7b31\"", "\"${json-unit.any-string}\"");
		this.target
			.verify(postRequestedFor(urlPathEqualTo("/rest/v1/delivery")).withQueryParam("client", equalTo("acme"))
				.withRequestBody(equalToJson(expected)));
	}

	@Test
	void getWithQueryParametersAnswersLikePost() throws Exception {

		stubTarget(okJson(Fixtures.read(CART_BASED)));
		HttpResponse<String> response = this.api.get("/v1/recommendations/abandoned-cart?ecid=" + ECID
				+ "&thirdPartyId=crm-000123&cartItemIds=coat-alpine-01,coat-parka-02,sweat-crew-03"
				+ "&cartItems[0].id=coat-alpine-01&cartItems[0].name=Alpine%20Down%20Coat&cartItems[0].price=249.99"
				+ "&cartItems[0].quantity=1&cartItems[0].imageUrl=/img/coat-alpine-01.jpg"
				+ "&cartItems[0].productUrl=/p/coat-alpine-01&cartItems[1].id=coat-parka-02"
				+ "&cartItems[1].name=Harbour%20Parka&cartItems[1].price=189.5&cartItems[1].quantity=2"
				+ "&excludedIds=sweat-crew-03&locale=en-US&currency=USD&journeyId=&actionId=");

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JSONAssert.assertEquals(Fixtures.read(here("email-payload-cart.json")), response.body(), ANY_REQUEST_ID);
		String expected = Fixtures.read("/io/recsbridge/target/delivery-request-cart.json")
			.replace("\"6a3b2f0e-8d1c-4b7a-9e55-2c4f1d0a7b31\"", "\"${json-unit.any-string}\"");
		this.target
			.verify(postRequestedFor(urlPathEqualTo("/rest/v1/delivery")).withRequestBody(equalToJson(expected)));
	}

	@Test
	void nonAsciiCartNamesArriveIntactByPostAndByGetWithoutACharacterEncodingFilter() throws Exception {
		// No character-encoding filter (server.servlet.encoding.enabled is false): the
		// body is read as UTF-8 (Utf8RequestValve), the query string by Tomcat. A Latin-1
		// reading would turn "é" into "Ã©".
		stubTarget(okJson(Fixtures.read(CART_BASED)));
		String name = "Doudoune Alpine \u00e9t\u00e9 \u2013 Gr\u00f6\u00dfe M";

		JsonNode posted = body(this.api.postJson("/v1/recommendations/abandoned-cart",
				"{\"ecid\": \"%s\", \"cartItems\": [{\"id\": \"coat-alpine-01\", \"name\": \"%s\", \"price\": 249.99}]}"
					.formatted(ECID, name)));
		JsonNode got = body(this.api.get("/v1/recommendations/abandoned-cart?ecid=" + ECID
				+ "&cartItems[0].id=coat-alpine-01&cartItems[0].price=249.99&cartItems[0].name="
				+ URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20")));

		assertThat(posted.at("/cart/items/0/name").asText()).isEqualTo(name);
		assertThat(got.at("/cart/items/0/name").asText()).isEqualTo(name);
	}

	@Test
	void maxItemsAndTheUseCaseDefaultCapTheItems() throws Exception {
		stubTarget(okJson(Fixtures.read("/io/recsbridge/target/delivery-response-cart.json")));

		JsonNode two = body(this.api.postJson("/v1/recommendations/abandoned-cart",
				"{\"ecid\": \"%s\", \"maxItems\": 2}".formatted(ECID)));
		JsonNode byDefault = body(
				this.api.postJson("/v1/recommendations/abandoned-cart", "{\"ecid\": \"%s\"}".formatted(ECID)));

		assertThat(two.get("itemCount").asInt()).isEqualTo(2);
		assertThat(two.get("items")).hasSize(2);
		assertThat(byDefault.get("itemCount").asInt()).isEqualTo(4);
	}

	@Test
	void anEcidAmongTheIdentitiesIsUsed() throws Exception {
		stubTarget(okJson(Fixtures.read("/io/recsbridge/target/delivery-response-cart.json")));

		JsonNode payload = body(this.api.postJson("/v1/recommendations/abandoned-cart", """
				{"identities": [{"namespace": "ecid", "id": "%s"}]}""".formatted(ECID)));

		assertThat(payload.get("ecid").asText()).isEqualTo(ECID);
		assertThat(payload.get("hasItems").asBoolean()).isTrue();
	}

	@Test
	void identitiesThatNeedResolutionAreAnsweredAsNotFoundWithoutCallingTarget() throws Exception {
		JsonNode payload = body(this.api.postJson("/v1/recommendations/recently-viewed", """
				{"identities": [{"namespace": "Email", "id": "jane@example.com"}]}"""));

		assertEmpty(payload, "none", "identity-not-found");
		assertThat(payload.get("ecid").asText()).isEmpty();
		assertThat(this.target.getAllServeEvents()).isEmpty();
	}

	@Test
	void aTargetAnswerHoldingCartIdsHasThemDroppedFromTheItems() throws Exception {
		stubTarget(okJson(Fixtures.read("/io/recsbridge/target/delivery-response-cart.json")));

		JsonNode payload = body(this.api.postJson("/v1/recommendations/abandoned-cart", CART_REQUEST));

		assertThat(payload.get("items")).extracting((item) -> item.get("id").asText()).containsExactly("scarf-wool-07");
		assertThat(payload.get("items").get(0).get("rank").asInt()).isEqualTo(1);
		assertThat(payload.get("itemCount").asInt()).isEqualTo(1);
		assertThat(payload.at("/cart/items")).extracting((item) -> item.get("id").asText())
			.containsExactly("coat-alpine-01", "coat-parka-02", "sweat-crew-03");
	}

	@Test
	void everyFieldSentBlankIsReadAsNotSent() throws Exception {
		stubTarget(okJson(Fixtures.read(CART_BASED)));

		HttpResponse<String> response = this.api.postJson("/v1/recommendations/abandoned-cart",
				"""
						{"ecid": "%s", "identities": [{"namespace": "Email", "id": ""}, {"namespace": "", "id": "  "}],
						 "thirdPartyId": "", "cartItemIds": ["coat-alpine-01", "", " "],
						 "cartItems": [{"id": "", "name": "", "imageUrl": "", "productUrl": "", "price": null, "quantity": null},
						               {"id": "coat-parka-02", "name": "", "imageUrl": "", "productUrl": "", "price": "", "quantity": ""}],
						 "excludedIds": [""], "maxItems": "", "locale": "", "currency": "  ",
						 "journeyId": "", "journeyVersionId": "", "actionId": ""}"""
					.formatted(ECID));

		JsonNode payload = body(response);
		assertNoNulls(payload);
		assertThat(payload.get("source").asText()).isEqualTo("target");
		assertThat(payload.at("/cart/items")).extracting((item) -> item.get("id").asText())
			.containsExactly("coat-parka-02", "coat-alpine-01");
		assertThat(payload.at("/cart/items/0/quantity").asInt()).isEqualTo(1);
		assertThat(payload.at("/items/0/currency").asText()).isEqualTo("USD");
		String expected = """
				{"id": {"marketingCloudVisitorId": "%s"}, "execute": {"mboxes": [{"index": 0,
				 "name": "ajo-abandoned-cart", "parameters": {"cartIds": "coat-parka-02,coat-alpine-01",
				 "entity.event.detailsOnly": "true"}}]}}""".formatted(ECID);
		this.target.verify(postRequestedFor(urlPathEqualTo("/rest/v1/delivery"))
			.withRequestBody(equalToJson(expected, true, true)));
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = { "{}", "{\"ecid\": \"\"}", "{\"ecid\": \" \", \"identities\": []}",
			"{\"ecid\": \"\", \"identities\": [{\"namespace\": \"Email\", \"id\": \"\"}], \"thirdPartyId\": \"\"}" })
	void aRequestNamingNobodyIsAnsweredIdentityNotFoundWithItsCart(String identity) throws Exception {
		String request = identity.substring(0, identity.length() - 1) + (identity.equals("{}") ? "" : ", ")
				+ "\"cartItems\": [{\"id\": \"coat-alpine-01\", \"name\": \"Alpine Down Coat\", \"price\": 249.99}]}";

		JsonNode payload = body(this.api.postJson("/v1/recommendations/abandoned-cart", request));

		assertEmpty(payload, "none", "identity-not-found");
		assertThat(payload.at("/cart/hasItems").asBoolean()).isTrue();
		assertThat(payload.at("/cart/items/0/name").asText()).isEqualTo("Alpine Down Coat");
		assertThat(payload.at("/cart/formattedSubtotal").asText()).isEqualTo("$249.99");
		assertThat(this.target.getAllServeEvents()).isEmpty();
	}

	@ParameterizedTest(name = "Target answering HTTP {0} gives {1}")
	@CsvSource({ "500, target-unavailable", "503, target-unavailable", "429, target-unavailable",
			"400, target-rejected", "404, target-rejected" })
	void targetErrorsAreAnsweredWithTheCartNotAnError(int status, String reason) throws Exception {
		stubTarget(aResponse().withStatus(status)
			.withBody("{\"status\": %d, \"message\": \"Bad things\"}".formatted(status)));

		HttpResponse<String> response = this.api.postJson("/v1/recommendations/abandoned-cart", CART_REQUEST);

		assertThat(response.statusCode()).isEqualTo(200);
		assertCartFallback(body(response), reason);
		assertThat(response.body()).doesNotContain("Bad things");
	}

	@Test
	void targetUnreachableIsAnsweredWithTheCart() throws Exception {
		stubTarget(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

		assertCartFallback(body(this.api.postJson("/v1/recommendations/abandoned-cart", CART_REQUEST)),
				"target-unavailable");
	}

	@Test
	void targetAnsweringGarbageIsAnsweredWithTheCart() throws Exception {
		stubTarget(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("<html>oops"));

		assertCartFallback(body(this.api.postJson("/v1/recommendations/abandoned-cart", CART_REQUEST)),
				"target-unavailable");
	}

	@Test
	void anHtmlDesignIsInvalidContent() throws Exception {
		stubTarget(okJson("""
				{"status": 200, "execute": {"mboxes": [{"index": 0, "name": "ajo-abandoned-cart",
				 "options": [{"type": "html", "content": "<div class=\\"recs\\">Alpine Down Coat</div>"}]}]}}"""));

		assertEmpty(body(this.api.postJson("/v1/recommendations/abandoned-cart", CART_REQUEST)), "none",
				"invalid-content");
	}

	@Test
	void noMatchingActivityIsNoRecommendations() throws Exception {
		stubTarget(okJson("""
				{"status": 200, "execute": {"mboxes": [{"index": 0, "name": "ajo-recently-viewed"}]}}"""));

		assertEmpty(
				body(this.api.postJson("/v1/recommendations/recently-viewed", "{\"ecid\": \"%s\"}".formatted(ECID))),
				"none", "no-recommendations");
	}

	private void stubTarget(com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder response) {
		this.target.stubFor(post(urlPathEqualTo("/rest/v1/delivery")).willReturn(response));
	}

	private JsonNode body(HttpResponse<String> response) throws Exception {
		assertThat(response.statusCode()).isEqualTo(200);
		return this.objectMapper.readTree(response.body());
	}

	/**
	 * The abandoned-cart fallback ({@code empty}): no recommendations, and the cart as
	 * sent.
	 */
	private void assertCartFallback(JsonNode payload, String reason) throws Exception {
		assertNoNulls(payload);
		assertThat(payload.get("source").asText()).isEqualTo("fallback");
		assertThat(payload.get("reason").asText()).isEqualTo(reason);
		assertThat(payload.get("hasItems").asBoolean()).isFalse();
		assertThat(payload.get("items")).isEmpty();
		JSONAssert.assertEquals(
				this.objectMapper.readTree(Fixtures.read(here("email-payload-cart.json"))).get("cart").toString(),
				payload.get("cart").toString(), JSONCompareMode.STRICT);
	}

	private void assertEmpty(JsonNode payload, String source, String reason) {
		assertNoNulls(payload);
		assertThat(payload.get("hasItems").asBoolean()).isFalse();
		assertThat(payload.get("itemCount").asInt()).isZero();
		assertThat(payload.get("items")).isEmpty();
		assertThat(payload.get("source").asText()).isEqualTo(source);
		assertThat(payload.get("reason").asText()).isEqualTo(reason);
		assertThat(payload.get("activityId").asText()).isEmpty();
	}

	/**
	 * AJO infers field types from a sample payload: every contract field is there, and no
	 * value anywhere is null.
	 */
	private static void assertNoNulls(JsonNode payload) {
		List<String> fields = new ArrayList<>();
		payload.fieldNames().forEachRemaining(fields::add);
		assertThat(fields).containsExactly("useCase", "ecid", "hasItems", "itemCount", "items", "cart", "source",
				"reason", "activityId", "activityName", "experienceName", "requestId");
		List<JsonNode> pending = new ArrayList<>(List.of(payload));
		while (!pending.isEmpty()) {
			JsonNode node = pending.remove(pending.size() - 1);
			assertThat(node.isNull()).as("null in %s", payload).isFalse();
			if (node.isContainerNode()) {
				Iterator<Map.Entry<String, JsonNode>> children = node.fields();
				node.elements().forEachRemaining(pending::add);
				children.forEachRemaining((child) -> pending.add(child.getValue()));
			}
		}
	}

	private static String here(String name) {
		return "/io/recsbridge/recommendation/" + name;
	}

}

package io.recsbridge.recommendation;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.recsbridge.support.ApiClient;
import io.recsbridge.support.Fixtures;
import io.recsbridge.support.TargetStandIn;
import io.recsbridge.target.Transport;
import io.recsbridge.target.TransportChoice;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.skyscreamer.jsonassert.Customization;
import org.skyscreamer.jsonassert.JSONAssert;
import org.skyscreamer.jsonassert.JSONCompareMode;
import org.skyscreamer.jsonassert.RegularExpressionValueMatcher;
import org.skyscreamer.jsonassert.comparator.CustomComparator;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole application with a datastream and no {@code TARGET_TRANSPORT} (so Edge is the
 * transport by default, as for every Web SDK site) and identity resolution through AEP,
 * against one WireMock standing in for IMS ({@code /ims}), the Identity Service
 * ({@code /data/core}) and the Edge Network ({@code /ee}): a person known by email gets
 * the same email payload as the Delivery API gives for their ECID.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EdgeAndIdentityEndToEndTests {

	private static final String ECID_PHONE = "45781285307713846961427437541683283427";

	private static final String ECID_LAPTOP = "60198375211487623094512786430915527831";

	private static final String INTERACT = "/ee/v2/interact";

	private static final String MEMBERS = "/data/core/identity/cluster/members";

	private static final String JANE_CART = """
			{"identities": [{"namespace": "Email", "id": "jane@example.com"}], "thirdPartyId": "crm-000123",
			 "cartItemIds": ["coat-alpine-01", "coat-parka-02", "sweat-crew-03"],
			 "cartItems": [{"id": "coat-alpine-01", "name": "Alpine Down Coat", "price": 249.99, "quantity": 1,
			                "imageUrl": "/img/coat-alpine-01.jpg", "productUrl": "/p/coat-alpine-01"},
			               {"id": "coat-parka-02", "name": "Harbour Parka", "price": 189.5, "quantity": 2}],
			 "excludedIds": ["sweat-crew-03"], "locale": "en-US", "currency": "USD"}
			""";

	private static final CustomComparator ANY_REQUEST_ID = new CustomComparator(JSONCompareMode.STRICT,
			new Customization("requestId", new RegularExpressionValueMatcher<>("[0-9a-f-]{36}")));

	private static final WireMockServer adobe = new WireMockServer(wireMockConfig().dynamicPort());

	static {
		adobe.start();
	}

	@Autowired
	private ApplicationContext context;

	@Autowired
	private ObjectMapper objectMapper;

	@Autowired
	private MeterRegistry meterRegistry;

	@LocalServerPort
	private int port;

	private ApiClient api;

	@DynamicPropertySource
	static void adobe(DynamicPropertyRegistry registry) {
		registry.add("edge.datastream-id", () -> "ds-7f1c");
		registry.add("edge.base-url", adobe::baseUrl);
		registry.add("edge.sandbox-name", () -> "prod");
		registry.add("edge.third-party-id-namespace", () -> "CRMID");
		registry.add("adobe.ims.client-id", () -> "recs-bridge-client");
		registry.add("adobe.ims.client-secret", () -> "s3cr3t");
		registry.add("adobe.ims.org-id", () -> "53A16ACB5CC1D3760A495C99@AdobeOrg");
		registry.add("adobe.ims.token-url", () -> adobe.baseUrl() + "/ims/token/v3");
		registry.add("aep.identity.base-url", () -> adobe.baseUrl() + "/data/core");
		registry.add("aep.identity.timeout", () -> "2s");
		registry.add("aep.sandbox-name", () -> "prod");
		registry.add("target.timeout", () -> "2s");
		registry.add("bridge.deadline", () -> "5s");
		registry.add("bridge.api-keys", () -> TargetStandIn.API_KEY);
		registry.add("bridge.catalog.image-base-url", () -> "https://cdn.example.com");
		registry.add("bridge.catalog.product-base-url", () -> "https://shop.example.com");
	}

	@AfterAll
	static void stopAdobe() {
		adobe.stop();
	}

	@BeforeEach
	void reset() {
		this.api = new ApiClient(this.port);
		adobe.resetAll();
		RecommendationState.reset(this.context);
		adobe.stubFor(post(urlPathEqualTo("/ims/token/v3"))
			.willReturn(okJson("{\"access_token\": \"token-1\", \"token_type\": \"bearer\", \"expires_in\": 86399}")));
	}

	@Test
	void anEmailResolvedToOneEcidGetsTheSameEmailPayloadThroughEdgeAsThroughDelivery() throws Exception {
		stubMembers(ECID_PHONE);
		adobe.stubFor(post(urlPathEqualTo(INTERACT))
			.willReturn(okJson(Fixtures.read("/io/recsbridge/target/edge-response-cart-based.json"))));

		double resolved = emailsResolved();

		HttpResponse<String> response = this.api.postJson("/v1/recommendations/abandoned-cart", JANE_CART);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(this.context.getBean(TransportChoice.class))
			.isEqualTo(new TransportChoice(Transport.EDGE, "EDGE_DATASTREAM_ID is set and TARGET_TRANSPORT is not"));
		JSONAssert.assertEquals(Fixtures.read("/io/recsbridge/recommendation/email-payload-cart.json"), response.body(),
				ANY_REQUEST_ID);
		String expected = Fixtures.read("/io/recsbridge/target/edge-request-cart.json")
			.replace("\"2025-11-20T08:00:00Z\"", "\"${json-unit.any-string}\"");
		adobe.verify(postRequestedFor(urlPathEqualTo(INTERACT)).withQueryParam("dataStreamId", equalTo("ds-7f1c"))
			.withHeader("Authorization", equalTo("Bearer token-1"))
			.withHeader("x-sandbox-name", equalTo("prod"))
			.withRequestBody(equalToJson(expected)));
		assertThat(emailsResolved()).isEqualTo(resolved + 1);
		assertThat(this.meterRegistry.get("recs.bridge.target.calls").tags("transport", "edge").timer().count())
			.isPositive();
	}

	@Test
	void aPersonWithTwoDevicesGetsBothDevicesItemsInterleavedByRank() throws Exception {
		stubMembers(ECID_PHONE, ECID_LAPTOP);
		adobe.stubFor(post(urlPathEqualTo(INTERACT)).withRequestBody(containing(ECID_PHONE))
			.willReturn(okJson(Fixtures.read("/io/recsbridge/target/edge-response-cart-based.json"))));
		adobe.stubFor(post(urlPathEqualTo(INTERACT)).withRequestBody(containing(ECID_LAPTOP))
			.willReturn(
					okJson("""
							{"requestId": "r-2", "handle": [{"type": "personalization:decisions", "payload": [
							  {"scope": "ajo-abandoned-cart", "scopeDetails": {"activity": {"id": "302740"}},
							   "items": [{"schema": "https://ns.adobe.com/personalization/json-content-item",
							     "data": {"format": "application/json", "content": {"items": [
							       {"id": "boot-chelsea-02", "name": "Chelsea Boot", "pageUrl": "/p/boot-chelsea-02", "value": "120"},
							       {"id": "scarf-wool-07", "name": "Merino Scarf", "pageUrl": "/p/scarf-wool-07", "value": "35"},
							       {"id": "knit-merino-01", "name": "Merino Knit", "pageUrl": "/p/knit-merino-01", "value": "89"}]}}}]}]}]}
							""")));

		JsonNode payload = this.objectMapper
			.readTree(this.api.postJson("/v1/recommendations/abandoned-cart", JANE_CART).body());

		assertThat(payload.get("source").asText()).isEqualTo("target");
		assertThat(payload.get("ecid").asText()).isEqualTo(ECID_PHONE);
		List<String> ids = new ArrayList<>();
		List<Integer> ranks = new ArrayList<>();
		payload.get("items").forEach((item) -> {
			ids.add(item.get("id").asText());
			ranks.add(item.get("rank").asInt());
		});
		assertThat(ids).containsExactly("scarf-wool-07", "boot-chelsea-02", "knit-merino-01", "beanie-rib-04");
		assertThat(ranks).containsExactly(1, 2, 3, 4);
		adobe.verify(2, postRequestedFor(urlPathEqualTo(INTERACT)));
	}

	@Test
	void oneDeviceFailingTheOthersItemsAreServed() throws Exception {
		stubMembers(ECID_PHONE, ECID_LAPTOP);
		adobe.stubFor(post(urlPathEqualTo(INTERACT)).withRequestBody(containing(ECID_PHONE))
			.willReturn(aResponse().withStatus(503)));
		adobe.stubFor(post(urlPathEqualTo(INTERACT)).withRequestBody(containing(ECID_LAPTOP))
			.willReturn(okJson(Fixtures.read("/io/recsbridge/target/edge-response-cart-based.json"))));

		JsonNode payload = this.objectMapper
			.readTree(this.api.postJson("/v1/recommendations/abandoned-cart", JANE_CART).body());

		assertThat(payload.get("source").asText()).isEqualTo("target");
		assertThat(payload.get("reason").asText()).isEmpty();
		assertThat(payload.get("ecid").asText()).isEqualTo(ECID_PHONE);
		// The laptop's items alone, as a person with that one device would get them.
		JsonNode alone = this.objectMapper
			.readTree(Fixtures.read("/io/recsbridge/recommendation/email-payload-cart.json"));
		assertThat(payload.get("items")).isEqualTo(alone.get("items"));
		assertThat(payload.get("activityId").asText()).isEqualTo("302740");
	}

	@Test
	void anEmailWithNoEcidIsAnsweredIdentityNotFoundWithoutCallingTarget() throws Exception {
		adobe.stubFor(get(urlPathEqualTo(MEMBERS)).willReturn(aResponse().withStatus(404)));

		HttpResponse<String> response = this.api.postJson("/v1/recommendations/abandoned-cart", JANE_CART);

		JsonNode payload = this.objectMapper.readTree(response.body());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(payload.get("hasItems").asBoolean()).isFalse();
		assertThat(payload.get("source").asText()).isEqualTo("none");
		assertThat(payload.get("reason").asText()).isEqualTo("identity-not-found");
		adobe.verify(0, postRequestedFor(urlPathEqualTo(INTERACT)));
	}

	@Test
	void edgeFailingForEveryDeviceServesTheFallback() throws Exception {
		stubMembers(ECID_PHONE, ECID_LAPTOP);
		adobe.stubFor(post(urlPathEqualTo(INTERACT)).willReturn(aResponse().withStatus(400)
			.withHeader("Content-Type", "application/problem+json")
			.withBody("{\"title\": \"Invalid datastream\", \"detail\": \"jane@example.com\"}")));

		HttpResponse<String> response = this.api.postJson("/v1/recommendations/abandoned-cart", JANE_CART);

		JsonNode payload = this.objectMapper.readTree(response.body());
		assertThat(payload.get("source").asText()).isEqualTo("fallback");
		assertThat(payload.get("reason").asText()).isEqualTo("target-rejected");
		assertThat(response.body()).doesNotContain("Invalid datastream", "jane@example.com");
	}

	@Test
	void aPreviewThroughEdgeShowsTheRequestSentAndNoCredential() throws Exception {
		stubMembers(ECID_PHONE);
		adobe.stubFor(post(urlPathEqualTo(INTERACT))
			.willReturn(okJson(Fixtures.read("/io/recsbridge/target/edge-response-cart.json"))));

		HttpResponse<String> response = this.api.postJson("/v1/recommendations/abandoned-cart/preview", JANE_CART);

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode explain = this.objectMapper.readTree(response.body()).get("explain");
		assertThat(explain.at("/identities/given/0/id").asText()).isEqualTo("jane@example.com");
		assertThat(explain.at("/identities/ecids/0").asText()).isEqualTo(ECID_PHONE);
		JsonNode attempt = explain.at("/visits/0/target/attempts/0");
		assertThat(attempt.get("url").asText()).isEqualTo(adobe.baseUrl() + INTERACT + "?dataStreamId=ds-7f1c");
		assertThat(attempt.get("status").asInt()).isEqualTo(200);
		assertThat(attempt.at("/body/event/xdm/identityMap/ECID/0/id").asText()).isEqualTo(ECID_PHONE);
		assertThat(attempt.at("/body/query/personalization/decisionScopes/0").asText()).isEqualTo("ajo-abandoned-cart");
		assertThat(explain.at("/visits/0/target/activityId").asText()).isEqualTo("302740");
		assertThat(response.body()).doesNotContain("token-1", "s3cr3t", "recs-bridge-client", TargetStandIn.API_KEY,
				"Bearer", "x-api-key", "x-gw-ims-org-id");
	}

	/** Counted across the tests of the shared context, so read as a difference. */
	private double emailsResolved() {
		var counter = this.meterRegistry.find("recs.bridge.identity.resolutions")
			.tags("namespace", "Email", "outcome", "found")
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	private static void stubMembers(String... ecids) {
		StringBuilder members = new StringBuilder("{\"nsid\": 6, \"id\": \"jane@example.com\"}");
		for (String ecid : ecids) {
			members.append(", {\"nsid\": 4, \"id\": \"").append(ecid).append("\"}");
		}
		adobe.stubFor(get(urlPathEqualTo(MEMBERS)).withQueryParam("ns", equalTo("Email"))
			.withQueryParam("id", equalTo("jane@example.com"))
			.withHeader("Authorization", equalTo("Bearer token-1"))
			.willReturn(okJson("{\"version\": 1, \"clusters\": [{\"xid\": \"A2Ja8\", \"members\": [" + members
					+ "]}], \"unprocessedXids\": [], \"unprocessedNids\": []}")));
	}

}

package io.recsbridge.catalog;

import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.micrometer.core.instrument.MeterRegistry;
import io.recsbridge.support.BridgeAgainstTargetStandIn;
import io.recsbridge.support.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Cart lines completed from Target's catalog over real HTTP: WireMock plays Target, and
 * Adobe's gateway with IMS and the Recommendations API's Get Entity.
 */
class CartCatalogTests extends BridgeAgainstTargetStandIn {

	private static final String ENTITIES = "/acme/target/recs/entities/";

	/** The coat by id alone, as AJO's event often carries it; the sweatshirt named. */
	private static final String CART = """
			{"ecid": "%s", "cartItemIds": ["coat-alpine-01"],
			 "cartItems": [{"id": "sweat-crew-03", "name": "Crew Sweatshirt (AJO)", "quantity": 2}]}""";

	/** Answered within the deadline, with the margin a loaded two-core machine needs. */
	private static final Duration ANSWERED_WITHIN = Duration.ofMillis(700 + 300);

	private static final WireMockServer adobe = new WireMockServer(wireMockConfig().dynamicPort());

	static {
		adobe.start();
	}

	@Autowired
	private MeterRegistry meterRegistry;

	private int visitor;

	@DynamicPropertySource
	static void catalog(DynamicPropertyRegistry registry) {
		registry.add("target.tenant-id", () -> "acme");
		registry.add("target.admin-base-url", adobe::baseUrl);
		registry.add("adobe.ims.client-id", () -> "recs-bridge-client");
		registry.add("adobe.ims.client-secret", () -> "s3cr3t");
		registry.add("adobe.ims.org-id", () -> "53A16ACB5CC1D3760A495C99@AdobeOrg");
		registry.add("adobe.ims.token-url", () -> adobe.baseUrl() + "/ims/token/v3");
	}

	@AfterAll
	static void stopAdobe() {
		adobe.stop();
	}

	@BeforeEach
	void stubAdobe() {
		adobe.resetAll();
		adobe.stubFor(post(urlPathEqualTo("/ims/token/v3"))
			.willReturn(okJson("{\"access_token\": \"token-1\", \"token_type\": \"bearer\", \"expires_in\": 86399}")));
		this.target.stubFor(post(urlPathEqualTo("/rest/v1/delivery"))
			.willReturn(okJson(Fixtures.read("/io/recsbridge/target/delivery-response-cart-based.json"))));
	}

	@Test
	void aLineSentAsAnIdIsCompletedFromGetEntityAndWhatAjoSentWinsFieldByField() throws Exception {
		stubEntity("coat-alpine-01", okJson(fixture("coat-alpine-01")));
		stubEntity("sweat-crew-03", okJson(fixture("sweat-crew-03")));

		JsonNode cart = cart(answer());

		JsonNode named = cart.get("items").get(0);
		assertThat(named.get("id").asText()).isEqualTo("sweat-crew-03");
		assertThat(named.get("name").asText()).isEqualTo("Crew Sweatshirt (AJO)");
		assertThat(named.get("brand").asText()).isEqualTo("Loom");
		assertThat(named.get("formattedPrice").asText()).isEqualTo("$59.50");
		assertThat(named.get("quantity").asInt()).isEqualTo(2);
		assertThat(named.get("inStock").asBoolean()).isFalse();
		JsonNode byId = cart.get("items").get(1);
		assertThat(byId.get("name").asText()).isEqualTo("Alpine Down Coat");
		assertThat(byId.get("imageUrl").asText()).isEqualTo("https://cdn.example.com/img/coat-alpine-01.jpg");
		assertThat(byId.get("productUrl").asText()).isEqualTo(
				"https://shop.example.com/p/coat-alpine-01?utm_source=ajo&utm_medium=email&utm_campaign=abandoned-cart");
		assertThat(byId.get("formattedPrice").asText()).isEqualTo("$249.00");
		assertThat(byId.get("category").asText()).isEqualTo("Coats");
		assertThat(byId.get("inStock").asBoolean()).isTrue();
		assertThat(byId.at("/attributes/salePrice").asText()).isEqualTo("229");
		assertThat(byId.at("/attributes/rating").asText()).isEqualTo("4.8");
		assertThat(cart.get("formattedSubtotal").asText()).isEqualTo("$368.00");
		adobe.verify(getRequestedFor(urlPathEqualTo(ENTITIES + "coat-alpine-01"))
			.withQueryParam("environmentId", equalTo("4421"))
			.withHeader("Authorization", equalTo("Bearer token-1"))
			.withHeader("x-api-key", equalTo("recs-bridge-client")));
	}

	@Test
	void twoShoppersWithTheSameProductsCostOneLookupPerProduct() throws Exception {
		stubEntity("coat-alpine-01", okJson(fixture("coat-alpine-01")));
		stubEntity("sweat-crew-03", okJson(fixture("sweat-crew-03")));
		double before = calls("found");

		JsonNode first = cart(answer());
		JsonNode second = cart(answer());

		assertThat(second).isEqualTo(first);
		adobe.verify(1, getRequestedFor(urlPathEqualTo(ENTITIES + "coat-alpine-01")));
		adobe.verify(1, getRequestedFor(urlPathEqualTo(ENTITIES + "sweat-crew-03")));
		assertThat(calls("found")).isEqualTo(before + 2);
	}

	@Test
	void aSlowCatalogNeverDelaysTheAnswerAndFillsTheCacheForTheNextOne() throws Exception {
		stubEntity("coat-alpine-01", okJson(fixture("coat-alpine-01")).withFixedDelay(1_500));
		stubEntity("sweat-crew-03", okJson(fixture("sweat-crew-03")));

		long started = System.nanoTime();
		JsonNode payload = answer();
		Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

		assertThat(elapsed).isLessThan(ANSWERED_WITHIN);
		assertThat(payload.get("source").asText()).isEqualTo("target");
		assertThat(cart(payload).at("/items/1/id").asText()).isEqualTo("coat-alpine-01");
		assertThat(cart(payload).at("/items/1/name").asText()).isEmpty();
		await().atMost(Duration.ofSeconds(5))
			.until(() -> cart(answer()).at("/items/1/name").asText().equals("Alpine Down Coat"));
		adobe.verify(1, getRequestedFor(urlPathEqualTo(ENTITIES + "coat-alpine-01")));
	}

	@Test
	void aFailingCatalogLeavesTheLineAsSentAndIsAskedAgain() throws Exception {
		stubEntity("coat-alpine-01", aResponse().withStatus(503));
		stubEntity("sweat-crew-03", aResponse().withStatus(503));
		double before = calls("error");

		JsonNode first = cart(answer());
		cart(answer());

		assertThat(first.at("/items/0/name").asText()).isEqualTo("Crew Sweatshirt (AJO)");
		assertThat(first.at("/items/1/id").asText()).isEqualTo("coat-alpine-01");
		assertThat(first.at("/items/1/imageUrl").asText()).isEmpty();
		adobe.verify(2, getRequestedFor(urlPathEqualTo(ENTITIES + "coat-alpine-01")));
		assertThat(calls("error")).isEqualTo(before + 4);
	}

	@Test
	void anEntityTheCatalogLacksIsRememberedAsAbsent() throws Exception {
		stubEntity("coat-alpine-01", aResponse().withStatus(404));
		stubEntity("sweat-crew-03", aResponse().withStatus(404));

		JsonNode first = cart(answer());
		cart(answer());

		assertThat(first.get("itemCount").asInt()).isEqualTo(2);
		assertThat(first.at("/items/1/name").asText()).isEmpty();
		assertThat(first.at("/items/1/inStock").asBoolean()).isTrue();
		adobe.verify(1, getRequestedFor(urlPathEqualTo(ENTITIES + "coat-alpine-01")));
	}

	@Test
	void withTargetDownTheCartIsStillAnsweredFromTheCatalog() throws Exception {
		this.target.stubFor(post(urlPathEqualTo("/rest/v1/delivery")).willReturn(aResponse().withStatus(503)));
		stubEntity("coat-alpine-01", okJson(fixture("coat-alpine-01")));
		stubEntity("sweat-crew-03", okJson(fixture("sweat-crew-03")));

		JsonNode payload = answer();

		assertThat(payload.get("source").asText()).isEqualTo("fallback");
		assertThat(payload.get("items")).isEmpty();
		assertThat(cart(payload).at("/items/1/name").asText()).isEqualTo("Alpine Down Coat");
	}

	private JsonNode answer() throws Exception {
		String body = CART.formatted("%038d".formatted(55_000 + this.visitor++));
		HttpResponse<String> response = this.api.postJson("/v1/recommendations/abandoned-cart", body);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return this.objectMapper.readTree(response.body());
	}

	private static JsonNode cart(JsonNode payload) {
		return payload.get("cart");
	}

	private static void stubEntity(String id, ResponseDefinitionBuilder response) {
		adobe.stubFor(get(urlPathEqualTo(ENTITIES + id)).willReturn(response));
	}

	private static String fixture(String id) {
		return Fixtures.read("/io/recsbridge/catalog/get-entity-" + id + ".json");
	}

	private double calls(String outcome) {
		var timer = this.meterRegistry.find("recs.bridge.catalog.calls").tag("outcome", outcome).timer();
		return (timer != null) ? timer.count() : 0;
	}

}

package io.recsbridge.target;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.recsbridge.ims.AdobeApis;
import io.recsbridge.ims.ImsTokens;
import io.recsbridge.support.AdobeImsStandIn;
import io.recsbridge.support.BoundProperties;
import io.recsbridge.support.Fixtures;
import io.recsbridge.target.TargetCallException.Failure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.web.client.RestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The Edge transport over real HTTP against WireMock stand-ins for the Edge Network and
 * IMS (path prefixes {@code /ee} and {@code /ims}): the request field by field, the
 * decisions read back, and which failures Adobe lets callers retry.
 */
@ExtendWith(OutputCaptureExtension.class)
class EdgeTransportTests {

	private static final String ECID = "45781285307713846961427437541683283427";

	private static final String REQUEST_ID = "6a3b2f0e-8d1c-4b7a-9e55-2c4f1d0a7b31";

	private static final String INTERACT = "/ee/v2/interact";

	private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-11-20T08:00:00Z"), ZoneOffset.UTC);

	@RegisterExtension
	static WireMockExtension adobe = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private final SimpleMeterRegistry meterRegistry = new SimpleMeterRegistry();

	@Test
	void executeSendsOneEventForTheVisitorWithTargetsParametersAndTheMboxAsDecisionScope() {
		AdobeImsStandIn.stubToken(adobe, "token-1");
		adobe.stubFor(post(urlPathEqualTo(INTERACT)).willReturn(okJson(fixture("edge-response-cart.json"))));

		transport("prod").execute(cartQuery());

		adobe.verify(postRequestedFor(urlPathEqualTo(INTERACT)).withQueryParam("dataStreamId", equalTo("ds-7f1c"))
			.withHeader("Authorization", equalTo("Bearer token-1"))
			.withHeader("x-api-key", equalTo("recs-bridge-client"))
			.withHeader("x-gw-ims-org-id", equalTo(AdobeImsStandIn.ORG_ID))
			.withHeader("x-sandbox-name", equalTo("prod"))
			.withHeader("x-request-id", equalTo(REQUEST_ID))
			.withHeader("Content-Type", equalTo("application/json"))
			.withRequestBody(equalToJson(fixture("edge-request-cart.json"))));
	}

	/**
	 * Adobe's Edge Network spec ({@code SingleEventRequest}):
	 * {@code event.xdm.identityMap} maps a namespace code to identity items
	 * {@code {id (required), authenticatedState (ambiguous, authenticated or loggedOut),
	 * primary}}. The ECID is the device's id, so ambiguous and primary; the third-party
	 * id is a known customer, so authenticated, under the namespace the datastream's
	 * Target settings name.
	 */
	@Test
	void theIdentityMapCarriesTheEcidPrimaryAndTheThirdPartyIdAuthenticatedUnderTheConfiguredNamespace() {
		AdobeImsStandIn.stubToken(adobe, "token-1");
		adobe.stubFor(post(urlPathEqualTo(INTERACT)).willReturn(okJson("{\"requestId\": \"r\", \"handle\": []}")));

		transport("prod").execute(cartQuery());

		adobe.verify(postRequestedFor(urlPathEqualTo(INTERACT)).withRequestBody(equalToJson("""
				{"event": {"xdm": {"identityMap": {
				  "ECID": [{"id": "%s", "authenticatedState": "ambiguous", "primary": true}],
				  "CRMID": [{"id": "crm-000123", "authenticatedState": "authenticated", "primary": false}]}}}}
				""".formatted(ECID), false, true)));
		assertThat(adobe.getAllServeEvents()
			.stream()
			.filter((event) -> event.getRequest().getUrl().startsWith(INTERACT))
			.map((event) -> event.getRequest().getBodyAsString()))
			.singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
			.doesNotContain("mbox3rdPartyId");
	}

	@Test
	void withoutANamespaceNoThirdPartyIdIsSentAndTheLogSaysWhatToSetOnce(CapturedOutput output) {
		AdobeImsStandIn.stubToken(adobe, "token-1");
		adobe.stubFor(post(urlPathEqualTo(INTERACT)).willReturn(okJson("{\"requestId\": \"r\", \"handle\": []}")));
		EdgeTransport transport = new EdgeTransport(AdobeApis.restClient(RestClient.builder(), Duration.ofSeconds(5)),
				edgeProperties("prod", null), connection(edgeProperties("prod", null), AdobeImsStandIn.tokens(adobe)),
				this.meterRegistry, CLOCK);

		transport.execute(cartQuery());
		transport.execute(cartQuery());

		adobe.verify(2, postRequestedFor(urlPathEqualTo(INTERACT)).withRequestBody(equalToJson("""
				{"event": {"xdm": {"identityMap": {
				  "ECID": [{"id": "%s", "authenticatedState": "ambiguous", "primary": true}]}}}}
				""".formatted(ECID), false, true)));
		assertThat(adobe.getAllServeEvents())
			.allSatisfy((event) -> assertThat(event.getRequest().getBodyAsString()).doesNotContain("crm-000123"));
		assertThat(output.getOut().lines().filter((line) -> line.contains("EDGE_THIRD_PARTY_ID_NAMESPACE"))).hasSize(1);
	}

	@Test
	void executeLeavesOutTheSandboxHeaderAndUnsetParameters() {
		AdobeImsStandIn.stubToken(adobe, "token-1");
		adobe.stubFor(post(urlPathEqualTo(INTERACT)).willReturn(okJson("{\"requestId\": \"r\", \"handle\": []}")));

		TargetDecision decision = transport(null)
			.execute(new TargetQuery(REQUEST_ID, ECID, null, "ajo-recently-viewed", List.of(), List.of()));

		assertThat(decision.options()).isEmpty();
		adobe.verify(postRequestedFor(urlPathEqualTo(INTERACT)).withHeader("x-sandbox-name", absent())
			.withRequestBody(equalToJson("""
					{"event": {"data": {"__adobe": {"target": {"entity.event.detailsOnly": "true"}}}},
					 "query": {"personalization": {"decisionScopes": ["ajo-recently-viewed"]}}}
					""", true, true)));
	}

	@Test
	void executeReadsTheScopesDecisionsLikeADeliveryOption() {
		AdobeImsStandIn.stubToken(adobe, "token-1");
		adobe.stubFor(post(urlPathEqualTo(INTERACT)).willReturn(okJson(fixture("edge-response-cart.json"))));

		TargetDecision decision = transport("prod").execute(cartQuery());

		assertThat(decision.options()).singleElement().satisfies((option) -> {
			assertThat(option.type()).isEqualTo("json");
			assertThat(option.content().path("items").get(0).path("id").asText()).isEqualTo("coat-alpine-01");
			assertThat(option.responseTokens()).containsEntry("activity.id", "302740")
				.containsEntry("activity.name", "Email - abandoned cart")
				.containsEntry("experience.id", "0")
				.containsEntry("experience.name", "Experience A")
				.containsEntry("profile.categoryAffinities", "coats,sweatshirts");
		});
		assertThat(this.meterRegistry.get("recs.bridge.target.calls")
			.tags("transport", "edge", "outcome", "success")
			.timer()
			.count()).isEqualTo(1);
	}

	@Test
	void theSameRecommendationsReadFromDeliveryAndEdgeAreTheSameDecision() throws Exception {
		com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
		DeliveryResponse.Option delivery = json
			.readValue(fixture("delivery-response-cart.json"), DeliveryResponse.class)
			.execute()
			.mboxes()
			.get(0)
			.options()
			.get(0);
		TargetOption edge = EdgeTransport
			.decisionFor(json.readValue(fixture("edge-response-cart.json"), EdgeResponse.class), "ajo-abandoned-cart")
			.options()
			.get(0);

		assertThat(edge.type()).isEqualTo(delivery.type());
		assertThat(edge.content()).isEqualTo(json.readTree(delivery.content().asText()));
		assertThat(edge.responseTokens()).containsAllEntriesOf(Map.of("activity.id", "302740", "activity.name",
				"Email - abandoned cart", "experience.name", "Experience A"));
	}

	@Test
	void anHtmlItemIsReadAsAnHtmlOption() throws Exception {
		EdgeResponse response = new com.fasterxml.jackson.databind.ObjectMapper().readValue("""
				{"handle": [{"type": "personalization:decisions", "payload": [{"scope": "m", "items": [
				  {"schema": "https://ns.adobe.com/personalization/html-content-item",
				   "data": {"format": "text/html", "content": "<ul><li>coat</li></ul>"}},
				  {"schema": "https://ns.adobe.com/personalization/html-content-item",
				   "data": {"content": "<p/>"}},
				  {"schema": "https://ns.adobe.com/personalization/dom-action", "data": {"content": "x"}},
				  {"schema": "https://ns.adobe.com/personalization/json-content-item", "data": {"content": []}}]}]}]}
				""", EdgeResponse.class);

		assertThat(EdgeTransport.decisionFor(response, "m").options()).extracting(TargetOption::type)
			.containsExactly("html", "html", "", "json");
	}

	@Test
	void anUpstream401FetchesANewTokenOnceAndCallsAgain() {
		AdobeImsStandIn.stubToken(adobe, "token-1");
		adobe.stubFor(post(urlPathEqualTo(INTERACT)).withHeader("Authorization", equalTo("Bearer token-1"))
			.willReturn(aResponse().withStatus(401)));
		ImsTokens tokens = AdobeImsStandIn.tokens(adobe);
		tokens.token();
		EdgeTransport transport = new EdgeTransport(AdobeApis.restClient(RestClient.builder(), Duration.ofSeconds(5)),
				edgeProperties("prod"), connection(edgeProperties("prod"), tokens), this.meterRegistry, CLOCK);
		adobe.stubFor(post(urlPathEqualTo(AdobeImsStandIn.TOKEN)).willReturn(AdobeImsStandIn.tokenResponse("token-2")));
		adobe.stubFor(post(urlPathEqualTo(INTERACT)).withHeader("Authorization", equalTo("Bearer token-2"))
			.willReturn(okJson(fixture("edge-response-cart.json"))));

		assertThat(transport.execute(cartQuery()).options()).hasSize(1);
		adobe.verify(2, postRequestedFor(urlPathEqualTo(INTERACT)));
		adobe.verify(2, postRequestedFor(urlPathEqualTo(AdobeImsStandIn.TOKEN)));
	}

	@Test
	void aSecond401IsARejection() {
		AdobeImsStandIn.stubToken(adobe, "token-1");
		adobe.stubFor(post(urlPathEqualTo(INTERACT)).willReturn(aResponse().withStatus(401)));

		assertThatExceptionOfType(TargetCallException.class).isThrownBy(() -> transport("prod").execute(cartQuery()))
			.satisfies((ex) -> {
				assertThat(ex.failure()).isEqualTo(Failure.REJECTED);
				assertThat(ex.retryable()).isFalse();
			});
	}

	@Test
	void noTokenFromImsIsAFailureThatIsNotRetried() {
		adobe.stubFor(post(urlPathEqualTo(AdobeImsStandIn.TOKEN))
			.willReturn(aResponse().withStatus(400).withBody("bad client")));

		assertThatExceptionOfType(TargetCallException.class).isThrownBy(() -> transport("prod").execute(cartQuery()))
			.satisfies((ex) -> {
				assertThat(ex.failure()).isEqualTo(Failure.REJECTED);
				assertThat(ex.retryable()).isFalse();
				assertThat(ex.getMessage()).doesNotContain("bad client", "s3cr3t");
			});
		adobe.verify(0, postRequestedFor(urlPathEqualTo(INTERACT)));
	}

	@ParameterizedTest(name = "HTTP {0} is {1}, retryable: {2}")
	@CsvSource({ "400, REJECTED, false", "403, REJECTED, false", "404, REJECTED, false", "429, THROTTLED, true",
			"500, SERVER_ERROR, false", "501, SERVER_ERROR, false", "502, SERVER_ERROR, true",
			"503, SERVER_ERROR, true", "504, SERVER_ERROR, true" })
	void onlyTheStatusesAdobeNamesAreRetryableAndProblemBodiesAreNeverEchoed(int status, Failure failure,
			boolean retryable) {
		AdobeImsStandIn.stubToken(adobe, "token-1");
		adobe.stubFor(post(urlPathEqualTo(INTERACT)).willReturn(aResponse().withStatus(status)
			.withHeader("Content-Type", "application/problem+json")
			.withHeader("Retry-After", "2")
			.withBody("{\"type\": \"https://ns.adobe.com/aep/errors/EXEG-0003-400\", \"title\": \"Invalid\", "
					+ "\"detail\": \"echo " + ECID + "\"}")));

		assertThatExceptionOfType(TargetCallException.class).isThrownBy(() -> transport("prod").execute(cartQuery()))
			.satisfies((ex) -> {
				assertThat(ex.failure()).isEqualTo(failure);
				assertThat(ex.retryable()).isEqualTo(retryable);
				assertThat(new RetryableTargetFailure().test(ex)).isEqualTo(retryable);
				assertThat(ex).hasMessage("The Edge Network answered HTTP " + status).hasNoCause();
				if (status == 429) {
					assertThat(ex.retryAfter()).isEqualTo(Duration.ofSeconds(2));
				}
			});
	}

	@Test
	void connectionFailuresTimeoutsAndGarbageAreNotRetried() {
		AdobeImsStandIn.stubToken(adobe, "token-1");
		adobe.stubFor(post(urlPathEqualTo(INTERACT)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
		assertFailure(transport("prod"), Failure.UNREACHABLE);
		adobe.stubFor(post(urlPathEqualTo(INTERACT)).willReturn(okJson("{\"handle\": [")));
		assertFailure(transport("prod"), Failure.INVALID_RESPONSE);
		adobe.stubFor(post(urlPathEqualTo(INTERACT)).willReturn(aResponse().withStatus(200)));
		assertFailure(transport("prod"), Failure.INVALID_RESPONSE);
		adobe.stubFor(post(urlPathEqualTo(INTERACT)).willReturn(aResponse().withStatus(304)));
		assertFailure(transport("prod"), Failure.INVALID_RESPONSE);
		adobe.stubFor(post(urlPathEqualTo(INTERACT)).willReturn(okJson("{}").withFixedDelay(1_000)));
		assertFailure(new EdgeTransport(AdobeApis.restClient(RestClient.builder(), Duration.ofMillis(200)),
				edgeProperties("prod"), connection(edgeProperties("prod"), AdobeImsStandIn.tokens(adobe)),
				this.meterRegistry, CLOCK), Failure.TIMEOUT);
	}

	private static void assertFailure(EdgeTransport transport, Failure failure) {
		assertThatExceptionOfType(TargetCallException.class).isThrownBy(() -> transport.execute(cartQuery()))
			.satisfies((ex) -> {
				assertThat(ex.failure()).isEqualTo(failure);
				assertThat(ex.retryable()).isFalse();
			});
	}

	private EdgeTransport transport(String sandboxName) {
		return new EdgeTransport(AdobeApis.restClient(RestClient.builder(), Duration.ofSeconds(5)),
				edgeProperties(sandboxName), connection(edgeProperties(sandboxName), AdobeImsStandIn.tokens(adobe)),
				this.meterRegistry, CLOCK);
	}

	private static EdgeConnection connection(EdgeProperties properties, ImsTokens tokens) {
		return new EdgeConnection(properties, AdobeImsStandIn.credential(adobe), tokens);
	}

	private static EdgeProperties edgeProperties(String sandboxName) {
		return edgeProperties(sandboxName, "CRMID");
	}

	private static EdgeProperties edgeProperties(String sandboxName, String thirdPartyIdNamespace) {
		Map<String, String> values = new java.util.HashMap<>(
				Map.of("datastream-id", "ds-7f1c", "base-url", adobe.baseUrl()));
		if (thirdPartyIdNamespace != null) {
			values.put("third-party-id-namespace", thirdPartyIdNamespace);
		}
		if (sandboxName != null) {
			values.put("sandbox-name", sandboxName);
		}
		return BoundProperties.bind("edge", EdgeProperties.class, values);
	}

	private static TargetQuery cartQuery() {
		return new TargetQuery(REQUEST_ID, ECID, "crm-000123", "ajo-abandoned-cart",
				List.of("coat-alpine-01", "coat-parka-02", "sweat-crew-03"), List.of("sweat-crew-03"));
	}

	private static String fixture(String name) {
		return Fixtures.read("/io/recsbridge/target/" + name);
	}

}

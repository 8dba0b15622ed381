package io.recsbridge.target;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.recsbridge.support.BoundProperties;
import io.recsbridge.system.OutboundHttp;
import io.recsbridge.target.TargetCallException.Failure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.web.client.RestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The Delivery transport over real HTTP against a WireMock Target: the exact request it
 * sends, what it reads back, and how each failure is classified.
 */
class DeliveryTransportTests {

	private static final String ECID = "45781285307713846961427437541683283427";

	/**
	 * For tests that are not about timeouts: a cold JVM's first call on a loaded machine
	 * can take longer than production's 500 ms.
	 */
	private static final Duration RELAXED_TIMEOUT = Duration.ofSeconds(5);

	private static final String REQUEST_ID = "6a3b2f0e-8d1c-4b7a-9e55-2c4f1d0a7b31";

	@RegisterExtension
	static WireMockExtension target = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private final SimpleMeterRegistry meterRegistry = new SimpleMeterRegistry();

	private final LocationHints locationHints = new LocationHints(100);

	@Test
	void executeSendsOneExecuteMboxWithTheVisitorAndRecommendationsParameters() throws IOException {
		target.stubFor(
				post(urlPathEqualTo("/rest/v1/delivery")).willReturn(okJson(fixture("delivery-response-cart.json"))));

		transport(RELAXED_TIMEOUT).execute(cartQuery());

		target.verify(postRequestedFor(urlPathEqualTo("/rest/v1/delivery")).withQueryParam("client", equalTo("acme"))
			.withQueryParam("sessionId", equalTo(VisitorSessions.sessionIdFor(ECID)))
			.withHeader("Content-Type", equalTo("application/json"))
			.withRequestBody(equalToJson(fixture("delivery-request-cart.json"))));
	}

	@Test
	void theImsOrgIdGoesInTheQueryAsAdobesSdksSendItAndOnlyWhenKnown() throws IOException {
		target.stubFor(
				post(urlPathEqualTo("/rest/v1/delivery")).willReturn(okJson(fixture("delivery-response-cart.json"))));

		transport(RELAXED_TIMEOUT, null, null, "53A16ACB5CC1D3760A495C99@AdobeOrg").execute(cartQuery());
		transport(RELAXED_TIMEOUT).execute(cartQuery());

		target.verify(postRequestedFor(urlPathEqualTo("/rest/v1/delivery")).withQueryParam("client", equalTo("acme"))
			.withQueryParam("sessionId", equalTo(VisitorSessions.sessionIdFor(ECID)))
			.withQueryParam("imsOrgId", equalTo("53A16ACB5CC1D3760A495C99@AdobeOrg")));
		target.verify(1, postRequestedFor(urlPathEqualTo("/rest/v1/delivery")).withQueryParam("imsOrgId", absent()));
	}

	@Test
	void executeReadsTheMboxOptionsWithTheirResponseTokens() throws IOException {
		target.stubFor(
				post(urlPathEqualTo("/rest/v1/delivery")).willReturn(okJson(fixture("delivery-response-cart.json"))));

		TargetDecision decision = transport(RELAXED_TIMEOUT).execute(cartQuery());

		assertThat(decision.options()).singleElement().satisfies((option) -> {
			assertThat(option.type()).isEqualTo("json");
			assertThat(option.content().isTextual()).isTrue();
			assertThat(option.content().asText()).contains("\"coat-alpine-01\"");
			assertThat(option.responseTokens()).containsEntry("activity.id", "302740")
				.containsEntry("activity.name", "Email - abandoned cart")
				.containsEntry("experience.name", "Experience A")
				.containsEntry("profile.categoryAffinities", "coats,sweatshirts");
		});
		assertThat(this.meterRegistry.get("recs.bridge.target.calls")
			.tags("transport", "delivery", "outcome", "success")
			.timer()
			.count()).isEqualTo(1);
	}

	@Test
	void executeSendsOnlyTheFirstTenCartIdsAndNoOptionalFieldsThatAreUnset() {
		target.stubFor(post(urlPathEqualTo("/rest/v1/delivery")).willReturn(okJson("{\"status\": 200}")));
		List<String> cart = List.of("a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a9", "a10", "a11", "a12");

		TargetDecision decision = transport(RELAXED_TIMEOUT, null, null)
			.execute(new TargetQuery(REQUEST_ID, ECID, null, "ajo-abandoned-cart", cart, List.of()));

		assertThat(decision.options()).isEmpty();
		target.verify(postRequestedFor(urlPathEqualTo("/rest/v1/delivery")).withRequestBody(equalToJson("""
				{"requestId": "%s", "context": {"channel": "web"},
				 "id": {"marketingCloudVisitorId": "%s"},
				 "execute": {"mboxes": [{"index": 0, "name": "ajo-abandoned-cart", "parameters": {
				   "cartIds": "a1,a2,a3,a4,a5,a6,a7,a8,a9,a10", "entity.event.detailsOnly": "true"}}]}}
				""".formatted(REQUEST_ID, ECID))));
	}

	@Test
	void executeKeepsTheExcludedIdsWithinTargetsParameterLength() {
		target.stubFor(post(urlPathEqualTo("/rest/v1/delivery")).willReturn(okJson("{\"status\": 200}")));
		List<String> excluded = java.util.stream.IntStream.range(0, 50).mapToObj((i) -> "x".repeat(250) + i).toList();

		transport(RELAXED_TIMEOUT)
			.execute(new TargetQuery(REQUEST_ID, ECID, null, "ajo-recently-viewed", List.of(), excluded));

		String body = target.getAllServeEvents().get(0).getRequest().getBodyAsString();
		String sent = body.replaceAll(".*\"excludedIds\":\"([^\"]*)\".*", "$1");
		assertThat(sent.length()).isLessThanOrEqualTo(5000);
		assertThat(sent.split(",")).hasSize(19).startsWith(excluded.get(0));
	}

	@Test
	void sessionIdIsStableForAVisitorAndDiffersBetweenVisitors() {
		String first = VisitorSessions.sessionIdFor(ECID);

		assertThat(VisitorSessions.sessionIdFor(ECID)).isEqualTo(first);
		assertThat(VisitorSessions.sessionIdFor("45781285307713846961427437541683283428")).isNotEqualTo(first);
		assertThat(first).matches("[0-9a-f-]{36}");
	}

	@Test
	void aVisitorsNextCallGoesToTheEdgeTargetPlacedItsProfileOnAndOtherVisitorsDoNot() throws IOException {
		target.stubFor(post(urlPathMatching(".*/rest/v1/delivery"))
			.willReturn(okJson(fixture("delivery-response-cart.json"))));
		TargetProperties properties = BoundProperties.bind("target", TargetProperties.class,
				Map.of("client-code", "acme", "base-url", target.baseUrl()));
		TargetEndpoint perEdge = acmeWithEdges((locationHint) -> (locationHint != null)
				? URI.create(target.baseUrl() + "/edge" + locationHint) : URI.create(target.baseUrl()));
		DeliveryTransport transport = new DeliveryTransport(
				OutboundHttp.restClient(RestClient.builder(), properties.timeout(), 16), perEdge, properties, null,
				this.meterRegistry, this.locationHints, Clock.systemUTC());

		transport.execute(cartQuery());
		transport.execute(cartQuery());
		transport.execute(new TargetQuery(REQUEST_ID, "11111111111111111111111111111111111111", null,
				"ajo-recently-viewed", List.of(), List.of()));

		assertThat(target.getAllServeEvents())
			.extracting((event) -> event.getRequest().getUrl().replaceAll("\\?.*", ""))
			.containsExactlyInAnyOrder("/rest/v1/delivery", "/edge28/rest/v1/delivery", "/rest/v1/delivery");
	}

	@Test
	void onlyABaseUrlDerivedFromTheClientCodeIsRoutedToAnEdge() {
		TargetProperties derived = BoundProperties.bind("target", TargetProperties.class,
				Map.of("client-code", "acme"));
		TargetProperties overridden = BoundProperties.bind("target", TargetProperties.class,
				Map.of("client-code", "acme", "base-url", "https://proxy.example.com"));

		assertThat(new TargetClientConfiguration.ConfiguredEndpoint(derived).baseUrlFor("28"))
			.isEqualTo(URI.create("https://mboxedge28.tt.omtrdc.net"));
		assertThat(new TargetClientConfiguration.ConfiguredEndpoint(derived).baseUrlFor(null))
			.isEqualTo(URI.create("https://acme.tt.omtrdc.net"));
		assertThat(new TargetClientConfiguration.ConfiguredEndpoint(overridden).baseUrlFor("28"))
			.isEqualTo(URI.create("https://proxy.example.com"));
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(nullValues = "null", value = { "8f1f43a5c6d34b1b9f0d6e1c2a7b9d11.28_0, 28",
			"8f1f43a5c6d34b1b9f0d6e1c2a7b9d11.35_0, 35", "no-hint-here, null", "abc.evil.com/x_0, null", "null, null" })
	void locationHintsAreReadFromTheTntId(String tntId, String hint) {
		LocationHints hints = new LocationHints(10);

		hints.remember("visitor", tntId);

		assertThat(hints.hintFor("visitor")).isEqualTo(hint);
	}

	@ParameterizedTest(name = "Retry-After {0} -> {1}")
	@CsvSource(nullValues = "null",
			value = { "0, PT0S", "3, PT3S", "99999, PT5M", "'Sat, 28 Nov 2026 20:00:10 GMT', PT10S",
					"'Sat, 28 Nov 2026 19:00:00 GMT', PT0S", "soon, null", "'', null", "null, null" })
	void retryAfterIsReadAsSecondsOrAnHttpDate(String header, String expected) {
		Clock now = Clock.fixed(java.time.Instant.parse("2026-11-28T20:00:00Z"), java.time.ZoneOffset.UTC);

		assertThat(RetryAfter.parse(header, now)).isEqualTo((expected != null) ? Duration.parse(expected) : null);
	}

	@Test
	void executeIgnoresOptionsOfOtherMboxes() {
		target.stubFor(post(urlPathEqualTo("/rest/v1/delivery")).willReturn(okJson("""
				{"status": 200, "execute": {"mboxes": [
				  {"index": 1, "name": "some-other-mbox", "options": [{"type": "json", "content": {"items": []}}]}]}}
				""")));

		assertThat(transport(RELAXED_TIMEOUT).execute(cartQuery()).options()).isEmpty();
	}

	@ParameterizedTest(name = "HTTP {0} is {1}")
	@CsvSource({ "400, REJECTED", "403, REJECTED", "404, REJECTED", "420, THROTTLED", "429, THROTTLED",
			"500, SERVER_ERROR", "502, SERVER_ERROR", "503, SERVER_ERROR" })
	void executeClassifiesErrorStatusesWithoutKeepingTargetsBody(int status, Failure expected) {
		target.stubFor(post(urlPathEqualTo("/rest/v1/delivery")).willReturn(aResponse().withStatus(status)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"status\": " + status + ", \"message\": \"secret-looking echo of crm-000123\"}")));

		assertThatExceptionOfType(TargetCallException.class)
			.isThrownBy(() -> transport(RELAXED_TIMEOUT).execute(cartQuery()))
			.satisfies((ex) -> {
				assertThat(ex.failure()).isEqualTo(expected);
				assertThat(ex).hasMessage("Target answered HTTP " + status).hasNoCause();
			});
		assertThat(
				this.meterRegistry.get("recs.bridge.target.calls").tags("outcome", expected.outcome()).timer().count())
			.isEqualTo(1);
	}

	@ParameterizedTest(name = "body {0}")
	@CsvSource(delimiter = '|',
			value = { "''", "'not json at all'", "'{\"status\": 200, \"execute\": '", "'[1, 2, 3]'" })
	void executeTreatsAnEmptyOrMalformedBodyAsAnInvalidResponse(String body) {
		target.stubFor(post(urlPathEqualTo("/rest/v1/delivery"))
			.willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body)));

		assertThatExceptionOfType(TargetCallException.class)
			.isThrownBy(() -> transport(RELAXED_TIMEOUT).execute(cartQuery()))
			.satisfies((ex) -> assertThat(ex.failure()).isEqualTo(Failure.INVALID_RESPONSE));
	}

	@Test
	void executeTimesOutWhenTargetAnswersAfterTheTimeout() {
		target.stubFor(post(urlPathEqualTo("/rest/v1/delivery"))
			.willReturn(okJson("{\"status\": 200}").withFixedDelay(5_000)));

		long started = System.nanoTime();
		assertThatExceptionOfType(TargetCallException.class)
			.isThrownBy(() -> transport(Duration.ofMillis(200)).execute(cartQuery()))
			.satisfies((ex) -> assertThat(ex.failure()).isEqualTo(Failure.TIMEOUT));
		// Far from both the 200 ms timeout and the 5 s answer: a loaded machine cannot
		// push one past the other.
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
	}

	@Test
	void executeReportsAResetConnectionAsUnreachable() {
		target.stubFor(post(urlPathEqualTo("/rest/v1/delivery"))
			.willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

		assertThatExceptionOfType(TargetCallException.class)
			.isThrownBy(() -> transport(RELAXED_TIMEOUT).execute(cartQuery()))
			.satisfies((ex) -> assertThat(ex.failure()).isEqualTo(Failure.UNREACHABLE));
	}

	/**
	 * A visitor's hinted edge that stops answering is dropped at its first failure: the
	 * next call goes to the client's own host instead of the dead edge for 30 minutes.
	 */
	@Test
	void aHintedEdgeThatFailsIsForgottenAndTheNextCallGoesToTheClientsHost() throws IOException {
		target.stubFor(
				post(urlPathEqualTo("/rest/v1/delivery")).willReturn(okJson(fixture("delivery-response-cart.json"))));
		URI deadEdge;
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
			deadEdge = URI.create("http://127.0.0.1:" + socket.getLocalPort());
		}
		TargetProperties properties = BoundProperties.bind("target", TargetProperties.class,
				Map.of("client-code", "acme", "base-url", target.baseUrl(), "timeout", "2s"));
		TargetEndpoint edges = acmeWithEdges(
				(locationHint) -> "28".equals(locationHint) ? deadEdge : URI.create(target.baseUrl()));
		DeliveryTransport transport = new DeliveryTransport(
				OutboundHttp.restClient(RestClient.builder(), properties.timeout(), 16), edges, properties, null,
				this.meterRegistry, this.locationHints, Clock.systemUTC());
		this.locationHints.remember(ECID, "8f1f43a5c6d34b1b9f0d6e1c2a7b9d11.28_0");

		assertThatExceptionOfType(TargetCallException.class).isThrownBy(() -> transport.execute(cartQuery()))
			.satisfies((ex) -> assertThat(ex.failure()).isEqualTo(Failure.UNREACHABLE));

		assertThat(transport.execute(cartQuery())).isNotNull();
		target.verify(1, postRequestedFor(urlPathEqualTo("/rest/v1/delivery")));
	}

	private static TargetQuery cartQuery() {
		return new TargetQuery(REQUEST_ID, ECID, "crm-000123", "ajo-abandoned-cart",
				List.of("coat-alpine-01", "coat-parka-02", "sweat-crew-03"), List.of("sweat-crew-03"));
	}

	private DeliveryTransport transport(Duration timeout) {
		return transport(timeout, "08b62abd-c3e7-dfb3-da93-70b0a3a9c4ab", 4421L);
	}

	private DeliveryTransport transport(Duration timeout, String propertyToken, Long environmentId) {
		return transport(timeout, propertyToken, environmentId, null);
	}

	private DeliveryTransport transport(Duration timeout, String propertyToken, Long environmentId, String imsOrgId) {
		Map<String, String> settings = new HashMap<>(
				Map.of("client-code", "acme", "base-url", target.baseUrl(), "timeout", timeout.toMillis() + "ms"));
		if (propertyToken != null) {
			settings.put("property-token", propertyToken);
			settings.put("environment-id", environmentId.toString());
		}
		TargetProperties properties = BoundProperties.bind("target", TargetProperties.class, settings);
		return new DeliveryTransport(OutboundHttp.restClient(RestClient.builder(), properties.timeout(), 16),
				new TargetClientConfiguration.ConfiguredEndpoint(properties), properties, imsOrgId, this.meterRegistry,
				this.locationHints, Clock.systemUTC());
	}

	static String fixture(String name) throws IOException {
		try (InputStream input = DeliveryTransportTests.class.getResourceAsStream(name)) {
			return new String(input.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	/**
	 * Client code {@code acme} at the stand-in, with the given edge for each location
	 * hint.
	 */
	private static TargetEndpoint acmeWithEdges(Function<String, URI> edgeForHint) {
		return new TargetEndpoint() {

			@Override
			public URI baseUrl() {
				return URI.create(target.baseUrl());
			}

			@Override
			public String clientCode() {
				return "acme";
			}

			@Override
			public URI baseUrlFor(String locationHint) {
				return edgeForHint.apply(locationHint);
			}

		};
	}

}

package io.recsbridge.target;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.recsbridge.ims.AdobeApis;
import io.recsbridge.support.AdobeImsStandIn;
import io.recsbridge.support.BoundProperties;
import io.recsbridge.system.OutboundHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.web.client.RestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Target reads the same Recommendations parameters whichever road carries them: over real
 * HTTP, the Delivery and Edge transports send a list too long for one parameter cut at
 * the same id.
 */
class TargetParametersTests {

	private static final String ECID = "45781285307713846961427437541683283427";

	private static final String REQUEST_ID = "6a3b2f0e-8d1c-4b7a-9e55-2c4f1d0a7b31";

	private static final Duration RELAXED_TIMEOUT = Duration.ofSeconds(5);

	@RegisterExtension
	static WireMockExtension adobe = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private final ObjectMapper json = new ObjectMapper();

	private final SimpleMeterRegistry meterRegistry = new SimpleMeterRegistry();

	@Test
	void bothTransportsCapALongIdListAtTheSameIdWithinTargetsParameterLength() throws Exception {
		adobe.stubFor(post(urlPathEqualTo("/rest/v1/delivery")).willReturn(okJson("{\"status\": 200}")));
		adobe.stubFor(post(urlPathEqualTo("/ee/v2/interact")).willReturn(okJson("{\"handle\": []}")));
		AdobeImsStandIn.stubToken(adobe, "token-1");
		// 50 ids of 251-252 characters: 19 fit in 5,000 characters with their commas.
		List<String> excluded = IntStream.range(0, 50).mapToObj((i) -> "x".repeat(250) + i).toList();
		List<String> cart = IntStream.range(0, 10).mapToObj((i) -> "c".repeat(900) + i).toList();
		TargetQuery query = new TargetQuery(REQUEST_ID, ECID, null, "ajo-abandoned-cart", cart, excluded);

		delivery().execute(query);
		edge().execute(query);

		Map<String, String> byDelivery = sentParameters("/rest/v1/delivery", "/execute/mboxes/0/parameters");
		Map<String, String> byEdge = sentParameters("/ee/v2/interact", "/event/data/__adobe/target");
		assertThat(byEdge).isEqualTo(byDelivery);
		assertThat(byDelivery.get("excludedIds")).hasSizeLessThanOrEqualTo(TargetParameters.MAX_VALUE_LENGTH);
		assertThat(byDelivery.get("excludedIds").split(",")).containsExactlyElementsOf(excluded.subList(0, 19));
		assertThat(byDelivery.get("cartIds").split(",")).containsExactlyElementsOf(cart.subList(0, 5));
	}

	private Map<String, String> sentParameters(String path, String pointer) throws Exception {
		String body = adobe.getAllServeEvents()
			.stream()
			.filter((event) -> event.getRequest().getUrl().startsWith(path))
			.findFirst()
			.orElseThrow()
			.getRequest()
			.getBodyAsString();
		JsonNode parameters = this.json.readTree(body).at(pointer);
		return this.json.convertValue(parameters,
				this.json.getTypeFactory().constructMapType(Map.class, String.class, String.class));
	}

	private DeliveryTransport delivery() {
		TargetProperties properties = BoundProperties.bind("target", TargetProperties.class,
				Map.of("client-code", "acme", "base-url", adobe.baseUrl()));
		return new DeliveryTransport(OutboundHttp.restClient(RestClient.builder(), RELAXED_TIMEOUT, 4),
				new TargetClientConfiguration.ConfiguredEndpoint(properties), properties, null, this.meterRegistry,
				new LocationHints(10), Clock.systemUTC());
	}

	private EdgeTransport edge() {
		EdgeProperties properties = BoundProperties.bind("edge", EdgeProperties.class,
				Map.of("datastream-id", "ds-7f1c", "base-url", adobe.baseUrl()));
		return new EdgeTransport(AdobeApis.restClient(RestClient.builder(), RELAXED_TIMEOUT), properties,
				new EdgeConnection(properties, AdobeImsStandIn.credential(adobe), AdobeImsStandIn.tokens(adobe)),
				this.meterRegistry, Clock.systemUTC());
	}

}

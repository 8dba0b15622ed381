package io.recsbridge.identity;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.recsbridge.ims.AdobeApis;
import io.recsbridge.ims.ImsTokens;
import io.recsbridge.support.AdobeImsStandIn;
import io.recsbridge.support.BoundProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.web.client.RestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The AEP Identity Service resolver against WireMock stand-ins for the Identity Service
 * and IMS: the request and its headers, both shapes of cluster members, misses, failures.
 */
class AepIdentityResolverTests {

	static final String ECID_PHONE = "45781285307713846961427437541683283427";

	static final String ECID_LAPTOP = "60198375211487623094512786430915527831";

	private static final String MEMBERS = "/data/core/identity/cluster/members";

	@RegisterExtension
	static WireMockExtension adobe = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	@Test
	void anEmailResolvesToTheEcidsAmongItsClusterMembers() {
		AdobeImsStandIn.stubToken(adobe, "token-1");
		adobe.stubFor(get(urlPathEqualTo(MEMBERS)).willReturn(okJson(clusterWithObjectMembers())));

		List<String> ecids = resolver().ecidsOf(new PersonIdentity("Email", "jane+shop@example.com"));

		assertThat(ecids).containsExactly(ECID_PHONE, ECID_LAPTOP);
		adobe.verify(getRequestedFor(urlPathEqualTo(MEMBERS)).withQueryParam("ns", equalTo("Email"))
			.withQueryParam("id", equalTo("jane+shop@example.com"))
			.withHeader("Authorization", equalTo("Bearer token-1"))
			.withHeader("x-api-key", equalTo("recs-bridge-client"))
			.withHeader("x-gw-ims-org-id", equalTo(AdobeImsStandIn.ORG_ID))
			.withHeader("x-sandbox-name", equalTo("prod")));
	}

	@Test
	void membersWrittenAsNsidBarIdStringsAreReadToo() {
		AdobeImsStandIn.stubToken(adobe, "token-1");
		adobe.stubFor(get(urlPathEqualTo(MEMBERS)).willReturn(okJson("""
				{"version": 1, "clusters": [{"xid": "A2Ja8", "compositeXid": {"nsid": 6, "id": "jane@example.com"},
				  "members": ["6|jane@example.com", "4|%s", "x|y", "4|not-an-ecid", "no-bar", 17]}],
				 "unprocessedXids": [], "unprocessedNids": []}
				""".formatted(ECID_LAPTOP))));

		assertThat(resolver().ecidsOf(new PersonIdentity("Email", "jane@example.com"))).containsExactly(ECID_LAPTOP);
	}

	@ParameterizedTest(name = "HTTP {0} means no ECID")
	@ValueSource(ints = { 204, 404 })
	void noClusterIsNoEcid(int status) {
		AdobeImsStandIn.stubToken(adobe, "token-1");
		adobe.stubFor(get(urlPathEqualTo(MEMBERS)).willReturn(aResponse().withStatus(status)));

		assertThat(resolver().ecidsOf(new PersonIdentity("CRMID", "crm-1"))).isEmpty();
	}

	@Test
	void aClusterWithoutEcidsIsNoEcid() {
		AdobeImsStandIn.stubToken(adobe, "token-1");
		adobe.stubFor(get(urlPathEqualTo(MEMBERS)).willReturn(okJson("""
				{"clusters": [{"members": [{"nsid": 6, "id": "jane@example.com"}]}]}""")));

		assertThat(resolver().ecidsOf(new PersonIdentity("Email", "jane@example.com"))).isEmpty();
	}

	@Test
	void anUpstream401FetchesANewTokenOnce() {
		AdobeImsStandIn.stubToken(adobe, "token-1");
		ImsTokens tokens = AdobeImsStandIn.tokens(adobe);
		tokens.token();
		AdobeImsStandIn.stubToken(adobe, "token-2");
		adobe.stubFor(get(urlPathEqualTo(MEMBERS)).withHeader("Authorization", equalTo("Bearer token-1"))
			.willReturn(aResponse().withStatus(401)));
		adobe.stubFor(get(urlPathEqualTo(MEMBERS)).withHeader("Authorization", equalTo("Bearer token-2"))
			.willReturn(okJson(clusterWithObjectMembers())));

		assertThat(resolver(tokens).ecidsOf(new PersonIdentity("Email", "jane@example.com"))).hasSize(2);
		adobe.verify(2, postRequestedFor(urlPathEqualTo(AdobeImsStandIn.TOKEN)));
	}

	@Test
	void failuresNameTheServiceButNeverTheIdentityOrTheBody() {
		AdobeImsStandIn.stubToken(adobe, "token-1");
		PersonIdentity jane = new PersonIdentity("Email", "jane@example.com");
		adobe.stubFor(get(urlPathEqualTo(MEMBERS))
			.willReturn(aResponse().withStatus(500).withBody("{\"detail\": \"jane@example.com\"}")));
		assertThatExceptionOfType(IdentityLookupException.class).isThrownBy(() -> resolver().ecidsOf(jane))
			.withMessage("The AEP Identity Service answered HTTP 500");
		adobe.stubFor(get(urlPathEqualTo(MEMBERS)).willReturn(aResponse().withStatus(401)));
		assertThatExceptionOfType(IdentityLookupException.class).isThrownBy(() -> resolver().ecidsOf(jane))
			.withMessage("The AEP Identity Service refused a fresh IMS token");
		adobe.stubFor(get(urlPathEqualTo(MEMBERS)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
		assertThatExceptionOfType(IdentityLookupException.class).isThrownBy(() -> resolver().ecidsOf(jane))
			.withMessageNotContaining("jane");
		adobe.stubFor(post(urlPathEqualTo(AdobeImsStandIn.TOKEN)).willReturn(aResponse().withStatus(503)));
		assertThatExceptionOfType(IdentityLookupException.class).isThrownBy(() -> resolver().ecidsOf(jane))
			.withMessage("No IMS token for the AEP Identity Service: Adobe IMS answered HTTP 503");
		assertThat(jane.toString()).doesNotContain("jane");
	}

	static String clusterWithObjectMembers() {
		return """
				{"version": 1, "clusters": [{"xid": "A2Ja8", "compositeXid": {"nsid": 6, "id": "jane@example.com"},
				  "members": [{"nsid": 4, "id": "%s"}, {"nsid": 6, "id": "jane@example.com"},
				              {"nsid": 4, "id": "%s"}, {"nsid": 4, "id": "%s"}, {"nsid": 9, "id": "tnt-1.28_0"}]}],
				 "unprocessedXids": [], "unprocessedNids": []}
				""".formatted(ECID_PHONE, ECID_LAPTOP, ECID_PHONE);
	}

	private AepIdentityResolver resolver() {
		return resolver(AdobeImsStandIn.tokens(adobe));
	}

	private AepIdentityResolver resolver(ImsTokens tokens) {
		AepIdentityProperties properties = BoundProperties.bind("aep", AepIdentityProperties.class,
				Map.of("identity.base-url", adobe.baseUrl() + "/data/core", "sandbox-name", "prod"));
		assertThat(properties.identity().timeout()).isEqualTo(Duration.ofMillis(250));
		AepIdentityResolver resolver = new AepIdentityResolver(
				AdobeApis.restClient(RestClient.builder(), Duration.ofSeconds(5)), properties, tokens,
				AdobeImsStandIn.credential(adobe));
		assertThat(resolver.timeout()).isEqualTo(Duration.ofMillis(250));
		return resolver;
	}

}

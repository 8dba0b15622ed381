package io.recsbridge.support;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.recsbridge.ims.AdobeApis;
import io.recsbridge.ims.ImsProperties;
import io.recsbridge.ims.ImsTokens;

import org.springframework.web.client.RestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/**
 * Adobe IMS played by a WireMock server, for the tests of the clients that authenticate
 * with it (Edge, the Identity Service): the credential, a token source over real HTTP,
 * and IMS's token answer.
 */
public final class AdobeImsStandIn {

	/** IMS's token path. */
	public static final String TOKEN = "/ims/token/v3";

	/** The org id of the credential. */
	public static final String ORG_ID = "53A16ACB5CC1D3760A495C99@AdobeOrg";

	private AdobeImsStandIn() {
	}

	/**
	 * The OAuth server-to-server credential, its token URL on the server.
	 * @param adobe the server
	 * @return the credential
	 */
	public static ImsProperties credential(WireMockExtension adobe) {
		return BoundProperties.bind("adobe.ims", ImsProperties.class, Map.of("client-id", "recs-bridge-client",
				"client-secret", "s3cr3t", "org-id", ORG_ID, "token-url", adobe.baseUrl() + TOKEN));
	}

	/**
	 * Tokens fetched from the server, refreshed on the calling thread.
	 * @param adobe the server
	 * @return the token source
	 */
	public static ImsTokens tokens(WireMockExtension adobe) {
		return new ImsTokens(AdobeApis.restClient(RestClient.builder(), Duration.ofSeconds(5)), credential(adobe),
				Clock.systemUTC(), Runnable::run);
	}

	/**
	 * Makes the server hand out {@code token}.
	 * @param adobe the server
	 * @param token the access token
	 */
	public static void stubToken(WireMockExtension adobe, String token) {
		adobe.stubFor(post(urlPathEqualTo(TOKEN)).willReturn(tokenResponse(token)));
	}

	/**
	 * IMS's answer with {@code token}, valid a day.
	 * @param token the access token
	 * @return the answer
	 */
	public static ResponseDefinitionBuilder tokenResponse(String token) {
		return okJson("{\"access_token\": \"" + token + "\", \"token_type\": \"bearer\", \"expires_in\": 86399}");
	}

}

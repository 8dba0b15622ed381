package io.recsbridge.ims;

import java.time.Duration;

import io.recsbridge.system.OutboundHttp;

import org.springframework.http.HttpHeaders;
import org.springframework.web.client.RestClient;

/**
 * What every call to an Adobe API authenticated by IMS shares: a client with timeouts,
 * and the four headers Adobe's gateway reads.
 */
public final class AdobeApis {

	private AdobeApis() {
	}

	/**
	 * Connections kept to each Adobe API: identity lookups run on the request path, one
	 * per uncached visitor, so as many as Target's calls may be in flight.
	 */
	static final int MAX_CONNECTIONS = 200;

	/**
	 * A client over {@link OutboundHttp}'s pool, with the timeout as both connect and
	 * read timeout.
	 * @param builder Boot's builder (cloned, not changed)
	 * @param timeout the timeout
	 * @return the client
	 */
	public static RestClient restClient(RestClient.Builder builder, Duration timeout) {
		return OutboundHttp.restClient(builder.clone(), timeout, MAX_CONNECTIONS);
	}

	/**
	 * Sets {@code Authorization}, {@code x-api-key}, {@code x-gw-ims-org-id} and, when
	 * given, {@code x-sandbox-name}.
	 * @param headers the request's headers
	 * @param token the IMS token
	 * @param properties the credential (client id and org id)
	 * @param sandboxName the AEP sandbox, or {@code null}/blank for the default one
	 */
	public static void authenticate(HttpHeaders headers, AccessToken token, ImsProperties properties,
			String sandboxName) {
		headers.set(HttpHeaders.AUTHORIZATION, token.bearer());
		headers.set("x-api-key", properties.clientId());
		headers.set("x-gw-ims-org-id", properties.orgId());
		if (sandboxName != null && !sandboxName.isBlank()) {
			headers.set("x-sandbox-name", sandboxName);
		}
	}

}

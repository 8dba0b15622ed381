package io.recsbridge.ims;

import java.net.http.HttpClient;
import java.time.Duration;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.ClientHttpRequestFactorySettings;
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
	 * A client from Boot's builder (its Jackson setup and client metrics) over the JDK
	 * HTTP client, with the timeout as both connect and read timeout.
	 * @param builder Boot's builder
	 * @param timeout the timeout
	 * @return the client
	 */
	public static RestClient restClient(RestClient.Builder builder, Duration timeout) {
		ClientHttpRequestFactorySettings settings = ClientHttpRequestFactorySettings.defaults()
			.withConnectTimeout(timeout)
			.withReadTimeout(timeout);
		return builder.clone()
			.requestFactory(ClientHttpRequestFactoryBuilder.jdk()
				.withHttpClientCustomizer((client) -> client.version(HttpClient.Version.HTTP_1_1))
				.build(settings))
			.build();
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

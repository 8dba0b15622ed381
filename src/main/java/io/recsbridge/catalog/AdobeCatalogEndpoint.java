package io.recsbridge.catalog;

import java.net.URI;
import java.util.function.Consumer;
import java.util.function.Function;

import io.recsbridge.ims.AdobeApis;
import io.recsbridge.ims.ImsProperties;
import io.recsbridge.ims.ImsTokens;

import org.springframework.http.HttpHeaders;

/**
 * Get Entity on Adobe's gateway, with the IMS credential's bearer token and its client id
 * as {@code x-api-key}.
 */
record AdobeCatalogEndpoint(CatalogProperties properties, ImsProperties credential,
		ImsTokens tokens) implements CatalogEndpoint {

	@Override
	public URI baseUrl() {
		return this.properties.adminBaseUrl();
	}

	@Override
	public String tenantId() {
		return this.properties.tenantId();
	}

	@Override
	public <T> T authenticated(Function<Consumer<HttpHeaders>, T> call) {
		return this.tokens.withToken(
				(token) -> call.apply((headers) -> AdobeApis.authenticate(headers, token, this.credential, null)));
	}

}

package io.recsbridge.catalog;

import java.net.URI;
import java.util.function.Consumer;
import java.util.function.Function;

import org.springframework.http.HttpHeaders;

/**
 * Where Get Entity is and how a call is authenticated. The sandbox provides its own,
 * pointing at the emulator this application serves.
 */
public interface CatalogEndpoint {

	/**
	 * The gateway, such as {@code https://mc.adobe.io}.
	 * @return the base URL
	 */
	URI baseUrl();

	/**
	 * The Target tenant.
	 * @return the tenant id
	 */
	String tenantId();

	/**
	 * Makes a call with the headers Adobe's gateway checks; a call refused with 401 may
	 * be made once more with a fresh token.
	 * @param <T> what the call returns
	 * @param call the call, given what sets the headers
	 * @return what the call returned
	 */
	<T> T authenticated(Function<Consumer<HttpHeaders>, T> call);

}

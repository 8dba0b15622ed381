package io.recsbridge.target;

import java.net.URI;

/**
 * Where the Delivery API is, and whose it is. The sandbox provides its own, pointing at
 * the emulator this application serves.
 */
public interface TargetEndpoint {

	/**
	 * The scheme and host (and any path prefix) of the Delivery API.
	 * @return the base URL, without a trailing slash
	 */
	URI baseUrl();

	/**
	 * The client code sent as the {@code client} query parameter.
	 * @return the client code
	 */
	String clientCode();

}

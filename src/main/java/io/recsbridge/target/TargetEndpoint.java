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

	/**
	 * Where to send a visitor whose profile Target placed on a given edge. Only a base
	 * URL derived from the client code can be routed; an override (a proxy, a test) is
	 * kept.
	 * @param locationHint the edge location hint, such as {@code 28}, or {@code null}
	 * @return the base URL for that visitor's calls
	 */
	default URI baseUrlFor(String locationHint) {
		return baseUrl();
	}

}

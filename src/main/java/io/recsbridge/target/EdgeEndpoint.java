package io.recsbridge.target;

import java.net.URI;

/**
 * Where the Edge Network is and which datastream and AEP sandbox a call names. The
 * configured {@link EdgeProperties} is one; the sandbox provides its own, pointing at the
 * emulator this application serves.
 */
public interface EdgeEndpoint {

	/**
	 * The scheme and host (and any path prefix) in front of {@code /ee/v2/interact}, read
	 * on every call.
	 * @return the base URL, without a trailing slash
	 */
	URI baseUrl();

	/**
	 * The datastream the events go to.
	 * @return the datastream id
	 */
	String datastreamId();

	/**
	 * The AEP sandbox the datastream lives in, sent as {@code x-sandbox-name}.
	 * @return the sandbox name, or {@code null} for the default (production) one
	 */
	String sandboxName();

}

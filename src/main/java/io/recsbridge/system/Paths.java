package io.recsbridge.system;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Request paths as a problem's {@code instance}: the path alone (never the query, which
 * can carry an API key or an identity), and nothing that is not a valid URI.
 */
final class Paths {

	private static final int MAX_LENGTH = 256;

	private Paths() {
	}

	static String safeInstance(String path) {
		if (path == null || path.length() > MAX_LENGTH) {
			return "/";
		}
		try {
			return new URI(null, null, path, null).getRawPath();
		}
		catch (URISyntaxException ex) {
			return "/";
		}
	}

}

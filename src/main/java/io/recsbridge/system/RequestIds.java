package io.recsbridge.system;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The id that ties one API call's response, log line and Target request together.
 */
public final class RequestIds {

	/** The header a caller may set and the bridge always answers. */
	public static final String HEADER = "X-Request-Id";

	/** The request attribute holding the id for the rest of the request. */
	public static final String ATTRIBUTE = RequestIds.class.getName() + ".id";

	/** The MDC key, so every log line of the request carries the id. */
	public static final String MDC_KEY = "requestId";

	/**
	 * What a caller's id may look like: enough for UUIDs and trace ids, too little for a
	 * log line to be forged or a header to be split.
	 */
	private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

	private RequestIds() {
	}

	/**
	 * The caller's id when it is a sane token, else a new one.
	 * @param presented the {@code X-Request-Id} header, or {@code null}
	 * @return the id to use
	 */
	public static String accept(String presented) {
		return (presented != null && SANE.matcher(presented).matches()) ? presented : newId();
	}

	/**
	 * A random (version 4) UUID from the thread's own generator: an id to correlate by,
	 * not a secret, so it need not cost a call into the shared {@code SecureRandom} on
	 * every request.
	 */
	private static String newId() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long most = (random.nextLong() & ~0xF000L) | 0x4000L;
		long least = (random.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48);
		return new UUID(most, least).toString();
	}

	/**
	 * The id of the request being answered.
	 * @param request the request
	 * @return the id the filter assigned, or a new one where the filter did not run
	 */
	public static String of(HttpServletRequest request) {
		return (request.getAttribute(ATTRIBUTE) instanceof String id) ? id : newId();
	}

}

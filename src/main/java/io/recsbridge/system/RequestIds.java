package io.recsbridge.system;

import java.util.UUID;
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
		return (presented != null && SANE.matcher(presented).matches()) ? presented : UUID.randomUUID().toString();
	}

	/**
	 * The id of the request being answered.
	 * @param request the request
	 * @return the id the filter assigned, or a new one where the filter did not run
	 */
	public static String of(HttpServletRequest request) {
		return (request.getAttribute(ATTRIBUTE) instanceof String id) ? id : UUID.randomUUID().toString();
	}

}

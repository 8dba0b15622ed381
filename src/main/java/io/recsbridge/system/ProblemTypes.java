package io.recsbridge.system;

import java.net.URI;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * One stable problem {@code type} per kind of problem, so callers can branch on it. URNs:
 * they name the kind without promising a page to fetch.
 */
public final class ProblemTypes {

	private static final String PREFIX = "urn:problem-type:recs-bridge:";

	private static final Map<Integer, String> KINDS = Map.of(400, "invalid-request", 401, "unauthorized", 403,
			"forbidden", 404, "not-found", 405, "method-not-allowed", 406, "not-acceptable", 413, "payload-too-large",
			415, "unsupported-media-type", 429, "rate-limited", 503, "unavailable");

	/**
	 * The bridge itself is at its capacity (a 429 too, but not the upstream rate
	 * limit's): the caller should come back shortly, nothing is wrong with its request or
	 * Target.
	 */
	public static final URI OVERLOADED = URI.create(PREFIX + "overloaded");

	private ProblemTypes() {
	}

	/**
	 * The problem type for a status.
	 * @param status the response status
	 * @return the problem type URI
	 */
	public static URI typeFor(HttpStatusCode status) {
		String kind = KINDS.get(status.value());
		if (kind == null) {
			kind = status.is4xxClientError() ? "client-error" : "internal-error";
		}
		return URI.create(PREFIX + kind);
	}

	/**
	 * A problem of the kind its status names.
	 * @param status the response status
	 * @param title a short, fixed summary
	 * @param detail what happened, safe to show to the caller
	 * @return the problem, without an instance (set where the request is known)
	 */
	public static ProblemDetail problem(HttpStatus status, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(typeFor(status));
		problem.setTitle(title);
		return problem;
	}

	/**
	 * A title for a status, the reason phrase where there is one.
	 * @param status the response status
	 * @return the title
	 */
	public static String titleFor(HttpStatusCode status) {
		HttpStatus known = HttpStatus.resolve(status.value());
		return (known != null) ? known.getReasonPhrase() : "Error";
	}

}

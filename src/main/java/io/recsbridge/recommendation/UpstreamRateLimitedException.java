package io.recsbridge.recommendation;

import java.time.Duration;

import io.recsbridge.system.ProblemTypes;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The bridge's own limit towards Target had no permit in time and nothing was cached: a
 * 429 with {@code Retry-After}, which AJO retries, rather than an email without items.
 */
class UpstreamRateLimitedException extends ErrorResponseException {

	UpstreamRateLimitedException(Duration retryAfter) {
		super(HttpStatus.TOO_MANY_REQUESTS, problem(), null);
		// Whole seconds, at least one: the header has no finer unit.
		long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
		getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
	}

	private static ProblemDetail problem() {
		return ProblemTypes.problem(HttpStatus.TOO_MANY_REQUESTS, "Upstream rate limit reached",
				"The bridge is at its request rate towards Adobe Target; retry after the indicated delay");
	}

}

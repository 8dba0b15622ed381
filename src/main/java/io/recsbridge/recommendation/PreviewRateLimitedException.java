package io.recsbridge.recommendation;

import java.time.Duration;

import io.recsbridge.system.ProblemTypes;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * The caller has made its previews for the minute ({@code BRIDGE_PREVIEW_RATE_LIMIT}): a
 * 429 with {@code Retry-After}.
 */
class PreviewRateLimitedException extends ErrorResponseException {

	PreviewRateLimitedException(Duration retryAfter) {
		this(Math.max(1, (retryAfter.toMillis() + 999) / 1000));
	}

	private PreviewRateLimitedException(long seconds) {
		super(HttpStatus.TOO_MANY_REQUESTS,
				ProblemTypes.problem(HttpStatus.TOO_MANY_REQUESTS, "Too many previews",
						"This caller is over its preview rate (each preview is a real Target call); retry after "
								+ seconds + " s"),
				null);
		getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
	}

}

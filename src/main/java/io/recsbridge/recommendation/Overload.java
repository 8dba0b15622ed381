package io.recsbridge.recommendation;

import java.net.URI;

import io.recsbridge.system.ProblemTypes;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The bridge is at its own capacity: too many requests in flight, or this one waited in
 * the server past its budget before it could be looked at. A 429 with {@code Retry-After}
 * (AJO retries inside its window) and problem type {@code overloaded}, answered at once:
 * a request that can no longer be answered in time is better refused now than answered
 * late.
 */
final class Overload extends ErrorResponseException {

	/** Whole seconds, the header's only unit: the shortest wait it can say. */
	static final String RETRY_AFTER_SECONDS = "1";

	Overload() {
		super(HttpStatus.TOO_MANY_REQUESTS, problem(null), null);
		getHeaders().set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
	}

	/**
	 * The problem both the door and the service answer.
	 * @param instance the request path, or {@code null} where the handler sets it
	 * @return the problem
	 */
	static ProblemDetail problem(URI instance) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
				"The bridge is at its capacity; retry after the indicated delay");
		problem.setType(ProblemTypes.OVERLOADED);
		problem.setTitle("Overloaded");
		problem.setInstance(instance);
		return problem;
	}

}

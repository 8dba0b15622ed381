package io.recsbridge.recommendation;

import io.recsbridge.system.ProblemTypes;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The path names no configured use case. A 404, which AJO does not retry.
 */
class UnknownUseCaseException extends ErrorResponseException {

	UnknownUseCaseException() {
		super(HttpStatus.NOT_FOUND, problem(), null);
	}

	private static ProblemDetail problem() {
		return ProblemTypes.problem(HttpStatus.NOT_FOUND, "Unknown use case", "No use case of that name is configured");
	}

}

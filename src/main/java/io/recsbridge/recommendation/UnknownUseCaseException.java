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
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
				"No use case of that name is configured");
		problem.setType(ProblemTypes.typeFor(HttpStatus.NOT_FOUND));
		problem.setTitle("Unknown use case");
		return problem;
	}

}

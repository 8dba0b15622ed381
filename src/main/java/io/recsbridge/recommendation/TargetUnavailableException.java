package io.recsbridge.recommendation;

import io.recsbridge.system.ProblemTypes;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * Target failed and the use case's fallback policy is {@code error}: a 503, so the
 * journey takes its error path once AJO's retries are spent.
 */
class TargetUnavailableException extends ErrorResponseException {

	private final Reason reason;

	TargetUnavailableException(Reason reason) {
		super(HttpStatus.SERVICE_UNAVAILABLE, problem(reason), null);
		this.reason = reason;
	}

	/**
	 * Why Target gave no answer.
	 * @return {@code target-unavailable} or {@code target-rejected}
	 */
	Reason reason() {
		return this.reason;
	}

	private static ProblemDetail problem(Reason reason) {
		return ProblemTypes.problem(HttpStatus.SERVICE_UNAVAILABLE, "Recommendations unavailable",
				"Adobe Target gave no answer and this use case has no fallback (" + reason.label() + ")");
	}

}

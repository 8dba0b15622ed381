package io.recsbridge.target;

import java.time.Duration;
import java.util.Locale;

/**
 * Target gave no usable answer, or the bridge did not ask it. The message names the
 * failure, never Target's body.
 */
public class TargetCallException extends RuntimeException {

	private final Failure failure;

	private final Duration retryAfter;

	private final boolean retryable;

	public TargetCallException(Failure failure, String message, Throwable cause) {
		this(failure, message, cause, null, failure.transientFailure);
	}

	public TargetCallException(Failure failure, String message) {
		this(failure, message, null);
	}

	private TargetCallException(Failure failure, String message, Throwable cause, Duration retryAfter,
			boolean retryable) {
		super(message, cause);
		this.failure = failure;
		this.retryAfter = retryAfter;
		this.retryable = retryable;
	}

	/**
	 * Target said when to come back ({@code Retry-After} on a 420 or 429).
	 * @param failure the failure
	 * @param message the message
	 * @param retryAfter how long Target asked to wait
	 * @return the exception
	 */
	static TargetCallException throttled(Failure failure, String message, Duration retryAfter) {
		return new TargetCallException(failure, message, null, retryAfter, true);
	}

	/**
	 * The same failure, marked so that no retry is attempted: the budget left cannot pay
	 * for one.
	 * @return the exception, not retryable
	 */
	TargetCallException withoutRetry() {
		TargetCallException copy = new TargetCallException(this.failure, getMessage(), getCause(), this.retryAfter,
				false);
		copy.setStackTrace(getStackTrace());
		return copy;
	}

	/**
	 * What went wrong.
	 * @return the kind of failure
	 */
	public Failure failure() {
		return this.failure;
	}

	/**
	 * How long Target asked callers to wait, when it said.
	 * @return the wait, or {@code null}
	 */
	public Duration retryAfter() {
		return this.retryAfter;
	}

	/**
	 * Whether another attempt within the same request may help.
	 * @return {@code true} for transient upstream failures with budget to retry
	 */
	public boolean retryable() {
		return this.retryable;
	}

	/**
	 * Kinds of failure: from Target itself, or from the bridge declining to call it.
	 */
	public enum Failure {

		/** No answer within the timeout. */
		TIMEOUT(true),

		/** The connection failed: refused, reset, DNS. */
		UNREACHABLE(true),

		/** Target asked callers to slow down (HTTP 420 or 429). */
		THROTTLED(true),

		/** Target failed (HTTP 5xx). */
		SERVER_ERROR(true),

		/** A 2xx whose body is empty or not a Delivery response. */
		INVALID_RESPONSE(true),

		/**
		 * Target refused the request itself (a 4xx other than 420 and 429): the same call
		 * fails again until the configuration changes.
		 */
		REJECTED(false),

		/**
		 * The circuit breaker is open: Target was failing, and is left alone for a while.
		 */
		BREAKER_OPEN(false),

		/** As many calls as the bulkhead allows are already waiting on Target. */
		BULKHEAD_FULL(false),

		/** The bridge's own limit towards Target had no permit within the budget. */
		RATE_LIMITED(false),

		/** The request's deadline came before Target's answer. */
		DEADLINE(false);

		private final boolean transientFailure;

		Failure(boolean transientFailure) {
			this.transientFailure = transientFailure;
		}

		/**
		 * Whether the host called may be down (no answer, no connection, a 5xx), as
		 * opposed to Target judging the request or the bridge not calling.
		 * @return {@code true} for timeouts, unreachable hosts and server errors
		 */
		public boolean edgeDown() {
			return this == TIMEOUT || this == UNREACHABLE || this == SERVER_ERROR;
		}

		/**
		 * The label this failure carries in metrics.
		 * @return a lower-case name
		 */
		public String outcome() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

}

package io.recsbridge.target;

/**
 * Target gave no usable answer. The message names the failure, never Target's body.
 */
public class TargetCallException extends RuntimeException {

	private final Failure failure;

	public TargetCallException(Failure failure, String message, Throwable cause) {
		super(message, cause);
		this.failure = failure;
	}

	public TargetCallException(Failure failure, String message) {
		this(failure, message, null);
	}

	/**
	 * Whether asking again could help.
	 * @return the kind of failure
	 */
	public Failure failure() {
		return this.failure;
	}

	/**
	 * Kinds of failure. All but {@link #REJECTED} may pass on a later call.
	 */
	public enum Failure {

		/** No answer within the timeout. */
		TIMEOUT,

		/** The connection failed: refused, reset, DNS. */
		UNREACHABLE,

		/** Target asked callers to slow down (HTTP 420 or 429). */
		THROTTLED,

		/** Target failed (HTTP 5xx). */
		SERVER_ERROR,

		/** A 2xx whose body is empty or not a Delivery response. */
		INVALID_RESPONSE,

		/**
		 * Target refused the request itself (a 4xx other than 420 and 429): the same call
		 * fails again until the configuration changes.
		 */
		REJECTED;

		/**
		 * The label this failure carries in metrics.
		 * @return a lower-case name
		 */
		public String outcome() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

	}

}

package io.recsbridge.recommendation;

import com.fasterxml.jackson.annotation.JsonValue;
import io.recsbridge.target.TargetCallException;
import io.recsbridge.target.TargetCallException.Failure;

/**
 * Why an answer has no items, or why they did not come from Target.
 */
public enum Reason {

	/** All went well. */
	NONE(""),

	/** No ECID could be found for the person. */
	IDENTITY_NOT_FOUND("identity-not-found"),

	/** Target answered, with nothing to show. */
	NO_RECOMMENDATIONS("no-recommendations"),

	/** Target could not be reached, was too slow, or answered garbage. */
	TARGET_UNAVAILABLE("target-unavailable"),

	/** Target refused the request (a 4xx). */
	TARGET_REJECTED("target-rejected"),

	/** Target answered content the bridge cannot read, such as an HTML design. */
	INVALID_CONTENT("invalid-content");

	private final String label;

	Reason(String label) {
		this.label = label;
	}

	@JsonValue
	public String label() {
		return this.label;
	}

	/**
	 * Why Target gave no items: it refused the request, or was not there for it.
	 * @param failure the failure, or {@code null}
	 * @return {@link #TARGET_REJECTED} or {@link #TARGET_UNAVAILABLE}
	 */
	static Reason of(TargetCallException failure) {
		return (failure != null && failure.failure() == Failure.REJECTED) ? TARGET_REJECTED : TARGET_UNAVAILABLE;
	}

}

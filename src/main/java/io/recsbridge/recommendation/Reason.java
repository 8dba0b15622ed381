package io.recsbridge.recommendation;

import com.fasterxml.jackson.annotation.JsonValue;

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

}

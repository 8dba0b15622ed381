package io.recsbridge.recommendation;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where the items of an answer came from.
 */
public enum Source {

	/** Fresh from Target. */
	TARGET,

	/** A fresh cached answer from Target. */
	CACHE,

	/** A last-good answer, served because Target failed. */
	STALE,

	/** The use case's fallback policy. */
	FALLBACK,

	/** Nothing to show. */
	NONE;

	@JsonValue
	public String label() {
		return name().toLowerCase(Locale.ROOT);
	}

}

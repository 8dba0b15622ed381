package io.recsbridge.recommendation;

import java.util.Map;

/**
 * Hears the mapper's decision on every entity, for the preview. A send passes
 * {@link #NONE}.
 */
@FunctionalInterface
interface EntityLog {

	/** Hears nothing. */
	EntityLog NONE = (option, entity, fate, rank) -> {
	};

	/**
	 * One entity decided.
	 * @param option the index of the Target option it came from
	 * @param entity its attributes as the design rendered them
	 * @param fate kept or why not
	 * @param rank its rank when kept, else 0
	 */
	void decided(int option, Map<String, String> entity, Fate fate, int rank);

}

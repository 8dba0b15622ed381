package io.recsbridge.sandbox;

import java.util.Map;

/**
 * The sandbox's stand-in for a Recommendations activity on an mbox: what its response
 * tokens say about it.
 *
 * @param id {@code activity.id}
 * @param name {@code activity.name}
 * @param experienceName {@code experience.name}
 * @param optionId {@code option.id}
 */
record Activity(String id, String name, String experienceName, String optionId) {

	static final Activity ABANDONED_CART = new Activity("900101", "Sandbox - abandoned cart (Cart-Based)",
			"Experience A", "2");

	static final Activity RECENTLY_VIEWED = new Activity("900102", "Sandbox - recently viewed (Recently Viewed Items)",
			"Experience A", "3");

	Map<String, String> responseTokens() {
		return Map.of("activity.id", this.id, "activity.name", this.name, "experience.name", this.experienceName,
				"option.id", this.optionId);
	}

}

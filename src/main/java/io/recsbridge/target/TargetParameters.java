package io.recsbridge.target;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Target's Recommendations parameters for a query, the same whichever transport carries
 * them (the Delivery API's mbox {@code parameters}, the Edge Network's
 * {@code data.__adobe.target}): so a long id list is cut the same way on both roads.
 */
final class TargetParameters {

	/** Target rejects a parameter value longer than this. */
	static final int MAX_VALUE_LENGTH = 5000;

	private TargetParameters() {
	}

	/**
	 * The cart's ids (the first ten), the excluded ids, and the flag that keeps this
	 * server-side call out of the visitor's history.
	 * @param query the query
	 * @return parameter names to values, in a stable order
	 */
	static Map<String, String> of(TargetQuery query) {
		Map<String, String> parameters = new LinkedHashMap<>();
		List<String> cartIds = query.cartIdsForTarget();
		if (!cartIds.isEmpty()) {
			parameters.put("cartIds", commaList(cartIds));
		}
		if (!query.excludedIds().isEmpty()) {
			parameters.put("excludedIds", commaList(query.excludedIds()));
		}
		// A server-side call is not a product view: keep it out of the visitor's history.
		parameters.put("entity.event.detailsOnly", "true");
		return parameters;
	}

	/**
	 * Joins ids with commas, leaving out the ids that would push the value past Target's
	 * limit. Excluded ids left out here are still filtered from the answer.
	 */
	private static String commaList(List<String> ids) {
		StringBuilder joined = new StringBuilder();
		for (String id : ids) {
			int length = joined.length() + ((joined.length() > 0) ? 1 : 0) + id.length();
			if (length > MAX_VALUE_LENGTH) {
				break;
			}
			if (joined.length() > 0) {
				joined.append(',');
			}
			joined.append(id);
		}
		return joined.toString();
	}

}

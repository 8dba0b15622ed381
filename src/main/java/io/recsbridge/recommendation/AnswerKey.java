package io.recsbridge.recommendation;

import java.util.List;

/**
 * Everything that makes two requests' answers the same: the cache key, and the key under
 * which identical concurrent requests share one Target call.
 *
 * @param useCase the use case
 * @param ecid the visitor
 * @param thirdPartyId the customer id, or {@code ""}
 * @param cartIds the cart ids as Target receives them (order matters to Cart-Based
 * criteria)
 * @param excludedIds the excluded ids, sorted (a set)
 * @param maxItems the cap
 * @param locale the price locale's language tag
 * @param currency the price currency
 */
record AnswerKey(String useCase, String ecid, String thirdPartyId, List<String> cartIds, List<String> excludedIds,
		int maxItems, String locale, String currency) {

	AnswerKey {
		cartIds = List.copyOf(cartIds);
		excludedIds = excludedIds.stream().sorted().toList();
	}

}

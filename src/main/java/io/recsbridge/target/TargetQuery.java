package io.recsbridge.target;

import java.util.List;

/**
 * One visitor's request for one mbox, in the bridge's terms rather than a transport's.
 *
 * @param requestId correlates the bridge's answer with Target's logs
 * @param ecid the visitor's Experience Cloud ID
 * @param thirdPartyId the customer id Target merges profiles by, or {@code null}
 * @param mbox the mbox whose Recommendations activity renders the items
 * @param cartIds the abandoned cart's item ids, in cart order
 * @param excludedIds ids Target must not recommend
 * @param exchanges hears what the transport sends and receives;
 * {@link TargetExchanges#NONE} but for a preview
 */
public record TargetQuery(String requestId, String ecid, String thirdPartyId, String mbox, List<String> cartIds,
		List<String> excludedIds, TargetExchanges exchanges) {

	/** Target reads only the first ten {@code cartIds}. */
	public static final int MAX_CART_IDS = 10;

	public TargetQuery {
		cartIds = List.copyOf(cartIds);
		excludedIds = List.copyOf(excludedIds);
	}

	/**
	 * A query whose exchanges nobody records.
	 * @param requestId correlates the bridge's answer with Target's logs
	 * @param ecid the visitor's Experience Cloud ID
	 * @param thirdPartyId the customer id, or {@code null}
	 * @param mbox the mbox
	 * @param cartIds the abandoned cart's item ids
	 * @param excludedIds ids Target must not recommend
	 */
	public TargetQuery(String requestId, String ecid, String thirdPartyId, String mbox, List<String> cartIds,
			List<String> excludedIds) {
		this(requestId, ecid, thirdPartyId, mbox, cartIds, excludedIds, TargetExchanges.NONE);
	}

	/**
	 * The cart ids Target will use.
	 * @return at most {@link #MAX_CART_IDS} ids
	 */
	public List<String> cartIdsForTarget() {
		return this.cartIds.subList(0, Math.min(MAX_CART_IDS, this.cartIds.size()));
	}

}

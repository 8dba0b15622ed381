package io.recsbridge.recommendation;

/**
 * What a use case's {@code items} are when Target fails and no last-good answer is
 * cached. The cart is not the fallback's to give: it is in every answer's {@code cart}.
 */
public enum FallbackPolicy {

	/**
	 * Read as {@link #EMPTY}, with a warning at start-up. It used to put the cart's lines
	 * in {@code items}; the cart now always stands in {@code cart}, and {@code items}
	 * never holds an item of the cart. Kept so that existing configurations start.
	 */
	CART_ITEMS,

	/** A configured list, such as best sellers, from a JSON file. */
	STATIC,

	/** No items: the journey branches on {@code hasItems}. */
	EMPTY,

	/** A 503 problem: the journey takes its error path. */
	ERROR

}

package io.recsbridge.recommendation;

/**
 * What a use case answers when Target fails and no last-good answer is cached.
 */
public enum FallbackPolicy {

	/**
	 * The request's own {@code cartItems}: the abandoned-cart email still goes out with
	 * what the cart held.
	 */
	CART_ITEMS,

	/** A configured list, such as best sellers, from a JSON file. */
	STATIC,

	/** No items: the journey branches on {@code hasItems}. */
	EMPTY,

	/** A 503 problem: the journey takes its error path. */
	ERROR

}

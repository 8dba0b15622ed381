package io.recsbridge.sandbox;

import java.util.List;

/**
 * What the sandbox's Target knows of one visitor.
 *
 * @param viewed viewed entity ids, the most recent first
 * @param cart the last cart recorded, in cart order
 */
record VisitorProfile(List<String> viewed, List<String> cart) {

	static final VisitorProfile EMPTY = new VisitorProfile(List.of(), List.of());

	VisitorProfile {
		viewed = List.copyOf(viewed);
		cart = List.copyOf(cart);
	}

}

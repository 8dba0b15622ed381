package io.recsbridge.sandbox;

import java.util.List;

/**
 * What the sandbox's Target knows of one visitor: what was viewed. No cart: Target stores
 * none, its Cart-Based criteria read the {@code cartIds} of each request.
 *
 * @param viewed viewed entity ids, the most recent first
 */
record VisitorProfile(List<String> viewed) {

	static final VisitorProfile EMPTY = new VisitorProfile(List.of());

	VisitorProfile {
		viewed = List.copyOf(viewed);
	}

}

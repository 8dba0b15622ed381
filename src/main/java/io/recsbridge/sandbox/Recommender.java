package io.recsbridge.sandbox;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The two Recommendations criteria the bridge's activities use, over the sandbox catalog,
 * with popular items as Target's backup recommendations when the visitor has no history.
 */
final class Recommender {

	/** How many entities the project's design renders. */
	static final int MAX_ENTITIES = 10;

	private final Catalog catalog;

	Recommender(Catalog catalog) {
		this.catalog = catalog;
	}

	/**
	 * Cart-Based: the cart's items in cart order, then what goes with them.
	 * @param profile the visitor's profile
	 * @param cartIds the request's {@code cartIds}, which win over the recorded cart;
	 * empty when not sent
	 * @param excludedIds ids never to recommend
	 * @return the items, or popular items when there is no cart
	 */
	Recommendation cartBased(VisitorProfile profile, List<String> cartIds, Collection<String> excludedIds) {
		List<Product> cart = known(cartIds.isEmpty() ? profile.cart() : cartIds);
		if (cart.isEmpty()) {
			return popular(excludedIds);
		}
		List<Product> entities = cap(Stream.concat(cart.stream(), this.catalog.goingWith(cart).stream()), excludedIds);
		return new Recommendation(cart.get(0).id(), entities);
	}

	/**
	 * Recently Viewed Items: the visitor's views, the most recent first.
	 * @param profile the visitor's profile
	 * @param excludedIds ids never to recommend
	 * @return the items, or popular items when nothing was viewed
	 */
	Recommendation recentlyViewed(VisitorProfile profile, Collection<String> excludedIds) {
		List<Product> viewed = known(profile.viewed());
		if (viewed.isEmpty()) {
			return popular(excludedIds);
		}
		return new Recommendation("", cap(viewed.stream(), excludedIds));
	}

	private Recommendation popular(Collection<String> excludedIds) {
		return new Recommendation("", cap(this.catalog.popular().stream(), excludedIds));
	}

	/**
	 * Ids the catalog lacks are dropped, as Target drops entities it has no record of.
	 */
	private List<Product> known(List<String> ids) {
		List<Product> products = new ArrayList<>();
		new LinkedHashSet<>(ids).forEach((id) -> this.catalog.find(id).ifPresent(products::add));
		return products;
	}

	private static List<Product> cap(Stream<Product> candidates, Collection<String> excludedIds) {
		Set<String> excluded = Set.copyOf(excludedIds);
		return candidates.distinct().filter((product) -> !excluded.contains(product.id())).limit(MAX_ENTITIES).toList();
	}

}

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

	/**
	 * Target's most entities for one design. How many the design shows is the design's
	 * own bound ({@code #if($foreach.count > N)#break#end}): Target sizes its fetch from
	 * it, and the sandbox renders through the same design.
	 */
	static final int MAX_ENTITIES = 99;

	private final Catalog catalog;

	Recommender(Catalog catalog) {
		this.catalog = catalog;
	}

	/**
	 * Cart-Based ("People Who Viewed These, Also Viewed"): what goes with the cart, never
	 * the cart's own items, as Target's Cart-Based criteria recommend other items than
	 * the ones specified. Target stores no cart: the request's {@code cartIds} are the
	 * cart.
	 * @param cartIds the request's {@code cartIds}
	 * @param excludedIds ids never to recommend
	 * @return the items, or popular items (Target's backup recommendations) when the cart
	 * holds nothing the catalog knows
	 */
	Recommendation cartBased(List<String> cartIds, Collection<String> excludedIds) {
		List<Product> cart = known(cartIds);
		if (cart.isEmpty()) {
			return popular(excludedIds);
		}
		return new Recommendation(cart.get(0).id(), cap(this.catalog.goingWith(cart).stream(), excludedIds));
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

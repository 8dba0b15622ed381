package io.recsbridge.sandbox;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RecommenderTests {

	private final Recommender recommender = new Recommender(TestCatalogs.small());

	private static List<String> ids(Recommendation recommendation) {
		return recommendation.entities().stream().map(Product::id).toList();
	}

	private static VisitorProfile cart(String... ids) {
		return new VisitorProfile(List.of(), List.of(ids));
	}

	private static VisitorProfile viewed(String... ids) {
		return new VisitorProfile(List.of(ids), List.of());
	}

	@Test
	void cartBasedAnswersTheCartInCartOrderThenWhatGoesWithIt() {
		Recommendation recommendation = this.recommender.cartBased(cart("coat-1"), List.of(), List.of());
		assertThat(ids(recommendation)).containsExactly("coat-1", "scarf-1", "coat-2", "scarf-2");
		assertThat(recommendation.keyId()).isEqualTo("coat-1");
	}

	@Test
	void cartBasedPrefersTheRequestsCartIdsOverTheRecordedCart() {
		Recommendation recommendation = this.recommender.cartBased(cart("coat-1"), List.of("hat-1"), List.of());
		assertThat(ids(recommendation)).containsExactly("hat-1");
	}

	@Test
	void cartBasedSkipsIdsTheCatalogLacks() {
		assertThat(ids(this.recommender.cartBased(cart("gone", "scarf-2"), List.of(), List.of())))
			.containsExactly("scarf-2", "scarf-1");
	}

	@Test
	void cartBasedWithoutACartAnswersPopularItems() {
		Recommendation recommendation = this.recommender.cartBased(VisitorProfile.EMPTY, List.of(), List.of());
		assertThat(ids(recommendation)).containsExactly("scarf-1", "coat-2", "hat-1", "coat-1", "scarf-2");
		assertThat(recommendation.keyId()).isEmpty();
	}

	@Test
	void excludedIdsAreNeverRecommended() {
		assertThat(ids(this.recommender.cartBased(cart("coat-1"), List.of(), List.of("coat-1", "scarf-1"))))
			.containsExactly("coat-2", "scarf-2");
		assertThat(ids(this.recommender.recentlyViewed(viewed("hat-1", "coat-2"), List.of("hat-1"))))
			.containsExactly("coat-2");
	}

	@Test
	void recentlyViewedAnswersTheViewsInProfileOrder() {
		assertThat(ids(this.recommender.recentlyViewed(viewed("hat-1", "coat-2", "gone"), List.of())))
			.containsExactly("hat-1", "coat-2");
	}

	@Test
	void recentlyViewedWithoutHistoryAnswersPopularItems() {
		assertThat(ids(this.recommender.recentlyViewed(VisitorProfile.EMPTY, List.of()))).startsWith("scarf-1",
				"coat-2");
	}

	@Test
	void atMostTenEntitiesAreRecommended() {
		Recommender demo = new Recommender(TestCatalogs.demo());
		List<String> manyViews = IntStream.range(0, 20)
			.mapToObj((i) -> TestCatalogs.demo().popular().get(i).id())
			.toList();
		assertThat(demo.recentlyViewed(new VisitorProfile(manyViews, List.of()), List.of()).entities())
			.hasSize(Recommender.MAX_ENTITIES);
		assertThat(demo.cartBased(VisitorProfile.EMPTY, List.of(), List.of()).entities())
			.hasSize(Recommender.MAX_ENTITIES);
	}

	@Test
	void theDemoCartVisitorGetsTheCoatsAndTheSweatshirtFirst() {
		Recommender demo = new Recommender(TestCatalogs.demo());
		VisitorProfiles profiles = new VisitorProfiles(10, 20);
		DemoVisitors.seed(profiles);
		List<String> ids = ids(demo.cartBased(profiles.get(DemoVisitors.CART_VISITOR), List.of(), List.of()));
		assertThat(ids).hasSize(Recommender.MAX_ENTITIES)
			.startsWith("coat-alpine-01", "coat-parka-02", "sweat-crew-03");
		assertThat(ids.subList(3, ids.size())).doesNotContainAnyElementsOf(DemoVisitors.CART);
	}

}

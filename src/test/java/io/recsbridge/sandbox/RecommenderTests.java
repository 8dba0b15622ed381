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

	private static VisitorProfile viewed(String... ids) {
		return new VisitorProfile(List.of(ids));
	}

	@Test
	void cartBasedAnswersWhatGoesWithTheCartAndNeverTheCartsOwnItems() {
		Recommendation recommendation = this.recommender.cartBased(List.of("coat-1"), List.of());
		assertThat(ids(recommendation)).containsExactly("scarf-1", "coat-2", "scarf-2");
		assertThat(recommendation.keyId()).isEqualTo("coat-1");
	}

	@Test
	void cartBasedSkipsIdsTheCatalogLacks() {
		assertThat(ids(this.recommender.cartBased(List.of("gone", "scarf-2"), List.of()))).containsExactly("scarf-1");
	}

	@Test
	void cartBasedWithoutAKnownCartAnswersPopularItems() {
		Recommendation recommendation = this.recommender.cartBased(List.of("gone"), List.of());
		assertThat(ids(recommendation)).containsExactly("scarf-1", "coat-2", "hat-1", "coat-1", "scarf-2");
		assertThat(recommendation.keyId()).isEmpty();
	}

	@Test
	void excludedIdsAreNeverRecommended() {
		assertThat(ids(this.recommender.cartBased(List.of("coat-1"), List.of("scarf-1")))).containsExactly("coat-2",
				"scarf-2");
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
	void atMostTargetsNinetyNineEntitiesAreChosen() {
		List<Product> many = IntStream.range(0, 120).mapToObj((i) -> TestCatalogs.product("p-" + i, "c", i)).toList();
		Recommender large = new Recommender(new Catalog(many, java.util.Map.of()));
		assertThat(large.cartBased(List.of("none"), List.of()).entities()).hasSize(Recommender.MAX_ENTITIES);
		assertThat(large.cartBased(List.of("p-0"), List.of()).entities()).hasSize(Recommender.MAX_ENTITIES);
	}

	@Test
	void theDemoCartGetsWhatGoesWithTheCoatsAndTheSweatshirtButNoneOfThem() {
		Recommender demo = new Recommender(TestCatalogs.demo());
		List<String> ids = ids(demo.cartBased(DemoVisitors.CART, List.of()));
		assertThat(ids).isNotEmpty().doesNotContainAnyElementsOf(DemoVisitors.CART);
	}

}

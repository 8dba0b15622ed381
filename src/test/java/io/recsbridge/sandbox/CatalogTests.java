package io.recsbridge.sandbox;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CatalogTests {

	private final Catalog catalog = TestCatalogs.demo();

	@Test
	void demoCatalogIsAClothingStoreOfAtLeastThirtyProducts() {
		assertThat(this.catalog.size()).isGreaterThanOrEqualTo(30);
		assertThat(this.catalog.popular()).extracting(Product::categoryId)
			.contains("coats", "parkas", "sweatshirts", "knitwear", "boots", "accessories");
	}

	@Test
	void demoProductsHaveKebabIdsAbsoluteHttpsUrlsAndPrices() {
		for (Product product : this.catalog.popular()) {
			assertThat(product.id()).matches("[a-z0-9]+(-[a-z0-9]+)*");
			assertThat(product.name()).isNotBlank();
			assertThat(product.brand()).isNotBlank();
			assertThat(URI.create(product.pageUrl())).satisfies((uri) -> {
				assertThat(uri.getScheme()).isEqualTo("https");
				assertThat(uri.getHost()).isEqualTo("shop.example.com");
			});
			assertThat(URI.create(product.thumbnailUrl())).satisfies((uri) -> {
				assertThat(uri.getScheme()).isEqualTo("https");
				assertThat(uri.getHost()).isEqualTo("cdn.example.com");
			});
			assertThat(product.value()).matches("\\d+(\\.\\d+)?");
			assertThat(product.message()).isNotNull();
		}
	}

	@Test
	void demoCatalogHasANameThatNeedsEscaping() {
		assertThat(this.catalog.popular()).anySatisfy((product) -> assertThat(product.name()).contains("\""));
	}

	@Test
	void popularItemsAreOrderedByRank() {
		assertThat(this.catalog.popular()).extracting(Product::popularity).isSorted().doesNotHaveDuplicates();
	}

	@Test
	void idsWithCommasAreRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new Catalog(List.of(TestCatalogs.product("a,b", "coats", 1)), Map.of()));
	}

	@Test
	void duplicateIdsAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Catalog(
				List.of(TestCatalogs.product("a", "coats", 1), TestCatalogs.product("a", "coats", 2)), Map.of()));
	}

	@Test
	void valueRendersWithoutTrailingZeros() {
		Product product = new Product("p", "P", "c", "b", "u", "t", "35.00", 3, "", 1, null);
		assertThat(product.attributes()).containsEntry("value", "35").containsEntry("inventory", "3");
		Product unparsable = new Product("p", "P", "c", "b", "u", "t", "n/a", 3, "", 1, null);
		assertThat(unparsable.attributes()).containsEntry("value", "n/a");
	}

}

package io.recsbridge.sandbox;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.core.io.ClassPathResource;

/**
 * Catalogs for tests: the shipped demo catalog, and products made to order.
 */
final class TestCatalogs {

	private TestCatalogs() {
	}

	static Catalog demo() {
		return Catalog.load(new ObjectMapper(), new ClassPathResource(SandboxConfiguration.CATALOG));
	}

	static Product product(String id, String categoryId, int popularity) {
		return new Product(id, "Name of " + id, categoryId, "Brand", "https://shop.example.com/p/" + id,
				"https://cdn.example.com/img/" + id + ".jpg", "10", 1, "", popularity, Map.of("category", categoryId));
	}

	/**
	 * Coats go with scarves; hats go with nothing. Popularity: scarf-1, coat-2, hat-1,
	 * coat-1, scarf-2.
	 */
	static Catalog small() {
		return new Catalog(
				List.of(product("coat-1", "coats", 4), product("coat-2", "coats", 2), product("scarf-1", "scarves", 1),
						product("scarf-2", "scarves", 5), product("hat-1", "hats", 3)),
				Map.of("coats", List.of("scarves")));
	}

}

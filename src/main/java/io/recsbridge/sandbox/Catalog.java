package io.recsbridge.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.core.io.Resource;

/**
 * The demo store's products, and which categories go with which.
 */
final class Catalog {

	private final Map<String, Product> products;

	private final Map<String, List<String>> complements;

	private final List<Product> byPopularity;

	Catalog(List<Product> products, Map<String, List<String>> complements) {
		Map<String, Product> byId = new LinkedHashMap<>();
		for (Product product : products) {
			if (product.id() == null || product.id().isBlank() || product.id().contains(",")) {
				throw new IllegalArgumentException("Catalog ids must be non-blank and comma-free: " + product.id());
			}
			if (byId.putIfAbsent(product.id(), product) != null) {
				throw new IllegalArgumentException("Duplicate catalog id " + product.id());
			}
		}
		this.products = Map.copyOf(byId);
		this.complements = Map.copyOf(complements);
		this.byPopularity = products.stream().sorted(Comparator.comparingInt(Product::popularity)).toList();
	}

	static Catalog load(ObjectMapper objectMapper, Resource resource) {
		try (InputStream input = resource.getInputStream()) {
			CatalogFile file = objectMapper.readValue(input, CatalogFile.class);
			return new Catalog(file.products(), file.complements());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The sandbox catalog " + resource + " could not be read", ex);
		}
	}

	Optional<Product> find(String id) {
		return Optional.ofNullable(this.products.get(id));
	}

	/**
	 * Every product, the most popular first: Target's backup recommendations.
	 */
	List<Product> popular() {
		return this.byPopularity;
	}

	/**
	 * Products of the same categories as the given ones or of a complementary category,
	 * the most popular first, without the given products themselves.
	 */
	List<Product> goingWith(Collection<Product> anchors) {
		Set<String> categories = new LinkedHashSet<>();
		for (Product anchor : anchors) {
			categories.add(anchor.categoryId());
			categories.addAll(this.complements.getOrDefault(anchor.categoryId(), List.of()));
		}
		return this.byPopularity.stream()
			.filter((product) -> categories.contains(product.categoryId()) && !anchors.contains(product))
			.toList();
	}

	int size() {
		return this.products.size();
	}

	/**
	 * {@code catalog.json} as written.
	 *
	 * @param complements category to the categories that go with it
	 * @param products the products
	 */
	record CatalogFile(Map<String, List<String>> complements, List<Product> products) {

		CatalogFile {
			complements = (complements != null) ? complements : Map.of();
			products = (products != null) ? products : List.of();
		}

	}

}

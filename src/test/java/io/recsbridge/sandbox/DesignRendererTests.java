package io.recsbridge.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class DesignRendererTests {

	private static final Path SAMPLE = Path.of("openapi/target/sample-rendered.json");

	/**
	 * The design's {@code #if($foreach.count > 24)#break#end}, which
	 * openapi/target/README.md documents.
	 */
	private static final int DESIGN_BOUND = 24;

	private final ObjectMapper objectMapper = new ObjectMapper();

	private final DesignRenderer renderer = new DesignRenderer(this.objectMapper);

	private static Product named(String name) {
		return new Product("tote-1", name, "bags", "Brand \"B\"", "https://shop.example.com/p/tote-1",
				"https://cdn.example.com/img/tote-1.jpg", "35.00", 7, "Say \"hi\"", 1,
				Map.of("category", "Bags", "salePrice", "29", "rating", "4.5", "margin", "0.4"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "12\" Tote", "Back\\slash", "\\\"", "Trailing \\", "Ünïcödé & <b>", "$entity4.name", "" })
	void awkwardNamesRenderValidJsonWithTheNameIntact(String name) {
		JsonNode rendered = this.renderer.renderJson(new Recommendation("", List.of(named(name))));
		JsonNode item = rendered.get("items").get(0);
		assertThat(item.get("name").asText()).isEqualTo(name);
		assertThat(item.get("brand").asText()).isEqualTo("Brand \"B\"");
		assertThat(item.get("message").asText()).isEqualTo("Say \"hi\"");
	}

	@Test
	void attributesRenderAsTargetRendersThem() {
		JsonNode item = this.renderer.renderJson(new Recommendation("tote-1", List.of(named("Tote"))))
			.get("items")
			.get(0);
		assertThat(item.get("id").asText()).isEqualTo("tote-1");
		assertThat(item.has("categoryId")).as("Target cannot display categoryId").isFalse();
		assertThat(item.get("category").asText()).isEqualTo("Bags");
		assertThat(item.get("salePrice").asText()).isEqualTo("29");
		assertThat(item.get("rating").asText()).isEqualTo("4.5");
		assertThat(item.has("margin")).isFalse();
		assertThat(item.get("pageUrl").asText()).isEqualTo("https://shop.example.com/p/tote-1");
		assertThat(item.get("thumbnailUrl").asText()).isEqualTo("https://cdn.example.com/img/tote-1.jpg");
		assertThat(item.get("value").asText()).isEqualTo("35");
		assertThat(item.get("inventory").asText()).isEqualTo("7");
	}

	@Test
	void missingAttributesRenderEmptyAndNoPlaceholderIsLeft() {
		Product bare = new Product("bare-1", null, null, null, null, null, null, 0, null, 1, null);
		String rendered = this.renderer.render(new Recommendation("", List.of(bare, bare)));
		assertThat(rendered).doesNotContain("$").doesNotContain("#");
		JsonNode item = this.renderer.renderJson(new Recommendation("", List.of(bare))).get("items").get(0);
		assertThat(item.get("id").asText()).isEqualTo("bare-1");
		assertThat(item.get("name").asText()).isEmpty();
		assertThat(item.get("value").asText()).isEmpty();
	}

	@Test
	void keyIsEmptyWhenTheCriteriaHasNone() throws Exception {
		JsonNode rendered = this.renderer.renderJson(new Recommendation("", List.of()));
		assertThat(rendered.get("key").asText()).isEmpty();
		assertThat(rendered.get("items")).isEmpty();
		assertThat(this.renderer.render(new Recommendation("", List.of()))).doesNotContain("$");
	}

	@Test
	void everyEntityIsRenderedInOrder() {
		List<Product> products = TestCatalogs.demo().popular().subList(0, 10);
		JsonNode items = this.renderer.renderJson(new Recommendation(products.get(0).id(), products)).get("items");
		assertThat(items).hasSize(10);
		for (int i = 0; i < 10; i++) {
			assertThat(items.get(i).get("id").asText()).isEqualTo(products.get(i).id());
		}
	}

	@Test
	void theDesignShowsAtMostItsDocumentedBoundOfEntities() {
		List<Product> all = TestCatalogs.demo().popular();
		assertThat(all).hasSizeGreaterThan(DESIGN_BOUND);

		JsonNode items = this.renderer.renderJson(new Recommendation("", all)).get("items");

		assertThat(items).hasSize(DESIGN_BOUND);
		assertThat(items.get(DESIGN_BOUND - 1).get("id").asText()).isEqualTo(all.get(DESIGN_BOUND - 1).id());
	}

	@Test
	void sampleFileIsWhatTheDesignRendersForTheDemoCart() throws Exception {
		Recommendation recommendation = new Recommender(TestCatalogs.demo()).cartBased(DemoVisitors.CART, List.of());
		JsonNode sample = this.objectMapper.readTree(Files.readString(SAMPLE));
		assertThat(this.renderer.renderJson(recommendation)).isEqualTo(sample);
	}

}

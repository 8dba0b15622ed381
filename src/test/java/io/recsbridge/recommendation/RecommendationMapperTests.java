package io.recsbridge.recommendation;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import io.recsbridge.recommendation.RecommendationMapper.Audience;
import io.recsbridge.recommendation.RecommendationMapper.Recommendations;
import io.recsbridge.support.BoundProperties;
import io.recsbridge.target.TargetDecision;
import io.recsbridge.target.TargetOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.skyscreamer.jsonassert.JSONAssert;
import org.skyscreamer.jsonassert.JSONCompareMode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mapper over the content forms Target returns, checked against golden email
 * payloads.
 */
class RecommendationMapperTests {

	private static final Map<String, String> TOKENS = Map.of("activity.id", "302740", "activity.name",
			"Email - abandoned cart", "experience.name", "Experience A");

	private final ObjectMapper objectMapper = new ObjectMapper();

	private final RecommendationMapper mapper = mapper(URI.create("https://cdn.example.com"),
			URI.create("https://shop.example.com"));

	private final UseCase abandonedCart = UseCase.of("abandoned-cart",
			new BridgeProperties.UseCaseProperties("ajo-abandoned-cart", 4,
					orderedTracking("utm_source", "ajo", "utm_medium", "email", "utm_campaign", "abandoned-cart"),
					FallbackPolicy.EMPTY, null, null, List.of("salePrice", "rating"), null));

	@Test
	void designRenderedAsAJsonStringMapsToTheGoldenItems() throws Exception {
		Recommendations result = map(new TextNode(fixture("design-items.json")), List.of("sweat-crew-03"), 4);

		assertGolden(result.items(), "email-items-cart.json");
		assertThat(result.reason()).isEqualTo(Reason.NONE);
		assertThat(result.activityId()).isEqualTo("302740");
		assertThat(result.activityName()).isEqualTo("Email - abandoned cart");
		assertThat(result.experienceName()).isEqualTo("Experience A");
	}

	@Test
	void designRenderedAsAJsonObjectMapsToTheSameItems() throws Exception {
		Recommendations result = map(this.objectMapper.readTree(fixture("design-items.json")), List.of("sweat-crew-03"),
				4);

		assertGolden(result.items(), "email-items-cart.json");
	}

	@Test
	void topLevelArrayOfEntitiesIsRead() throws Exception {
		JsonNode items = this.objectMapper.readTree(fixture("design-items.json")).get("items");

		Recommendations result = map(items, List.of("sweat-crew-03"), 4);

		assertGolden(result.items(), "email-items-cart.json");
	}

	@Test
	void entityPrefixedAttributeNamesReadLikePlainOnes() throws Exception {
		Recommendations result = map(json("""
				[{"entity.id": "coat-alpine-01", "entity.name": "Alpine Down Coat", "entity.value": "249"}]
				"""), List.of(), 4);

		assertThat(result.items()).singleElement().satisfies((item) -> {
			assertThat(item.id()).isEqualTo("coat-alpine-01");
			assertThat(item.name()).isEqualTo("Alpine Down Coat");
			assertThat(item.formattedPrice()).isEqualTo("$249.00");
		});
	}

	@Test
	void simpleJsonSlotsAreReadInSlotOrderAndEmptySlotsDropped() throws Exception {
		Recommendations result = map(new TextNode("""
				{"recommendedItems": {"key": "coat-alpine-01", "slot-02": "coat-parka-02",
				 "slot-01": "coat-alpine-01", "slot-10": "scarf-wool-07", "slot-03": "$entity3.id", "slot-04": ""}}
				"""), List.of(), 10);

		assertThat(result.items()).extracting(EmailItem::id)
			.containsExactly("coat-alpine-01", "coat-parka-02", "scarf-wool-07");
		assertThat(result.items()).extracting(EmailItem::rank).containsExactly(1, 2, 3);
		assertThat(result.items()).allSatisfy((item) -> {
			assertThat(item.name()).isEmpty();
			assertThat(item.productUrl()).isEmpty();
			assertThat(item.price()).isZero();
			assertThat(item.formattedPrice()).isEmpty();
		});
	}

	@Test
	void itemsAreUniqueNeverExcludedRankedFromOneAndCapped() throws Exception {
		Recommendations result = map(json("""
				{"items": [{"id": "a"}, {"id": "b"}, {"id": "a"}, {"id": "x"}, {"id": " "}, {"id": "c"},
				 {"id": "d"}, {"id": "e"}]}
				"""), List.of("x"), 3);

		assertThat(result.items()).extracting(EmailItem::id).containsExactly("a", "b", "c");
		assertThat(result.items()).extracting(EmailItem::rank).containsExactly(1, 2, 3);
	}

	@Test
	void itemsFromSeveralOptionsAreMergedInOrder() throws Exception {
		TargetDecision decision = new TargetDecision(
				List.of(new TargetOption("json", json("{\"items\": [{\"id\": \"a\"}, {\"id\": \"b\"}]}"), Map.of()),
						new TargetOption("json", json("{\"items\": [{\"id\": \"b\"}, {\"id\": \"c\"}]}"), TOKENS)));

		Recommendations result = this.mapper.map(decision, audience(List.of(), 10, Locale.US, "USD"));

		assertThat(result.items()).extracting(EmailItem::id).containsExactly("a", "b", "c");
		assertThat(result.activityId()).isEmpty();
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "$entity4.name", "$!entity4.name", "${entity4.name}", "$!{entity4.name}",
			"Only $entity2.value today", "$key.name" })
	void unrenderedVelocityPlaceholdersBecomeEmpty(String placeholder) throws Exception {
		Recommendations result = map(json("{\"items\": [{\"id\": \"a\", \"name\": %s, \"message\": %s}]}"
			.formatted(quoted(placeholder), quoted(placeholder))), List.of(), 4);

		assertThat(result.items()).singleElement().satisfies((item) -> {
			assertThat(item.name()).isEmpty();
			assertThat(item.message()).isEmpty();
		});
	}

	@Test
	void dollarAmountsInTextAreNotMistakenForPlaceholders() throws Exception {
		Recommendations result = map(json("{\"items\": [{\"id\": \"a\", \"message\": \"Save $35 today\"}]}"), List.of(),
				4);

		assertThat(result.items().get(0).message()).isEqualTo("Save $35 today");
	}

	@Test
	void itemsWhoseIdIsAPlaceholderAreDropped() throws Exception {
		Recommendations result = map(json("{\"items\": [{\"id\": \"$entity1.id\", \"name\": \"x\"}]}"), List.of(), 4);

		assertThat(result.items()).isEmpty();
		assertThat(result.reason()).isEqualTo(Reason.NO_RECOMMENDATIONS);
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', value = { "/p/1|https://shop.example.com/p/1?utm_source=ajo",
			"p/1|https://shop.example.com/p/1?utm_source=ajo",
			"https://shop.example.com/p/1?color=red#size|https://shop.example.com/p/1?color=red&utm_source=ajo#size",
			"https://shop.example.com/p/1?utm_source=web|https://shop.example.com/p/1?utm_source=ajo",
			"http://shop.example.com/p/1|https://shop.example.com/p/1?utm_source=ajo",
			"//shop.example.com/p/1|https://shop.example.com/p/1?utm_source=ajo",
			"/p/blue coat|https://shop.example.com/p/blue%20coat?utm_source=ajo", "javascript:alert(1)|''",
			"mailto:someone@example.com|''", "ftp://shop.example.com/p/1|''", "http://[bad|''" })
	void productLinksAreAbsoluteHttpsAndTracked(String pageUrl, String expected) throws Exception {
		UseCase useCase = UseCase.of("abandoned-cart", new BridgeProperties.UseCaseProperties("ajo-abandoned-cart", 4,
				Map.of("utm_source", "ajo"), FallbackPolicy.EMPTY, null, null, List.of(), null));
		JsonNode content = json("{\"items\": [{\"id\": \"a\", \"pageUrl\": %s}]}".formatted(quoted(pageUrl)));

		Recommendations result = this.mapper.map(new TargetDecision(List.of(new TargetOption("json", content, TOKENS))),
				new Audience(useCase, Set.of(), Set.of(), 4, Locale.US, Currency.getInstance("USD")));

		assertThat(result.items().get(0).productUrl()).isEqualTo(expected);
	}

	@Test
	void relativeUrlsWithoutAConfiguredBaseAreLeftEmptyRatherThanBroken() throws Exception {
		RecommendationMapper withoutBases = mapper(null, null);
		JsonNode content = json(
				"""
						{"items": [{"id": "a", "pageUrl": "/p/a", "thumbnailUrl": "/img/a.jpg"},
						 {"id": "b", "pageUrl": "https://shop.example.com/p/b", "thumbnailUrl": "https://cdn.example.com/b.jpg"}]}
						""");

		Recommendations result = withoutBases.map(
				new TargetDecision(List.of(new TargetOption("json", content, TOKENS))),
				audience(List.of(), 4, Locale.US, "USD"));

		assertThat(result.items()).extracting(EmailItem::imageUrl).containsExactly("", "https://cdn.example.com/b.jpg");
		assertThat(result.items().get(0).productUrl()).isEmpty();
	}

	@ParameterizedTest(name = "{0} in {1} {2} -> {3}")
	@CsvSource(delimiter = '|',
			value = { "35|en-US|USD|35.00|$35.00", "249.5|en-US|USD|249.50|$249.50",
					"1234.567|en-US|USD|1234.57|$1,234.57", "35|de-DE|EUR|35.00|35,00\u00a0€",
					"1200|en-US|JPY|1200|¥1,200", "35|en-GB|GBP|35.00|£35.00", "abc|en-US|USD|0|''",
					"-5|en-US|USD|0|''", "''|en-US|USD|0|''", "1e400|en-US|USD|0|''" })
	void pricesAreParsedFromTheRenderedValueAndFormattedForTheLocale(String value, String locale, String currency,
			String price, String formatted) throws Exception {
		JsonNode content = json("{\"items\": [{\"id\": \"a\", \"value\": %s}]}".formatted(quoted(value)));

		Recommendations result = this.mapper.map(new TargetDecision(List.of(new TargetOption("json", content, TOKENS))),
				audience(List.of(), 4, Locale.forLanguageTag(locale), currency));

		EmailItem item = result.items().get(0);
		assertThat(item.price()).isEqualByComparingTo(price);
		assertThat(item.formattedPrice()).isEqualTo(formatted);
		assertThat(item.currency()).isEqualTo(currency);
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "<div class=\"recs\"><img src=\"/img/a.jpg\"></div>", "{\"items\": [{\"id\": \"a\",",
			"{\"somethingElse\": true}", "\"just a string\"", "42" })
	void contentThatIsNotARecommendationsDesignIsInvalidContent(String content) {
		Recommendations result = map(new TextNode(content), List.of(), 4);

		assertThat(result.items()).isEmpty();
		assertThat(result.reason()).isEqualTo(Reason.INVALID_CONTENT);
	}

	@Test
	void noOptionsMeansNoRecommendations() {
		Recommendations result = this.mapper.map(new TargetDecision(List.of()),
				audience(List.of(), 4, Locale.US, "USD"));

		assertThat(result.items()).isEmpty();
		assertThat(result.reason()).isEqualTo(Reason.NO_RECOMMENDATIONS);
		assertThat(result.activityId()).isEmpty();
	}

	@Test
	void optionsWithoutContentMeanNoRecommendations() throws Exception {
		TargetDecision decision = new TargetDecision(
				List.of(new TargetOption("json", null, TOKENS), new TargetOption("html", new TextNode("  "), TOKENS),
						new TargetOption("json", json("{\"items\": []}"), TOKENS)));

		Recommendations result = this.mapper.map(decision, audience(List.of(), 4, Locale.US, "USD"));

		assertThat(result.reason()).isEqualTo(Reason.NO_RECOMMENDATIONS);
	}

	@Test
	void usableItemsWinOverAnUnreadableOption() throws Exception {
		TargetDecision decision = new TargetDecision(
				List.of(new TargetOption("html", new TextNode("<p>hi</p>"), Map.of()),
						new TargetOption("json", json("{\"items\": [{\"id\": \"a\"}]}"), TOKENS)));

		Recommendations result = this.mapper.map(decision, audience(List.of(), 4, Locale.US, "USD"));

		assertThat(result.items()).hasSize(1);
		assertThat(result.reason()).isEqualTo(Reason.NONE);
		assertThat(result.activityId()).isEqualTo("302740");
	}

	@Test
	void anIdInTheCartNeverAppearsAmongTheItems() throws Exception {
		Audience audience = new Audience(this.abandonedCart, Set.of(), Set.of("coat-alpine-01", "coat-parka-02"), 4,
				Locale.US, Currency.getInstance("USD"));

		Recommendations result = this.mapper.map(
				new TargetDecision(
						List.of(new TargetOption("json", new TextNode(fixture("design-items.json")), TOKENS))),
				audience);

		assertThat(result.items()).extracting(EmailItem::id).containsExactly("sweat-crew-03", "scarf-wool-07");
		assertThat(result.items()).extracting(EmailItem::rank).containsExactly(1, 2);
	}

	@Test
	void everyEntitysFateIsReportedInTheOrderTargetRenderedThem() throws Exception {
		UseCase useCase = useCase(List.of(), 5);
		Audience audience = new Audience(useCase, Set.of("x"), Set.of("cart-1"), 2, Locale.US,
				Currency.getInstance("USD"));
		List<String> fates = new java.util.ArrayList<>();

		Recommendations result = this.mapper.map(new TargetDecision(List.of(new TargetOption("json", json("""
				{"items": [{"id": "a"}, {"id": ""}, {"id": "$entity3.id"}, {"id": "x"}, {"id": "cart-1"},
				 {"id": "a"}, {"id": "low", "inventory": "4"}, {"id": "b", "inventory": "5"}, {"id": "c"}]}
				"""), TOKENS))), audience,
				(option, entity, fate, rank) -> fates.add(entity.get("id") + ":" + fate.label() + ":" + rank));

		assertThat(result.items()).extracting(EmailItem::id).containsExactly("a", "b");
		assertThat(fates).containsExactly("a:kept:1", ":no-id:0", "$entity3.id:unrendered-placeholder:0",
				"x:excluded:0", "cart-1:in-cart:0", "a:duplicate:0", "low:below-min-inventory:0", "b:kept:2",
				"c:over-max-items:0");
	}

	@ParameterizedTest(name = "inventory {0}, min-inventory {1}: shown {2}, inStock {3}")
	@CsvSource(delimiter = '|', value = { "0|''|true|false", "0|1|false|false", "2|3|false|true", "3|3|true|true",
			"''|3|true|true", "lots|3|true|true", "$entity1.inventory|3|true|true" })
	void minInventoryHidesOnlyRecommendationsKnownToHaveTooFew(String inventory, String minInventory, boolean shown,
			boolean inStock) throws Exception {
		UseCase useCase = useCase(List.of(), minInventory.isEmpty() ? null : Integer.valueOf(minInventory));
		JsonNode content = json("{\"items\": [{\"id\": \"a\", \"inventory\": %s}]}".formatted(quoted(inventory)));

		Recommendations result = this.mapper.map(new TargetDecision(List.of(new TargetOption("json", content, TOKENS))),
				new Audience(useCase, Set.of(), Set.of(), 4, Locale.US, Currency.getInstance("USD")));

		assertThat(result.items()).hasSize(shown ? 1 : 0);
		if (shown) {
			assertThat(result.items().get(0).inStock()).isEqualTo(inStock);
			assertThat(result.items().get(0).quantity()).isZero();
		}
	}

	@Test
	void everyConfiguredAttributeIsPresentInTheConfiguredOrder() throws Exception {
		UseCase useCase = useCase(List.of("rating", "salePrice", "badge"), null);
		JsonNode content = json("""
				{"items": [{"id": "a", "salePrice": "19.99", "rating": "4.5", "other": "x"},
				 {"id": "b", "rating": "$entity2.rating"}]}""");

		Recommendations result = this.mapper.map(new TargetDecision(List.of(new TargetOption("json", content, TOKENS))),
				new Audience(useCase, Set.of(), Set.of(), 4, Locale.US, Currency.getInstance("USD")));

		assertThat(result.items().get(0).attributes()).containsExactly(Map.entry("rating", "4.5"),
				Map.entry("salePrice", "19.99"), Map.entry("badge", ""));
		assertThat(result.items().get(1).attributes()).containsExactly(Map.entry("rating", ""),
				Map.entry("salePrice", ""), Map.entry("badge", ""));
	}

	@Test
	void theCartKeepsItsLinesInOrderWithWhatAjoSentOverTheCatalogFieldByField() throws Exception {
		List<EmailRequest.CartLine> lines = List.of(
				new EmailRequest.CartLine("coat-alpine-01", "Alpine Coat (AJO)", "", "",
						new java.math.BigDecimal("249.99"), 2),
				EmailRequest.CartLine.idOnly("sweat-crew-03"), EmailRequest.CartLine.idOnly("unknown-9"));
		Map<String, Map<String, String>> catalog = Map.of("coat-alpine-01",
				Map.of("name", "Alpine Down Coat", "thumbnailUrl", "/img/coat-alpine-01.jpg", "pageUrl",
						"/p/coat-alpine-01", "value", "249", "inventory", "12", "salePrice", "229"),
				"sweat-crew-03", Map.of("name", "Crew Sweatshirt", "value", "59.5", "inventory", "0", "brand", "Loom"));

		EmailCart cart = this.mapper.cart(lines, catalog, audience(List.of("sweat-crew-03"), 1, Locale.US, "USD"));

		assertThat(cart.hasItems()).isTrue();
		assertThat(cart.itemCount()).isEqualTo(3);
		assertThat(cart.items()).extracting(EmailItem::id)
			.containsExactly("coat-alpine-01", "sweat-crew-03", "unknown-9");
		assertThat(cart.items()).extracting(EmailItem::rank).containsExactly(1, 2, 3);
		EmailItem coat = cart.items().get(0);
		assertThat(coat.name()).isEqualTo("Alpine Coat (AJO)");
		assertThat(coat.imageUrl()).isEqualTo("https://cdn.example.com/img/coat-alpine-01.jpg");
		assertThat(coat.productUrl()).startsWith("https://shop.example.com/p/coat-alpine-01?utm_source=ajo");
		assertThat(coat.formattedPrice()).isEqualTo("$249.99");
		assertThat(coat.quantity()).isEqualTo(2);
		assertThat(coat.inStock()).isTrue();
		assertThat(coat.attributes()).containsEntry("salePrice", "229");
		EmailItem sweatshirt = cart.items().get(1);
		assertThat(sweatshirt.name()).isEqualTo("Crew Sweatshirt");
		assertThat(sweatshirt.brand()).isEqualTo("Loom");
		assertThat(sweatshirt.quantity()).isEqualTo(1);
		assertThat(sweatshirt.inStock()).isFalse();
		EmailItem unknown = cart.items().get(2);
		assertThat(unknown.name()).isEmpty();
		assertThat(unknown.formattedPrice()).isEmpty();
		assertThat(unknown.inStock()).isTrue();
		assertThat(cart.subtotal()).isEqualByComparingTo("559.48");
		assertThat(cart.formattedSubtotal()).isEqualTo("$559.48");
	}

	@Test
	void anEmptyCartIsAnEmptyBlockWithNoSubtotal() {
		EmailCart cart = this.mapper.cart(List.of(), Map.of(), audience(List.of(), 4, Locale.US, "USD"));

		assertThat(cart.hasItems()).isFalse();
		assertThat(cart.items()).isEmpty();
		assertThat(cart.subtotal()).isZero();
		assertThat(cart.formattedSubtotal()).isEmpty();
	}

	@Test
	void aCartWithoutAnyKnownPriceHasNoFormattedSubtotal() {
		EmailCart cart = this.mapper.cart(List.of(EmailRequest.CartLine.idOnly("a")), Map.of(),
				audience(List.of(), 4, Locale.US, "USD"));

		assertThat(cart.subtotal()).isZero();
		assertThat(cart.formattedSubtotal()).isEmpty();
	}

	private static UseCase useCase(List<String> attributes, Integer minInventory) {
		return UseCase.of("abandoned-cart", new BridgeProperties.UseCaseProperties("ajo-abandoned-cart", 4,
				Map.of("utm_source", "ajo"), FallbackPolicy.EMPTY, null, null, attributes, minInventory));
	}

	private Recommendations map(JsonNode content, List<String> excludedIds, int maxItems) {
		return this.mapper.map(new TargetDecision(List.of(new TargetOption("json", content, TOKENS))),
				audience(excludedIds, maxItems, Locale.US, "USD"));
	}

	private Audience audience(List<String> excludedIds, int maxItems, Locale locale, String currency) {
		return new Audience(this.abandonedCart, Set.copyOf(excludedIds), Set.of(), maxItems, locale,
				Currency.getInstance(currency));
	}

	private RecommendationMapper mapper(URI imageBase, URI productBase) {
		Map<String, String> settings = new HashMap<>(Map.of("use-cases.abandoned-cart.mbox", "ajo-abandoned-cart"));
		if (imageBase != null) {
			settings.put("catalog.image-base-url", imageBase.toString());
			settings.put("catalog.product-base-url", productBase.toString());
		}
		return new RecommendationMapper(this.objectMapper,
				BoundProperties.bind("bridge", BridgeProperties.class, settings));
	}

	private void assertGolden(List<EmailItem> items, String golden) throws Exception {
		JSONAssert.assertEquals(fixture(golden), this.objectMapper.writeValueAsString(items), JSONCompareMode.STRICT);
	}

	private JsonNode json(String json) throws IOException {
		return this.objectMapper.readTree(json);
	}

	private String quoted(String value) throws IOException {
		return this.objectMapper.writeValueAsString(value);
	}

	private static Map<String, String> orderedTracking(String... pairs) {
		Map<String, String> tracking = new java.util.LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			tracking.put(pairs[i], pairs[i + 1]);
		}
		return tracking;
	}

	static String fixture(String name) throws IOException {
		try (InputStream input = RecommendationMapperTests.class.getResourceAsStream(name)) {
			return new String(input.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}

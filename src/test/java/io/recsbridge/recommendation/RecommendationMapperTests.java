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
					FallbackPolicy.CART_ITEMS, null, null));

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
				Map.of("utm_source", "ajo"), FallbackPolicy.CART_ITEMS, null, null));
		JsonNode content = json("{\"items\": [{\"id\": \"a\", \"pageUrl\": %s}]}".formatted(quoted(pageUrl)));

		Recommendations result = this.mapper.map(new TargetDecision(List.of(new TargetOption("json", content, TOKENS))),
				new Audience(useCase, List.of(), 4, Locale.US, Currency.getInstance("USD")));

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

	private Recommendations map(JsonNode content, List<String> excludedIds, int maxItems) {
		return this.mapper.map(new TargetDecision(List.of(new TargetOption("json", content, TOKENS))),
				audience(excludedIds, maxItems, Locale.US, "USD"));
	}

	private Audience audience(List<String> excludedIds, int maxItems, Locale locale, String currency) {
		return new Audience(this.abandonedCart, excludedIds, maxItems, locale, Currency.getInstance(currency));
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

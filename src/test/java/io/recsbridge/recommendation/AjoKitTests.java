package io.recsbridge.recommendation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.jknack.handlebars.Handlebars;
import io.recsbridge.support.SandboxApplicationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.util.HtmlUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The AJO kit in {@code openapi/ajo} against real answers of the service on its sandbox:
 * the payload samples pasted into the custom action, and the email templates rendered as
 * AJO renders them: lists by Handlebars' {@code {{#each}}}, conditions by AJO's own
 * {@code {%#if ...%}} helper, whose expressions {@link AjoConditions} evaluates. A
 * renamed field fails here, not in a customer's inbox.
 */
@SandboxApplicationTest
class AjoKitTests {

	private static final Path KIT = Path.of("openapi", "ajo");

	private static final String CART_VISITOR = "45781285307713846961427437541683283427";

	private static final String BROWSING_VISITOR = "60198375211487623094512786430915527831";

	/** What a template reads: {@code item.x}, or a path under the action. */
	private static final Pattern REFERENCE = Pattern
		.compile("\\b(item\\.\\w+|context\\.journey\\.actions\\.\\w+(?:\\.\\w+)+)");

	@Autowired
	private MockMvc mvc;

	@Autowired
	private ObjectMapper objectMapper;

	private final Handlebars handlebars = AjoConditions.register(new Handlebars(), true);

	private JsonNode answer(String useCase, String body) throws Exception {
		String response = this.mvc
			.perform(post("/v1/recommendations/" + useCase).header("X-Api-Key", SandboxApplicationTest.API_KEY)
				.contentType(MediaType.APPLICATION_JSON)
				.content(body))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		return this.objectMapper.readTree(response);
	}

	/**
	 * The kit's file, rendered by the preview's own renderer, which serves the payload
	 * under any action name; the template must name the action the kit documents.
	 */
	private String render(String template, String action, JsonNode payload) throws IOException {
		assertThat(Files.readString(KIT.resolve(template))).contains("context.journey.actions." + action + ".");
		Map<String, Object> actionPayload = this.objectMapper.convertValue(payload, new TypeReference<>() {
		});
		return EmailTemplates.render(
				EmailTemplates.compile(this.handlebars, new FileSystemResource(KIT.resolve(template)), true),
				actionPayload);
	}

	@Test
	void theRequestSampleIsAnsweredWithThePayloadTheResponseSampleDeclares() throws Exception {
		JsonNode sample = this.objectMapper.readTree(KIT.resolve("custom-action-response.json").toFile());

		JsonNode real = answer("abandoned-cart", Files.readString(KIT.resolve("custom-action-request.json")));

		assertThat(real.get("hasItems").asBoolean()).isTrue();
		assertThat(real.at("/cart/hasItems").asBoolean()).isTrue();
		assertSameShape("$", sample, real);
	}

	/**
	 * AJO infers each field's type from the request sample: an empty list infers nothing,
	 * and a price written {@code 249} would make the field an integer.
	 */
	@Test
	void theRequestSampleDeclaresEveryListWithAnElementAndPricesAsDecimals() throws Exception {
		JsonNode sample = this.objectMapper.readTree(KIT.resolve("custom-action-request.json").toFile());

		sample.properties().forEach((field) -> {
			if (field.getValue().isArray()) {
				assertThat(field.getValue()).as(field.getKey()).isNotEmpty();
			}
		});
		assertThat(sample.get("cartItems")).allSatisfy((line) -> {
			assertThat(line.get("price").isFloatingPointNumber()).as("price %s", line.get("price")).isTrue();
			assertThat(line.get("price").decimalValue().scale()).isPositive();
			assertThat(line.get("quantity").isIntegralNumber()).isTrue();
		});
	}

	@Test
	void theAbandonedCartTemplateShowsTheCartThenWhatGoesWithIt() throws Exception {
		JsonNode payload = answer("abandoned-cart", Files.readString(KIT.resolve("custom-action-request.json")));
		assertThat(payload.at("/cart/itemCount").asInt()).isEqualTo(3);
		assertThat(payload.get("itemCount").asInt()).isPositive();

		String html = HtmlUtils.htmlUnescape(render("abandoned-cart-email.html", "RecsBridgeAbandonedCart", payload));

		int goesWithIt = html.indexOf("Goes well with it");
		assertThat(goesWithIt).isPositive();
		for (JsonNode line : payload.at("/cart/items")) {
			assertThat(html.indexOf(">" + line.get("name").asText() + "<")).as(line.get("id").asText())
				.isBetween(0, goesWithIt);
			// AJO sent ids, names and prices: the image comes from the sandbox's catalog.
			assertThat(html).contains("src=\"" + line.get("imageUrl").asText() + "\"");
			assertThat(line.get("imageUrl").asText()).startsWith("https://");
		}
		for (JsonNode item : payload.get("items")) {
			assertThat(html.indexOf(">" + item.get("name").asText() + "<")).as(item.get("id").asText())
				.isGreaterThan(goesWithIt);
		}
		assertThat(html).contains("Subtotal: <strong>" + payload.at("/cart/formattedSubtotal").asText())
			.contains("$59.99 × 2")
			.doesNotContain("src=\"\"", "href=\"\"", "{{", "{%", "Take a look", "Have a look");
	}

	@ParameterizedTest
	@CsvSource({ "abandoned-cart-email.html", "recently-viewed-email.html" })
	void conditionsAreWrittenInAjosHelperSyntaxNotHandlebars(String template) throws IOException {
		assertThat(Files.readString(KIT.resolve(template))).doesNotContain("{{#if", "{{#unless", "{{else if");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "abandoned-cart-email.html, abandoned-cart, RecsBridgeAbandonedCart, " + CART_VISITOR,
			"recently-viewed-email.html, recently-viewed, RecsBridgeRecentlyViewed, " + BROWSING_VISITOR })
	void eachTemplateShowsEveryItemWithItsImageLinkAndPrice(String template, String useCase, String action, String ecid)
			throws Exception {
		JsonNode payload = answer(useCase, "{\"ecid\": \"" + ecid + "\", \"maxItems\": 4}");
		assertThat(payload.get("itemCount").asInt()).isEqualTo(4);

		// Handlebars escapes as HTML does (& and = too); a browser reads the links
		// unescaped.
		String html = HtmlUtils.htmlUnescape(render(template, action, payload));

		for (JsonNode item : payload.get("items")) {
			assertThat(html).contains(">" + item.get("name").asText() + "<")
				.contains("src=\"" + item.get("imageUrl").asText() + "\"")
				.contains("href=\"" + item.get("productUrl").asText() + "\"")
				.contains(item.get("formattedPrice").asText());
			assertThat(item.get("formattedPrice").asText()).startsWith("$");
		}
		assertThat(html).doesNotContain("src=\"\"", "href=\"\"", "{{");
		assertThat(countOf(html, "<img ")).isEqualTo(4);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "abandoned-cart-email.html, abandoned-cart, RecsBridgeAbandonedCart, Take a look",
			"recently-viewed-email.html, recently-viewed, RecsBridgeRecentlyViewed, See what is new" })
	void eachTemplateHasSomethingToSayWhenThereAreNoItems(String template, String useCase, String action,
			String fallbackText) throws Exception {
		JsonNode payload = answer(useCase,
				"{\"identities\": [{\"namespace\": \"Email\", \"id\": \"nobody@example.org\"}]}");
		assertThat(payload.get("hasItems").asBoolean()).isFalse();

		String html = render(template, action, payload);

		assertThat(html).contains(fallbackText).doesNotContain("<img ", "{{");
	}

	@ParameterizedTest
	@CsvSource({ "abandoned-cart-email.html, abandoned-cart, " + CART_VISITOR,
			"recently-viewed-email.html, recently-viewed, " + BROWSING_VISITOR })
	void everyFieldATemplateReadsIsInTheRealAnswer(String template, String useCase, String ecid) throws Exception {
		JsonNode payload = answer(useCase, "{\"ecid\": \"" + ecid + "\"}");
		Set<String> references = new LinkedHashSet<>();
		Matcher reference = REFERENCE.matcher(Files.readString(KIT.resolve(template)));
		while (reference.find()) {
			references.add(reference.group(1));
		}

		assertThat(references).isNotEmpty().allSatisfy((path) -> {
			if (path.startsWith("item.")) {
				String field = path.substring("item.".length());
				assertThat(payload.get("items").get(0).has(field)).as(path).isTrue();
			}
			else {
				String[] steps = path.split("\\.");
				JsonNode node = payload;
				for (int i = 4; i < steps.length; i++) {
					node = node.path(steps[i]);
				}
				assertThat(node.isMissingNode()).as(path).isFalse();
			}
		});
	}

	/**
	 * Same fields, recursively, with the same JSON types: what AJO infers from a sample.
	 */
	private static void assertSameShape(String path, JsonNode expected, JsonNode actual) {
		assertThat(actual.getNodeType()).as(path).isEqualTo(expected.getNodeType());
		assertThat(actual.isIntegralNumber()).as(path + " is integral").isEqualTo(expected.isIntegralNumber());
		if (expected.isObject()) {
			assertThat(fieldNames(actual)).as(path).containsExactlyElementsOf(fieldNames(expected));
			expected.properties()
				.forEach((field) -> assertSameShape(path + "." + field.getKey(), field.getValue(),
						actual.get(field.getKey())));
		}
		else if (expected.isArray() && !expected.isEmpty()) {
			assertThat(actual).as(path).isNotEmpty();
			actual.forEach((element) -> assertSameShape(path + "[]", expected.get(0), element));
		}
	}

	private static List<String> fieldNames(JsonNode node) {
		List<String> names = new ArrayList<>();
		for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
			names.add(it.next());
		}
		return names;
	}

	private static int countOf(String text, String part) {
		return text.split(Pattern.quote(part), -1).length - 1;
	}

}

package io.recsbridge.security;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import io.recsbridge.support.ApiClient;
import io.recsbridge.support.BridgeAgainstTargetStandIn;
import io.recsbridge.support.Fixtures;
import io.recsbridge.support.TargetStandIn;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalManagementPort;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Thousands of hostile requests, generated from a fixed seed so a failure replays:
 * truncations and byte flips of valid bodies, wrong types and huge numbers in every
 * field, deep nesting, odd Unicode, duplicate keys, wrong content types and charsets,
 * garbage query strings. Each is answered with a 4xx problem (or, for the few mutations
 * that stay valid, a 200), never a 5xx, and the service is healthy afterwards.
 */
class BadInputCorpusTests extends BridgeAgainstTargetStandIn {

	private static final long SEED = 20_260_505L;

	private static final String PATH = "/v1/recommendations/abandoned-cart";

	private static final String ECID = "45781285307713846961427437541683283427";

	private static final String FULL_BODY = """
			{"ecid": "%s", "identities": [{"namespace": "Email", "id": "jane@example.com"}],
			"thirdPartyId": "crm-000123", "cartItemIds": ["coat-alpine-01", "coat-parka-02"],
			"cartItems": [{"id": "coat-alpine-01", "name": "Alpine Down Coat", "imageUrl": "https://cdn.example.com/a.jpg",
			"productUrl": "https://shop.example.com/p/a", "price": 249.0, "quantity": 1}],
			"excludedIds": ["sweat-crew-03"], "maxItems": 4, "locale": "en-US", "currency": "USD",
			"journeyId": "j-1", "journeyVersionId": "v-1", "actionId": "a-1"}"""
		.formatted(ECID)
		.replace("\n", " ");

	private static final List<String> VALID_BODIES = List.of(FULL_BODY, "{\"ecid\": \"" + ECID + "\"}",
			"{\"ecid\": \"" + ECID + "\", \"cartItemIds\": [\"a\", \"b\"], \"maxItems\": 3}");

	/** Where a bad value goes: the text it replaces in {@link #FULL_BODY}. */
	private static final Map<String, String> FIELD_VALUES = Map.ofEntries(Map.entry("ecid", "\"" + ECID + "\""),
			Map.entry("identities", "[{\"namespace\": \"Email\", \"id\": \"jane@example.com\"}]"),
			Map.entry("identities[0].namespace", "\"Email\""), Map.entry("identities[0].id", "\"jane@example.com\""),
			Map.entry("thirdPartyId", "\"crm-000123\""),
			Map.entry("cartItemIds", "[\"coat-alpine-01\", \"coat-parka-02\"]"),
			Map.entry("cartItemIds[1]", "\"coat-parka-02\""), Map.entry("cartItems[0].name", "\"Alpine Down Coat\""),
			Map.entry("cartItems[0].imageUrl", "\"https://cdn.example.com/a.jpg\""),
			Map.entry("cartItems[0].price", "249.0"), Map.entry("cartItems[0].quantity", "1"),
			Map.entry("excludedIds", "[\"sweat-crew-03\"]"), Map.entry("maxItems", "4"),
			Map.entry("locale", "\"en-US\""), Map.entry("currency", "\"USD\""), Map.entry("journeyId", "\"j-1\""));

	private static final List<String> WRONG_VALUES = List.of("0", "-1", "1.5", "-0.0", "1e308", "-1e400", "1E-400",
			"123456789012345678901234567890", "9".repeat(5_000), "0x1F", "NaN", "Infinity", "true", "null", "\"\"",
			"\" \"", "\"x\"", "[]", "{}", "[null]", "[[[\"a\"]]]", "{\"a\": {\"b\": 1}}", "[{}]", "[1, \"a\", null]",
			"\"" + "x".repeat(12_000) + "\"", "[" + "\"a\",".repeat(2_000) + "\"a\"]");

	private static final List<String> ODD_STRINGS = List.of("\\uD800", "\\uDC00x", "a\\uD83D", "\\u0000", "a\\u0000b",
			"\u200Fcoat\u202E", "\uFEFFcoat", "\u0301\u0301\u0301", "😀😀", "\\u001B[31m", "a\tb", "\\\\u0041", "%00",
			"../../etc/passwd", "${jndi:ldap://x/a}", "$entity1.name", "<script>", "'; DROP", "\u0085\u2028\u2029",
			"ﬃ".repeat(3_000));

	private static final List<String> CONTENT_TYPES = List.of("text/plain", "application/xml", "text/json",
			"application/x-www-form-urlencoded", "multipart/form-data; boundary=xyz", "application/json;charset=UTF-16",
			"application/json;charset=bogus", "application/json;charset=", "application/json; charset=\"",
			"application/json;charset=UTF-32BE", "application/jsonx", "application/*", "*/*", "json",
			"application/json, text/html", "application/json;q=abc", "", "application/problem+json",
			"application/octet-stream");

	@LocalManagementPort
	private int managementPort;

	@Test
	void hostileInputIsAlwaysA4xxProblemNeverA5xxAndTheServiceStaysHealthy() throws Exception {
		this.target.stubFor(post(urlPathEqualTo("/rest/v1/delivery"))
			.willReturn(okJson(Fixtures.read("/io/recsbridge/target/delivery-response-cart.json"))));
		List<Attack> corpus = corpus(new Random(SEED));
		List<String> failures = new ArrayList<>();
		int sent = 0;
		int refused = 0;
		// Every attack, however long a loaded machine takes: a time budget would let the
		// corpus's tail (the query strings) go unsent and the test pass anyway.
		for (Attack attack : corpus) {
			HttpResponse<String> response = this.api.send(attack.request(this.api));
			sent++;
			String failure = check(response);
			if (failure != null && failures.size() < 20) {
				failures.add(attack.name() + " -> " + failure);
			}
			refused += (response.statusCode() >= 400) ? 1 : 0;
		}

		assertThat(failures).isEmpty();
		assertThat(sent).as("the whole corpus").isEqualTo(corpus.size()).isGreaterThan(2_500);
		assertThat(refused).isGreaterThan(sent * 8 / 10);
		ApiClient management = new ApiClient(this.managementPort);
		assertThat(management.send(management.request("/actuator/health/liveness").GET()).body())
			.contains("\"status\":\"UP\"");
		assertThat(this.api.postJson(PATH, VALID_BODIES.get(0)).statusCode()).isEqualTo(200);
	}

	private String check(HttpResponse<String> response) {
		int status = response.statusCode();
		if (status >= 500) {
			return status + " " + response.body();
		}
		if (status == 200) {
			return null;
		}
		if (status < 400) {
			return "unexpected " + status;
		}
		if (!"application/problem+json".equals(response.headers().firstValue("Content-Type").orElse(""))) {
			return status + " without a problem: " + response.headers().firstValue("Content-Type");
		}
		try {
			JsonNode problem = this.objectMapper.readTree(response.body());
			return (problem.path("status").asInt() == status && problem.hasNonNull("type")) ? null
					: "malformed problem " + response.body();
		}
		catch (Exception ex) {
			return "unreadable problem " + response.body();
		}
	}

	private static List<Attack> corpus(Random random) {
		List<Attack> corpus = new ArrayList<>();
		for (String body : VALID_BODIES) {
			byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
			for (int i = 0; i < 150; i++) {
				int cut = 1 + random.nextInt(bytes.length - 1);
				corpus.add(Attack.json("truncated at " + cut, java.util.Arrays.copyOf(bytes, cut)));
			}
			for (int i = 0; i < 300; i++) {
				byte[] flipped = bytes.clone();
				int flips = 1 + random.nextInt(3);
				for (int f = 0; f < flips; f++) {
					flipped[random.nextInt(flipped.length)] = (byte) random.nextInt(256);
				}
				corpus.add(Attack.json("byte flips " + i, flipped));
			}
		}
		FIELD_VALUES.forEach((field, value) -> {
			for (String wrong : WRONG_VALUES) {
				corpus.add(Attack.json(field + " = " + abbreviate(wrong), replace(value, wrong)));
			}
			if (value.startsWith("\"")) {
				for (String odd : ODD_STRINGS) {
					corpus.add(Attack.json(field + " = odd " + abbreviate(odd), replace(value, "\"" + odd + "\"")));
				}
				corpus.add(Attack.json(field + " = raw NUL", replace(value, "\"a\u0000b\"")));
				corpus.add(Attack.json(field + " = raw newline", replace(value, "\"a\nb\"")));
				corpus.add(Attack.json(field + " = invalid UTF-8", utf8With(replace(value, "\"@@\""), "@@", new byte[] {
						(byte) 0xC0, (byte) 0x80, (byte) 0xFF, (byte) 0xFE, (byte) 0xED, (byte) 0xA0, (byte) 0x80 })));
			}
			for (int depth : new int[] { 100, 999, 1_001, 5_000 }) {
				corpus.add(Attack.json(field + " nested " + depth,
						replace(value, "[".repeat(depth) + "1" + "]".repeat(depth))));
				corpus.add(Attack.json(field + " nested objects " + depth,
						replace(value, "{\"a\":".repeat(depth) + "1" + "}".repeat(depth))));
			}
			corpus.add(Attack.json(field + " duplicated", FULL_BODY.replaceFirst("\\{",
					"{" + quoted(field.replaceAll("\\[.*", "")) + ": " + value.replace("$", "\\$") + ", ")));
		});
		corpus.add(Attack.json("duplicate ecid", "{\"ecid\": \"" + ECID + "\", \"ecid\": \"" + ECID + "\"}"));
		corpus.add(Attack.json("duplicate nested key",
				"{\"ecid\": \"" + ECID + "\", \"cartItems\": [{\"id\": \"a\", \"id\": \"b\"}]}"));
		for (String topLevel : List.of("[]", "null", "0", "\"\"", "true", "{", "}", "[{}]", "{}{}", "\uFEFF{}",
				"{\"ecid\": \"" + ECID + "\"}garbage", "{\"ecid\": \"" + ECID + "\",}", "{'ecid': '" + ECID + "'}",
				"{ecid: \"" + ECID + "\"}", "{\"ecid\": \"" + ECID + "\" /* c */}")) {
			corpus.add(Attack.json("top level " + topLevel, topLevel));
		}
		for (String body : VALID_BODIES) {
			for (String contentType : CONTENT_TYPES) {
				corpus.add(new Attack("content type '" + contentType + "'", "POST", PATH, contentType,
						body.getBytes(StandardCharsets.UTF_8)));
			}
			corpus.add(Attack.json("UTF-16 body", body.getBytes(StandardCharsets.UTF_16LE)));
		}
		for (int i = 0; i < 300; i++) {
			byte[] garbage = new byte[1 + random.nextInt(2_000)];
			random.nextBytes(garbage);
			corpus.add(Attack.json("random bytes " + i, garbage));
		}
		List<String> names = new ArrayList<>(FIELD_VALUES.keySet());
		for (int i = 0; i < 300; i++) {
			StringBuilder query = new StringBuilder("ecid=" + ECID);
			for (int p = 0; p < 1 + random.nextInt(4); p++) {
				String name = names.get(random.nextInt(names.size()));
				String value = (random.nextBoolean()) ? WRONG_VALUES.get(random.nextInt(WRONG_VALUES.size()))
						: ODD_STRINGS.get(random.nextInt(ODD_STRINGS.size()));
				query.append('&')
					.append(URLEncoder.encode(name, StandardCharsets.UTF_8))
					.append('=')
					.append(URLEncoder.encode(abbreviate(value, 2_000), StandardCharsets.UTF_8));
			}
			if (random.nextInt(10) == 0) {
				query.append("&maxItems=%00&cartItemIds=%C0%80&locale=%ED%A0%80");
			}
			corpus.add(new Attack("query " + i, "GET", PATH + "?" + query, null, null));
		}
		return corpus;
	}

	private static String replace(String value, String with) {
		return FULL_BODY.replace(value, with);
	}

	private static byte[] utf8With(String body, String marker, byte[] raw) {
		int at = body.indexOf(marker);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(body.substring(0, at).getBytes(StandardCharsets.UTF_8));
		out.writeBytes(raw);
		out.writeBytes(body.substring(at + marker.length()).getBytes(StandardCharsets.UTF_8));
		return out.toByteArray();
	}

	private static String quoted(String name) {
		return "\"" + name + "\"";
	}

	private static String abbreviate(String value) {
		return abbreviate(value, 40);
	}

	private static String abbreviate(String value, int length) {
		return (value.length() <= length) ? value : value.substring(0, length) + "...";
	}

	/**
	 * One hostile request.
	 */
	record Attack(String name, String method, String path, String contentType, byte[] body) {

		static Attack json(String name, String body) {
			return json(name, body.getBytes(StandardCharsets.UTF_8));
		}

		static Attack json(String name, byte[] body) {
			return new Attack(name, "POST", PATH, "application/json", body);
		}

		HttpRequest.Builder request(ApiClient api) {
			HttpRequest.Builder request = api.request(this.path).header("X-Api-Key", TargetStandIn.API_KEY);
			if (this.contentType != null && !this.contentType.isEmpty()) {
				request.header("Content-Type", this.contentType);
			}
			return (this.body != null) ? request.method(this.method, HttpRequest.BodyPublishers.ofByteArray(this.body))
					: request.method(this.method, HttpRequest.BodyPublishers.noBody());
		}

	}

}

package io.recsbridge.recommendation;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.recsbridge.system.StartupRefusal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * An operator's static fallback file that cannot serve is refused at start-up with what
 * to fix, whether it is malformed, the wrong shape or missing: not at the first outage,
 * and not as an exception escaping a bean.
 */
class StaticFallbackFileTests {

	private final ObjectMapper objectMapper = new ObjectMapper();

	@ParameterizedTest(name = "[{index}] ''{0}''")
	@ValueSource(strings = { "{\"items\": [{\"id\": \"best-01\"", "{\"items\": [}", "not json", "[]", "{\"items\": {}}",
			"" })
	void aFileThatIsNotAnItemsListIsRefusedNamingTheFile(String content) {
		ByteArrayResource file = new ByteArrayResource(content.getBytes(StandardCharsets.UTF_8), "best-sellers.json");

		assertThatExceptionOfType(StartupRefusal.class).isThrownBy(() -> Fallbacks.read(file, this.objectMapper))
			.withMessageContaining("best-sellers.json")
			.satisfies((refusal) -> assertThat(refusal.action()).contains("static-items"));
	}

	@Test
	void aMissingFileIsRefusedNamingThePath() {
		assertThatExceptionOfType(StartupRefusal.class)
			.isThrownBy(() -> Fallbacks.read(new ClassPathResource("no/such/best-sellers.json"), this.objectMapper))
			.withMessageContaining("no/such/best-sellers.json");
	}

	@Test
	void theShippedDemoItemsCarryTheCategoryTheMapperReads() {
		// The design's JSON names it category (a design cannot display categoryId): a
		// file that says categoryId gives fallback items without a category.
		JsonNode items = Fallbacks
			.read(new ClassPathResource(Fallbacks.DEMO_STATIC_ITEMS.substring("classpath:".length())),
					this.objectMapper)
			.get("items");

		assertThat(items).isNotEmpty().allSatisfy((item) -> assertThat(item.path("category").asText()).isNotEmpty());
	}

	@Test
	void aWellFormedFileIsRead() {
		assertThat(Fallbacks
			.read(new ClassPathResource("io/recsbridge/recommendation/best-sellers.json"), this.objectMapper)
			.get("items")).isNotEmpty();
	}

}

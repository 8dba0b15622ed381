package io.recsbridge.target;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Response token values as the email payload shows them: a string, or a list (category
 * affinity) joined with commas.
 */
final class TokenValues {

	private TokenValues() {
	}

	static String asText(JsonNode value) {
		if (value.isArray()) {
			List<String> parts = new ArrayList<>();
			value.forEach((element) -> parts.add(element.asText()));
			return String.join(",", parts);
		}
		return value.isValueNode() ? value.asText() : value.toString();
	}

}

package io.recsbridge.target;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Response token values as the email payload shows them: a string, or a list (category
 * affinity) joined with commas.
 */
final class TokenValues {

	private TokenValues() {
	}

	/**
	 * Copies Target's tokens as text, leaving out absent and {@code null} ones.
	 * @param from the tokens as Target sent them, or {@code null}
	 * @param into where to put them
	 */
	static void copy(Map<String, JsonNode> from, Map<String, String> into) {
		if (from == null) {
			return;
		}
		from.forEach((name, value) -> {
			if (name != null && value != null && !value.isNull()) {
				into.put(name, asText(value));
			}
		});
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

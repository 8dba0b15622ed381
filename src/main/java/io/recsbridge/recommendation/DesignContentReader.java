package io.recsbridge.recommendation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.recsbridge.target.TargetOption;

/**
 * Reads what a Recommendations design rendered into entities (attribute name to value),
 * whatever form the design chose:
 * <ul>
 * <li>the project's design: {@code {"items": [{"id": ..., "name": ...}]}};</li>
 * <li>a top-level array of entities;</li>
 * <li>Adobe's "Simple JSON" design: {@code {"recommendedItems": {"slot-01": "id"}}};</li>
 * </ul>
 * each as a JSON object or as a string holding JSON (Target returns either).
 */
final class DesignContentReader {

	private static final Pattern SLOT = Pattern.compile("slot-?(\\d+)");

	private static final String ENTITY_PREFIX = "entity.";

	private final ObjectMapper objectMapper;

	DesignContentReader(ObjectMapper objectMapper) {
		this.objectMapper = objectMapper;
	}

	/**
	 * Reads one option's content.
	 * @param option the option
	 * @return the entities, in the design's order
	 */
	Content read(TargetOption option) {
		JsonNode content = option.content();
		if (content == null || content.isNull() || content.isMissingNode()) {
			return Content.NOTHING;
		}
		if (content.isTextual()) {
			String text = content.asText().strip();
			if (text.isEmpty()) {
				return Content.NOTHING;
			}
			if (!text.startsWith("{") && !text.startsWith("[")) {
				// An HTML design or plain text: nothing an email template can loop over.
				return Content.INVALID;
			}
			try {
				content = this.objectMapper.readTree(text);
			}
			catch (JsonProcessingException ex) {
				return Content.INVALID;
			}
		}
		return entitiesOf(content);
	}

	private Content entitiesOf(JsonNode node) {
		if (node.isArray()) {
			return entityList(node);
		}
		if (!node.isObject()) {
			return Content.INVALID;
		}
		if (node.path("items").isArray()) {
			return entityList(node.get("items"));
		}
		if (node.path("recommendedItems").isObject()) {
			return slots(node.get("recommendedItems"));
		}
		return Content.INVALID;
	}

	private static Content entityList(JsonNode array) {
		List<Map<String, String>> entities = new ArrayList<>();
		for (JsonNode element : array) {
			if (element.isObject()) {
				entities.add(attributesOf(element));
			}
			else if (element.isValueNode() && !element.isNull()) {
				entities.add(Map.of("id", element.asText()));
			}
		}
		return new Content(entities, false);
	}

	private static Content slots(JsonNode recommendedItems) {
		List<Map.Entry<Integer, String>> slots = new ArrayList<>();
		recommendedItems.properties().forEach((field) -> {
			Matcher slot = SLOT.matcher(field.getKey());
			if (slot.matches() && field.getValue().isValueNode()) {
				slots.add(Map.entry(Integer.parseInt(slot.group(1)), field.getValue().asText()));
			}
		});
		slots.sort(Map.Entry.comparingByKey(Comparator.naturalOrder()));
		List<Map<String, String>> entities = new ArrayList<>();
		slots.forEach((slot) -> entities.add(Map.of("id", slot.getValue())));
		return new Content(entities, false);
	}

	/**
	 * Scalar attributes by name; designs that kept Target's {@code entity.} prefix in the
	 * names read the same.
	 */
	private static Map<String, String> attributesOf(JsonNode entity) {
		Map<String, String> attributes = new LinkedHashMap<>();
		entity.properties().forEach((field) -> {
			JsonNode value = field.getValue();
			if (value.isValueNode() && !value.isNull()) {
				String name = field.getKey();
				if (name.startsWith(ENTITY_PREFIX)) {
					name = name.substring(ENTITY_PREFIX.length());
				}
				attributes.putIfAbsent(name, value.asText());
			}
		});
		return attributes;
	}

	/**
	 * The entities of one option.
	 *
	 * @param entities attribute maps in the design's order
	 * @param invalid whether the content was there but unreadable
	 */
	record Content(List<Map<String, String>> entities, boolean invalid) {

		static final Content NOTHING = new Content(List.of(), false);

		static final Content INVALID = new Content(List.of(), true);

	}

}

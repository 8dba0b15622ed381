package io.recsbridge.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Get Entity's answer: the entity in the shape the Save Entities API takes. Only the
 * fields used are read; unknown ones are ignored.
 *
 * @param id the entity id
 * @param name the display name
 * @param categories the categories (not shown: Target cannot display them either)
 * @param attributes {@code thumbnailUrl}, {@code pageUrl}, {@code value},
 * {@code inventory}, {@code brand}, {@code message}, {@code margin} and custom attributes
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record CatalogEntity(String id, String name, List<String> categories, Map<String, JsonNode> attributes) {

	/**
	 * The entity's attributes as a design renders them: strings, by their entity names.
	 * Multi-valued custom attributes read as their first value.
	 * @return attribute name to value
	 */
	Map<String, String> rendered() {
		Map<String, String> rendered = new LinkedHashMap<>();
		if (this.attributes != null) {
			this.attributes.forEach((attribute, value) -> {
				JsonNode scalar = (value != null && value.isArray() && !value.isEmpty()) ? value.get(0) : value;
				if (scalar != null && scalar.isValueNode() && !scalar.isNull()) {
					rendered.put(attribute, scalar.asText());
				}
			});
		}
		if (this.name != null) {
			rendered.put("name", this.name);
		}
		return Map.copyOf(rendered);
	}

}

package io.recsbridge.catalog;

import java.util.Map;
import java.util.Optional;

/**
 * What the catalog said about an entity id, as the entity cache keeps it here and in
 * Redis: found with its attributes, or known absent (Get Entity answered 404).
 *
 * @param found whether the catalog has the entity
 * @param attributes its attributes as a design renders them; empty when absent
 */
record KnownEntity(boolean found, Map<String, String> attributes) {

	KnownEntity {
		attributes = (attributes != null) ? Map.copyOf(attributes) : Map.of();
	}

	static KnownEntity of(Optional<Map<String, String>> entity) {
		return new KnownEntity(entity.isPresent(), entity.orElse(Map.of()));
	}

	Optional<Map<String, String>> entity() {
		return this.found ? Optional.of(this.attributes) : Optional.empty();
	}

}

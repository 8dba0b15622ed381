package io.recsbridge.sandbox;

import java.util.List;

/**
 * What a criteria chose for one design.
 *
 * @param keyId the id of the criteria's key item, {@code ""} when it has none
 * @param entities the chosen entities, in the order the design shows them
 */
record Recommendation(String keyId, List<Product> entities) {

	Recommendation {
		entities = List.copyOf(entities);
	}

}

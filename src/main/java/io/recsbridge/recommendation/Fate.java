package io.recsbridge.recommendation;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What became of one entity a design rendered: kept, or why it was dropped. The mapper
 * decides it in one place; the preview shows it.
 */
enum Fate {

	/** In the email, at its rank. */
	KEPT,

	/** The request listed its id in {@code excludedIds}. */
	EXCLUDED,

	/** It is in the cart, which the email shows apart ({@code cart}). */
	IN_CART,

	/** An entity with the same id came earlier. */
	DUPLICATE,

	/**
	 * Its id is a Velocity reference Target left unrendered, such as {@code $entity4.id}.
	 */
	UNRENDERED_PLACEHOLDER,

	/** It has no id at all. */
	NO_ID,

	/** Its known inventory is below the use case's {@code min-inventory}. */
	BELOW_MIN_INVENTORY,

	/** The email already holds {@code maxItems} items. */
	OVER_MAX_ITEMS;

	@JsonValue
	String label() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

}

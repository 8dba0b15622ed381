package io.recsbridge.sandbox;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One catalog entity, with the attributes a Recommendations feed gives Target.
 *
 * @param id the entity id ({@code entity.id}); never contains a comma, since ids travel
 * in comma lists
 * @param name the display name
 * @param categoryId the category, which also decides what goes with the item
 * @param brand the brand
 * @param pageUrl the product page, absolute
 * @param thumbnailUrl the product image, absolute
 * @param value the price as the feed writes it
 * @param inventory units in stock
 * @param message a short merchandising line, possibly empty
 * @param popularity rank among all products, 1 the most popular; orders backup
 * recommendations
 * @param custom the feed's custom attributes, such as {@code category} (a display name:
 * Target cannot display {@code categoryId}), {@code rating} or {@code salePrice}
 */
record Product(String id, String name, String categoryId, String brand, String pageUrl, String thumbnailUrl,
		String value, int inventory, String message, int popularity, Map<String, String> custom) {

	Product {
		custom = (custom != null) ? Map.copyOf(custom) : Map.of();
	}

	/**
	 * The attributes as a design sees them: every value a string, and {@code value}
	 * without trailing zeros, as Target renders it ({@code 35.00} is {@code 35}). Not
	 * {@code categoryId}: Target cannot display it in a design.
	 * @return attribute name to value
	 */
	Map<String, String> attributes() {
		Map<String, String> attributes = new LinkedHashMap<>(this.custom);
		attributes.put("id", this.id);
		attributes.put("name", this.name);
		attributes.put("brand", this.brand);
		attributes.put("pageUrl", this.pageUrl);
		attributes.put("thumbnailUrl", this.thumbnailUrl);
		attributes.put("value", renderedValue(this.value));
		attributes.put("inventory", Integer.toString(this.inventory));
		attributes.put("message", this.message);
		attributes.values().removeIf((value) -> value == null);
		return attributes;
	}

	private static String renderedValue(String value) {
		if (value == null) {
			return null;
		}
		try {
			return new BigDecimal(value).stripTrailingZeros().toPlainString();
		}
		catch (NumberFormatException ex) {
			return value;
		}
	}

}

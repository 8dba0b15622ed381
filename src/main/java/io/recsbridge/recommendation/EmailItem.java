package io.recsbridge.recommendation;

import java.math.BigDecimal;
import java.util.Map;

/**
 * One product in the email, recommended or in the cart. Unknown strings are {@code ""},
 * an unknown price is {@code 0}.
 *
 * @param rank position from 1
 * @param id the catalog id
 * @param name the product name
 * @param imageUrl absolute https URL of the image
 * @param productUrl absolute https URL of the product page, with the use case's tracking
 * parameters
 * @param price the unit price, rounded to the currency's minor unit
 * @param formattedPrice the price as the locale writes it, {@code ""} when unknown
 * @param currency the ISO 4217 code of the price
 * @param category the {@code category} custom attribute (Target cannot display its own
 * {@code categoryId})
 * @param brand the brand
 * @param message the catalog's message attribute
 * @param quantity how many: a cart line's quantity, {@code 0} for a recommendation
 * @param inStock {@code false} only when the catalog says the inventory is 0
 * @param attributes the use case's configured attributes, every one present, {@code ""}
 * when unknown
 */
public record EmailItem(int rank, String id, String name, String imageUrl, String productUrl, BigDecimal price,
		String formattedPrice, String currency, String category, String brand, String message, int quantity,
		boolean inStock, Map<String, String> attributes) {

	EmailItem withRank(int newRank) {
		return new EmailItem(newRank, this.id, this.name, this.imageUrl, this.productUrl, this.price,
				this.formattedPrice, this.currency, this.category, this.brand, this.message, this.quantity,
				this.inStock, this.attributes);
	}

}

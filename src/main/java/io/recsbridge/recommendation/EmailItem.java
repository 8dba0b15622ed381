package io.recsbridge.recommendation;

import java.math.BigDecimal;

/**
 * One product in the email. Unknown strings are {@code ""}, an unknown price is
 * {@code 0}.
 *
 * @param rank position from 1
 * @param id the catalog id
 * @param name the product name
 * @param imageUrl absolute https URL of the image
 * @param productUrl absolute https URL of the product page, with the use case's tracking
 * parameters
 * @param price the price, rounded to the currency's minor unit
 * @param formattedPrice the price as the locale writes it, {@code ""} when unknown
 * @param currency the ISO 4217 code of the price
 * @param category the catalog category
 * @param brand the brand
 * @param message the catalog's message attribute
 */
public record EmailItem(int rank, String id, String name, String imageUrl, String productUrl, BigDecimal price,
		String formattedPrice, String currency, String category, String brand, String message) {

	EmailItem withRank(int newRank) {
		return new EmailItem(newRank, this.id, this.name, this.imageUrl, this.productUrl, this.price,
				this.formattedPrice, this.currency, this.category, this.brand, this.message);
	}

}

package io.recsbridge.recommendation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.Locale;

/**
 * Catalog prices for one answer: Target renders {@code entity.value} as a string with
 * trailing zeros dropped ({@code 35} means 35.00); emails show them the locale's way. Not
 * thread-safe: one per answer.
 */
final class Prices {

	private static final BigDecimal MAX_PRICE = new BigDecimal("1000000000000");

	private final Currency currency;

	private final NumberFormat format;

	Prices(Locale locale, Currency currency) {
		this.currency = currency;
		this.format = NumberFormat.getCurrencyInstance(locale);
		this.format.setCurrency(currency);
		int digits = Math.max(currency.getDefaultFractionDigits(), 0);
		this.format.setMinimumFractionDigits(digits);
		this.format.setMaximumFractionDigits(digits);
	}

	/**
	 * The price a catalog value stands for, rounded to the currency's minor unit.
	 * @param value the rendered {@code entity.value}
	 * @return the price, or {@code null} when the value is not a price
	 */
	BigDecimal parse(String value) {
		if (value.isEmpty() || value.length() > 32) {
			return null;
		}
		try {
			BigDecimal price = new BigDecimal(value);
			if (price.signum() < 0 || price.compareTo(MAX_PRICE) >= 0) {
				return null;
			}
			return price.setScale(Math.max(this.currency.getDefaultFractionDigits(), 0), RoundingMode.HALF_UP);
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	String format(BigDecimal price) {
		return this.format.format(price);
	}

	String currencyCode() {
		return this.currency.getCurrencyCode();
	}

}

package io.recsbridge.recommendation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.List;
import java.util.Locale;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Catalog prices for one answer: Target renders {@code entity.value} as a string with
 * trailing zeros dropped ({@code 35} means 35.00); emails show them the locale's way. Not
 * thread-safe: one per answer.
 */
final class Prices {

	private static final BigDecimal MAX_PRICE = new BigDecimal("1000000000000");

	private final Currency currency;

	private final NumberFormat format;

	/**
	 * A configured format per locale and currency, cloned for each answer: building one
	 * from the locale's data on every answer cost more than the rest of the formatting.
	 * Bounded, as locales come from requests.
	 */
	private static final Cache<List<Object>, NumberFormat> FORMATS = Caffeine.newBuilder().maximumSize(1_000).build();

	Prices(Locale locale, Currency currency) {
		this.currency = currency;
		this.format = (NumberFormat) FORMATS.get(List.of(locale, currency), (key) -> formatFor(locale, currency))
			.clone();
	}

	private static NumberFormat formatFor(Locale locale, Currency currency) {
		NumberFormat format = NumberFormat.getCurrencyInstance(locale);
		format.setCurrency(currency);
		int digits = Math.max(currency.getDefaultFractionDigits(), 0);
		format.setMinimumFractionDigits(digits);
		format.setMaximumFractionDigits(digits);
		return format;
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

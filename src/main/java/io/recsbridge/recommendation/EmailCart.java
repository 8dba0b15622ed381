package io.recsbridge.recommendation;

import java.math.BigDecimal;
import java.util.List;

/**
 * The abandoned cart as the email shows it: the lines AJO sent, in its order, completed
 * from Target's catalog. It depends on the request alone, so it is there whatever Target
 * does.
 *
 * @param hasItems whether the cart has a line
 * @param itemCount how many lines
 * @param items the lines, ranked from 1, each with its quantity
 * @param subtotal the sum of price x quantity of the lines whose price is known
 * @param formattedSubtotal the subtotal as the locale writes it, {@code ""} when no
 * line's price is known
 */
public record EmailCart(boolean hasItems, int itemCount, List<EmailItem> items, BigDecimal subtotal,
		String formattedSubtotal) {

	public EmailCart {
		items = List.copyOf(items);
	}

	static final EmailCart EMPTY = new EmailCart(false, 0, List.of(), BigDecimal.ZERO, "");

}

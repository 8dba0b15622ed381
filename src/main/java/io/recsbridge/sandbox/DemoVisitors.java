package io.recsbridge.sandbox;

import java.util.List;

/**
 * The visitors the sandbox knows from the start, so every use case can be tried with one
 * curl. Their ECIDs are documented in the start-up banner.
 */
final class DemoVisitors {

	/**
	 * Left two winter coats and a sweatshirt in the cart. Target stores no cart: the AJO
	 * event carries it, so the demo requests send {@link #CART}.
	 */
	static final String CART_VISITOR = "45781285307713846961427437541683283427";

	/** The demo AJO event's cart. */
	static final List<String> CART = List.of("coat-alpine-01", "coat-parka-02", "sweat-crew-03");

	/** Browsed without buying. */
	static final String BROWSING_VISITOR = "60198375211487623094512786430915527831";

	/** In the order viewed: the last is the most recent. */
	static final List<String> VIEWS = List.of("knit-merino-01", "boot-chelsea-02", "parka-field-02", "acc-scarf-02");

	/** Never seen: gets popular items. */
	static final String NEW_VISITOR = "30877512946601328475019283746550192837";

	private DemoVisitors() {
	}

	static void seed(VisitorProfiles profiles) {
		VIEWS.forEach((id) -> profiles.recordView(BROWSING_VISITOR, id));
	}

}

package io.recsbridge.recommendation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

import io.recsbridge.identity.PersonIdentity;

/**
 * One AJO call in the bridge's own terms, read once at the door: blank values already
 * absent (see {@link RecommendationRequest}), ids stripped and de-duplicated, the cart as
 * lines, defaults applied, locale and currency parsed. Nothing after the service's first
 * line reads the raw request.
 *
 * @param ecid the ECID sent, or {@code null}
 * @param identities the other identities sent, each with an id
 * @param thirdPartyId the customer id, or {@code null}
 * @param cart the abandoned cart, in the order AJO sent it, unique by id
 * @param excludedIds ids never to show
 * @param maxItems how many recommendations at most
 * @param locale the locale prices are written for
 * @param currency the currency of prices
 */
record EmailRequest(String ecid, List<PersonIdentity> identities, String thirdPartyId, List<CartLine> cart,
		List<String> excludedIds, int maxItems, Locale locale, Currency currency) {

	EmailRequest {
		identities = List.copyOf(identities);
		cart = List.copyOf(cart);
		excludedIds = List.copyOf(excludedIds);
	}

	static EmailRequest of(RecommendationRequest request, UseCase useCase, BridgeProperties properties) {
		List<PersonIdentity> identities = request.identities()
			.stream()
			.map((identity) -> new PersonIdentity(identity.namespace().strip(), identity.id().strip()))
			.toList();
		return new EmailRequest(strip(request.ecid()), identities, strip(request.thirdPartyId()), cartOf(request),
				distinct(request.excludedIds().stream()),
				Objects.requireNonNullElse(request.maxItems(), useCase.defaultMaxItems()),
				(request.locale() != null) ? Locale.forLanguageTag(request.locale().strip().replace('_', '-'))
						: properties.defaultLocale(),
				(request.currency() != null) ? Currency.getInstance(request.currency().strip())
						: properties.defaultCurrency());
	}

	/**
	 * Whether the request names anyone: an ECID or another identity.
	 * @return {@code false} when every identity field was absent or blank
	 */
	boolean namesSomeone() {
		return this.ecid != null || !this.identities.isEmpty();
	}

	/**
	 * The cart's ids, in cart order: what Target's Cart-Based criteria are keyed on.
	 * @return the ids
	 */
	List<String> cartIds() {
		return this.cart.stream().map(CartLine::id).toList();
	}

	/**
	 * The cart: {@code cartItems} as sent, then {@code cartItemIds} not already listed;
	 * the first line of an id wins. A line without an id cannot be shown or looked up.
	 */
	private static List<CartLine> cartOf(RecommendationRequest request) {
		Map<String, CartLine> lines = new LinkedHashMap<>();
		for (RecommendationRequest.CartItem item : request.cartItems()) {
			String id = strip(item.id());
			if (id != null) {
				lines.putIfAbsent(id, new CartLine(id, text(item.name()), text(item.imageUrl()),
						text(item.productUrl()), item.price(), Objects.requireNonNullElse(item.quantity(), 1)));
			}
		}
		for (String id : distinct(request.cartItemIds().stream())) {
			lines.putIfAbsent(id, CartLine.idOnly(id));
		}
		return new ArrayList<>(lines.values());
	}

	private static List<String> distinct(Stream<String> ids) {
		Set<String> distinct = new LinkedHashSet<>();
		ids.map(EmailRequest::strip).filter(Objects::nonNull).forEach(distinct::add);
		return List.copyOf(distinct);
	}

	private static String strip(String value) {
		return (value != null) ? Blank.absent(value.strip()) : null;
	}

	private static String text(String value) {
		return (value != null) ? value.strip() : "";
	}

	/**
	 * One line of the abandoned cart as AJO sent it. Strings not sent are {@code ""}.
	 *
	 * @param id the product id (SKU)
	 * @param name the product name
	 * @param imageUrl the image, as sent (possibly relative)
	 * @param productUrl the product page, as sent (possibly relative)
	 * @param price the unit price, or {@code null} when not sent
	 * @param quantity how many, 1 when not sent
	 */
	record CartLine(String id, String name, String imageUrl, String productUrl, BigDecimal price, int quantity) {

		static CartLine idOnly(String id) {
			return new CartLine(id, "", "", "", null, 1);
		}

	}

}

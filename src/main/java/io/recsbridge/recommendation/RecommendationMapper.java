package io.recsbridge.recommendation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Interner;
import io.recsbridge.target.TargetDecision;
import io.recsbridge.target.TargetOption;

import org.springframework.stereotype.Component;

/**
 * From whatever Target's design rendered to the items an email shows: unique by id,
 * without excluded ids, the cart's own items or unrendered placeholders, ranked from 1,
 * capped, with absolute tracked links and formatted prices; and the cart's lines shaped
 * the same way. Side-effect free.
 */
@Component
class RecommendationMapper {

	/**
	 * One instance of each distinct item, however many answers hold it: shoppers share
	 * products, and the last-good cache keeps 20,000 answers. Heap histograms at the same
	 * point of the same load (20,000 new visitors, then 2,000 connections): 80,000 items
	 * and 957,000 strings before, 4 items and 281,000 strings after, some 70 MB less live
	 * data of a 384 MB heap. Weak: an item no cached answer holds any more is collected.
	 */
	private static final Interner<EmailItem> ITEMS = Interner.newWeakInterner();

	private final DesignContentReader reader;

	private final ProductLinks links;

	RecommendationMapper(ObjectMapper objectMapper, BridgeProperties properties) {
		this.reader = new DesignContentReader(objectMapper);
		this.links = new ProductLinks(properties.catalog());
	}

	Recommendations map(TargetDecision decision, Audience audience) {
		return map(decision, audience, EntityLog.NONE);
	}

	/**
	 * Maps Target's decision, telling the log what became of every entity.
	 * @param decision what Target returned
	 * @param audience who the items are for
	 * @param log hears each entity's fate
	 * @return the items
	 */
	Recommendations map(TargetDecision decision, Audience audience, EntityLog log) {
		Items items = new Items(audience, log);
		boolean invalid = false;
		Map<String, String> tokens = null;
		List<TargetOption> options = decision.options();
		for (int index = 0; index < options.size(); index++) {
			TargetOption option = options.get(index);
			DesignContentReader.Content content = this.reader.read(option);
			invalid |= content.invalid();
			if (tokens == null && !content.entities().isEmpty()) {
				// The activity whose items lead the email is the one credited.
				tokens = option.responseTokens();
			}
			for (Map<String, String> entity : content.entities()) {
				items.add(index, entity);
			}
		}
		return items.result(invalid, (tokens != null) ? tokens : Map.of());
	}

	/**
	 * The abandoned cart's lines as email items: what AJO sent, field by field, over what
	 * the catalog holds. No line is dropped, whatever its inventory.
	 * @param lines the cart
	 * @param catalog catalog attributes by entity id, in the design's names
	 * ({@code thumbnailUrl}, {@code value}...); lines it lacks show what AJO sent
	 * @param audience who the cart is for
	 * @return the cart block
	 */
	EmailCart cart(List<EmailRequest.CartLine> lines, Map<String, Map<String, String>> catalog, Audience audience) {
		return cart(lines, catalog, audience, CartLog.NONE);
	}

	/**
	 * The cart block, telling the log where each line's fields came from.
	 * @param lines the cart
	 * @param catalog catalog attributes by entity id
	 * @param audience who the cart is for
	 * @param log hears each line
	 * @return the cart block
	 */
	EmailCart cart(List<EmailRequest.CartLine> lines, Map<String, Map<String, String>> catalog, Audience audience,
			CartLog log) {
		if (lines.isEmpty()) {
			return EmailCart.EMPTY;
		}
		Prices prices = new Prices(audience.locale(), audience.currency());
		List<EmailItem> items = new ArrayList<>(lines.size());
		BigDecimal subtotal = BigDecimal.ZERO;
		boolean priced = false;
		for (EmailRequest.CartLine line : lines) {
			Map<String, String> known = catalog.getOrDefault(line.id(), Map.of());
			Map<String, String> sent = new LinkedHashMap<>();
			putIfSent(sent, "name", line.name());
			putIfSent(sent, "thumbnailUrl", line.imageUrl());
			putIfSent(sent, "pageUrl", line.productUrl());
			if (line.price() != null) {
				sent.put("value", line.price().toPlainString());
			}
			Map<String, String> entity = new HashMap<>(known);
			entity.put("id", line.id());
			entity.putAll(sent);
			if (log != CartLog.NONE) {
				Map<String, String> fromCatalog = new LinkedHashMap<>(known);
				fromCatalog.keySet().removeAll(sent.keySet());
				fromCatalog.remove("id");
				log.shaped(line, sent, fromCatalog);
			}
			BigDecimal price = prices.parse(attribute(entity, "value"));
			items.add(shape(entity, items.size() + 1, audience.useCase(), prices, price, line.quantity()));
			if (price != null) {
				subtotal = subtotal.add(price.multiply(BigDecimal.valueOf(line.quantity())));
				priced = true;
			}
		}
		return new EmailCart(true, items.size(), items, subtotal, priced ? prices.format(subtotal) : "");
	}

	private static void putIfSent(Map<String, String> entity, String name, String value) {
		if (!value.isEmpty()) {
			entity.put(name, value);
		}
	}

	/**
	 * Collects shaped items: unique, never excluded or in the cart, ranked, capped. Every
	 * entity's fate is decided here, in one place, and told to the log.
	 */
	private final class Items {

		private final Audience audience;

		private final EntityLog log;

		private final Prices prices;

		private final Set<String> seen = new HashSet<>();

		private final List<EmailItem> items = new ArrayList<>();

		Items(Audience audience, EntityLog log) {
			this.audience = audience;
			this.log = log;
			this.prices = new Prices(audience.locale(), audience.currency());
		}

		void add(int option, Map<String, String> entity) {
			String id = rawValue(entity, "id");
			Fate fate = fateOf(id, entity);
			int rank = 0;
			if (fate == Fate.KEPT) {
				this.seen.add(id);
				rank = this.items.size() + 1;
				this.items.add(shape(entity, rank, this.audience.useCase(), this.prices,
						this.prices.parse(attribute(entity, "value")), 0));
			}
			this.log.decided(option, entity, fate, rank);
		}

		private Fate fateOf(String id, Map<String, String> entity) {
			if (id.isEmpty()) {
				return Fate.NO_ID;
			}
			if (Placeholders.containsReference(id)) {
				return Fate.UNRENDERED_PLACEHOLDER;
			}
			if (this.audience.excludedIds().contains(id)) {
				return Fate.EXCLUDED;
			}
			if (this.audience.cartIds().contains(id)) {
				return Fate.IN_CART;
			}
			if (this.seen.contains(id)) {
				return Fate.DUPLICATE;
			}
			Integer minInventory = this.audience.useCase().minInventory();
			BigDecimal inventory = inventoryOf(entity);
			if (minInventory != null && inventory != null
					&& inventory.compareTo(BigDecimal.valueOf(minInventory)) < 0) {
				return Fate.BELOW_MIN_INVENTORY;
			}
			if (this.items.size() >= this.audience.maxItems()) {
				return Fate.OVER_MAX_ITEMS;
			}
			return Fate.KEPT;
		}

		Recommendations result(boolean invalid, Map<String, String> tokens) {
			Reason reason = Reason.NONE;
			if (this.items.isEmpty()) {
				reason = invalid ? Reason.INVALID_CONTENT : Reason.NO_RECOMMENDATIONS;
			}
			return new Recommendations(this.items, reason, tokens.getOrDefault("activity.id", ""),
					tokens.getOrDefault("activity.name", ""), tokens.getOrDefault("experience.name", ""));
		}

	}

	private EmailItem shape(Map<String, String> entity, int rank, UseCase useCase, Prices prices, BigDecimal price,
			int quantity) {
		BigDecimal inventory = inventoryOf(entity);
		Map<String, String> attributes = new LinkedHashMap<>();
		useCase.attributes().forEach((name) -> attributes.put(name, attribute(entity, name)));
		return ITEMS.intern(new EmailItem(rank, attribute(entity, "id"), attribute(entity, "name"),
				this.links.image(attribute(entity, "thumbnailUrl")),
				this.links.product(attribute(entity, "pageUrl"), useCase.encodedTracking()),
				(price != null) ? price : BigDecimal.ZERO, (price != null) ? prices.format(price) : "",
				prices.currencyCode(), attribute(entity, "category"), attribute(entity, "brand"),
				attribute(entity, "message"), quantity, inventory == null || inventory.signum() > 0,
				Collections.unmodifiableMap(attributes)));
	}

	/**
	 * The entity's inventory, or {@code null} when the design or catalog does not say.
	 */
	private static BigDecimal inventoryOf(Map<String, String> entity) {
		String inventory = attribute(entity, "inventory");
		if (inventory.isEmpty() || inventory.length() > 32) {
			return null;
		}
		try {
			return new BigDecimal(inventory);
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	/**
	 * An attribute's rendered value, or {@code ""} when absent or left unrendered.
	 */
	private static String attribute(Map<String, String> entity, String name) {
		String value = rawValue(entity, name);
		return Placeholders.containsReference(value) ? "" : value;
	}

	private static String rawValue(Map<String, String> entity, String name) {
		String value = entity.get(name);
		return (value != null) ? value.strip() : "";
	}

	/**
	 * Who the items are for and how many they may be.
	 *
	 * @param useCase the use case
	 * @param excludedIds ids never to show
	 * @param cartIds the cart's ids, never shown among the recommendations
	 * @param maxItems the cap
	 * @param locale the locale prices are written for
	 * @param currency the currency of prices
	 */
	record Audience(UseCase useCase, Set<String> excludedIds, Set<String> cartIds, int maxItems, Locale locale,
			Currency currency) {

		Audience {
			excludedIds = Set.copyOf(excludedIds);
			cartIds = Set.copyOf(cartIds);
		}

		static Audience of(UseCase useCase, EmailRequest request) {
			return new Audience(useCase, new HashSet<>(request.excludedIds()), new HashSet<>(request.cartIds()),
					request.maxItems(), request.locale(), request.currency());
		}

	}

	/**
	 * The mapped answer.
	 *
	 * @param items the items, ranked
	 * @param reason {@link Reason#NONE}, or why there are no items
	 * @param activityId from the {@code activity.id} response token
	 * @param activityName from {@code activity.name}
	 * @param experienceName from {@code experience.name}
	 */
	record Recommendations(List<EmailItem> items, Reason reason, String activityId, String activityName,
			String experienceName) {

		Recommendations {
			items = List.copyOf(items);
		}

		static Recommendations none(Reason reason) {
			return new Recommendations(List.of(), reason, "", "", "");
		}

	}

}

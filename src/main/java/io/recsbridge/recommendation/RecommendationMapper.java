package io.recsbridge.recommendation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Interner;
import io.recsbridge.target.TargetDecision;
import io.recsbridge.target.TargetOption;

import org.springframework.stereotype.Component;

/**
 * From whatever Target's design rendered to the items an email shows: unique by id,
 * without excluded ids or unrendered placeholders, ranked from 1, capped, with absolute
 * tracked links and formatted prices. Side-effect free.
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
	 * The abandoned cart's own lines as email items, for when Target cannot say more.
	 * @param cartItems the lines AJO sent
	 * @param audience who they are for
	 * @return the items, with the same rules as Target's
	 */
	Recommendations fromCart(List<RecommendationRequest.CartItem> cartItems, Audience audience) {
		return fromCart(cartItems, audience, EntityLog.NONE);
	}

	/**
	 * The cart's lines as email items, telling the log what became of each.
	 * @param cartItems the lines AJO sent
	 * @param audience who they are for
	 * @param log hears each line's fate
	 * @return the items
	 */
	Recommendations fromCart(List<RecommendationRequest.CartItem> cartItems, Audience audience, EntityLog log) {
		Items items = new Items(audience, log);
		for (RecommendationRequest.CartItem line : cartItems) {
			Map<String, String> entity = new HashMap<>();
			putIfPresent(entity, "id", line.id());
			putIfPresent(entity, "name", line.name());
			putIfPresent(entity, "thumbnailUrl", line.imageUrl());
			putIfPresent(entity, "pageUrl", line.productUrl());
			putIfPresent(entity, "value", (line.price() != null) ? line.price().toPlainString() : null);
			items.add(0, entity);
		}
		return items.result(false, Map.of());
	}

	private static void putIfPresent(Map<String, String> entity, String name, String value) {
		if (value != null) {
			entity.put(name, value);
		}
	}

	/**
	 * Collects shaped items: unique, never excluded, ranked, capped. Every entity's fate
	 * is decided here, in one place, and told to the log.
	 */
	private final class Items {

		private final Audience audience;

		private final EntityLog log;

		private final Prices prices;

		private final Set<String> excluded;

		private final Set<String> seen = new HashSet<>();

		private final List<EmailItem> items = new ArrayList<>();

		Items(Audience audience, EntityLog log) {
			this.audience = audience;
			this.log = log;
			this.prices = new Prices(audience.locale(), audience.currency());
			this.excluded = new HashSet<>(audience.excludedIds());
		}

		void add(int option, Map<String, String> entity) {
			Fate fate = fateOf(entity);
			int rank = 0;
			if (fate == Fate.KEPT) {
				rank = this.items.size() + 1;
				this.items.add(shape(entity, rank, this.audience.useCase(), this.prices));
			}
			this.log.decided(option, entity, fate, rank);
		}

		private Fate fateOf(Map<String, String> entity) {
			String id = entity.get("id");
			id = (id != null) ? id.strip() : "";
			if (id.isEmpty()) {
				return Fate.NO_ID;
			}
			if (Placeholders.containsReference(id)) {
				return Fate.UNRENDERED_PLACEHOLDER;
			}
			if (this.excluded.contains(id)) {
				return Fate.EXCLUDED;
			}
			if (!this.seen.add(id)) {
				return Fate.DUPLICATE;
			}
			return (this.items.size() < this.audience.maxItems()) ? Fate.KEPT : Fate.OVER_MAX_ITEMS;
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

	private EmailItem shape(Map<String, String> entity, int rank, UseCase useCase, Prices prices) {
		String id = attribute(entity, "id");
		BigDecimal price = prices.parse(attribute(entity, "value"));
		return ITEMS.intern(
				new EmailItem(rank, id, attribute(entity, "name"), this.links.image(attribute(entity, "thumbnailUrl")),
						this.links.product(attribute(entity, "pageUrl"), useCase.encodedTracking()),
						(price != null) ? price : BigDecimal.ZERO, (price != null) ? prices.format(price) : "",
						prices.currencyCode(), firstCategory(attribute(entity, "categoryId")),
						attribute(entity, "brand"), attribute(entity, "message")));
	}

	/**
	 * An attribute's rendered value, or {@code ""} when absent or left unrendered.
	 */
	private static String attribute(Map<String, String> entity, String name) {
		String value = entity.get(name);
		if (value == null) {
			return "";
		}
		value = value.strip();
		return Placeholders.containsReference(value) ? "" : value;
	}

	/** Target lists several categories comma-separated; an email shows one. */
	private static String firstCategory(String categoryIds) {
		int comma = categoryIds.indexOf(',');
		return (comma < 0) ? categoryIds : categoryIds.substring(0, comma).strip();
	}

	/**
	 * Who the items are for and how many they may be.
	 *
	 * @param useCase the use case
	 * @param excludedIds ids never to show
	 * @param maxItems the cap
	 * @param locale the locale prices are written for
	 * @param currency the currency of prices
	 */
	record Audience(UseCase useCase, List<String> excludedIds, int maxItems, java.util.Locale locale,
			java.util.Currency currency) {
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

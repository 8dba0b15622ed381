package io.recsbridge.recommendation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
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

	private final DesignContentReader reader;

	private final ProductLinks links;

	RecommendationMapper(ObjectMapper objectMapper, BridgeProperties properties) {
		this.reader = new DesignContentReader(objectMapper);
		this.links = new ProductLinks(properties.catalog());
	}

	Recommendations map(TargetDecision decision, Audience audience) {
		Prices prices = new Prices(audience.locale(), audience.currency());
		Set<String> seen = new LinkedHashSet<>(audience.excludedIds());
		List<EmailItem> items = new ArrayList<>();
		boolean invalid = false;
		Map<String, String> tokens = null;
		for (TargetOption option : decision.options()) {
			DesignContentReader.Content content = this.reader.read(option);
			invalid |= content.invalid();
			if (tokens == null && !content.entities().isEmpty()) {
				// The activity whose items lead the email is the one credited.
				tokens = option.responseTokens();
			}
			for (Map<String, String> entity : content.entities()) {
				if (items.size() == audience.maxItems()) {
					break;
				}
				EmailItem item = shape(entity, items.size() + 1, audience.useCase(), prices);
				if (item != null && seen.add(item.id())) {
					items.add(item);
				}
			}
		}
		if (tokens == null) {
			tokens = Map.of();
		}
		Reason reason = Reason.NONE;
		if (items.isEmpty()) {
			reason = invalid ? Reason.INVALID_CONTENT : Reason.NO_RECOMMENDATIONS;
		}
		return new Recommendations(items, reason, tokens.getOrDefault("activity.id", ""),
				tokens.getOrDefault("activity.name", ""), tokens.getOrDefault("experience.name", ""));
	}

	private EmailItem shape(Map<String, String> entity, int rank, UseCase useCase, Prices prices) {
		String id = attribute(entity, "id");
		if (id.isEmpty()) {
			return null;
		}
		BigDecimal price = prices.parse(attribute(entity, "value"));
		return new EmailItem(rank, id, attribute(entity, "name"), this.links.image(attribute(entity, "thumbnailUrl")),
				this.links.product(attribute(entity, "pageUrl"), useCase.encodedTracking()),
				(price != null) ? price : BigDecimal.ZERO, (price != null) ? prices.format(price) : "",
				prices.currencyCode(), firstCategory(attribute(entity, "categoryId")), attribute(entity, "brand"),
				attribute(entity, "message"));
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
	}

}

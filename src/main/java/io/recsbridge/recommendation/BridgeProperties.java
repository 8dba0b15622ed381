package io.recsbridge.recommendation;

import java.net.URI;
import java.time.Duration;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import org.hibernate.validator.constraints.time.DurationMin;

import io.recsbridge.target.RequestBudget;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;
import org.springframework.validation.annotation.Validated;

/**
 * What the bridge answers and how. Environment variables {@code BRIDGE_*} bind here.
 *
 * @param deadline the whole request's budget ({@code BRIDGE_DEADLINE})
 * @param useCases the use cases by name, the path segment AJO calls
 * @param catalog how catalog URLs become absolute
 * @param defaultLocale prices are formatted for this locale when the request names none
 * @param defaultCurrency prices are in this currency when the request names none
 * @param answerReserve what the deadline keeps back for answering once it stops waiting
 * on Target: mapping, a fallback, writing the response
 * @param cacheTtl how long a fresh answer is served from cache; zero turns caching off
 * ({@code BRIDGE_CACHE_TTL})
 * @param cacheStaleTtl how long a last-good answer may stand in when Target fails
 * ({@code BRIDGE_CACHE_STALE_TTL})
 * @param cacheMaxEntries bound on fresh answers kept
 * @param cacheStaleMaxEntries bound on last-good answers kept
 */
@Validated
@ConfigurationProperties("bridge")
public record BridgeProperties(@DefaultValue("700ms") @NotNull @DurationMin(millis = 1) Duration deadline,
		@NotEmpty Map<String, @Valid UseCaseProperties> useCases, @DefaultValue @Valid Catalog catalog,
		@DefaultValue("en-US") @NotNull Locale defaultLocale, @DefaultValue("USD") @NotNull Currency defaultCurrency,
		@DefaultValue("20ms") @NotNull Duration answerReserve, @DefaultValue("5m") @NotNull Duration cacheTtl,
		@DefaultValue("24h") @NotNull Duration cacheStaleTtl,
		@DefaultValue("10000") @PositiveOrZero long cacheMaxEntries,
		@DefaultValue("20000") @PositiveOrZero long cacheStaleMaxEntries) implements RequestBudget {

	/**
	 * One use case: which mbox renders it and how its links are tagged.
	 *
	 * @param mbox the Target mbox whose Recommendations activity renders the items
	 * @param maxItems items returned when the request does not say
	 * @param tracking query parameters added to every product link, such as
	 * {@code utm_campaign}
	 * @param fallback what to answer when Target fails and no last-good answer exists
	 * @param staticItems for the {@code static} fallback: a JSON file in the design's
	 * shape, {@code {"items": [{"id": ..., "name": ...}]}}
	 * @param emailTemplate the AJO email template the preview renders (Handlebars, as in
	 * {@code openapi/ajo}); unset uses the kit's {@code <use case>-email.html} if there
	 * is one
	 * @param attributes extra entity attributes every item carries under
	 * {@code attributes}, each present ({@code ""} when unknown): custom attributes the
	 * design renders or the catalog holds, such as {@code salePrice}
	 * @param minInventory a recommended entity whose known inventory is below this is not
	 * shown; unset, inventory hides nothing (cart lines are never hidden)
	 */
	public record UseCaseProperties(@NotBlank String mbox, @DefaultValue("4") @Min(1) @Max(20) int maxItems,
			@DefaultValue Map<String, String> tracking, @DefaultValue("empty") @NotNull FallbackPolicy fallback,
			Resource staticItems, Resource emailTemplate,
			@DefaultValue List<@NotBlank @Pattern(regexp = "[A-Za-z0-9_.-]{1,64}",
					message = "must be an entity attribute name") String> attributes,
			Integer minInventory) {
	}

	/**
	 * Catalogs often hold relative URLs; emails need absolute ones.
	 *
	 * @param imageBaseUrl base for relative {@code thumbnailUrl}s
	 * ({@code BRIDGE_CATALOG_IMAGE_BASE_URL})
	 * @param productBaseUrl base for relative {@code pageUrl}s
	 * ({@code BRIDGE_CATALOG_PRODUCT_BASE_URL})
	 */
	public record Catalog(URI imageBaseUrl, URI productBaseUrl) {
	}

}

package io.recsbridge.recommendation;

import java.math.BigDecimal;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * What an AJO custom action sends, as a JSON body or as query parameters; field types are
 * ones AJO's payload editor can produce. Every field is optional, and AJO sends
 * {@code ""} for a field whose source is empty: such strings (and blank list entries, and
 * identities without an id) are read as not sent, before validation, so only a non-blank
 * value can be invalid. A request naming nobody is answered, not refused (AJO would retry
 * a 400 three times for nothing). {@link EmailRequest} is what the rest of the bridge
 * reads.
 *
 * @param ecid the visitor's Experience Cloud ID, 38 digits
 * @param identities other identities of the person
 * @param thirdPartyId the customer id Target merges profiles by
 * @param cartItemIds the abandoned cart's item ids
 * @param cartItems the abandoned cart's lines, as the AJO event carried them
 * @param excludedIds items never to show
 * @param maxItems how many items at most; the use case's default when absent
 * @param locale BCP 47 language tag for prices, such as {@code en-US}
 * @param currency ISO 4217 code for prices, such as {@code USD}
 * @param journeyId correlation only
 * @param journeyVersionId correlation only
 * @param actionId correlation only
 */
@EcidsWellFormed
public record RecommendationRequest(@Pattern(regexp = Limits.ECID, message = Limits.ECID_MESSAGE) String ecid,
		@Size(max = Limits.MAX_LIST) List<@NotNull @Valid Identity> identities,
		@Size(max = 128) @Pattern(regexp = Limits.PRINTABLE, message = Limits.PRINTABLE_MESSAGE) String thirdPartyId,
		@Size(max = Limits.MAX_LIST) List<@NotNull @Size(max = Limits.MAX_STRING) @Pattern(regexp = Limits.ITEM_ID,
				message = Limits.ITEM_ID_MESSAGE) String> cartItemIds,
		@Size(max = Limits.MAX_LIST) List<@NotNull @Valid CartItem> cartItems,
		@Size(max = Limits.MAX_LIST) List<@NotNull @Size(max = Limits.MAX_STRING) @Pattern(regexp = Limits.ITEM_ID,
				message = Limits.ITEM_ID_MESSAGE) String> excludedIds,
		@Min(1) @Max(Limits.MAX_ITEMS) Integer maxItems,
		@Size(max = 35) @Pattern(regexp = Limits.LOCALE,
				message = "must be a language tag such as en-US") String locale,
		@Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as USD") @KnownCurrency String currency,
		@Size(max = Limits.MAX_STRING) String journeyId, @Size(max = Limits.MAX_STRING) String journeyVersionId,
		@Size(max = Limits.MAX_STRING) String actionId) {

	public RecommendationRequest {
		ecid = Blank.absent(ecid);
		thirdPartyId = Blank.absent(thirdPartyId);
		locale = Blank.absent(locale);
		currency = Blank.absent(currency);
		journeyId = Blank.absent(journeyId);
		journeyVersionId = Blank.absent(journeyVersionId);
		actionId = Blank.absent(actionId);
		identities = Blank.without(identities, (identity) -> identity != null && identity.id() == null);
		cartItemIds = Blank.without(cartItemIds, Blank::isBlank);
		cartItems = Blank.without(cartItems, (line) -> line != null && line.isBlank());
		excludedIds = Blank.without(excludedIds, Blank::isBlank);
	}

	/**
	 * Another identifier of the person, in an identity namespace.
	 *
	 * @param namespace {@code ECID}, {@code Email}, {@code CRMID}, {@code Phone} or a
	 * custom namespace code
	 * @param id the identifier in that namespace
	 */
	public record Identity(@NotNull(message = "is required with an id") @Size(max = 64) String namespace,
			@NotNull @Size(max = Limits.MAX_STRING) String id) {

		public Identity {
			namespace = Blank.absent(namespace);
			id = Blank.absent(id);
		}

	}

	/**
	 * One line of the abandoned cart, as AJO's commerce event carries it.
	 *
	 * @param id the product id (the SKU)
	 * @param name the product name
	 * @param imageUrl the product image
	 * @param productUrl the product page
	 * @param price the unit price
	 * @param quantity how many were in the cart
	 */
	public record CartItem(
			@Size(max = Limits.MAX_STRING) @Pattern(regexp = Limits.ITEM_ID,
					message = Limits.ITEM_ID_MESSAGE) String id,
			@Size(max = Limits.MAX_STRING) String name, @Size(max = Limits.MAX_URL) String imageUrl,
			@Size(max = Limits.MAX_URL) String productUrl,
			@DecimalMin("0") @Digits(integer = 12, fraction = 4) BigDecimal price,
			@Min(0) @Max(100_000) Integer quantity) {

		public CartItem {
			id = Blank.absent(id);
			name = Blank.absent(name);
			imageUrl = Blank.absent(imageUrl);
			productUrl = Blank.absent(productUrl);
		}

		/** Every field blank or absent: an empty line of the event, not a cart line. */
		boolean isBlank() {
			return this.id == null && this.name == null && this.imageUrl == null && this.productUrl == null
					&& this.price == null && this.quantity == null;
		}

	}

}
